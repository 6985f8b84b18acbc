//! Loading an index and querying it, inside the search worker (see
//! [`super::Service`]; the UI thread never holds an `Engine`).
//!
//! [`Engine::load`] fetches `manifest.json`, then the root of the index (the
//! dictionary, the terms file and the document table) side by side, verifies them
//! (header, size, CRC) and opens the [`Index`]. The rest comes when it is needed:
//! the postings shards of the terms a query expands to, before it runs, and the
//! text of the results shown ([`Engine::search`], [`Engine::article`]): each
//! document's slot of its store pack, by an HTTP range request (neighbouring
//! slots in one request). All the parts a step needs are fetched at once, and
//! each once, however many searches ask for it while it is on its way (unless
//! it is aborted, below). A host that ignores range requests sends the whole
//! pack, which is then kept.
//!
//! A search a newer keystroke supersedes ([`Stale`]) stops waiting for the
//! network at once. Its requests go on while another search waits for them;
//! the others are aborted once the next search has counted its own waits
//! ([`Flight`], [`Sweep`] says which), so that they do not share its bandwidth;
//! a part aborted is fetched again when asked.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;
use std::task::{Poll, Waker};

use futures::future::{self, Either, FutureExt, LocalBoxFuture, Shared};
use soi_core::index::{FileEntry, ManifestFiles, MANIFEST_FILE};
use soi_core::small_sort::sort_dedup;
use soi_core::{ArticleView, ErrorKind, Index, Manifest, Plan, SearchOptions, SearchResponse};
use wasm_bindgen::{JsCast, JsValue};

use super::after_queued_tasks;

/// Where the index files come from.
#[derive(Clone)]
pub enum Source {
    /// A URL prefix ending in `/`, relative to the script that fetches (the
    /// worker's, which sits beside the page: `index/`) or absolute.
    Url {
        prefix: Rc<str>,
        /// Whether the worker's start script fetched the root early
        /// ([`Source::early`]).
        early: bool,
    },
    /// Files by name, already in memory (tests, embedding).
    Memory(Rc<HashMap<String, Vec<u8>>>),
}

impl Source {
    /// Files under the URL `prefix`, with or without its trailing `/`.
    pub fn url(prefix: &str) -> Self {
        Source::Url { prefix: folder(prefix), early: false }
    }

    /// The worker's own index at `prefix`, whose manifest and root the start
    /// script (www/soi-worker-start.js) may have fetched already ([`Early`]).
    pub(super) fn early(prefix: &str) -> Self {
        Source::Url { prefix: folder(prefix), early: true }
    }

    /// Fetches one file (the manifest or a file of the root). Errors are
    /// sentences for the user.
    pub async fn fetch(&self, name: &str) -> Result<Vec<u8>, String> {
        Ok(self.fetch_whole(name, false, None).await?.0)
    }

    /// Fetches one whole file; with `probe`, asks for it as the range `0-`, and
    /// says whether the host answers ranges (HTTP 206), which costs no request.
    /// `early` is the response of the same request made by the worker's start
    /// script, if it made it ([`Early`]).
    async fn fetch_whole(
        &self,
        name: &str,
        probe: bool,
        early: Option<js_sys::Promise>,
    ) -> Result<(Vec<u8>, bool), String> {
        match self {
            Source::Memory(files) => {
                let bytes = files.get(name).cloned().ok_or_else(|| format!("the index file {name} is missing"))?;
                Ok((bytes, true))
            }
            Source::Url { prefix, .. } => {
                let url = format!("{prefix}{name}");
                let early = match early {
                    Some(promise) => wasm_bindgen_futures::JsFuture::from(promise).await.ok(),
                    None => None,
                };
                let response = match early.and_then(|r| r.dyn_into::<web_sys::Response>().ok()) {
                    Some(response) => gloo::net::http::Response::from(response),
                    // Not fetched early, or that fetch failed: fetched here.
                    None => {
                        let mut request = gloo::net::http::Request::get(&url);
                        if probe {
                            request = request.header("Range", "bytes=0-");
                        }
                        request.send().await.map_err(|e| format!("could not fetch {url}: {e}"))?
                    }
                };
                if !response.ok() {
                    return Err(format!("{url} answered HTTP {} {}", response.status(), response.status_text()));
                }
                let ranges = response.status() == 206;
                let bytes = response.binary().await.map_err(|e| format!("could not read {url}: {e}"))?;
                if !bytes.starts_with(&GZIP_MAGIC) {
                    return Ok((bytes, ranges));
                }
                let bytes = gunzip(&bytes).await.map_err(|e| {
                    format!(
                        "{name} is corrupt (it does not decompress: {e}); rebuild the index with `soi build` and upload all of its files"
                    )
                })?;
                Ok((bytes, ranges))
            }
        }
    }
}

/// A URL prefix as a folder: with its trailing `/` (none added to an empty one).
fn folder(prefix: &str) -> Rc<str> {
    let mut p = prefix.to_owned();
    if !p.is_empty() && !p.ends_with('/') {
        p.push('/');
    }
    p.into()
}

/// Addresses of one file that range requests may use side by side (`?lane=K`):
/// a result page's ten texts, all in one pack, at once.
const LANES: u32 = 10;

thread_local! {
    /// Per file, how many of its requests under way use each lane.
    static LANES_BUSY: RefCell<HashMap<String, [u16; LANES as usize]>> = RefCell::new(HashMap::new());
}

/// A lane of a file, held while a range request uses it: the lowest one free
/// (so the same requests made again use the same addresses, which a browser may
/// have cached), or, when all are busy, the least busy (the request then waits
/// for the one there). Let go when dropped.
struct Lane {
    url: String,
    number: u32,
}

impl Lane {
    fn take(url: &str) -> Lane {
        LANES_BUSY.with(|busy| {
            let mut busy = busy.borrow_mut();
            let held = busy.entry(url.to_owned()).or_default();
            let number = (0..LANES).min_by_key(|&k| held[k as usize]).unwrap_or(0);
            held[number as usize] += 1;
            Lane { url: url.to_owned(), number }
        })
    }
}

impl Drop for Lane {
    fn drop(&mut self) {
        LANES_BUSY.with(|busy| {
            let mut busy = busy.borrow_mut();
            if let Some(held) = busy.get_mut(&self.url) {
                held[self.number as usize] = held[self.number as usize].saturating_sub(1);
                if held.iter().all(|&n| n == 0) {
                    busy.remove(&self.url);
                }
            }
        });
    }
}

/// What a range request brought.
enum Ranged {
    /// The bytes of the range asked for.
    Part(Vec<u8>),
    /// The whole file: the host ignored the range.
    Whole(Vec<u8>),
}

