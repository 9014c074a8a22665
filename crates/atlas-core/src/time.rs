//! The time filter: which part of history the map, the list and the clusters show.

use crate::date::{EventDate, HistDate, Precision};

/// Which sites the time control lets through. Times are fractional years on
/// the continuous axis of [`crate::HistDate::start_years`].
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum TimeFilter {
    /// Everything, whatever its dates ("All time").
    #[default]
    All,
    /// What existed by this moment: a site shows once its first event has begun.
    AsOf(f64),
    /// A period: a site shows when one of its events overlaps `[from, to)`.
    Between(f64, f64),
}

impl TimeFilter {
    /// Whether an event falls inside the filter: happened by the cursor, or
    /// overlaps the period. The timeline dims the events that do not.
    pub fn admits_event(&self, date: &EventDate) -> bool {
        match *self {
            TimeFilter::All => true,
            TimeFilter::AsOf(t) => date.start_years() <= t,
            TimeFilter::Between(from, to) => date.start_years() < to && date.end_years() > from,
        }
    }

    /// Reads the filter from deep-link parameters: `t` (the "as of" cursor)
    /// or `from`/`to` (a period), each a date in the data form (`1939`,
    /// `1939-06`, `1939-06-24`). A period wins over a cursor; anything
    /// unreadable leaves the filter open rather than hiding sites.
    pub fn from_query(t: Option<&str>, from: Option<&str>, to: Option<&str>) -> TimeFilter {
        let start = |s: Option<&str>| s.and_then(|s| s.trim().parse::<HistDate>().ok());
        if let (Some(from), Some(to)) = (start(from), start(to)) {
            let (a, b) = (from.start_years(), to.start_years());
            return TimeFilter::Between(a.min(b), a.max(b));
        }
        match start(t) {
            Some(t) => TimeFilter::AsOf(t.start_years()),
            None => TimeFilter::All,
        }
    }

    /// The deep-link parameters that restore this filter: `[("t", "1930")]`,
    /// `[("from", …), ("to", …)]`, or nothing for "All time".
    pub fn to_query(&self) -> Vec<(&'static str, String)> {
        match *self {
            TimeFilter::All => Vec::new(),
            TimeFilter::AsOf(t) => vec![("t", date_at(t).to_string())],
            TimeFilter::Between(from, to) => vec![
                ("from", date_at(from).to_string()),
                ("to", date_at(to).to_string()),
            ],
        }
    }
}

/// The calendar date at `t` on the continuous year axis, as coarse as it can be
/// while still starting exactly at `t`: 1939.0 is "1939", the start of June
/// 1939 is "June 1939", anything else the day that contains `t`. So a cursor
/// moved by whole years reads as years, and one moved by days reads as days.
pub fn date_at(t: f64) -> HistDate {
    // Instants closer than this (about 2.6 s) are the same instant: sums of
    // fractional years pick up rounding on the way.
    const SAME: f64 = 1e-7;
    let day = day_at(t);
    let year = HistDate::year(day.year_value());
    if (year.start_years() - t).abs() < SAME {
        return year;
    }
    let month = HistDate::new(day.year_value(), day.month(), None).unwrap_or(year);
    if (month.start_years() - t).abs() < SAME {
        return month;
    }
    day
}

/// The day (day precision) that contains `t` on the continuous year axis.
pub fn day_at(t: f64) -> HistDate {
    let slack = 1e-7;
    let axis_year = (t + slack).floor();
    // The axis has no year 0: axis 0 is 1 BCE, axis -1 is 2 BCE.
    let year = if axis_year >= 1.0 {
        axis_year as i32
    } else {
        axis_year as i32 - 1
    };
    let starts_by = |d: &HistDate| d.start_years() <= t + slack;
    let month = (1..=12u8)
        .filter_map(|m| HistDate::new(year, Some(m), None).ok())
        .take_while(starts_by)
        .last()
        .unwrap_or_else(|| HistDate::year(year));
    let Some(m) = month.month() else {
        return HistDate::year(year);
    };
    (1..=31u8)
        .map_while(|d| HistDate::new(year, Some(m), Some(d)).ok())
        .take_while(starts_by)
        .last()
        .unwrap_or(month)
}

