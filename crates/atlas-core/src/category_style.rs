//! How each category draws, including the ones the data brings.
//!
//! The contract's known categories (memorial, museum…) keep their own colour
//! and symbol. Every other value a dataset uses (`fort`, `church`, `war`…)
//! gets a style slot of its own, so a curator's file with their own words
//! still reads as a map with a legend rather than a field of grey dots.
//!
//! The order is stable: the data's own values are ranked by how many sites use
//! them (most first), ties broken by the name's byte order. The same file
//! therefore draws the same way on every load, whatever order its features
//! come in. At most [`STYLED_LIMIT`] categories draw with a style of their own
//! (the known ones present count towards it, since they take legend lines
//! too); the rest share one "Other" style, and the legend lists what it holds.
//!
//! Sites with no category (none given, or a blank name) are their own entry,
//! "No category", with a generic symbol of their own: they are a gap in the
//! data that a curator wants to see counted, not one more value to rank.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use crate::contract::CATEGORY_NAMES;
use crate::model::{Category, Site};

/// At most this many categories (known ones present plus the data's own
/// values) draw with a style of their own; past it, the data's least used
/// values share the "Other" style.
pub const STYLED_LIMIT: usize = 10;

/// How many slot styles exist for the data's own values (`cat-slot-0` …
/// `cat-slot-9` in the stylesheet): enough for a dataset that uses no known
/// category at all.
pub const SLOT_COUNT: usize = STYLED_LIMIT;

/// The look of one category on the map, the timeline and the legend.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CategoryStyle {
    /// A known category: its own colour and symbol (index into
    /// [`CATEGORY_NAMES`]).
    Known(usize),
    /// One of the [`SLOT_COUNT`] styles kept for the data's own values.
    Slot(usize),
    /// Sites whose category is missing or blank.
    Uncategorised,
    /// The data's own values past [`STYLED_LIMIT`], sharing one style.
    Other,
}

impl CategoryStyle {
    /// The CSS class suffix (`cat-…`): the known category's name, `slot-N`,
    /// `none` or `other`. Never a name from the data, so any value is safe.
    pub fn class_suffix(self) -> Cow<'static, str> {
        match self {
            Self::Known(i) => Cow::Borrowed(CATEGORY_NAMES[i]),
            Self::Slot(n) => Cow::Owned(format!("slot-{n}")),
            Self::Uncategorised => Cow::Borrowed("none"),
            Self::Other => Cow::Borrowed("other"),
        }
    }
}

/// One line of the legend.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LegendEntry {
    /// How the entry draws.
    pub style: CategoryStyle,
    /// The category, for a known or slotted entry; `None` for "No category"
    /// and "Other", whose labels the app translates.
    pub category: Option<Category>,
    /// How many sites the entry covers.
    pub count: usize,
    /// For "Other": the values it holds with their counts, in rank order.
    /// Empty for every other entry.
    pub holds: Vec<(String, usize)>,
}

/// The style of every category a dataset uses, and its legend.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CategoryStyles {
    slotted: HashMap<String, usize>,
    legend: Vec<LegendEntry>,
}

impl CategoryStyles {
    /// Styles for the categories of these sites.
    pub fn of_sites(sites: &[Site]) -> Self {
        Self::from_names(sites.iter().map(|s| s.category.name()))
    }

    /// Styles for a multiset of category names, one per site, as written in
    /// the data (blank for none). Their order does not matter.
    pub fn from_names<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        let mut known = [0usize; CATEGORY_NAMES.len()];
        let mut uncategorised = 0;
        let mut own: BTreeMap<&str, usize> = BTreeMap::new();
        for name in names {
            if let Some(i) = known_index(name) {
                known[i] += 1;
            } else if is_blank(name) {
                uncategorised += 1;
            } else {
                *own.entry(name).or_default() += 1;
            }
        }

        let mut legend: Vec<LegendEntry> = known
            .iter()
            .enumerate()
            .filter(|(_, &count)| count > 0)
            .map(|(i, &count)| LegendEntry {
                style: CategoryStyle::Known(i),
                category: Some(Category::from_name(CATEGORY_NAMES[i])),
                count,
                holds: Vec::new(),
            })
            .collect();

        // Most used first; the BTreeMap already gave name order, and the sort is stable.
        let mut ranked: Vec<(&str, usize)> = own.into_iter().collect();
        ranked.sort_by_key(|&(_, count)| std::cmp::Reverse(count));
        let slots = STYLED_LIMIT.saturating_sub(legend.len()).min(SLOT_COUNT);
        let (styled, rest) = ranked.split_at(slots.min(ranked.len()));