impl Source {
    /// Fetches `range` of the file `name`, which is `total` bytes long (a store
    /// pack, stored uncompressed). A host may answer with the whole file instead.
    async fn fetch_range(
        &self,
        name: &str,
        range: Range<u64>,
        total: u64,
        abort: Option<&web_sys::AbortSignal>,
    ) -> Result<Ranged, String> {
        let updated = |message: String| format!("{SITE_UPDATED} ({message})");
        match self {
            Source::Memory(files) => {
                let file = files.get(name).ok_or_else(|| updated(format!("the index file {name} is missing")))?;
                let part = usize::try_from(range.start).ok().zip(usize::try_from(range.end).ok());
                part.and_then(|(a, b)| file.get(a..b))
                    .map(|bytes| Ranged::Part(bytes.to_vec()))
                    .ok_or_else(|| updated(format!("{name} is shorter than the index says")))
            }
            Source::Url { prefix, .. } => {
                let url = format!("{prefix}{name}");
                let failed = |message: String| message;
                // A lane in the address. Chrome's HTTP cache lets one request at
                // a time use an address: ten ranges of one pack fetched side by
                // side went one after another (80 ms of latency: 850 ms for ten
                // text slots, 200 ms at ten addresses). Hosts ignore the query
                // string; a CDN keys its cache on it, and may fetch the whole
                // pack from the origin for each new key: a few lanes per pack,
                // not one address per range, bound that (README: hosting).
                let lane = Lane::take(&url);
                let response = gloo::net::http::Request::get(&url)
                    .query([("lane", &lane.number.to_string())])
                    .header("Range", &format!("bytes={}-{}", range.start, range.end - 1))
                    .abort_signal(abort)
                    .send()
                    .await
                    .map_err(|e| failed(format!("could not fetch {url}: {e}")))?;
                match response.status() {
                    206 => {
                        // "bytes START-END/TOTAL": the file must be the one the manifest names.
                        let header = response.headers().get("content-range").unwrap_or_default();
                        let expected = format!("bytes {}-{}/{total}", range.start, range.end - 1);
                        if header != expected {
                            return Err(updated(format!("{url} answered the range \"{header}\", not \"{expected}\"")));
                        }
                        let bytes =
                            response.binary().await.map_err(|e| failed(format!("could not read {url}: {e}")))?;
                        if bytes.len() as u64 != range.end - range.start {
                            return Err(failed(format!(
                                "{url} sent {} bytes of a {}-byte range",
                                bytes.len(),
                                range.end - range.start
                            )));
                        }
                        Ok(Ranged::Part(bytes))
                    }
                    200 => {
                        let bytes =
                            response.binary().await.map_err(|e| failed(format!("could not read {url}: {e}")))?;
                        if bytes.len() as u64 != total {
                            return Err(updated(format!("{url} is {} bytes, not {total}", bytes.len())));
                        }
                        Ok(Ranged::Whole(bytes))
                    }
                    404 | 410 | 416 => Err(updated(format!("{url} answered HTTP {}", response.status()))),
                    status => Err(failed(format!("{url} answered HTTP {status} {}", response.status_text()))),
                }
            }
        }
    }
}

/// What `soi-worker-start.js` fetched while the worker's wasm was on its way
/// (`self.__soiEarly`): the manifest's response, and a promise of the root
/// files' responses by name (`null` when it could not read the manifest), made
/// exactly as [`Source::fetch_whole`] would make them. Taken once: a second
/// load fetches for itself.
struct Early {
    manifest: js_sys::Promise,
    root: js_sys::Promise,
}

impl Early {
    const GLOBAL: &str = "__soiEarly";

    fn take() -> Option<Early> {
        let global = js_sys::global();
        let key = wasm_bindgen::JsValue::from_str(Self::GLOBAL);
        let early = js_sys::Reflect::get(&global, &key).ok().filter(|v| v.is_object())?;
        let _ = js_sys::Reflect::delete_property(global.unchecked_ref::<js_sys::Object>(), &key);
        let promise = |name: &str| {
            js_sys::Reflect::get(&early, &name.into()).ok().and_then(|p| p.dyn_into::<js_sys::Promise>().ok())
        };
        Some(Early { manifest: promise("manifest")?, root: promise("root")? })
    }

    /// The root files' early responses, by name: waits for the start script to
    /// have read the manifest (so that no file is fetched twice).
    async fn root(self) -> Option<js_sys::Object> {
        let root = wasm_bindgen_futures::JsFuture::from(self.root).await.ok()?;
        root.dyn_into::<js_sys::Object>().ok()
    }
}

/// The early response for `name` in `root` ([`Early::root`]).
fn early_for(root: Option<&js_sys::Object>, name: &str) -> Option<js_sys::Promise> {
    let promise = js_sys::Reflect::get(root?, &name.into()).ok()?;
    promise.dyn_into::<js_sys::Promise>().ok()
}

/// The first two bytes of a gzip stream: `soi build` writes every index file
/// compressed (see crates/cli/src/files.rs).
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// The browser's `DecompressionStream` (in every current browser; web-sys
    /// still lists it as unstable, so it is declared here).
    type DecompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<DecompressionStream, wasm_bindgen::JsValue>;
}

/// Decompresses gzip with the browser's own `DecompressionStream`, so the app
/// ships no decompressor. The bytes go in as the body of a `Response` and come
/// out through another. In Chromium 156, twenty members of 1.8 KB unpacked one
/// after another took about 2 ms in all this way, and 17–26 ms when each was
/// piped from a `Blob`, which every shard and text of a new query waited on.
async fn gunzip(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let text = |e: wasm_bindgen::JsValue| {
        e.dyn_ref::<js_sys::Error>().map_or_else(|| format!("{e:?}"), |e| String::from(e.message()))
    };
    let gzip = DecompressionStream::new("gzip").map_err(text)?;
    let source = web_sys::Response::new_with_opt_buffer_source(Some(&js_sys::Uint8Array::from(bytes))).map_err(text)?;
    let body = source.body().ok_or("an empty body")?;
    // A transform stream is a {readable, writable} pair; the pipe's own failure
    // is handled by the stream, and surfaces as the reading's.
    let stream = body.pipe_through(gzip.unchecked_ref::<web_sys::ReadableWritablePair>());
    let response = web_sys::Response::new_with_opt_readable_stream(Some(&stream)).map_err(text)?;
    let buffer = wasm_bindgen_futures::JsFuture::from(response.array_buffer().map_err(text)?).await.map_err(text)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// What to tell the reader when a file the opened index names is gone, or is not
/// the file it names: the site was rebuilt while the page was open. Answering from
/// a mix of two builds would be wrong, so the page must be reloaded.
pub const SITE_UPDATED: &str =
    "This site's search index was updated while the page was open: reload the page to search the new version.";

/// A part fetched after the root: a postings shard's lists, its positions or
/// its followers, or a document's text (its slot of a store pack), by number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Part {
    Shard(usize),
    Positions(usize),
    Followers(usize),
    Text(u32),
}

