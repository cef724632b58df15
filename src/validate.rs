//! Header field rules (API OBJ-5; RFC 9113 §8.2, §8.3, §8.4, §8.5), on both sides:
//!
//! - **Sending** (what Node throws synchronously before a HEADERS frame is built):
//!   [`check_header_name`], [`check_header_value`], and [`SendChecker`], which applies Node's
//!   `mapToHeaders` rules entry by entry (single-value headers, pseudo-headers per block kind,
//!   connection-specific fields, `te`). Plus the whole-block checks Node does in `request()`,
//!   `respond()` and `additionalHeaders()`: [`check_connect_request`], [`check_response_status`],
//!   [`check_info_status`]. Errors carry Node's codes and messages (checked with Node 20).
//! - **Receiving**: [`BlockChecker`], fed each decoded field of a header block as HPACK yields
//!   it, so nothing is built twice; [`BlockChecker::finish`] gives the [`BlockInfo`] the core
//!   needs, or [`Malformed`] naming the broken rule, which the core turns into a stream
//!   PROTOCOL_ERROR (RFC 9113 §8.1.1).

use crate::Error;
use std::fmt;

// ------------------------------------------------------------------------------------------
// Sending side
// ------------------------------------------------------------------------------------------

/// RFC 9110 §5.6.2 tchar: the characters OBJ-5 allows in header names (a table: names are
/// checked byte by byte on every request and response).
const TCHAR: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = b.is_ascii_alphanumeric() || matches!(b, b'!' | b'#' | b'$' | b'%' | b'&' | b'\'' | b'*' | b'+' | b'-' | b'.' | b'^' | b'_' | b'`' | b'|' | b'~');
        c += 1;
    }
    t
};

fn is_tchar(c: u8) -> bool {
    TCHAR[usize::from(c)]
}

/// OBJ-5: a header name must be a non-empty HTTP token (upper case allowed: names are sent
/// lower-cased). Node: `TypeError [ERR_INVALID_HTTP_TOKEN]: Header name must be a valid HTTP
/// token ["x y"]`. Pseudo-header names (":path") are not tokens: see [`SendChecker`].
pub fn check_header_name(name: &str) -> Result<(), Error> {
    if is_token(name) {
        Ok(())
    } else {
        Err(token_error(name))
    }
}

fn is_token(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(is_tchar)
}

fn token_error(name: &str) -> Error {
    Error::type_error(
        "ERR_INVALID_HTTP_TOKEN",
        format!("Header name must be a valid HTTP token [\"{name}\"]"),
    )
}

fn invalid_char(name: &str) -> Error {
    Error::type_error(
        "ERR_INVALID_CHAR",
        format!("Invalid character in header content [\"{name}\"]"),
    )
}

/// A header value must not contain NUL, CR or LF: the peer would treat the message as
/// malformed (RFC 9113 §8.2.1), and CR/LF would split it in HTTP/1 gateways. Node:
/// `TypeError [ERR_INVALID_CHAR]: Invalid character in header content ["name"]`.
/// Leading/trailing whitespace is let through, as Node does.
pub fn check_header_value(name: &str, value: &str) -> Result<(), Error> {
    if has_nul_cr_or_lf(value.as_bytes()) {
        Err(invalid_char(name))
    } else {
        Ok(())
    }
}

/// Node's `http.validateHeaderValue` (the compat API, RES-6): only HTAB, visible ASCII, SP
/// and U+0080..U+00FF; any other control character or code point is `ERR_INVALID_CHAR`.
pub fn check_header_value_strict(name: &str, value: &str) -> Result<(), Error> {
    if value
        .chars()
        .all(|c| c == '\t' || (' '..='~').contains(&c) || ('\u{80}'..='\u{ff}').contains(&c))
    {
        Ok(())
    } else {
        Err(invalid_char(name))
    }
}

