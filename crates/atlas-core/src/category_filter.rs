//! Which categories the visitor has chosen to hide, on the map, the timeline
//! and the site list alike.
//!
//! The filter works on the legend's entries ([`CategoryStyle`]), not on raw
//! category names: "Other" in the legend holds several of the data's values,
//! and hiding it hides them all, as the legend promises. It records what is
//! hidden rather than what is shown, so a category a new dataset brings
//! shows until someone hides it.

use std::collections::BTreeSet;

use crate::category_style::{CategoryStyle, CategoryStyles};
use crate::Site;

/// The categories hidden from view; none at first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CategoryFilter {
    hidden: BTreeSet<CategoryStyle>,
}

impl CategoryFilter {
    /// Whether sites drawn with `style` show.
    pub fn admits_style(&self, style: CategoryStyle) -> bool {
        !self.hidden.contains(&style)
    }

    /// Whether `site` shows, its category's look taken from `styles`.
    pub fn admits(&self, styles: &CategoryStyles, site: &Site) -> bool {
        // Nothing hidden (the usual case) needs no look-up: lists of 36,000
        // sites ask this on every step of the time cursor.
        self.hidden.is_empty() || self.admits_style(styles.style(&site.category))
    }

    /// Hides a shown category, or shows a hidden one.
    pub fn toggle(&mut self, style: CategoryStyle) {
        if !self.hidden.remove(&style) {
            self.hidden.insert(style);
        }
    }

    /// How many legend entries are hidden.
    pub fn hidden_count(&self) -> usize {
        self.hidden.len()
    }

    /// Whether every category shows.
    pub fn is_open(&self) -> bool {
        self.hidden.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Category;

    fn site(category: &str) -> Site {
        Site {
            category: Category::from_name(category),
            ..Site::default()
        }
    }

    #[test]
    fn a_hidden_category_hides_its_sites_and_no_others() {
        let sites = [site("memorial"), site("museum")];
        let styles = CategoryStyles::of_sites(&sites);
        let mut filter = CategoryFilter::default();
        assert!(filter.is_open());
        filter.toggle(styles.style(&sites[0].category));
        assert!(!filter.admits(&styles, &sites[0]));
        assert!(filter.admits(&styles, &sites[1]));
        assert_eq!(filter.hidden_count(), 1);
        filter.toggle(styles.style(&sites[0].category));
        assert!(filter.admits(&styles, &sites[0]) && filter.is_open());
    }

    #[test]
    fn hiding_other_hides_every_value_it_holds() {
        // Eleven values of the data's own: the least used share "Other".
        let names: Vec<String> = (0..12).map(|i| format!("kind-{i:02}")).collect();
        let mut sites: Vec<Site> = names.iter().map(|n| site(n)).collect();
        sites.extend(names[..10].iter().map(|n| site(n)));
        let styles = CategoryStyles::of_sites(&sites);
        let mut filter = CategoryFilter::default();
        filter.toggle(CategoryStyle::Other);
        let hidden: Vec<&str> = sites
            .iter()
            .filter(|s| !filter.admits(&styles, s))
            .map(|s| s.category.name())
            .collect();
        assert_eq!(hidden, ["kind-10", "kind-11"]);
    }
}
