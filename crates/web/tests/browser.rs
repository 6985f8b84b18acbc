//! Browser tests (wasm-bindgen-test in headless Chromium): the core inside wasm,
//! the components, the whole app reacting to typed input, and the protocol between
//! the UI and the search worker (superseded answers never shown, superseded
//! requests skipped). The test runner cannot start the `soi-worker` binary, so the
//! app talks to the same service run in the page behind a `MessagePort`
//! (`serve_in_page`); the end-to-end test drives the real worker.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use soi_core::{ingest, HitView, Index, IndexBuilder, SearchResponse};
use soi_web::components::{Marked, MarkedProps};
use soi_web::protocol::{Kind, Reply, Request, Results};
use soi_web::worker::{serve_in_page, Engine, Service, Source, Stale};
use soi_web::{App, AppProps, Backend};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

const SEEDS: [(&str, &str); 5] = [
    ("000_4739a6fcc71160b2.txt", include_str!("../../../corpus/demo/000_4739a6fcc71160b2.txt")),
    ("001_a2f285b68495f139.txt", include_str!("../../../corpus/demo/001_a2f285b68495f139.txt")),
    ("002_1c149590d83d7c3a.txt", include_str!("../../../corpus/demo/002_1c149590d83d7c3a.txt")),
    ("003_23009b3945b9407f.txt", include_str!("../../../corpus/demo/003_23009b3945b9407f.txt")),
    ("004_41a37cd57bca97c8.txt", include_str!("../../../corpus/demo/004_41a37cd57bca97c8.txt")),
];

/// The search box of an app whose index is ready: no loading screen beside it (the
/// box takes typing while the index loads), and not disabled (it is when loading failed).
const READY: &str = ".app:not(:has(.loading-index)) input#q:not([disabled])";

/// The demo corpus indexed inside wasm: file name → bytes, manifest included.
fn demo_files() -> HashMap<String, Vec<u8>> {
    let mut b = IndexBuilder::new();
    for (id, text) in SEEDS {
        b.add(ingest::parse_text(id, text));
    }
    let built = b.build();
    let mut files: HashMap<String, Vec<u8>> = built.files.into_iter().map(|f| (f.name, f.bytes)).collect();
    files.insert("manifest.json".into(), built.manifest.to_json().into_bytes());
    files
}

/// A new element to render into, with the page URL reset (the app reads and
/// writes its view there, and all tests share one page).
fn container() -> Element {
    let window = web_sys::window().unwrap();
    let path = window.location().pathname().unwrap();
    window.history().unwrap().replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path)).unwrap();
    let doc = window.document().unwrap();
    let div = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&div).unwrap();
    div
}

/// The page URL's query string. The app writes it in an effect, which Yew may run
/// in a later task than the render it follows (its scheduler yields every 16 ms),
/// so a test waits for it rather than reading it once after the DOM changed.
fn url_search() -> String {
    web_sys::window().unwrap().location().search().unwrap()
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Waits (up to 5 s) until `cond` holds.
async fn until(what: &str, cond: impl Fn() -> bool) {
    for _ in 0..250 {
        if cond() {
            return;
        }
        sleep(20).await;
    }
    panic!("timed out waiting for {what}");
}

/// The search service over `source`, on this thread, behind a port.
fn in_page(source: Source) -> AppProps {
    AppProps { backend: Backend::Port(serve_in_page(source).unwrap()) }
}

/// Renders the app over the demo corpus (in memory) and waits until it is ready.
async fn demo_app() -> (Element, yew::AppHandle<App>) {
    let root = container();
    let handle =
        yew::Renderer::<App>::with_root_and_props(root.clone(), in_page(Source::Memory(Rc::new(demo_files()))))
            .render();
    until("the index to load", || root.query_selector(READY).unwrap().is_some()).await;
    (root, handle)
}

fn count(root: &Element, selector: &str) -> u32 {
    root.query_selector_all(selector).unwrap().length()
}

fn type_into(root: &Element, text: &str) {
    let input: HtmlInputElement = root.query_selector("input#q").unwrap().unwrap().dyn_into().unwrap();
    input.set_value(text);
    let init = web_sys::InputEventInit::new();
    init.set_bubbles(true);
    let event = web_sys::InputEvent::new_with_event_init_dict("input", &init).unwrap();
    input.dispatch_event(&event).unwrap();
}

/// The analyzer's golden table, shared with core's native test.
#[path = "../../core/tests/golden/analysis.rs"]
mod analysis_golden;

#[wasm_bindgen_test]
fn the_analyzer_in_wasm_agrees_with_the_native_one_on_every_vietnamese_letter() {
    // In wasm the analyzer normalises with the browser's String.prototype.normalize,
    // natively with the unicode-normalization crate: same table, line by line.
    assert!(analysis_golden::GOLDEN.lines().count() > 300);
    assert_eq!(analysis_golden::disagreements(), Vec::<(String, String)>::new());
    assert_eq!(analysis_golden::table(), analysis_golden::GOLDEN);
}

#[wasm_bindgen_test]
fn core_decodes_and_searches_an_index_inside_wasm() {
    let files = demo_files();
    let manifest = soi_core::Manifest::parse(std::str::from_utf8(&files["manifest.json"]).unwrap()).unwrap();
    let index = Index::open_all(manifest, |name| files.get(name).cloned()).unwrap();
    index.verify().unwrap();
    assert_eq!(index.doc_count(), 5);
    let r = index.response(&index.search("kim son", 10).unwrap());
    assert_eq!(r.total, 1);
    assert_eq!(r.hits[0].id, "004_41a37cd57bca97c8.txt");
    let marked: Vec<&str> = r.hits[0].marks.iter().map(|&[a, b]| &r.hits[0].snippet[a..b]).collect();
    assert_eq!(marked, ["Kim Sơn", "Kim Sơn"], "adjacent query words are one mark");
}

#[wasm_bindgen_test]
async fn marked_text_is_rendered_as_text_with_mark_elements() {
    let root = container();
    let text = "<script>alert(1)</script> Đại hội <img src=x onerror=alert(2)>";
    let start = text.find("Đại").unwrap();
    let hoi = text.find("hội").unwrap();
    // The last two ranges are invalid (overlapping, past the end) and must be skipped.
    let props = MarkedProps {
        text: text.into(),
        marks: vec![[start, start + "Đại".len()], [hoi, hoi + "hội".len()], [hoi + 1, hoi + 2], [0, 999]],
        current: Some(1),
    };
    let _handle = yew::Renderer::<Marked>::with_root_and_props(root.clone(), props).render();
    until("render", || count(&root, "mark") > 0).await;
    assert_eq!(count(&root, "mark"), 2);
    assert_eq!(count(&root, "script"), 0);
    assert_eq!(count(&root, "img"), 0);
    assert_eq!(root.text_content().unwrap(), text, "every character shows as text");
    let marks: Vec<String> =
        (0..2).map(|i| root.query_selector_all("mark").unwrap().get(i).unwrap().text_content().unwrap()).collect();
    assert_eq!(marks, ["Đại", "hội"]);
    assert_eq!(count(&root, "mark.current"), 1, "the current mark is shown as such");
}

#[wasm_bindgen_test]
async fn app_loads_an_index_and_answers_typed_input() {
    let (root, _handle) = demo_app().await;

    type_into(&root, "dai hoi");
    until("results", || count(&root, ".hit") > 0).await;
    assert_eq!(count(&root, ".hit"), 5);
    assert!(root.query_selector(".count").unwrap().unwrap().text_content().unwrap().starts_with("5 "));
    assert!(count(&root, ".hit .snippet mark") >= 5);

    // Every keystroke re-answers: a narrower query.
    type_into(&root, "kim so");
    until("one result", || count(&root, ".hit") == 1).await;
    let marks = root.query_selector_all(".hit .snippet mark").unwrap();
    for i in 0..marks.length() {
        // "so" is still being typed: it marks every word it is a prefix of.
        // Adjacent query words are one mark ("Kim Sơn").
        let mark = marks.get(i).unwrap().text_content().unwrap();
        for word in mark.split_whitespace().map(soi_core::analysis::fold) {
            assert!(word == "kim" || word.starts_with("so"), "{word}");
        }
    }

    // Opening the hit shows the whole article with every match marked.
    let link: web_sys::HtmlElement = root.query_selector(".hit-title").unwrap().unwrap().dyn_into().unwrap();
    link.click();
    until("the reader", || root.query_selector(".reader").unwrap().is_some()).await;
    assert!(count(&root, ".reader .body mark") >= 10, "{}", count(&root, ".reader .body mark"));

    // The JS API answers in the CLI's JSON shape.
    let soi = js_sys::Reflect::get(&web_sys::window().unwrap(), &"soi".into()).unwrap();
    let search: js_sys::Function = js_sys::Reflect::get(&soi, &"search".into()).unwrap().dyn_into().unwrap();
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"limit".into(), &2.into()).unwrap();
    let promise: js_sys::Promise = search.call2(&soi, &"dai hoi".into(), &options).unwrap().dyn_into().unwrap();
    let value = wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    let response: soi_core::SearchResponse = serde_wasm_bindgen::from_value(value).unwrap();
    assert_eq!(response.total, 5);
    assert_eq!(response.hits.len(), 2);
}