/// Node's `kSingleValueHeaders`: fields that may be given only once per block. The list as
/// Node has it; `single_value_index` holds it by length, and a test checks the two agree.
const SINGLE_VALUE: [&str; 40] = [
    ":status",
    ":method",
    ":authority",
    ":scheme",
    ":path",
    ":protocol",
    "access-control-allow-credentials",
    "access-control-max-age",
    "access-control-request-method",
    "age",
    "authorization",
    "content-encoding",
    "content-language",
    "content-length",
    "content-location",
    "content-md5",
    "content-range",
    "content-type",
    "date",
    "dnt",
    "etag",
    "expires",
    "from",
    "host",
    "if-match",
    "if-modified-since",
    "if-none-match",
    "if-range",
    "if-unmodified-since",
    "last-modified",
    "location",
    "max-forwards",
    "proxy-authorization",
    "range",
    "referer",
    "retry-after",
    "tk",
    "upgrade-insecure-requests",
    "user-agent",
    "x-content-type-options",
];

/// For each static table name (by its index among them, see `hpack::static_name_id_by_address`):
/// 1 + its index in `SINGLE_VALUE`, or 0. Names a `Headers` holds are mostly these.
static SINGLE_BY_STATIC_NAME: [u8; 52] = {
    let mut out = [0u8; 52];
    let mut id = 0;
    while id < 52 {
        let name = crate::hpack::STATIC_NAMES[id].as_bytes();
        let mut i = 0;
        while i < SINGLE_VALUE.len() {
            if crate::hpack::same_const(name, SINGLE_VALUE[i].as_bytes()) {
                out[id] = i as u8 + 1;
            }
            i += 1;
        }
        id += 1;
    }
    out
};

fn single_value_index(name: &str) -> Option<usize> {
    // Only names of the same length can match: every header of every block is looked up.
    let candidates: &[(usize, &str)] = match name.len() {
        2 => &[(36, "tk")],
        3 => &[(9, "age"), (19, "dnt")],
        4 => &[(18, "date"), (20, "etag"), (22, "from"), (23, "host")],
        5 => &[(4, ":path"), (33, "range")],
        7 => &[(0, ":status"), (1, ":method"), (3, ":scheme"), (21, "expires"), (34, "referer")],
        8 => &[(24, "if-match"), (27, "if-range"), (30, "location")],
        9 => &[(5, ":protocol")],
        10 => &[(2, ":authority"), (38, "user-agent")],
        11 => &[(15, "content-md5"), (35, "retry-after")],
        12 => &[(17, "content-type"), (31, "max-forwards")],
        13 => &[(10, "authorization"), (16, "content-range"), (26, "if-none-match"), (29, "last-modified")],
        14 => &[(13, "content-length")],
        16 => &[(11, "content-encoding"), (12, "content-language"), (14, "content-location")],
        17 => &[(25, "if-modified-since")],
        19 => &[(28, "if-unmodified-since"), (32, "proxy-authorization")],
        22 => &[(7, "access-control-max-age"), (39, "x-content-type-options")],
        25 => &[(37, "upgrade-insecure-requests")],
        29 => &[(8, "access-control-request-method")],
        32 => &[(6, "access-control-allow-credentials")],
        _ => &[],
    };
    // Names are nearly always lower-case already (a `Headers` stores them so): the exact
    // compare settles them; the byte-by-byte case fold is for the rest.
    candidates.iter().find(|(_, s)| *s == name || s.eq_ignore_ascii_case(name)).map(|&(i, _)| i)
}

/// Whether Node allows `name` (any case) only once per header block.
pub fn is_single_value_header(name: &str) -> bool {
    single_value_index(name).is_some()
}

/// RFC 9113 §8.2.2 and Node's `isIllegalConnectionSpecificHeader`: connection-specific fields
/// (and `http2-settings`, which only means something in an HTTP/1 upgrade), and `te` with any
/// value but `trailers`. `name` in any case; `value` is the single value given (Node compares
/// it case-sensitively, and a `te` with several values is always refused).
pub fn is_connection_specific(name: &str, value: Option<&str>) -> bool {
    const FORBIDDEN: [&str; 6] = [
        "connection",
        "upgrade",
        "http2-settings",
        "keep-alive",
        "proxy-connection",
        "transfer-encoding",
    ];
    if FORBIDDEN.iter().any(|f| f.eq_ignore_ascii_case(name)) {
        return true;
    }
    name.eq_ignore_ascii_case("te") && value != Some("trailers")
}

