//! `http2.constants` (API FN-4): the numbers and strings Node's `require('http2').constants` exposes.
//!
//! Values are Node 20's (checked with `node -e "console.log(require('http2').constants)"`); the
//! v8.4 seed documents the error-code table, the padding strategies and the session types, and
//! those names are here exactly. The `HTTP2_HEADER_*`, `HTTP2_METHOD_*` and `HTTP_STATUS_*` blocks
//! at the end are generated from Node 20's output (the generator is not committed; it printed one
//! `pub const` per key in Node's order). [`lookup`] finds any constant by its Node name.
//!
//! Deliberate differences from Node 20:
//! - The padding strategies keep the seed's three names with Node 20's numbers: `NONE` 0,
//!   `CALLBACK` 1 and `MAX` 2. Node 20 also exposes `PADDING_STRATEGY_ALIGNED` = 1 (the same
//!   number as `CALLBACK`); it is here for ported code, and the session layer treats 1 as the
//!   seed's callback strategy.
//! - Frame types (`NGHTTP2_DATA` … `NGHTTP2_CONTINUATION`) are not in Node's object; they are
//!   nghttp2's names, given so `'frameError'` type numbers can be compared by name.

/// A constant's value, as Node would show it: a number or a string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Constant {
    Num(i64),
    Str(&'static str),
}

// Error codes for RST_STREAM and GOAWAY (RFC 9113 §7; the seed's table, 0x0-0xd).
pub const NGHTTP2_NO_ERROR: u32 = 0x0;
pub const NGHTTP2_PROTOCOL_ERROR: u32 = 0x1;
pub const NGHTTP2_INTERNAL_ERROR: u32 = 0x2;
pub const NGHTTP2_FLOW_CONTROL_ERROR: u32 = 0x3;
pub const NGHTTP2_SETTINGS_TIMEOUT: u32 = 0x4;
pub const NGHTTP2_STREAM_CLOSED: u32 = 0x5;
pub const NGHTTP2_FRAME_SIZE_ERROR: u32 = 0x6;
pub const NGHTTP2_REFUSED_STREAM: u32 = 0x7;
pub const NGHTTP2_CANCEL: u32 = 0x8;
pub const NGHTTP2_COMPRESSION_ERROR: u32 = 0x9;
pub const NGHTTP2_CONNECT_ERROR: u32 = 0xa;
pub const NGHTTP2_ENHANCE_YOUR_CALM: u32 = 0xb;
pub const NGHTTP2_INADEQUATE_SECURITY: u32 = 0xc;
pub const NGHTTP2_HTTP_1_1_REQUIRED: u32 = 0xd;

/// The seed's error-code table: (value, constant name, name in the docs' "Name" column).
pub const ERROR_CODES: [(u32, &str, &str); 14] = [
    (NGHTTP2_NO_ERROR, "NGHTTP2_NO_ERROR", "No Error"),
    (
        NGHTTP2_PROTOCOL_ERROR,
        "NGHTTP2_PROTOCOL_ERROR",
        "Protocol Error",
    ),
    (
        NGHTTP2_INTERNAL_ERROR,
        "NGHTTP2_INTERNAL_ERROR",
        "Internal Error",
    ),
    (
        NGHTTP2_FLOW_CONTROL_ERROR,
        "NGHTTP2_FLOW_CONTROL_ERROR",
        "Flow Control Error",
    ),
    (
        NGHTTP2_SETTINGS_TIMEOUT,
        "NGHTTP2_SETTINGS_TIMEOUT",
        "Settings Timeout",
    ),
    (
        NGHTTP2_STREAM_CLOSED,
        "NGHTTP2_STREAM_CLOSED",
        "Stream Closed",
    ),
    (
        NGHTTP2_FRAME_SIZE_ERROR,
        "NGHTTP2_FRAME_SIZE_ERROR",
        "Frame Size Error",
    ),
    (
        NGHTTP2_REFUSED_STREAM,
        "NGHTTP2_REFUSED_STREAM",
        "Refused Stream",
    ),
    (NGHTTP2_CANCEL, "NGHTTP2_CANCEL", "Cancel"),
    (
        NGHTTP2_COMPRESSION_ERROR,
        "NGHTTP2_COMPRESSION_ERROR",
        "Compression Error",
    ),
    (
        NGHTTP2_CONNECT_ERROR,
        "NGHTTP2_CONNECT_ERROR",
        "Connect Error",
    ),
    (
        NGHTTP2_ENHANCE_YOUR_CALM,
        "NGHTTP2_ENHANCE_YOUR_CALM",
        "Enhance Your Calm",
    ),
    (
        NGHTTP2_INADEQUATE_SECURITY,
        "NGHTTP2_INADEQUATE_SECURITY",
        "Inadequate Security",
    ),
    (
        NGHTTP2_HTTP_1_1_REQUIRED,
        "NGHTTP2_HTTP_1_1_REQUIRED",
        "HTTP/1.1 Required",
    ),
];

/// nghttp2's "frame size error" library return code, which Node exposes.
pub const NGHTTP2_ERR_FRAME_SIZE_ERROR: i32 = -522;

// Session types (`http2session.type`, API SES-22).
pub const NGHTTP2_SESSION_SERVER: u32 = 0;
pub const NGHTTP2_SESSION_CLIENT: u32 = 1;

// Stream states (`http2stream.state.state`, API STR-14; RFC 9113 §5.1).
pub const NGHTTP2_STREAM_STATE_IDLE: u32 = 1;
pub const NGHTTP2_STREAM_STATE_OPEN: u32 = 2;
pub const NGHTTP2_STREAM_STATE_RESERVED_LOCAL: u32 = 3;
pub const NGHTTP2_STREAM_STATE_RESERVED_REMOTE: u32 = 4;
pub const NGHTTP2_STREAM_STATE_HALF_CLOSED_LOCAL: u32 = 5;
pub const NGHTTP2_STREAM_STATE_HALF_CLOSED_REMOTE: u32 = 6;
pub const NGHTTP2_STREAM_STATE_CLOSED: u32 = 7;

// Frame types (RFC 9113 §6; nghttp2's names, not in Node's object).
pub const NGHTTP2_DATA: u8 = 0x0;
pub const NGHTTP2_HEADERS: u8 = 0x1;
pub const NGHTTP2_PRIORITY: u8 = 0x2;
pub const NGHTTP2_RST_STREAM: u8 = 0x3;
pub const NGHTTP2_SETTINGS: u8 = 0x4;
pub const NGHTTP2_PUSH_PROMISE: u8 = 0x5;
pub const NGHTTP2_PING: u8 = 0x6;
pub const NGHTTP2_GOAWAY: u8 = 0x7;
pub const NGHTTP2_WINDOW_UPDATE: u8 = 0x8;
pub const NGHTTP2_CONTINUATION: u8 = 0x9;

// Frame flags (RFC 9113 §6; END_STREAM and ACK share bit 0x1 on different frame types).
pub const NGHTTP2_FLAG_NONE: u8 = 0x0;
pub const NGHTTP2_FLAG_END_STREAM: u8 = 0x1;
pub const NGHTTP2_FLAG_END_HEADERS: u8 = 0x4;
pub const NGHTTP2_FLAG_ACK: u8 = 0x1;
pub const NGHTTP2_FLAG_PADDED: u8 = 0x8;
pub const NGHTTP2_FLAG_PRIORITY: u8 = 0x20;

// Settings identifiers (RFC 9113 §6.5.2; 8 is RFC 8441's ENABLE_CONNECT_PROTOCOL).
pub const NGHTTP2_SETTINGS_HEADER_TABLE_SIZE: u16 = 0x1;
pub const NGHTTP2_SETTINGS_ENABLE_PUSH: u16 = 0x2;
pub const NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS: u16 = 0x3;
pub const NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE: u16 = 0x4;
pub const NGHTTP2_SETTINGS_MAX_FRAME_SIZE: u16 = 0x5;
pub const NGHTTP2_SETTINGS_MAX_HEADER_LIST_SIZE: u16 = 0x6;
pub const NGHTTP2_SETTINGS_ENABLE_CONNECT_PROTOCOL: u16 = 0x8;

