//! Prints how long `atlas_core::load` takes on a dataset file (native, release):
//! `cargo run --release -p atlas-core --example load_timing -- FILE`.

use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("usage: load_timing FILE");
    let text = std::fs::read_to_string(&path).expect("readable file");
    for round in 0..3 {
        let t = Instant::now();
        let value: serde_json::Value = serde_json::from_str(&text).expect("json");
        let json_ms = t.elapsed().as_secs_f64() * 1e3;
        drop(value);
        let t = Instant::now();
        let loaded = atlas_core::load(&text).expect("loads");
        let load_ms = t.elapsed().as_secs_f64() * 1e3;
        println!(
            "round {round}: serde_json::Value alone {json_ms:.0} ms; load (parse + validate) {load_ms:.0} ms; {} sites, {} problems",
            loaded.atlas.sites.len(),
            loaded.problems.len()
        );
    }
}
