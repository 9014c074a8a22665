//! Reading a dataset a batch of features at a time, so the app can give the
//! browser a turn between batches and a 36,000-site file never freezes the
//! page (issue 13, item 4).
//!
//! [`LoadJob::new`] checks the limits and lays the file out ([`crate::scan`]:
//! one fast pass that finds every feature's bytes, so the total is known
//! before any is parsed) and reads the members around the features;
//! [`LoadJob::step`] parses and checks the next features; [`LoadJob::finish`]
//! reads whatever is left and adds up the file. The result, problems and
//! fatal errors included, is the same whatever the batch sizes:
//! [`crate::load`] is this job run in one step.

use serde::de::IgnoredAny;
use serde::Deserialize;
use serde_json::Value;

use crate::limits::{MAX_DATASET_BYTES, MAX_FEATURES};
use crate::parse::{self, FileReader, Loaded, UTF8_BOM};
use crate::problem::FatalError;
use crate::repeated_key::CheckedValue;
use crate::scan::{self, Layout};
use crate::stream::Collection;

/// A dataset being read.
pub struct LoadJob<'t> {
    text: &'t str,
    state: State,
}

enum State {
    /// The features are read in file order, from `next` on.
    Reading {
        layout: Layout,
        next: usize,
        file: FileReader,
        collection: Collection,
        /// A mistake in a member after the features: reported once they are
        /// all read, since a mistake in one of them comes first in the file.
        after: Option<FatalError>,
    },
    /// A file read whole (one the scan does not lay out).
    Read(Loaded),
}

impl<'t> LoadJob<'t> {
    /// Starts reading the bytes of a file, as a server sends them: the size
    /// limit first (nothing is scanned past it), then a UTF-8 byte order
    /// mark skipped and the rest checked to be UTF-8
    /// ([`FatalError::InvalidUtf8`] gives the offset of the first bad byte).
    pub fn from_bytes(bytes: &'t [u8]) -> Result<Self, FatalError> {
        if bytes.len() > MAX_DATASET_BYTES {
            return Err(FatalError::TooLarge {
                bytes: bytes.len(),
                limit: MAX_DATASET_BYTES,
            });
        }
        let skipped = if bytes.starts_with(UTF8_BOM) {
            UTF8_BOM.len()
        } else {
            0
        };
        let text = std::str::from_utf8(&bytes[skipped..]).map_err(|e| FatalError::InvalidUtf8 {
            offset: skipped + e.valid_up_to(),
        })?;
        Self::new(text)
    }

    /// Starts reading `text`: checks the size and feature-count limits,
    /// finds the features and reads the members before them. A file the
    /// scan does not lay out is read whole here.
    pub fn new(text: &'t str) -> Result<Self, FatalError> {
        if text.len() > MAX_DATASET_BYTES {
            return Err(FatalError::TooLarge {
                bytes: text.len(),
                limit: MAX_DATASET_BYTES,
            });
        }
        let Some(layout) = scan::scan(text) else {
            return Self::read_whole(text);
        };
        if layout.features.len() > MAX_FEATURES {
            return Err(FatalError::TooManyFeatures {
                count: layout.features.len(),
                limit: MAX_FEATURES,
            });
        }
        let mut collection = Collection {
            features_listed: true,
            feature_count: layout.features.len(),
            ..Collection::default()
        };
        let mut after = None;
        for (i, member) in layout.members.iter().enumerate() {
            // Keys are noted in file order, the features list's in its place.
            if i == layout.members_before_features {
                collection.note_key("features");
            }
            let read = read_member(text, member, &mut collection);
            match read {
                Err(e) if i < layout.members_before_features => return Err(e),
                Err(e) => {
                    after.get_or_insert(e);
                }
                Ok(()) => {}
            }
        }
        // Anything but a collection (a single Feature, a wrong type) is the
        // whole-file reader's, which says what it is.
        if collection.kind.as_ref().and_then(Value::as_str) != Some("FeatureCollection") {
            return Self::read_whole(text);
        }
        Ok(LoadJob {
            text,
            state: State::Reading {
                layout,
                next: 0,
                file: FileReader::default(),
                collection,
                after,
            },
        })
    }

    fn read_whole(text: &'t str) -> Result<Self, FatalError> {
        Ok(LoadJob {
            text,
            state: State::Read(parse::load_whole(text)?),
        })
    }