/// The demo index with one byte flipped in the middle of the file whose name
/// starts with `prefix`; returns the files and that name.
fn demo_with_a_flipped_byte(prefix: &str) -> (HashMap<String, Vec<u8>>, String) {
    let mut files = demo_files();
    let name = files.keys().find(|k| k.starts_with(prefix)).unwrap().clone();
    let bytes = files.get_mut(&name).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0xff;
    (files, name)
}

/// The app on `files`; once loaded, `query` typed (if any); the error it shows,
/// and the app's handle (kept by the caller while it checks the page).
async fn error_shown(files: HashMap<String, Vec<u8>>, query: Option<&str>) -> (Element, String, yew::AppHandle<App>) {
    let root = container();
    let handle =
        yew::Renderer::<App>::with_root_and_props(root.clone(), in_page(Source::Memory(Rc::new(files)))).render();
    if let Some(q) = query {
        until("the index to load", || root.query_selector(READY).unwrap().is_some()).await;
        type_into(&root, q);
    }
    until("the error", || root.query_selector(".status.error").unwrap().is_some()).await;
    let text = root.query_selector(".status.error").unwrap().unwrap().text_content().unwrap();
    (root, text, handle)
}

#[wasm_bindgen_test]
async fn app_shows_a_message_for_a_corrupt_index() {
    // The document table: the overview's search, the app's first, adds it.
    let (files, name) = demo_with_a_flipped_byte("docs.");
    let (root, text, _app) = error_shown(files, None).await;
    assert!(text.contains("corrupt") && text.contains(&name), "{text}");
    // The failed first search is not still "searching" (nor, later, slow).
    assert_eq!(count(&root, ".searching"), 0);
}

#[wasm_bindgen_test]
async fn a_corrupt_postings_shard_is_a_message_when_a_search_needs_it() {
    // Shards are fetched when a query needs them: the index opens, the search fails
    // with a sentence naming the file, and no answer is shown.
    // A byte flipped in the middle of every shard's lists, which every query fetches.
    let mut files = demo_files();
    let manifest = soi_core::Manifest::parse(std::str::from_utf8(&files["manifest.json"]).unwrap()).unwrap();
    let f = &manifest.files;
    let root_file = |e: &soi_core::index::FileEntry| files[&e.path].clone();
    let index = soi_core::Index::open(manifest.clone(), root_file(&f.dict), root_file(&f.terms), root_file(&f.docs));
    let index = index.unwrap();
    let name = f.postings[0].path.clone();
    assert_eq!(f.postings.len(), 1, "the demo's postings are one pack");
    for s in 0..index.shard_count() {
        let (_, range) = index.shard_range(s).unwrap();
        files.get_mut(&name).unwrap()[((range.start + range.end) / 2) as usize] ^= 0xff;
    }
    let (root, text, _app) = error_shown(files, Some("dai hoi ")).await;
    assert!(text.contains("corrupt") && text.contains(&name) && text.contains("soi build"), "{text}");
    assert_eq!(count(&root, ".hit"), 0);
}

#[wasm_bindgen_test]
async fn a_shard_gone_since_the_page_opened_says_to_reload() {
    // A rebuild replaced the index: the files the opened root names are gone.
    let mut files = demo_files();
    files.retain(|name, _| !name.starts_with("postings."));
    let (root, text, _app) = error_shown(files, Some("dai hoi ")).await;
    assert!(text.contains("updated while the page was open: reload the page"), "{text}");
    assert_eq!(count(&root, ".hit"), 0);
}

#[wasm_bindgen_test]
async fn app_shows_a_message_when_the_index_is_missing() {
    let root = container();
    let _handle =
        yew::Renderer::<App>::with_root_and_props(root.clone(), in_page(Source::url("no-such-index/"))).render();
    until("the error", || root.query_selector(".status.error").unwrap().is_some()).await;
    let text = root.query_selector(".status.error").unwrap().unwrap().text_content().unwrap();
    assert!(text.contains("No search index was found") && text.contains("404"), "{text}");
}

#[wasm_bindgen_test]
async fn app_offers_did_you_mean_and_follows_it() {
    let (root, _handle) = demo_app().await;
    // Telex typed with the IME off finds the articles and offers the real spelling.
    type_into(&root, "ddaij hooij ");
    until("results", || count(&root, ".hit") == 5).await;
    let link: web_sys::HtmlElement = root.query_selector(".suggestion a").unwrap().unwrap().dyn_into().unwrap();
    assert_eq!(link.text_content().unwrap(), "đại hội ");
    link.click();
    let input: HtmlInputElement = root.query_selector("input#q").unwrap().unwrap().dyn_into().unwrap();
    until("the suggestion to be searched", || input.value() == "đại hội " && count(&root, ".suggestion") == 0).await;
    assert_eq!(count(&root, ".hit"), 5);
}