/// How many times a search that met positions it was not expected to need is
/// planned and run again (with all its terms' positions), before it gives up.
const POSITION_RETRIES: usize = 2;

/// Slots this close to one another are fetched in one range request (the bytes
/// between them are fetched and dropped).
const MERGE_GAP: u64 = 2048;

/// Most bytes one range request of merged neighbours spans (a part larger than
/// this has one of its own), unless a pack's parts would then need more than
/// [`LANES`] requests. The parts of a prefix typed after a word (`dai h`:
/// the lists of 32 completions, 147 KB at 10k, and before format 12 their
/// positions too, 495 KB) then come in several requests side by side, and the
/// next keystroke (`dai ho`) waits only for the requests holding its parts; the
/// others are aborted.
const MAX_SPAN: u64 = 64 * 1024;

/// A file on its way: every search that needs it awaits the same fetch.
type PartFetch = Shared<LocalBoxFuture<'static, Result<(), String>>>;

/// One request under way, for one or more parts, and how many searches wait
/// for it. It runs to its end whether or not any does (its parts are added to
/// the index then), unless it is aborted: once a search has counted its own
/// waits, the requests no search waits for any more (all theirs were
/// superseded) are aborted ([`Sweep`]), so that the newest keystroke's parts do
/// not share the network with a stale one's.
struct Flight {
    /// Aborts the request (`None` for files in memory).
    abort: Option<web_sys::AbortController>,
    /// Whether it brings texts (else postings parts).
    texts: bool,
    waiting: Cell<u32>,
    /// Its bytes are here (being unpacked): nothing left to save by aborting.
    received: Cell<bool>,
    done: Cell<bool>,
}

impl Flight {
    fn new(source: &Source, texts: bool) -> Rc<Flight> {
        let abort = match source {
            Source::Url { .. } => web_sys::AbortController::new().ok(),
            Source::Memory(_) => None,
        };
        Rc::new(Flight { abort, texts, waiting: Cell::new(0), received: Cell::new(false), done: Cell::new(false) })
    }

    fn signal(&self) -> Option<web_sys::AbortSignal> {
        self.abort.as_ref().map(|a| a.signal())
    }
}

/// A search's wait for a [`Flight`], counted while it lasts.
struct Waiting(Rc<Flight>);

impl Waiting {
    fn new(flight: &Rc<Flight>) -> Waiting {
        flight.waiting.set(flight.waiting.get() + 1);
        Waiting(flight.clone())
    }
}

impl Drop for Waiting {
    fn drop(&mut self) {
        self.0.waiting.set(self.0.waiting.get().saturating_sub(1));
    }
}

/// Which requests no search waits for a fetch aborts once it has counted its own
/// waits ([`Engine::ensure`]): a search's postings abort stale postings, and
/// stale texts too when the search must wait for the network (its texts are
/// known only after, and the stale ones would share the network meanwhile);
/// its texts abort stale texts. A search whose postings are all here keeps the
/// stale texts to its own texts' turn: the same words asked again (a space
/// typed after them) need the same texts, still on their way.
#[derive(Clone, Copy, PartialEq)]
enum Sweep {
    Postings,
    Texts,
}

/// Parts on their way, each with its fetch and the request that brings it.
type Fetching = Rc<RefCell<HashMap<Part, (PartFetch, Rc<Flight>)>>>;

/// Whether a request is still wanted: marked once a newer request of its kind
/// supersedes it. A search waiting for the network stops waiting then
/// ([`Stale::marked`]), and asks after each wait whether to go on.
#[derive(Default)]
pub struct Stale {
    marked: Cell<bool>,
    wakers: RefCell<Vec<Waker>>,
}

impl Stale {
    /// Marks the request superseded, and wakes whatever waits for that.
    pub fn mark(&self) {
        self.marked.set(true);
        for waker in self.wakers.borrow_mut().drain(..) {
            waker.wake();
        }
    }

    /// Whether the request is still wanted.
    pub fn wanted(&self) -> bool {
        !self.marked.get()
    }

    /// Resolves once the request is marked superseded.
    async fn marked(&self) {
        future::poll_fn(|cx| {
            if self.marked.get() {
                Poll::Ready(())
            } else {
                let mut wakers = self.wakers.borrow_mut();
                if !wakers.iter().any(|w| w.will_wake(cx.waker())) {
                    wakers.push(cx.waker().clone());
                }
                Poll::Pending
            }
        })
        .await
    }
}

/// An opened index and where to fetch the rest of it from.
pub struct Engine {
    /// Shared with the fetches, which add their part when it arrives.
    index: Rc<RefCell<Index>>,
    source: Source,
    /// Shards and texts being fetched.
    fetching: Fetching,
    /// Whole packs, fetched once each when the host does not answer ranges.
    packs: Packs,
    /// Whether the host answers range requests (probed with the dictionary).
    ranges: bool,
    /// The document table until it is added ([`Engine::ensure_docs`]).
    docs: RefCell<DocsWait>,
}

/// Where the document table stands before it is added to the index.
enum DocsWait {
    /// Not asked for since a request failed (the next search asks again), or
    /// added (the index has it: nothing more to ask).
    Unasked,
    /// On its way.
    Coming(DocsFetch),
    /// It arrived and was refused (corrupt, or not this index's): every search
    /// says why, and it is not fetched again.
    Refused(String),
}

/// The document table's bytes, fetched once for every search that waits.
type DocsFetch = Shared<LocalBoxFuture<'static, Result<Rc<Vec<u8>>, String>>>;

/// Starts fetching the document table (`early`: the start script's request).
fn fetch_docs(source: &Source, path: &str, early: Option<js_sys::Promise>) -> DocsFetch {
    let (source, path) = (source.clone(), path.to_owned());
    async move { source.fetch_whole(&path, false, early).await.map(|(bytes, _)| Rc::new(bytes)) }.boxed_local().shared()
}

/// The two kinds of pack a range is fetched from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum PackKind {
    Postings,
    Store,
}

/// A whole pack on its way or here: every part of it awaits the same fetch.
type WholePack = Shared<LocalBoxFuture<'static, Result<Rc<[u8]>, String>>>;

