//! Starts the back office in the page.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(amoe_back_office::App);
}
