use super::*;
use proptest::prelude::*;

use crate::date::tests::any_date;
use serde_json::json;

fn props(value: Value) -> Map<String, Value> {
    value.as_object().expect("an object").clone()
}

fn d(text: &str) -> HistDate {
    text.parse().expect("a date")
}

/// Reads `value` as the only property of `field`.
fn read_one(field: TimeField, value: Value) -> Reading {
    let mut map = Map::new();
    map.insert(field.key().to_owned(), value);
    read(field, &map)
}

fn dated(reading: Reading) -> ForeignDate {
    match reading {
        Reading::Dated(date) => date,
        other => panic!("expected a date, got {other:?}"),
    }
}

/// Start, end and circa of a reading that must be a date.
fn when(field: TimeField, value: Value) -> (HistDate, Option<HistDate>, bool) {
    let date = dated(read_one(field, value)).date;
    (date.start, date.end, date.circa)
}

fn no_date(field: TimeField, value: Value) -> String {
    match read_one(field, value) {
        Reading::NoDate { shown } => shown,
        other => panic!("expected no date, got {other:?}"),
    }
}

fn bad(field: TimeField, value: Value) -> ForeignDateError {
    match read_one(field, value) {
        Reading::Bad(e) => e,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn fields_are_recognised_in_order_of_preference() {
    let cases = [
        (json!({ "date": "1939", "year": 1 }), TimeField::Date),
        (
            json!({ "start_date": "~1850", "start": "1/2/1850" }),
            TimeField::OpenHistoricalMap,
        ),
        (
            json!({ "start": "3/4/1863", "end": "3/5/1863" }),
            TimeField::LeafletTimeline,
        ),
        (
            json!({ "time": 1_700_000_000_000i64, "mag": 2.1 }),
            TimeField::Time,
        ),
        (
            json!({ "timestamp": "2013-01-01T00:00:00Z" }),
            TimeField::Timestamp,
        ),
        (json!({ "times": [] }), TimeField::Times),
        (
            json!({ "year": 1939, "century": "20th century" }),
            TimeField::Year,
        ),
        (
            json!({ "century": "12th century", "built": "1150" }),
            TimeField::Century,
        ),
        (
            json!({ "founded": "1814 (First post)" }),
            TimeField::Founded,
        ),
        (json!({ "built": 1790 }), TimeField::Built),
        (json!({ "established": "1901" }), TimeField::Established),
        (json!({ "opened": "Oct 16, 1793" }), TimeField::Opened),
    ];
    for (p, field) in cases {
        assert_eq!(time_field(&props(p.clone())), Some(field), "{p}");
    }
    // Null and blank values are not a convention the file uses.
    let blank = props(json!({ "date": null, "start_date": "  ", "year": 1939 }));
    assert_eq!(time_field(&blank), Some(TimeField::Year));
    assert_eq!(time_field(&props(json!({ "name": "x", "prop0": 2 }))), None);
}

#[test]
fn keys_keep_the_old_conventions_meaning() {
    assert_eq!(TimeField::Date.keys(), ("date", Some("end_date")));
    assert_eq!(
        TimeField::OpenHistoricalMap.keys(),
        ("start_date", Some("end_date"))
    );
    assert_eq!(TimeField::LeafletTimeline.keys(), ("start", Some("end")));
    assert_eq!(TimeField::Year.keys(), ("year", None));
    assert_eq!(TimeField::Times.key(), "times");
}

#[test]
fn every_field_describes_its_mapping_in_both_languages() {
    assert_eq!(
        TimeField::Time.describe(Lang::En),
        "\"time\" (epoch milliseconds or ISO 8601, as the USGS feed and Leaflet.TimeDimension write it)"
    );
    for field in TimeField::ALL {
        for lang in Lang::ALL {
            let text = field.describe(lang);
            assert!(text.contains(field.key()), "{text}");
        }
        assert_ne!(field.describe(Lang::En), field.describe(Lang::Zh));
    }
}

#[test]
fn usgs_epoch_milliseconds_are_the_utc_day() {
    // 1700000000000 ms is 2023-11-14T22:13:20Z.
    let usgs = (d("2023-11-14"), None, false);
    assert_eq!(when(TimeField::Time, json!(1_700_000_000_000i64)), usgs);
    assert_eq!(when(TimeField::Time, json!("1700000000000")), usgs);
    assert_eq!(when(TimeField::Timestamp, json!(1_700_000_000_000.5)), usgs);
    assert_eq!(
        when(TimeField::Time, json!(951_782_400_000i64)).0,
        d("2000-02-29")
    );
    assert_eq!(when(TimeField::Time, json!(-10_000)).0, d("1969-12-31"));
    assert_eq!(
        when(TimeField::Time, json!(-86_400_000i64)).0,
        d("1969-12-31")
    );
    assert_eq!(
        when(TimeField::Time, json!(-86_400_001i64)).0,
        d("1969-12-30")
    );
    // 1066-10-14, the battle of Hastings in the proleptic Gregorian calendar.
    assert_eq!(
        when(TimeField::Time, json!(-28_502_236_800_000i64)).0,
        d("1066-10-20")
    );
}

#[test]
fn a_small_integer_in_a_time_field_is_a_year_not_1970() {
    assert_eq!(when(TimeField::Time, json!(1939)).0, d("1939"));
    assert_eq!(when(TimeField::LeafletTimeline, json!(-221)).0, d("-221"));
}

#[test]
fn iso_date_times_keep_the_day_as_written() {
    let day = |v: &str| when(TimeField::Time, json!(v)).0;
    assert_eq!(day("2013-01-01T00:00:00Z"), d("2013-01-01"));
    assert_eq!(day("2024-05-01T12:30:00.123+08:00"), d("2024-05-01"));
    // UTC would make this 30 April; the place's own calendar says 1 May.
    assert_eq!(day("2024-05-01T02:30:00+08:00"), d("2024-05-01"));
    assert_eq!(day("2024-05-01 02:30"), d("2024-05-01"));
    assert_eq!(day("2010-05"), d("2010-05"));
    assert_eq!(day("1850"), d("1850"));
    let interval = when(TimeField::Time, json!("2013-01-01/2013-12-31"));
    assert_eq!(interval, (d("2013-01-01"), Some(d("2013-12-31")), false));
}

#[test]
fn times_make_one_event_from_the_earliest_to_the_latest() {
    let track = json!([
        "2014-09-30T08:00:00Z",
        "2014-10-01T09:00:00Z",
        "2014-10-02T10:00:00Z"
    ]);
    assert_eq!(
        when(TimeField::Times, track),
        (d("2014-09-30"), Some(d("2014-10-02")), false)
    );
    let unsorted = json!([1_412_200_000_000i64, 1_412_064_000_000i64]);
    assert_eq!(
        when(TimeField::Times, unsorted),
        (d("2014-09-30"), Some(d("2014-10-01")), false)
    );
    let one_day = json!(["2014-09-30T08:00:00Z", "2014-09-30T09:00:00Z"]);
    assert_eq!(
        when(TimeField::Times, one_day),
        (d("2014-09-30"), None, false)
    );
    assert_eq!(no_date(TimeField::Times, json!([])), "");
    assert_eq!(
        bad(TimeField::Times, json!(["2014-09-30", "soon 2"])).key(),
        "times"
    );
    assert!(matches!(
        bad(TimeField::Times, json!([{ "t": 1 }])),
        ForeignDateError::WrongType { key: "times", .. }
    ));
}

#[test]
fn slashed_dates_are_read_by_the_number_over_twelve() {
    let day = |v: &str| dated(read_one(TimeField::LeafletTimeline, json!(v)));
    for (text, date) in [
        ("13/4/1863", "1863-04-13"),
        ("4/13/1863", "1863-04-13"),
        ("31.12.1863", "1863-12-31"),
        ("12-25-1863", "1863-12-25"),
        ("07/14/1776 12:00", "1776-07-14"),
        ("1863/03/04", "1863-03-04"),
        ("5/5/1863", "1863-05-05"),
    ] {
        let read = day(text);
        assert_eq!(read.date.start, d(date), "{text}");
        assert_eq!(read.ambiguous, None, "{text}");
    }
    assert_eq!(day("3/1863").date.start, d("1863-03"));
}

#[test]
fn an_ambiguous_slashed_date_is_read_month_first_and_says_so() {
    let p = props(json!({ "start": "3/4/1863", "end": "7/15/1863" }));
    let read = dated(read(TimeField::LeafletTimeline, &p));
    assert_eq!(read.date.start, d("1863-03-04"));
    assert_eq!(read.date.end, Some(d("1863-07-15")));
    let ambiguity = read.ambiguous.expect("flagged");
    assert_eq!(ambiguity.key, "start");
    assert_eq!(ambiguity.text, "3/4/1863");
    assert_eq!(
        (ambiguity.chosen, ambiguity.other),
        (d("1863-03-04"), d("1863-04-03"))
    );
    let en = ambiguity.describe(Lang::En);
    assert!(en.contains("read as 4 March 1863"), "{en}");
    assert!(en.contains("3 April 1863"), "{en}");
    assert!(ambiguity.describe(Lang::Zh).contains("1863年3月4日"));
}

#[test]
fn impossible_dates_are_refused_with_the_field() {
    for text in [
        "2/30/1863",
        "13/13/1863",
        "31/31/1863",
        "0/5/1863",
        "1863-13-01",
    ] {
        let error = bad(TimeField::LeafletTimeline, json!(text));
        assert!(
            matches!(error, ForeignDateError::Impossible { key: "start", .. }),
            "{text}: {error:?}"
        );
    }
    let p = props(json!({ "start": "7/15/1863", "end": "7/1/1863" }));
    let Reading::Bad(error) = read(TimeField::LeafletTimeline, &p) else {
        panic!("an end before the start")
    };
    assert_eq!(error.key(), "end");
    assert!(error.to_string().contains("1 July 1863"), "{error}");
    assert!(matches!(
        bad(TimeField::LeafletTimeline, json!("soon, 12")),
        ForeignDateError::Unreadable { key: "start", .. }
    ));
    assert!(matches!(
        bad(TimeField::Time, json!(true)),
        ForeignDateError::WrongType { .. }
    ));
}

#[test]
fn an_end_without_a_date_leaves_the_start() {
    let p = props(json!({ "start": "1863-07-01", "end": "present" }));
    assert_eq!(
        dated(read(TimeField::LeafletTimeline, &p)).date,
        EventDate::on(d("1863-07-01"))
    );
    let p = props(json!({ "start": "1863-07-01", "end": null }));
    assert_eq!(
        dated(read(TimeField::LeafletTimeline, &p)).date,
        EventDate::on(d("1863-07-01"))
    );
}

#[test]
fn openhistoricalmap_approximate_years_are_circa() {
    let ohm = |v: &str| when(TimeField::OpenHistoricalMap, json!(v));
    assert_eq!(ohm("~1850"), (d("1850"), None, true));
    assert_eq!(ohm("1850~"), (d("1850"), None, true));
    assert_eq!(ohm("1850?"), (d("1850"), None, true));
    assert_eq!(ohm("c. 1850"), (d("1850"), None, true));
    assert_eq!(ohm("1850-05"), (d("1850-05"), None, false));
    assert_eq!(ohm("1850-05-01"), (d("1850-05-01"), None, false));
    assert_eq!(ohm("1855..1860"), (d("1855"), Some(d("1860")), false));
    assert_eq!(ohm("C18"), (d("1701"), Some(d("1800")), false));
    assert_eq!(ohm("~C18"), (d("1701"), Some(d("1800")), true));
    assert_eq!(ohm("1860s"), (d("1860"), Some(d("1869")), false));
    assert_eq!(
        no_date(TimeField::OpenHistoricalMap, json!("mid C18")),
        "mid C18"
    );
    assert_eq!(
        no_date(TimeField::OpenHistoricalMap, json!("before 1855")),
        "before 1855"
    );
    let p = props(json!({ "start_date": "1850", "end_date": "~1870" }));
    let read = dated(read(TimeField::OpenHistoricalMap, &p)).date;
    assert_eq!(
        (read.start, read.end, read.circa),
        (d("1850"), Some(d("1870")), true)
    );
}

#[test]
fn a_year_is_a_number_or_text() {
    let year = |v: Value| when(TimeField::Year, v);
    assert_eq!(year(json!(1939)), (d("1939"), None, false));
    assert_eq!(year(json!(1939.0)), (d("1939"), None, false));
    assert_eq!(year(json!("1939")), (d("1939"), None, false));
    assert_eq!(year(json!("c. 1939")), (d("1939"), None, true));
    assert_eq!(year(json!("-221")), (d("-221"), None, false));
    assert_eq!(year(json!("221 BCE")), (d("-221"), None, false));
    assert!(matches!(
        bad(TimeField::Year, json!("0")),
        ForeignDateError::Impossible { .. }
    ));
    assert!(matches!(
        bad(TimeField::Year, json!(0)),
        ForeignDateError::Unreadable { .. }
    ));
    assert!(matches!(
        bad(TimeField::Year, json!(1_700_000_000_000i64)),
        ForeignDateError::Unreadable { .. }
    ));
}

#[test]
fn a_century_is_a_period_of_a_hundred_years() {
    let century = |v: Value| when(TimeField::Century, v);
    let nineteenth = (d("1801"), Some(d("1900")), false);
    assert_eq!(century(json!("19th century")), nineteenth);
    assert_eq!(century(json!("19th c.")), nineteenth);
    assert_eq!(century(json!("XIX")), nineteenth);
    assert_eq!(century(json!("19世纪")), nineteenth);
    assert_eq!(century(json!(19)), nineteenth);
    assert_eq!(
        century(json!("9th century")),
        (d("801"), Some(d("900")), false)
    );
    assert_eq!(
        century(json!("12th Century")),
        (d("1101"), Some(d("1200")), false)
    );
    assert_eq!(
        century(json!("XIIe siècle")),
        (d("1101"), Some(d("1200")), false)
    );
    assert_eq!(
        century(json!("12th–13th century")),
        (d("1101"), Some(d("1300")), false)
    );
    assert_eq!(
        century(json!("1st century BC")),
        (d("-100"), Some(d("-1")), false)
    );
    assert_eq!(
        century(json!("3rd century BCE")),
        (d("-300"), Some(d("-201")), false)
    );
    assert_eq!(
        century(json!("c. 12th century")),
        (d("1101"), Some(d("1200")), true)
    );
    assert_eq!(century(json!("1st half of the 19th century")), nineteenth);
    assert_eq!(no_date(TimeField::Century, json!("Historic")), "Historic");
    assert!(matches!(
        bad(TimeField::Century, json!(1850)),
        ForeignDateError::Unreadable { .. }
    ));
    assert!(matches!(
        bad(TimeField::Century, json!("45th century")),
        ForeignDateError::Unreadable { .. }
    ));
}

#[test]
fn founding_years_are_found_in_text() {
    let founded = |v: Value| when(TimeField::Founded, v);
    assert_eq!(founded(json!("1814")), (d("1814"), None, false));
    assert_eq!(founded(json!(1814)), (d("1814"), None, false));
    assert_eq!(
        founded(json!("1814 (First post)")),
        (d("1814"), None, false)
    );
    assert_eq!(
        founded(json!("Oct 16, 1793")),
        (d("1793-10-16"), None, false)
    );
    assert_eq!(
        founded(json!("October 16th, 1793")),
        (d("1793-10-16"), None, false)
    );
    assert_eq!(
        founded(json!("16 October 1793")),
        (d("1793-10-16"), None, false)
    );
    assert_eq!(founded(json!("Sept. 1793")), (d("1793-09"), None, false));
    assert_eq!(
        founded(json!("建于1793年10月16日")),
        (d("1793-10-16"), None, false)
    );
    assert_eq!(founded(json!("c. 1750")), (d("1750"), None, true));
    assert_eq!(founded(json!("ca. 1750")), (d("1750"), None, true));
    assert_eq!(founded(json!("circa 1750")), (d("1750"), None, true));
    assert_eq!(founded(json!("约1750年")), (d("1750"), None, true));
    assert_eq!(founded(json!("1790s")), (d("1790"), Some(d("1799")), false));
    assert_eq!(
        founded(json!("1814–1820")),
        (d("1814"), Some(d("1820")), false)
    );
    assert_eq!(
        founded(json!("Built 1814, rebuilt 1820")),
        (d("1814"), Some(d("1820")), false)
    );
    // A three-digit number beside a year is a count, not a second year.
    assert_eq!(
        founded(json!("1814, with 500 men")),
        (d("1814"), None, false)
    );
    assert_eq!(
        when(TimeField::Built, json!("about 960")),
        (d("960"), None, true)
    );
    // A later, qualified mention does not hide a plain one.
    assert_eq!(
        when(TimeField::Opened, json!("1902; enlarged late 1950s")).0,
        d("1902")
    );
}

#[test]
fn text_without_a_date_leaves_the_place_undated_and_is_kept() {
    for text in [
        "Historic",
        "Late 1700s",
        "unknown",
        "",
        "before 1800",
        "1,814 members",
        "Phase 2",
        "2200",
        "12",
    ] {
        assert_eq!(no_date(TimeField::Founded, json!(text)), text);
    }
    assert_eq!(
        no_date(TimeField::Established, json!("  Historic ")),
        "Historic"
    );
    assert_eq!(no_date(TimeField::Date, json!("Historic")), "Historic");
    assert_eq!(no_date(TimeField::Time, json!("")), "");
}

#[test]
fn refusals_read_in_both_languages() {
    let error = bad(TimeField::Time, json!("12 o'clock"));
    assert_eq!(error.key(), "time");
    assert!(
        error.describe(Lang::En).contains("epoch milliseconds"),
        "{error}"
    );
    assert!(error.describe(Lang::Zh).contains("纪元毫秒"));
    let impossible = bad(TimeField::Date, json!("1863-02-30"));
    assert!(
        impossible.to_string().contains("day 30 does not exist"),
        "{impossible}"
    );
    assert!(std::error::Error::source(&impossible).is_some());
}

// ---------------------------------------------------------------------------

/// Days since 1970-01-01 of a day-precision date, computed independently of
/// the reader's `civil_from_days` (Hinnant's `days_from_civil`).
fn days_from_civil(date: HistDate) -> i64 {
    let year = i64::from(date.year_value());
    let year = if year < 0 { year + 1 } else { year };
    let (month, day) = (
        i64::from(date.month().unwrap()),
        i64::from(date.day().unwrap()),
    );
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let doy = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn any_day(years: std::ops::Range<i32>) -> impl Strategy<Value = HistDate> {
    (years, 1u8..=12, 1u8..=31).prop_filter_map("valid days only", |(y, m, day)| {
        HistDate::new(y, Some(m), Some(day)).ok()
    })
}

proptest! {
    #[test]
    fn iso_dates_read_back(date in any_date()) {
        for field in [TimeField::Time, TimeField::LeafletTimeline, TimeField::OpenHistoricalMap, TimeField::Date] {
            let read = dated(read_one(field, json!(date.to_string())));
            prop_assert_eq!(read.date, EventDate::on(date));
        }
    }

    #[test]
    fn epoch_milliseconds_of_a_day_read_back(date in any_day(-3000..3000), ms_into_day in 0i64..86_400_000) {
        let ms = days_from_civil(date) * 86_400_000 + ms_into_day;
        // The first ten seconds of 1970 would be read as years (see `number`).
        prop_assume!(ms.abs() > 9999);
        prop_assert_eq!(when(TimeField::Time, json!(ms)), (date, None, false));
        prop_assert_eq!(when(TimeField::Timestamp, json!(ms.to_string())), (date, None, false));
    }

    #[test]
    fn unambiguous_slashed_dates_read_back(date in any_day(1..10_000), separator in "[/.-]") {
        let (y, m, day) = (date.year_value(), date.month().unwrap(), date.day().unwrap());
        prop_assume!(day > 12);
        for text in [format!("{day}{separator}{m}{separator}{y:04}"), format!("{m:02}{separator}{day:02}{separator}{y:04}")] {
            let read = dated(read_one(TimeField::LeafletTimeline, json!(text)));
            prop_assert_eq!(read.date, EventDate::on(date));
            prop_assert_eq!(read.ambiguous, None);
        }
    }

    #[test]
    fn day_and_month_both_twelve_or_under_are_flagged(m in 1u32..=12, day in 1u32..=31, y in 1000u32..=2100) {
        let reading = read_one(TimeField::LeafletTimeline, json!(format!("{m}/{day}/{y}")));
        match reading {
            Reading::Dated(read) => {
                prop_assert_eq!(read.ambiguous.is_some(), day <= 12 && day != m);
                prop_assert_eq!(read.date.start.month(), Some(m as u8));
            }
            // 2/30/1863 and the like.
            Reading::Bad(ForeignDateError::Impossible { .. }) => prop_assert!(day > 28),
            other => prop_assert!(false, "{:?}", other),
        }
    }

    #[test]
    fn no_text_makes_any_field_panic(text in "\\PC{0,24}") {
        for field in TimeField::ALL {
            let _ = read_one(field, json!(text));
        }
    }

    #[test]
    fn no_date_like_text_makes_any_field_panic(text in "[-0-9/.~?cCa ,xXIVstdhBE年月日前s]{0,16}") {
        for field in TimeField::ALL {
            let _ = read_one(field, json!(text));
        }
    }

    #[test]
    fn no_number_makes_any_field_panic(n in any::<f64>(), i in any::<i64>()) {
        for field in TimeField::ALL {
            let _ = read_one(field, json!(n));
            let _ = read_one(field, json!(i));
            let _ = read_one(field, json!([n, i]));
        }
    }
}
