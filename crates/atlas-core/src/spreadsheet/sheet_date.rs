//! Dates as curators type them into a spreadsheet: the dataset's own forms
//! (`1939`, `1939-06`, `1939-06-24`, `-221`), Chinese (`1939年6月24日`,
//! `1939年6月`, `公元前221年`), and day first with slashes or dots
//! (`24/06/1939`, `24.6.1939`, `06/1939`), as Chinese and European
//! spreadsheets write them. Day first is a rule, not a guess: `03/04/1939`
//! is 3 April 1939 (docs/spreadsheet.md says so).
//!
//! A leading `c.`, `ca.`, `circa`, `~` or `约` marks the date approximate.

use crate::date::{DateError, HistDate};

/// A date read from a cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SheetDate {
    /// The date, as precise as written.
    pub date: HistDate,
    /// Written as approximate (`约1939年`, `c. 1939`).
    pub circa: bool,
}

/// Reads a date cell.
pub fn parse_sheet_date(text: &str) -> Result<SheetDate, DateError> {
    let trimmed = text.trim();
    let form = || DateError::Form(trimmed.to_owned());
    let (rest, circa) = strip_circa(trimmed);
    let date = if rest.contains('年') {
        chinese(rest).ok_or_else(form)??
    } else if rest.contains(['/', '.']) {
        day_first(rest).ok_or_else(form)??
    } else {
        rest.parse::<HistDate>().map_err(|e| match e {
            DateError::Form(_) => form(),
            other => other,
        })?
    };
    Ok(SheetDate { date, circa })
}

fn strip_circa(text: &str) -> (&str, bool) {
    for prefix in ["circa", "ca.", "c.", "~", "大约", "约"] {
        let head = text.get(..prefix.len());
        if head.is_some_and(|h| h.eq_ignore_ascii_case(prefix)) {
            return (text[prefix.len()..].trim_start(), true);
        }
    }
    (text, false)
}

/// Builds a date from numbers as written, so `1939年13月` says "month 13"
/// rather than failing on the number's size.
fn from_parts(year: i64, month: Option<u32>, day: Option<u32>) -> Result<HistDate, DateError> {
    if year == 0 {
        return Err(DateError::YearZero);
    }
    let year = year as i32;
    let month = match month {
        Some(m) if (1..=12).contains(&m) => Some(m as u8),
        Some(m) => return Err(DateError::Month(m)),
        None => None,
    };
    let day = match (month, day) {
        (Some(m), Some(d)) if d == 0 || d > 31 => {
            return Err(DateError::Day {
                year,
                month: m,
                day: d,
            })
        }
        (_, d) => d.map(|d| d as u8),
    };
    HistDate::new(year, month, day)
}