    /// How many features the file has (1 for a single Feature).
    pub fn total(&self) -> usize {
        match &self.state {
            State::Reading { layout, .. } => layout.features.len(),
            State::Read(_) => 1,
        }
    }

    /// How many features are read so far.
    pub fn done(&self) -> usize {
        match &self.state {
            State::Reading { next, .. } => *next,
            State::Read(_) => 1,
        }
    }

    /// Whether every feature is read (only [`LoadJob::finish`] is left).
    pub fn is_done(&self) -> bool {
        self.done() == self.total()
    }

    /// Parses and checks the next `count` features (fewer at the end). A
    /// mistake in their JSON ends the job: the file cannot be shown.
    pub fn step(&mut self, count: usize) -> Result<(), FatalError> {
        let State::Reading {
            layout, next, file, ..
        } = &mut self.state
        else {
            return Ok(());
        };
        let end = next.saturating_add(count).min(layout.features.len());
        for index in *next..end {
            let part = &layout.features[index];
            if part.too_deep_at.is_some() {
                file.too_deep(index, part.depth);
                continue;
            }
            let feature: CheckedValue = parse_part(self.text, part.range.clone())?;
            file.feature(index, feature);
        }
        *next = end;
        Ok(())
    }

    /// Reads the features left and adds up the file: the dataset, or why
    /// nothing of it can be shown.
    pub fn finish(mut self) -> Result<Loaded, FatalError> {
        self.step(usize::MAX)?;
        match self.state {
            State::Read(loaded) => Ok(loaded),
            State::Reading {
                file,
                collection,
                after,
                ..
            } => match after {
                Some(e) => Err(e),
                None => parse::finish(file, collection),
            },
        }
    }
}

/// Reads one top-level member into `collection`, as the whole-file reader does.
fn read_member(
    text: &str,
    member: &scan::Member,
    collection: &mut Collection,
) -> Result<(), FatalError> {
    let key: String = parse_part(text, member.key.clone())?;
    collection.note_key(&key);
    if let Some(at) = member.value.too_deep_at {
        return Err(parse::too_deep(text, at, member.value.depth));
    }
    let range = member.value.range.clone();
    match key.as_str() {
        "type" => collection.kind = Some(parse_part(text, range)?),
        "atlas" => collection.read_atlas(parse_part(text, range)?),
        "crs" => collection.crs = Some(parse_part(text, range)?),
        // Still checked to be JSON, as the whole-file reader does.
        _ => {
            parse_part::<IgnoredAny>(text, range)?;
        }
    }
    Ok(())
}

