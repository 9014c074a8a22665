//! Coordinates as curators type them into a spreadsheet: decimal degrees
//! (`31.3875`, `-120.5`, `31.3875 N`) or degrees, minutes and seconds
//! (`31°20′15″N`, `31 20 15 N`, `31°20'15"N`, `N 31°20.25'`, `北纬31度20分15秒`).
//!
//! Ranges (latitude within ±90, longitude within ±180) are left to the
//! dataset loader, which also spots swapped columns; here only the writing is
//! judged.

use crate::text::Lang;

/// Which column a value sits in, so a hemisphere letter can be checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Axis {
    /// North–south: N or S.
    Latitude,
    /// East–west: E or W.
    Longitude,
}

/// Why a coordinate cell could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CoordinateError {
    /// Not a number of degrees in any form the importer reads.
    Form(String),
    /// Minutes or seconds of 60 or more.
    MinutesOrSeconds(String),
    /// A hemisphere of the other axis (`E` in the latitude column): usually
    /// the two columns swapped.
    WrongHemisphere {
        /// The cell as written.
        text: String,
        /// The column it sits in.
        axis: Axis,
    },
    /// Both a minus sign and a hemisphere letter: which one is meant?
    SignAndHemisphere(String),
}

impl CoordinateError {
    /// What is wrong and how to write it, in `lang`.
    pub fn describe(&self, lang: Lang) -> String {
        match (self, lang) {
            (CoordinateError::Form(t), Lang::En) => format!(
                "\"{t}\" is not a coordinate; write decimal degrees (31.3875) or degrees, minutes and seconds (31°20′15″N or 31 20 15 N)"
            ),
            (CoordinateError::Form(t), Lang::Zh) => format!(
                "“{t}”不是坐标；请写十进制度数（31.3875）或度分秒（31°20′15″N 或 31 20 15 N）"
            ),
            (CoordinateError::MinutesOrSeconds(t), Lang::En) => format!(
                "\"{t}\" has minutes or seconds of 60 or more; minutes and seconds run from 0 to 59"
            ),
            (CoordinateError::MinutesOrSeconds(t), Lang::Zh) => {
                format!("“{t}”中的分或秒不小于 60；分和秒应在 0 到 59 之间")
            }
            (CoordinateError::WrongHemisphere { text, axis: Axis::Latitude }, Lang::En) => format!(
                "\"{text}\" is a longitude (E or W) in the latitude column; are longitude and latitude swapped?"
            ),
            (CoordinateError::WrongHemisphere { text, axis: Axis::Latitude }, Lang::Zh) => {
                format!("“{text}”是经度（E 或 W），却写在纬度列；经度和纬度是否写反了？")
            }
            (CoordinateError::WrongHemisphere { text, axis: Axis::Longitude }, Lang::En) => format!(
                "\"{text}\" is a latitude (N or S) in the longitude column; are longitude and latitude swapped?"
            ),
            (CoordinateError::WrongHemisphere { text, axis: Axis::Longitude }, Lang::Zh) => {
                format!("“{text}”是纬度（N 或 S），却写在经度列；经度和纬度是否写反了？")
            }
            (CoordinateError::SignAndHemisphere(t), Lang::En) => format!(
                "\"{t}\" has both a minus sign and a hemisphere letter; write one of them (S and W are negative)"
            ),
            (CoordinateError::SignAndHemisphere(t), Lang::Zh) => {
                format!("“{t}”同时有负号和半球字母；请只写其一（S 和 W 即为负）")
            }
        }
    }
}