/// Whole packs by kind and number, when the host does not answer ranges.
type Packs = Rc<RefCell<HashMap<(PackKind, usize), WholePack>>>;

/// Bytes `range` of pack `pack`, and where they start in the pack: fetched by a
/// range request, or sliced from the whole pack when the host does not answer
/// ranges (`ranges` false, or it answered one with the whole file): each pack
/// is then fetched once, checked, and kept.
async fn pack_range(
    index: &Rc<RefCell<Index>>,
    source: &Source,
    (packs, ranges): (&Packs, bool),
    (kind, pack): (PackKind, usize),
    range: Range<u64>,
    abort: Option<web_sys::AbortSignal>,
) -> Result<(Rc<[u8]>, u64), String> {
    let kept = packs.borrow().get(&(kind, pack)).cloned();
    let kept = kept.or_else(|| {
        (!ranges).then(|| {
            let (index, source, kept) = (index.clone(), source.clone(), packs.clone());
            let fetch = async move {
                let (name, _) = pack_file(&index.borrow(), kind, pack);
                let whole = source.fetch(&name).await;
                let checked = whole.and_then(|bytes| {
                    check_pack(&index.borrow(), kind, pack, &bytes).map_err(|e| format!("{SITE_UPDATED} ({e})"))?;
                    Ok(Rc::<[u8]>::from(bytes))
                });
                if checked.is_err() {
                    kept.borrow_mut().remove(&(kind, pack)); // the next search tries again
                }
                checked
            }
            .boxed_local()
            .shared();
            packs.borrow_mut().insert((kind, pack), fetch.clone());
            fetch
        })
    });
    if let Some(whole) = kept {
        return Ok((whole.await?, 0));
    }
    let (name, total) = pack_file(&index.borrow(), kind, pack);
    match source.fetch_range(&name, range.clone(), total, abort.as_ref()).await? {
        Ranged::Part(bytes) => Ok((bytes.into(), range.start)),
        Ranged::Whole(bytes) => {
            check_pack(&index.borrow(), kind, pack, &bytes).map_err(|e| format!("{SITE_UPDATED} ({e})"))?;
            let whole: Rc<[u8]> = bytes.into();
            let ready: Result<Rc<[u8]>, String> = Ok(whole.clone());
            packs.borrow_mut().insert((kind, pack), future::ready(ready).boxed_local().shared());
            Ok((whole, 0))
        }
    }
}

/// A pack's file name and size, from the manifest.
fn pack_file(index: &Index, kind: PackKind, pack: usize) -> (String, u64) {
    let files = &index.manifest().files;
    let entry = match kind {
        PackKind::Postings => &files.postings[pack],
        PackKind::Store => &files.store[pack],
    };
    (entry.path.clone(), entry.bytes)
}

fn check_pack(index: &Index, kind: PackKind, pack: usize, bytes: &[u8]) -> Result<(), soi_core::Error> {
    match kind {
        PackKind::Postings => index.check_postings_pack(pack, bytes),
        PackKind::Store => index.check_store_pack(pack, bytes),
    }
}

/// Byte ranges of packs, in the order they lie in, grouped into range requests:
/// neighbours in one pack at most [`MERGE_GAP`] apart share one (the bytes
/// between them are fetched and dropped), up to [`MAX_SPAN`] bytes a request.
/// Each request: its pack, its span, and the ranges in it with what they hold.
#[allow(clippy::type_complexity)]
fn spans<T>(placed: Vec<(usize, Range<u64>, T)>) -> Vec<(usize, Range<u64>, Vec<(Range<u64>, T)>)> {
    // Per pack, the bytes asked for: more than LANES requests of one pack would
    // share addresses, and wait for each other, so a request may span more.
    let mut asked: Vec<(usize, u64)> = Vec::new();
    for (pack, range, _) in &placed {
        match asked.iter_mut().find(|(p, _)| p == pack) {
            Some((_, bytes)) => *bytes += range.end - range.start,
            None => asked.push((*pack, range.end - range.start)),
        }
    }
    let most = |pack: usize| {
        let bytes = asked.iter().find(|(p, _)| *p == pack).map_or(0, |&(_, b)| b);
        MAX_SPAN.max(bytes.div_ceil(u64::from(LANES)))
    };
    let mut out: Vec<(usize, Range<u64>, Vec<(Range<u64>, T)>)> = Vec::new();
    for (pack, range, item) in placed {
        match out.last_mut() {
            Some((p, span, run))
                if *p == pack
                    && range.start >= span.end
                    && range.start - span.end <= MERGE_GAP
                    && range.end - span.start <= most(pack) =>
            {
                span.end = range.end;
                run.push((range, item));
            }
            _ => out.push((pack, range.clone(), vec![(range, item)])),
        }
    }
    out
}

/// Where a postings part lies: its pack and its byte range there (`None` for a
/// text, or a shard the index does not have).
fn postings_place(index: &Index, part: Part) -> Option<(usize, Range<u64>)> {
    match part {
        Part::Shard(i) => index.shard_range(i),
        Part::Positions(i) => index.positions_range(i),
        Part::Followers(i) => index.followers_range(i),
        Part::Text(_) => None,
    }
}

/// Unpacks a postings part (a shard's lists, positions or followers: one gzip
/// member of postings pack `pack`) and adds it to the index.
async fn add_postings_part(index: &Rc<RefCell<Index>>, part: Part, pack: usize, member: &[u8]) -> Result<(), String> {
    let (shard, what) = match part {
        Part::Shard(i) => (i, "a postings shard"),
        Part::Positions(i) => (i, "the positions of a postings shard"),
        Part::Followers(i) => (i, "the followers of a postings shard"),
        Part::Text(doc) => return Err(format!("article {doc} is not in a postings pack")),
    };
    let framed = gunzip(member)
        .await
        .map_err(|e| corrupt_pack(&pack_file(&index.borrow(), PackKind::Postings, pack).0, what, e))?;
    let added = match part {
        Part::Positions(_) => index.borrow_mut().add_positions(shard, framed),
        Part::Followers(_) => index.borrow_mut().add_followers(shard, framed),
        _ => index.borrow_mut().add_shard(shard, framed),
    };
    // A file of the right name but not the right bytes: a host or cache mixing
    // two builds, or damage on the way.
    added.map_err(|e| match e.kind() {
        ErrorKind::Truncated { .. } | ErrorKind::Checksum { .. } => format!("{SITE_UPDATED} ({e})"),
        _ => e.to_string(),
    })
}
/// What to say when a part of a pack does not decompress.
fn corrupt_pack(name: &str, what: &str, e: String) -> String {
    format!("{name} is corrupt ({what} does not decompress: {e}); rebuild the index with `soi build` and upload all of its files")
}

