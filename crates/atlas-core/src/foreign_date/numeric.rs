//! Dates written in numbers: ISO 8601 (with or without a time), epoch
//! milliseconds, slashed day/month dates, and the marks of an approximate date.

use super::{Ambiguity, Piece, Refusal};
use crate::date::{DateError, HistDate};

/// Strips the marks of an approximate date: `~1850`, `1850~`, `1850?`,
/// `c. 1850`, `ca 1850`, `circa 1850`, `约1850`; says whether there was one.
pub(super) fn approximate(text: &str) -> (&str, bool) {
    let mut core = text;
    for prefix in ["circa", "approx.", "ca.", "ca", "c.", "~", "约", "c"] {
        if let Some(rest) = strip_prefix_ignore_case(core, prefix) {
            let rest_trimmed = rest.trim_start();
            // "c1850" is circa, but OpenStreetMap's "C18" is a century and "cat" a word.
            let digits = rest_trimmed.bytes().take_while(u8::is_ascii_digit).count();
            let follows = match prefix {
                "c" | "ca" => digits >= 3 || rest.starts_with(' ') && digits > 0,
                "~" | "约" => true,
                _ => digits > 0,
            };
            if follows {
                core = rest_trimmed;
                break;
            }
        }
    }
    let core = core.trim_end_matches(['~', '?']).trim_end();
    (core, core.len() != text.len())
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// Ten or more digits, possibly signed: epoch milliseconds written as text.
pub(super) fn is_epoch_digits(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    digits.len() >= 10 && digits.bytes().all(|b| b.is_ascii_digit())
}

/// The UTC calendar day of an instant in epoch milliseconds.
pub(super) fn epoch_ms(ms: f64) -> Result<HistDate, Refusal> {
    if !ms.is_finite() {
        return Err(Refusal::Unreadable);
    }
    let days = (ms / 86_400_000.0).floor();
    // Past ±9999 our dates cannot be written (JavaScript's Date stops near ±275,000 anyway).
    if days.abs() > 5_000_000.0 {
        return Err(Refusal::Unreadable);
    }
    let (year, month, day) = civil_from_days(days as i64);
    // The proleptic Gregorian year 0 is 1 BCE in the historians' count.
    let year = if year <= 0 { year - 1 } else { year };
    if year.abs() > 9999 {
        return Err(Refusal::Unreadable);
    }
    HistDate::new(year as i32, Some(month), Some(day)).map_err(Refusal::Impossible)
}

/// Days since 1970-01-01 → (astronomical year, month, day): Howard Hinnant's
/// `civil_from_days`. date.rs has no day count, so this is the one place it lives.
fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// An ISO 8601 date (`1850`, `2010-05`, `-0221`), a date-time whose time is
/// dropped as written, without converting to UTC (`2024-05-01T12:30:00+08:00`
/// is 1 May), or a range of two (`1855..1860` from OpenStreetMap,
/// `2013-01-01/2013-12-31` from Leaflet.TimeDimension). `None` when the text
/// is not in this shape at all.
pub(super) fn iso_range(text: &str) -> Option<Result<Piece, Refusal>> {
    // Both ends must have four-digit years, or "12/1863" (a month) would be the years 12–1863.
    let full_year = |t: &str| {
        let t = t.trim();
        let t = t.strip_prefix('-').unwrap_or(t);
        t.len() >= 4 && t.bytes().take(4).all(|b| b.is_ascii_digit())
    };
    for separator in ["..", "/"] {
        if let Some((a, b)) = text
            .split_once(separator)
            .filter(|(a, b)| full_year(a) && full_year(b))
        {
            let (Some(a), Some(b)) = (iso(a.trim()), iso(b.trim())) else {
                continue;
            };
            return Some(match (a, b) {
                (Ok(a), Ok(b)) if b < a => Err(Refusal::Unreadable),
                (Ok(a), Ok(b)) => Ok(Piece::span(a, b)),
                (Err(e), _) | (_, Err(e)) => Err(Refusal::Impossible(e)),
            });
        }
    }
    iso(text).map(|r| r.map(Piece::on).map_err(Refusal::Impossible))
}

fn iso(text: &str) -> Option<Result<HistDate, DateError>> {
    let date = without_time(text);
    let unsigned = date.strip_prefix('-').unwrap_or(date);
    let mut parts = unsigned.split('-');
    let year = parts.next()?;
    let shaped = (1..=4).contains(&year.len())
        && year.bytes().all(|b| b.is_ascii_digit())
        && parts.all(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()));
    shaped.then(|| date.parse())
}

/// The date part of a date-time: `2013-01-01T00:00:00Z`, `1850-05-01 12:00`,
/// `3/4/1863 14:30`.
fn without_time(text: &str) -> &str {
    match text.find(['T', ' ']) {
        Some(at) if at >= 4 => {
            let time = &text[at + 1..];
            let hours = time.bytes().take_while(u8::is_ascii_digit).count();
            if (1..=2).contains(&hours) && time[hours..].starts_with(':') {
                &text[..at]
            } else {
                text
            }
        }
        _ => text,
    }
}

/// Numeric dates with the year last, `M/D/YYYY` or `D/M/YYYY` (also with `-`
/// or `.`), as spreadsheets export them, or with the year first
/// (`1863/03/04`, `1863.03.04`, common in Chinese sources), or a month
/// (`3/1863`). `None` when the text is not in this shape.
pub(super) fn slashed(text: &str) -> Option<Result<Piece, Refusal>> {
    let date = without_time(text);
    let separator = date.chars().find(|c| matches!(c, '/' | '-' | '.'))?;
    let parts: Vec<&str> = date.split(separator).collect();
    let number = |p: &str, len: std::ops::RangeInclusive<usize>| {
        (len.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    if let [month, year] = parts[..] {
        let (month, year) = (number(month, 1..=2)?, number(year, 4..=4)?);
        let month = u8::try_from(month).unwrap_or(u8::MAX);
        let read = HistDate::new(year as i32, Some(month), None);
        return Some(read.map(Piece::on).map_err(Refusal::Impossible));
    }
    let [a, b, c] = parts[..] else { return None };
    if let (Some(year), Some(month), Some(day)) =
        (number(a, 4..=4), number(b, 1..=2), number(c, 1..=2))
    {
        return Some(
            make_date(year, month, day)
                .map(Piece::on)
                .map_err(Refusal::Impossible),
        );
    }
    let (first, second, year) = (number(a, 1..=2)?, number(b, 1..=2)?, number(c, 4..=4)?);
    let month_first = make_date(year, first, second);
    let day_first = make_date(year, second, first);
    Some(match (first > 12, second > 12) {
        (true, true) => Err(Refusal::Impossible(DateError::Month(first.min(second)))),
        (true, false) => day_first.map(Piece::on).map_err(Refusal::Impossible),
        (false, true) => month_first.map(Piece::on).map_err(Refusal::Impossible),
        (false, false) => match (month_first, day_first) {
            (Ok(chosen), Ok(other)) if chosen != other => Ok(Piece {
                ambiguous: Some(Ambiguity {
                    key: "",
                    text: text.to_owned(),
                    chosen,
                    other,
                }),
                ..Piece::on(chosen)
            }),
            (Ok(chosen), _) => Ok(Piece::on(chosen)),
            (Err(e), _) => Err(Refusal::Impossible(e)),
        },
    })
}

fn make_date(year: u32, month: u32, day: u32) -> Result<HistDate, DateError> {
    let month = u8::try_from(month).map_err(|_| DateError::Month(month))?;
    let day = u8::try_from(day).unwrap_or(u8::MAX);
    HistDate::new(year as i32, Some(month), Some(day))
}