/// Reads one coordinate cell into decimal degrees (negative south and west).
pub fn parse_coordinate(text: &str, axis: Axis) -> Result<f64, CoordinateError> {
    let trimmed = text.trim();
    let form = || CoordinateError::Form(trimmed.to_owned());
    let (body, hemisphere) = split_hemisphere(trimmed).ok_or_else(form)?;
    if let Some(h) = hemisphere {
        let fits = match axis {
            Axis::Latitude => matches!(h, 'N' | 'S'),
            Axis::Longitude => matches!(h, 'E' | 'W'),
        };
        if !fits {
            return Err(CoordinateError::WrongHemisphere {
                text: trimmed.to_owned(),
                axis,
            });
        }
    }
    let numbers = numbers(body).ok_or_else(form)?;
    let (negative, numbers) = match numbers.first() {
        Some(first) if first.starts_with('-') => (true, numbers),
        _ => (false, numbers),
    };
    if negative && hemisphere.is_some() {
        return Err(CoordinateError::SignAndHemisphere(trimmed.to_owned()));
    }
    if numbers.is_empty() || numbers.len() > 3 {
        return Err(form());
    }
    let mut parts = Vec::with_capacity(3);
    for (i, n) in numbers.iter().enumerate() {
        let n = if i == 0 {
            n.strip_prefix(['-', '+']).unwrap_or(n)
        } else {
            n
        };
        // Only the last part may have a fraction: 31°20.25′ yes, 31.5°20′ no.
        if n.contains('.') && i + 1 != numbers.len() {
            return Err(form());
        }
        if n.is_empty()
            || n.starts_with('.')
            || n.ends_with('.')
            || n.matches('.').count() > 1
            || !n.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        {
            return Err(form());
        }
        parts.push(n.parse::<f64>().map_err(|_| form())?);
    }
    if parts[1..].iter().any(|&p| p >= 60.0) {
        return Err(CoordinateError::MinutesOrSeconds(trimmed.to_owned()));
    }
    let degrees = parts[0]
        + parts.get(1).map_or(0.0, |m| m / 60.0)
        + parts.get(2).map_or(0.0, |s| s / 3600.0);
    let south_or_west = negative || matches!(hemisphere, Some('S' | 'W'));
    Ok(if south_or_west { -degrees } else { degrees })
}

/// Splits off one hemisphere marker at the start or the end: `N`, `s`,
/// `北纬`, `东经`, `东`… `None` when markers appear at both ends.
fn split_hemisphere(text: &str) -> Option<(&str, Option<char>)> {
    const MARKERS: [(&str, char); 12] = [
        ("北纬", 'N'),
        ("南纬", 'S'),
        ("东经", 'E'),
        ("西经", 'W'),
        ("北", 'N'),
        ("南", 'S'),
        ("东", 'E'),
        ("西", 'W'),
        ("N", 'N'),
        ("S", 'S'),
        ("E", 'E'),
        ("W", 'W'),
    ];
    let find = |strip: &dyn Fn(&str) -> Option<String>| -> Option<(usize, char)> {
        MARKERS
            .iter()
            .find_map(|(m, h)| strip(m).map(|_| (m.len(), *h)))
    };
    let upper = text.to_ascii_uppercase();
    let front = find(&|m| upper.strip_prefix(m).map(str::to_owned));
    let back = find(&|m| upper.strip_suffix(m).map(str::to_owned));
    match (front, back) {
        (Some(_), Some(_)) => None,
        (Some((len, h)), None) => Some((&text[len..], Some(h))),
        (None, Some((len, h))) => Some((&text[..text.len() - len], Some(h))),
        (None, None) => Some((text, None)),
    }
}