impl Engine {
    /// Fetches, verifies and opens the index. `progress` gets the bytes fetched so
    /// far and the bytes to fetch in all (known once the manifest is read).
    pub async fn load(source: Source, progress: impl Fn(u64, u64)) -> Result<Rc<Engine>, String> {
        // What the start script fetched, for the worker's own index only.
        let early = match &source {
            Source::Url { early: true, .. } => Early::take(),
            _ => None,
        };
        let manifest_bytes = source
            .fetch_whole(MANIFEST_FILE, false, early.as_ref().map(|e| e.manifest.clone()))
            .await
            .map_err(|e| {
                format!("No search index was found ({e}). Build one with `soi build <corpus> --out <site>/index`.")
            })?
            .0;
        let json = String::from_utf8(manifest_bytes).map_err(|_| "index/manifest.json is not UTF-8 text".to_owned())?;
        let manifest = parse_manifest(&json)?;
        let f = &manifest.files;
        // The index is ready with its dictionary and terms file: the document
        // table, the largest root file (two thirds of the root at 100,000
        // articles), comes meanwhile and is needed only to run a plan
        // ([`Engine::ensure_docs`]).
        let total = f.dict.bytes + f.terms.bytes;
        let fetched = Cell::new(0);
        progress(0, total);
        // The three files come side by side; progress moves as each one arrives.
        // The dictionary is asked for as the range `0-`: whether the host answers
        // ranges decides how packs are read.
        let early_root = match early {
            Some(early) => early.root().await,
            None => None,
        };
        let docs = fetch_docs(&source, &f.docs.path, early_for(early_root.as_ref(), &f.docs.path));
        let fetch = |path: &str, probe: bool| {
            let early = early_for(early_root.as_ref(), path);
            let (source, path, fetched, progress) = (&source, path.to_owned(), &fetched, &progress);
            async move {
                let (bytes, ranges) = source.fetch_whole(&path, probe, early).await?;
                fetched.set(fetched.get() + bytes.len() as u64);
                progress(fetched.get(), total);
                Ok::<_, String>((bytes, ranges))
            }
        };
        let ((dict, ranges), (terms, _)) =
            future::try_join(fetch(&f.dict.path, true), fetch(&f.terms.path, false)).await?;
        let index = Index::open_without_docs(manifest, dict, terms).map_err(|e| e.to_string())?;
        index.verify().map_err(|e| e.to_string())?;
        let engine = Rc::new(Engine {
            index: Rc::new(RefCell::new(index)),
            source,
            fetching: Rc::default(),
            packs: Rc::default(),
            ranges,
            docs: RefCell::new(DocsWait::Coming(docs)),
        });
        // The table is read, unpacked and added as soon as it arrives, whether
        // a search waits for it yet or not (a search that fails on it says why).
        let adding = engine.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let _ = adding.ensure_docs().await;
        });
        Ok(engine)
    }

    /// Adds the document table once its bytes are here. They are asked for
    /// with the rest of the root, and a search plans, and fetches its shards,
    /// while they come: it waits for them only to run its plan. A fetch that
    /// failed is asked for again by the next search.
    pub async fn ensure_docs(&self) -> Result<(), String> {
        let path = self.index.borrow().manifest().files.docs.path.clone();
        loop {
            let fetch = {
                let mut wait = self.docs.borrow_mut();
                if self.index.borrow().has_docs() {
                    return Ok(());
                }
                match &*wait {
                    DocsWait::Refused(why) => return Err(why.clone()),
                    DocsWait::Coming(fetch) => fetch.clone(),
                    DocsWait::Unasked => {
                        let fetch = fetch_docs(&self.source, &path, None);
                        *wait = DocsWait::Coming(fetch.clone());
                        fetch
                    }
                }
            };
            let arrived = fetch.clone().await;
            // Decoding the table holds this thread (5-10 ms at 10,000 articles,
            // 30-40 ms at 100,000, in a fresh worker). The requests the first
            // search (a `?q=` link, an API call) has just made for its postings
            // reach the network only once the browser's own tasks for them have
            // run on this thread: let them run first, so that the decoding
            // overlaps their round trip instead of delaying it. (When nothing
            // was asked for, as when an article is opened, this costs a
            // timer's delay, once.)
            after_queued_tasks().await;
            let mut wait = self.docs.borrow_mut();
            // Another search may have added it, or found it refused, meanwhile.
            if self.index.borrow().has_docs() {
                return Ok(());
            }
            match &*wait {
                DocsWait::Refused(why) => return Err(why.clone()),
                // Asked for again after this request failed: wait for that one.
                DocsWait::Coming(current) if !current.ptr_eq(&fetch) => continue,
                _ => {}
            }
            let bytes = match arrived {
                Ok(bytes) => bytes,
                // A failed request is asked for again by the next search.
                Err(failed) => {
                    *wait = DocsWait::Unasked;
                    return Err(failed);
                }
            };
            drop(fetch);
            let bytes = Rc::try_unwrap(bytes).unwrap_or_else(|shared| (*shared).clone());
            let added = soi_core::index::format::check_crc(&path, &bytes)
                .and_then(|()| self.index.borrow_mut().add_docs(bytes))
                .map_err(|e| e.to_string());
            *wait = match &added {
                Ok(()) => DocsWait::Unasked,
                Err(why) => DocsWait::Refused(why.clone()),
            };
            return added;
        }
    }

    /// The internal number of the document with this id (the document table
    /// is added first).
    pub async fn doc_number(&self, id: &str) -> Result<Option<u32>, String> {
        self.ensure_docs().await?;
        Ok(self.index.borrow().doc_number(id))
    }

    /// Number of documents in the index.
    pub fn doc_count(&self) -> usize {
        self.index.borrow().doc_count()
    }

    /// Fetches these parts of the index if they are not loaded yet: all at once,
    /// joining a fetch another search already started. `Ok(false)` when `stale`
    /// was marked before they were all here: the search stops waiting then, and
    /// the requests no other search waits for are aborted by the next fetch.
    /// (Not generic over the parts' iterator: each instance would add its own
    /// copy of the joined fetches to the worker's wasm.)
    async fn ensure(&self, parts: Vec<Part>, stale: &Stale, sweep: Sweep) -> Result<bool, String> {
        if !stale.wanted() {
            return Ok(false);
        }
        self.start_postings_fetches(&parts);
        let waits: Vec<(Part, PartFetch, Waiting)> = parts
            .into_iter()
            .map(|part| {
                let (fetch, flight) = self.fetch_part(part);
                (part, fetch, Waiting::new(&flight))
            })
            .collect();
        // This search's waits are counted: what no search waits for is stale.
        let waits_for_network = !waits.is_empty();
        self.abort_unwaited(sweep == Sweep::Postings, sweep == Sweep::Texts || waits_for_network);
        let all = future::try_join_all(waits.into_iter().map(|(part, fetch, waiting)| async move {
            let added = fetch.await;
            // Done either way: added, or failed and to be tried again by the
            // next search that needs it.
            self.forget(part, &waiting.0);
            added
        }));
        match future::select(Box::pin(all), Box::pin(stale.marked())).await {
            Either::Left((added, _)) => added.map(|_| true),
            Either::Right(((), _)) => Ok(false),
        }
    }

    /// Aborts the requests of postings (`postings`) and of texts (`texts`) under
    /// way that no search waits for and whose bytes are not here yet, and
    /// forgets their parts (a later search that needs one fetches it again).
    fn abort_unwaited(&self, postings: bool, texts: bool) {
        let mut fetching = self.fetching.borrow_mut();
        fetching.retain(|_, (_, flight)| {
            let Some(abort) = &flight.abort else { return true };
            let kind = if flight.texts { texts } else { postings };
            let stale = kind && flight.waiting.get() == 0 && !flight.received.get() && !flight.done.get();
            if stale {
                abort.abort();
            }
            !stale
        });
    }

    /// Records `fetch` as the fetch of `parts`, brought by `flight`, and drives
    /// it to its end (whether or not a search waits for it): then its parts
    /// are forgotten as fetching (added to the index, or to be tried again).
    fn launch(
        &self,
        fetching: &mut HashMap<Part, (PartFetch, Rc<Flight>)>,
        parts: Vec<Part>,
        fetch: PartFetch,
        flight: Rc<Flight>,
    ) {
        for &part in &parts {
            fetching.insert(part, (fetch.clone(), flight.clone()));
        }
        let all = self.fetching.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let _ = fetch.await;
            flight.done.set(true);
            for part in parts {
                forget(&all, part, &flight);
            }
        });
    }

    /// Forgets `part` as fetching, if `flight` still brings it.
    fn forget(&self, part: Part, flight: &Rc<Flight>) {
        forget(&self.fetching, part, flight);
    }

    /// Fetches the text of these documents: the slots not loaded nor on their way,
    /// neighbours of the same pack in one range request, all requests at once.
    /// `Ok(false)` as [`Engine::ensure`].
    async fn ensure_texts(&self, docs: impl IntoIterator<Item = u32>, stale: &Stale) -> Result<bool, String> {
        // Superseded already: no request that nobody would wait for.
        if !stale.wanted() {
            return Ok(false);
        }
        let missing = self.index.borrow().missing_texts(docs);
        {
            let index = self.index.borrow();
            let mut fetching = self.fetching.borrow_mut();
            let new = missing.iter().copied().filter(|&d| !fetching.contains_key(&Part::Text(d))).map(|doc| {
                let (pack, range) = index.store_slot(doc).expect("a document of the index");
                (pack, range, doc)
            });
            for (pack, span, run) in spans(new.collect::<Vec<_>>()) {
                self.start_text_fetch(&mut fetching, pack, span, run.into_iter().map(|(_, doc)| doc).collect());
            }
        }
        self.ensure(missing.into_iter().map(Part::Text).collect(), stale, Sweep::Texts).await
    }

    /// Starts fetching `range` of store pack `pack`, which holds the slots of
    /// `docs`, and records the fetch as theirs.
    fn start_text_fetch(
        &self,
        fetching: &mut HashMap<Part, (PartFetch, Rc<Flight>)>,
        pack: usize,
        range: Range<u64>,
        docs: Vec<u32>,
    ) {
        let (index, source, packs, ranges) = (self.index.clone(), self.source.clone(), self.packs.clone(), self.ranges);
        let parts = docs.iter().map(|&d| Part::Text(d)).collect::<Vec<_>>();
        let flight = Flight::new(&self.source, true);
        let (abort, arrived) = (flight.signal(), flight.clone());
        let fetch = async move {
            let (bytes, at) =
                pack_range(&index, &source, (&packs, ranges), (PackKind::Store, pack), range, abort).await?;
            arrived.received.set(true);
            let (name, _) = pack_file(&index.borrow(), PackKind::Store, pack);
            for doc in docs {
                let member = {
                    let index = index.borrow();
                    let (_, slot) = index.store_slot(doc).expect("a document of the index");
                    let slot = &bytes[(slot.start - at) as usize..(slot.end - at) as usize];
                    index.slot_record(doc, slot).map_err(|e| e.to_string())?.to_vec()
                };
                let record = gunzip(&member).await.map_err(|e| corrupt_pack(&name, "the text of an article", e))?;
                index.borrow_mut().add_record(doc, &record).map_err(|e| e.to_string())?;
            }
            Ok(())
        }
        .boxed_local()
        .shared();
        self.launch(fetching, parts, fetch, flight);
    }

    /// The fetch that adds `part` to the index, and its request: the one under
    /// way, or a new one (texts are always under way: [`Engine::ensure_texts`]
    /// starts them).
    fn fetch_part(&self, part: Part) -> (PartFetch, Rc<Flight>) {
        let mut fetching = self.fetching.borrow_mut();
        if let Some(under_way) = fetching.get(&part) {
            return under_way.clone();
        }
        let (index, source, packs, ranges) = (self.index.clone(), self.source.clone(), self.packs.clone(), self.ranges);
        let flight = Flight::new(&self.source, false);
        let (abort, arrived) = (flight.signal(), flight.clone());
        let fetch = async move {
            let place = postings_place(&index.borrow(), part);
            let (pack, range) = place.ok_or_else(|| match part {
                Part::Text(doc) => format!("there is no article number {doc} in this index"),
                Part::Shard(i) | Part::Positions(i) | Part::Followers(i) => {
                    format!("there is no postings shard {i} in this index")
                }
            })?;
            let (bytes, at) =
                pack_range(&index, &source, (&packs, ranges), (PackKind::Postings, pack), range.clone(), abort).await?;
            arrived.received.set(true);
            add_postings_part(&index, part, pack, &bytes[(range.start - at) as usize..(range.end - at) as usize]).await
        }
        .boxed_local()
        .shared();
        self.launch(&mut fetching, vec![part], fetch.clone(), flight.clone());
        (fetch, flight)
    }

    /// Starts the fetches of the postings parts among `parts` that are not on
    /// their way, neighbours of the same pack in one range request: a prefix
    /// while typing needs consecutive shards (they hold consecutive terms), and
    /// a query of several words a shard's lists and then its followers (or its
    /// positions), which follow one another. A part alone is left to
    /// [`Engine::fetch_part`].
    fn start_postings_fetches(&self, parts: &[Part]) {
        let index = self.index.borrow();
        let mut fetching = self.fetching.borrow_mut();
        // In shard order, a shard's lists, followers and positions: the order
        // of their bytes in the packs.
        let mut order: Vec<usize> = parts
            .iter()
            .filter(|part| !fetching.contains_key(part))
            .filter_map(|part| match *part {
                Part::Shard(i) => Some(3 * i),
                Part::Followers(i) => Some(3 * i + 1),
                Part::Positions(i) => Some(3 * i + 2),
                Part::Text(_) => None,
            })
            .collect();
        sort_dedup(&mut order);
        let placed = order
            .into_iter()
            .map(|k| [Part::Shard, Part::Followers, Part::Positions][k % 3](k / 3))
            .filter_map(|part| postings_place(&index, part).map(|(pack, range)| (pack, range, part)));
        for (pack, span, run) in spans(placed.collect::<Vec<_>>()) {
            self.start_postings_span(&mut fetching, pack, span, run);
        }
    }

    /// One range request for `parts` (two or more) of postings pack `pack`,
    /// which lie in `span`; each is added as it is unpacked.
    fn start_postings_span(
        &self,
        fetching: &mut HashMap<Part, (PartFetch, Rc<Flight>)>,
        pack: usize,
        span: Range<u64>,
        parts: Vec<(Range<u64>, Part)>,
    ) {
        if parts.len() < 2 {
            return;
        }
        let (index, source, packs, ranges) = (self.index.clone(), self.source.clone(), self.packs.clone(), self.ranges);
        let keys: Vec<Part> = parts.iter().map(|(_, part)| *part).collect();
        let flight = Flight::new(&self.source, false);
        let (abort, arrived) = (flight.signal(), flight.clone());
        let fetch = async move {
            let (bytes, at) =
                pack_range(&index, &source, (&packs, ranges), (PackKind::Postings, pack), span, abort).await?;
            arrived.received.set(true);
            for (range, part) in parts {
                let member = &bytes[(range.start - at) as usize..(range.end - at) as usize];
                add_postings_part(&index, part, pack, member).await?;
            }
            Ok(())
        }
        .boxed_local()
        .shared();
        self.launch(fetching, keys, fetch, flight);
    }

    /// Searches and returns hits with snippets: the query is planned on the
    /// dictionary, the postings shards it needs are fetched (with their
    /// positions if it reads any, or its words' followers: see
    /// `Plan::needs_positions` and `Plan::needs_followers`), then it runs,
    /// then the text of its hits is fetched.
    pub async fn search(&self, query: &str, options: &SearchOptions) -> Result<SearchResponse, String> {
        let always = Stale::default();
        Ok(self.search_while(query, options, &always).await?.expect("a search always wanted runs to its end"))
    }

    /// [`Engine::search`] for as long as the search is wanted: once `stale` is
    /// marked, it stops at once if it is waiting for the network, or else at its
    /// next wait, and answers `None`. Its fetches that another search waits for
    /// go on; the others are aborted when the next search fetches.
    pub async fn search_while(
        &self,
        query: &str,
        options: &SearchOptions,
        stale: &Stale,
    ) -> Result<Option<SearchResponse>, String> {
        // A plan that meets positions it did not foresee needing is planned and
        // run again with every position its terms have (at most POSITION_RETRIES
        // times; Plan::needs_positions foresees every case the tests know, so
        // this is a safety net).
        let (mut retries, mut all_positions) = (0, false);
        let results = loop {
            let planned = async {
                let Some(plan) = self.plan(query, stale).await? else { return Ok(None) };
                let parts = missing_parts(&self.index.borrow(), &plan, Vec::new(), all_positions);
                Ok(self.ensure(parts, stale, Sweep::Postings).await?.then_some(plan))
            };
            // The document table is added (if it is not yet) while the plan's
            // shards come: its decoding overlaps their fetches.
            let (plan, ()) = future::try_join(planned, self.ensure_docs()).await?;
            let Some(plan) = plan else { return Ok(None) };
            // A space typed after the last word: the next word will make it the
            // first of a pair, so its followers are fetched now, ahead, and not
            // waited for (the next search waits for them if it needs them, or
            // aborts them if not).
            let ahead = self.index.borrow().missing_followers_of(plan.ahead_follower_ordinals());
            let ahead: Vec<Part> = ahead.into_iter().map(Part::Followers).collect();
            self.start_postings_fetches(&ahead);
            for part in ahead {
                // Launched: it runs to its end (or its abort) without a waiter.
                let _ = self.fetch_part(part);
            }
            let run = {
                let index = self.index.borrow();
                index.execute(plan, options).map(|mut results| {
                    // From the executed plan: it knows the tones the context corrected.
                    results.suggestion = index.suggestion(query, &results.plan);
                    results
                })
            };
            match run {
                Ok(results) => break results,
                Err(e) if matches!(e.kind(), ErrorKind::PositionsNotLoaded { .. }) && retries < POSITION_RETRIES => {
                    retries += 1;
                    all_positions = true;
                }
                Err(e) => return Err(e.to_string()),
            }
        };
        if !self.ensure_texts(results.hits.iter().map(|h| h.doc), stale).await? {
            return Ok(None);
        }
        Ok(stale.wanted().then(|| self.index.borrow().response(&results)))
    }

    /// Plans a query with every shard its words are looked up in: a word of one
    /// document is in its shard's own dictionary, so the plan is made again once
    /// those shards are here (at most twice: the lookups depend only on the
    /// query's words, not on what they find). `None` once `stale` is marked.
    async fn plan(&self, query: &str, stale: &Stale) -> Result<Option<Plan>, String> {
        for _ in 0..3 {
            if !stale.wanted() {
                return Ok(None);
            }
            let plan = self.index.borrow().plan(query);
            if plan.unresolved.is_empty() {
                return Ok(Some(plan));
            }
            // The shards to look the words up in, and with them the shards of the
            // terms already found (the plan made again keeps nearly all of them)
            // and, if the query reads positions or followers, theirs: one round
            // of fetches.
            let parts = {
                let index = self.index.borrow();
                missing_parts(&index, &plan, index.missing_shards(&plan), false)
            };
            if !self.ensure(parts, stale, Sweep::Postings).await? {
                return Ok(None);
            }
        }
        Err("the index's dictionary shards do not hold what its terms file says; rebuild the index".into())
    }

    /// The whole article with the query's matches marked, and its related
    /// articles (the postings shards that find them, then their texts for their
    /// titles, are fetched first).
    pub async fn article(&self, doc: u32, query: &str) -> Result<ArticleView, String> {
        let always = Stale::default();
        Ok(self.article_while(doc, query, &always).await?.expect("an article always wanted is read to its end"))
    }

    /// [`Engine::article`] for as long as it is wanted (see
    /// [`Engine::search_while`]).
    pub async fn article_while(&self, doc: u32, query: &str, stale: &Stale) -> Result<Option<ArticleView>, String> {
        self.ensure_docs().await?;
        if !self.ensure_texts([doc], stale).await? {
            return Ok(None);
        }
        let shards = self.index.borrow().missing_shards_for_article(doc);
        if !self.ensure(shards.into_iter().map(Part::Shard).collect(), stale, Sweep::Postings).await? {
            return Ok(None);
        }
        // The related articles' titles are in their texts.
        let texts = self.index.borrow().missing_texts_for_article(doc).map_err(|e| e.to_string())?;
        if !self.ensure_texts(texts, stale).await? {
            return Ok(None);
        }
        // Marking needs only the plan's highlighter: no postings are read.
        let Some(plan) = self.plan(query, stale).await? else { return Ok(None) };
        let index = self.index.borrow();
        let article = index.article(doc, plan.highlighter()).map_err(|e| e.to_string())?;
        article.map(Some).ok_or_else(|| format!("there is no article number {doc} in this index"))
    }
}