/// Parses the value at `range` (a whole string, number, list or object, as
/// the scan found it), with a mistake placed by line and column in the file.
fn parse_part<'t, T: Deserialize<'t>>(
    text: &'t str,
    range: std::ops::Range<usize>,
) -> Result<T, FatalError> {
    let start = range.start;
    serde_json::from_str(&text[range]).map_err(|e| {
        // serde_json counts from the part: move its place into the file.
        let (line, column) = scan::line_column(text, start);
        let (line, column) = if e.line() == 1 {
            (line, column - 1 + e.column())
        } else {
            (line + e.line() - 1, e.column())
        };
        FatalError::InvalidJson {
            line,
            column,
            message: parse::json_error_message(&e),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    /// Runs a job in batches of `batch` features.
    fn batched(text: &str, batch: usize) -> Result<Loaded, FatalError> {
        let mut job = LoadJob::new(text)?;
        let total = job.total();
        while !job.is_done() {
            let before = job.done();
            job.step(batch)?;
            assert_eq!(job.done(), (before + batch).min(total));
        }
        job.finish()
    }

    /// One feature: good, or wrong in one of the ways the reader reports.
    fn feature() -> impl Strategy<Value = Value> {
        let id = prop_oneof![
            Just(Value::Null),
            (0..6u8).prop_map(|n| json!(format!("site-{n}"))),
            Just(json!("bad id!")),
        ];
        let date = prop_oneof![
            Just(json!("1939-06-24")),
            Just(json!("1921")),
            Just(json!("1939-13")),
            Just(json!(1949)),
            Just(Value::Null),
        ];
        let geometry = prop_oneof![
            (-180.0..180.0f64, -90.0..90.0f64)
                .prop_map(|(lon, lat)| json!({ "type": "Point", "coordinates": [lon, lat] })),
            Just(Value::Null),
            Just(json!({ "type": "Point", "coordinates": [500, 1] })),
            Just(json!({ "type": "Blob" })),
        ];
        let good = (id, date, geometry, any::<bool>()).prop_map(|(id, date, geometry, named)| {
            let mut props = json!({ "category": "memorial", "sources": [{ "title": "t" }] });
            props["id"] = id;
            if named {
                props["name"] = json!({ "zh": "名", "en": "Name" });
            }
            props["events"] = json!([{ "date": date, "title": "Event" }]);
            json!({ "type": "Feature", "geometry": geometry, "properties": props })
        });
        prop_oneof![
            6 => good,
            1 => Just(json!(7)),
            1 => Just(json!("a feature?")),
            1 => Just(json!({ "type": "Feature", "properties": [1] })),
            1 => Just(json!({ "geometry": null })),
        ]
    }

    /// A collection with its members in any order, written compact or pretty,
    /// sometimes with one member given twice, and sometimes with one
    /// character deleted or inserted anywhere.
    fn dataset() -> impl Strategy<Value = String> {
        (
            prop::collection::vec(feature(), 0..12),
            0..4usize,
            any::<bool>(),
            any::<bool>(),
            prop::option::of((any::<prop::sample::Index>(), 0..9usize)),
            prop::option::of(any::<prop::sample::Index>()),
        )
            .prop_map(|(features, atlas_at, pretty, extra, corruption, repeat)| {
                let atlas = json!({ "title": { "zh": "标题", "en": "Title" },
                    "tour": [{ "site": "site-1", "t": "1939" }] });
                let mut members: Vec<(String, Value)> = vec![
                    ("type".into(), json!("FeatureCollection")),
                    ("features".into(), Value::Array(features)),
                ];
                if extra {
                    members.push(("name".into(), json!({ "x": [1, 2.5, null, true] })));
                }
                members.insert(atlas_at.min(members.len()), ("atlas".into(), atlas));
                // A member given twice (the second `features` list is not read).
                if let Some(which) = repeat {
                    let again = members[which.index(members.len())].clone();
                    members.push(again);
                }
                let text = members
                    .iter()
                    .map(|(k, v)| {
                        let v = if pretty {
                            serde_json::to_string_pretty(v).unwrap()
                        } else {
                            v.to_string()
                        };
                        format!("{}: {v}", json!(k))
                    })
                    .collect::<Vec<_>>()
                    .join(if pretty { ",\n  " } else { "," });
                let mut text = format!("{{{text}}}");
                if let Some((at, what)) = corruption {
                    let mut i = at.index(text.len());
                    while !text.is_char_boundary(i) {
                        i -= 1;
                    }
                    match what {
                        0 => {
                            text.remove(i);
                        }
                        n => text.insert(i, [',', ']', '}', '"', 'x', '1', '\n', '\\'][n - 1]),
                    }
                }
                text
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        /// The batched reader gives what the whole-file reader gives (sites,
        /// problems, and any fatal error with its line and column), for any
        /// batch size.
        #[test]
        fn batches_of_any_size_give_the_whole_file_result(text in dataset(), batch in 1..6usize) {
            let whole = parse::load_whole(&text);
            prop_assert_eq!(&batched(&text, batch), &whole);
            prop_assert_eq!(&batched(&text, 1000), &whole);
            prop_assert_eq!(&crate::load(&text), &whole);
        }
    }

    #[test]
    fn the_total_is_known_before_any_feature_is_read() {
        let text = r#"{"type":"FeatureCollection","features":[1,2,3]}"#;
        let mut job = LoadJob::new(text).unwrap();
        assert_eq!((job.done(), job.total()), (0, 3));
        job.step(2).unwrap();
        assert_eq!(job.done(), 2);
        assert!(!job.is_done());
        let loaded = job.finish().unwrap();
        // Three that are not Features, and no site to show.
        assert_eq!(loaded.errors().count(), 4);
    }

    #[test]
    fn a_mistake_after_the_features_waits_for_a_mistake_in_them() {
        let text =
            "{\"type\":\"FeatureCollection\",\"features\":[{\"a\":tru}],\"atlas\":{\"x\":nul}}";
        assert!(matches!(
            batched(text, 1),
            Err(FatalError::InvalidJson { line: 1, .. })
        ));
        assert_eq!(batched(text, 1), parse::load_whole(text));
    }
}