/// The numbers of a coordinate, split at degree, minute and second marks
/// and spaces; `None` when anything else is in between.
fn numbers(body: &str) -> Option<Vec<&str>> {
    const MARKS: &[char] = &[
        ' ', '\t', '°', 'º', '˚', '度', '′', '\'', '’', '‘', '分', '″', '"', '”', '“', '秒',
    ];
    if body
        .chars()
        .any(|c| !(c.is_ascii_digit() || c == '.' || c == '-' || c == '+' || MARKS.contains(&c)))
    {
        return None;
    }
    let parts: Vec<&str> = body.split(MARKS).filter(|p| !p.is_empty()).collect();
    // A sign belongs only at the very start.
    if parts
        .iter()
        .enumerate()
        .any(|(i, p)| p[1..].contains(['-', '+']) || (i > 0 && p.starts_with(['-', '+'])))
    {
        return None;
    }
    Some(parts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn lat(text: &str) -> Result<f64, CoordinateError> {
        parse_coordinate(text, Axis::Latitude)
    }

    fn lon(text: &str) -> Result<f64, CoordinateError> {
        parse_coordinate(text, Axis::Longitude)
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn decimal_degrees_are_read_as_written() {
        assert_eq!(lat("31.3875"), Ok(31.3875));
        assert_eq!(lon(" -120.5 "), Ok(-120.5));
        assert_eq!(lat("31.3875 S"), Ok(-31.3875));
        assert_eq!(lon("120.5056°E"), Ok(120.5056));
    }

    #[test]
    fn degrees_minutes_seconds_in_every_spelling() {
        let expected = 31.0 + 20.0 / 60.0 + 15.0 / 3600.0;
        for text in [
            "31°20′15″N",
            "31 20 15 N",
            "31°20'15\"N",
            "31°20'15''N",
            "N31°20′15″",
            "n 31 20 15",
            "北纬31°20′15″",
            "31度20分15秒",
            "31°20.25′",
        ] {
            assert!(close(lat(text).unwrap(), expected), "{text}");
        }
        assert!(close(lon("120°30′W").unwrap(), -120.5));
        assert!(close(lon("西经120°30′").unwrap(), -120.5));
    }

    #[test]
    fn mistakes_are_named() {
        assert_eq!(lat("31,3875"), Err(CoordinateError::Form("31,3875".into())));
        assert_eq!(lat("abc"), Err(CoordinateError::Form("abc".into())));
        assert_eq!(
            lat("31.5°20′"),
            Err(CoordinateError::Form("31.5°20′".into()))
        );
        assert_eq!(
            lat("31 20 15 10"),
            Err(CoordinateError::Form("31 20 15 10".into()))
        );
        assert_eq!(
            lat("31°75′"),
            Err(CoordinateError::MinutesOrSeconds("31°75′".into()))
        );
        assert_eq!(
            lat("120°30′E"),
            Err(CoordinateError::WrongHemisphere {
                text: "120°30′E".into(),
                axis: Axis::Latitude
            })
        );
        assert_eq!(
            lon("-120.5 W"),
            Err(CoordinateError::SignAndHemisphere("-120.5 W".into()))
        );
        assert_eq!(lat("31-20"), Err(CoordinateError::Form("31-20".into())));
        assert_eq!(lat(""), Err(CoordinateError::Form("".into())));
    }

    proptest! {
        #[test]
        fn dms_in_any_spelling_reads_back(
            d in 0u32..90, m in 0u32..60, s in 0u32..6000, south in any::<bool>(), style in 0usize..5
        ) {
            let s = s as f64 / 100.0;
            let h = if south { 'S' } else { 'N' };
            let text = match style {
                0 => format!("{d}°{m}′{s}″{h}"),
                1 => format!("{d} {m} {s} {h}"),
                2 => format!("{d}°{m}'{s}\"{h}"),
                3 => format!("{h} {d}°{m}′{s}″"),
                _ => format!("{d}度{m}分{s}秒{}", if south { "S" } else { "N" }),
            };
            let value = d as f64 + m as f64 / 60.0 + s / 3600.0;
            let expected = if south { -value } else { value };
            let read = lat(&text).unwrap();
            prop_assert!(close(read, expected), "{} read as {}", text, read);
        }

        #[test]
        fn decimal_degrees_read_back_exactly(x in -180.0f64..180.0) {
            prop_assert_eq!(lon(&x.to_string()), Ok(x));
        }

        #[test]
        fn any_text_gives_a_value_or_a_reason_never_a_panic(text in "\\PC{0,16}") {
            let _ = lat(&text);
            let _ = lon(&text);
        }
    }
}