        let mut slotted = HashMap::new();
        for (slot, &(name, count)) in styled.iter().enumerate() {
            slotted.insert(name.to_owned(), slot);
            legend.push(LegendEntry {
                style: CategoryStyle::Slot(slot),
                category: Some(Category::from_name(name)),
                count,
                holds: Vec::new(),
            });
        }
        if uncategorised > 0 {
            legend.push(LegendEntry {
                style: CategoryStyle::Uncategorised,
                category: None,
                count: uncategorised,
                holds: Vec::new(),
            });
        }
        if !rest.is_empty() {
            legend.push(LegendEntry {
                style: CategoryStyle::Other,
                category: None,
                count: rest.iter().map(|(_, c)| c).sum(),
                holds: rest.iter().map(|&(n, c)| (n.to_owned(), c)).collect(),
            });
        }
        Self { slotted, legend }
    }

    /// How a site of this category draws.
    pub fn style(&self, category: &Category) -> CategoryStyle {
        self.style_of(category.name())
    }

    /// How a category, by its name as written in the data, draws. A name the
    /// styles were not built from draws as "Other".
    pub fn style_of(&self, name: &str) -> CategoryStyle {
        if let Some(i) = known_index(name) {
            CategoryStyle::Known(i)
        } else if is_blank(name) {
            CategoryStyle::Uncategorised
        } else {
            self.slotted
                .get(name)
                .map_or(CategoryStyle::Other, |&slot| CategoryStyle::Slot(slot))
        }
    }

    /// The legend: known categories in contract order, then the data's own
    /// values in slot order, then "No category", then "Other". Only entries
    /// with at least one site.
    pub fn legend(&self) -> &[LegendEntry] {
        &self.legend
    }
}

fn known_index(name: &str) -> Option<usize> {
    CATEGORY_NAMES.iter().position(|k| *k == name)
}

