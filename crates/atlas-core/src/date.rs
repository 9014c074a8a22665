//! Historical dates as curators write them: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`,
//! precise only as far as the sources are, possibly approximate (`circa`).
//!
//! Years before 1 CE are written with a minus sign and count as historians do:
//! `-221` is 221 BCE, and there is no year 0.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use crate::text::Lang;

/// How much of a date is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// Only the year.
    Year,
    /// Year and month.
    Month,
    /// Year, month and day.
    Day,
}

/// A calendar date known to a precision (proleptic Gregorian calendar).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct HistDate {
    year: i32,
    month: Option<u8>,
    day: Option<u8>,
}

/// Why a date string was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// The text is not one of the accepted forms.
    #[error("\"{}\" is not a date in the form YYYY, YYYY-MM or YYYY-MM-DD", crate::quote::quote(.0))]
    Form(String),
    /// Year 0 does not exist in the historians' count.
    #[error("year 0 does not exist: 1 BCE is -1, 1 CE is 1")]
    YearZero,
    /// Month outside 1..=12.
    #[error("month {0} is not between 01 and 12")]
    Month(u32),
    /// Day outside the month.
    #[error("day {day} does not exist in {year}-{month:02}")]
    Day {
        /// The year.
        year: i32,
        /// The month.
        month: u8,
        /// The day that is not in it.
        day: u32,
    },
}

impl HistDate {
    /// A year-precision date. Panics on year 0 (use `parse` for untrusted input).
    pub fn year(year: i32) -> Self {
        assert!(year != 0, "there is no year 0");
        Self {
            year,
            month: None,
            day: None,
        }
    }

    /// Builds a date from parts, checking them.
    pub fn new(year: i32, month: Option<u8>, day: Option<u8>) -> Result<Self, DateError> {
        if year == 0 {
            return Err(DateError::YearZero);
        }
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return Err(DateError::Month(m.into()));
            }
        }
        match (month, day) {
            (None, Some(_)) => {
                return Err(DateError::Form(format!("{year}--{}", day.unwrap_or(0))))
            }
            (Some(m), Some(d)) if d == 0 || d > days_in_month(year, m) => {
                return Err(DateError::Day {
                    year,
                    month: m,
                    day: d.into(),
                })
            }
            _ => {}
        }
        Ok(Self { year, month, day })
    }

    /// The year (negative before 1 CE).
    pub fn year_value(&self) -> i32 {
        self.year
    }

    /// The month, 1..=12, if known.
    pub fn month(&self) -> Option<u8> {
        self.month
    }

    /// The day of the month, if known.
    pub fn day(&self) -> Option<u8> {
        self.day
    }

    /// How precisely the date is known.
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// The start of the period the date covers, in fractional years on a
    /// continuous axis (1939-07-01 ≈ 1939.5). BCE years are shifted by one so
    /// the axis has no hole where year 0 would be.
    pub fn start_years(&self) -> f64 {
        let base = if self.year < 0 {
            self.year + 1
        } else {
            self.year
        } as f64;
        let Some(m) = self.month else { return base };
        let day_offset = self.day.map_or(0, |d| d - 1) as f64;
        base + (day_of_year_before_month(self.year, m) as f64 + day_offset)
            / days_in_year(self.year) as f64
    }

    /// The end of the period the date covers (exclusive): a year-precision
    /// date spans the whole year.
    pub fn end_years(&self) -> f64 {
        let len_days = match self.precision() {
            Precision::Year => return self.start_years() + 1.0,
            Precision::Month => days_in_month(self.year, self.month.unwrap_or(1)) as f64,
            Precision::Day => 1.0,
        };
        self.start_years() + len_days / days_in_year(self.year) as f64
    }

    /// Formats the date as a visitor reads it: "24 June 1939" / "1939年6月24日".
    pub fn format(&self, lang: Lang) -> String {
        match lang {
            Lang::En => {
                let year = if self.year < 0 {
                    format!("{} BCE", -self.year)
                } else {
                    self.year.to_string()
                };
                match (self.month, self.day) {
                    (Some(m), Some(d)) => format!("{d} {} {year}", MONTHS_EN[m as usize - 1]),
                    (Some(m), None) => format!("{} {year}", MONTHS_EN[m as usize - 1]),
                    _ => year,
                }
            }
            Lang::Zh => {
                let year = if self.year < 0 {
                    format!("公元前{}年", -self.year)
                } else {
                    format!("{}年", self.year)
                };
                match (self.month, self.day) {
                    (Some(m), Some(d)) => format!("{year}{m}月{d}日"),
                    (Some(m), None) => format!("{year}{m}月"),
                    _ => year,
                }
            }
        }
    }

    fn sort_key_parts(&self) -> (u8, u8) {
        (self.month.unwrap_or(0), self.day.unwrap_or(0))
    }

    fn sort_key(&self) -> (i32, u8, u8) {
        // A year-only date sorts before the dated days of that year: it is where the year begins.
        (self.year, self.month.unwrap_or(0), self.day.unwrap_or(0))
    }
}

