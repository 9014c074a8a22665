//! Dates inside words: "1814 (First post)", "Oct 16, 1793", "建于1793年10月16日",
//! "the 1790s", "12th century", "XIIe siècle", OpenStreetMap's "C18".

use serde_json::Number;

use super::numeric::approximate;
use super::{Piece, Refusal};
use crate::date::HistDate;

/// What a text says about its date.
pub(super) enum Found {
    /// One or more dates: the earliest to the latest.
    Dated(Piece),
    /// Only dates qualified so they name no period we can draw ("Late 1700s",
    /// "before 1800"): the place stays undated, the text shown as written.
    Qualified,
    /// No year at all.
    Nothing,
}

/// Years found in text. Only a standalone 3–4 digit number from 1 to 2100
/// counts (three-digit ones only when there is no four-digit one, so "500
/// men" does not stretch a founding year); a month and day around it
/// ("Oct 16, 1793", "16 October 1793", "1793年10月16日") make it a day. A
/// decade ("1790s") is the period 1790–1799 and "1700s" is 1700–1799, not
/// approximate: the period holds the date as a year holds its days.
pub(super) fn find(text: &str) -> Found {
    let t = Tokens::new(text);
    let mut mentions: Vec<(HistDate, HistDate, bool, usize)> = Vec::new();
    let mut qualified = false;
    for i in 0..t.0.len() {
        let Some((value, digits)) = t.num(i) else {
            continue;
        };
        if !(3..=4).contains(&digits) || !(1..=2100).contains(&value) || !t.standalone(i) {
            continue;
        }
        let year = value as i32;
        let after_year = t.word(i + 1) == Some("年") && t.glued(i + 1);
        let (start, end, from) = if t.plural(i) {
            let last = match value {
                v if v % 100 == 0 => year + 99,
                v if v % 10 == 0 => year + 9,
                _ => continue,
            };
            (HistDate::year(year), HistDate::year(last), i)
        } else if t.bce(i) {
            (HistDate::year(-year), HistDate::year(-year), i)
        } else {
            let (date, from) = t.calendar(i, year);
            (date, date, from)
        };
        let later =
            |k: usize| after_year && t.glued(i + 2) && t.word(i + 2) == Some(["以", "前", "后"][k]);
        if t.qualifier_before(from) || (0..3).any(later) {
            qualified = true;
            continue;
        }
        let circa = t.circa_before(from)
            || (t.glued(i + 1) && (t.mark(i + 1, '?') || t.mark(i + 1, '~')))
            || (after_year && t.word(i + 2) == Some("左"));
        mentions.push((start, end, circa, digits));
    }
    if mentions.iter().any(|m| m.3 == 4) {
        mentions.retain(|m| m.3 == 4);
    }
    let Some(start) = mentions.iter().map(|m| m.0).min() else {
        return if qualified {
            Found::Qualified
        } else {
            Found::Nothing
        };
    };
    let end = mentions.iter().map(|m| m.1).max().unwrap_or(start);
    Found::Dated(Piece::span(start, end).circa(mentions.iter().any(|m| m.2)))
}

/// OpenStreetMap's century notation in `start_date`: `C18` is the 18th
/// century; "early C18", "mid C18", "late C18" name no period we can draw.
pub(super) fn osm_century(text: &str) -> Option<Result<Option<Piece>, Refusal>> {
    let (qualified, rest) = match text.split_once(' ') {
        Some((q, rest)) if ["early", "mid", "late"].contains(&q.to_ascii_lowercase().as_str()) => {
            (true, rest.trim())
        }
        _ => (false, text),
    };
    let digits = rest.strip_prefix(['C', 'c'])?;
    if !(1..=2).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: i32 = digits.parse().ok()?;
    Some(match n {
        1..=21 if qualified => Ok(None),
        1..=21 => Ok(Some(century_piece(n, false))),
        _ => Err(Refusal::Unreadable),
    })
}

/// A century as a number: 12 is the 12th century CE, -3 the 3rd century BCE.
pub(super) fn century_number(n: &Number) -> Result<Option<Piece>, Refusal> {
    match n.as_i64() {
        Some(n @ 1..=21) => Ok(Some(century_piece(n as i32, false))),
        Some(n @ -21..=-1) => Ok(Some(century_piece(-n as i32, true))),
        _ => Err(Refusal::Unreadable),
    }
}

