//! When each site enters history, in one dense array, so the "as of" cursor
//! can filter tens of thousands of sites on every step.
//!
//! [`TimeFilter::admits`] reads each site's first event through the site's
//! own record: at 36,000 sites that is 36,000 scattered reads per step of the
//! cursor, several milliseconds in the browser. The answer for "as of" only
//! needs the first event's start, which this keeps side by side.

use crate::model::Site;
use crate::time::TimeFilter;

/// Each site's first event start (fractional years), in site order; undated
/// sites have no time to filter by, so they always show (as `admits` says).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SiteTimes {
    /// `f64::NEG_INFINITY` for an undated site: admitted by every cursor.
    first: Vec<f64>,
}

impl SiteTimes {
    /// The index of `sites` (built once per dataset).
    pub fn of(sites: &[Site]) -> Self {
        let first = sites
            .iter()
            .map(|s| {
                s.first_date()
                    .map_or(f64::NEG_INFINITY, |d| d.start_years())
            })
            .collect();
        Self { first }
    }

    /// Whether site `index` (that is, `site`) shows under `filter`: the same
    /// answer as [`TimeFilter::admits`], without reading the site for "all
    /// time" and "as of".
    pub fn admits(&self, filter: TimeFilter, index: usize, site: &Site) -> bool {
        match filter {
            TimeFilter::All => true,
            TimeFilter::AsOf(t) => self
                .first
                .get(index)
                .map_or_else(|| filter.admits(site), |&f| f <= t),
            TimeFilter::Between(..) => filter.admits(site),
        }
    }

    /// For every site of `sites` (the ones this was built from), whether it shows under `filter`.
    pub fn admitted(&self, filter: TimeFilter, sites: &[Site]) -> Vec<bool> {
        match filter {
            TimeFilter::All => vec![true; sites.len()],
            TimeFilter::AsOf(t) if self.first.len() == sites.len() => {
                self.first.iter().map(|&f| f <= t).collect()
            }
            _ => sites.iter().map(|s| filter.admits(s)).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::tests::any_date;
    use crate::date::EventDate;
    use crate::model::Event;
    use proptest::prelude::*;

    fn site(dates: &[EventDate]) -> Site {
        Site {
            events: dates
                .iter()
                .map(|&date| Event {
                    date,
                    title: Default::default(),
                    text: Default::default(),
                })
                .collect(),
            ..Site::default()
        }
    }

    #[test]
    fn an_undated_site_shows_at_every_moment() {
        let sites = [site(&[])];
        let times = SiteTimes::of(&sites);
        assert_eq!(
            times.admitted(TimeFilter::AsOf(-5000.0), &sites),
            vec![true]
        );
        assert!(times.admits(TimeFilter::AsOf(-5000.0), 0, &sites[0]));
    }

    proptest! {
        /// The index answers exactly as the filter's own rule, for every filter.
        #[test]
        fn the_index_agrees_with_the_filter(
            dated in proptest::collection::vec(proptest::collection::vec(any_date(), 0..3), 0..40),
            t in -3000.0f64..3000.0,
            span in 0.0f64..500.0,
        ) {
            let sites: Vec<Site> = dated
                .iter()
                .map(|ds| {
                    let mut ds: Vec<EventDate> = ds.iter().map(|&d| EventDate::on(d)).collect();
                    ds.sort();
                    site(&ds)
                })
                .collect();
            let times = SiteTimes::of(&sites);
            for filter in [TimeFilter::All, TimeFilter::AsOf(t), TimeFilter::Between(t, t + span)] {
                let expected: Vec<bool> = sites.iter().map(|s| filter.admits(s)).collect();
                prop_assert_eq!(&times.admitted(filter, &sites), &expected);
                for (i, s) in sites.iter().enumerate() {
                    prop_assert_eq!(times.admits(filter, i, s), expected[i]);
                }
            }
        }
    }
}