/// Which header block a [`SendChecker`] checks, deciding which pseudo-headers are allowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SendKind {
    /// `session.request()` and `stream.pushStream()`: :method, :authority, :scheme, :path,
    /// :protocol. (Node also lets :status through here; we refuse it, since the peer would
    /// reset the stream as malformed, RFC 9113 §8.3.)
    Request,
    /// `respond()` and `additionalHeaders()`: only :status.
    Response,
    /// Trailers (`getTrailers`, `sendTrailers`): no pseudo-header at all (RFC 9113 §8.1).
    Trailers,
}

fn invalid_pseudo(name: &str) -> Error {
    Error::type_error(
        "ERR_HTTP2_INVALID_PSEUDOHEADER",
        format!("\"{name}\" is an invalid pseudoheader or is used incorrectly"),
    )
}

/// Node's `assertValidPseudoHeader*` for one block kind. `name` as given (compared lower-cased).
pub fn check_pseudo_header(kind: SendKind, name: &str) -> Result<(), Error> {
    const REQUEST: [&str; 5] = [":method", ":authority", ":scheme", ":path", ":protocol"];
    let ok = match kind {
        SendKind::Request => REQUEST.iter().any(|p| *p == name || p.eq_ignore_ascii_case(name)),
        SendKind::Response => name == ":status" || name.eq_ignore_ascii_case(":status"),
        SendKind::Trailers => false,
    };
    if ok {
        Ok(())
    } else {
        Err(invalid_pseudo(&name.to_ascii_lowercase()))
    }
}

/// Checks an outgoing header list entry by entry, as Node's `mapToHeaders` does, in its order:
/// single-value headers given twice or with several values (`ERR_HTTP2_HEADER_SINGLE_VALUE`),
/// pseudo-headers not allowed in this block (`ERR_HTTP2_INVALID_PSEUDOHEADER`), names that are
/// not tokens (`ERR_INVALID_HTTP_TOKEN`), connection-specific fields and `te` other than
/// `trailers` (`ERR_HTTP2_INVALID_CONNECTION_HEADERS`); then each value
/// ([`check_header_value`]). All are TypeErrors, as in Node.
#[derive(Clone, Debug)]
pub struct SendChecker {
    kind: SendKind,
    /// Bit i: `SINGLE_VALUE[i]` was already given.
    singles: u64,
}

impl SendChecker {
    pub fn new(kind: SendKind) -> SendChecker {
        SendChecker { kind, singles: 0 }
    }

    /// One header entry: a name (any case) and its values (an array in JS; one value is a
    /// one-element slice). Returns `Ok(false)` when Node would silently drop the entry (an
    /// empty name, or no values): do not send it.
    pub fn header<V: AsRef<str>>(&mut self, name: &str, values: &[V]) -> Result<bool, Error> {
        if name.is_empty() || values.is_empty() {
            return Ok(false);
        }
        // A static table name (as `Headers` stores the names it knows, by address): a lower-case
        // token whose single-value index is in a table; of the connection-specific names only
        // transfer-encoding is one of them.
        let known = crate::hpack::static_name_id_by_address(name.as_bytes());
        let single = match known {
            Some(id) => SINGLE_BY_STATIC_NAME.get(usize::from(id)).and_then(|&k| k.checked_sub(1)).map(usize::from),
            None => single_value_index(name),
        };
        if let Some(i) = single {
            let bit = 1u64 << i;
            if values.len() > 1 || self.singles & bit != 0 {
                return Err(Error::type_error(
                    "ERR_HTTP2_HEADER_SINGLE_VALUE",
                    format!(
                        "Header field \"{}\" must only have a single value",
                        name.to_ascii_lowercase()
                    ),
                ));
            }
            self.singles |= bit;
        }
        if name.starts_with(':') {
            check_pseudo_header(self.kind, name)?;
        } else {
            // Node lower-cases the name before checking it, and names it so in the message.
            if known.is_none() && !is_token(name) {
                return Err(token_error(&name.to_ascii_lowercase()));
            }
            let single = match values {
                [one] => Some(one.as_ref()),
                _ => None,
            };
            if (known.is_none() || name == "transfer-encoding") && is_connection_specific(name, single) {
                return Err(Error::type_error(
                    "ERR_HTTP2_INVALID_CONNECTION_HEADERS",
                    format!(
                        "HTTP/1 Connection specific headers are forbidden: \"{}\"",
                        name.to_ascii_lowercase()
                    ),
                ));
            }
        }
        for v in values {
            check_header_value(name, v.as_ref())
                .map_err(|_| invalid_char(&name.to_ascii_lowercase()))?;
        }
        Ok(true)
    }
}

