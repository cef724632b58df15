//! API FN-4: `http2.constants` against Node 20's values.
//!
//! A hard-coded sample (taken from `node -e "console.log(require('http2').constants)"`) always
//! runs; when `node` is on the PATH the whole table is also compared both ways.

use http2::constants::{self, Constant};
use std::process::Command;

#[test]
fn fn_4_error_code_table_matches_seed() {
    let names: Vec<&str> = constants::ERROR_CODES.iter().map(|e| e.1).collect();
    assert_eq!(names.len(), 14);
    for (i, (value, name, _)) in constants::ERROR_CODES.iter().enumerate() {
        assert_eq!(*value as usize, i, "{name} out of order");
        assert_eq!(constants::lookup(name), Some(Constant::Num(i as i64)));
    }
    assert_eq!(
        constants::error_code_description(0x1),
        Some("Protocol Error")
    );
    assert_eq!(
        constants::error_code_description(0xb),
        Some("Enhance Your Calm")
    );
    assert_eq!(
        constants::error_code_description(0xd),
        Some("HTTP/1.1 Required")
    );
    assert_eq!(constants::error_code_name(0x8), Some("NGHTTP2_CANCEL"));
    assert_eq!(constants::error_code_name(0xe), None);
}

#[test]
fn fn_4_sample_matches_node20() {
    let sample: &[(&str, Constant)] = &[
        ("NGHTTP2_SESSION_SERVER", Constant::Num(0)),
        ("NGHTTP2_SESSION_CLIENT", Constant::Num(1)),
        ("NGHTTP2_STREAM_STATE_HALF_CLOSED_REMOTE", Constant::Num(6)),
        ("NGHTTP2_FLAG_PRIORITY", Constant::Num(32)),
        ("NGHTTP2_SETTINGS_MAX_HEADER_LIST_SIZE", Constant::Num(6)),
        ("NGHTTP2_HTTP_1_1_REQUIRED", Constant::Num(13)),
        ("PADDING_STRATEGY_NONE", Constant::Num(0)),
        ("PADDING_STRATEGY_MAX", Constant::Num(2)),
        ("PADDING_STRATEGY_CALLBACK", Constant::Num(1)),
        ("MAX_INITIAL_WINDOW_SIZE", Constant::Num(2147483647)),
        ("HTTP2_HEADER_STATUS", Constant::Str(":status")),
        ("HTTP2_HEADER_CONTENT_TYPE", Constant::Str("content-type")),
        (
            "HTTP2_HEADER_HTTP2_SETTINGS",
            Constant::Str("http2-settings"),
        ),
        ("HTTP2_METHOD_GET", Constant::Str("GET")),
        (
            "HTTP2_METHOD_VERSION_CONTROL",
            Constant::Str("VERSION-CONTROL"),
        ),
        ("HTTP_STATUS_OK", Constant::Num(200)),
        ("HTTP_STATUS_TEAPOT", Constant::Num(418)),
        (
            "HTTP_STATUS_NETWORK_AUTHENTICATION_REQUIRED",
            Constant::Num(511),
        ),
    ];
    for (name, want) in sample {
        assert_eq!(constants::lookup(name), Some(*want), "{name}");
    }
    assert_eq!(constants::HTTP2_HEADER_PATH, ":path");
    assert_eq!(constants::HTTP_STATUS_NOT_FOUND, 404);
    assert_eq!(constants::lookup("NOT_A_CONSTANT"), None);
}

#[test]
fn fn_4_frame_types_and_flags_match_rfc9113_6() {
    use http2::frame::{flags, FrameType};
    assert_eq!(constants::NGHTTP2_DATA, FrameType::DATA.0);
    assert_eq!(constants::NGHTTP2_CONTINUATION, FrameType::CONTINUATION.0);
    assert_eq!(constants::NGHTTP2_FLAG_END_HEADERS, flags::END_HEADERS);
    assert_eq!(constants::NGHTTP2_FLAG_PADDED, flags::PADDED);
}

/// Node's own constants as `NAME<TAB>json` lines, or None when node is not installed.
fn node_constants() -> Option<Vec<(String, Constant)>> {
    let out = Command::new("node")
        .arg("-e")
        .arg("const c=require('http2').constants;for(const k in c)console.log(k+'\\t'+JSON.stringify(c[k]))")
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).ok()?;
    let mut v = Vec::new();
    for line in text.lines() {
        let (k, json) = line.split_once('\t')?;
        let c = if let Some(s) = json.strip_prefix('"').and_then(|s| s.strip_suffix('"')) {
            // Node's constant strings have no escapes.
            Constant::Str(Box::leak(s.to_string().into_boxed_str()))
        } else {
            Constant::Num(json.parse().ok()?)
        };
        v.push((k.to_string(), c));
    }
    Some(v)
}

#[test]
fn fn_4_whole_table_matches_node20_when_available() {
    let Some(node) = node_constants() else {
        eprintln!("node not found: skipping the full comparison");
        return;
    };
    for (name, value) in &node {
        assert_eq!(constants::lookup(name), Some(*value), "{name}");
    }
    let ours: Vec<&str> = constants::names().collect();
    assert_eq!(ours.len(), node.len(), "we expose a name Node does not");
    // Node's key order within each block.
    let node_names: Vec<&str> = node.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(ours, node_names);
}
