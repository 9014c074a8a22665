//! Loading a dataset from the bytes of its file (`load_bytes`), as the app
//! reads a response: the same answer as `load` for UTF-8 text, a byte order
//! mark skipped, and bytes that are not UTF-8 refused with their offset.

use atlas_core::{load, load_bytes, FatalError, Lang, MAX_DATASET_BYTES};
use proptest::prelude::*;

const BUNDLED: &str = include_str!("../../../public/data/suzhou-red-heritage.geojson");

#[test]
fn the_bundled_dataset_reads_the_same_from_bytes() {
    assert_eq!(load_bytes(BUNDLED.as_bytes()), load(BUNDLED));
    assert!(load_bytes(BUNDLED.as_bytes()).unwrap().problems.is_empty());
}

#[test]
fn a_byte_order_mark_is_skipped() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(BUNDLED.as_bytes());
    assert_eq!(load_bytes(&bytes), load(BUNDLED));
}

#[test]
fn only_one_byte_order_mark_is_skipped() {
    // A second mark is a character before the JSON: not valid JSON, as `load` says.
    let mut bytes = b"\xEF\xBB\xBF\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(BUNDLED.as_bytes());
    assert!(matches!(
        load_bytes(&bytes),
        Err(FatalError::InvalidJson {
            line: 1,
            column: 1,
            ..
        })
    ));
}

#[test]
fn bytes_that_are_not_utf8_are_refused_with_their_offset() {
    // "é" in Latin-1, as a file saved by an old Windows editor would hold it.
    let bytes = b"{\"type\": \"FeatureCollection\", \"name\": \"caf\xE9\", \"features\": []}";
    let offset = bytes.iter().position(|&b| b == 0xE9).unwrap();
    assert_eq!(load_bytes(bytes), Err(FatalError::InvalidUtf8 { offset }));
}

#[test]
fn the_offset_counts_the_byte_order_mark() {
    // The offset is where a hex editor shows the byte in the file itself.
    let bytes = b"\xEF\xBB\xBF{\"a\": \"\xFF\"}";
    assert_eq!(
        load_bytes(bytes),
        Err(FatalError::InvalidUtf8 { offset: 10 })
    );
}

#[test]
fn a_truncated_character_at_the_end_is_refused_too() {
    // The first two bytes of "湖" (E6 B9 96): a download cut short.
    let bytes = b"{\"name\": \"\xE6\xB9";
    assert_eq!(
        load_bytes(bytes),
        Err(FatalError::InvalidUtf8 { offset: 10 })
    );
}

#[test]
fn the_utf8_message_says_the_offset_in_both_languages() {
    let e = FatalError::InvalidUtf8 { offset: 1234 };
    let en = e.message(Lang::En);
    let zh = e.message(Lang::Zh);
    assert!(en.contains("UTF-8") && en.contains("offset 1234"), "{en}");
    assert!(zh.contains("UTF-8") && zh.contains("第 1234 字节"), "{zh}");
}

#[test]
fn an_oversized_file_is_refused_before_its_bytes_are_read() {
    // Not UTF-8 either, but the size is said: it is what the curator must fix first.
    let huge = vec![0xFF; MAX_DATASET_BYTES + 1];
    assert_eq!(
        load_bytes(&huge),
        Err(FatalError::TooLarge {
            bytes: MAX_DATASET_BYTES + 1,
            limit: MAX_DATASET_BYTES
        })
    );
}

proptest! {
    /// Any text reads from its bytes exactly as `load` reads it.
    #[test]
    fn utf8_text_reads_as_load_reads_it(text in "\\PC{0,200}") {
        prop_assume!(!text.starts_with('\u{feff}'));
        prop_assert_eq!(load_bytes(text.as_bytes()), load(&text));
    }

    /// Any bytes give a result without panicking; the offset of an
    /// encoding error is that of the first byte that is not UTF-8.
    #[test]
    fn any_bytes_are_read_or_refused_at_the_first_bad_byte(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        match load_bytes(&bytes) {
            Err(FatalError::InvalidUtf8 { offset }) => {
                let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
                let skipped = bytes.len() - body.len();
                let valid = std::str::from_utf8(body).unwrap_err().valid_up_to();
                prop_assert_eq!(offset, skipped + valid);
            }
            other => {
                let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
                let text = std::str::from_utf8(body).expect("only non-UTF-8 bytes are refused so");
                prop_assert_eq!(other, load(text));
            }
        }
    }
}
