//! Entry point of the browser app: renders [`soi_web::App`] into `#app`, loading
//! the index from `index/` next to the page.

fn main() {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"))
        .expect("index.html has an element with id \"app\"");
    yew::Renderer::<soi_web::App>::with_root_and_props(
        root,
        soi_web::AppProps { source: soi_web::Source::url("index/") },
    )
    .render();
}