/// `t` moved by `months` calendar months (negative moves back), landing on a
/// month start: the step of a cursor zoomed in to months.
pub fn add_months(t: f64, months: i32) -> f64 {
    let here = day_at(t);
    let m0 = here.month().unwrap_or(1) as i32 - 1;
    let axis_year = if here.year_value() < 0 {
        here.year_value() + 1
    } else {
        here.year_value()
    };
    let total = axis_year * 12 + m0 + months;
    let (ay, m) = (total.div_euclid(12), total.rem_euclid(12) as u8 + 1);
    let year = if ay >= 1 { ay } else { ay - 1 };
    HistDate::new(year, Some(m), None).map_or(t, |d| d.start_years())
}

/// `t` moved by `days` days, landing on a day start.
pub fn add_days(t: f64, days: i32) -> f64 {
    let day = day_at(t);
    let len = day.end_years() - day.start_years();
    day_at(day.start_years() + days as f64 * len + len / 2.0).start_years()
}

/// `t` rounded to the nearest start of a year, month or day: where a dragged
/// cursor settles, so it reads as a clean date.
pub fn snap(t: f64, precision: Precision) -> f64 {
    let nearest = |a: f64, b: f64| if t - a <= b - t { a } else { b };
    match precision {
        Precision::Year => t.round(),
        Precision::Month => {
            let start = add_months(t, 0);
            nearest(start, add_months(start, 1))
        }
        Precision::Day => {
            let day = day_at(t);
            nearest(day.start_years(), day.end_years())
        }
    }
}

/// `t` moved by `steps` whole units of `precision`, landing on a unit start.
pub fn step(t: f64, precision: Precision, steps: i32) -> f64 {
    match precision {
        Precision::Year => snap(t, Precision::Year) + steps as f64,
        Precision::Month => add_months(snap(t, Precision::Month), steps),
        Precision::Day => add_days(snap(t, Precision::Day), steps),
    }
}