/// A century as text: "9th century", "19th c.", "12th Century", "XII",
/// "XIIe siècle", "19世纪", "C18", "1st century BCE", "12th–13th century"
/// (a period over both). CE unless BCE is written. Words like "late" are
/// ignored: the century still holds the date. A text with a year in it
/// ("1800s", "1850") is read as [`find`] reads it.
pub(super) fn century(text: &str) -> Result<Option<Piece>, Refusal> {
    let trimmed = text.trim();
    let t = Tokens::new(trimmed);
    if (0..t.0.len()).any(|i| t.num(i).is_some_and(|(_, digits)| digits >= 3)) {
        return match find(trimmed) {
            Found::Dated(piece) => Ok(Some(piece)),
            Found::Qualified => Ok(None),
            Found::Nothing => Err(Refusal::Unreadable),
        };
    }
    if let Some(read) = osm_century(trimmed) {
        return read;
    }
    let circa = approximate(trimmed).1;
    let bce = (0..t.0.len()).any(|i| t.bce(i) || t.word(i) == Some("前"));
    let centuries: Vec<i32> = (0..t.0.len()).filter_map(|i| t.century(i)).collect();
    let (Some(&first), Some(&last)) = (centuries.iter().min(), centuries.iter().max()) else {
        let has_number = trimmed.bytes().any(|b| b.is_ascii_digit());
        return if has_number {
            Err(Refusal::Unreadable)
        } else {
            Ok(None)
        };
    };
    let (early, late) = if bce {
        (century_piece(last, true), century_piece(first, true))
    } else {
        (century_piece(first, false), century_piece(last, false))
    };
    Ok(Some(
        Piece::span(early.start, late.end.unwrap_or(late.start)).circa(circa),
    ))
}

/// The years of the `n`th century: the 19th is 1801–1900, the 1st BCE 100–1 BCE.
fn century_piece(n: i32, bce: bool) -> Piece {
    let (first, last) = ((n - 1) * 100 + 1, n * 100);
    if bce {
        Piece::span(HistDate::year(-last), HistDate::year(-first))
    } else {
        Piece::span(HistDate::year(first), HistDate::year(last))
    }
}

// ---------------------------------------------------------------------------

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    /// A run of ASCII digits: its value (saturating) and length.
    Num(u64, usize),
    /// A run of letters, lower-cased; each CJK character is a word of its own.
    Word(String),
    Mark(char),
}

/// A text cut into numbers, words and marks; each remembers whether it
/// touches the one before (no space between).
struct Tokens(Vec<(Tok, bool)>);

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Words before a year that make it name something else than the date:
/// "Late 1700s", "before 1800", "mid-1790s", "post-1814".
const QUALIFIERS: [&str; 12] = [
    "early", "mid", "middle", "late", "before", "after", "pre", "post", "by", "until", "till",
    "prior",
];

const CIRCA: [&str; 8] = [
    "c",
    "ca",
    "circa",
    "approx",
    "approximately",
    "about",
    "around",
    "约",
];

const ORDINAL: [&str; 8] = ["st", "nd", "rd", "th", "e", "er", "ème", "eme"];

const CENTURY_WORDS: [&str; 7] = [
    "century",
    "c",
    "cent",
    "世",
    "siècle",
    "secolo",
    "jahrhundert",
];

const ROMAN: [&str; 21] = [
    "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv",
    "xvi", "xvii", "xviii", "xix", "xx", "xxi",
];