// Node 20's `DEFAULT_SETTINGS_*`: what nghttp2 assumes for a setting nobody sent. (The settings
// *object* defaults of `get_default_settings()` follow the seed instead: see `settings.rs`.)
pub const DEFAULT_SETTINGS_HEADER_TABLE_SIZE: u32 = 4096;
pub const DEFAULT_SETTINGS_ENABLE_PUSH: u32 = 1;
pub const DEFAULT_SETTINGS_MAX_CONCURRENT_STREAMS: u32 = 0xffff_ffff;
pub const DEFAULT_SETTINGS_INITIAL_WINDOW_SIZE: u32 = 65535;
pub const DEFAULT_SETTINGS_MAX_FRAME_SIZE: u32 = 16384;
pub const DEFAULT_SETTINGS_MAX_HEADER_LIST_SIZE: u32 = 65535;
pub const DEFAULT_SETTINGS_ENABLE_CONNECT_PROTOCOL: u32 = 0;

// Limits (RFC 9113 §6.5.2, §6.9.1).
pub const MAX_MAX_FRAME_SIZE: u32 = (1 << 24) - 1;
pub const MIN_MAX_FRAME_SIZE: u32 = 16384;
pub const MAX_INITIAL_WINDOW_SIZE: u32 = (1 << 31) - 1;
/// RFC 7540 §5.3.5: the default priority weight.
pub const NGHTTP2_DEFAULT_WEIGHT: u32 = 16;

// Padding strategies (API FN-1 `paddingStrategy`); numbers as in Node 20, see the file docs.
pub const PADDING_STRATEGY_NONE: u32 = 0;
pub const PADDING_STRATEGY_CALLBACK: u32 = 1;
pub const PADDING_STRATEGY_MAX: u32 = 2;
/// Node 20's name for strategy 1; the seed calls it `PADDING_STRATEGY_CALLBACK`.
pub const PADDING_STRATEGY_ALIGNED: u32 = 1;

/// The hand-written numeric constants above, by Node name (frame types excluded: not Node's).
const NUMERIC: &[(&str, i64)] = &[
    (
        "NGHTTP2_ERR_FRAME_SIZE_ERROR",
        NGHTTP2_ERR_FRAME_SIZE_ERROR as i64,
    ),
    ("NGHTTP2_SESSION_SERVER", NGHTTP2_SESSION_SERVER as i64),
    ("NGHTTP2_SESSION_CLIENT", NGHTTP2_SESSION_CLIENT as i64),
    (
        "NGHTTP2_STREAM_STATE_IDLE",
        NGHTTP2_STREAM_STATE_IDLE as i64,
    ),
    (
        "NGHTTP2_STREAM_STATE_OPEN",
        NGHTTP2_STREAM_STATE_OPEN as i64,
    ),
    (
        "NGHTTP2_STREAM_STATE_RESERVED_LOCAL",
        NGHTTP2_STREAM_STATE_RESERVED_LOCAL as i64,
    ),
    (
        "NGHTTP2_STREAM_STATE_RESERVED_REMOTE",
        NGHTTP2_STREAM_STATE_RESERVED_REMOTE as i64,
    ),
    (
        "NGHTTP2_STREAM_STATE_HALF_CLOSED_LOCAL",
        NGHTTP2_STREAM_STATE_HALF_CLOSED_LOCAL as i64,
    ),
    (
        "NGHTTP2_STREAM_STATE_HALF_CLOSED_REMOTE",
        NGHTTP2_STREAM_STATE_HALF_CLOSED_REMOTE as i64,
    ),
    (
        "NGHTTP2_STREAM_STATE_CLOSED",
        NGHTTP2_STREAM_STATE_CLOSED as i64,
    ),
    ("NGHTTP2_FLAG_NONE", NGHTTP2_FLAG_NONE as i64),
    ("NGHTTP2_FLAG_END_STREAM", NGHTTP2_FLAG_END_STREAM as i64),
    ("NGHTTP2_FLAG_END_HEADERS", NGHTTP2_FLAG_END_HEADERS as i64),
    ("NGHTTP2_FLAG_ACK", NGHTTP2_FLAG_ACK as i64),
    ("NGHTTP2_FLAG_PADDED", NGHTTP2_FLAG_PADDED as i64),
    ("NGHTTP2_FLAG_PRIORITY", NGHTTP2_FLAG_PRIORITY as i64),
    (
        "DEFAULT_SETTINGS_HEADER_TABLE_SIZE",
        DEFAULT_SETTINGS_HEADER_TABLE_SIZE as i64,
    ),
    (
        "DEFAULT_SETTINGS_ENABLE_PUSH",
        DEFAULT_SETTINGS_ENABLE_PUSH as i64,
    ),
    (
        "DEFAULT_SETTINGS_MAX_CONCURRENT_STREAMS",
        DEFAULT_SETTINGS_MAX_CONCURRENT_STREAMS as i64,
    ),
    (
        "DEFAULT_SETTINGS_INITIAL_WINDOW_SIZE",
        DEFAULT_SETTINGS_INITIAL_WINDOW_SIZE as i64,
    ),
    (
        "DEFAULT_SETTINGS_MAX_FRAME_SIZE",
        DEFAULT_SETTINGS_MAX_FRAME_SIZE as i64,
    ),
    (
        "DEFAULT_SETTINGS_MAX_HEADER_LIST_SIZE",
        DEFAULT_SETTINGS_MAX_HEADER_LIST_SIZE as i64,
    ),
    (
        "DEFAULT_SETTINGS_ENABLE_CONNECT_PROTOCOL",
        DEFAULT_SETTINGS_ENABLE_CONNECT_PROTOCOL as i64,
    ),
    ("MAX_MAX_FRAME_SIZE", MAX_MAX_FRAME_SIZE as i64),
    ("MIN_MAX_FRAME_SIZE", MIN_MAX_FRAME_SIZE as i64),
    ("MAX_INITIAL_WINDOW_SIZE", MAX_INITIAL_WINDOW_SIZE as i64),
    (
        "NGHTTP2_SETTINGS_HEADER_TABLE_SIZE",
        NGHTTP2_SETTINGS_HEADER_TABLE_SIZE as i64,
    ),
    (
        "NGHTTP2_SETTINGS_ENABLE_PUSH",
        NGHTTP2_SETTINGS_ENABLE_PUSH as i64,
    ),
    (
        "NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS",
        NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS as i64,
    ),
    (
        "NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE",
        NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE as i64,
    ),
    (
        "NGHTTP2_SETTINGS_MAX_FRAME_SIZE",
        NGHTTP2_SETTINGS_MAX_FRAME_SIZE as i64,
    ),
    (
        "NGHTTP2_SETTINGS_MAX_HEADER_LIST_SIZE",
        NGHTTP2_SETTINGS_MAX_HEADER_LIST_SIZE as i64,
    ),
    (
        "NGHTTP2_SETTINGS_ENABLE_CONNECT_PROTOCOL",
        NGHTTP2_SETTINGS_ENABLE_CONNECT_PROTOCOL as i64,
    ),
    ("PADDING_STRATEGY_NONE", PADDING_STRATEGY_NONE as i64),
    ("PADDING_STRATEGY_ALIGNED", PADDING_STRATEGY_ALIGNED as i64),
    ("PADDING_STRATEGY_MAX", PADDING_STRATEGY_MAX as i64),
    (
        "PADDING_STRATEGY_CALLBACK",
        PADDING_STRATEGY_CALLBACK as i64,
    ),
    ("NGHTTP2_NO_ERROR", NGHTTP2_NO_ERROR as i64),
    ("NGHTTP2_PROTOCOL_ERROR", NGHTTP2_PROTOCOL_ERROR as i64),
    ("NGHTTP2_INTERNAL_ERROR", NGHTTP2_INTERNAL_ERROR as i64),
    (
        "NGHTTP2_FLOW_CONTROL_ERROR",
        NGHTTP2_FLOW_CONTROL_ERROR as i64,
    ),
    ("NGHTTP2_SETTINGS_TIMEOUT", NGHTTP2_SETTINGS_TIMEOUT as i64),
    ("NGHTTP2_STREAM_CLOSED", NGHTTP2_STREAM_CLOSED as i64),
    ("NGHTTP2_FRAME_SIZE_ERROR", NGHTTP2_FRAME_SIZE_ERROR as i64),
    ("NGHTTP2_REFUSED_STREAM", NGHTTP2_REFUSED_STREAM as i64),
    ("NGHTTP2_CANCEL", NGHTTP2_CANCEL as i64),
    (
        "NGHTTP2_COMPRESSION_ERROR",
        NGHTTP2_COMPRESSION_ERROR as i64,
    ),
    ("NGHTTP2_CONNECT_ERROR", NGHTTP2_CONNECT_ERROR as i64),
    (
        "NGHTTP2_ENHANCE_YOUR_CALM",
        NGHTTP2_ENHANCE_YOUR_CALM as i64,
    ),
    (
        "NGHTTP2_INADEQUATE_SECURITY",
        NGHTTP2_INADEQUATE_SECURITY as i64,
    ),
    (
        "NGHTTP2_HTTP_1_1_REQUIRED",
        NGHTTP2_HTTP_1_1_REQUIRED as i64,
    ),
    ("NGHTTP2_DEFAULT_WEIGHT", NGHTTP2_DEFAULT_WEIGHT as i64),
];

