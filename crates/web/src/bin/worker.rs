//! Entry point of Soi's search worker (`soi-worker`): Trunk builds it as a Web
//! Worker (`data-type="worker"` in index.html), the UI starts it
//! ([`soi_web::client::Backend::worker`]), and it serves the UI's searches until
//! the page goes ([`soi_web::worker::serve_this_worker`]).

fn main() {
    if let Err(error) = soi_web::worker::serve_this_worker() {
        // Started anywhere but in a dedicated worker, there is no UI to tell.
        web_sys::console::error_2(&"Soi's search worker must run as a Web Worker:".into(), &error);
    }
}
