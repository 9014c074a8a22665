//! The time filter: which part of history the map, the list and the clusters show.

use crate::model::{Atlas, Site};

/// Which sites the time control lets through. Times are fractional years on
/// the continuous axis of [`crate::HistDate::start_years`].
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum TimeFilter {
    /// Everything, whatever its dates ("All time").
    #[default]
    All,
    /// What existed by this moment: a site shows once its first event has begun.
    AsOf(f64),
    /// A period: a site shows when one of its events overlaps `[from, to)`.
    Between(f64, f64),
}

impl TimeFilter {
    /// Whether `site` shows under this filter.
    pub fn admits(&self, site: &Site) -> bool {
        match *self {
            TimeFilter::All => true,
            TimeFilter::AsOf(t) => site.first_date().is_some_and(|d| d.start_years() <= t),
            TimeFilter::Between(from, to) => site
                .events
                .iter()
                .any(|e| e.date.start_years() < to && e.date.end_years() > from),
        }
    }
}

impl Atlas {
    /// Indexes of the sites that pass `filter`, in file order.
    pub fn visible_sites(&self, filter: TimeFilter) -> Vec<usize> {
        self.sites
            .iter()
            .enumerate()
            .filter(|(_, s)| filter.admits(s))
            .map(|(i, _)| i)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BUNDLED: &str = include_str!("../../../public/data/suzhou-red-heritage.geojson");

    #[test]
    fn as_of_1930_hides_the_1939_memorial_and_1940_shows_it() {
        let atlas = crate::load(BUNDLED).unwrap().atlas;
        let raid = atlas.site_index("xushuguan-raid-memorial").unwrap();
        assert!(!atlas
            .visible_sites(TimeFilter::AsOf(1930.0))
            .contains(&raid));
        assert!(atlas
            .visible_sites(TimeFilter::AsOf(1940.0))
            .contains(&raid));
        assert_eq!(
            atlas.visible_sites(TimeFilter::All).len(),
            atlas.sites.len()
        );
    }

    #[test]
    fn a_period_shows_the_sites_with_an_event_in_it() {
        let atlas = crate::load(BUNDLED).unwrap().atlas;
        let raid = atlas.site_index("xushuguan-raid-memorial").unwrap();
        assert!(atlas
            .visible_sites(TimeFilter::Between(1939.0, 1940.0))
            .contains(&raid));
        assert!(!atlas
            .visible_sites(TimeFilter::Between(1960.0, 1970.0))
            .contains(&raid));
    }
}