/// The constant Node calls `name` (e.g. `"HTTP2_HEADER_STATUS"`), if it is one of ours.
pub fn lookup(name: &str) -> Option<Constant> {
    NUMERIC
        .iter()
        .find(|(n, _)| *n == name)
        .map(|&(_, v)| Constant::Num(v))
        .or_else(|| GENERATED.iter().find(|(n, _)| *n == name).map(|&(_, v)| v))
}

/// Every constant's Node name, in Node 20's key order within each block.
pub fn names() -> impl Iterator<Item = &'static str> {
    NUMERIC
        .iter()
        .map(|(n, _)| *n)
        .chain(GENERATED.iter().map(|(n, _)| *n))
}

/// The seed's human-readable name of an error code (`"Protocol Error"`), if it is in the table.
pub fn error_code_description(code: u32) -> Option<&'static str> {
    ERROR_CODES
        .iter()
        .find(|(v, _, _)| *v == code)
        .map(|(_, _, d)| *d)
}

/// The `NGHTTP2_*` constant name of an error code, if it is in the table.
pub fn error_code_name(code: u32) -> Option<&'static str> {
    ERROR_CODES
        .iter()
        .find(|(v, _, _)| *v == code)
        .map(|(_, n, _)| *n)
}

// ---- Generated from Node 20 (`require('http2').constants`); do not edit by hand. ----

// Header names (`HTTP2_HEADER_*`), lower-case as sent on the wire.
pub const HTTP2_HEADER_STATUS: &str = ":status";
pub const HTTP2_HEADER_METHOD: &str = ":method";
pub const HTTP2_HEADER_AUTHORITY: &str = ":authority";
pub const HTTP2_HEADER_SCHEME: &str = ":scheme";
pub const HTTP2_HEADER_PATH: &str = ":path";
pub const HTTP2_HEADER_PROTOCOL: &str = ":protocol";
pub const HTTP2_HEADER_ACCEPT_ENCODING: &str = "accept-encoding";
pub const HTTP2_HEADER_ACCEPT_LANGUAGE: &str = "accept-language";
pub const HTTP2_HEADER_ACCEPT_RANGES: &str = "accept-ranges";
pub const HTTP2_HEADER_ACCEPT: &str = "accept";
pub const HTTP2_HEADER_ACCESS_CONTROL_ALLOW_CREDENTIALS: &str = "access-control-allow-credentials";
pub const HTTP2_HEADER_ACCESS_CONTROL_ALLOW_HEADERS: &str = "access-control-allow-headers";
pub const HTTP2_HEADER_ACCESS_CONTROL_ALLOW_METHODS: &str = "access-control-allow-methods";
pub const HTTP2_HEADER_ACCESS_CONTROL_ALLOW_ORIGIN: &str = "access-control-allow-origin";
pub const HTTP2_HEADER_ACCESS_CONTROL_EXPOSE_HEADERS: &str = "access-control-expose-headers";
pub const HTTP2_HEADER_ACCESS_CONTROL_REQUEST_HEADERS: &str = "access-control-request-headers";
pub const HTTP2_HEADER_ACCESS_CONTROL_REQUEST_METHOD: &str = "access-control-request-method";
pub const HTTP2_HEADER_AGE: &str = "age";
pub const HTTP2_HEADER_AUTHORIZATION: &str = "authorization";
pub const HTTP2_HEADER_CACHE_CONTROL: &str = "cache-control";
pub const HTTP2_HEADER_CONNECTION: &str = "connection";
pub const HTTP2_HEADER_CONTENT_DISPOSITION: &str = "content-disposition";
pub const HTTP2_HEADER_CONTENT_ENCODING: &str = "content-encoding";
pub const HTTP2_HEADER_CONTENT_LENGTH: &str = "content-length";
pub const HTTP2_HEADER_CONTENT_TYPE: &str = "content-type";
pub const HTTP2_HEADER_COOKIE: &str = "cookie";
pub const HTTP2_HEADER_DATE: &str = "date";
pub const HTTP2_HEADER_ETAG: &str = "etag";
pub const HTTP2_HEADER_FORWARDED: &str = "forwarded";
pub const HTTP2_HEADER_HOST: &str = "host";
pub const HTTP2_HEADER_IF_MODIFIED_SINCE: &str = "if-modified-since";
pub const HTTP2_HEADER_IF_NONE_MATCH: &str = "if-none-match";
pub const HTTP2_HEADER_IF_RANGE: &str = "if-range";
pub const HTTP2_HEADER_LAST_MODIFIED: &str = "last-modified";
pub const HTTP2_HEADER_LINK: &str = "link";
pub const HTTP2_HEADER_LOCATION: &str = "location";
pub const HTTP2_HEADER_RANGE: &str = "range";
pub const HTTP2_HEADER_REFERER: &str = "referer";
pub const HTTP2_HEADER_SERVER: &str = "server";
pub const HTTP2_HEADER_SET_COOKIE: &str = "set-cookie";
pub const HTTP2_HEADER_STRICT_TRANSPORT_SECURITY: &str = "strict-transport-security";
pub const HTTP2_HEADER_TRANSFER_ENCODING: &str = "transfer-encoding";
pub const HTTP2_HEADER_TE: &str = "te";
pub const HTTP2_HEADER_UPGRADE_INSECURE_REQUESTS: &str = "upgrade-insecure-requests";
pub const HTTP2_HEADER_UPGRADE: &str = "upgrade";
pub const HTTP2_HEADER_USER_AGENT: &str = "user-agent";
pub const HTTP2_HEADER_VARY: &str = "vary";
pub const HTTP2_HEADER_X_CONTENT_TYPE_OPTIONS: &str = "x-content-type-options";
pub const HTTP2_HEADER_X_FRAME_OPTIONS: &str = "x-frame-options";
pub const HTTP2_HEADER_KEEP_ALIVE: &str = "keep-alive";
pub const HTTP2_HEADER_PROXY_CONNECTION: &str = "proxy-connection";
pub const HTTP2_HEADER_X_XSS_PROTECTION: &str = "x-xss-protection";
pub const HTTP2_HEADER_ALT_SVC: &str = "alt-svc";
pub const HTTP2_HEADER_CONTENT_SECURITY_POLICY: &str = "content-security-policy";
pub const HTTP2_HEADER_EARLY_DATA: &str = "early-data";
pub const HTTP2_HEADER_EXPECT_CT: &str = "expect-ct";
pub const HTTP2_HEADER_ORIGIN: &str = "origin";
pub const HTTP2_HEADER_PURPOSE: &str = "purpose";
pub const HTTP2_HEADER_TIMING_ALLOW_ORIGIN: &str = "timing-allow-origin";
pub const HTTP2_HEADER_X_FORWARDED_FOR: &str = "x-forwarded-for";
pub const HTTP2_HEADER_PRIORITY: &str = "priority";
pub const HTTP2_HEADER_ACCEPT_CHARSET: &str = "accept-charset";
pub const HTTP2_HEADER_ACCESS_CONTROL_MAX_AGE: &str = "access-control-max-age";
pub const HTTP2_HEADER_ALLOW: &str = "allow";
pub const HTTP2_HEADER_CONTENT_LANGUAGE: &str = "content-language";
pub const HTTP2_HEADER_CONTENT_LOCATION: &str = "content-location";
pub const HTTP2_HEADER_CONTENT_MD5: &str = "content-md5";
pub const HTTP2_HEADER_CONTENT_RANGE: &str = "content-range";
pub const HTTP2_HEADER_DNT: &str = "dnt";
pub const HTTP2_HEADER_EXPECT: &str = "expect";
pub const HTTP2_HEADER_EXPIRES: &str = "expires";
pub const HTTP2_HEADER_FROM: &str = "from";
pub const HTTP2_HEADER_IF_MATCH: &str = "if-match";
pub const HTTP2_HEADER_IF_UNMODIFIED_SINCE: &str = "if-unmodified-since";
pub const HTTP2_HEADER_MAX_FORWARDS: &str = "max-forwards";
pub const HTTP2_HEADER_PREFER: &str = "prefer";
pub const HTTP2_HEADER_PROXY_AUTHENTICATE: &str = "proxy-authenticate";
pub const HTTP2_HEADER_PROXY_AUTHORIZATION: &str = "proxy-authorization";
pub const HTTP2_HEADER_REFRESH: &str = "refresh";
pub const HTTP2_HEADER_RETRY_AFTER: &str = "retry-after";
pub const HTTP2_HEADER_TRAILER: &str = "trailer";
pub const HTTP2_HEADER_TK: &str = "tk";
pub const HTTP2_HEADER_VIA: &str = "via";
pub const HTTP2_HEADER_WARNING: &str = "warning";
pub const HTTP2_HEADER_WWW_AUTHENTICATE: &str = "www-authenticate";
pub const HTTP2_HEADER_HTTP2_SETTINGS: &str = "http2-settings";

