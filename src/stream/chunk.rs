//! The unit of data in streams: `Chunk` (Node's Buffer or, after `setEncoding`, string) and
//! what `write` accepts (`IntoChunk`), plus the string decoder behind `set_encoding`.

use std::borrow::Cow;
use std::fmt;
use std::ops::Deref;

use bytes::{Bytes, BytesMut};

use crate::Error;

/// A chunk delivered by `'data'` or `read()`: bytes, or text after `set_encoding` (then
/// always whole characters, never a UTF-8 sequence cut in two).
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Chunk {
    bytes: Bytes,
    text: bool,
}

impl Chunk {
    pub fn new(bytes: Bytes) -> Chunk {
        Chunk { bytes, text: false }
    }
    pub(crate) fn from_text(s: String) -> Chunk {
        Chunk { bytes: Bytes::from(s), text: true }
    }
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }
    /// The bytes (a cheap reference-counted clone).
    pub fn bytes(&self) -> Bytes {
        self.bytes.clone()
    }
    pub fn into_bytes(self) -> Bytes {
        self.bytes
    }
    /// The chunk as text: borrowed for text chunks, lossily decoded for binary ones.
    pub fn as_str(&self) -> Cow<'_, str> {
        String::from_utf8_lossy(&self.bytes)
    }
    /// Whether this chunk came through a string decoder (`set_encoding`).
    pub fn is_text(&self) -> bool {
        self.text
    }
    /// Bytes in the chunk (for text, its UTF-8 length).
    pub fn len(&self) -> usize {
        self.bytes.len()
    }
    /// Node's `chunk.length`: bytes for binary chunks, UTF-16 code units for text, as a
    /// JavaScript string counts them ('€' is one, '😀' two). The readable side's
    /// `readable_length`, `read(n)` and high-water mark count in these.
    pub fn units(&self) -> usize {
        if self.text {
            utf16_len(&self.bytes)
        } else {
            self.bytes.len()
        }
    }
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }
}

/// The UTF-16 length of UTF-8 text: one unit per character, two for those above U+FFFF
/// (the ones UTF-8 writes in four bytes).
pub(crate) fn utf16_len(utf8: &[u8]) -> usize {
    utf8.iter().map(|&b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0)).sum()
}

impl Deref for Chunk {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.bytes
    }
}

impl fmt::Debug for Chunk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.text {
            write!(f, "{:?}", self.as_str())
        } else {
            write!(f, "<Buffer {} bytes>", self.bytes.len())
        }
    }
}

impl fmt::Display for Chunk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.as_str())
    }
}

/// What `write`/`end` accept: strings (as UTF-8) and byte containers.
pub trait IntoChunk {
    fn into_bytes(self) -> Bytes;
}

impl IntoChunk for Bytes {
    fn into_bytes(self) -> Bytes {
        self
    }
}
impl IntoChunk for BytesMut {
    fn into_bytes(self) -> Bytes {
        self.freeze()
    }
}
impl IntoChunk for Vec<u8> {
    fn into_bytes(self) -> Bytes {
        Bytes::from(self)
    }
}
impl IntoChunk for String {
    fn into_bytes(self) -> Bytes {
        Bytes::from(self)
    }
}
impl IntoChunk for &String {
    fn into_bytes(self) -> Bytes {
        Bytes::copy_from_slice(self.as_bytes())
    }
}
impl IntoChunk for &str {
    fn into_bytes(self) -> Bytes {
        Bytes::copy_from_slice(self.as_bytes())
    }
}
impl IntoChunk for &[u8] {
    fn into_bytes(self) -> Bytes {
        Bytes::copy_from_slice(self)
    }
}
impl<const N: usize> IntoChunk for &[u8; N] {
    fn into_bytes(self) -> Bytes {
        Bytes::copy_from_slice(self)
    }
}
impl IntoChunk for Chunk {
    fn into_bytes(self) -> Bytes {
        self.bytes
    }
}
impl IntoChunk for &Chunk {
    fn into_bytes(self) -> Bytes {
        self.bytes.clone()
    }
}

/// Encodings `set_encoding` accepts (Node's names, case-insensitive).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Latin1,
    Ascii,
    Hex,
    Base64,
}

impl Encoding {
    pub fn parse(name: &str) -> Result<Encoding, Error> {
        match name.to_ascii_lowercase().as_str() {
            "utf8" | "utf-8" => Ok(Encoding::Utf8),
            "latin1" | "binary" => Ok(Encoding::Latin1),
            "ascii" => Ok(Encoding::Ascii),
            "hex" => Ok(Encoding::Hex),
            "base64" => Ok(Encoding::Base64),
            _ => Err(Error::type_error("ERR_UNKNOWN_ENCODING", format!("Unknown encoding: {name}"))),
        }
    }
}