/// CONN-1 / RFC 9113 §8.5: a CONNECT request (without `:protocol`) needs `:authority` and
/// must not have `:scheme` or `:path`. Node's checks in `request()`, in its order.
pub fn check_connect_request(
    has_authority: bool,
    has_scheme: bool,
    has_path: bool,
) -> Result<(), Error> {
    if !has_authority {
        return Err(Error::new(
            "ERR_HTTP2_CONNECT_AUTHORITY",
            ":authority header is required for CONNECT requests",
        ));
    }
    if has_scheme {
        return Err(Error::new(
            "ERR_HTTP2_CONNECT_SCHEME",
            "The :scheme header is forbidden for CONNECT requests",
        ));
    }
    if has_path {
        return Err(Error::new(
            "ERR_HTTP2_CONNECT_PATH",
            "The :path header is forbidden for CONNECT requests",
        ));
    }
    Ok(())
}

/// Node's `respond()` check: a final status is 200..=599 (`RangeError
/// [ERR_HTTP2_STATUS_INVALID]: Invalid status code: 99`).
pub fn check_response_status(status: u32) -> Result<(), Error> {
    if (200..=599).contains(&status) {
        Ok(())
    } else {
        Err(Error::range_error(
            "ERR_HTTP2_STATUS_INVALID",
            format!("Invalid status code: {status}"),
        ))
    }
}

/// Node's `additionalHeaders()` check (SST-1): 101 is forbidden in HTTP/2 (RFC 9113 §8.6),
/// and an informational status is 100..=199.
pub fn check_info_status(status: u32) -> Result<(), Error> {
    if status == 101 {
        return Err(Error::new(
            "ERR_HTTP2_STATUS_101",
            "HTTP status code 101 (Switching Protocols) is forbidden in HTTP/2",
        ));
    }
    if (100..200).contains(&status) {
        Ok(())
    } else {
        Err(Error::range_error(
            "ERR_HTTP2_INVALID_INFO_STATUS",
            format!("Invalid informational status code: {status}"),
        ))
    }
}

// ------------------------------------------------------------------------------------------
// Receiving side
// ------------------------------------------------------------------------------------------

/// Which header block is being received.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    /// A request's HEADERS (server side).
    Request,
    /// A response's HEADERS, final or informational (client side).
    Response,
    /// A trailing HEADERS block (either side).
    Trailers,
    /// The request carried by PUSH_PROMISE (client side).
    PushPromise,
}

/// A request method, as far as the core cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Head,
    Post,
    Put,
    Delete,
    Connect,
    Options,
    Trace,
    Patch,
    /// Any other token.
    Other,
}

impl Method {
    fn parse(v: &[u8]) -> Method {
        match v {
            b"GET" => Method::Get,
            b"HEAD" => Method::Head,
            b"POST" => Method::Post,
            b"PUT" => Method::Put,
            b"DELETE" => Method::Delete,
            b"CONNECT" => Method::Connect,
            b"OPTIONS" => Method::Options,
            b"TRACE" => Method::Trace,
            b"PATCH" => Method::Patch,
            _ => Method::Other,
        }
    }
}

/// A broken rule that makes a header block malformed (RFC 9113 §8.1.1): the core resets the
/// stream with PROTOCOL_ERROR. `reason` cites the RFC section.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Malformed {
    pub reason: &'static str,
}

impl fmt::Display for Malformed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "malformed header block: {}", self.reason)
    }
}

impl std::error::Error for Malformed {}

/// What a valid header block tells the core.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BlockInfo {
    /// `:method` (requests and pushed requests).
    pub method: Option<Method>,
    /// `:status` (responses).
    pub status: Option<u16>,
    /// `content-length`, all copies agreeing (RFC 9113 §8.1.1: DATA must add up to it).
    pub content_length: Option<u64>,
    /// `:protocol` was present (RFC 8441 extended CONNECT; the core must refuse it unless it
    /// sent SETTINGS_ENABLE_CONNECT_PROTOCOL = 1).
    pub has_protocol: bool,
}