// Methods (`HTTP2_METHOD_*`).
pub const HTTP2_METHOD_ACL: &str = "ACL";
pub const HTTP2_METHOD_BASELINE_CONTROL: &str = "BASELINE-CONTROL";
pub const HTTP2_METHOD_BIND: &str = "BIND";
pub const HTTP2_METHOD_CHECKIN: &str = "CHECKIN";
pub const HTTP2_METHOD_CHECKOUT: &str = "CHECKOUT";
pub const HTTP2_METHOD_CONNECT: &str = "CONNECT";
pub const HTTP2_METHOD_COPY: &str = "COPY";
pub const HTTP2_METHOD_DELETE: &str = "DELETE";
pub const HTTP2_METHOD_GET: &str = "GET";
pub const HTTP2_METHOD_HEAD: &str = "HEAD";
pub const HTTP2_METHOD_LABEL: &str = "LABEL";
pub const HTTP2_METHOD_LINK: &str = "LINK";
pub const HTTP2_METHOD_LOCK: &str = "LOCK";
pub const HTTP2_METHOD_MERGE: &str = "MERGE";
pub const HTTP2_METHOD_MKACTIVITY: &str = "MKACTIVITY";
pub const HTTP2_METHOD_MKCALENDAR: &str = "MKCALENDAR";
pub const HTTP2_METHOD_MKCOL: &str = "MKCOL";
pub const HTTP2_METHOD_MKREDIRECTREF: &str = "MKREDIRECTREF";
pub const HTTP2_METHOD_MKWORKSPACE: &str = "MKWORKSPACE";
pub const HTTP2_METHOD_MOVE: &str = "MOVE";
pub const HTTP2_METHOD_OPTIONS: &str = "OPTIONS";
pub const HTTP2_METHOD_ORDERPATCH: &str = "ORDERPATCH";
pub const HTTP2_METHOD_PATCH: &str = "PATCH";
pub const HTTP2_METHOD_POST: &str = "POST";
pub const HTTP2_METHOD_PRI: &str = "PRI";
pub const HTTP2_METHOD_PROPFIND: &str = "PROPFIND";
pub const HTTP2_METHOD_PROPPATCH: &str = "PROPPATCH";
pub const HTTP2_METHOD_PUT: &str = "PUT";
pub const HTTP2_METHOD_REBIND: &str = "REBIND";
pub const HTTP2_METHOD_REPORT: &str = "REPORT";
pub const HTTP2_METHOD_SEARCH: &str = "SEARCH";
pub const HTTP2_METHOD_TRACE: &str = "TRACE";
pub const HTTP2_METHOD_UNBIND: &str = "UNBIND";
pub const HTTP2_METHOD_UNCHECKOUT: &str = "UNCHECKOUT";
pub const HTTP2_METHOD_UNLINK: &str = "UNLINK";
pub const HTTP2_METHOD_UNLOCK: &str = "UNLOCK";
pub const HTTP2_METHOD_UPDATE: &str = "UPDATE";
pub const HTTP2_METHOD_UPDATEREDIRECTREF: &str = "UPDATEREDIRECTREF";
pub const HTTP2_METHOD_VERSION_CONTROL: &str = "VERSION-CONTROL";

