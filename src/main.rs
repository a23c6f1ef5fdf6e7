fn main() {
    // Panic messages in the console help while developing; a release build
    // (what a student's phone downloads) goes without the ~1 KB they cost.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(amoe::App);
}