impl BlockInfo {
    /// RFC 9113 §8.5: a CONNECT request (plain or extended).
    pub fn is_connect(&self) -> bool {
        self.method == Some(Method::Connect)
    }

    /// The response to HEAD has no content whatever its content-length (RFC 9110 §9.3.2).
    pub fn is_head(&self) -> bool {
        self.method == Some(Method::Head)
    }

    /// A 1xx response: more HEADERS follow on the stream (RFC 9113 §8.1).
    pub fn is_informational(&self) -> bool {
        matches!(self.status, Some(100..=199))
    }
}

// Pseudo-header bits.
const P_METHOD: u8 = 1;
const P_SCHEME: u8 = 2;
const P_AUTHORITY: u8 = 4;
const P_PATH: u8 = 8;
const P_PROTOCOL: u8 = 16;
const P_STATUS: u8 = 32;

const fn bad(reason: &'static str) -> Malformed {
    Malformed { reason }
}

/// Checks a received header block field by field, then as a whole (RFC 9113 §8.2, §8.3).
/// Once a field fails, the checker keeps that first error: later calls and `finish` return it.
#[derive(Clone, Debug)]
pub struct BlockChecker {
    kind: BlockKind,
    pseudo: u8,
    regular_seen: bool,
    info: BlockInfo,
    path_empty: bool,
    scheme_is_http: bool,
    failed: Option<Malformed>,
}

impl BlockChecker {
    pub fn new(kind: BlockKind) -> BlockChecker {
        BlockChecker {
            kind,
            pseudo: 0,
            regular_seen: false,
            info: BlockInfo::default(),
            path_empty: false,
            scheme_is_http: false,
            failed: None,
        }
    }

    /// One decoded field, in block order.
    pub fn field(&mut self, name: &[u8], value: &[u8]) -> Result<(), Malformed> {
        if let Some(e) = self.failed {
            return Err(e);
        }
        let r = self.check_field(name, value);
        if let Err(e) = r {
            self.failed = Some(e);
        }
        r
    }

