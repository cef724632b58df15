//! A small frame DSL for playing a scripted (and hostile) peer against the core, in the
//! spirit of hyperium/h2's `h2-support`: it builds raw frames byte by byte and parses what the
//! core sends, without using the crate's own frame codec or HPACK encoder, so a test checks
//! the core against bytes written independently of it.
#![allow(dead_code)]

pub const DATA: u8 = 0x0;
pub const HEADERS: u8 = 0x1;
pub const PRIORITY: u8 = 0x2;
pub const RST_STREAM: u8 = 0x3;
pub const SETTINGS: u8 = 0x4;
pub const PUSH_PROMISE: u8 = 0x5;
pub const PING: u8 = 0x6;
pub const GOAWAY: u8 = 0x7;
pub const WINDOW_UPDATE: u8 = 0x8;
pub const CONTINUATION: u8 = 0x9;

pub const END_STREAM: u8 = 0x1;
pub const ACK: u8 = 0x1;
pub const END_HEADERS: u8 = 0x4;
pub const PADDED: u8 = 0x8;
pub const PRIORITY_FLAG: u8 = 0x20;

pub const PREFACE: &[u8] = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";

/// RFC 9113 §7 error codes.
pub mod code {
    pub const NO_ERROR: u32 = 0x0;
    pub const PROTOCOL_ERROR: u32 = 0x1;
    pub const INTERNAL_ERROR: u32 = 0x2;
    pub const FLOW_CONTROL_ERROR: u32 = 0x3;
    pub const STREAM_CLOSED: u32 = 0x5;
    pub const FRAME_SIZE_ERROR: u32 = 0x6;
    pub const REFUSED_STREAM: u32 = 0x7;
    pub const CANCEL: u32 = 0x8;
    pub const COMPRESSION_ERROR: u32 = 0x9;
    pub const ENHANCE_YOUR_CALM: u32 = 0xb;
}

/// RFC 9113 §6.5.2 setting identifiers.
pub mod setting {
    pub const HEADER_TABLE_SIZE: u16 = 0x1;
    pub const ENABLE_PUSH: u16 = 0x2;
    pub const MAX_CONCURRENT_STREAMS: u16 = 0x3;
    pub const INITIAL_WINDOW_SIZE: u16 = 0x4;
    pub const MAX_FRAME_SIZE: u16 = 0x5;
    pub const MAX_HEADER_LIST_SIZE: u16 = 0x6;
    pub const ENABLE_CONNECT_PROTOCOL: u16 = 0x8;
}

/// One raw frame.
pub fn frame(kind: u8, flags: u8, stream: u32, payload: &[u8]) -> Vec<u8> {
    let len = payload.len();
    let mut v = vec![(len >> 16) as u8, (len >> 8) as u8, len as u8, kind, flags];
    v.extend_from_slice(&stream.to_be_bytes());
    v.extend_from_slice(payload);
    v
}

pub fn settings(entries: &[(u16, u32)]) -> Vec<u8> {
    let mut p = Vec::new();
    for (id, value) in entries {
        p.extend_from_slice(&id.to_be_bytes());
        p.extend_from_slice(&value.to_be_bytes());
    }
    frame(SETTINGS, 0, 0, &p)
}

pub fn settings_ack() -> Vec<u8> {
    frame(SETTINGS, ACK, 0, &[])
}

pub fn data(stream: u32, payload: &[u8], end_stream: bool) -> Vec<u8> {
    frame(DATA, if end_stream { END_STREAM } else { 0 }, stream, payload)
}

pub fn padded_data(stream: u32, payload: &[u8], pad: u8, end_stream: bool) -> Vec<u8> {
    let mut p = vec![pad];
    p.extend_from_slice(payload);
    p.extend(std::iter::repeat_n(0, pad as usize));
    frame(DATA, PADDED | if end_stream { END_STREAM } else { 0 }, stream, &p)
}

pub fn headers(stream: u32, block: &[u8], flags: u8) -> Vec<u8> {
    frame(HEADERS, flags, stream, block)
}

pub fn headers_with_priority(stream: u32, block: &[u8], flags: u8, dep: u32, exclusive: bool, weight: u8) -> Vec<u8> {
    let mut p = (dep | if exclusive { 1 << 31 } else { 0 }).to_be_bytes().to_vec();
    p.push(weight);
    p.extend_from_slice(block);
    frame(HEADERS, flags | PRIORITY_FLAG, stream, &p)
}

pub fn continuation(stream: u32, block: &[u8], end_headers: bool) -> Vec<u8> {
    frame(CONTINUATION, if end_headers { END_HEADERS } else { 0 }, stream, block)
}

pub fn priority(stream: u32, dep: u32, exclusive: bool, weight: u8) -> Vec<u8> {
    let mut p = (dep | if exclusive { 1 << 31 } else { 0 }).to_be_bytes().to_vec();
    p.push(weight);
    frame(PRIORITY, 0, stream, &p)
}

pub fn rst_stream(stream: u32, code: u32) -> Vec<u8> {
    frame(RST_STREAM, 0, stream, &code.to_be_bytes())
}

pub fn ping(data: [u8; 8], ack: bool) -> Vec<u8> {
    frame(PING, if ack { ACK } else { 0 }, 0, &data)
}