impl Tokens {
    fn new(text: &str) -> Self {
        let mut out = Vec::new();
        let mut chars = text.chars().peekable();
        let mut glued = false;
        while let Some(&c) = chars.peek() {
            if c.is_whitespace() {
                chars.next();
                glued = false;
                continue;
            }
            let tok = if c.is_ascii_digit() {
                let (mut value, mut digits) = (0u64, 0usize);
                while let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                    value = value.saturating_mul(10).saturating_add(d.into());
                    digits += 1;
                    chars.next();
                }
                Tok::Num(value, digits)
            } else if is_cjk(c) {
                chars.next();
                Tok::Word(c.to_string())
            } else if c.is_alphabetic() {
                let mut word = String::new();
                while let Some(&d) = chars.peek().filter(|d| d.is_alphabetic() && !is_cjk(**d)) {
                    word.extend(d.to_lowercase());
                    chars.next();
                }
                Tok::Word(word)
            } else {
                chars.next();
                Tok::Mark(c)
            };
            out.push((tok, glued));
            glued = true;
        }
        Tokens(out)
    }

    fn num(&self, i: usize) -> Option<(u64, usize)> {
        match self.0.get(i) {
            Some((Tok::Num(v, d), _)) => Some((*v, *d)),
            _ => None,
        }
    }

    fn word(&self, i: usize) -> Option<&str> {
        match self.0.get(i) {
            Some((Tok::Word(w), _)) => Some(w),
            _ => None,
        }
    }

    fn mark(&self, i: usize, c: char) -> bool {
        matches!(self.0.get(i), Some((Tok::Mark(m), _)) if *m == c)
    }

    /// Token `i` touches the one before it.
    fn glued(&self, i: usize) -> bool {
        self.0.get(i).is_some_and(|t| t.1)
    }

    /// The number at `i` is a number of its own: not inside "1,814.5",
    /// "A1814" or "1814km". Chinese runs without spaces, so CJK may touch it.
    fn standalone(&self, i: usize) -> bool {
        let before = !self.glued(i)
            || match &self.0[i - 1].0 {
                Tok::Word(w) => CIRCA.contains(&w.as_str()) || w.chars().all(is_cjk),
                Tok::Mark('.' | ',') => i < 2 || self.num(i - 2).is_none() || !self.glued(i - 1),
                _ => true,
            };
        let after = !self.glued(i + 1)
            || match self.0.get(i + 1).map(|t| &t.0) {
                Some(Tok::Word(w)) => {
                    ["s", "bc", "bce", "ad", "ce"].contains(&w.as_str()) || w.chars().all(is_cjk)
                }
                Some(Tok::Mark('.' | ',')) => self.num(i + 2).is_none() || !self.glued(i + 2),
                _ => true,
            };
        before && after
    }

    /// "1790s", "1790's", "1790年代".
    fn plural(&self, i: usize) -> bool {
        let s_at = |k: usize| self.glued(k) && self.word(k) == Some("s");
        s_at(i + 1)
            || (self.glued(i + 1) && self.mark(i + 1, '\'') && s_at(i + 2))
            || (self.word(i + 1) == Some("年") && self.word(i + 2) == Some("代"))
    }

    /// A year followed by "BC"/"BCE"/"B.C." or preceded by 前 (公元前221年).
    fn bce(&self, i: usize) -> bool {
        matches!(self.word(i + 1), Some("bc" | "bce"))
            || (self.word(i + 1) == Some("b")
                && self.mark(i + 2, '.')
                && self.word(i + 3) == Some("c"))
            || (i > 0 && self.glued(i) && self.word(i - 1) == Some("前"))
    }

    /// The date of the year at `i` with the month and day written around it,
    /// and the index of the mention's first token.
    fn calendar(&self, i: usize, year: i32) -> (HistDate, usize) {
        let (month, day, from) = self
            .chinese_after(i)
            .or_else(|| self.english_before(i))
            .unwrap_or((None, None, i));
        let date = HistDate::new(year, month, day)
            .or_else(|_| HistDate::new(year, month, None))
            .unwrap_or_else(|_| HistDate::year(year));
        (date, from)
    }

    /// 1793年10月16日, 1793年10月.
    fn chinese_after(&self, i: usize) -> Option<(Option<u8>, Option<u8>, usize)> {
        if self.word(i + 1) != Some("年") || self.word(i + 3) != Some("月") {
            return None;
        }
        let month = self.small(i + 2, 12)?;
        let day = self
            .small(i + 4, 31)
            .filter(|_| self.word(i + 5) == Some("日"));
        Some((Some(month), day, i))
    }

    /// "Oct 16, 1793", "October 16th 1793", "16 October 1793", "1 Jan. 1800", "October 1793".
    fn english_before(&self, i: usize) -> Option<(Option<u8>, Option<u8>, usize)> {
        let mut j = i.checked_sub(1)?;
        if self.mark(j, ',') {
            j = j.checked_sub(1)?;
        }
        if let Some((day, at)) = self.day_at(j) {
            let (month, from) = self.month_at(at.checked_sub(1)?)?;
            return Some((Some(month), Some(day), from));
        }
        let (month, at) = self.month_at(j)?;
        let mut k = at.checked_sub(1);
        if k.is_some_and(|k| self.word(k) == Some("of")) {
            k = k.and_then(|k| k.checked_sub(1));
        }
        match k.and_then(|k| self.day_at(k)) {
            Some((day, from)) => Some((Some(month), Some(day), from)),
            None => Some((Some(month), None, at)),
        }
    }

    /// A day of the month at `j` ("16" or "16th"), and where it starts.
    fn day_at(&self, j: usize) -> Option<(u8, usize)> {
        if self.word(j).is_some_and(|w| ORDINAL[..4].contains(&w)) && self.glued(j) {
            return Some((self.small(j.checked_sub(1)?, 31)?, j - 1));
        }
        Some((self.small(j, 31)?, j))
    }

    /// A month name or abbreviation at `j` ("Oct", "Oct.", "Sept"), and where it starts.
    fn month_at(&self, j: usize) -> Option<(u8, usize)> {
        let at = if self.mark(j, '.') && self.glued(j) {
            j.checked_sub(1)?
        } else {
            j
        };
        let word = self.word(at)?;
        let month = MONTHS.iter().position(|m| {
            *m == word
                || (word.len() >= 3 && m.starts_with(word) && (word.len() == 3 || word == "sept"))
        })?;
        Some((month as u8 + 1, at))
    }

    /// A number of one or two digits from 1 to `max`.
    fn small(&self, i: usize, max: u64) -> Option<u8> {
        self.num(i)
            .filter(|&(v, d)| d <= 2 && (1..=max).contains(&v))
            .map(|(v, _)| v as u8)
    }

    /// The word before `from` (past "the" and a hyphen) changes what the year names.
    fn qualifier_before(&self, from: usize) -> bool {
        let mut k = from;
        while k > 0 {
            k -= 1;
            match &self.0[k].0 {
                Tok::Mark('-') => continue,
                Tok::Word(w) if w == "the" => continue,
                Tok::Word(w) => return QUALIFIERS.contains(&w.as_str()),
                _ => return false,
            }
        }
        false
    }

    /// "c. 1750", "ca 1750", "circa 1750", "~1750", "约1750".
    fn circa_before(&self, from: usize) -> bool {
        let mut k = from;
        if k > 0 && self.mark(k - 1, '.') {
            k -= 1;
        }
        k > 0 && (self.mark(k - 1, '~') || self.word(k - 1).is_some_and(|w| CIRCA.contains(&w)))
    }

    /// The century named at `i`: "19th" (with "century" or an ordinal
    /// suffix), a lone "12", "XII", "XIIe"; not "1st half of the 19th".
    fn century(&self, i: usize) -> Option<i32> {
        let (n, next) = match &self.0[i].0 {
            Tok::Num(v, d) if *d <= 2 => {
                let suffixed =
                    self.glued(i + 1) && self.word(i + 1).is_some_and(|w| ORDINAL.contains(&w));
                let next = if suffixed { i + 2 } else { i + 1 };
                let named = self.word(next).is_some_and(|w| CENTURY_WORDS.contains(&w));
                if !(suffixed || named || self.0.len() == 1) {
                    return None;
                }
                (*v as i32, next)
            }
            Tok::Word(w) => {
                let numeral = ORDINAL
                    .iter()
                    .filter_map(|s| w.strip_suffix(s))
                    .chain([w.as_str()])
                    .find_map(|r| ROMAN.iter().position(|x| *x == r))?;
                (numeral as i32 + 1, i + 1)
            }
            Tok::Num(..) | Tok::Mark(_) => return None,
        };
        let part = self
            .word(next)
            .is_some_and(|w| ["half", "quarter", "third"].contains(&w));
        ((1..=21).contains(&n) && !part).then_some(n)
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{2E80}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FFFF}')
}
