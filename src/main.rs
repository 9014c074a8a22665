//! Entry point: set up panic reporting and mount the app; everything else lives in the library.

// Talc instead of Rust's default wasm allocator (dlmalloc). Measured on the
// release build, 36k synthetic sites, `atlas:parse`, 10 paired runs on a busy
// 2-CPU machine (load average 7-9): talc min 615 ms / median 991 ms, dlmalloc
// min 643 ms / median 1015 ms, within the noise; the same 79 MB of wasm memory;
// talc's wasm is 1 KB smaller gzipped. Not slower and smaller, so it stays.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(heritage_atlas::App);
    #[cfg(not(debug_assertions))]
    heritage_atlas::offline::register_service_worker();
}
