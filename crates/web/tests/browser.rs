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
use soi_web::worker::{serve_in_page, Service, Source};
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
    until("the index to load", || root.query_selector("input#q:not([disabled])").unwrap().is_some()).await;
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

#[wasm_bindgen_test]
async fn app_shows_a_message_for_a_corrupt_index() {
    // A file of the root, read before the first search.
    let mut files = demo_files();
    let name = files.keys().find(|k| k.starts_with("docs.")).unwrap().clone();
    let bytes = files.get_mut(&name).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0xff;
    let root = container();
    let _handle =
        yew::Renderer::<App>::with_root_and_props(root.clone(), in_page(Source::Memory(Rc::new(files)))).render();
    until("the error", || root.query_selector(".status.error").unwrap().is_some()).await;
    let text = root.query_selector(".status.error").unwrap().unwrap().text_content().unwrap();
    assert!(text.contains("corrupt") && text.contains(&name), "{text}");
}

#[wasm_bindgen_test]
async fn a_corrupt_postings_shard_is_a_message_when_a_search_needs_it() {
    // Shards are fetched when a query needs them: the index opens, the search fails
    // with a sentence naming the file, and no answer is shown.
    let mut files = demo_files();
    let name = files.keys().find(|k| k.starts_with("postings.")).unwrap().clone();
    let bytes = files.get_mut(&name).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0xff;
    let root = container();
    let _handle =
        yew::Renderer::<App>::with_root_and_props(root.clone(), in_page(Source::Memory(Rc::new(files)))).render();
    until("the index to load", || root.query_selector("input#q:not([disabled])").unwrap().is_some()).await;
    type_into(&root, "dai hoi ");
    until("the error", || root.query_selector(".status.error").unwrap().is_some()).await;
    let text = root.query_selector(".status.error").unwrap().unwrap().text_content().unwrap();
    assert!(text.contains("corrupt") && text.contains(&name) && text.contains("soi build"), "{text}");
    assert_eq!(count(&root, ".hit"), 0);
}

#[wasm_bindgen_test]
async fn a_shard_gone_since_the_page_opened_says_to_reload() {
    // A rebuild replaced the index: the files the opened root names are gone.
    let mut files = demo_files();
    files.retain(|name, _| !name.starts_with("postings."));
    let root = container();
    let _handle =
        yew::Renderer::<App>::with_root_and_props(root.clone(), in_page(Source::Memory(Rc::new(files)))).render();
    until("the index to load", || root.query_selector("input#q:not([disabled])").unwrap().is_some()).await;
    type_into(&root, "dai hoi ");
    until("the error", || root.query_selector(".status.error").unwrap().is_some()).await;
    let text = root.query_selector(".status.error").unwrap().unwrap().text_content().unwrap();
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
    assert!(
        web_sys::window().unwrap().location().search().unwrap().contains("f=place%3AKim+S%C6%A1n"),
        "the URL holds the filter"
    );
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

/// A search answer with one hit per id, as the worker would post it.
fn answer(id: u32, total: usize, hits: &[&str]) -> JsValue {
    let hit = |doc: &str| HitView {
        id: doc.into(),
        title: format!("Title of {doc}"),
        score: 1.0,
        snippet: String::new(),
        marks: vec![],
        title_marks: vec![],
        doc: 0,
        date: None,
        author: None,
        source: None,
        category: None,
        places: vec![],
    };
    let response = SearchResponse { total, hits: hits.iter().map(|d| hit(d)).collect(), ..SearchResponse::default() };
    let results = Results { response, selected: BTreeMap::new() };
    let value = serde::Serialize::serialize(&results, &serde_wasm_bindgen::Serializer::json_compatible()).unwrap();
    Reply::Answer { id, kind: Kind::Search, result: Ok(value) }.to_js()
}

fn text_of(root: &Element, selector: &str) -> Option<String> {
    root.query_selector(selector).unwrap().and_then(|e| e.text_content())
}

#[wasm_bindgen_test]
async fn answers_to_superseded_searches_are_never_shown() {
    // The test plays the worker, answering out of order and late.
    let channel = web_sys::MessageChannel::new().unwrap();
    let worker = FakeWorker::new(channel.port2());
    let root = container();
    let _handle =
        yew::Renderer::<App>::with_root_and_props(root.clone(), AppProps { backend: Backend::Port(channel.port1()) })
            .render();
    worker.send(&Reply::Ready.to_js());
    until("the index to be ready", || root.query_selector("input#q:not([disabled])").unwrap().is_some()).await;
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
