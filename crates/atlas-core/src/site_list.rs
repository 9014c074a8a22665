//! The list of sites beside the map: finding a site by what a visitor types,
//! and the order the list shows them in.
//!
//! Search matches the Chinese and English names and addresses as typed:
//! Latin text case- and accent-insensitively ("chateau" finds "Château"),
//! Chinese by substring ("刺绣" finds 中国刺绣艺术馆), since Chinese has no
//! spaces between words and a visitor types any part of a name. Every word of
//! the query must be found somewhere in the site's text; a query of nothing
//! but spaces matches every site. No pinyin: it would need a dictionary
//! the size of the app.

use std::cmp::Ordering;

use crate::interop::latin_letter;
use crate::{Lang, Site};

/// Folds text for matching: lower case, accents off Latin letters
/// (`ß` → `ss`), full-width forms (`ＡＢＣ１`) to ASCII, and every run of
/// white space to one space, trimmed. Chinese characters stay as they are.
///
/// Each character folds on its own, so a piece of a text folds to a piece of
/// the folded text: what makes substring search on folded text sound.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let c = full_width_to_ascii(c);
        if c.is_whitespace() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else if let Some(plain) = latin_letter(c) {
            out.push_str(plain);
        } else {
            out.extend(c.to_lowercase());
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// What a visitor typed in the search box, folded and cut into words.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SiteQuery {
    words: Vec<String>,
}

impl SiteQuery {
    /// Reads the search box's text.
    pub fn new(text: &str) -> Self {
        Self {
            words: fold(text)
                .split(' ')
                .filter(|w| !w.is_empty())
                .map(str::to_owned)
                .collect(),
        }
    }

    /// Whether the query holds no word (every site matches).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether every word of the query occurs in `folded` (text already
    /// passed through [`fold`]).
    pub fn matches_folded(&self, folded: &str) -> bool {
        self.words.iter().all(|w| folded.contains(w.as_str()))
    }
}

/// The searchable text of every site, folded once when the dataset loads so
/// typing costs a substring scan per site and nothing more.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SiteSearch {
    texts: Vec<String>,
}

impl SiteSearch {
    /// The search over `sites` (indexes as in `Atlas::sites`).
    pub fn new(sites: &[Site]) -> Self {
        Self {
            texts: sites.iter().map(searchable_text).collect(),
        }
    }

    /// Whether site `site` matches `query`; a site index out of range never does.
    pub fn matches(&self, site: usize, query: &SiteQuery) -> bool {
        self.texts
            .get(site)
            .is_some_and(|t| query.matches_folded(t))
    }
}

/// The order of the list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SiteOrder {
    /// By the first event's date, earliest first; sites without a date last.
    #[default]
    Date,
    /// By name in the visitor's language.
    Name,
}

/// Sorts site indexes in `order`. Ties (and undated sites, in date order)
/// go by name in `lang`, then by file order, so the list never shuffles.
///
/// Names compare folded, so case and accents do not split the alphabet;
/// Chinese names compare by code point, which for the common characters
/// follows the radical-and-stroke order of Chinese dictionaries (not pinyin).
pub fn sort_sites(sites: &[Site], indexes: &mut [usize], order: SiteOrder, lang: Lang) {
    let name = |i: usize| fold(sites[i].name.get(lang));
    let mut keyed: Vec<(usize, String)> = indexes.iter().map(|&i| (i, name(i))).collect();
    keyed.sort_by(|(a, name_a), (b, name_b)| {
        let by_date = match order {
            SiteOrder::Date => by_first_date(&sites[*a], &sites[*b]),
            SiteOrder::Name => Ordering::Equal,
        };
        by_date.then_with(|| name_a.cmp(name_b)).then(a.cmp(b))
    });
    for (slot, (i, _)) in indexes.iter_mut().zip(keyed) {
        *slot = i;
    }
}