    /// Every field of a complete block, in order, then the block as a whole: what `finish`
    /// gives, or the first broken rule.
    pub fn check_all<'a>(mut self, fields: impl IntoIterator<Item = (&'a [u8], &'a [u8])>) -> Result<BlockInfo, Malformed> {
        for (name, value) in fields {
            self.field(name, value)?;
        }
        self.finish()
    }

    fn check_field(&mut self, name: &[u8], value: &[u8]) -> Result<(), Malformed> {
        check_value_chars(value)?;
        match name.split_first() {
            None => Err(bad("RFC 9110 §5.1: empty field name")),
            Some((b':', rest)) => self.pseudo_field(rest, value),
            Some(_) => self.regular_field(name, value),
        }
    }

    fn pseudo_field(&mut self, rest: &[u8], value: &[u8]) -> Result<(), Malformed> {
        // RFC 9113 §8.3: pseudo-header fields come before all regular fields.
        if self.regular_seen {
            return Err(bad(
                "RFC 9113 §8.3: pseudo-header field after a regular field",
            ));
        }
        let request = matches!(self.kind, BlockKind::Request | BlockKind::PushPromise);
        let bit =
            match (rest, self.kind) {
                (_, BlockKind::Trailers) => {
                    return Err(bad("RFC 9113 §8.1: pseudo-header field in trailers"))
                }
                (b"method", _) if request => P_METHOD,
                (b"scheme", _) if request => P_SCHEME,
                (b"authority", _) if request => P_AUTHORITY,
                (b"path", _) if request => P_PATH,
                (b"protocol", _) if request => P_PROTOCOL,
                (b"status", BlockKind::Response) => P_STATUS,
                _ => return Err(bad(
                    "RFC 9113 §8.3: unknown pseudo-header field, or one not allowed in this block",
                )),
            };
        if self.pseudo & bit != 0 {
            return Err(bad("RFC 9113 §8.3: duplicated pseudo-header field"));
        }
        self.pseudo |= bit;
        match bit {
            P_METHOD => {
                // RFC 9110 §9.1: method = token.
                if value.is_empty() || !value.iter().all(|&c| is_tchar(c)) {
                    return Err(bad("RFC 9110 §9.1: :method is not a token"));
                }
                self.info.method = Some(Method::parse(value));
            }
            P_SCHEME => {
                if value.is_empty() {
                    return Err(bad("RFC 9113 §8.3.1: empty :scheme"));
                }
                self.scheme_is_http =
                    value.eq_ignore_ascii_case(b"http") || value.eq_ignore_ascii_case(b"https");
            }
            P_PATH => self.path_empty = value.is_empty(),
            P_PROTOCOL => self.info.has_protocol = true,
            P_STATUS => self.info.status = Some(parse_status(value)?),
            _ => {}
        }
        Ok(())
    }

    fn regular_field(&mut self, name: &[u8], value: &[u8]) -> Result<(), Malformed> {
        self.regular_seen = true;
        // A static table name (known by its address, as the decoder hands them on) is valid
        // and none of the connection-specific ones but transfer-encoding.
        if crate::hpack::static_name_id_by_address(name).is_some() && name != b"transfer-encoding" && name != b"content-length" {
            return Ok(());
        }
        // RFC 9113 §8.2.1: no 0x00-0x20, no upper case, no 0x7f-0xff; no colon outside the
        // first position of a pseudo-header name.
        for &c in name {
            if c <= 0x20 || c.is_ascii_uppercase() || c >= 0x7f {
                return Err(bad("RFC 9113 §8.2.1: invalid character in field name"));
            }
            if c == b':' {
                return Err(bad("RFC 9113 §8.2.1: colon in a regular field name"));
            }
        }
        match name {
            // RFC 9113 §8.2.2: connection-specific fields make the message malformed.
            b"connection" | b"proxy-connection" | b"keep-alive" | b"transfer-encoding"
            | b"upgrade" => Err(bad("RFC 9113 §8.2.2: connection-specific field")),
            b"te" if !value.eq_ignore_ascii_case(b"trailers") => Err(bad(
                "RFC 9113 §8.2.2: te with a value other than \"trailers\"",
            )),
            b"content-length" => {
                let n = parse_content_length(value)?;
                match self.info.content_length {
                    Some(prev) if prev != n => {
                        Err(bad("RFC 9110 §8.6: content-length values disagree"))
                    }
                    _ => {
                        self.info.content_length = Some(n);
                        Ok(())
                    }
                }
            }
            _ => Ok(()),
        }
    }

    /// The block is complete (END_HEADERS seen): checks what must be present.
    pub fn finish(self) -> Result<BlockInfo, Malformed> {
        if let Some(e) = self.failed {
            return Err(e);
        }
        let p = self.pseudo;
        match self.kind {
            BlockKind::Trailers => {}
            BlockKind::Response => {
                if p & P_STATUS == 0 {
                    return Err(bad("RFC 9113 §8.3.2: response without :status"));
                }
            }
            BlockKind::Request | BlockKind::PushPromise => {
                if p & P_METHOD == 0 {
                    return Err(bad("RFC 9113 §8.3.1: request without :method"));
                }
                // RFC 9113 §8.4: promised requests must be safe and cacheable.
                if self.kind == BlockKind::PushPromise
                    && !matches!(self.info.method, Some(Method::Get | Method::Head))
                {
                    return Err(bad(
                        "RFC 9113 §8.4: pushed request is not safe and cacheable (GET or HEAD)",
                    ));
                }
                let connect = self.info.is_connect();
                if p & P_PROTOCOL != 0 && !connect {
                    return Err(bad(
                        "RFC 8441 §4: :protocol on a request other than CONNECT",
                    ));
                }
                if connect && p & P_PROTOCOL == 0 {
                    // RFC 9113 §8.5: CONNECT has :method and :authority only.
                    if p & P_AUTHORITY == 0 {
                        return Err(bad("RFC 9113 §8.5: CONNECT without :authority"));
                    }
                    if p & (P_SCHEME | P_PATH) != 0 {
                        return Err(bad("RFC 9113 §8.5: CONNECT with :scheme or :path"));
                    }
                } else {
                    // RFC 9113 §8.3.1 (and RFC 8441 §4 for extended CONNECT).
                    if p & P_SCHEME == 0 {
                        return Err(bad("RFC 9113 §8.3.1: request without :scheme"));
                    }
                    if p & P_PATH == 0 {
                        return Err(bad("RFC 9113 §8.3.1: request without :path"));
                    }
                    if self.path_empty && self.scheme_is_http {
                        return Err(bad("RFC 9113 §8.3.1: empty :path for an http or https URI"));
                    }
                }
            }
        }
        Ok(self.info)
    }
}