#[wasm_bindgen_test]
async fn js_api_filters_sorts_and_rejects_unknown_facets() {
    let (_root, _handle) = demo_app().await;
    let window = web_sys::window().unwrap();
    until("window.soi", || js_sys::Reflect::get(&window, &"soi".into()).is_ok_and(|v| v.is_object())).await;
    let soi = js_sys::Reflect::get(&window, &"soi".into()).unwrap();
    let ready: js_sys::Promise = js_sys::Reflect::get(&soi, &"ready".into()).unwrap().dyn_into().unwrap();
    wasm_bindgen_futures::JsFuture::from(ready).await.unwrap();
    let search: js_sys::Function = js_sys::Reflect::get(&soi, &"search".into()).unwrap().dyn_into().unwrap();
    let call = |q: &str, options: &str| {
        let opts = js_sys::JSON::parse(options).unwrap();
        let p: js_sys::Promise = search.call2(&soi, &q.into(), &opts).unwrap().dyn_into().unwrap();
        wasm_bindgen_futures::JsFuture::from(p)
    };
    let v = call("dai hoi", r#"{"filters": {"place": ["kim son"]}}"#).await.unwrap();
    let r: soi_core::SearchResponse = serde_wasm_bindgen::from_value(v).unwrap();
    assert_eq!(r.total, 1);
    assert_eq!(r.hits[0].source.as_deref(), Some("thanhtra.com.vn"));
    let v = call("", r#"{"sort": "newest", "from": "2020"}"#).await.unwrap();
    let r: soi_core::SearchResponse = serde_wasm_bindgen::from_value(v).unwrap();
    let dates: Vec<&str> = r.hits.iter().filter_map(|h| h.date.as_deref()).collect();
    assert_eq!(dates, ["2020-10-08", "2020-03-26"]);
    // Options it cannot use are rejected with the core's sentence (the CLI's too).
    let err = call("x", r#"{"filters": {"colour": ["red"]}}"#).await.unwrap_err().as_string().unwrap();
    assert!(err.starts_with(r#"invalid facet "colour": use one of source,"#), "{err}");
    // Filters of another shape say which shape.
    for (filters, says) in [
        (r#"["place"]"#, "filters must be {facet: [values]}"),
        (r#"{"place": "kim son"}"#, "place is not a list"),
        (r#"{"place": [1]}"#, "place holds a value that is not text"),
    ] {
        let err = call("x", &format!(r#"{{"filters": {filters}}}"#)).await.unwrap_err().as_string().unwrap();
        assert!(err.starts_with("filters must be {facet: [values]}") && err.contains(says), "{err}");
    }
    // A Map is not read as an object (whose entries it does not have): an error,
    // not a search that filters nothing.
    let map = js_sys::Map::new();
    map.set(&"place".into(), &js_sys::Array::of1(&"kim son".into()));
    let opts = js_sys::Object::new();
    js_sys::Reflect::set(&opts, &"filters".into(), &map).unwrap();
    let p: js_sys::Promise = search.call2(&soi, &"dai hoi".into(), &opts).unwrap().dyn_into().unwrap();
    let err = wasm_bindgen_futures::JsFuture::from(p).await.unwrap_err().as_string().unwrap();
    assert_eq!(err, "filters must be {facet: [values]}");
    let err = call("x", r#"{"sort": "sideways"}"#).await.unwrap_err().as_string().unwrap();
    assert_eq!(err, r#"invalid sort "sideways": use relevance, newest or oldest"#);
    let err = call("x", r#"{"from": "2020-13"}"#).await.unwrap_err().as_string().unwrap();
    assert_eq!(err, r#"invalid from "2020-13": use a date as YYYY, YYYY-MM or YYYY-MM-DD"#);
}

#[wasm_bindgen_test]
fn views_round_trip_through_the_query_string() {
    use soi_web::view::View;
    let mut v = View {
        query: "đại hội & \"chi bộ\"".into(),
        sort: soi_core::Sort::Newest,
        doc: Some("a/b c.txt".into()),
        ..View::default()
    };
    v.toggle("place", "Kim Sơn");
    v.toggle("place", "Lạng Sơn");
    v.toggle("source", "a:b");
    v.from = Some("2020-01".into());
    let s = v.to_query_string();
    assert!(s.starts_with("?q="));
    assert_eq!(View::from_query_string(&s), v);
    assert_eq!(View::from_query_string(""), View::default());
    // Links spell spaces either way; a malformed escape stays as text, as in the
    // browser; unknown keys and sort orders are ignored.
    assert_eq!(View::from_query_string("?q=dai%20hoi+kim").query, "dai hoi kim");
    let odd = View::from_query_string("?q=%ZZ&x=1&sort=sideways");
    assert_eq!(odd, View { query: "%ZZ".into(), ..View::default() });
    let mut w = View::default();
    w.toggle("place", "X");
    w.toggle("place", "X");
    assert!(!w.has_filters(), "toggling twice removes the filter");
}

#[wasm_bindgen_test]
async fn facets_filter_live_and_chips_remove_them() {
    let (root, _handle) = demo_app().await;
    // The overview shows the corpus before any query.
    until("the overview", || root.query_selector(".overview").unwrap().is_some()).await;
    assert!(root.query_selector(".overview .big").unwrap().unwrap().text_content().unwrap().starts_with("5 "));

    type_into(&root, "dai hoi ");
    until("results", || count(&root, ".hit") == 5).await;
    // The place facet lists Kim Sơn with a live count of 1.
    let buttons = root.query_selector_all(".facet .facet-value").unwrap();
    let kim_son: web_sys::HtmlElement = (0..buttons.length())
        .map(|i| buttons.get(i).unwrap().dyn_into::<web_sys::HtmlElement>().unwrap())
        .find(|b| b.text_content().unwrap().starts_with("Kim Sơn"))
        .expect("Kim Sơn in the place facet");
    assert!(kim_son.text_content().unwrap().ends_with('1'));
    kim_son.click();
    until("the filtered answer", || count(&root, ".hit") == 1).await;
    assert_eq!(count(&root, ".chip"), 1);
    let pressed: Vec<String> = {
        let buttons = root.query_selector_all(".facet .facet-value[aria-pressed=true] .value").unwrap();
        (0..buttons.length()).map(|i| buttons.get(i).unwrap().text_content().unwrap()).collect()
    };
    assert_eq!(pressed, ["Kim Sơn"], "the selected value is shown pressed");
    until("the URL to hold the filter", || url_search().contains("f=place%3AKim+S%C6%A1n")).await;
    // Removing the chip brings every result back.
    let chip: web_sys::HtmlElement = root.query_selector(".chip").unwrap().unwrap().dyn_into().unwrap();
    chip.click();
    until("all results again", || count(&root, ".hit") == 5 && count(&root, ".chip") == 0).await;
}

#[wasm_bindgen_test]
async fn reader_steps_through_matches_and_lists_related_articles() {
    let (root, _handle) = demo_app().await;
    type_into(&root, "kim son ");
    until("one result", || count(&root, ".hit") == 1).await;
    let link: web_sys::HtmlElement = root.query_selector(".hit-title").unwrap().unwrap().dyn_into().unwrap();
    link.click();
    until("the reader", || root.query_selector(".reader .match-count").unwrap().is_some()).await;
    let counter = || root.query_selector(".match-count").unwrap().unwrap().text_content().unwrap();
    let total: usize = counter().rsplit(' ').next().unwrap().parse().unwrap();
    assert!(total >= 5, "{}", counter());
    assert!(counter().contains(" 1 / "));
    let next: web_sys::HtmlElement =
        root.query_selector(".match-nav button:last-child").unwrap().unwrap().dyn_into().unwrap();
    next.click();
    until("match 2", || counter().contains(" 2 / ")).await;
    let prev: web_sys::HtmlElement = root.query_selector(".match-nav button").unwrap().unwrap().dyn_into().unwrap();
    prev.click();
    prev.click();
    until("wrapped to the last match", || counter().contains(&format!(" {total} / "))).await;
    assert_eq!(count(&root, ".reader mark.current"), 1);
    assert!(count(&root, ".related li") >= 1, "related articles are listed");
}

#[wasm_bindgen_test]
async fn the_readers_match_counts_are_the_marks_it_shows() {
    let (root, _handle) = demo_app().await;
    type_into(&root, "dai hoi ");
    until("results", || count(&root, ".hit") == 5).await;
    for i in 0..5 {
        let link: web_sys::HtmlElement =
            root.query_selector_all(".hit-title").unwrap().get(i).unwrap().dyn_into().unwrap();
        link.click();
        until("the reader", || root.query_selector(".reader .match-count").unwrap().is_some()).await;
        let nav = text_of(&root, ".match-count").unwrap();
        let of_nav: usize = nav.rsplit(' ').next().unwrap().parse().unwrap();
        let meta = text_of(&root, ".reader .meta").unwrap();
        let of_header: usize = meta.rsplit(" · ").next().unwrap().split_whitespace().next().unwrap().parse().unwrap();
        let marks = count(&root, ".reader mark") as usize;
        assert!(marks > 0);
        assert_eq!((of_nav, of_header), (marks, marks), "article {i}: nav {nav:?}, header {meta:?}, {marks} marks");
        let back: web_sys::HtmlElement = root.query_selector(".reader .back").unwrap().unwrap().dyn_into().unwrap();
        back.click();
        until("the results again", || count(&root, ".hit") == 5).await;
    }
}

#[wasm_bindgen_test]
async fn slash_focuses_the_search_box_without_typing_a_slash() {
    let (root, _handle) = demo_app().await;
    type_into(&root, "kim son");
    let input: HtmlInputElement = root.query_selector("input#q").unwrap().unwrap().dyn_into().unwrap();
    input.blur().unwrap();
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("/");
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    let body = web_sys::window().unwrap().document().unwrap().body().unwrap();
    // A synthetic event never types text itself: what counts is that the app
    // cancelled the keystroke (a passive listener cannot), so a real `/` is not
    // typed into the box it has just focused.
    let not_cancelled = body.dispatch_event(&event).unwrap();
    assert!(!not_cancelled && event.default_prevented(), "the `/` keystroke is cancelled");
    let active = web_sys::window().unwrap().document().unwrap().active_element().unwrap();
    assert_eq!(active.id(), "q", "the search box has the focus");
    assert_eq!(input.value(), "kim son", "the box's text is unchanged");
}

/// The test's stand-in for the search worker: it records what the UI asks and
/// posts the replies the test chooses.
struct FakeWorker {
    port: web_sys::MessagePort,
    received: Rc<RefCell<Vec<JsValue>>>,
    _listener: gloo::events::EventListener,
}

impl FakeWorker {
    fn new(port: web_sys::MessagePort) -> FakeWorker {
        let received = Rc::new(RefCell::new(Vec::new()));
        let listener = {
            let received = received.clone();
            gloo::events::EventListener::new(&port, "message", move |e| {
                received.borrow_mut().push(e.dyn_ref::<web_sys::MessageEvent>().unwrap().data());
            })
        };
        port.start();
        FakeWorker { port, received, _listener: listener }
    }

    fn send(&self, message: &JsValue) {
        self.port.post_message(message).unwrap();
    }

    fn requests(&self) -> Vec<Request> {
        self.received.borrow().iter().map(|m| Request::from_js(m).unwrap()).collect()
    }
}

/// A hit with these id and title, score 1 and every other field empty.
fn bare_hit(id: &str, title: &str) -> HitView {
    HitView {
        id: id.into(),
        title: title.into(),
        score: 1.0,
        snippet: String::new(),
        marks: vec![],
        title_marks: vec![],
        doc: 0,
        date: None,
        author: None,
        source: None,
        category: None,
        url: None,
        places: vec![],
        people: vec![],
        doc_refs: vec![],
    }
}

/// A search answer with one hit per id, as the worker would post it.
fn answer(id: u32, total: usize, hits: &[&str]) -> JsValue {
    let hits = hits.iter().map(|doc| bare_hit(doc, &format!("Title of {doc}"))).collect();
    let response = SearchResponse { total, hits, ..SearchResponse::default() };
    let value = as_posted(&Results { response, selected: BTreeMap::new() });
    Reply::Answer { id, kind: Kind::Search, result: Ok(value) }.to_js()
}

/// The app talking to a worker the test plays, over a message channel.
fn app_with_a_fake_worker() -> (Element, FakeWorker, yew::AppHandle<App>) {
    let channel = web_sys::MessageChannel::new().unwrap();
    let worker = FakeWorker::new(channel.port2());
    let root = container();
    let handle =
        yew::Renderer::<App>::with_root_and_props(root.clone(), AppProps { backend: Backend::Port(channel.port1()) })
            .render();
    (root, worker, handle)
}

fn text_of(root: &Element, selector: &str) -> Option<String> {
    root.query_selector(selector).unwrap().and_then(|e| e.text_content())
}

#[wasm_bindgen_test]
async fn answers_to_superseded_searches_are_never_shown() {
    // The test plays the worker, answering out of order and late.
    let (root, worker, _handle) = app_with_a_fake_worker();
    worker.send(&Reply::Ready.to_js());
    until("the index to be ready", || root.query_selector(READY).unwrap().is_some()).await;
    until("the overview's search", || worker.requests().len() == 1).await;
    type_into(&root, "kim");
    until("the search for kim", || worker.requests().len() == 2).await;
    type_into(&root, "kim son");
    until("the search for kim son", || worker.requests().len() == 3).await;
    let asked: Vec<(u32, Kind, String)> = worker.requests().into_iter().map(|r| (r.id, r.kind, r.query)).collect();
    assert_eq!(
        asked.iter().map(|(_, k, q)| (*k, q.as_str())).collect::<Vec<_>>(),
        [(Kind::Search, ""), (Kind::Search, "kim"), (Kind::Search, "kim son")]
    );
    assert!(asked[0].0 < asked[1].0 && asked[1].0 < asked[2].0, "ids increase: {asked:?}");
    let [overview, kim, kim_son] = [asked[0].0, asked[1].0, asked[2].0];

    // The answer to "kim" comes after "kim son" was asked: it is dropped.
    worker.send(&answer(kim, 2, &["old-1.txt", "old-2.txt"]));
    sleep(100).await;
    assert_eq!(count(&root, ".hit"), 0, "a superseded answer was rendered");
    assert!(root.query_selector(".results").unwrap().is_none());

    worker.send(&answer(kim_son, 1, &["new.txt"]));
    until("the answer to kim son", || count(&root, ".hit") == 1).await;
    assert_eq!(text_of(&root, ".hit-id").as_deref(), Some("new.txt"));
    let shown = root.query_selector(".results").unwrap().unwrap().get_attribute("data-query");
    assert_eq!(shown.as_deref(), Some("kim son"));

    // Even later answers to older searches change nothing.
    worker.send(&answer(overview, 5, &[]));
    worker.send(&answer(kim, 2, &["old-1.txt", "old-2.txt"]));
    sleep(100).await;
    assert_eq!(count(&root, ".hit"), 1);
    assert_eq!(text_of(&root, ".hit-id").as_deref(), Some("new.txt"));
    assert!(root.query_selector(".overview").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn the_worker_reads_the_manifest_field_by_field_and_names_what_is_wrong() {
    let files = demo_files();
    let text = String::from_utf8(files["manifest.json"].clone()).unwrap();
    // The manifest as the CLI writes it: the engine opens the index it names.
    let engine = Engine::load(Source::Memory(Rc::new(files.clone())), |_, _| {}).await.unwrap();
    let found = engine.search("dai hoi", &soi_core::SearchOptions::default()).await.unwrap();
    assert!(found.total > 0);
    // Changed one field at a time (with the browser's JSON, as the worker reads it).
    let set = |path: &[&str], value: JsValue| {
        let root = js_sys::JSON::parse(&text).unwrap();
        let mut object = root.clone();
        for key in &path[..path.len() - 1] {
            object = js_sys::Reflect::get(&object, &(*key).into()).unwrap();
        }
        let last = path[path.len() - 1].into();
        if value.is_undefined() {
            js_sys::Reflect::delete_property(object.unchecked_ref::<js_sys::Object>(), &last).unwrap();
        } else {
            js_sys::Reflect::set(&object, &last, &value).unwrap();
        }
        String::from(js_sys::JSON::stringify(&root).unwrap())
    };
    let entry_object = js_sys::JSON::parse(r#"{"path": "dict.bin", "bytes": 10}"#).unwrap();
    let cases = [
        (set(&["files", "dict"], entry_object), "files.dict is not [name, bytes]"),
        (set(&["files", "store"], "store.bin".into()), "files.store is not a list"),
        (set(&["documents"], (-1.0).into()), "\"documents\" is not a count"),
        (set(&["terms"], 1.5.into()), "\"terms\" is not a count"),
        (set(&["files"], JsValue::UNDEFINED), "\"files\" is missing"),
    ];
    for (json, says) in cases {
        let mut broken = files.clone();
        broken.insert("manifest.json".into(), json.into_bytes());
        let err = match Engine::load(Source::Memory(Rc::new(broken)), |_, _| {}).await {
            Ok(_) => panic!("a manifest where {says} was opened"),
            Err(e) => e,
        };
        assert!(err.contains(says) && err.contains("soi build"), "{says}: {err}");
    }
}

#[wasm_bindgen_test]
async fn the_worker_looks_up_words_of_one_document_in_their_shard() {
    // The demo corpus split as a large corpus is: small shards, and the words of
    // one article only in their shard's own dictionary, not in the root.
    let mut b = IndexBuilder::new().shard_bytes(1024).whole_dict_bytes(0);
    for (id, text) in SEEDS {
        b.add(ingest::parse_text(id, text));
    }
    let built = b.build();
    let whole = built.open().unwrap();
    let mut files: HashMap<String, Vec<u8>> = built.files.iter().map(|f| (f.name.clone(), f.bytes.clone())).collect();
    files.insert("manifest.json".into(), built.manifest.to_json().into_bytes());
    let engine = Engine::load(Source::Memory(Rc::new(files)), |_, _| {}).await.unwrap();
    let options = soi_core::SearchOptions::default();
    for q in ["thanhtra", "websile ", "kim s", "dai hoi ", "nguyn ", "ddaij hooij "] {
        let got = engine.search(q, &options).await.unwrap();
        let want = whole.response(&whole.search_with(q, &options).unwrap());
        assert_eq!(got, want, "{q:?}");
    }
    let found = engine.search("thanhtra", &options).await.unwrap();
    assert_eq!(found.total, 1, "a word of one article is found");

    // A search superseded while its shards are on their way stops waiting at
    // once (the worker drops stale keystrokes), and the next search still
    // answers in full. (Files in memory cannot be aborted: the next search
    // takes the parts the stale one asked for; tests/e2e aborts real requests.)
    let stale = Stale::default();
    let mut search = Box::pin(engine.search_while("tổng kết công tác", &options, &stale));
    use std::future::Future as _;
    let first = futures::future::poll_fn(|cx| std::task::Poll::Ready(search.as_mut().poll(cx))).await;
    assert!(first.is_pending(), "the search waits for its shards");
    stale.mark();
    let second = futures::future::poll_fn(|cx| std::task::Poll::Ready(search.as_mut().poll(cx))).await;
    assert!(matches!(second, std::task::Poll::Ready(Ok(None))), "a superseded search stops waiting, with no answer");
    let superseded = Stale::default();
    superseded.mark();
    assert!(engine.search_while("kim s", &options, &superseded).await.unwrap().is_none());
    let fresh = engine.search_while("tổng kết công tác", &options, &Stale::default()).await.unwrap();
    assert_eq!(fresh, Some(whole.response(&whole.search_with("tổng kết công tác", &options).unwrap())));
    let article = engine.article(4, "thanhtra").await.unwrap();
    assert_eq!(article, whole.article(4, whole.plan("thanhtra").highlighter()).unwrap().unwrap());
}

#[wasm_bindgen_test]
async fn the_worker_searches_only_the_newest_of_the_queued_searches() {
    let replies = Rc::new(RefCell::new(Vec::new()));
    let service = {
        let replies = replies.clone();
        Service::start(Source::Memory(Rc::new(demo_files())), move |m| {
            replies.borrow_mut().push(Reply::from_js(&m).unwrap())
        })
    };
    until("the index to load", || replies.borrow().iter().any(|r| matches!(r, Reply::Ready))).await;
    replies.borrow_mut().clear();
    let request =
        |id, kind, query: &str| Request { id, kind, query: query.into(), options: JsValue::UNDEFINED, doc: None };
    // Three keystrokes and two API calls reach the worker before it gets to them.
    for r in [
        request(1, Kind::Search, "d"),
        request(2, Kind::Api, "dai hoi"),
        request(3, Kind::Search, "da"),
        request(4, Kind::Api, "kim son"),
        request(5, Kind::Search, "dai"),
    ] {
        service.receive(&r.to_js());
    }
    until("the answers", || replies.borrow().len() >= 3).await;
    sleep(100).await;
    let answered: Vec<(u32, Kind)> = replies
        .borrow()
        .iter()
        .map(|r| match r {
            Reply::Answer { id, kind, result } => {
                assert!(result.is_ok(), "{id}: {result:?}");
                (*id, *kind)
            }
            other => panic!("unexpected {other:?}"),
        })
        .collect();
    let mut ids: Vec<u32> = answered.iter().map(|(id, _)| *id).collect();
    ids.sort();
    assert_eq!(ids, [2, 4, 5], "every API call, and only the newest search: {answered:?}");
}

#[wasm_bindgen_test]
async fn the_worker_says_which_facet_values_a_typed_filter_selects() {
    let replies = Rc::new(RefCell::new(Vec::new()));
    let service = {
        let replies = replies.clone();
        Service::start(Source::Memory(Rc::new(demo_files())), move |m| replies.borrow_mut().push(m))
    };
    let last = || replies.borrow().last().map(|m| Reply::from_js(m).unwrap());
    until("the index to load", || matches!(last(), Some(Reply::Ready))).await;
    // As a link spells it: no tones, another case, a stray space.
    let options = js_sys::JSON::parse(r#"{"filters": {"place": ["kim son "]}}"#).unwrap();
    service.receive(&Request { id: 1, kind: Kind::Search, query: "dai hoi".into(), options, doc: None }.to_js());
    until("the answer", || matches!(last(), Some(Reply::Answer { .. }))).await;
    let Some(Reply::Answer { result: Ok(value), .. }) = last() else { panic!("{:?}", last()) };
    let results: Results = serde_wasm_bindgen::from_value(value).unwrap();
    assert_eq!(results.response.total, 1);
    assert_eq!(results.selected, BTreeMap::from([("place".to_owned(), vec!["Kim Sơn".to_owned()])]));
}

// ---------------------------------------------------------------------------
// At scale: facets with many values, pages of results, the overview, loading.

#[wasm_bindgen_test]
fn facet_values_are_found_toneless_as_the_core_folds_them() {
    use soi_web::components::{contains_folded, fold};
    assert_eq!(fold("Kim Sơn"), "kim son");
    assert_eq!(fold("kim son"), "kim son");
    assert_eq!(fold("KIM SƠN"), "kim son");
    assert_eq!(fold("Đống Đa"), "dong da");
    assert_eq!(fold("  Lạng   Sơn "), "lang son");
    assert_eq!(fold("Thừa Thiên Huế"), "thua thien hue");
    assert_eq!(fold("Bà Rịa - Vũng Tàu"), "ba ria - vung tau");
    // Decomposed input (as some keyboards and files give it) folds the same.
    assert_eq!(fold("Ho\u{302}\u{323}i"), "hoi");
    assert!(contains_folded("Kim Sơn", &fold("kim so")));
    assert!(contains_folded("Huyện Kim Sơn", &fold("KIM SƠN")));
    assert!(contains_folded("Đảng bộ", &fold("dang")));
    assert!(!contains_folded("Kim Sơn", &fold("kim san")));
    assert!(contains_folded("anything", ""));
    // The same words as the core's analyzer folds them (the worker's filters).
    for word in
        ["Sơn", "Đảng", "ĐẢNG", "Hội", "nghị", "Quyết", "Nguyễn", "Thượng", "Kiệm", "ưu", "Ðà", "ủy", "uỷ", "Ɖa"]
    {
        assert_eq!(fold(word), soi_core::analysis::fold(word), "{word}");
    }
}

/// A place facet of `n` values: a few frequent ones, then many named once.
fn place_values(n: usize) -> Vec<soi_core::search::FacetCount> {
    let mut values: Vec<(String, usize)> = vec![
        ("Hà Nội".into(), 9),
        ("Ninh Bình".into(), 7),
        ("Thanh Hóa".into(), 6),
        ("Nghệ An".into(), 5),
        ("Quảng Ninh".into(), 4),
        ("Hải Phòng".into(), 4),
        ("Đà Nẵng".into(), 3),
        ("Huế".into(), 3),
        ("Cần Thơ".into(), 2),
        ("Kim Sơn".into(), 2),
    ];
    values.extend((values.len()..n).map(|i| (format!("Xã số {i:02}"), 1)));
    values.truncate(n);
    values.into_iter().map(|(value, count)| soi_core::search::FacetCount { value, count }).collect()
}

fn texts(root: &Element, selector: &str) -> Vec<String> {
    let nodes = root.query_selector_all(selector).unwrap();
    (0..nodes.length()).map(|i| nodes.get(i).unwrap().text_content().unwrap()).collect()
}

fn click(root: &Element, selector: &str) {
    let el: web_sys::HtmlElement = root.query_selector(selector).unwrap().unwrap().dyn_into().unwrap();
    el.click();
}

/// Types `text` into the input at `selector` (an `input` event, as typing does).
fn type_in(root: &Element, selector: &str, text: &str) {
    let input: HtmlInputElement = root.query_selector(selector).unwrap().unwrap().dyn_into().unwrap();
    input.set_value(text);
    let init = web_sys::InputEventInit::new();
    init.set_bubbles(true);
    input.dispatch_event(&web_sys::InputEvent::new_with_event_init_dict("input", &init).unwrap()).unwrap();
}

fn press(root: &Element, selector: &str, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    root.query_selector(selector).unwrap().unwrap().dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
async fn a_facet_shows_its_top_values_then_all_and_finds_one_by_typing() {
    use soi_web::components::{FacetGroup, FacetGroupProps, SHOWN};
    let toggled = Rc::new(RefCell::new(Vec::<(String, String)>::new()));
    let root = container();
    let props = FacetGroupProps {
        facet: "place",
        heading: "Place".into(),
        scope: "test",
        values: place_values(50),
        // Selected, and far down the list: it stays in view.
        selected: vec!["Xã số 40".into()],
        on_toggle: {
            let toggled = toggled.clone();
            yew::Callback::from(move |v| toggled.borrow_mut().push(v))
        },
        lead_min: 1,
        shown: SHOWN,
    };
    let _handle = yew::Renderer::<FacetGroup>::with_root_and_props(root.clone(), props).render();
    until("render", || count(&root, ".facet-value") > 0).await;
    let shown = texts(&root, ".facet-value .value");
    assert_eq!(shown.len(), SHOWN + 1, "{shown:?}");
    assert_eq!(shown[..3], ["Hà Nội", "Ninh Bình", "Thanh Hóa"]);
    assert_eq!(shown.last().map(String::as_str), Some("Xã số 40"), "the selected value stays in view");
    assert_eq!(count(&root, ".facet-value[aria-pressed=true]"), 1);
    let more = || root.query_selector(".facet-more").unwrap().unwrap();
    assert_eq!(more().text_content().unwrap(), "Show all 50");
    assert_eq!(more().get_attribute("aria-expanded").as_deref(), Some("false"));
    assert_eq!(more().get_attribute("aria-controls").as_deref(), Some("test-place-values"));
    assert!(root.query_selector("#test-place-values").unwrap().is_some());

    // "Show all": everything the answer lists, and a note that it lists the top 50.
    // The button keeps the focus (the note that comes with it replaces nothing).
    let button: web_sys::HtmlElement = more().dyn_into().unwrap();
    button.focus().unwrap();
    button.click();
    until("all values", || count(&root, ".facet-value") == 50).await;
    let active = web_sys::window().unwrap().document().unwrap().active_element();
    assert!(
        button.is_connected() && active.is_some_and(|a| a.is_same_node(Some(&button))),
        "the focus stays on 'show all'"
    );
    assert_eq!(more().get_attribute("aria-expanded").as_deref(), Some("true"));
    assert_eq!(more().text_content().unwrap(), "Show fewer");
    assert!(text_of(&root, ".facet-note").unwrap().contains("50 most frequent"));
    click(&root, ".facet-more");
    until("the top values again", || count(&root, ".facet-value") as usize == SHOWN + 1).await;

    // Typed without tones, in any case: found.
    type_in(&root, ".facet-find", "kim son");
    until("the value found", || texts(&root, ".facet-value .value") == ["Kim Sơn"]).await;
    assert!(root.query_selector(".facet-more").unwrap().is_none(), "no 'show all' while finding");
    type_in(&root, ".facet-find", "THANH HOA");
    until("the value found", || texts(&root, ".facet-value .value") == ["Thanh Hóa"]).await;
    // Enter takes the first value found.
    press(&root, ".facet-find", "Enter");
    until("the toggle", || !toggled.borrow().is_empty()).await;
    assert_eq!(*toggled.borrow(), [("place".to_owned(), "Thanh Hóa".to_owned())]);
    type_in(&root, ".facet-find", "xa so 4");
    until("the values found", || count(&root, ".facet-value") == 10).await;
    type_in(&root, ".facet-find", "Sài Gòn");
    until("nothing found", || count(&root, ".facet-value") == 0).await;
    assert_eq!(text_of(&root, ".facet-note").as_deref(), Some("Nothing matches “Sài Gòn”"));
    type_in(&root, ".facet-find", "");
    until("the top values again", || count(&root, ".facet-value") as usize == SHOWN + 1).await;
}

#[wasm_bindgen_test]
async fn a_facet_with_few_values_has_no_more_control_and_the_overview_leads_with_repeated_values() {
    use soi_web::components::{FacetGroup, FacetGroupProps};
    let few = container();
    let props = |values, lead_min| FacetGroupProps {
        facet: "source",
        heading: "Source".into(),
        scope: "test",
        values,
        selected: vec![],
        on_toggle: yew::Callback::noop(),
        lead_min,
        shown: 8,
    };
    let _a = yew::Renderer::<FacetGroup>::with_root_and_props(few.clone(), props(place_values(5), 1)).render();
    until("render", || count(&few, ".facet-value") == 5).await;
    assert_eq!(count(&few, ".facet-more") + count(&few, ".facet-find"), 0, "five values need neither");

    // Values named once do not lead: the ten repeated ones do (eight of them).
    let repeated = container();
    let _b = yew::Renderer::<FacetGroup>::with_root_and_props(repeated.clone(), props(place_values(30), 2)).render();
    until("render", || count(&repeated, ".facet-value") > 0).await;
    assert_eq!(count(&repeated, ".facet-value"), 8);
    let counts: Vec<usize> = texts(&repeated, ".facet-value .n").iter().map(|n| n.parse().unwrap()).collect();
    assert!(counts.iter().all(|&c| c >= 2), "{counts:?}");
    // Three repeated values only: three lead, the named-once ones are behind "show all".
    let mut values = place_values(30);
    values.drain(3..10);
    let three = container();
    let _c = yew::Renderer::<FacetGroup>::with_root_and_props(three.clone(), props(values, 2)).render();
    until("render", || count(&three, ".facet-value") > 0).await;
    assert_eq!(texts(&three, ".facet-value .value"), ["Hà Nội", "Ninh Bình", "Thanh Hóa"]);
    assert_eq!(text_of(&three, ".facet-more").as_deref(), Some("Show all 23"));
    // Every value named once: none leads, and the group says so.
    let once = container();
    let _d = yew::Renderer::<FacetGroup>::with_root_and_props(once.clone(), props(place_values(30)[10..].to_vec(), 2))
        .render();
    until("render", || count(&once, ".facet-note") > 0).await;
    assert_eq!(count(&once, ".facet-value"), 0);
    assert_eq!(text_of(&once, ".facet-note").as_deref(), Some("Each value is in one article only."));
    click(&once, ".facet-more");
    until("all values", || count(&once, ".facet-value") == 20).await;
}

/// `n` articles about cooperatives (all match `hop tac xa`), with metadata: three
/// places named often and one place per article named once, four sources, people
/// and document references, one date a month through 2020.
fn cooperative_files(n: usize) -> HashMap<String, Vec<u8>> {
    let mut b = IndexBuilder::new();
    for i in 0..n {
        let mut places = vec![format!("Xã số {i:02}")];
        for (every, place) in [(3, "Kim Sơn"), (5, "Đống Đa"), (7, "Lạng Sơn")] {
            if i % every == 0 {
                places.push(place.into());
            }
        }
        let meta = soi_core::Metadata {
            date: Some(format!("2020-{:02}-{:02}", i % 12 + 1, i % 28 + 1)),
            source: Some(format!("Báo số {}", i % 4)),
            places,
            people: if i % 2 == 0 { vec!["Nguyễn Văn An".into()] } else { vec![format!("Người số {i}")] },
            doc_refs: vec![format!("Quyết định {i}-QĐ/UB")],
            ..soi_core::Metadata::default()
        };
        b.add(soi_core::Document {
            id: format!("htx-{i:03}.txt"),
            title: format!("Hợp tác xã nông nghiệp số {i}"),
            body: format!("Hợp tác xã nông nghiệp số {i} tổng kết năm. Xã viên bàn kế hoạch sản xuất vụ mùa thứ {i}."),
            meta,
        });
    }
    let built = b.build();
    let mut files: HashMap<String, Vec<u8>> = built.files.into_iter().map(|f| (f.name, f.bytes)).collect();
    files.insert("manifest.json".into(), built.manifest.to_json().into_bytes());
    files
}

/// Whether the focused element is the `n`-th (from 0) match of `selector`.
fn focused_is(root: &Element, selector: &str, n: u32) -> bool {
    let active = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element());
    let wanted = root.query_selector_all(selector).unwrap().get(n);
    matches!((active, wanted), (Some(a), Some(w)) if a.is_same_node(Some(&w)))
}

async fn cooperative_app(n: usize) -> (Element, yew::AppHandle<App>) {
    let root = container();
    let handle =
        yew::Renderer::<App>::with_root_and_props(root.clone(), in_page(Source::Memory(Rc::new(cooperative_files(n)))))
            .render();
    until("the index to load", || root.query_selector(READY).unwrap().is_some()).await;
    (root, handle)
}

#[wasm_bindgen_test]
async fn show_more_asks_for_the_next_page_with_the_total_exact_and_moves_the_focus_to_it() {
    let (root, _handle) = cooperative_app(45).await;
    type_into(&root, "hop tac xa ");
    until("the first page", || count(&root, ".hit") == 20).await;
    assert!(text_of(&root, ".count").unwrap().starts_with("45 results"));
    assert_eq!(text_of(&root, ".shown-count").as_deref(), Some("Showing 20 of 45 results"));
    assert_eq!(text_of(&root, ".show-more").as_deref(), Some("Show 20 more"));
    let first_page = texts(&root, ".hit-id");

    let button: web_sys::HtmlElement = root.query_selector(".show-more").unwrap().unwrap().dyn_into().unwrap();
    button.focus().unwrap();
    button.click();
    until("the second page", || count(&root, ".hit") == 40).await;
    let ids = texts(&root, ".hit-id");
    assert_eq!(ids[..20], first_page[..], "the first page stays as it was");
    assert_eq!(text_of(&root, ".shown-count").as_deref(), Some("Showing 40 of 45 results"));
    assert!(text_of(&root, ".count").unwrap().starts_with("45 results"), "the total stays exact");
    // Focus moves in an effect after the render: wait for it (or time out).
    until("the focus on the first new hit", || focused_is(&root, ".hit-title", 20)).await;
    assert_eq!(text_of(&root, ".show-more").as_deref(), Some("Show 5 more"));

    // The reader and back: the pages shown stay, and the hit read has the focus.
    click(&root, ".hits li:nth-child(26) .hit-title");
    until("the reader", || root.query_selector(".reader").unwrap().is_some()).await;
    click(&root, ".reader .back");
    until("the list again", || count(&root, ".hit") == 40).await;
    until("the focus on the hit read", || focused_is(&root, ".hit-title", 25)).await;

    let list = root.query_selector("ol.hits").unwrap().unwrap();
    click(&root, ".show-more");
    until("the last page", || count(&root, ".hit") == 45).await;
    assert!(list.is_connected(), "the list stays the same element when the button goes");
    assert_eq!(count(&root, ".show-more") + count(&root, ".shown-count"), 0, "everything is shown");
    let mut all = texts(&root, ".hit-id");
    all.sort();
    all.dedup();
    assert_eq!(all.len(), 45, "every article once");

    // A new question starts again at one page.
    type_into(&root, "hop tac xa nong ");
    until("one page", || count(&root, ".hit") == 20 && count(&root, ".show-more") == 1).await;
    assert_eq!(text_of(&root, ".shown-count").as_deref(), Some("Showing 20 of 45 results"));
}

#[wasm_bindgen_test]
async fn the_overview_leads_with_repeated_values_shows_the_timeline_and_each_is_a_way_in() {
    let (root, _handle) = cooperative_app(45).await;
    until("the overview", || root.query_selector(".overview .timeline").unwrap().is_some()).await;
    assert_eq!(text_of(&root, ".overview .big").as_deref(), Some("45 articles"));
    let headings = texts(&root, ".overview .facet h3");
    assert_eq!(
        headings,
        ["Most frequent places", "Most frequent people", "Most frequent sources", "Most cited documents"]
    );
    // Places: the three named often lead; the 45 named once wait behind "show all".
    let places = texts(&root, "#overview-place-values .value");
    assert_eq!(places, ["Kim Sơn", "Đống Đa", "Lạng Sơn"]);
    assert_eq!(text_of(&root, "#overview-place-title ~ .facet-more").as_deref(), Some("Show all 48"));
    assert_eq!(texts(&root, "#overview-person-values .value"), ["Nguyễn Văn An"]);
    assert_eq!(count(&root, "#overview-source-values .facet-value"), 4);
    // Every reference is named once: none leads.
    assert_eq!(count(&root, "#overview-doc_ref-values .facet-value"), 0);
    // The timeline: a bar a month, one stop for the keyboard.
    assert_eq!(count(&root, ".overview .bar"), 12);
    assert_eq!(count(&root, ".overview .bar[tabindex='0']"), 1);
    let march = root.query_selector(".overview .bar[aria-label^='2020-03']").unwrap().unwrap();
    assert_eq!(march.get_attribute("aria-label").as_deref(), Some("2020-03: 4 articles"));

    // A place is a way in.
    click(&root, "#overview-place-values .facet-value");
    until("the filtered results", || count(&root, ".hit") == 15).await;
    assert!(root.query_selector(".overview").unwrap().is_none());
    assert_eq!(texts(&root, ".chip"), ["Place: Kim Sơn ×"]);
    click(&root, ".clear");
    until("the overview again", || root.query_selector(".overview .bar").unwrap().is_some()).await;

    // So is a month.
    click(&root, ".overview .bar[aria-label^='2020-03']");
    until("the month's articles", || count(&root, ".hit") == 4).await;
    until("the month in the URL", || {
        let search = url_search();
        search.contains("from=2020-03") && search.contains("to=2020-03")
    })
    .await;
    assert_eq!(texts(&root, ".facets .bar[aria-pressed=true]").len(), 1);
}

#[wasm_bindgen_test]
async fn the_months_take_a_range_from_two_handles_and_from_the_keyboard() {
    let (root, _handle) = cooperative_app(45).await;
    type_into(&root, "hop tac xa ");
    until("results", || count(&root, ".facets .month-range input") == 2).await;
    let handles = root.query_selector_all(".facets .month-range input").unwrap();
    let handle = |i: u32| -> HtmlInputElement { handles.get(i).unwrap().dyn_into().unwrap() };
    assert_eq!((handle(0).value(), handle(1).value()), ("0".into(), "11".into()));
    assert_eq!(handle(0).get_attribute("aria-valuetext").as_deref(), Some("2020-01"));
    // The "from" handle moved to April (as the arrows, a drag or a click move it).
    let change = |input: &HtmlInputElement, value: &str| {
        input.set_value(value);
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        input.dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap()).unwrap();
    };
    change(&handle(0), "3");
    until("April to December", || count(&root, ".facets .bar[aria-pressed=true]") == 9).await;
    until("April onwards in the URL", || {
        let search = url_search();
        search.contains("from=2020-04") && !search.contains("to=")
    })
    .await;
    until("the answer", || text_of(&root, ".count").is_some_and(|c| c.starts_with("33 "))).await;
    // The "to" handle cannot pass the "from" one.
    let handles = root.query_selector_all(".facets .month-range input").unwrap();
    let to: HtmlInputElement = handles.get(1).unwrap().dyn_into().unwrap();
    change(&to, "1");
    until("April alone", || count(&root, ".facets .bar[aria-pressed=true]") == 1).await;
    until("April alone in the URL", || {
        let search = url_search();
        search.contains("from=2020-04") && search.contains("to=2020-04")
    })
    .await;
    assert_eq!(texts(&root, ".chip"), ["Dates: 2020-04 ×"]);
    // The bars from the keyboard: one stop, the arrows move along them. (On a
    // narrow test window the facets are a drawer: opened, so that they can focus,
    // and closed after, since a modal drawer makes the rest of the page inert.)
    let drawer = root.query_selector("button.facets-toggle").unwrap().is_some();
    if drawer {
        click(&root, "button.facets-toggle");
        until("the drawer", || root.query_selector("dialog.facets[open]").unwrap().is_some()).await;
    }
    let bars = root.query_selector_all(".facets .bar").unwrap();
    let tabbable = root.query_selector(".facets .bar[tabindex='0']").unwrap().unwrap();
    assert!(tabbable.is_same_node(Some(&bars.get(3).unwrap())), "the chosen month takes the focus");
    tabbable.dyn_ref::<web_sys::HtmlElement>().unwrap().focus().unwrap();
    press(&root, ".facets .bar[tabindex='0']", "ArrowRight");
    let active = || web_sys::window().unwrap().document().unwrap().active_element().unwrap();
    let label = || active().get_attribute("aria-label").unwrap_or_default();
    until("the focus on May", || label() == "2020-05: 4 articles").await;
    until("the roving stop", || {
        root.query_selector(".facets .bar[tabindex='0']").unwrap().is_some_and(|b| b.is_same_node(Some(&active())))
    })
    .await;
    press(&root, ".facets .bar[tabindex='0']", "End");
    until("the focus on December", || label().starts_with("2020-12")).await;
    // Shift+click extends the chosen month to a range.
    let shift_click: web_sys::Event = {
        let constructor: js_sys::Function =
            js_sys::Reflect::get(&web_sys::window().unwrap(), &"MouseEvent".into()).unwrap().dyn_into().unwrap();
        let init = js_sys::JSON::parse(r#"{"bubbles": true, "shiftKey": true}"#).unwrap();
        js_sys::Reflect::construct(&constructor, &js_sys::Array::of2(&"click".into(), &init))
            .unwrap()
            .dyn_into()
            .unwrap()
    };
    root.query_selector(".facets .bar[aria-label^='2020-06']").unwrap().unwrap().dispatch_event(&shift_click).unwrap();
    until("April to June", || count(&root, ".facets .bar[aria-pressed=true]") == 3).await;
    assert_eq!(texts(&root, ".chip"), ["Dates: 2020-04 – 2020-06 ×"]);
    // A click on the one month chosen clears it.
    click(&root, ".facets .bar[aria-label^='2020-05']");
    until("May alone", || count(&root, ".facets .bar[aria-pressed=true]") == 1).await;
    click(&root, ".facets .bar[aria-label^='2020-05']");
    until("no date filter", || count(&root, ".chip") == 0).await;
    if drawer {
        click(&root, ".drawer-close");
        until("the drawer closed", || root.query_selector("dialog.facets[open]").unwrap().is_none()).await;
    }
}

#[wasm_bindgen_test]
async fn loading_shows_a_progress_bar_and_says_why_when_it_takes_long() {
    use soi_web::components::{LoadingStatus, LoadingStatusProps};
    // Before the manifest says how much there is: an indeterminate bar.
    let waiting = container();
    let props = |fetched, total, slow_after_ms| LoadingStatusProps { fetched, total, slow_after_ms };
    let _a = yew::Renderer::<LoadingStatus>::with_root_and_props(waiting.clone(), props(0, 0, 60_000)).render();
    until("render", || count(&waiting, "progress") == 1).await;
    let bar = waiting.query_selector("progress").unwrap().unwrap();
    assert!(bar.get_attribute("value").is_none(), "indeterminate");
    assert_eq!(bar.get_attribute("aria-label").as_deref(), Some("Loading the search index"));
    assert_eq!(text_of(&waiting, ".status.loading").as_deref(), Some("Loading the index…"));
    assert_eq!(count(&waiting, ".slow-load"), 0);

    // Part of the root fetched.
    let part = container();
    let _b =
        yew::Renderer::<LoadingStatus>::with_root_and_props(part.clone(), props(100 * 1024, 400 * 1024, 50)).render();
    until("render", || count(&part, "progress") == 1).await;
    let bar = part.query_selector("progress").unwrap().unwrap();
    assert_eq!(bar.get_attribute("max").as_deref(), Some("409600"));
    assert_eq!(bar.get_attribute("value").as_deref(), Some("102400"));
    assert_eq!(bar.get_attribute("aria-valuetext").as_deref(), Some("100 KiB / 400 KiB"));
    assert_eq!(text_of(&part, ".status.loading").as_deref(), Some("Loading the index… 100 KiB / 400 KiB"));
    // Taking long: a sentence says what is happening.
    until("the slow note", || count(&part, ".slow-load") == 1).await;
    assert!(text_of(&part, ".slow-load").unwrap().contains("taking longer than usual"));

    // Nothing arrived at all: said so.
    let nothing = container();
    let _c = yew::Renderer::<LoadingStatus>::with_root_and_props(nothing.clone(), props(0, 0, 50)).render();
    until("the slow note", || count(&nothing, ".slow-load") == 1).await;
    assert!(text_of(&nothing, ".slow-load").unwrap().contains("Nothing has arrived"));

    // All fetched: checking and opening.
    let opening = container();
    let _d = yew::Renderer::<LoadingStatus>::with_root_and_props(opening.clone(), props(4096, 4096, 60_000)).render();
    until("render", || count(&opening, "progress") == 1).await;
    assert_eq!(text_of(&opening, ".status.loading").as_deref(), Some("Checking and opening the index…"));
}

#[wasm_bindgen_test]
async fn the_first_answer_on_its_way_says_searching_and_why_when_it_takes_long() {
    use soi_web::components::{SearchingStatus, SearchingStatusProps};
    let soon = container();
    let _a = yew::Renderer::<SearchingStatus>::with_root_and_props(
        soon.clone(),
        SearchingStatusProps { slow_after_ms: 60_000 },
    )
    .render();
    until("render", || count(&soon, ".status") == 1).await;
    assert_eq!(text_of(&soon, ".status").as_deref(), Some("Searching…"));
    assert_eq!(count(&soon, ".slow-load"), 0);

    let slow = container();
    let _b =
        yew::Renderer::<SearchingStatus>::with_root_and_props(slow.clone(), SearchingStatusProps { slow_after_ms: 50 })
            .render();
    until("the slow note", || count(&slow, ".slow-load") == 1).await;
    assert!(text_of(&slow, ".slow-load").unwrap().contains("Results show as soon as the rest of the index has loaded"));
    assert_eq!(text_of(&slow, ".status").as_deref(), Some("Searching…"));
}

#[wasm_bindgen_test]
async fn the_app_shows_the_workers_progress_and_never_a_blank_page() {
    let (root, worker, _handle) = app_with_a_fake_worker();
    until("the loading status", || count(&root, ".loading-index progress") == 1).await;
    worker.send(&Reply::Progress { fetched: 2048, total: 8192 }.to_js());
    until("the progress", || {
        root.query_selector("progress").unwrap().and_then(|p| p.get_attribute("value")).as_deref() == Some("2048")
    })
    .await;
    assert_eq!(text_of(&root, ".status.loading").as_deref(), Some("Loading the index… 2 KiB / 8 KiB"));
    // Open: until the first answer comes, the page says it is searching.
    worker.send(&Reply::Ready.to_js());
    until("the search box", || root.query_selector(READY).unwrap().is_some()).await;
    assert_eq!(count(&root, "progress"), 0);
    assert_eq!(text_of(&root, "main .status").as_deref(), Some("Searching…"));
}

#[wasm_bindgen_test]
fn tenths_are_written_with_each_languages_decimal_mark() {
    use soi_web::i18n::{tenths, Lang};
    assert_eq!(tenths(Lang::En, 12.34), "12.3");
    assert_eq!(tenths(Lang::Vi, 12.34), "12,3");
    assert_eq!(tenths(Lang::En, 0.96), "1.0");
    assert_eq!(tenths(Lang::Vi, 1.5 * 1024.0 * 1024.0 / (1024.0 * 1024.0)), "1,5");
    assert_eq!(tenths(Lang::En, 0.0), "0.0");
    // Not a number of milliseconds a clock can give: shown as nothing took time.
    assert_eq!(tenths(Lang::En, f64::NAN), "0.0");
    assert_eq!(tenths(Lang::En, -3.0), "0.0");
}

#[wasm_bindgen_test]
async fn the_worker_is_ready_before_the_document_table_and_a_search_waits_for_it() {
    // Ready with the dictionary and the terms file: without the document table
    // the engine loads, and what needs the table says which file is missing.
    let mut files = demo_files();
    let docs = files.keys().find(|k| k.starts_with("docs.")).unwrap().clone();
    let table = files.remove(&docs).unwrap();
    let files = Rc::new(files);
    let engine = Engine::load(Source::Memory(files.clone()), |_, _| {}).await.unwrap();
    let options = soi_core::SearchOptions::default();
    let err = engine.search("dai hoi", &options).await.unwrap_err();
    assert!(err.contains(&docs) && err.contains("missing"), "{err}");
    let err = engine.article(0, "dai hoi").await.unwrap_err();
    assert!(err.contains(&docs), "{err}");
    // With the table, the same engine answers as the whole index.
    let mut all = (*files).clone();
    all.insert(docs, table);
    let engine = Engine::load(Source::Memory(Rc::new(all)), |_, _| {}).await.unwrap();
    let got = engine.search("dai hoi", &options).await.unwrap();
    let mut b = IndexBuilder::new();
    for (id, text) in SEEDS {
        b.add(ingest::parse_text(id, text));
    }
    let whole = b.build().open().unwrap();
    assert_eq!(got, whole.response(&whole.search_with("dai hoi", &options).unwrap()));
}

/// `value` as the worker posts it (`soi search --json`'s shape).
fn as_posted(value: &impl serde::Serialize) -> JsValue {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).unwrap()
}

/// An answer with every field set (and a second hit with every optional one empty).
fn full_results() -> Results {
    let strings = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let full = HitView {
        id: "004_41a37cd57bca97c8.txt".into(),
        title: "Đại hội Chi bộ nhiệm kỳ 2025–2030".into(),
        score: 12.3456,
        snippet: "… đại hội chi bộ …".into(),
        marks: vec![[4, 13], [20, 27]],
        title_marks: vec![[0, 8]],
        doc: 4,
        date: Some("2025-03-08".into()),
        author: Some("Quốc Nghị".into()),
        source: Some("thanhtra.com.vn".into()),
        category: Some("Tin tức".into()),
        url: Some("https://example.com/a?b=1".into()),
        places: strings(&["Kim Sơn", "Lạng Sơn"]),
        people: strings(&["Nguyễn Văn A"]),
        doc_refs: strings(&["Chỉ thị 35-CT/TW"]),
    };
    let bare = HitView { snippet: full.snippet.clone(), score: full.score, ..bare_hit(&full.id, &full.title) };
    let mut facets = BTreeMap::new();
    facets.insert("place".to_string(), vec![soi_core::search::FacetCount { value: "Kim Sơn".into(), count: 3 }]);
    facets.insert("person".to_string(), vec![]);
    let response = SearchResponse {
        total: 4_000_000_000,
        hits: vec![full, bare],
        unmatched: strings(&["xyz"]),
        partial: true,
        read_as: "dai hoi".into(),
        suggestion: Some("đại hội".into()),
        facets,
        months: vec![soi_core::search::MonthCount { month: "2025-03".into(), count: 2 }],
    };
    let mut selected = BTreeMap::new();
    selected.insert("place".to_string(), strings(&["Kim Sơn"]));
    Results { response, selected }
}

fn full_article() -> soi_core::ArticleView {
    let meta = soi_core::Metadata {
        date: Some("2025-03-08".into()),
        author: Some("Quốc Nghị".into()),
        source: None,
        category: Some("Tin tức".into()),
        url: None,
        places: vec!["Kim Sơn".into()],
        people: vec![],
        doc_refs: vec!["Kế hoạch 167-KH/HU".into()],
    };
    let related = vec![
        soi_core::search::RelatedView { doc: 2, id: "002.txt".into(), title: "Một bài khác".into(), date: None },
        soi_core::search::RelatedView {
            doc: 3,
            id: "003.txt".into(),
            title: "Bài thứ ba".into(),
            date: Some("2024-01-01".into()),
        },
    ];
    soi_core::ArticleView {
        doc: 4,
        id: "004.txt".into(),
        meta,
        title: "Đại hội".into(),
        title_marks: vec![[0, 8]],
        body: "Nội dung đại hội.".into(),
        marks: vec![[10, 18]],
        related,
    }
}

#[wasm_bindgen_test]
async fn the_ui_reads_back_every_field_of_the_workers_answers() {
    let results = full_results();
    assert_eq!(soi_web::answers::results(&as_posted(&results)), Ok(results.clone()));
    assert_eq!(soi_web::answers::search_response(&as_posted(&results.response)), Ok(results.response.clone()));
    let facet = as_posted(&results.response.facets["place"]);
    assert_eq!(soi_web::answers::facet_counts(&facet), Ok(results.response.facets["place"].clone()));
    let article = full_article();
    assert_eq!(soi_web::answers::article(&as_posted(&article)), Ok(article));
    // And what the engine answers on the demo corpus.
    let engine = Engine::load(Source::Memory(Rc::new(demo_files())), |_, _| {}).await.unwrap();
    let response = engine.search("dai hoi", &soi_core::SearchOptions::default()).await.unwrap();
    assert!(response.hits.len() > 1 && !response.facets.is_empty());
    assert_eq!(soi_web::answers::search_response(&as_posted(&response)), Ok(response.clone()));
    let doc = response.hits[0].doc;
    let article = engine.article(doc, "dai hoi").await.unwrap();
    assert!(!article.related.is_empty() && !article.marks.is_empty());
    assert_eq!(soi_web::answers::article(&as_posted(&article)), Ok(article));
}

#[wasm_bindgen_test]
fn a_broken_answer_is_refused_and_the_error_names_the_field() {
    let set = |root: &JsValue, path: &[&str], value: JsValue| {
        let mut at = root.clone();
        for key in &path[..path.len() - 1] {
            at = js_sys::Reflect::get(&at, &(*key).into()).unwrap();
        }
        js_sys::Reflect::set(&at, &path[path.len() - 1].into(), &value).unwrap();
    };
    let cases: Vec<(&[&str], JsValue, &str)> = vec![
        (&["response", "total"], JsValue::from(-1), "response.total is not a whole number"),
        (&["response", "total"], JsValue::from(1.5), "response.total is not a whole number"),
        (&["response", "total"], JsValue::from(4_294_967_296.0), "response.total is not a whole number"),
        (
            &["response", "hits", "0", "doc"],
            JsValue::from(4_294_967_296.0),
            "response.hits[0].doc is not a whole number",
        ),
        (&["response", "hits", "0", "id"], JsValue::from(1), "response.hits[0].id is not text"),
        (&["response", "hits", "1", "title"], JsValue::NULL, "response.hits[1].title is not text"),
        (
            &["response", "hits", "0", "marks", "1"],
            js_sys::Array::of1(&1.into()).into(),
            "response.hits[0].marks[1] is not a pair of offsets",
        ),
        (&["response", "hits", "0", "places", "0"], JsValue::from(7), "response.hits[0].places[0] is not text"),
        (&["response", "hits", "0", "score"], JsValue::from("high"), "response.hits[0].score is not a number"),
        (&["response", "partial"], JsValue::from(1), "response.partial is not true or false"),
        (&["response", "facets", "place"], js_sys::Object::new().into(), "response.facets.place is not a list"),
        (
            &["response", "facets", "place", "0", "count"],
            JsValue::from("3"),
            "response.facets.place[0].count is not a whole number",
        ),
        (&["response", "months"], JsValue::UNDEFINED, "response.months is not a list"),
        (&["selected"], js_sys::Array::new().into(), "selected is not an object"),
        (&["selected", "place", "0"], JsValue::NULL, "selected.place[0] is not text"),
    ];
    for (path, value, expected) in cases {
        let posted = as_posted(&full_results());
        set(&posted, path, value);
        assert_eq!(soi_web::answers::results(&posted), Err(expected.to_string()), "{path:?}");
    }
    let cases: Vec<(&[&str], JsValue, &str)> = vec![
        (&["body"], JsValue::UNDEFINED, "body is not text"),
        (&["meta"], JsValue::NULL, "meta is not an object"),
        (&["meta", "date"], JsValue::from(2025), "meta.date is not text"),
        (&["related", "1", "doc"], JsValue::from(-2), "related[1].doc is not a whole number"),
        (&["title_marks", "0"], JsValue::from("0-8"), "title_marks[0] is not a pair of offsets"),
    ];
    for (path, value, expected) in cases {
        let posted = as_posted(&full_article());
        set(&posted, path, value);
        assert_eq!(soi_web::answers::article(&posted), Err(expected.to_string()), "{path:?}");
    }
    assert_eq!(soi_web::answers::article(&JsValue::NULL), Err("doc is not a whole number".to_string()));
    // Absent optional fields read as empty, as serde reads them (the worker
    // writes `null` and `[]`).
    let posted = as_posted(&full_results());
    set(&posted, &["response", "suggestion"], JsValue::UNDEFINED);
    set(&posted, &["response", "hits", "0", "date"], JsValue::UNDEFINED);
    let read = soi_web::answers::results(&posted).unwrap();
    assert_eq!((read.response.suggestion, read.response.hits[0].date.clone()), (None, None));
    let posted = as_posted(&full_article());
    set(&posted, &["meta", "places"], JsValue::UNDEFINED);
    assert!(soi_web::answers::article(&posted).unwrap().meta.places.is_empty());
}
