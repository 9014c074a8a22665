//! Finding strings longer than [`MAX_TEXT_BYTES`] in a parsed value, with
//! the path a curator can follow to them.

use serde_json::Value;

use crate::limits::MAX_TEXT_BYTES;

/// A string over the limit: where it is and how long it is.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct LongText {
    /// Path such as `properties.description.en` (a key over the limit is
    /// shown by its first characters).
    pub field: String,
    /// Its length in bytes of UTF-8.
    pub bytes: usize,
}

/// The first string or key in `value` (in document order) over the limit.
pub(crate) fn first_long_text(value: &Value, path: &str) -> Option<LongText> {
    // Every feature is checked and almost none has a long text: look first,
    // without spelling out a path for each member and coordinate on the way.
    if !holds_long_text(value) {
        return None;
    }
    match value {
        Value::String(s) if s.len() > MAX_TEXT_BYTES => Some(LongText {
            field: path.to_owned(),
            bytes: s.len(),
        }),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, item)| first_long_text(item, &format!("{path}[{i}]"))),
        Value::Object(members) => members.iter().find_map(|(key, item)| {
            if key.len() > MAX_TEXT_BYTES {
                return Some(LongText {
                    field: member(path, &shown_key(key)),
                    bytes: key.len(),
                });
            }
            first_long_text(item, &member(path, key))
        }),
        _ => None,
    }
}

/// Whether any string or key in `value` is over the limit.
fn holds_long_text(value: &Value) -> bool {
    match value {
        Value::String(s) => s.len() > MAX_TEXT_BYTES,
        Value::Array(items) => items.iter().any(holds_long_text),
        Value::Object(members) => members
            .iter()
            .any(|(key, item)| key.len() > MAX_TEXT_BYTES || holds_long_text(item)),
        _ => false,
    }
}

/// Takes every string over the limit out of `value` (a long string becomes
/// `null`, a member with a long key goes), and says what was taken, in
/// document order.
pub(crate) fn take_long_texts(value: &mut Value, path: &str, taken: &mut Vec<LongText>) {
    match value {
        Value::String(s) if s.len() > MAX_TEXT_BYTES => {
            taken.push(LongText {
                field: path.to_owned(),
                bytes: s.len(),
            });
            *value = Value::Null;
        }
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                take_long_texts(item, &format!("{path}[{i}]"), taken);
            }
        }
        Value::Object(members) => {
            members.retain(|key, _| {
                if key.len() > MAX_TEXT_BYTES {
                    taken.push(LongText {
                        field: member(path, &shown_key(key)),
                        bytes: key.len(),
                    });
                }
                key.len() <= MAX_TEXT_BYTES
            });
            for (key, item) in members.iter_mut() {
                take_long_texts(item, &member(path, key), taken);
            }
        }
        _ => {}
    }
}

fn member(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// The start of a key too long to print: enough to find it in an editor.
fn shown_key(key: &str) -> String {
    let cut = key.char_indices().nth(24).map_or(key.len(), |(i, _)| i);
    format!("{}…", &key[..cut])
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_string_at_the_limit_passes_and_one_byte_more_is_found_with_its_path() {
        let at = "字".repeat(MAX_TEXT_BYTES / 3) + &"a".repeat(MAX_TEXT_BYTES % 3);
        assert_eq!(at.len(), MAX_TEXT_BYTES);
        let ok = json!({ "properties": { "events": [{ "title": at.clone() }] } });
        assert_eq!(first_long_text(&ok, ""), None);
        let over = json!({ "properties": { "events": [{ "title": "x" }, { "text": { "en": at + "b" } }] } });
        assert_eq!(
            first_long_text(&over, ""),
            Some(LongText {
                field: "properties.events[1].text.en".into(),
                bytes: MAX_TEXT_BYTES + 1
            })
        );
    }

    #[test]
    fn a_long_key_is_shown_by_its_start() {
        let key = "k".repeat(MAX_TEXT_BYTES + 1);
        let value = json!({ "properties": { key: 1 } });
        let found = first_long_text(&value, "").unwrap();
        assert_eq!(found.field, format!("properties.{}…", "k".repeat(24)));
        assert_eq!(found.bytes, MAX_TEXT_BYTES + 1);
    }

    #[test]
    fn taking_leaves_the_rest_and_lists_every_long_text() {
        let long = "x".repeat(MAX_TEXT_BYTES + 5);
        let mut atlas =
            json!({ "title": { "en": long.clone(), "zh": "标题" }, "tour": [{ "text": long }] });
        let mut taken = Vec::new();
        take_long_texts(&mut atlas, "atlas", &mut taken);
        assert_eq!(
            atlas,
            json!({ "title": { "en": null, "zh": "标题" }, "tour": [{ "text": null }] })
        );
        let fields: Vec<&str> = taken.iter().map(|t| t.field.as_str()).collect();
        assert_eq!(fields, vec!["atlas.title.en", "atlas.tour[0].text"]);
    }
}