/// Earlier first events first; a site without events after every dated one.
fn by_first_date(a: &Site, b: &Site) -> Ordering {
    match (a.first_date(), b.first_date()) {
        (Some(x), Some(y)) => x.start_years().total_cmp(&y.start_years()),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// Both names and both addresses, folded; a line break between them keeps a
/// query from matching across the end of one and the start of the next.
fn searchable_text(site: &Site) -> String {
    let parts = [&site.name, &site.address]
        .into_iter()
        .flat_map(|t| [t.zh.as_deref(), t.en.as_deref()])
        .flatten()
        .map(fold);
    parts.collect::<Vec<_>>().join("\n")
}

/// `Ａ` (U+FF21) → `A`: Chinese input methods often type Latin letters and
/// digits full width.
fn full_width_to_ascii(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::{EventDate, HistDate};
    use crate::{Event, LocalizedText};
    use proptest::prelude::*;

    fn text(zh: &str, en: &str) -> LocalizedText {
        LocalizedText {
            zh: Some(zh.to_owned()),
            en: Some(en.to_owned()),
        }
    }

    fn site(zh: &str, en: &str, year: Option<i32>) -> Site {
        let mut s = Site {
            name: text(zh, en),
            ..Site::default()
        };
        if let Some(y) = year {
            s.events.push(Event {
                date: EventDate::on(HistDate::year(y)),
                title: LocalizedText::default(),
                text: LocalizedText::default(),
            });
        }
        s
    }

    fn suzhou() -> Vec<Site> {
        let mut museum = site("中国刺绣艺术馆", "China Embroidery Art Museum", Some(2021));
        museum.address = text("苏州市高新区镇湖街道", "Zhenhu Subdistrict, Suzhou");
        vec![
            museum,
            site(
                "夜袭浒墅关纪念碑",
                "Memorial to the Night Raid on Xushuguan",
                Some(1939),
            ),
            site("寒山寺", "Hanshan Temple", None),
            site("Schloßberg", "Château Schloßberg", Some(1200)),
        ]
    }

    fn found(sites: &[Site], q: &str) -> Vec<usize> {
        let search = SiteSearch::new(sites);
        let query = SiteQuery::new(q);
        (0..sites.len())
            .filter(|&i| search.matches(i, &query))
            .collect()
    }

    #[test]
    fn partial_chinese_finds_the_site_without_pinyin() {
        assert_eq!(found(&suzhou(), "刺绣"), [0]);
        assert_eq!(found(&suzhou(), "浒墅关"), [1]);
    }

    #[test]
    fn english_matches_in_any_case_and_word_order() {
        assert_eq!(found(&suzhou(), "night RAID"), [1]);
        assert_eq!(found(&suzhou(), "raid memorial"), [1]);
        assert_eq!(found(&suzhou(), "raid museum"), Vec::<usize>::new());
    }

    #[test]
    fn accents_and_full_width_letters_do_not_matter() {
        assert_eq!(found(&suzhou(), "chateau schlossberg"), [3]);
        assert_eq!(found(&suzhou(), "ＣＨＩＮＡ"), [0]);
    }

    #[test]
    fn addresses_are_searched_in_both_languages() {
        assert_eq!(found(&suzhou(), "镇湖"), [0]);
        assert_eq!(found(&suzhou(), "zhenhu"), [0]);
    }

    #[test]
    fn a_blank_query_keeps_every_site() {
        assert!(SiteQuery::new("  \u{3000} ").is_empty());
        assert_eq!(found(&suzhou(), " "), [0, 1, 2, 3]);
    }

    #[test]
    fn a_query_never_matches_across_two_fields() {
        // The English name ends "Museum", the Chinese address starts "苏州".
        assert_eq!(found(&suzhou(), "museum苏州"), Vec::<usize>::new());
    }

    #[test]
    fn date_order_puts_undated_sites_last() {
        let sites = suzhou();
        let mut order = vec![0, 1, 2, 3];
        sort_sites(&sites, &mut order, SiteOrder::Date, Lang::En);
        assert_eq!(order, [3, 1, 0, 2]);
    }

    #[test]
    fn name_order_follows_the_visitors_language() {
        let sites = suzhou();
        let mut order = vec![0, 1, 2, 3];
        sort_sites(&sites, &mut order, SiteOrder::Name, Lang::En);
        // Château (folded "chateau") < China < Hanshan < Memorial.
        assert_eq!(order, [3, 0, 2, 1]);
    }

    #[test]
    fn fold_collapses_white_space_and_lowers_case() {
        assert_eq!(fold("  Night\t RAID  "), "night raid");
        assert_eq!(fold("Straße"), "strasse");
    }

    fn is_cjk(c: char) -> bool {
        ('\u{4E00}'..='\u{9FFF}').contains(&c)
    }

    proptest! {
        /// Any site's own name, or any piece of it at least one Chinese
        /// character or two Latin letters long, finds it, whatever its case.
        #[test]
        fn any_piece_of_a_name_finds_its_site(
            zh in "[\u{4E00}-\u{9FA5}]{1,12}",
            en in "[A-Za-zÀ-ÿ ]{2,24}",
            start in 0usize..24,
            len in 1usize..24,
            upper in any::<bool>(),
        ) {
            let sites = vec![site(&zh, &en, Some(1949)), site("其他", "Other", None)];
            let search = SiteSearch::new(&sites);
            for name in [&zh, &en] {
                prop_assert!(search.matches(0, &SiteQuery::new(name)));
                let chars: Vec<char> = name.chars().collect();
                let s = start % chars.len();
                let piece: String = chars[s..(s + len).min(chars.len())].iter().collect();
                let long_enough = piece.chars().filter(|c| is_cjk(*c)).count() >= 1
                    || piece.chars().filter(|c| c.is_alphabetic()).count() >= 2;
                if long_enough {
                    let typed = if upper { piece.to_uppercase() } else { piece.to_lowercase() };
                    prop_assert!(search.matches(0, &SiteQuery::new(&typed)), "{typed:?} in {name:?}");
                }
            }
        }

        /// Sorting only reorders: every index stays, none is added.
        #[test]
        fn sorting_keeps_every_site(years in proptest::collection::vec(proptest::option::of(1800i32..2030), 0..20)) {
            let sites: Vec<Site> = years.iter().enumerate()
                .map(|(i, y)| site(&format!("地{i}"), &format!("Site {i}"), *y))
                .collect();
            for order in [SiteOrder::Date, SiteOrder::Name] {
                let mut idx: Vec<usize> = (0..sites.len()).collect();
                sort_sites(&sites, &mut idx, order, Lang::Zh);
                let mut sorted = idx.clone();
                sorted.sort();
                prop_assert_eq!(sorted, (0..sites.len()).collect::<Vec<_>>());
                if order == SiteOrder::Date {
                    let dated: Vec<bool> = idx.iter().map(|&i| years[i].is_some()).collect();
                    prop_assert!(dated.windows(2).all(|w| w[0] || !w[1]), "undated last");
                }
            }
        }
    }
}
