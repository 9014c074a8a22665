//! Entry point: set up panic reporting and mount the app; everything else lives in the library.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(heritage_atlas::App);
    #[cfg(not(debug_assertions))]
    heritage_atlas::offline::register_service_worker();
}
