//! The HPACK encoder (RFC 7541 §4, §6): table lookups, an indexing policy, Huffman where it
//! is shorter, never-indexed representation for sensitive fields, and size updates signalled
//! at the start of the next block.
//!
//! The dynamic table is searched through two hash maps (by name and by name + value) that
//! map to an entry's insertion number, so a lookup costs a hash, not a scan of the table.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use bytes::BytesMut;

use super::huffman;
use super::integer;
use super::table::{static_lookup, DynamicTable, ENTRY_OVERHEAD, STATIC_LEN};

/// RFC 7541 §4.2: the table size a decoder assumes before any SETTINGS.
const DEFAULT_TABLE_SIZE: usize = 4096;

/// The keys are already hashes: pass them through.
#[derive(Default)]
struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, _: &[u8]) {
        unreachable!("only u64 keys")
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type SeqMap = HashMap<u64, u64, BuildHasherDefault<PassThrough>>;

/// A fast 64-bit hash of header bytes (FxHash-style multiply-rotate, 8 bytes a step).
fn hash(seed: u64, bytes: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h = seed;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h.rotate_left(5) ^ w).wrapping_mul(K);
    }
    let mut tail = 0u64;
    for (i, &b) in chunks.remainder().iter().enumerate() {
        tail |= u64::from(b) << (8 * i);
    }
    h = (h.rotate_left(5) ^ tail ^ (bytes.len() as u64)).wrapping_mul(K);
    h
}

#[derive(Debug)]
pub struct Encoder {
    table: DynamicTable,
    /// hash(name) → seq of the newest entry with that name.
    by_name: SeqMap,
    /// hash(name, value) → seq of the newest entry with that pair.
    by_pair: SeqMap,
    /// The most we let ourselves use (Node's `maxDeflateDynamicTableSize`).
    cap: usize,
    /// A size change to signal at the start of the next block: (smallest size since the
    /// last block, final size) — RFC 7541 §4.2.
    pending: Option<(usize, usize)>,
}

impl std::fmt::Debug for PassThrough {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PassThrough")
    }
}

impl Encoder {
    /// An encoder using at most `max_table_size` bytes of dynamic table.
    pub fn new(max_table_size: usize) -> Encoder {
        let size = max_table_size.min(DEFAULT_TABLE_SIZE);
        // The peer's decoder starts at 4096: a smaller table must be announced.
        let pending = (size != DEFAULT_TABLE_SIZE).then_some((size, size));
        Encoder { table: DynamicTable::new(size), by_name: SeqMap::default(), by_pair: SeqMap::default(), cap: max_table_size, pending }
    }

    /// The peer's SETTINGS_HEADER_TABLE_SIZE changed; we use `min(n, cap)` from the next block.
    pub fn set_peer_table_size(&mut self, n: usize) {
        let size = n.min(self.cap);
        let current = self.pending.map_or(self.table.max_size(), |(_, fin)| fin);
        if size == current {
            return;
        }
        let low = self.pending.map_or(self.table.max_size(), |(min, _)| min).min(size);
        self.pending = Some((low, size));
    }

    /// Bytes in the dynamic table (Node's `deflateDynamicTableSize`).
    pub fn dynamic_table_size(&self) -> usize {
        self.table.size()
    }

    fn resize(&mut self, size: usize) {
        let (by_name, by_pair) = (&mut self.by_name, &mut self.by_pair);
        self.table.set_max_size_with(size, |seq, n, v| forget(by_name, by_pair, seq, n, v));
    }