pub fn goaway(last: u32, code: u32, debug: &[u8]) -> Vec<u8> {
    let mut p = last.to_be_bytes().to_vec();
    p.extend_from_slice(&code.to_be_bytes());
    p.extend_from_slice(debug);
    frame(GOAWAY, 0, 0, &p)
}

pub fn window_update(stream: u32, increment: u32) -> Vec<u8> {
    frame(WINDOW_UPDATE, 0, stream, &increment.to_be_bytes())
}

pub fn push_promise(stream: u32, promised: u32, block: &[u8], end_headers: bool) -> Vec<u8> {
    let mut p = promised.to_be_bytes().to_vec();
    p.extend_from_slice(block);
    frame(PUSH_PROMISE, if end_headers { END_HEADERS } else { 0 }, stream, &p)
}

/// HPACK "literal header field without indexing — new name" (RFC 7541 §6.2.2) for every
/// field, no Huffman: a block any decoder reads without touching its dynamic table.
pub fn block(fields: &[(&str, &str)]) -> Vec<u8> {
    let mut v = Vec::new();
    for (n, val) in fields {
        v.push(0x00);
        hpack_int(&mut v, 7, 0, n.len());
        v.extend_from_slice(n.as_bytes());
        hpack_int(&mut v, 7, 0, val.len());
        v.extend_from_slice(val.as_bytes());
    }
    v
}

/// HPACK "literal header field with incremental indexing — new name" (RFC 7541 §6.2.1):
/// the field enters the peer's dynamic table.
pub fn block_indexing(fields: &[(&str, &str)]) -> Vec<u8> {
    let mut v = Vec::new();
    for (n, val) in fields {
        v.push(0x40);
        hpack_int(&mut v, 7, 0, n.len());
        v.extend_from_slice(n.as_bytes());
        hpack_int(&mut v, 7, 0, val.len());
        v.extend_from_slice(val.as_bytes());
    }
    v
}

/// HPACK "indexed header field" (RFC 7541 §6.1) for table index `i`.
pub fn indexed(i: usize) -> Vec<u8> {
    let mut v = Vec::new();
    hpack_int(&mut v, 7, 0x80, i);
    v
}

/// RFC 7541 §5.1 prefix integer.
pub fn hpack_int(out: &mut Vec<u8>, prefix_bits: u8, first: u8, mut n: usize) {
    let max = (1usize << prefix_bits) - 1;
    if n < max {
        out.push(first | n as u8);
        return;
    }
    out.push(first | max as u8);
    n -= max;
    while n >= 128 {
        out.push((n % 128 + 128) as u8);
        n /= 128;
    }
    out.push(n as u8);
}

/// A typical GET request block.
pub fn get(path: &str) -> Vec<u8> {
    block(&[(":method", "GET"), (":scheme", "https"), (":authority", "localhost"), (":path", path)])
}

/// A frame the core sent, parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sent {
    pub kind: u8,
    pub flags: u8,
    pub stream: u32,
    pub payload: Vec<u8>,
}

impl Sent {
    pub fn error_code(&self) -> u32 {
        match self.kind {
            RST_STREAM => u32::from_be_bytes([self.payload[0], self.payload[1], self.payload[2], self.payload[3]]),
            GOAWAY => u32::from_be_bytes([self.payload[4], self.payload[5], self.payload[6], self.payload[7]]),
            _ => panic!("no error code in frame type {}", self.kind),
        }
    }
    pub fn goaway_last_stream(&self) -> u32 {
        assert_eq!(self.kind, GOAWAY);
        u32::from_be_bytes([self.payload[0], self.payload[1], self.payload[2], self.payload[3]]) & 0x7fff_ffff
    }
    pub fn window_increment(&self) -> u32 {
        assert_eq!(self.kind, WINDOW_UPDATE);
        u32::from_be_bytes([self.payload[0], self.payload[1], self.payload[2], self.payload[3]]) & 0x7fff_ffff
    }
    pub fn settings(&self) -> Vec<(u16, u32)> {
        assert_eq!(self.kind, SETTINGS);
        self.payload
            .chunks(6)
            .map(|c| (u16::from_be_bytes([c[0], c[1]]), u32::from_be_bytes([c[2], c[3], c[4], c[5]])))
            .collect()
    }
    /// GOAWAY debug data, as text.
    pub fn goaway_debug(&self) -> String {
        assert_eq!(self.kind, GOAWAY);
        String::from_utf8_lossy(&self.payload[8..]).into_owned()
    }
    pub fn is(&self, kind: u8) -> bool {
        self.kind == kind
    }
    pub fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }
}

/// Splits raw output into frames (and strips a leading client preface).
pub fn parse(mut bytes: &[u8]) -> Vec<Sent> {
    if bytes.starts_with(PREFACE) {
        bytes = &bytes[PREFACE.len()..];
    }
    let mut out = Vec::new();
    while bytes.len() >= 9 {
        let len = (usize::from(bytes[0]) << 16) | (usize::from(bytes[1]) << 8) | usize::from(bytes[2]);
        assert!(bytes.len() >= 9 + len, "truncated frame in output");
        out.push(Sent {
            kind: bytes[3],
            flags: bytes[4],
            stream: u32::from_be_bytes([bytes[5], bytes[6], bytes[7], bytes[8]]) & 0x7fff_ffff,
            payload: bytes[9..9 + len].to_vec(),
        });
        bytes = &bytes[9 + len..];
    }
    assert!(bytes.is_empty(), "trailing bytes in output");
    out
}