// Status codes (`HTTP_STATUS_*`).
pub const HTTP_STATUS_CONTINUE: u16 = 100;
pub const HTTP_STATUS_SWITCHING_PROTOCOLS: u16 = 101;
pub const HTTP_STATUS_PROCESSING: u16 = 102;
pub const HTTP_STATUS_EARLY_HINTS: u16 = 103;
pub const HTTP_STATUS_OK: u16 = 200;
pub const HTTP_STATUS_CREATED: u16 = 201;
pub const HTTP_STATUS_ACCEPTED: u16 = 202;
pub const HTTP_STATUS_NON_AUTHORITATIVE_INFORMATION: u16 = 203;
pub const HTTP_STATUS_NO_CONTENT: u16 = 204;
pub const HTTP_STATUS_RESET_CONTENT: u16 = 205;
pub const HTTP_STATUS_PARTIAL_CONTENT: u16 = 206;
pub const HTTP_STATUS_MULTI_STATUS: u16 = 207;
pub const HTTP_STATUS_ALREADY_REPORTED: u16 = 208;
pub const HTTP_STATUS_IM_USED: u16 = 226;
pub const HTTP_STATUS_MULTIPLE_CHOICES: u16 = 300;
pub const HTTP_STATUS_MOVED_PERMANENTLY: u16 = 301;
pub const HTTP_STATUS_FOUND: u16 = 302;
pub const HTTP_STATUS_SEE_OTHER: u16 = 303;
pub const HTTP_STATUS_NOT_MODIFIED: u16 = 304;
pub const HTTP_STATUS_USE_PROXY: u16 = 305;
pub const HTTP_STATUS_TEMPORARY_REDIRECT: u16 = 307;
pub const HTTP_STATUS_PERMANENT_REDIRECT: u16 = 308;
pub const HTTP_STATUS_BAD_REQUEST: u16 = 400;
pub const HTTP_STATUS_UNAUTHORIZED: u16 = 401;
pub const HTTP_STATUS_PAYMENT_REQUIRED: u16 = 402;
pub const HTTP_STATUS_FORBIDDEN: u16 = 403;
pub const HTTP_STATUS_NOT_FOUND: u16 = 404;
pub const HTTP_STATUS_METHOD_NOT_ALLOWED: u16 = 405;
pub const HTTP_STATUS_NOT_ACCEPTABLE: u16 = 406;
pub const HTTP_STATUS_PROXY_AUTHENTICATION_REQUIRED: u16 = 407;
pub const HTTP_STATUS_REQUEST_TIMEOUT: u16 = 408;
pub const HTTP_STATUS_CONFLICT: u16 = 409;
pub const HTTP_STATUS_GONE: u16 = 410;
pub const HTTP_STATUS_LENGTH_REQUIRED: u16 = 411;
pub const HTTP_STATUS_PRECONDITION_FAILED: u16 = 412;
pub const HTTP_STATUS_PAYLOAD_TOO_LARGE: u16 = 413;
pub const HTTP_STATUS_URI_TOO_LONG: u16 = 414;
pub const HTTP_STATUS_UNSUPPORTED_MEDIA_TYPE: u16 = 415;
pub const HTTP_STATUS_RANGE_NOT_SATISFIABLE: u16 = 416;
pub const HTTP_STATUS_EXPECTATION_FAILED: u16 = 417;
pub const HTTP_STATUS_TEAPOT: u16 = 418;
pub const HTTP_STATUS_MISDIRECTED_REQUEST: u16 = 421;
pub const HTTP_STATUS_UNPROCESSABLE_ENTITY: u16 = 422;
pub const HTTP_STATUS_LOCKED: u16 = 423;
pub const HTTP_STATUS_FAILED_DEPENDENCY: u16 = 424;
pub const HTTP_STATUS_TOO_EARLY: u16 = 425;
pub const HTTP_STATUS_UPGRADE_REQUIRED: u16 = 426;
pub const HTTP_STATUS_PRECONDITION_REQUIRED: u16 = 428;
pub const HTTP_STATUS_TOO_MANY_REQUESTS: u16 = 429;
pub const HTTP_STATUS_REQUEST_HEADER_FIELDS_TOO_LARGE: u16 = 431;
pub const HTTP_STATUS_UNAVAILABLE_FOR_LEGAL_REASONS: u16 = 451;
pub const HTTP_STATUS_INTERNAL_SERVER_ERROR: u16 = 500;
pub const HTTP_STATUS_NOT_IMPLEMENTED: u16 = 501;
pub const HTTP_STATUS_BAD_GATEWAY: u16 = 502;
pub const HTTP_STATUS_SERVICE_UNAVAILABLE: u16 = 503;
pub const HTTP_STATUS_GATEWAY_TIMEOUT: u16 = 504;
pub const HTTP_STATUS_HTTP_VERSION_NOT_SUPPORTED: u16 = 505;
pub const HTTP_STATUS_VARIANT_ALSO_NEGOTIATES: u16 = 506;
pub const HTTP_STATUS_INSUFFICIENT_STORAGE: u16 = 507;
pub const HTTP_STATUS_LOOP_DETECTED: u16 = 508;
pub const HTTP_STATUS_BANDWIDTH_LIMIT_EXCEEDED: u16 = 509;
pub const HTTP_STATUS_NOT_EXTENDED: u16 = 510;
pub const HTTP_STATUS_NETWORK_AUTHENTICATION_REQUIRED: u16 = 511;