    /// Encodes one header block into `dst`. Each field is `(name, value, sensitive)`.
    pub fn encode<'a>(&mut self, fields: impl IntoIterator<Item = (&'a [u8], &'a [u8], bool)>, dst: &mut BytesMut) {
        if let Some((low, fin)) = self.pending.take() {
            if low < fin {
                integer::encode(low, 5, 0x20, dst);
                self.resize(low);
            }
            integer::encode(fin, 5, 0x20, dst);
            self.resize(fin);
        }
        for (name, value, sensitive) in fields {
            self.field(name, value, sensitive, dst);
        }
    }

    fn field(&mut self, name: &[u8], value: &[u8], sensitive: bool, dst: &mut BytesMut) {
        let stat = static_lookup(name, value);
        let never = sensitive || never_index(name, value);
        if !never {
            if let Some((_, Some(full))) = stat {
                integer::encode(full, 7, 0x80, dst);
                return;
            }
        }
        let hn = hash(0, name);
        let hp = hash(hn, value);
        if !never {
            if let Some(pos) = self.by_pair.get(&hp).and_then(|&seq| self.table.position_of(seq)) {
                if self.table.get(pos).is_some_and(|(n, v)| n == name && v == value) {
                    integer::encode(STATIC_LEN + 1 + pos, 7, 0x80, dst);
                    return;
                }
            }
        }
        let name_index = stat.map(|(first, _)| first).or_else(|| {
            let pos = self.by_name.get(&hn).and_then(|&seq| self.table.position_of(seq))?;
            self.table.get(pos).filter(|(n, _)| *n == name).map(|_| STATIC_LEN + 1 + pos)
        });
        if never {
            // §6.2.3: never indexed, and intermediaries must keep it so.
            literal(name_index, name, value, 4, 0x10, dst);
        } else if self.worth_indexing(name, value) {
            literal(name_index, name, value, 6, 0x40, dst);
            let (by_name, by_pair) = (&mut self.by_name, &mut self.by_pair);
            if self.table.insert_with(name, value, |seq, n, v| forget(by_name, by_pair, seq, n, v)) {
                if let Some(seq) = self.table.newest_seq() {
                    self.by_name.insert(hn, seq);
                    self.by_pair.insert(hp, seq);
                }
            }
        } else {
            literal(name_index, name, value, 4, 0x00, dst);
        }
    }

    /// The indexing policy: index what is likely to repeat on this connection and small
    /// enough not to push everything else out. Values that change on every message (paths,
    /// lengths, dates, validators, cookies set) would only churn the table; nghttp2 keeps a
    /// similar list.
    fn worth_indexing(&self, name: &[u8], value: &[u8]) -> bool {
        if name.len() + value.len() + ENTRY_OVERHEAD > self.table.max_size() * 3 / 4 {
            return false;
        }
        !matches!(
            name,
            b":path" | b"content-length" | b"age" | b"etag" | b"if-modified-since" | b"if-none-match" | b"location" | b"set-cookie"
        )
    }
}

/// An evicted entry leaves the indexes if they still point at it (a newer entry with the
/// same key would have replaced the mapping, and FIFO eviction never removes a newer one).
fn forget(by_name: &mut SeqMap, by_pair: &mut SeqMap, seq: u64, name: &[u8], value: &[u8]) {
    let hn = hash(0, name);
    if by_name.get(&hn) == Some(&seq) {
        by_name.remove(&hn);
    }
    let hp = hash(hn, value);
    if by_pair.get(&hp) == Some(&seq) {
        by_pair.remove(&hp);
    }
}

/// RFC 7541 §7.1.3: credentials are never indexed, nor short cookies (a guessable value in
/// a shared table is open to CRIME-style probing; long cookies are not guessable).
fn never_index(name: &[u8], value: &[u8]) -> bool {
    match name {
        b"authorization" | b"proxy-authorization" => true,
        b"cookie" => value.len() < 20,
        _ => false,
    }
}

/// A literal representation with an `n`-bit name-index prefix and `flags`.
fn literal(name_index: Option<usize>, name: &[u8], value: &[u8], n: u8, flags: u8, dst: &mut BytesMut) {
    match name_index {
        Some(i) => integer::encode(i, n, flags, dst),
        None => {
            dst.extend_from_slice(&[flags]);
            string(name, dst);
        }
    }
    string(value, dst);
}

/// A string literal, Huffman-coded when that is shorter (§5.2).
///
/// Short strings (one-byte length prefix, the common case) are Huffman-coded in one pass
/// straight after a placeholder prefix, and rewritten raw if that turned out no shorter.
fn string(s: &[u8], dst: &mut BytesMut) {
    if s.len() < 127 {
        let at = dst.len();
        dst.extend_from_slice(&[0]);
        let h = huffman::encode_bounded(s, s.len(), dst);
        match h {
            Some(h) => {
                if let Some(prefix) = dst.get_mut(at) {
                    *prefix = 0x80 | h as u8;
                }
            }
            None => {
                dst.truncate(at);
                dst.extend_from_slice(&[s.len() as u8]);
                dst.extend_from_slice(s);
            }
        }
        return;
    }
    let h = huffman::encoded_len(s);
    if h < s.len() {
        integer::encode(h, 7, 0x80, dst);
        huffman::encode_with_len(s, h, dst);
    } else {
        integer::encode(s.len(), 7, 0x00, dst);
        dst.extend_from_slice(s);
    }
}
