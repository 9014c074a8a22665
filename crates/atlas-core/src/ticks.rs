//! Ticks for the time axis that adapt to how far it is zoomed: millennia and
//! centuries for a long view, then decades, years and months as it zooms in.
//!
//! Positions are on the continuous year axis of [`HistDate::start_years`], so
//! ticks line up exactly with the events and the cursor.

use crate::date::HistDate;
use crate::text::Lang;

/// The distance between neighbouring ticks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TickStep {
    /// Every `n` months (1, 3 or 6).
    Months(u8),
    /// Every `n` years (1, 2, 5, 10 … 10 000).
    Years(u32),
}

/// One tick: where it sits and which date it marks.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tick {
    /// Position on the continuous year axis.
    pub at: f64,
    /// The year or month that starts here.
    pub date: HistDate,
    /// Also a tick of the next coarser step (a decade among years, a year
    /// among months): drawn stronger so the eye finds its way.
    pub major: bool,
}

/// The ticks of one stretch of the axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Ticks {
    /// The step chosen for the zoom.
    pub step: TickStep,
    /// The ticks inside the stretch, in order.
    pub ticks: Vec<Tick>,
}

/// Steps from fine to coarse. The finest one whose ticks stay at least
/// `min_spacing_px` apart wins.
const STEPS: [TickStep; 16] = [
    TickStep::Months(1),
    TickStep::Months(3),
    TickStep::Months(6),
    TickStep::Years(1),
    TickStep::Years(2),
    TickStep::Years(5),
    TickStep::Years(10),
    TickStep::Years(20),
    TickStep::Years(50),
    TickStep::Years(100),
    TickStep::Years(200),
    TickStep::Years(500),
    TickStep::Years(1000),
    TickStep::Years(2000),
    TickStep::Years(5000),
    TickStep::Years(10000),
];

/// The shortest month is 28 days of a 366-day year on the axis.
const SHORTEST_MONTH: f64 = 28.0 / 366.0;

impl TickStep {
    /// The smallest distance between two ticks of this step, in axis years.
    pub fn min_years(self) -> f64 {
        match self {
            TickStep::Months(n) => n as f64 * SHORTEST_MONTH,
            TickStep::Years(n) => n as f64,
        }
    }

    /// The finest step whose ticks stay at least `min_spacing_px` apart at
    /// `pixels_per_year`; the coarsest step when none does.
    pub fn for_zoom(pixels_per_year: f64, min_spacing_px: f64) -> TickStep {
        STEPS
            .into_iter()
            .find(|s| s.min_years() * pixels_per_year >= min_spacing_px)
            .unwrap_or(STEPS[STEPS.len() - 1])
    }

    /// The next coarser step, whose ticks are this step's major ones.
    fn coarser(self) -> TickStep {
        match self {
            TickStep::Months(_) => TickStep::Years(1),
            TickStep::Years(1) | TickStep::Years(2) | TickStep::Years(5) => TickStep::Years(10),
            TickStep::Years(n) => TickStep::Years(n.saturating_mul(10)),
        }
    }
}

impl Tick {
    /// The tick's label: years as years ("1939", "1939年", "221 BCE"); month
    /// ticks name the month, except January, which names the year.
    pub fn label(&self, lang: Lang) -> String {
        match self.date.month() {
            Some(m) if m != 1 => match lang {
                Lang::En => MONTHS_SHORT_EN[m as usize - 1].to_owned(),
                Lang::Zh => format!("{m}月"),
            },
            _ => HistDate::year(self.date.year_value()).format(lang),
        }
    }
}

/// Ticks for the stretch `[from, to]` of the axis drawn at `pixels_per_year`,
/// never closer than `min_spacing_px`.
pub fn ticks(from: f64, to: f64, pixels_per_year: f64, min_spacing_px: f64) -> Ticks {
    let step = TickStep::for_zoom(pixels_per_year, min_spacing_px);
    let mut out = Vec::new();
    if !(from.is_finite() && to.is_finite()) || to < from {
        return Ticks { step, ticks: out };
    }
    let major_step = step.coarser();
    match step {
        TickStep::Years(n) => {
            let n = n as i64;
            let first = calendar_year_at(from).div_euclid(n) * n;
            let mut year = first;
            loop {
                // There is no year 0: its multiple is skipped, leaving one wider gap.
                if year == 0 {
                    year += n;
                    continue;
                }
                let Some(date) = year_start(year) else { break };
                let at = date.start_years();
                if at > to {
                    break;
                }
                if at >= from {
                    let major = matches!(major_step, TickStep::Years(m) if year % m as i64 == 0);
                    out.push(Tick { at, date, major });
                }
                year += n;
            }
        }
        TickStep::Months(n) => {
            let n = n as i64;
            // Count months from 1 CE January on the axis (axis year × 12 + month index).
            let axis_first = (from.floor() as i64) * 12;
            let mut index = axis_first.div_euclid(n) * n;
            loop {
                let axis_year = index.div_euclid(12);
                let month = index.rem_euclid(12) as u8 + 1;
                let year = if axis_year >= 1 {
                    axis_year
                } else {
                    axis_year - 1
                };
                let Some(date) = i32::try_from(year)
                    .ok()
                    .and_then(|y| HistDate::new(y, Some(month), None).ok())
                else {
                    break;
                };
                let at = date.start_years();
                if at > to {
                    break;
                }
                if at >= from {
                    out.push(Tick {
                        at,
                        date,
                        major: month == 1,
                    });
                }
                index += n;
            }
        }
    }
    Ticks { step, ticks: out }
}