impl Ord for HistDate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.sort_key().cmp(&other.sort_key())
    }
}

impl PartialOrd for HistDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl FromStr for HistDate {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, DateError> {
        let form = || DateError::Form(text.to_owned());
        let (negative, rest) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let mut parts = rest.split('-');
        let year_text = parts.next().ok_or_else(form)?;
        if year_text.is_empty()
            || year_text.len() > 4
            || !year_text.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(form());
        }
        let year: i32 = year_text.parse().map_err(|_| form())?;
        let year = if negative { -year } else { year };
        let two_digits = |p: Option<&str>| -> Result<Option<u8>, DateError> {
            match p {
                None => Ok(None),
                Some(p) if p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()) => {
                    Ok(Some(p.parse().map_err(|_| form())?))
                }
                Some(_) => Err(form()),
            }
        };
        let month = two_digits(parts.next())?;
        let day = two_digits(parts.next())?;
        if parts.next().is_some() {
            return Err(form());
        }
        Self::new(year, month, day)
    }
}

impl fmt::Display for HistDate {
    /// The data form: `1939-06-24`, `-221`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.year < 0 { "-" } else { "" };
        write!(f, "{sign}{:04}", self.year.unsigned_abs())?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

/// When an event happened: a date or a range, possibly approximate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct EventDate {
    /// The date, or the start of the range.
    pub start: HistDate,
    /// The end of the range, never before `start`.
    pub end: Option<HistDate>,
    /// The sources give the date only approximately.
    pub circa: bool,
}

impl EventDate {
    /// A single date.
    pub fn on(start: HistDate) -> Self {
        Self {
            start,
            end: None,
            circa: false,
        }
    }

    /// Formats for visitors: "c. 502–519", "26–27 April 1949", "约502年—519年".
    pub fn format(&self, lang: Lang) -> String {
        let range = match self.end.filter(|e| *e != self.start) {
            None => self.start.format(lang),
            Some(end) => format_range(self.start, end, lang),
        };
        match (self.circa, lang) {
            (false, _) => range,
            (true, Lang::En) => format!("c. {range}"),
            (true, Lang::Zh) => format!("约{range}"),
        }
    }

    /// Start of the covered period on the continuous year axis.
    pub fn start_years(&self) -> f64 {
        self.start.start_years()
    }

    /// End of the covered period (exclusive) on the continuous year axis.
    pub fn end_years(&self) -> f64 {
        self.end.unwrap_or(self.start).end_years()
    }
}

impl EventDate {
    /// A number that sorts as the date does (`a.cmp(&b) == a.order_key().cmp(&b.order_key())`),
    /// so a sort of tens of thousands of events compares integers, not
    /// dates reached through their sites.
    pub fn order_key(&self) -> u128 {
        let day = |d: HistDate| {
            // Shifted so negative years (BCE) sort below positive ones.
            let (m, dd) = d.sort_key_parts();
            (u128::from(d.year as u32 ^ 0x8000_0000) << 16) | (u128::from(m) << 8) | u128::from(dd)
        };
        // `None` sorts before any `Some`, as `Option`'s order has it.
        let end = self.end.map_or(0, |e| (1 << 48) | day(e));
        (day(self.start) << 49) | end
    }
}

impl Ord for EventDate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.start
            .cmp(&other.start)
            .then_with(|| self.end.cmp(&other.end))
    }
}

impl PartialOrd for EventDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