/// Digits only, at most `max` of them.
fn number(text: &str, max: usize) -> Option<u32> {
    let text = text.trim();
    (!text.is_empty() && text.len() <= max && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

/// `1939年6月24日`, `1939年6月`, `1939年`, `公元前221年`; `None` when not of that shape.
fn chinese(text: &str) -> Option<Result<HistDate, DateError>> {
    let (negative, text) = match text.strip_prefix("公元前") {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix("公元").unwrap_or(text)),
    };
    let (year, rest) = text.split_once('年')?;
    let year = number(year, 4)? as i64;
    let year = if negative { -year } else { year };
    let (month, rest) = match rest.split_once('月') {
        Some((m, rest)) => (Some(number(m, 2)?), rest),
        None if rest.trim().is_empty() => (None, ""),
        None => return None,
    };
    let day = match rest.trim() {
        "" => None,
        d => Some(number(d.strip_suffix(['日', '号'])?, 2)?),
    };
    Some(from_parts(year, month, day))
}

/// `24/06/1939`, `24.6.1939`, `06/1939`: day (if any), month, year.
fn day_first(text: &str) -> Option<Result<HistDate, DateError>> {
    let separator = if text.contains('/') { '/' } else { '.' };
    let parts: Vec<&str> = text.split(separator).collect();
    let (day, month, year) = match parts.as_slice() {
        [d, m, y] => (Some(number(d, 2)?), number(m, 2)?, y),
        [m, y] => (None, number(m, 2)?, y),
        _ => return None,
    };
    // Four digits: `24/06/39` could be 1939 or 2039, so it is not guessed.
    let year = number(year, 4).filter(|_| year.trim().len() == 4)?;
    Some(from_parts(year as i64, Some(month), day))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(text: &str) -> Result<SheetDate, DateError> {
        parse_sheet_date(text)
    }

    fn on(y: i32, m: Option<u8>, d: Option<u8>) -> HistDate {
        HistDate::new(y, m, d).unwrap()
    }

    #[test]
    fn the_datasets_own_forms_are_read() {
        assert_eq!(date("1939").unwrap().date, on(1939, None, None));
        assert_eq!(date("1939-06").unwrap().date, on(1939, Some(6), None));
        assert_eq!(
            date(" 1939-06-24 ").unwrap().date,
            on(1939, Some(6), Some(24))
        );
        assert_eq!(date("-221").unwrap().date, on(-221, None, None));
    }

    #[test]
    fn chinese_dates_are_read() {
        assert_eq!(
            date("1939年6月24日").unwrap().date,
            on(1939, Some(6), Some(24))
        );
        assert_eq!(date("1939年6月").unwrap().date, on(1939, Some(6), None));
        assert_eq!(date("1939年").unwrap().date, on(1939, None, None));
        assert_eq!(date("公元前221年").unwrap().date, on(-221, None, None));
        assert_eq!(
            date("1939年06月24号").unwrap().date,
            on(1939, Some(6), Some(24))
        );
    }

    #[test]
    fn slashes_and_dots_are_day_first() {
        assert_eq!(
            date("24/06/1939").unwrap().date,
            on(1939, Some(6), Some(24))
        );
        assert_eq!(date("3/4/1939").unwrap().date, on(1939, Some(4), Some(3)));
        assert_eq!(date("24.6.1939").unwrap().date, on(1939, Some(6), Some(24)));
        assert_eq!(date("06/1939").unwrap().date, on(1939, Some(6), None));
    }

    #[test]
    fn approximate_dates_say_so() {
        for text in ["约1939年", "c. 1939", "circa 1939", "~1939", "ca. 1939"] {
            let read = date(text).unwrap();
            assert!(read.circa, "{text}");
            assert_eq!(read.date, on(1939, None, None), "{text}");
        }
        assert!(!date("1939").unwrap().circa);
    }

    #[test]
    fn impossible_dates_name_the_part_that_is_wrong() {
        assert_eq!(date("1939年13月"), Err(DateError::Month(13)));
        assert_eq!(date("06/24/1939"), Err(DateError::Month(24)));
        assert_eq!(
            date("30/02/1939"),
            Err(DateError::Day {
                year: 1939,
                month: 2,
                day: 30
            })
        );
        assert_eq!(date("0年"), Err(DateError::YearZero));
        assert_eq!(date("June 1939"), Err(DateError::Form("June 1939".into())));
        assert_eq!(date("1939年6"), Err(DateError::Form("1939年6".into())));
        assert_eq!(date("24/06/39"), Err(DateError::Form("24/06/39".into())));
        assert_eq!(
            date("24/06/39/1"),
            Err(DateError::Form("24/06/39/1".into()))
        );
    }

    proptest! {
        #[test]
        fn every_form_of_a_real_day_reads_the_same(y in 1000i32..=9999, m in 1u8..=12, d in 1u8..=31, style in 0usize..5) {
            let Ok(expected) = HistDate::new(y, Some(m), Some(d)) else { return Ok(()) };
            let text = match style {
                0 => format!("{y}年{m}月{d}日"),
                1 => format!("{d:02}/{m:02}/{y}"),
                2 => format!("{d}/{m}/{y}"),
                3 => format!("{d}.{m}.{y}"),
                _ => expected.to_string(),
            };
            prop_assert_eq!(date(&text).map(|s| s.date), Ok(expected), "{}", text);
        }

        #[test]
        fn a_day_past_the_months_end_is_refused_in_every_form(y in 1000i32..=9999, m in 1u8..=12, over in 1u8..=3) {
            let last = (28..=31u8).rev().find(|d| HistDate::new(y, Some(m), Some(*d)).is_ok()).unwrap();
            let d = last + over;
            for text in [format!("{y}年{m}月{d}日"), format!("{d}/{m}/{y}")] {
                prop_assert!(matches!(date(&text), Err(DateError::Day { .. })), "{}", text);
            }
        }

        #[test]
        fn any_text_gives_a_date_or_a_reason_never_a_panic(text in "\\PC{0,16}") {
            let _ = date(&text);
        }
    }
}
