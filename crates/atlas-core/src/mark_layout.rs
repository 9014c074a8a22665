//! Where the timeline draws its event marks so every mark stays clickable.
//!
//! The strip is cut into slots one target wide (24 px, 48 px on a kiosk),
//! counted from the start of the zoomed axis so they move with it when the
//! visitor pans. A slot holds up to `lanes` events stacked one above another;
//! a fuller slot becomes one merged mark ("7 events") that zooms in when
//! chosen. Marks never overlap and none is smaller than a slot, whatever the
//! number of events: the work and the marks drawn grow with the strip's width,
//! not with the dataset.
//!
//! Within its slot a single event's mark slides towards its true date (up to
//! half a slot either way) as far as its neighbours in the same row allow, so
//! an event alone in its stretch sits exactly on its date and the cursor
//! never seems to contradict the marks.

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
    /// How far the mark's centre sits from its slot's centre (whole px,
    /// within half a slot): towards the event's true position.
    pub nudge_px: i32,
    /// How many slots the mark covers from `slot`: 1, except for a merged
    /// mark widened so its count fits (the mark_labels module widens it).
    pub span: u32,
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
    // The slot being filled and its events (index, x).
    let mut current: Option<(i64, Vec<(usize, f64)>)> = None;
    let flush = |slot: i64, members: Vec<(usize, f64)>, marks: &mut Vec<PlacedMark>| {
        if members.len() <= lanes {
            marks.extend(members.iter().enumerate().map(|(lane, &(i, x))| {
                let centre = (slot as f64 + 0.5) * slot_px;
                PlacedMark {
                    first: i,
                    count: 1,
                    slot,
                    lane: lane as u8,
                    // Provisional: the wish; `settle` keeps it clear of the neighbours.
                    nudge_px: (x - centre).round() as i32,
                    span: 1,
                }
            }));
        } else {
            marks.push(PlacedMark {
                first: members[0].0,
                count: members.len(),
                slot,
                lane: 0,
                nudge_px: 0,
                span: 1,
            });
        }
    };
    for (index, x) in events {
        let slot = (x / slot_px).floor() as i64;
        match &mut current {
            Some((s, members)) if *s == slot => members.push((index, x)),
            _ => {
                if let Some((s, members)) = current.take() {
                    flush(s, members, &mut marks);
                }
                current = Some((slot, vec![(index, x)]));
            }
        }
    }
    if let Some((s, members)) = current {
        flush(s, members, &mut marks);
    }
    settle(&mut marks, slot_px, lanes as u8);
    marks
}

/// Limits each single mark's slide so it never reaches into a neighbouring
/// slot that is taken in its row: with a neighbour on a side, the mark keeps
/// to its own slot on that side; with none, it may use half of the free slot.
/// Two marks in one row are then at least a slot apart.
fn settle(marks: &mut [PlacedMark], slot_px: f64, lanes: u8) {
    let taken: std::collections::HashSet<(i64, u8)> = marks
        .iter()
        .flat_map(|m| {
            let rows = if m.is_merged() {
                0..lanes
            } else {
                m.lane..m.lane + 1
            };
            rows.map(move |lane| (m.slot, lane))
        })
        .collect();
    // Whole px, rounded towards the slot, so rounding never closes a gap.
    let half = (slot_px / 2.0).floor() as i32;
    for m in marks.iter_mut().filter(|m| !m.is_merged()) {
        let lo = if taken.contains(&(m.slot - 1, m.lane)) {
            0
        } else {
            -half
        };
        let hi = if taken.contains(&(m.slot + 1, m.lane)) {
            0
        } else {
            half
        };
        m.nudge_px = m.nudge_px.clamp(lo, hi);
    }
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
        let m = |first, count, slot, lane, nudge_px| PlacedMark {
            first,
            count,
            slot,
            lane,
            nudge_px,
            span: 1,
        };
        assert_eq!(
            marks,
            vec![
                // Slot 0 is free to its left: its marks slide towards their dates.
                m(0, 1, 0, 0, -11),
                m(1, 1, 0, 1, -7),
                // Slot 1 has taken slots on both sides in its row: it keeps to itself.
                m(2, 1, 1, 0, 0),
                m(3, 4, 2, 0, 0),
            ]
        );
    }

    #[test]
    fn a_lone_event_sits_on_its_date() {
        let marks = place_marks([(0, 100.0), (1, 500.0)], 24.0, 3);
        for (m, x) in marks.iter().zip([100.0, 500.0]) {
            let centre = (m.slot as f64 + 0.5) * 24.0 + m.nudge_px as f64;
            assert!((centre - x).abs() <= 0.5, "{m:?}");
        }
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
                    prop_assert!(m.nudge_px.abs() as f64 <= slot / 2.0);
                }
                // A mark sits in the slot of each of its events.
                for &x in &xs[m.first..m.first + m.count] {
                    prop_assert_eq!((x / slot).floor() as i64, m.slot);
                }
            }
            prop_assert!(covered.iter().all(|&c| c == 1));
            // Drawn boxes in one row never overlap, nudges included.
            let mut boxes: Vec<(u8, f64)> = marks
                .iter()
                .flat_map(|m| {
                    let left = m.slot as f64 * slot + m.nudge_px as f64;
                    let rows = if m.is_merged() { 0..lanes } else { m.lane..m.lane + 1 };
                    rows.map(move |lane| (lane, left))
                })
                .collect();
            boxes.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
            for w in boxes.windows(2) {
                if w[0].0 == w[1].0 {
                    prop_assert!(w[1].1 - w[0].1 >= slot - 1e-9, "{:?}", w);
                }
            }
            prop_assert!(marks.windows(2).all(|w| w[0].slot <= w[1].slot && w[0].first < w[1].first));
        }
    }
}
