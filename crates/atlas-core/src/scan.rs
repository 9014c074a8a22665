//! Where the parts of a FeatureCollection lie in its text, found without
//! parsing it: the top-level members, the byte range of each feature, and
//! how deep each nests.
//!
//! One pass over the bytes that only follows strings (with their escapes)
//! and brackets is several times faster than parsing, so the loader can
//! know how many features there are and where each one is before it parses
//! any, then parse them in batches and give the browser a turn between
//! batches (see [`crate::load_job`]). The scan checks the punctuation
//! between the parts it finds (`{ "key": value, … }`, `[ item, … ]`) and
//! nothing inside them: each part is parsed by serde_json on its own, which
//! reports any mistake in it. Anything the scan does not expect is `None`,
//! and the caller then reads the file whole, as before, so a broken file
//! gets exactly serde_json's message.

use std::ops::Range;

use crate::limits::MAX_NESTING_DEPTH;

/// The parts of a file whose top level is an object with a `features` list.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    /// The top-level members other than the features list, in file order.
    pub members: Vec<Member>,
    /// How many of [`Layout::members`] come before the features list.
    pub members_before_features: usize,
    /// Each item of the first `features` member that is a list, in order.
    pub features: Vec<Part>,
}

/// A top-level member.
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    /// The key's text with its quotes, as written (escapes not yet read).
    pub key: Range<usize>,
    /// The value.
    pub value: Part,
}

/// One value's place in the text and how deeply it nests.
#[derive(Clone, Debug, PartialEq)]
pub struct Part {
    /// Byte range of the value.
    pub range: Range<usize>,
    /// The deepest level of lists and objects in it, counted from the file's
    /// top-level object (level 1); a string or number counts its container's.
    pub depth: usize,
    /// Where a bracket first went past [`MAX_NESTING_DEPTH`], if one did.
    pub too_deep_at: Option<usize>,
}

/// Finds the parts of `text`; `None` when its top level is not an object
/// holding a `features` list with well-placed punctuation (the caller then
/// parses the whole text, which names what is wrong).
pub fn scan(text: &str) -> Option<Layout> {
    let mut s = Scanner {
        bytes: text.as_bytes(),
        pos: 0,
    };
    s.skip_space();
    s.expect(b'{')?;
    s.skip_space();
    let mut layout = Layout::default();
    let mut listed = false;
    if s.peek()? != b'}' {
        loop {
            let key_start = s.pos;
            s.expect_string()?;
            let key = key_start..s.pos;
            s.skip_space();
            s.expect(b':')?;
            s.skip_space();
            let is_features = !listed && s.peek()? == b'[' && key_is_features(&text[key.clone()])?;
            if is_features {
                layout.features = s.items(3)?;
                layout.members_before_features = layout.members.len();
                listed = true;
            } else {
                let value = s.value(2)?;
                layout.members.push(Member { key, value });
            }
            s.skip_space();
            match s.next()? {
                b',' => s.skip_space(),
                b'}' => break,
                _ => return None,
            }
        }
    } else {
        s.pos += 1;
    }
    s.skip_space();
    (listed && s.pos == s.bytes.len()).then_some(layout)
}

/// The deepest nesting of the JSON value that `text` starts with (after
/// blanks), and where it first went past [`MAX_NESTING_DEPTH`]; `None` when
/// the text ends inside it. For files read whole, which the scan does not lay out.
pub fn nesting(text: &str) -> Option<Part> {
    let mut s = Scanner {
        bytes: text.as_bytes(),
        pos: 0,
    };
    s.skip_space();
    s.value(1)
}

/// Line and column (both from 1, the column in bytes) of byte `index`, as
/// serde_json counts them in its messages.
pub fn line_column(text: &str, index: usize) -> (usize, usize) {
    let before = &text.as_bytes()[..index.min(text.len())];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = 1 + before[..line_start].iter().filter(|&&b| b == b'\n').count();
    (line, index - line_start + 1)
}

/// Whether a key (with its quotes) reads `features`; `None` when it is not
/// a valid JSON string.
fn key_is_features(key: &str) -> Option<bool> {
    if !key.contains('\\') {
        return Some(key == "\"features\"");
    }
    serde_json::from_str::<String>(key)
        .ok()
        .map(|k| k == "features")
}

