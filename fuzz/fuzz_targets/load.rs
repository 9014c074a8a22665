//! Any bytes at all must give a dataset or a `FatalError`, never a panic:
//! curators' files and `?data=` URLs are untrusted input on a kiosk.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(loaded) = atlas_core::load(text) {
            // Messages are built lazily; build them too, so their code is fuzzed as well.
            for problem in &loaded.problems {
                let _ = problem.message(atlas_core::Lang::En);
                let _ = problem.message(atlas_core::Lang::Zh);
            }
        }
    }
});
