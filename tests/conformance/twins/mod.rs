//! The Rust twins of the scenarios, one file per group; each `pub fn NAME(t: &Trace)` prints, with
//! `t.line(...)`, what `NAME.js` prints with `console.log`. Helpers shared by the groups live here.

pub mod emitter;
pub mod http2_basic;
pub mod http2_features;
pub mod http2_lifecycle;
pub mod http2_more;
pub mod net;
pub mod streams;
pub mod timers;

/// `JSON.stringify(s)` for the strings the scenarios print.
pub fn json_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `JSON.stringify(array of strings)`.
pub fn json_strings(items: &[String]) -> String {
    let inner: Vec<String> = items.iter().map(|s| json_str(s)).collect();
    format!("[{}]", inner.join(","))
}

/// How Node prints `true`/`false`/`null` for an optional boolean (`readableFlowing`).
pub fn js_bool(v: Option<bool>) -> String {
    v.map_or_else(|| "null".to_string(), |b| b.to_string())
}
