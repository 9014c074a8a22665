//! Where the timeline draws its event marks so every mark stays clickable.
//!
//! The strip is cut into slots one target wide (24 px, 48 px on a kiosk),
//! counted from the start of the zoomed axis so they move with it when the
//! visitor pans. A slot holds up to `lanes` events stacked one above another;
//! a fuller slot becomes one merged mark ("7 events") that zooms in when
//! chosen. Marks never overlap and none is smaller than a slot, whatever the
//! number of events: the work and the marks drawn grow with the strip's width,
//! not with the dataset.

/// A mark to draw: one event, or several merged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PlacedMark {
    /// Index (in the caller's order) of the first event in the mark.
    pub first: usize,
    /// How many consecutive events the mark stands for; 1 for a single event.
    pub count: usize,
    /// The slot along the strip: the mark spans `slot * slot_px ..
    /// (slot + 1) * slot_px` on the zoomed axis.
    pub slot: i64,
    /// Row from the axis upwards; a merged mark takes all rows from 0.
    pub lane: u8,
}

impl PlacedMark {
    /// Whether this mark stands for more than one event.
    pub fn is_merged(&self) -> bool {
        self.count > 1
    }
}

/// Places events, given as `(index, x)` with `x` in px along the zoomed axis
/// and in non-decreasing order, into slots `slot_px` wide with at most `lanes`
/// stacked events per slot.
pub fn place_marks(
    events: impl IntoIterator<Item = (usize, f64)>,
    slot_px: f64,
    lanes: u8,
) -> Vec<PlacedMark> {
    let lanes = lanes.max(1) as usize;
    let mut marks = Vec::new();
    // The events of the slot being filled: (slot, first index, indexes).
    let mut current: Option<(i64, Vec<usize>)> = None;
    let mut flush = |slot: i64, members: Vec<usize>, marks: &mut Vec<PlacedMark>| {
        if members.len() <= lanes {
            marks.extend(members.iter().enumerate().map(|(lane, &i)| PlacedMark {
                first: i,
                count: 1,
                slot,
                lane: lane as u8,
            }));
        } else {
            marks.push(PlacedMark {
                first: members[0],
                count: members.len(),
                slot,
                lane: 0,
            });
        }
    };
    for (index, x) in events {
        let slot = (x / slot_px).floor() as i64;
        match &mut current {
            Some((s, members)) if *s == slot => members.push(index),
            _ => {
                if let Some((s, members)) = current.take() {
                    flush(s, members, &mut marks);
                }
                current = Some((slot, vec![index]));
            }
        }
    }
    if let Some((s, members)) = current {
        flush(s, members, &mut marks);
    }
    marks
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashSet;

    #[test]
    fn close_events_stack_and_crowds_merge() {
        let xs = [
            (0, 1.0),
            (1, 5.0),
            (2, 30.0),
            (3, 50.0),
            (4, 51.0),
            (5, 52.0),
            (6, 53.0),
        ];
        let marks = place_marks(xs, 24.0, 3);
        assert_eq!(
            marks,
            vec![
                PlacedMark {
                    first: 0,
                    count: 1,
                    slot: 0,
                    lane: 0
                },
                PlacedMark {
                    first: 1,
                    count: 1,
                    slot: 0,
                    lane: 1
                },
                PlacedMark {
                    first: 2,
                    count: 1,
                    slot: 1,
                    lane: 0
                },
                PlacedMark {
                    first: 3,
                    count: 4,
                    slot: 2,
                    lane: 0
                },
            ]
        );
    }

    proptest! {
        #[test]
        fn every_event_is_drawn_once_and_no_marks_overlap(
            mut xs in proptest::collection::vec(-5000.0f64..5000.0, 0..400),
            slot in 24.0f64..48.0,
            lanes in 1u8..4,
        ) {
            xs.sort_by(f64::total_cmp);
            let marks = place_marks(xs.iter().copied().enumerate(), slot, lanes);
            let mut covered = vec![0; xs.len()];
            let mut cells = HashSet::new();
            for m in &marks {
                for c in &mut covered[m.first..m.first + m.count] {
                    *c += 1;
                }
                if m.is_merged() {
                    prop_assert!(m.count > lanes as usize);
                    for lane in 0..lanes {
                        prop_assert!(cells.insert((m.slot, lane)));
                    }
                } else {
                    prop_assert!(m.lane < lanes);
                    prop_assert!(cells.insert((m.slot, m.lane)));
                }
                // A mark sits in the slot of each of its events.
                for &x in &xs[m.first..m.first + m.count] {
                    prop_assert_eq!((x / slot).floor() as i64, m.slot);
                }
            }
            prop_assert!(covered.iter().all(|&c| c == 1));
            prop_assert!(marks.windows(2).all(|w| w[0].slot <= w[1].slot && w[0].first < w[1].first));
        }
    }
}