/// A blank name is no category: parse gives `""` for a missing one, and a
/// name of spaces would be an invisible legend line.
fn is_blank(name: &str) -> bool {
    name.trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashSet;

    fn styles(names: &[&str]) -> CategoryStyles {
        CategoryStyles::from_names(names.iter().copied())
    }

    fn repeat<'a>(spec: &[(&'a str, usize)]) -> Vec<&'a str> {
        spec.iter()
            .flat_map(|&(n, c)| std::iter::repeat_n(n, c))
            .collect()
    }

    #[test]
    fn known_categories_keep_their_own_style() {
        let s = styles(&["museum", "memorial", "fort", "zone"]);
        assert_eq!(s.style_of("memorial"), CategoryStyle::Known(0));
        assert_eq!(s.style_of("museum"), CategoryStyle::Known(1));
        assert_eq!(s.style_of("zone"), CategoryStyle::Known(7));
        assert_eq!(s.style_of("zone").class_suffix(), "zone");
        assert_eq!(s.style(&Category::Cemetery), CategoryStyle::Known(6));
    }

    #[test]
    fn the_data_s_own_values_get_slots_most_used_first_then_by_name() {
        let s = styles(&repeat(&[
            ("war", 2),
            ("fort", 5),
            ("church", 2),
            ("castle", 1),
        ]));
        assert_eq!(s.style_of("fort"), CategoryStyle::Slot(0));
        assert_eq!(s.style_of("church"), CategoryStyle::Slot(1));
        assert_eq!(s.style_of("war"), CategoryStyle::Slot(2));
        assert_eq!(s.style_of("castle"), CategoryStyle::Slot(3));
        assert_eq!(s.style_of("fort").class_suffix(), "slot-0");
    }

    #[test]
    fn past_the_limit_the_least_used_values_share_other_and_the_legend_lists_them() {
        // Twelve values: counts 12, 11, … 1, so the ranking is by count alone.
        let names: Vec<String> = (0..12).map(|i| format!("kind-{i:02}")).collect();
        let spec: Vec<(&str, usize)> = names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.as_str(), 12 - i))
            .collect();
        let s = styles(&repeat(&spec));
        assert_eq!(s.style_of("kind-09"), CategoryStyle::Slot(9));
        assert_eq!(s.style_of("kind-10"), CategoryStyle::Other);
        assert_eq!(s.style_of("kind-11"), CategoryStyle::Other);
        let other = s.legend().last().unwrap();
        assert_eq!(other.style, CategoryStyle::Other);
        assert_eq!(other.count, 3);
        assert_eq!(
            other.holds,
            vec![("kind-10".to_owned(), 2), ("kind-11".to_owned(), 1)]
        );
    }

    #[test]
    fn known_categories_present_take_legend_lines_from_the_limit() {
        let mut names = vec!["memorial", "museum", "base"];
        let own: Vec<String> = (0..9).map(|i| format!("own-{i}")).collect();
        names.extend(own.iter().map(String::as_str));
        let s = styles(&names);
        // 3 known + 7 slots = 10 styled; own-7 and own-8 (last by name) share Other.
        assert_eq!(s.style_of("own-6"), CategoryStyle::Slot(6));
        assert_eq!(s.style_of("own-7"), CategoryStyle::Other);
        assert_eq!(s.legend().len(), 3 + 7 + 1);
    }

    #[test]
    fn no_category_is_its_own_entry_after_the_slots_and_before_other() {
        let s = styles(&["", "  ", "fort", "memorial", ""]);
        assert_eq!(s.style_of(""), CategoryStyle::Uncategorised);
        assert_eq!(s.style_of(" "), CategoryStyle::Uncategorised);
        assert_eq!(s.style_of("").class_suffix(), "none");
        let order: Vec<(CategoryStyle, usize)> =
            s.legend().iter().map(|e| (e.style, e.count)).collect();
        assert_eq!(
            order,
            vec![
                (CategoryStyle::Known(0), 1),
                (CategoryStyle::Slot(0), 1),
                (CategoryStyle::Uncategorised, 3)
            ]
        );
    }

    #[test]
    fn the_bundled_kind_of_dataset_has_a_legend_of_known_categories_in_contract_order() {
        let s = styles(&["museum", "zone", "memorial", "museum"]);
        let legend: Vec<(&str, usize)> = s
            .legend()
            .iter()
            .map(|e| (e.category.as_ref().unwrap().name(), e.count))
            .collect();
        assert_eq!(legend, vec![("memorial", 1), ("museum", 2), ("zone", 1)]);
    }

    #[test]
    fn a_name_never_seen_draws_as_other() {
        assert_eq!(styles(&["fort"]).style_of("castle"), CategoryStyle::Other);
    }

    fn name() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::sample::select(CATEGORY_NAMES.to_vec()).prop_map(str::to_owned),
            Just(String::new()),
            Just(" ".to_owned()),
            // A small pool, so values repeat and counts tie.
            "[a-e]{1,2}",
            "[A-Za-z =:-]{1,12}",
        ]
    }

    proptest! {
        #[test]
        fn every_value_has_a_style_no_two_share_one_and_site_order_does_not_matter(
            names in prop::collection::vec(name(), 0..80),
            seed in any::<u64>(),
        ) {
            let s = CategoryStyles::from_names(names.iter().map(String::as_str));

            let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
            for n in &names {
                *counts.entry(n.as_str()).or_default() += 1;
            }
            let mut styled: HashMap<CategoryStyle, &str> = HashMap::new();
            for &n in counts.keys() {
                let style = s.style_of(n);
                match style {
                    CategoryStyle::Known(i) => prop_assert_eq!(CATEGORY_NAMES[i], n),
                    CategoryStyle::Uncategorised => prop_assert!(n.trim().is_empty()),
                    CategoryStyle::Slot(k) => {
                        prop_assert!(k < SLOT_COUNT);
                        prop_assert!(!CATEGORY_NAMES.contains(&n) && !n.trim().is_empty());
                        if let Some(other) = styled.insert(style, n) {
                            prop_assert!(false, "{} and {} share slot {}", other, n, k);
                        }
                    }
                    CategoryStyle::Other => {
                        prop_assert!(!CATEGORY_NAMES.contains(&n) && !n.trim().is_empty());
                    }
                }
            }

            // At most the limit draws with a style of its own; Other only when needed.
            let own_lines = s.legend().iter().filter(|e| matches!(e.style, CategoryStyle::Known(_) | CategoryStyle::Slot(_))).count();
            prop_assert!(own_lines <= STYLED_LIMIT);
            let other = s.legend().iter().find(|e| e.style == CategoryStyle::Other);
            if let Some(other) = other {
                prop_assert_eq!(own_lines, STYLED_LIMIT);
                // Nothing in Other is used more than a slotted value.
                let least_slotted = s.legend().iter().filter(|e| matches!(e.style, CategoryStyle::Slot(_))).map(|e| e.count).min();
                for (n, c) in &other.holds {
                    prop_assert_eq!(s.style_of(n), CategoryStyle::Other);
                    prop_assert_eq!(counts[n.as_str()], *c);
                    if let Some(least) = least_slotted {
                        prop_assert!(*c <= least);
                    }
                }
            }
            // Every site is counted once.
            prop_assert_eq!(s.legend().iter().map(|e| e.count).sum::<usize>(), names.len());
            let lines: HashSet<CategoryStyle> = s.legend().iter().map(|e| e.style).collect();
            prop_assert_eq!(lines.len(), s.legend().len());

            // Any other order of the same sites gives the same styles and legend.
            let mut shuffled = names.clone();
            let mut state = seed | 1;
            for i in (1..shuffled.len()).rev() {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                shuffled.swap(i, (state % (i as u64 + 1)) as usize);
            }
            prop_assert_eq!(CategoryStyles::from_names(shuffled.iter().map(String::as_str)), s);
        }
    }
}