const MONTHS_SHORT_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The calendar year (no year 0) whose span holds `t`.
fn calendar_year_at(t: f64) -> i64 {
    let axis = t.floor() as i64;
    if axis >= 1 {
        axis
    } else {
        axis - 1
    }
}

/// The start of calendar year `year` (never 0).
fn year_start(year: i64) -> Option<HistDate> {
    let year = i32::try_from(year).ok()?;
    HistDate::new(year, None, None).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn labels(t: &Ticks) -> Vec<String> {
        t.ticks.iter().map(|t| t.label(Lang::En)).collect()
    }

    #[test]
    fn steps_get_finer_as_the_axis_zooms_in() {
        // The bundled data fitted into 1000 px: about 0.66 px a year.
        assert_eq!(ticks(502.0, 2025.0, 0.66, 60.0).step, TickStep::Years(100));
        assert_eq!(ticks(1925.0, 2025.0, 11.0, 60.0).step, TickStep::Years(10));
        assert_eq!(ticks(1937.0, 1945.0, 120.0, 60.0).step, TickStep::Years(1));
        assert_eq!(
            ticks(1939.0, 1940.0, 1200.0, 60.0).step,
            TickStep::Months(1)
        );
    }

    #[test]
    fn decades_are_labelled_and_marked_major() {
        let t = ticks(1925.0, 2025.0, 11.0, 60.0);
        assert_eq!(labels(&t)[0], "1930");
        assert_eq!(t.ticks.last().unwrap().date, HistDate::year(2020));
        assert!(t
            .ticks
            .iter()
            .all(|t| t.major == (t.date.year_value() % 100 == 0)));
    }

    #[test]
    fn month_ticks_name_months_and_january_names_the_year() {
        let t = ticks(1938.9, 1940.0, 1200.0, 60.0);
        let l = labels(&t);
        assert_eq!(l[0], "Dec");
        assert_eq!(l[1], "1939");
        assert_eq!(l[6], "Jun");
        assert_eq!(t.ticks[6].label(Lang::Zh), "6月");
        assert!(t.ticks[1].major && !t.ticks[6].major);
    }

    #[test]
    fn there_is_no_year_zero_tick() {
        let t = ticks(-250.0, 250.0, 0.6, 60.0);
        assert_eq!(t.step, TickStep::Years(100));
        let years: Vec<i32> = t.ticks.iter().map(|t| t.date.year_value()).collect();
        assert_eq!(years, vec![-200, -100, 100, 200]);
        assert_eq!(t.ticks[0].label(Lang::En), "200 BCE");
    }

    proptest! {
        #[test]
        fn ticks_are_ordered_inside_and_never_crowded(
            from in -3000.0f64..2500.0,
            width in 10.0f64..4000.0,
            ppy in 0.05f64..20000.0,
            spacing in 20.0f64..120.0,
        ) {
            let to = from + width / ppy;
            let t = ticks(from, to, ppy, spacing);
            for pair in t.ticks.windows(2) {
                prop_assert!(pair[0].at < pair[1].at);
                // The year-0 skip may leave one wider gap, never a narrower one.
                prop_assert!((pair[1].at - pair[0].at) * ppy >= spacing - 1e-6);
            }
            for tick in &t.ticks {
                prop_assert!(tick.at >= from && tick.at <= to);
                prop_assert_eq!(crate::time::date_at(tick.at).start_years(), tick.at);
            }
        }

        #[test]
        fn zooming_in_never_coarsens_the_step(ppy in 0.01f64..50000.0, factor in 1.0f64..100.0) {
            prop_assert!(TickStep::for_zoom(ppy * factor, 60.0) <= TickStep::for_zoom(ppy, 60.0));
        }
    }
}
