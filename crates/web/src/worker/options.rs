//! Reading search options as `window.soi.search` takes them. The worker reads
//! them for both the API and the UI's own searches, so there is one reader and
//! one set of error sentences.

use js_sys::Reflect;
use soi_core::search::FacetFind;
use soi_core::small_sort::heap_sort_by;
use soi_core::{SearchOptions, Sort};
use wasm_bindgen::{JsCast, JsValue};

/// Reads `{limit, offset, filters: {place: ["Kim Sơn"], …}, from, to, sort, facets,
/// find: {facet, text}}`;
/// every field optional. Which facets, dates and sort orders exist is the core's
/// to say ([`SearchOptions::validate`]), in the words the CLI prints.
pub fn options_from_js(options: &JsValue) -> Result<SearchOptions, String> {
    let mut out = SearchOptions::default();
    if options.is_undefined() || options.is_null() {
        return Ok(out);
    }
    let get = |k: &str| Reflect::get(options, &k.into()).ok().filter(|v| !v.is_undefined() && !v.is_null());
    if let Some(limit) = get("limit") {
        let l = limit.as_f64().filter(|l| l.is_finite() && *l >= 0.0).ok_or("limit must be a number ≥ 0")?;
        out.limit = l.min(1000.0) as usize;
    }
    if let Some(offset) = get("offset") {
        let o = offset.as_f64().filter(|o| o.is_finite() && *o >= 0.0).ok_or("offset must be a number ≥ 0")?;
        out.offset = o as usize;
    }
    if let Some(filters) = get("filters") {
        for (facet, values) in read_filters(&filters)? {
            for value in values {
                out.add_filter(&facet, &value);
            }
        }
    }
    out.from = get("from").map(|v| text(&v));
    out.to = get("to").map(|v| text(&v));
    if let Some(facets) = get("facets") {
        out.facets = facets.as_bool().ok_or("facets must be true or false")?;
    }
    if let Some(find) = get("find") {
        let field = |k: &str| Reflect::get(&find, &k.into()).ok().and_then(|v| v.as_string());
        let (Some(facet), Some(text)) = (field("facet"), field("text")) else {
            return Err("find must be {facet: \"place\", text: \"kim son\"}".into());
        };
        out.find = Some(FacetFind { facet, text });
    }
    if let Some(sort) = get("sort") {
        out.sort = text(&sort).parse::<Sort>().map_err(|e| e.to_string())?;
    }
    out.validate().map_err(|e| e.to_string())?;
    Ok(out)
}

/// `{facet: [values]}`, facets in key order (as a map would give them), read
/// field by field (serde's deserializer stays out of the worker's wasm).
fn read_filters(filters: &JsValue) -> Result<Vec<(String, Vec<String>)>, String> {
    const SHAPE: &str = "filters must be {facet: [values]}";
    // A plain object: not a list, and not a Map, whose entries an object's are
    // not (it would filter nothing, silently).
    if !filters.is_object() || js_sys::Array::is_array(filters) || filters.is_instance_of::<js_sys::Map>() {
        return Err(SHAPE.into());
    }
    let mut out = Vec::new();
    for pair in js_sys::Object::entries(filters.unchecked_ref()).iter() {
        let pair: js_sys::Array = pair.unchecked_into();
        let facet = pair.get(0).as_string().ok_or(SHAPE)?;
        let values = pair.get(1).dyn_into::<js_sys::Array>().map_err(|_| format!("{SHAPE}: {facet} is not a list"))?;
        let values = values.iter().map(|v| v.as_string()).collect::<Option<Vec<String>>>();
        out.push((facet.clone(), values.ok_or_else(|| format!("{SHAPE}: {facet} holds a value that is not text"))?));
    }
    heap_sort_by(&mut out, |a, b| a.0.cmp(&b.0));
    Ok(out)
}

/// A string as it is, anything else as JSON (`2020` → `"2020"`), so that the
/// core's checks see, and name, what was passed.
fn text(value: &JsValue) -> String {
    value.as_string().or_else(|| js_sys::JSON::stringify(value).ok().map(String::from)).unwrap_or_default()
}