/// How finely a control should move in time: whole years, months or days.
pub fn step_precision(years_per_pixel: f64) -> Precision {
    if years_per_pixel > 1.0 / 24.0 {
        Precision::Year
    } else if years_per_pixel > 1.0 / 730.0 {
        Precision::Month
    } else {
        Precision::Day
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> HistDate {
        s.parse().unwrap()
    }

    #[test]
    fn deep_link_parameters_round_trip() {
        let f = TimeFilter::from_query(Some("1930"), None, None);
        assert_eq!(f, TimeFilter::AsOf(1930.0));
        assert_eq!(f.to_query(), vec![("t", "1930".to_owned())]);
        let day = TimeFilter::from_query(Some("1939-06-24"), None, None);
        assert_eq!(day.to_query(), vec![("t", "1939-06-24".to_owned())]);
        let period = TimeFilter::from_query(None, Some("1945"), Some("1937-07"));
        assert_eq!(
            period.to_query(),
            vec![("from", "1937-07".to_owned()), ("to", "1945".to_owned())]
        );
        assert_eq!(
            TimeFilter::from_query(Some("soon"), None, None),
            TimeFilter::All
        );
        assert_eq!(TimeFilter::All.to_query(), vec![]);
    }

    #[test]
    fn a_cursor_reads_as_coarsely_as_it_was_placed() {
        assert_eq!(date_at(1939.0), d("1939"));
        assert_eq!(date_at(d("1939-06").start_years()), d("1939-06"));
        assert_eq!(date_at(d("1939-06-24").start_years()), d("1939-06-24"));
        assert_eq!(date_at(d("-221").start_years()), d("-221"));
        assert_eq!(date_at(0.5), d("-1-07-02"));
    }

    #[test]
    fn month_steps_cross_years_and_the_era() {
        // January reads as its year: both start at the same instant.
        assert_eq!(
            date_at(add_months(d("1939-12").start_years(), 1)),
            d("1940")
        );
        assert_eq!(
            date_at(add_months(d("1939-01").start_years(), -1)),
            d("1938-12")
        );
        assert_eq!(
            date_at(add_months(d("0001-01").start_years(), -1)),
            d("-1-12")
        );
        assert_eq!(
            date_at(add_months(d("1939-06-24").start_years(), 2)),
            d("1939-08")
        );
        assert_eq!(
            day_at(add_days(d("1939-06-30").start_years(), 1)),
            d("1939-07-01")
        );
        assert_eq!(
            day_at(add_days(d("1939-01-01").start_years(), -1)),
            d("1938-12-31")
        );
    }

    #[test]
    fn a_dragged_cursor_settles_on_clean_dates() {
        assert_eq!(snap(1939.4, Precision::Year), 1939.0);
        assert_eq!(
            date_at(snap(d("1939-06-20").start_years(), Precision::Month)),
            d("1939-07")
        );
        assert_eq!(
            date_at(snap(d("1939-06-10").start_years(), Precision::Month)),
            d("1939-06")
        );
        assert_eq!(date_at(step(1939.0, Precision::Year, -10)), d("1929"));
        assert_eq!(
            date_at(step(d("1939-06").start_years(), Precision::Month, 12)),
            d("1940-06")
        );
    }

    #[test]
    fn events_outside_the_filter_are_told_apart() {
        let raid = EventDate::on(d("1939-06-24"));
        assert!(!TimeFilter::AsOf(1939.0).admits_event(&raid));
        assert!(TimeFilter::AsOf(1940.0).admits_event(&raid));
        assert!(TimeFilter::Between(1939.0, 1940.0).admits_event(&raid));
        assert!(!TimeFilter::Between(1940.0, 1950.0).admits_event(&raid));
    }

    proptest! {
        #[test]
        fn steps_undo_each_other(y in 1800i32..2100, m in 1u8..=12, n in -30i32..30) {
            let t = HistDate::new(y, Some(m), None).unwrap().start_years();
            for p in [Precision::Year, Precision::Month, Precision::Day] {
                let there = step(t, p, n);
                prop_assert!((step(there, p, -n) - snap(t, p)).abs() < 1e-9);
                prop_assert_eq!(n > 0, there > snap(t, p));
            }
        }

        #[test]
        fn the_day_at_a_date_is_that_date(y in -3000i32..3000, m in 1u8..=12, day in 1u8..=28) {
            prop_assume!(y != 0);
            let date = HistDate::new(y, Some(m), Some(day)).unwrap();
            prop_assert_eq!(day_at(date.start_years()), date);
            prop_assert_eq!(day_at((date.start_years() + date.end_years()) / 2.0), date);
        }

        #[test]
        fn deep_links_restore_the_cursor(y in -3000i32..3000, m in proptest::option::of(1u8..=12)) {
            prop_assume!(y != 0);
            let date = HistDate::new(y, m, None).unwrap();
            let f = TimeFilter::AsOf(date.start_years());
            let q = f.to_query();
            prop_assert_eq!(TimeFilter::from_query(Some(&q[0].1), None, None), f);
        }
    }

    const BUNDLED: &str = include_str!("../../../public/data/suzhou-red-heritage.geojson");

    #[test]
    fn as_of_1930_hides_the_1939_memorial_and_1940_shows_it() {
        let atlas = crate::load(BUNDLED).unwrap().atlas;
        let raid = atlas.site_index("xushuguan-raid-memorial").unwrap();
        assert!(!atlas
            .visible_sites(TimeFilter::AsOf(1930.0))
            .contains(&raid));
        assert!(atlas
            .visible_sites(TimeFilter::AsOf(1940.0))
            .contains(&raid));
        assert_eq!(
            atlas.visible_sites(TimeFilter::All).len(),
            atlas.sites.len()
        );
    }

    #[test]
    fn a_period_shows_the_sites_with_an_event_in_it() {
        let atlas = crate::load(BUNDLED).unwrap().atlas;
        let raid = atlas.site_index("xushuguan-raid-memorial").unwrap();
        assert!(atlas
            .visible_sites(TimeFilter::Between(1939.0, 1940.0))
            .contains(&raid));
        assert!(!atlas
            .visible_sites(TimeFilter::Between(1960.0, 1970.0))
            .contains(&raid));
    }
}
