//! Native timing of what the app's `atlas:parse` measure covers (src/load.rs:
//! `atlas_core::load`, the positions, the first view and the cluster index),
//! step by step, for each dataset file given:
//! `cargo run --release -p atlas-core --example parse_timing -- [--runs N] FILE...`.
//! Prints the median, min and max of N runs (default 7) after one warm-up run;
//! it measures and prints, never asserts (machines differ). `tools/bench.sh parse`
//! runs it beside the browser's numbers.

use std::time::Instant;

use atlas_core::cluster::ClusterIndex;

fn main() {
    let mut runs = 7;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--runs" {
            runs = args.next().and_then(|n| n.parse().ok()).expect("--runs N");
        } else {
            files.push(arg);
        }
    }
    assert!(!files.is_empty(), "usage: parse_timing [--runs N] FILE...");
    println!(
        "{:<34} {:>7} {:>9} {:>9} {:>9} {:>9} {:>9}",
        "dataset (median of runs)",
        "sites",
        "load ms",
        "view ms",
        "index ms",
        "total ms",
        "min-max"
    );
    for path in files {
        let text = std::fs::read_to_string(&path).expect("readable file");
        let mut load = Vec::new();
        let mut view = Vec::new();
        let mut index = Vec::new();
        let mut total = Vec::new();
        let mut sites = 0;
        for run in 0..=runs {
            let t0 = Instant::now();
            let loaded = atlas_core::load(&text).expect("a dataset");
            let t1 = Instant::now();
            let points = atlas_core::map_items::located_points(&loaded.atlas.sites);
            let bounds = loaded.atlas.bounds();
            let first = atlas_core::first_view::first_view(&loaded.atlas.sites);
            let t2 = Instant::now();
            let clusters = ClusterIndex::for_sites(&points);
            let t3 = Instant::now();
            std::hint::black_box((&bounds, &first, &clusters));
            sites = loaded.atlas.sites.len();
            // Dropping is part of neither step: the app keeps the result.
            drop((loaded, clusters));
            if run == 0 {
                continue; // warm-up: page cache, allocator
            }
            let ms = |a: Instant, b: Instant| (b - a).as_secs_f64() * 1e3;
            load.push(ms(t0, t1));
            view.push(ms(t1, t2));
            index.push(ms(t2, t3));
            total.push(ms(t0, t3));
        }
        let name = std::path::Path::new(&path)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or(path.clone());
        let (lo, hi) = (min(&total), max(&total));
        println!(
            "{:<34} {:>7} {:>9.1} {:>9.1} {:>9.1} {:>9.1} {:>9}",
            name,
            sites,
            median(&mut load),
            median(&mut view),
            median(&mut index),
            median(&mut total),
            format!("{lo:.0}-{hi:.0}")
        );
    }
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn min(values: &[f64]) -> f64 {
    values.iter().copied().fold(f64::INFINITY, f64::min)
}

fn max(values: &[f64]) -> f64 {
    values.iter().copied().fold(0.0, f64::max)
}