/// Node's `StringDecoder`: turns byte chunks into text without splitting characters.
pub(crate) struct StringDecoder {
    encoding: Encoding,
    pending: Vec<u8>,
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

impl StringDecoder {
    pub(crate) fn new(encoding: Encoding) -> StringDecoder {
        StringDecoder { encoding, pending: Vec::new() }
    }

    pub(crate) fn write(&mut self, input: &[u8]) -> String {
        match self.encoding {
            Encoding::Utf8 => {
                let mut buf = std::mem::take(&mut self.pending);
                buf.extend_from_slice(input);
                // Keep an incomplete trailing sequence (at most 3 bytes) for the next chunk.
                let cut = incomplete_utf8_tail(&buf);
                let tail = buf.split_off(buf.len() - cut);
                self.pending = tail;
                match String::from_utf8(buf) {
                    Ok(s) => s,
                    Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
                }
            }
            Encoding::Latin1 => input.iter().map(|&b| b as char).collect(),
            Encoding::Ascii => input.iter().map(|&b| (b & 0x7f) as char).collect(),
            Encoding::Hex => {
                let mut s = String::with_capacity(input.len() * 2);
                for b in input {
                    s.push_str(&format!("{b:02x}"));
                }
                s
            }
            Encoding::Base64 => {
                let mut buf = std::mem::take(&mut self.pending);
                buf.extend_from_slice(input);
                let whole = buf.len() / 3 * 3;
                let s = base64(&buf[..whole]);
                self.pending = buf[whole..].to_vec();
                s
            }
        }
    }

    pub(crate) fn end(&mut self) -> String {
        let rest = std::mem::take(&mut self.pending);
        match self.encoding {
            Encoding::Utf8 => String::from_utf8_lossy(&rest).into_owned(),
            Encoding::Base64 => base64(&rest),
            _ => String::new(),
        }
    }
}

/// How many bytes at the end of `buf` start a UTF-8 sequence that is not complete yet.
fn incomplete_utf8_tail(buf: &[u8]) -> usize {
    for back in 1..=3.min(buf.len()) {
        let b = buf[buf.len() - back];
        if b & 0xC0 == 0x80 {
            continue; // continuation byte: look further back for the lead byte
        }
        let need = match b {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF7 => 4,
            _ => 1,
        };
        return if need > back { back } else { 0 };
    }
    0
}

fn base64(input: &[u8]) -> String {
    let mut out = String::with_capacity(input.len().div_ceil(3) * 4);
    for group in input.chunks(3) {
        let b = [group[0], *group.get(1).unwrap_or(&0), *group.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= group.len() {
                out.push(BASE64[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn net_2_text_chunks_count_utf16_units_like_a_js_string() {
        for s in ["", "a", "é", "€", "😀", "aé€😀x", "\u{7ff}\u{800}\u{ffff}\u{10000}\u{10ffff}"] {
            assert_eq!(utf16_len(s.as_bytes()), s.encode_utf16().count(), "{s:?}");
            assert_eq!(Chunk::from_text(s.to_string()).units(), s.encode_utf16().count());
        }
        assert_eq!(Chunk::new(Bytes::from("😀")).units(), 4);
    }

    #[test]
    fn net_2_utf8_decoder_never_splits_a_character() {
        let mut d = StringDecoder::new(Encoding::Utf8);
        let euro = "€".as_bytes(); // 3 bytes
        assert_eq!(d.write(&euro[..1]), "");
        assert_eq!(d.write(&euro[1..2]), "");
        assert_eq!(d.write(&[euro[2], b'a']), "€a");
        assert_eq!(d.write(&[0xF0, 0x9F]), "");
        assert_eq!(d.end(), "\u{FFFD}");
    }

    #[test]
    fn net_2_hex_and_base64_like_node() {
        let mut h = StringDecoder::new(Encoding::Hex);
        assert_eq!(h.write(b"\x01\xab"), "01ab");
        let mut b = StringDecoder::new(Encoding::Base64);
        assert_eq!(b.write(b"ab"), "");
        assert_eq!(b.write(b"cd"), "YWJj");
        assert_eq!(b.end(), "ZA==");
        assert_eq!(Encoding::parse("nope").unwrap_err().code(), "ERR_UNKNOWN_ENCODING");
    }
}
