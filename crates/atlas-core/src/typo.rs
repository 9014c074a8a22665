//! Spotting misspelt field names ("evnets"): an unknown key that is one or two
//! keystrokes from a known one is almost certainly meant as that one, and the
//! curator would otherwise wonder why the field "does nothing".
//!
//! Keys far from every known name are left alone: GeoJSON from other tools
//! carries its own properties, and those are not mistakes.

/// The known name that `key` is probably a misspelling of, if any.
pub fn likely_meant(key: &str, known: &[&'static str]) -> Option<&'static str> {
    if known.contains(&key) {
        return None;
    }
    // Large files repeat the same few foreign keys in every feature: answer each once.
    let list = known.as_ptr() as usize;
    if let Some(hit) = CACHE.with(|c| c.borrow().get(&(list, key.to_owned())).copied()) {
        return hit;
    }
    let answer = nearest(key, known);
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        // Hostile files could use endless distinct keys; keep the cache bounded.
        if c.len() > 4096 {
            c.clear();
        }
        c.insert((list, key.to_owned()), answer);
    });
    answer
}

thread_local! {
    static CACHE: std::cell::RefCell<std::collections::HashMap<(usize, String), Option<&'static str>>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

fn nearest(key: &str, known: &[&'static str]) -> Option<&'static str> {
    let lower = key.to_lowercase();
    // Short names sit close together ("end"/"id"), so they only tolerate one slip.
    let tolerance = |name: &str| if name.chars().count() <= 5 { 1 } else { 2 };
    known
        .iter()
        .map(|&name| (name, edit_distance(&lower, name)))
        .filter(|&(name, d)| d <= tolerance(name))
        .min_by_key(|&(_, d)| d)
        .map(|(name, _)| name)
}

/// Optimal string alignment distance: insertions, deletions, substitutions
/// and swaps of two neighbouring characters each count one.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Long keys cannot be one typo away from our short names; skip the quadratic work.
    if a.len().abs_diff(b.len()) > 2 {
        return a.len().abs_diff(b.len());
    }
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    for i in 0..=a.len() {
        d[i * width] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(width) {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[(i - 1) * width + j] + 1)
                .min(d[i * width + j - 1] + 1)
                .min(d[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = best;
        }
    }
    d[a.len() * width + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    const KNOWN: &[&str] = &[
        "id", "name", "events", "sources", "category", "end", "start",
    ];

    #[test]
    fn swapped_letters_count_as_one_slip() {
        assert_eq!(edit_distance("evnets", "events"), 1);
        assert_eq!(likely_meant("evnets", KNOWN), Some("events"));
    }

    #[test]
    fn case_and_small_slips_are_recognised() {
        assert_eq!(likely_meant("Name", KNOWN), Some("name"));
        assert_eq!(likely_meant("source", KNOWN), Some("sources"));
        assert_eq!(likely_meant("catgory", KNOWN), Some("category"));
    }

    #[test]
    fn known_and_unrelated_keys_are_left_alone() {
        assert_eq!(likely_meant("events", KNOWN), None);
        assert_eq!(likely_meant("prop0", KNOWN), None);
        assert_eq!(likely_meant("marker-color", KNOWN), None);
        // Two slips in a short name are too far to guess.
        assert_eq!(likely_meant("and", &["id"]), None);
    }

    #[test]
    fn distance_is_symmetric_and_zero_only_for_equal_text() {
        for (a, b) in [("date", "data"), ("title", "tilte"), ("", "id")] {
            assert_eq!(edit_distance(a, b), edit_distance(b, a));
            assert!(edit_distance(a, b) > 0);
        }
        assert_eq!(edit_distance("同名", "同名"), 0);
    }
}