/// Forgets `part` as fetching in `fetching`, if `flight` still brings it (not a
/// newer request, made after this one was aborted).
fn forget(fetching: &Fetching, part: Part, flight: &Rc<Flight>) {
    let mut fetching = fetching.borrow_mut();
    if fetching.get(&part).is_some_and(|(_, f)| Rc::ptr_eq(f, flight)) {
        fetching.remove(&part);
    }
}

/// What a plan needs that is not loaded yet: the lists of `lookups` (shards its
/// words are looked up in) and of its terms' shards, and their positions if it
/// reads any ([`Plan::needs_positions`]) or `all_positions` says so, or else the
/// followers of its words but the last if it reads them
/// ([`Plan::needs_followers`]).
fn missing_parts(index: &Index, plan: &Plan, lookups: Vec<usize>, all_positions: bool) -> Vec<Part> {
    let mut shards = lookups;
    shards.extend(index.missing_shards_of(plan.ordinals()));
    sort_dedup(&mut shards);
    let positions =
        if all_positions || plan.needs_positions() { index.missing_positions_of(plan.ordinals()) } else { Vec::new() };
    let followers = if !all_positions && plan.needs_followers() {
        index.missing_followers_of(plan.follower_ordinals())
    } else {
        Vec::new()
    };
    let parts = shards.into_iter().map(Part::Shard).chain(positions.into_iter().map(Part::Positions));
    parts.chain(followers.into_iter().map(Part::Followers)).collect()
}