/// Whether `value` holds a NUL, CR or LF (RFC 9113 §8.2.1). Eight bytes at a time, the last
/// word overlapping the one before it, so no value takes a byte loop past three bytes.
fn has_nul_cr_or_lf(value: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Exact as a yes/no: nonzero iff some byte of `w` is zero.
    let zero = |w: u64| w.wrapping_sub(ONES) & !w & HIGH;
    let bad = |w: u64| zero(w) | zero(w ^ (ONES * u64::from(b'\r'))) | zero(w ^ (ONES * u64::from(b'\n'))) != 0;
    let n = value.len();
    if n >= 8 {
        let mut rest = value;
        while let Some((w, tail)) = rest.split_first_chunk::<8>() {
            if bad(u64::from_le_bytes(*w)) {
                return true;
            }
            rest = tail;
        }
        return !rest.is_empty() && value.last_chunk::<8>().is_some_and(|w| bad(u64::from_le_bytes(*w)));
    }
    if n >= 4 {
        // Two overlapping halves, as one word.
        return match (value.first_chunk::<4>(), value.last_chunk::<4>()) {
            (Some(a), Some(b)) => bad(u64::from(u32::from_le_bytes(*a)) | u64::from(u32::from_le_bytes(*b)) << 32),
            _ => false,
        };
    }
    value.iter().any(|&c| matches!(c, 0 | b'\r' | b'\n'))
}

/// RFC 9113 §8.2.1: no NUL, CR or LF anywhere; no SP or HTAB at either end.
fn check_value_chars(value: &[u8]) -> Result<(), Malformed> {
    if has_nul_cr_or_lf(value) {
        return Err(bad("RFC 9113 §8.2.1: NUL, CR or LF in field value"));
    }
    let ws = |c: &u8| matches!(*c, b' ' | b'\t');
    if value.first().is_some_and(ws) || value.last().is_some_and(ws) {
        return Err(bad(
            "RFC 9113 §8.2.1: whitespace at the start or end of a field value",
        ));
    }
    Ok(())
}

/// RFC 9113 §8.3.2 / RFC 9110 §15: three digits, 100..=999; RFC 9113 §8.6: not 101.
fn parse_status(v: &[u8]) -> Result<u16, Malformed> {
    let [a, b, c] = *v else {
        return Err(bad("RFC 9113 §8.3.2: :status is not three digits"));
    };
    if !(a.is_ascii_digit() && b.is_ascii_digit() && c.is_ascii_digit()) || a == b'0' {
        return Err(bad("RFC 9113 §8.3.2: :status is not three digits"));
    }
    let s = u16::from(a - b'0') * 100 + u16::from(b - b'0') * 10 + u16::from(c - b'0');
    if s == 101 {
        return Err(bad(
            "RFC 9113 §8.6: 101 (Switching Protocols) is not allowed in HTTP/2",
        ));
    }
    Ok(s)
}