/// Whether `word` is a number as JSON spells it: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
fn is_number(word: &[u8]) -> bool {
    let digits = |w: &[u8]| w.iter().take_while(|b| b.is_ascii_digit()).count();
    let mut rest = word.strip_prefix(b"-").unwrap_or(word);
    let whole = digits(rest);
    if whole == 0 || (whole > 1 && rest[0] == b'0') {
        return false;
    }
    rest = &rest[whole..];
    if let Some(fraction) = rest.strip_prefix(b".") {
        let n = digits(fraction);
        if n == 0 {
            return false;
        }
        rest = &fraction[n..];
    }
    if let Some(exponent) = rest.strip_prefix(b"e").or_else(|| rest.strip_prefix(b"E")) {
        let exponent = exponent
            .strip_prefix(b"+")
            .or_else(|| exponent.strip_prefix(b"-"))
            .unwrap_or(exponent);
        let n = digits(exponent);
        if n == 0 {
            return false;
        }
        rest = &exponent[n..];
    }
    rest.is_empty()
}

struct Scanner<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.pos += 1;
        Some(b)
    }

    fn expect(&mut self, wanted: u8) -> Option<()> {
        (self.next()? == wanted).then_some(())
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// Past a string starting here (its contents are serde_json's to check).
    fn expect_string(&mut self) -> Option<()> {
        self.expect(b'"')?;
        self.skip_string_body()
    }

    /// Past the rest of a string whose opening quote is read.
    fn skip_string_body(&mut self) -> Option<()> {
        loop {
            // Most bytes of a string are neither a quote nor a backslash:
            // look for the next one of those directly.
            let rest = &self.bytes[self.pos..];
            let at = rest.iter().position(|&b| b == b'"' || b == b'\\')?;
            self.pos += at;
            if self.bytes[self.pos] == b'"' {
                self.pos += 1;
                return Some(());
            }
            // A backslash: the byte after it is escaped, whatever it is.
            self.pos += 2;
            if self.pos > self.bytes.len() {
                return None;
            }
        }
    }

    /// The items of the list starting here, each a value at `level`.
    fn items(&mut self, level: usize) -> Option<Vec<Part>> {
        self.expect(b'[')?;
        self.skip_space();
        let mut items = Vec::new();
        if self.peek()? == b']' {
            self.pos += 1;
            return Some(items);
        }
        loop {
            items.push(self.value(level)?);
            self.skip_space();
            match self.next()? {
                b',' => self.skip_space(),
                b']' => return Some(items),
                _ => return None,
            }
        }
    }

    /// The value starting here; `level` is its own level if it is a list
    /// or an object.
    fn value(&mut self, level: usize) -> Option<Part> {
        let start = self.pos;
        let mut depth = level;
        let mut too_deep_at = (level > MAX_NESTING_DEPTH).then_some(start);
        match self.peek()? {
            b'"' => {
                self.expect_string()?;
                depth = level - 1;
            }
            b'{' | b'[' => {
                let mut current = level;
                self.pos += 1;
                loop {
                    match self.next()? {
                        b'"' => self.skip_string_body()?,
                        b'{' | b'[' => {
                            current += 1;
                            depth = depth.max(current);
                            if current > MAX_NESTING_DEPTH && too_deep_at.is_none() {
                                too_deep_at = Some(self.pos - 1);
                            }
                        }
                        b'}' | b']' if current == level => break,
                        b'}' | b']' => current -= 1,
                        _ => {}
                    }
                }
            }
            _ => {
                // A number, true, false or null, up to the next delimiter.
                // Only a correctly spelt one is taken: serde_json, reading it
                // alone, could not tell what follows it as the whole-file
                // reader would ("12x" in a list).
                while !matches!(
                    self.peek(),
                    None | Some(b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
                ) {
                    self.pos += 1;
                }
                let word = &self.bytes[start..self.pos];
                if !(matches!(word, b"true" | b"false" | b"null") || is_number(word)) {
                    return None;
                }
                depth = level - 1;
            }
        }
        Some(Part {
            range: start..self.pos,
            depth,
            too_deep_at,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str) -> Vec<&str> {
        let layout = scan(text).expect("laid out");
        layout
            .features
            .iter()
            .map(|p| &text[p.range.clone()])
            .collect()
    }

    #[test]
    fn features_are_found_with_brackets_and_quotes_inside_strings() {
        let text = r#" { "type" : "FeatureCollection", "features" : [ {"a":"}]\"{["} , [1,[2]], "s", 12.5e3 ,null ] , "atlas": {"x": [1]} } "#;
        assert_eq!(
            parts(text),
            vec![r#"{"a":"}]\"{["}"#, "[1,[2]]", "\"s\"", "12.5e3", "null"]
        );
        let layout = scan(text).unwrap();
        assert_eq!(layout.members_before_features, 1);
        let keys: Vec<&str> = layout
            .members
            .iter()
            .map(|m| &text[m.key.clone()])
            .collect();
        assert_eq!(keys, vec!["\"type\"", "\"atlas\""]);
        assert_eq!(
            &text[layout.members[1].value.range.clone()],
            r#"{"x": [1]}"#
        );
    }

    #[test]
    fn depth_counts_from_the_top_level_object() {
        let layout = scan(r#"{"features":[{"g":{"c":[[1,2]]}}, 1, {}]}"#).unwrap();
        let depths: Vec<usize> = layout.features.iter().map(|p| p.depth).collect();
        // The feature object is level 3, its geometry 4, the coordinates 5 and 6.
        assert_eq!(depths, vec![6, 2, 3]);
    }

    #[test]
    fn the_first_bracket_past_the_limit_is_found() {
        // Items are at level 3: n lists nested from there reach level n + 2.
        let nested = |n: usize| format!(r#"{{"features":[{}{}]}}"#, "[".repeat(n), "]".repeat(n));
        let ok = scan(&nested(MAX_NESTING_DEPTH - 2)).unwrap();
        assert_eq!(ok.features[0].depth, MAX_NESTING_DEPTH);
        assert_eq!(ok.features[0].too_deep_at, None);
        let deep = scan(&nested(MAX_NESTING_DEPTH - 1)).unwrap();
        assert_eq!(deep.features[0].depth, MAX_NESTING_DEPTH + 1);
        let at = deep.features[0].too_deep_at.unwrap();
        assert_eq!(at, "{\"features\":[".len() + MAX_NESTING_DEPTH - 2);
    }

    #[test]
    fn other_shapes_are_left_to_the_whole_file_reader() {
        for text in [
            "[1]",
            r#"{"type":"Feature"}"#,
            r#"{"features":{}}"#,
            r#"{"features":[1,]}"#,
            r#"{"features":[1 2]}"#,
            r#"{"features":[1]"#,
            r#"{"features":["x]}"#,
            r#"{"features":[], }"#,
            r#"{"features":[]} x"#,
            r#"{"a":1"b":2,"features":[]}"#,
            r#"{"a":,"features":[]}"#,
            r#"{"a":1"x","features":[]}"#,
            r#"{"features":[12x]}"#,
            r#"{"features":[tru]}"#,
            r#"{"features":[01]}"#,
            r#"{"features":[1.]}"#,
            r#"{"features":[-]}"#,
        ] {
            assert_eq!(scan(text), None, "{text}");
        }
    }

    #[test]
    fn an_escaped_features_key_and_a_later_list_are_found() {
        assert_eq!(parts(r#"{"feat\u0075res":[1]}"#), vec!["1"]);
        // A `features` that is not a list does not count; the next one does.
        assert_eq!(
            parts(r#"{"features":{},"features":[2],"features":[3]}"#),
            vec!["2"]
        );
    }

    #[test]
    fn numbers_are_spelt_as_json_spells_them() {
        for good in ["0", "-0", "12", "1.5", "-3.25e-7", "6E+2", "1e400"] {
            assert!(is_number(good.as_bytes()), "{good}");
        }
        for bad in [
            "", "-", "01", "1.", ".5", "1e", "1e+", "+1", "0x1", "NaN", "Infinity",
        ] {
            assert!(!is_number(bad.as_bytes()), "{bad}");
        }
    }

    #[test]
    fn line_and_column_count_as_serde_json_does() {
        let text = "{\n \"features\": [,]\n}";
        let e = serde_json::from_str::<serde_json::Value>(text).unwrap_err();
        let comma = text.find(',').unwrap();
        assert_eq!(line_column(text, comma), (e.line(), e.column()));
        assert_eq!(line_column("abc", 0), (1, 1));
    }
}