/// Parses `manifest.json` with the browser's JSON parser (keeping a JSON library
/// out of the wasm), with the same checks as [`Manifest::parse`].
fn parse_manifest(json: &str) -> Result<Manifest, String> {
    let invalid =
        |detail: String| format!("the index manifest is invalid: {detail}; rebuild the index with `soi build`");
    let value = js_sys::JSON::parse(json).map_err(|_| invalid("it is not JSON".into()))?;
    let format = manifest_field(&value, "format").and_then(|v| v.as_string());
    let version = manifest_field(&value, "format_version").and_then(|v| whole(&v, u64::MAX as f64));
    Manifest::check_format(format.as_deref(), version).map_err(|e| e.to_string())?;
    let manifest = read_manifest(&value, format.unwrap_or_default()).map_err(invalid)?;
    manifest.check_paths().map_err(|e| e.to_string())
}

/// A field of a JS object, if it is there and not null.
fn manifest_field(object: &JsValue, key: &str) -> Option<JsValue> {
    js_sys::Reflect::get(object, &key.into()).ok().filter(|v| !v.is_undefined() && !v.is_null())
}

/// A JS number that is a whole number from 0 to `max`.
fn whole(v: &JsValue, max: f64) -> Option<u64> {
    v.as_f64().filter(|n| *n >= 0.0 && n.fract() == 0.0 && *n <= max).map(|n| n as u64)
}

