//! Count labels of merged timeline marks that never overprint each other.
//!
//! A merged mark shows how many events it stands for ("682"). At tens of
//! thousands of events every slot of the strip is merged, and a count wider
//! than its slot ran into its neighbours' counts. Here a merged mark whose
//! count does not fit takes in the next slot (and whatever marks it holds,
//! adding their events to its count) until it does: every event is still
//! counted, in exactly one mark, and every count is drawn whole inside its
//! own mark, so no two labels touch.

use crate::mark_layout::PlacedMark;

/// Width of one character of a count label, CSS px: the strip draws counts
/// in bold 12 px digits (0.75rem); the widest common sans-serif digit
/// (DejaVu Sans Bold) is 8.4 px there.
pub const COUNT_CHAR_PX: f64 = 8.5;
/// Room a mark keeps around its count: its 2 px border on each side and a pixel of air each side.
pub const COUNT_PAD_PX: f64 = 6.0;

/// The text a merged mark shows for `count` events.
pub fn count_label(count: usize) -> String {
    count.to_string()
}

/// How wide the label of `count` is drawn, padding included (CSS px).
pub fn count_label_px(count: usize) -> f64 {
    count_label(count).chars().count() as f64 * COUNT_CHAR_PX + COUNT_PAD_PX
}

/// Widens merged marks (from `place_marks`, in its order, slots `slot_px`
/// wide) until each one's count fits inside it: a mark too narrow folds in
/// the next slot and the marks there, and so on. Single marks that now sit
/// beside a widened mark keep to their own slot on that side.
pub fn fold_for_labels(marks: Vec<PlacedMark>, slot_px: f64) -> Vec<PlacedMark> {
    let mut folded: Vec<PlacedMark> = Vec::with_capacity(marks.len());
    let mut rest = marks.into_iter().peekable();
    while let Some(mark) = rest.next() {
        if !mark.is_merged() {
            folded.push(mark);
            continue;
        }
        let mut merged = PlacedMark { span: 1, ..mark };
        while count_label_px(merged.count) > f64::from(merged.span) * slot_px {
            // The slot just past the mark: its events join the count.
            let next = merged.slot + i64::from(merged.span);
            while let Some(m) = rest.next_if(|m| m.slot == next) {
                merged.count += m.count;
            }
            merged.span += 1;
        }
        folded.push(merged);
    }
    // A single mark may have slid towards a slot that was free and is now
    // under a widened mark: it keeps to its own slot on that side.
    let widened_ends: std::collections::HashSet<i64> = folded
        .iter()
        .filter(|m| m.span > 1)
        .map(|m| m.slot + i64::from(m.span))
        .collect();
    for m in folded.iter_mut().filter(|m| !m.is_merged()) {
        if widened_ends.contains(&m.slot) {
            m.nudge_px = m.nudge_px.max(0);
        }
    }
    folded
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mark_layout::place_marks;
    use proptest::prelude::*;

    #[test]
    fn a_count_that_fits_its_slot_stays_as_it_is() {
        // Five events in one 24 px slot: "5" fits.
        let marks = place_marks((0..5).map(|i| (i, 1.0 + i as f64)), 24.0, 3);
        assert_eq!(fold_for_labels(marks.clone(), 24.0), marks);
    }

    #[test]
    fn neighbouring_crowds_fold_until_their_count_fits() {
        // 150 events in each of three slots: "150" needs two slots, and so
        // does "300"; the third slot's crowd then stands on its own, widened.
        let xs: Vec<(usize, f64)> = (0..450)
            .map(|i| (i, (i / 150) as f64 * 24.0 + 1.0 + (i % 150) as f64 * 0.1))
            .collect();
        let folded = fold_for_labels(place_marks(xs, 24.0, 3), 24.0);
        let shape: Vec<(usize, usize, i64, u32)> = folded
            .iter()
            .map(|m| (m.first, m.count, m.slot, m.span))
            .collect();
        assert_eq!(shape, vec![(0, 300, 0, 2), (300, 150, 2, 2)]);
    }

    #[test]
    fn a_single_mark_after_a_widened_one_keeps_off_it() {
        // 120 events in slot 0, slot 1 empty, one event early in slot 2.
        let mut xs: Vec<(usize, f64)> = (0..120).map(|i| (i, 1.0 + i as f64 * 0.1)).collect();
        xs.push((120, 49.0));
        let placed = place_marks(xs, 24.0, 3);
        assert!(
            placed[1].nudge_px < 0,
            "slides left before folding: {placed:?}"
        );
        let folded = fold_for_labels(placed, 24.0);
        assert_eq!((folded[0].count, folded[0].span), (120, 2));
        assert_eq!(folded[1].nudge_px, 0);
    }

    proptest! {
        /// At any density: every event in exactly one mark, no two marks
        /// overlap, and every count is drawn whole inside its own mark, so
        /// no two labels intersect.
        #[test]
        fn no_two_labels_intersect_and_every_event_is_counted(
            clumps in proptest::collection::vec((-3000.0f64..3000.0, 1usize..2000, 0.0f64..200.0), 0..12),
            slot in prop_oneof![Just(24.0f64), Just(44.0), Just(48.0)],
            lanes in 1u8..4,
        ) {
            let mut xs: Vec<f64> = clumps
                .iter()
                .flat_map(|&(at, n, spread)| (0..n).map(move |i| at + spread * i as f64 / n as f64))
                .collect();
            xs.sort_by(f64::total_cmp);
            let marks = fold_for_labels(place_marks(xs.iter().copied().enumerate(), slot, lanes), slot);
            let mut covered = vec![0u8; xs.len()];
            for m in &marks {
                for c in &mut covered[m.first..m.first + m.count] {
                    *c += 1;
                }
            }
            prop_assert!(covered.iter().all(|&c| c == 1));
            // Each mark's drawn box per row: [left, right).
            let mut boxes: Vec<(u8, f64, f64)> = Vec::new();
            let mut labels: Vec<(f64, f64)> = Vec::new();
            for m in &marks {
                let left = m.slot as f64 * slot + m.nudge_px as f64;
                let right = left + f64::from(m.span) * slot;
                if m.is_merged() {
                    let w = count_label_px(m.count);
                    prop_assert!(w <= right - left, "{m:?}: label {w} px in {} px", right - left);
                    let centre = (left + right) / 2.0;
                    labels.push((centre - w / 2.0, centre + w / 2.0));
                    boxes.extend((0..lanes).map(|lane| (lane, left, right)));
                } else {
                    prop_assert_eq!(m.span, 1);
                    boxes.push((m.lane, left, right));
                }
            }
            boxes.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
            for w in boxes.windows(2) {
                if w[0].0 == w[1].0 {
                    prop_assert!(w[1].1 >= w[0].2 - 1e-9, "overlap {:?}", w);
                }
            }
            labels.sort_by(|a, b| a.0.total_cmp(&b.0));
            for w in labels.windows(2) {
                prop_assert!(w[1].0 >= w[0].1 - 1e-9, "labels {:?}", w);
            }
        }
    }
}
