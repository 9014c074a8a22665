//! Text from a dataset quoted inside a message (the app's alert, atlas-check's
//! lines) so that it can neither hide nor rearrange the message around it.
//!
//! A dataset may hold anything: a newline or an escape sequence in a link
//! would start a fake line in atlas-check's output or recolour a terminal; a
//! right-to-left override (U+202E) in a category would reverse the rest of the
//! line; a 1 MB string would bury every other problem. So a quoted value is
//! cut to [`MAX_QUOTED_CHARS`] and every invisible formatting character is
//! written out the way JSON writes it (`\u202E`, `\n`), which is also how a
//! curator finds it again in the file.

use std::borrow::Cow;

/// The longest a value quoted in a message may be, in characters; longer ones
/// end with "…".
pub const MAX_QUOTED_CHARS: usize = 80;

/// `value` as a message quotes it: at most [`MAX_QUOTED_CHARS`] characters,
/// with [`escape_invisible`] applied.
pub fn quote(value: &str) -> String {
    let cut = match value.char_indices().nth(MAX_QUOTED_CHARS) {
        Some((end, _)) => Cow::Owned(format!("{}…", &value[..end])),
        None => Cow::Borrowed(value),
    };
    escape_invisible(&cut).into_owned()
}

/// `text` with every control character (C0, DEL, C1), bidirectional
/// formatting character, line or paragraph separator, byte order mark and
/// zero-width space written as its JSON escape: `\n`, `\t`, `\r` or `\uXXXX`.
/// Borrowed when there is nothing to escape, which is the usual case.
pub fn escape_invisible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_invisible) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if is_invisible(c) => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Characters that change how the text around them is shown, or are not shown
/// at all, and so must never reach a message raw. Joiners (U+200C, U+200D)
/// stay: scripts and emoji need them, and they reorder nothing.
pub fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'              // Arabic letter mark
            | '\u{200B}'            // zero-width space
            | '\u{200E}' | '\u{200F}' // left-to-right and right-to-left marks
            | '\u{2028}' | '\u{2029}' // line and paragraph separators
            | '\u{202A}'..='\u{202E}' // embeddings and overrides
            | '\u{2066}'..='\u{2069}' // isolates
            | '\u{FEFF}' // byte order mark
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn plain_text_is_left_as_it_is() {
        assert!(matches!(
            escape_invisible("夜袭浒墅关 <b>&amp;"),
            Cow::Borrowed(_)
        ));
        assert_eq!(quote("memorial"), "memorial");
    }

    #[test]
    fn bidi_controls_and_terminal_escapes_are_written_out() {
        assert_eq!(
            escape_invisible("\u{202E}gnp.exe\u{2066}x"),
            "\\u202Egnp.exe\\u2066x"
        );
        assert_eq!(
            escape_invisible("a\nerror: fake\tline\r"),
            "a\\nerror: fake\\tline\\r"
        );
        assert_eq!(escape_invisible("\u{1B}[31mred"), "\\u001B[31mred");
        assert_eq!(escape_invisible("\u{9B}31m"), "\\u009B31m");
    }

    #[test]
    fn long_values_are_cut_with_an_ellipsis() {
        let long = "x".repeat(1_000_000);
        let quoted = quote(&long);
        assert_eq!(quoted.chars().count(), MAX_QUOTED_CHARS + 1);
        assert!(quoted.ends_with('…'));
        // Cut on characters, not bytes: no panic inside a multi-byte character.
        assert_eq!(
            quote(&"苏".repeat(100)).chars().count(),
            MAX_QUOTED_CHARS + 1
        );
    }

    proptest! {
        #[test]
        fn a_quoted_value_holds_nothing_invisible_and_stays_short(value in any::<String>()) {
            let quoted = quote(&value);
            prop_assert!(!quoted.chars().any(is_invisible), "{quoted:?}");
            prop_assert!(quoted.chars().count() <= 6 * (MAX_QUOTED_CHARS + 1));
        }

        #[test]
        fn escaping_keeps_every_visible_character_in_order(value in any::<String>()) {
            let visible: String = value.chars().filter(|c| !is_invisible(*c)).collect();
            let escaped = escape_invisible(&value);
            let mut rest = escaped.chars();
            for c in visible.chars() {
                prop_assert!(rest.any(|e| e == c), "{c:?} kept in {escaped:?}");
            }
        }
    }
}