/// RFC 9110 §8.6: `Content-Length = 1*DIGIT`, within u64.
fn parse_content_length(v: &[u8]) -> Result<u64, Malformed> {
    const WHY: &str = "RFC 9110 §8.6: content-length is not a number";
    if v.is_empty() {
        return Err(bad(WHY));
    }
    let mut n: u64 = 0;
    for &c in v {
        if !c.is_ascii_digit() {
            return Err(bad(WHY));
        }
        n = n
            .checked_mul(10)
            .and_then(|n| n.checked_add(u64::from(c - b'0')))
            .ok_or(bad(WHY))?;
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// OBJ-5: what `SendChecker` skips for a static table name holds for every one of them:
    /// each is a lower-case token (the pseudo-header names aside), only transfer-encoding is
    /// connection-specific, and the single-value table agrees with `single_value_index`.
    #[test]
    fn obj_5_static_names_are_tokens_and_their_single_value_table_agrees() {
        for (id, name) in crate::hpack::STATIC_NAMES.iter().enumerate() {
            if !name.starts_with(':') {
                assert!(is_token(name) && !name.bytes().any(|b| b.is_ascii_uppercase()), "{name}");
                assert_eq!(is_connection_specific(name, None), *name == "transfer-encoding", "{name}");
            }
            let by_table = SINGLE_BY_STATIC_NAME[id].checked_sub(1).map(usize::from);
            assert_eq!(by_table, single_value_index(name), "{name}");
        }
        // A copy of a static name (not at the shared address) takes the full path, same answer.
        let mut c = SendChecker::new(SendKind::Response);
        assert_eq!(c.header(String::from("content-type").as_str(), &["a"]), Ok(true));
        assert!(c.header(crate::hpack::static_name(b"content-type").unwrap(), &["b"]).is_err(), "content-type is single-value either way");
        let mut c = SendChecker::new(SendKind::Response);
        let te = crate::hpack::static_name(b"transfer-encoding").unwrap();
        assert!(c.header(te, &["chunked"]).is_err(), "transfer-encoding refused by its shared name too");
    }

    /// RFC 9113 §8.2.1: NUL, CR and LF are found at every position of values of every length,
    /// and no other byte is taken for one (bytes one bit away, high bytes).
    #[test]
    fn rfc9113_8_2_1_nul_cr_lf_found_anywhere_and_nothing_else() {
        let fillers: [u8; 8] = [b'a', 0x01, 0x0b, 0x0c, 0x0e, 0x8a, 0x8d, 0xff];
        for len in 0..=25 {
            for &fill in &fillers {
                let clean = vec![fill; len];
                assert!(!has_nul_cr_or_lf(&clean), "len {len} fill {fill:#x}");
                for at in 0..len {
                    for bad in [0u8, b'\r', b'\n'] {
                        let mut v = clean.clone();
                        v[at] = bad;
                        assert!(has_nul_cr_or_lf(&v), "len {len} at {at} byte {bad:#x}");
                    }
                }
            }
        }
        let mixed: Vec<u8> = (0u8..=255).filter(|b| !matches!(b, 0 | b'\r' | b'\n')).collect();
        assert!(!has_nul_cr_or_lf(&mixed));
    }

    // RFC 9110 §8.6: 1*DIGIT, no sign, no overflow.
    #[test]
    fn rfc9110_8_6_content_length_parsing() {
        assert_eq!(parse_content_length(b"0"), Ok(0));
        assert_eq!(parse_content_length(b"007"), Ok(7));
        assert_eq!(parse_content_length(b"18446744073709551615"), Ok(u64::MAX));
        for bad in [&b""[..], b"18446744073709551616", b"+1", b" 1", b"1 "] {
            assert!(parse_content_length(bad).is_err(), "{bad:?}");
        }
    }

    // RFC 9113 §8.3.2: three digits; RFC 9113 §8.6: not 101.
    #[test]
    fn rfc9113_8_3_2_status_parsing() {
        assert_eq!(parse_status(b"100"), Ok(100));
        assert_eq!(parse_status(b"999"), Ok(999));
        for bad in [&b"101"[..], b"099", b"1000", b"10", b"1a0", b"\xff\xff\xff"] {
            assert!(parse_status(bad).is_err(), "{bad:?}");
        }
    }
}

#[cfg(test)]
mod single_value_tests {
    use super::*;

    /// The by-length lookup finds every name of Node's single-value list, in any case, at its
    /// index in the list (the bit that records it), and nothing else.
    #[test]
    fn single_value_index_matches_the_list() {
        for (i, name) in SINGLE_VALUE.iter().enumerate() {
            assert_eq!(single_value_index(name), Some(i));
            assert_eq!(single_value_index(&name.to_ascii_uppercase()), Some(i));
        }
        for other in ["", "x-custom", "accept", "cookie", "set-cookie", "content-typ"] {
            assert_eq!(single_value_index(other), None);
        }
    }
}