fn format_range(start: HistDate, end: HistDate, lang: Lang) -> String {
    let same_precision = start.precision() == end.precision();
    let same_year = start.year == end.year;
    let same_month = same_year && start.month == end.month;
    match lang {
        Lang::En => match start.precision() {
            Precision::Day if same_precision && same_month => {
                format!("{}–{}", start.day.unwrap_or(1), end.format(lang))
            }
            _ => format!("{}–{}", start.format(lang), end.format(lang)),
        },
        Lang::Zh => {
            let end_text = match end.precision() {
                Precision::Day if same_precision && same_month => {
                    format!("{}日", end.day.unwrap_or(1))
                }
                Precision::Month | Precision::Day if same_year && same_precision => end
                    .format(lang)
                    .trim_start_matches(&format!("{}年", end.year))
                    .to_owned(),
                _ => end.format(lang),
            };
            format!("{}—{}", start.format(lang), end_text)
        }
    }
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn is_leap(year: i32) -> bool {
    // Astronomical numbering for the leap rule: 1 BCE is year 0.
    let y = if year < 0 { year + 1 } else { year };
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_year(year: i32) -> u32 {
    if is_leap(year) {
        366
    } else {
        365
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn day_of_year_before_month(year: i32, month: u8) -> u32 {
    (1..month).map(|m| days_in_month(year, m) as u32).sum()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> HistDate {
        s.parse().unwrap()
    }

    #[test]
    fn accepts_the_three_precisions() {
        assert_eq!(d("1939").precision(), Precision::Year);
        assert_eq!(d("1939-06").precision(), Precision::Month);
        assert_eq!(d("1939-06-24").precision(), Precision::Day);
        assert_eq!(d("502").year_value(), 502);
        assert_eq!(d("-221").year_value(), -221);
    }

    #[test]
    fn refuses_what_is_not_a_date() {
        for bad in [
            "",
            "June 1939",
            "1939-6",
            "1939-13",
            "1939-02-30",
            "0",
            "1939-06-24-1",
            "19390",
            "1939/06",
        ] {
            assert!(bad.parse::<HistDate>().is_err(), "{bad} should be refused");
        }
        assert_eq!("1939-13".parse::<HistDate>(), Err(DateError::Month(13)));
        assert!(d("2000-02-29").day().is_some(), "2000 is a leap year");
        assert!("1900-02-29".parse::<HistDate>().is_err(), "1900 is not");
    }

    #[test]
    fn formats_as_visitors_read() {
        assert_eq!(d("1939").format(Lang::En), "1939");
        assert_eq!(d("1939-06").format(Lang::En), "June 1939");
        assert_eq!(d("1939-06-24").format(Lang::En), "24 June 1939");
        assert_eq!(d("1939-06-24").format(Lang::Zh), "1939年6月24日");
        assert_eq!(d("-221").format(Lang::En), "221 BCE");
        assert_eq!(d("-221").format(Lang::Zh), "公元前221年");
    }

    #[test]
    fn formats_ranges_and_approximate_dates() {
        let raid = EventDate {
            start: d("1949-04-26"),
            end: Some(d("1949-04-27")),
            circa: false,
        };
        assert_eq!(raid.format(Lang::En), "26–27 April 1949");
        assert_eq!(raid.format(Lang::Zh), "1949年4月26日—27日");
        let temple = EventDate {
            start: d("502"),
            end: Some(d("519")),
            circa: true,
        };
        assert_eq!(temple.format(Lang::En), "c. 502–519");
        assert_eq!(temple.format(Lang::Zh), "约502年—519年");
        let hall = EventDate {
            start: d("1988"),
            end: Some(d("1991")),
            circa: false,
        };
        assert_eq!(hall.format(Lang::En), "1988–1991");
    }

    #[test]
    fn the_axis_has_no_year_zero_hole() {
        assert_eq!(d("-1").start_years(), 0.0);
        assert_eq!(d("-1").end_years(), d("1").start_years());
        assert!((d("1939-07-01").start_years() - 1939.4959).abs() < 0.001);
    }

    /// Any valid date of year, month or day precision (shared with other modules' property tests).
    pub(crate) fn any_date() -> impl Strategy<Value = HistDate> {
        (
            -3000i32..3000,
            proptest::option::of(1u8..=12),
            1u8..=31,
            any::<bool>(),
        )
            .prop_filter_map("valid dates only", |(y, m, day, with_day)| {
                HistDate::new(
                    y,
                    m,
                    if with_day && m.is_some() {
                        Some(day)
                    } else {
                        None
                    },
                )
                .ok()
            })
    }

    proptest! {
        #[test]
        fn printing_and_parsing_round_trip(date in any_date()) {
            prop_assert_eq!(date.to_string().parse::<HistDate>(), Ok(date));
        }

        #[test]
        fn order_agrees_with_the_axis(a in any_date(), b in any_date()) {
            if a < b {
                prop_assert!(a.start_years() <= b.start_years());
            }
            prop_assert!(a.start_years() < a.end_years());
        }

        #[test]
        fn a_date_sits_inside_its_year(date in any_date()) {
            let year = HistDate::year(date.year_value());
            prop_assert!(year.start_years() <= date.start_years());
            prop_assert!(date.end_years() <= year.end_years() + 1e-9);
        }

        #[test]
        fn order_key_sorts_as_the_dates_do(
            a in any_date(),
            b in any_date(),
            a_end in proptest::option::of(any_date()),
            b_end in proptest::option::of(any_date()),
            same_start in any::<bool>(),
        ) {
            // Equal starts are where the end decides: make them common.
            let b = if same_start { a } else { b };
            let x = EventDate { start: a, end: a_end, circa: false };
            let y = EventDate { start: b, end: b_end, circa: true };
            prop_assert_eq!(x.order_key().cmp(&y.order_key()), x.cmp(&y));
        }

        #[test]
        fn parsing_never_panics(text in "\\PC{0,12}") {
            let _ = text.parse::<HistDate>();
        }
    }
}
