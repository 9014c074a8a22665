//! User Timing marks for `make bench`: the benchmark reads them from the page,
//! so speed is measured in the real browser rather than asserted by tests.

/// Records a named instant (`performance.mark`).
pub fn mark(name: &str) {
    if let Some(p) = performance() {
        let _ = p.mark(name);
    }
}

/// Records the span between two marks (`performance.measure`).
pub fn measure(name: &str, start: &str, end: &str) {
    if let Some(p) = performance() {
        let _ = p.measure_with_start_mark_and_end_mark(name, start, end);
    }
}

fn performance() -> Option<web_sys::Performance> {
    web_sys::window()?.performance()
}
