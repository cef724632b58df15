//! The HPACK encoder (RFC 7541 §4, §6): table lookups, an indexing policy, Huffman where it
//! is shorter, never-indexed representation for sensitive fields, and size updates signalled
//! at the start of the next block.

use bytes::{Bytes, BytesMut};

use super::huffman;
use super::integer;
use super::table::{static_lookup, DynamicTable, ENTRY_OVERHEAD, STATIC_LEN};

/// RFC 7541 §4.2: the table size a decoder assumes before any SETTINGS.
const DEFAULT_TABLE_SIZE: usize = 4096;

#[derive(Debug)]
pub struct Encoder {
    table: DynamicTable,
    /// The most we let ourselves use (Node's `maxDeflateDynamicTableSize`).
    cap: usize,
    /// A size change to signal at the start of the next block: (smallest size since the
    /// last block, final size) — RFC 7541 §4.2.
    pending: Option<(usize, usize)>,
}

impl Encoder {
    /// An encoder using at most `max_table_size` bytes of dynamic table.
    pub fn new(max_table_size: usize) -> Encoder {
        let size = max_table_size.min(DEFAULT_TABLE_SIZE);
        // The peer's decoder starts at 4096: a smaller table must be announced.
        let pending = (size != DEFAULT_TABLE_SIZE).then_some((size, size));
        Encoder { table: DynamicTable::new(size), cap: max_table_size, pending }
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

    /// Encodes one header block into `dst`. Each field is `(name, value, sensitive)`.
    pub fn encode<'a>(&mut self, fields: impl IntoIterator<Item = (&'a [u8], &'a [u8], bool)>, dst: &mut BytesMut) {
        if let Some((low, fin)) = self.pending.take() {
            if low < fin {
                integer::encode(low, 5, 0x20, dst);
                self.table.set_max_size(low);
            }
            integer::encode(fin, 5, 0x20, dst);
            self.table.set_max_size(fin);
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
        let (dyn_name, dyn_full) = self.table.find(name, value);
        if !never {
            if let Some(pos) = dyn_full {
                integer::encode(STATIC_LEN + 1 + pos, 7, 0x80, dst);
                return;
            }
        }
        let name_index = stat.map(|(first, _)| first).or(dyn_name.map(|p| STATIC_LEN + 1 + p));
        if never {
            // §6.2.3: never indexed, and intermediaries must keep it so.
            literal(name_index, name, value, 4, 0x10, dst);
        } else if self.worth_indexing(name, value) {
            literal(name_index, name, value, 6, 0x40, dst);
            self.table.insert(Bytes::copy_from_slice(name), Bytes::copy_from_slice(value));
        } else {
            literal(name_index, name, value, 4, 0x00, dst);
        }
    }

    /// The indexing policy: index what is likely to repeat on this connection and small
    /// enough not to push everything else out. Values that change on every message (paths,
    /// lengths, dates, validators, cookies set) would only churn the table; nghttp2 keeps the
    /// same list.
    fn worth_indexing(&self, name: &[u8], value: &[u8]) -> bool {
        if name.len() + value.len() + ENTRY_OVERHEAD > self.table.max_size() * 3 / 4 {
            return false;
        }
        !matches!(
            name,
            b":path" | b"content-length" | b"age" | b"etag" | b"if-modified-since" | b"if-none-match" | b"location" | b"set-cookie" | b"date" | b"last-modified" | b"expires"
        )
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
fn string(s: &[u8], dst: &mut BytesMut) {
    let h = huffman::encoded_len(s);
    if h < s.len() {
        integer::encode(h, 7, 0x80, dst);
        huffman::encode(s, dst);
    } else {
        integer::encode(s.len(), 7, 0x00, dst);
        dst.extend_from_slice(s);
    }
}