/// Every generated string and status constant by its Node name, for look-up by name.
pub(crate) const GENERATED: &[(&str, Constant)] = &[
    ("HTTP2_HEADER_STATUS", Constant::Str(HTTP2_HEADER_STATUS)),
    ("HTTP2_HEADER_METHOD", Constant::Str(HTTP2_HEADER_METHOD)),
    (
        "HTTP2_HEADER_AUTHORITY",
        Constant::Str(HTTP2_HEADER_AUTHORITY),
    ),
    ("HTTP2_HEADER_SCHEME", Constant::Str(HTTP2_HEADER_SCHEME)),
    ("HTTP2_HEADER_PATH", Constant::Str(HTTP2_HEADER_PATH)),
    (
        "HTTP2_HEADER_PROTOCOL",
        Constant::Str(HTTP2_HEADER_PROTOCOL),
    ),
    (
        "HTTP2_HEADER_ACCEPT_ENCODING",
        Constant::Str(HTTP2_HEADER_ACCEPT_ENCODING),
    ),
    (
        "HTTP2_HEADER_ACCEPT_LANGUAGE",
        Constant::Str(HTTP2_HEADER_ACCEPT_LANGUAGE),
    ),
    (
        "HTTP2_HEADER_ACCEPT_RANGES",
        Constant::Str(HTTP2_HEADER_ACCEPT_RANGES),
    ),
    ("HTTP2_HEADER_ACCEPT", Constant::Str(HTTP2_HEADER_ACCEPT)),
    (
        "HTTP2_HEADER_ACCESS_CONTROL_ALLOW_CREDENTIALS",
        Constant::Str(HTTP2_HEADER_ACCESS_CONTROL_ALLOW_CREDENTIALS),
    ),
    (
        "HTTP2_HEADER_ACCESS_CONTROL_ALLOW_HEADERS",
        Constant::Str(HTTP2_HEADER_ACCESS_CONTROL_ALLOW_HEADERS),
    ),
    (
        "HTTP2_HEADER_ACCESS_CONTROL_ALLOW_METHODS",
        Constant::Str(HTTP2_HEADER_ACCESS_CONTROL_ALLOW_METHODS),
    ),
    (
        "HTTP2_HEADER_ACCESS_CONTROL_ALLOW_ORIGIN",
        Constant::Str(HTTP2_HEADER_ACCESS_CONTROL_ALLOW_ORIGIN),
    ),
    (
        "HTTP2_HEADER_ACCESS_CONTROL_EXPOSE_HEADERS",
        Constant::Str(HTTP2_HEADER_ACCESS_CONTROL_EXPOSE_HEADERS),
    ),
    (
        "HTTP2_HEADER_ACCESS_CONTROL_REQUEST_HEADERS",
        Constant::Str(HTTP2_HEADER_ACCESS_CONTROL_REQUEST_HEADERS),
    ),
    (
        "HTTP2_HEADER_ACCESS_CONTROL_REQUEST_METHOD",
        Constant::Str(HTTP2_HEADER_ACCESS_CONTROL_REQUEST_METHOD),
    ),
    ("HTTP2_HEADER_AGE", Constant::Str(HTTP2_HEADER_AGE)),
    (
        "HTTP2_HEADER_AUTHORIZATION",
        Constant::Str(HTTP2_HEADER_AUTHORIZATION),
    ),
    (
        "HTTP2_HEADER_CACHE_CONTROL",
        Constant::Str(HTTP2_HEADER_CACHE_CONTROL),
    ),
    (
        "HTTP2_HEADER_CONNECTION",
        Constant::Str(HTTP2_HEADER_CONNECTION),
    ),
    (
        "HTTP2_HEADER_CONTENT_DISPOSITION",
        Constant::Str(HTTP2_HEADER_CONTENT_DISPOSITION),
    ),
    (
        "HTTP2_HEADER_CONTENT_ENCODING",
        Constant::Str(HTTP2_HEADER_CONTENT_ENCODING),
    ),
    (
        "HTTP2_HEADER_CONTENT_LENGTH",
        Constant::Str(HTTP2_HEADER_CONTENT_LENGTH),
    ),
    (
        "HTTP2_HEADER_CONTENT_TYPE",
        Constant::Str(HTTP2_HEADER_CONTENT_TYPE),
    ),
    ("HTTP2_HEADER_COOKIE", Constant::Str(HTTP2_HEADER_COOKIE)),
    ("HTTP2_HEADER_DATE", Constant::Str(HTTP2_HEADER_DATE)),
    ("HTTP2_HEADER_ETAG", Constant::Str(HTTP2_HEADER_ETAG)),
    (
        "HTTP2_HEADER_FORWARDED",
        Constant::Str(HTTP2_HEADER_FORWARDED),
    ),
    ("HTTP2_HEADER_HOST", Constant::Str(HTTP2_HEADER_HOST)),
    (
        "HTTP2_HEADER_IF_MODIFIED_SINCE",
        Constant::Str(HTTP2_HEADER_IF_MODIFIED_SINCE),
    ),
    (
        "HTTP2_HEADER_IF_NONE_MATCH",
        Constant::Str(HTTP2_HEADER_IF_NONE_MATCH),
    ),
    (
        "HTTP2_HEADER_IF_RANGE",
        Constant::Str(HTTP2_HEADER_IF_RANGE),
    ),
    (
        "HTTP2_HEADER_LAST_MODIFIED",
        Constant::Str(HTTP2_HEADER_LAST_MODIFIED),
    ),
    ("HTTP2_HEADER_LINK", Constant::Str(HTTP2_HEADER_LINK)),
    (
        "HTTP2_HEADER_LOCATION",
        Constant::Str(HTTP2_HEADER_LOCATION),
    ),
    ("HTTP2_HEADER_RANGE", Constant::Str(HTTP2_HEADER_RANGE)),
    ("HTTP2_HEADER_REFERER", Constant::Str(HTTP2_HEADER_REFERER)),
    ("HTTP2_HEADER_SERVER", Constant::Str(HTTP2_HEADER_SERVER)),
    (
        "HTTP2_HEADER_SET_COOKIE",
        Constant::Str(HTTP2_HEADER_SET_COOKIE),
    ),
    (
        "HTTP2_HEADER_STRICT_TRANSPORT_SECURITY",
        Constant::Str(HTTP2_HEADER_STRICT_TRANSPORT_SECURITY),
    ),
    (
        "HTTP2_HEADER_TRANSFER_ENCODING",
        Constant::Str(HTTP2_HEADER_TRANSFER_ENCODING),
    ),
    ("HTTP2_HEADER_TE", Constant::Str(HTTP2_HEADER_TE)),
    (
        "HTTP2_HEADER_UPGRADE_INSECURE_REQUESTS",
        Constant::Str(HTTP2_HEADER_UPGRADE_INSECURE_REQUESTS),
    ),
    ("HTTP2_HEADER_UPGRADE", Constant::Str(HTTP2_HEADER_UPGRADE)),
    (
        "HTTP2_HEADER_USER_AGENT",
        Constant::Str(HTTP2_HEADER_USER_AGENT),
    ),
    ("HTTP2_HEADER_VARY", Constant::Str(HTTP2_HEADER_VARY)),
    (
        "HTTP2_HEADER_X_CONTENT_TYPE_OPTIONS",
        Constant::Str(HTTP2_HEADER_X_CONTENT_TYPE_OPTIONS),
    ),
    (
        "HTTP2_HEADER_X_FRAME_OPTIONS",
        Constant::Str(HTTP2_HEADER_X_FRAME_OPTIONS),
    ),
    (
        "HTTP2_HEADER_KEEP_ALIVE",
        Constant::Str(HTTP2_HEADER_KEEP_ALIVE),
    ),
    (
        "HTTP2_HEADER_PROXY_CONNECTION",
        Constant::Str(HTTP2_HEADER_PROXY_CONNECTION),
    ),
    (
        "HTTP2_HEADER_X_XSS_PROTECTION",
        Constant::Str(HTTP2_HEADER_X_XSS_PROTECTION),
    ),
    ("HTTP2_HEADER_ALT_SVC", Constant::Str(HTTP2_HEADER_ALT_SVC)),
    (
        "HTTP2_HEADER_CONTENT_SECURITY_POLICY",
        Constant::Str(HTTP2_HEADER_CONTENT_SECURITY_POLICY),
    ),
    (
        "HTTP2_HEADER_EARLY_DATA",
        Constant::Str(HTTP2_HEADER_EARLY_DATA),
    ),
    (
        "HTTP2_HEADER_EXPECT_CT",
        Constant::Str(HTTP2_HEADER_EXPECT_CT),
    ),
    ("HTTP2_HEADER_ORIGIN", Constant::Str(HTTP2_HEADER_ORIGIN)),
    ("HTTP2_HEADER_PURPOSE", Constant::Str(HTTP2_HEADER_PURPOSE)),
    (
        "HTTP2_HEADER_TIMING_ALLOW_ORIGIN",
        Constant::Str(HTTP2_HEADER_TIMING_ALLOW_ORIGIN),
    ),
    (
        "HTTP2_HEADER_X_FORWARDED_FOR",
        Constant::Str(HTTP2_HEADER_X_FORWARDED_FOR),
    ),
    (
        "HTTP2_HEADER_PRIORITY",
        Constant::Str(HTTP2_HEADER_PRIORITY),
    ),
    (
        "HTTP2_HEADER_ACCEPT_CHARSET",
        Constant::Str(HTTP2_HEADER_ACCEPT_CHARSET),
    ),
    (
        "HTTP2_HEADER_ACCESS_CONTROL_MAX_AGE",
        Constant::Str(HTTP2_HEADER_ACCESS_CONTROL_MAX_AGE),
    ),
    ("HTTP2_HEADER_ALLOW", Constant::Str(HTTP2_HEADER_ALLOW)),
    (
        "HTTP2_HEADER_CONTENT_LANGUAGE",
        Constant::Str(HTTP2_HEADER_CONTENT_LANGUAGE),
    ),
    (
        "HTTP2_HEADER_CONTENT_LOCATION",
        Constant::Str(HTTP2_HEADER_CONTENT_LOCATION),
    ),
    (
        "HTTP2_HEADER_CONTENT_MD5",
        Constant::Str(HTTP2_HEADER_CONTENT_MD5),
    ),
    (
        "HTTP2_HEADER_CONTENT_RANGE",
        Constant::Str(HTTP2_HEADER_CONTENT_RANGE),
    ),
    ("HTTP2_HEADER_DNT", Constant::Str(HTTP2_HEADER_DNT)),
    ("HTTP2_HEADER_EXPECT", Constant::Str(HTTP2_HEADER_EXPECT)),
    ("HTTP2_HEADER_EXPIRES", Constant::Str(HTTP2_HEADER_EXPIRES)),
    ("HTTP2_HEADER_FROM", Constant::Str(HTTP2_HEADER_FROM)),
    (
        "HTTP2_HEADER_IF_MATCH",
        Constant::Str(HTTP2_HEADER_IF_MATCH),
    ),
    (
        "HTTP2_HEADER_IF_UNMODIFIED_SINCE",
        Constant::Str(HTTP2_HEADER_IF_UNMODIFIED_SINCE),
    ),
    (
        "HTTP2_HEADER_MAX_FORWARDS",
        Constant::Str(HTTP2_HEADER_MAX_FORWARDS),
    ),
    ("HTTP2_HEADER_PREFER", Constant::Str(HTTP2_HEADER_PREFER)),
    (
        "HTTP2_HEADER_PROXY_AUTHENTICATE",
        Constant::Str(HTTP2_HEADER_PROXY_AUTHENTICATE),
    ),
    (
        "HTTP2_HEADER_PROXY_AUTHORIZATION",
        Constant::Str(HTTP2_HEADER_PROXY_AUTHORIZATION),
    ),
    ("HTTP2_HEADER_REFRESH", Constant::Str(HTTP2_HEADER_REFRESH)),
    (
        "HTTP2_HEADER_RETRY_AFTER",
        Constant::Str(HTTP2_HEADER_RETRY_AFTER),
    ),
    ("HTTP2_HEADER_TRAILER", Constant::Str(HTTP2_HEADER_TRAILER)),
    ("HTTP2_HEADER_TK", Constant::Str(HTTP2_HEADER_TK)),
    ("HTTP2_HEADER_VIA", Constant::Str(HTTP2_HEADER_VIA)),
    ("HTTP2_HEADER_WARNING", Constant::Str(HTTP2_HEADER_WARNING)),
    (
        "HTTP2_HEADER_WWW_AUTHENTICATE",
        Constant::Str(HTTP2_HEADER_WWW_AUTHENTICATE),
    ),
    (
        "HTTP2_HEADER_HTTP2_SETTINGS",
        Constant::Str(HTTP2_HEADER_HTTP2_SETTINGS),
    ),
    ("HTTP2_METHOD_ACL", Constant::Str(HTTP2_METHOD_ACL)),
    (
        "HTTP2_METHOD_BASELINE_CONTROL",
        Constant::Str(HTTP2_METHOD_BASELINE_CONTROL),
    ),
    ("HTTP2_METHOD_BIND", Constant::Str(HTTP2_METHOD_BIND)),
    ("HTTP2_METHOD_CHECKIN", Constant::Str(HTTP2_METHOD_CHECKIN)),
    (
        "HTTP2_METHOD_CHECKOUT",
        Constant::Str(HTTP2_METHOD_CHECKOUT),
    ),
    ("HTTP2_METHOD_CONNECT", Constant::Str(HTTP2_METHOD_CONNECT)),
    ("HTTP2_METHOD_COPY", Constant::Str(HTTP2_METHOD_COPY)),
    ("HTTP2_METHOD_DELETE", Constant::Str(HTTP2_METHOD_DELETE)),
    ("HTTP2_METHOD_GET", Constant::Str(HTTP2_METHOD_GET)),
    ("HTTP2_METHOD_HEAD", Constant::Str(HTTP2_METHOD_HEAD)),
    ("HTTP2_METHOD_LABEL", Constant::Str(HTTP2_METHOD_LABEL)),
    ("HTTP2_METHOD_LINK", Constant::Str(HTTP2_METHOD_LINK)),
    ("HTTP2_METHOD_LOCK", Constant::Str(HTTP2_METHOD_LOCK)),
    ("HTTP2_METHOD_MERGE", Constant::Str(HTTP2_METHOD_MERGE)),
    (
        "HTTP2_METHOD_MKACTIVITY",
        Constant::Str(HTTP2_METHOD_MKACTIVITY),
    ),
    (
        "HTTP2_METHOD_MKCALENDAR",
        Constant::Str(HTTP2_METHOD_MKCALENDAR),
    ),
    ("HTTP2_METHOD_MKCOL", Constant::Str(HTTP2_METHOD_MKCOL)),
    (
        "HTTP2_METHOD_MKREDIRECTREF",
        Constant::Str(HTTP2_METHOD_MKREDIRECTREF),
    ),
    (
        "HTTP2_METHOD_MKWORKSPACE",
        Constant::Str(HTTP2_METHOD_MKWORKSPACE),
    ),
    ("HTTP2_METHOD_MOVE", Constant::Str(HTTP2_METHOD_MOVE)),
    ("HTTP2_METHOD_OPTIONS", Constant::Str(HTTP2_METHOD_OPTIONS)),
    (
        "HTTP2_METHOD_ORDERPATCH",
        Constant::Str(HTTP2_METHOD_ORDERPATCH),
    ),
    ("HTTP2_METHOD_PATCH", Constant::Str(HTTP2_METHOD_PATCH)),
    ("HTTP2_METHOD_POST", Constant::Str(HTTP2_METHOD_POST)),
    ("HTTP2_METHOD_PRI", Constant::Str(HTTP2_METHOD_PRI)),
    (
        "HTTP2_METHOD_PROPFIND",
        Constant::Str(HTTP2_METHOD_PROPFIND),
    ),
    (
        "HTTP2_METHOD_PROPPATCH",
        Constant::Str(HTTP2_METHOD_PROPPATCH),
    ),
    ("HTTP2_METHOD_PUT", Constant::Str(HTTP2_METHOD_PUT)),
    ("HTTP2_METHOD_REBIND", Constant::Str(HTTP2_METHOD_REBIND)),
    ("HTTP2_METHOD_REPORT", Constant::Str(HTTP2_METHOD_REPORT)),
    ("HTTP2_METHOD_SEARCH", Constant::Str(HTTP2_METHOD_SEARCH)),
    ("HTTP2_METHOD_TRACE", Constant::Str(HTTP2_METHOD_TRACE)),
    ("HTTP2_METHOD_UNBIND", Constant::Str(HTTP2_METHOD_UNBIND)),
    (
        "HTTP2_METHOD_UNCHECKOUT",
        Constant::Str(HTTP2_METHOD_UNCHECKOUT),
    ),
    ("HTTP2_METHOD_UNLINK", Constant::Str(HTTP2_METHOD_UNLINK)),
    ("HTTP2_METHOD_UNLOCK", Constant::Str(HTTP2_METHOD_UNLOCK)),
    ("HTTP2_METHOD_UPDATE", Constant::Str(HTTP2_METHOD_UPDATE)),
    (
        "HTTP2_METHOD_UPDATEREDIRECTREF",
        Constant::Str(HTTP2_METHOD_UPDATEREDIRECTREF),
    ),
    (
        "HTTP2_METHOD_VERSION_CONTROL",
        Constant::Str(HTTP2_METHOD_VERSION_CONTROL),
    ),
    (
        "HTTP_STATUS_CONTINUE",
        Constant::Num(HTTP_STATUS_CONTINUE as i64),
    ),
    (
        "HTTP_STATUS_SWITCHING_PROTOCOLS",
        Constant::Num(HTTP_STATUS_SWITCHING_PROTOCOLS as i64),
    ),
    (
        "HTTP_STATUS_PROCESSING",
        Constant::Num(HTTP_STATUS_PROCESSING as i64),
    ),
    (
        "HTTP_STATUS_EARLY_HINTS",
        Constant::Num(HTTP_STATUS_EARLY_HINTS as i64),
    ),
    ("HTTP_STATUS_OK", Constant::Num(HTTP_STATUS_OK as i64)),
    (
        "HTTP_STATUS_CREATED",
        Constant::Num(HTTP_STATUS_CREATED as i64),
    ),
    (
        "HTTP_STATUS_ACCEPTED",
        Constant::Num(HTTP_STATUS_ACCEPTED as i64),
    ),
    (
        "HTTP_STATUS_NON_AUTHORITATIVE_INFORMATION",
        Constant::Num(HTTP_STATUS_NON_AUTHORITATIVE_INFORMATION as i64),
    ),
    (
        "HTTP_STATUS_NO_CONTENT",
        Constant::Num(HTTP_STATUS_NO_CONTENT as i64),
    ),
    (
        "HTTP_STATUS_RESET_CONTENT",
        Constant::Num(HTTP_STATUS_RESET_CONTENT as i64),
    ),
    (
        "HTTP_STATUS_PARTIAL_CONTENT",
        Constant::Num(HTTP_STATUS_PARTIAL_CONTENT as i64),
    ),
    (
        "HTTP_STATUS_MULTI_STATUS",
        Constant::Num(HTTP_STATUS_MULTI_STATUS as i64),
    ),
    (
        "HTTP_STATUS_ALREADY_REPORTED",
        Constant::Num(HTTP_STATUS_ALREADY_REPORTED as i64),
    ),
    (
        "HTTP_STATUS_IM_USED",
        Constant::Num(HTTP_STATUS_IM_USED as i64),
    ),
    (
        "HTTP_STATUS_MULTIPLE_CHOICES",
        Constant::Num(HTTP_STATUS_MULTIPLE_CHOICES as i64),
    ),
    (
        "HTTP_STATUS_MOVED_PERMANENTLY",
        Constant::Num(HTTP_STATUS_MOVED_PERMANENTLY as i64),
    ),
    ("HTTP_STATUS_FOUND", Constant::Num(HTTP_STATUS_FOUND as i64)),
    (
        "HTTP_STATUS_SEE_OTHER",
        Constant::Num(HTTP_STATUS_SEE_OTHER as i64),
    ),
    (
        "HTTP_STATUS_NOT_MODIFIED",
        Constant::Num(HTTP_STATUS_NOT_MODIFIED as i64),
    ),
    (
        "HTTP_STATUS_USE_PROXY",
        Constant::Num(HTTP_STATUS_USE_PROXY as i64),
    ),
    (
        "HTTP_STATUS_TEMPORARY_REDIRECT",
        Constant::Num(HTTP_STATUS_TEMPORARY_REDIRECT as i64),
    ),
    (
        "HTTP_STATUS_PERMANENT_REDIRECT",
        Constant::Num(HTTP_STATUS_PERMANENT_REDIRECT as i64),
    ),
    (
        "HTTP_STATUS_BAD_REQUEST",
        Constant::Num(HTTP_STATUS_BAD_REQUEST as i64),
    ),
    (
        "HTTP_STATUS_UNAUTHORIZED",
        Constant::Num(HTTP_STATUS_UNAUTHORIZED as i64),
    ),
    (
        "HTTP_STATUS_PAYMENT_REQUIRED",
        Constant::Num(HTTP_STATUS_PAYMENT_REQUIRED as i64),
    ),
    (
        "HTTP_STATUS_FORBIDDEN",
        Constant::Num(HTTP_STATUS_FORBIDDEN as i64),
    ),
    (
        "HTTP_STATUS_NOT_FOUND",
        Constant::Num(HTTP_STATUS_NOT_FOUND as i64),
    ),
    (
        "HTTP_STATUS_METHOD_NOT_ALLOWED",
        Constant::Num(HTTP_STATUS_METHOD_NOT_ALLOWED as i64),
    ),
    (
        "HTTP_STATUS_NOT_ACCEPTABLE",
        Constant::Num(HTTP_STATUS_NOT_ACCEPTABLE as i64),
    ),
    (
        "HTTP_STATUS_PROXY_AUTHENTICATION_REQUIRED",
        Constant::Num(HTTP_STATUS_PROXY_AUTHENTICATION_REQUIRED as i64),
    ),
    (
        "HTTP_STATUS_REQUEST_TIMEOUT",
        Constant::Num(HTTP_STATUS_REQUEST_TIMEOUT as i64),
    ),
    (
        "HTTP_STATUS_CONFLICT",
        Constant::Num(HTTP_STATUS_CONFLICT as i64),
    ),
    ("HTTP_STATUS_GONE", Constant::Num(HTTP_STATUS_GONE as i64)),
    (
        "HTTP_STATUS_LENGTH_REQUIRED",
        Constant::Num(HTTP_STATUS_LENGTH_REQUIRED as i64),
    ),
    (
        "HTTP_STATUS_PRECONDITION_FAILED",
        Constant::Num(HTTP_STATUS_PRECONDITION_FAILED as i64),
    ),
    (
        "HTTP_STATUS_PAYLOAD_TOO_LARGE",
        Constant::Num(HTTP_STATUS_PAYLOAD_TOO_LARGE as i64),
    ),
    (
        "HTTP_STATUS_URI_TOO_LONG",
        Constant::Num(HTTP_STATUS_URI_TOO_LONG as i64),
    ),
    (
        "HTTP_STATUS_UNSUPPORTED_MEDIA_TYPE",
        Constant::Num(HTTP_STATUS_UNSUPPORTED_MEDIA_TYPE as i64),
    ),
    (
        "HTTP_STATUS_RANGE_NOT_SATISFIABLE",
        Constant::Num(HTTP_STATUS_RANGE_NOT_SATISFIABLE as i64),
    ),
    (
        "HTTP_STATUS_EXPECTATION_FAILED",
        Constant::Num(HTTP_STATUS_EXPECTATION_FAILED as i64),
    ),
    (
        "HTTP_STATUS_TEAPOT",
        Constant::Num(HTTP_STATUS_TEAPOT as i64),
    ),
    (
        "HTTP_STATUS_MISDIRECTED_REQUEST",
        Constant::Num(HTTP_STATUS_MISDIRECTED_REQUEST as i64),
    ),
    (
        "HTTP_STATUS_UNPROCESSABLE_ENTITY",
        Constant::Num(HTTP_STATUS_UNPROCESSABLE_ENTITY as i64),
    ),
    (
        "HTTP_STATUS_LOCKED",
        Constant::Num(HTTP_STATUS_LOCKED as i64),
    ),
    (
        "HTTP_STATUS_FAILED_DEPENDENCY",
        Constant::Num(HTTP_STATUS_FAILED_DEPENDENCY as i64),
    ),
    (
        "HTTP_STATUS_TOO_EARLY",
        Constant::Num(HTTP_STATUS_TOO_EARLY as i64),
    ),
    (
        "HTTP_STATUS_UPGRADE_REQUIRED",
        Constant::Num(HTTP_STATUS_UPGRADE_REQUIRED as i64),
    ),
    (
        "HTTP_STATUS_PRECONDITION_REQUIRED",
        Constant::Num(HTTP_STATUS_PRECONDITION_REQUIRED as i64),
    ),
    (
        "HTTP_STATUS_TOO_MANY_REQUESTS",
        Constant::Num(HTTP_STATUS_TOO_MANY_REQUESTS as i64),
    ),
    (
        "HTTP_STATUS_REQUEST_HEADER_FIELDS_TOO_LARGE",
        Constant::Num(HTTP_STATUS_REQUEST_HEADER_FIELDS_TOO_LARGE as i64),
    ),
    (
        "HTTP_STATUS_UNAVAILABLE_FOR_LEGAL_REASONS",
        Constant::Num(HTTP_STATUS_UNAVAILABLE_FOR_LEGAL_REASONS as i64),
    ),
    (
        "HTTP_STATUS_INTERNAL_SERVER_ERROR",
        Constant::Num(HTTP_STATUS_INTERNAL_SERVER_ERROR as i64),
    ),
    (
        "HTTP_STATUS_NOT_IMPLEMENTED",
        Constant::Num(HTTP_STATUS_NOT_IMPLEMENTED as i64),
    ),
    (
        "HTTP_STATUS_BAD_GATEWAY",
        Constant::Num(HTTP_STATUS_BAD_GATEWAY as i64),
    ),
    (
        "HTTP_STATUS_SERVICE_UNAVAILABLE",
        Constant::Num(HTTP_STATUS_SERVICE_UNAVAILABLE as i64),
    ),
    (
        "HTTP_STATUS_GATEWAY_TIMEOUT",
        Constant::Num(HTTP_STATUS_GATEWAY_TIMEOUT as i64),
    ),
    (
        "HTTP_STATUS_HTTP_VERSION_NOT_SUPPORTED",
        Constant::Num(HTTP_STATUS_HTTP_VERSION_NOT_SUPPORTED as i64),
    ),
    (
        "HTTP_STATUS_VARIANT_ALSO_NEGOTIATES",
        Constant::Num(HTTP_STATUS_VARIANT_ALSO_NEGOTIATES as i64),
    ),
    (
        "HTTP_STATUS_INSUFFICIENT_STORAGE",
        Constant::Num(HTTP_STATUS_INSUFFICIENT_STORAGE as i64),
    ),
    (
        "HTTP_STATUS_LOOP_DETECTED",
        Constant::Num(HTTP_STATUS_LOOP_DETECTED as i64),
    ),
    (
        "HTTP_STATUS_BANDWIDTH_LIMIT_EXCEEDED",
        Constant::Num(HTTP_STATUS_BANDWIDTH_LIMIT_EXCEEDED as i64),
    ),
    (
        "HTTP_STATUS_NOT_EXTENDED",
        Constant::Num(HTTP_STATUS_NOT_EXTENDED as i64),
    ),
    (
        "HTTP_STATUS_NETWORK_AUTHENTICATION_REQUIRED",
        Constant::Num(HTTP_STATUS_NETWORK_AUTHENTICATION_REQUIRED as i64),
    ),
];