/// The fields of a parsed manifest (its `format` read already), one by one:
/// serde's deserializer, and the float formatting of its messages, stay out of
/// the wasm.
fn read_manifest(value: &JsValue, format: String) -> Result<Manifest, String> {
    let get = manifest_field;
    let count = |key: &str| {
        get(value, key)
            .and_then(|v| whole(&v, f64::from(u32::MAX)))
            .map(|n| n as u32)
            .ok_or_else(|| format!("\"{key}\" is not a count"))
    };
    let files = get(value, "files").filter(|f| f.is_object()).ok_or("\"files\" is missing")?;
    // A file is [name, bytes]: a whole number a double holds exactly (2^53), as JSON's are.
    let entry = |v: &JsValue, what: &str| -> Result<FileEntry, String> {
        let pair = v.dyn_ref::<js_sys::Array>().filter(|a| a.length() == 2);
        let path = pair.and_then(|a| a.get(0).as_string());
        let bytes = pair.and_then(|a| whole(&a.get(1), 9.007_199_254_740_992e15));
        match (path, bytes) {
            (Some(path), Some(bytes)) => Ok(FileEntry { path, bytes }),
            _ => Err(format!("{what} is not [name, bytes]")),
        }
    };
    let one = |key: &str| entry(&get(&files, key).unwrap_or(JsValue::UNDEFINED), &format!("files.{key}"));
    let many = |key: &str| -> Result<Vec<FileEntry>, String> {
        let list = get(&files, key).and_then(|v| v.dyn_into::<js_sys::Array>().ok());
        let list = list.ok_or_else(|| format!("files.{key} is not a list"))?;
        list.iter().enumerate().map(|(i, v)| entry(&v, &format!("files.{key}[{i}]"))).collect()
    };
    Ok(Manifest {
        format,
        // `parse_manifest` checked it before: this build's version.
        format_version: soi_core::index::FORMAT_VERSION,
        documents: count("documents")?,
        terms: count("terms")?,
        files: ManifestFiles {
            dict: one("dict")?,
            terms: one("terms")?,
            docs: one("docs")?,
            postings: many("postings")?,
            store: many("store")?,
        },
    })
}
