//! Entry point of the browser app's UI: renders [`soi_web::App`] into `#app`,
//! with the searches in Soi's worker (`soi-worker`, beside the page), which loads
//! the index from `index/` beside the page.

fn main() {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"))
        .expect("index.html has an element with id \"app\"");
    // index.html says "Loading" until now; the app takes the element over.
    root.set_inner_html("");
    yew::Renderer::<soi_web::App>::with_root_and_props(root, soi_web::AppProps { backend: soi_web::Backend::worker() })
        .render();
}
