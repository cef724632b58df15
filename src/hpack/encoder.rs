//! The HPACK encoder (RFC 7541 §4, §6): table lookups, an indexing policy, Huffman where it
//! is shorter, never-indexed representation for sensitive fields, and size updates signalled
//! at the start of the next block.
//!
//! Each field costs one hash of its name and one of the pair, which finds it in the dynamic
//! table through an open-addressing index of entry numbers; that is all a field found there
//! costs. Only for the others does the name's hash find it in the static table (built at
//! compile time; its index also tells whether the name is a credential or not worth
//! indexing) or, failing that, a dynamic entry with that name. Every hit is checked against
//! the table's bytes, so a hash collision costs a comparison, never a wrong index.

use bytes::{BufMut, BytesMut};

use super::huffman;
use super::integer;
use super::table::{same_const, static_name_id_by_address, DynamicTable, ENTRY_OVERHEAD, STATIC, STATIC_LEN, STATIC_NAME_IDS};

/// RFC 7541 §4.2: the table size a decoder assumes before any SETTINGS.
const DEFAULT_TABLE_SIZE: usize = 4096;

const K: u64 = 0x517c_c1b7_2722_0a95;
const NAME_SEED: u64 = 0x2d35_8dcc_aa6c_78a5;

#[inline(always)]
const fn mix(h: u64, w: u64) -> u64 {
    (h.rotate_left(5) ^ w).wrapping_mul(K)
}

/// A fast, unkeyed 64-bit hash of header bytes (FxHash-style multiply-rotate, 8 bytes a step,
/// the tail read as one overlapping word; no loop up to 16 bytes). Unkeyed is fine here,
/// unlike for tables a peer fills: the encoder's tables hold the fields our own caller sends,
/// not the peer's, so there is nobody to aim collisions at them (HashDoS), and a collision
/// only costs a comparison. The multiply leaves the high bits the best mixed: the index uses
/// those. `const` so the static table's hashes are computed at compile time with the same
/// function.
const fn hash(seed: u64, bytes: &[u8]) -> u64 {
    let n = bytes.len();
    // The length goes in with the first word's multiplication.
    let mut h = seed ^ n as u64;
    if n > 16 {
        // Whole words but the last, then the last 8 bytes (overlapping).
        let mut rest = bytes;
        while rest.len() > 8 {
            if let Some((w, tail)) = rest.split_first_chunk::<8>() {
                h = mix(h, u64::from_le_bytes(*w));
                rest = tail;
            }
        }
        if let Some(w) = bytes.last_chunk::<8>() {
            h = mix(h, u64::from_le_bytes(*w));
        }
    } else if n >= 8 {
        // 8 to 16 bytes: the first and last 8 (overlapping), no loop.
        if let (Some(a), Some(b)) = (bytes.first_chunk::<8>(), bytes.last_chunk::<8>()) {
            h = mix(mix(h, u64::from_le_bytes(*a)), u64::from_le_bytes(*b));
        }
    } else if n >= 4 {
        if let (Some(a), Some(b)) = (bytes.first_chunk::<4>(), bytes.last_chunk::<4>()) {
            h = mix(h, (u32::from_le_bytes(*a) as u64) << 32 | u32::from_le_bytes(*b) as u64);
        }
    } else if n > 0 {
        h = mix(h, bytes[0] as u64 | (bytes[n / 2] as u64) << 8 | (bytes[n - 1] as u64) << 16);
    }
    h
}

/// The first static index of a name (compile-time; a name not in the table fails the build).
const fn static_index(name: &str) -> usize {
    let mut i = 0;
    while i < STATIC_LEN {
        if same_const(STATIC[i].0.as_bytes(), name.as_bytes()) {
            return i + 1;
        }
        i += 1;
    }
    panic!("not a static-table name")
}

/// A set of static names as a bit mask over their first index.
const fn static_set(names: &[&str]) -> u64 {
    let mut mask = 0;
    let mut i = 0;
    while i < names.len() {
        mask |= 1 << static_index(names[i]);
        i += 1;
    }
    mask
}

/// RFC 7541 §7.1.3: credentials are never indexed (nor short cookies, below: a guessable value
/// in a shared table is open to CRIME-style probing; long cookies are not guessable).
const NEVER_INDEXED: u64 = static_set(&["authorization", "proxy-authorization"]);
const COOKIE: usize = static_index("cookie");

/// The indexing policy's exceptions: values that change on every message (paths, lengths,
/// dates of a resource, validators, cookies set) would only churn the table; nghttp2 keeps a
/// similar list. All are static-table names.
const NOT_INDEXED: u64 =
    static_set(&[":path", "content-length", "age", "etag", "if-modified-since", "if-none-match", "location", "set-cookie"]);

/// The names the static table has with values (`static_pair`).
const WITH_VALUES: u64 = static_set(&[":method", ":path", ":scheme", ":status", "accept-encoding"]);

/// The static table's name hashes, by index (0 unused).
static STATIC_HASH: [u64; STATIC_LEN + 1] = {
    let mut out = [0; STATIC_LEN + 1];
    let mut i = 0;
    while i < STATIC_LEN {
        out[i + 1] = hash(NAME_SEED, STATIC[i].0.as_bytes());
        i += 1;
    }
    out
};

/// For each of the static table's 52 distinct names (`table::STATIC_NAMES` order), its first
/// index: a name known by its address needs neither hashing nor a lookup.
static NAME_ID_FIRST_INDEX: [u8; 52] = {
    let mut out = [0u8; 52];
    let mut i = STATIC_LEN;
    while i > 0 {
        // From the end, so each name keeps its first index.
        out[STATIC_NAME_IDS[i - 1] as usize] = i as u8;
        i -= 1;
    }
    out
};

const STATIC_SLOTS_BITS: u32 = 8;

/// The static table's 52 names by hash, linear probing (a fifth full, so most lookups take one
/// step): 0 is empty, else the name's first index (entries with one name are consecutive).
static STATIC_SLOTS: [u8; 1 << STATIC_SLOTS_BITS] = {
    let mut slots = [0u8; 1 << STATIC_SLOTS_BITS];
    let mut i = 0;
    while i < STATIC_LEN {
        if i == 0 || !same_const(STATIC[i - 1].0.as_bytes(), STATIC[i].0.as_bytes()) {
            let mut s = (STATIC_HASH[i + 1] >> (64 - STATIC_SLOTS_BITS)) as usize;
            while slots[s] != 0 {
                s = (s + 1) % (1 << STATIC_SLOTS_BITS);
            }
            slots[s] = (i + 1) as u8;
        }
        i += 1;
    }
    slots
};

/// Byte equality in (overlapping) words, without a call to `memcmp`: header names and values
/// are short.
#[inline(always)]
pub(super) fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    if n > 16 {
        // Whole words, then the last (overlapping) one.
        let (mut x, mut y) = (a, b);
        while x.len() > 8 {
            match (x.split_first_chunk::<8>(), y.split_first_chunk::<8>()) {
                (Some((wx, rx)), Some((wy, ry))) if u64::from_ne_bytes(*wx) == u64::from_ne_bytes(*wy) => (x, y) = (rx, ry),
                _ => return false,
            }
        }
        return a.last_chunk::<8>().map(|w| u64::from_ne_bytes(*w)) == b.last_chunk::<8>().map(|w| u64::from_ne_bytes(*w));
    }
    if n >= 8 {
        return match (a.first_chunk::<8>(), b.first_chunk::<8>(), a.last_chunk::<8>(), b.last_chunk::<8>()) {
            (Some(a0), Some(b0), Some(a1), Some(b1)) => {
                u64::from_ne_bytes(*a0) == u64::from_ne_bytes(*b0) && u64::from_ne_bytes(*a1) == u64::from_ne_bytes(*b1)
            }
            _ => false,
        };
    }
    if n >= 4 {
        return match (a.first_chunk::<4>(), b.first_chunk::<4>(), a.last_chunk::<4>(), b.last_chunk::<4>()) {
            (Some(a0), Some(b0), Some(a1), Some(b1)) => {
                u32::from_ne_bytes(*a0) == u32::from_ne_bytes(*b0) && u32::from_ne_bytes(*a1) == u32::from_ne_bytes(*b1)
            }
            _ => false,
        };
    }
    // 0 to 3 bytes: the first, middle and last cover them all.
    n == 0 || (a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1])
}

/// The first static index of the name hashed to `hn`, or 0.
#[inline]
fn static_name_index(hn: u64, name: &[u8]) -> usize {
    let mut s = (hn >> (64 - STATIC_SLOTS_BITS)) as usize;
    loop {
        let i = usize::from(STATIC_SLOTS[s % (1 << STATIC_SLOTS_BITS)]);
        if i == 0 {
            return 0;
        }
        if STATIC_HASH[i] == hn && same_bytes(STATIC[i - 1].0.as_bytes(), name) {
            return i;
        }
        s += 1;
    }
}

/// The static index of `name: value` given the name's first index `st`, if the table has the
/// pair (only these five names have values there; a test checks this against `STATIC`).
#[inline]
fn static_pair(st: usize, value: &[u8]) -> Option<usize> {
    match (st, value) {
        (2, b"GET") => Some(2),
        (2, b"POST") => Some(3),
        (4, b"/") => Some(4),
        (4, b"/index.html") => Some(5),
        (6, b"http") => Some(6),
        (6, b"https") => Some(7),
        (8, b"200") => Some(8),
        (8, b"204") => Some(9),
        (8, b"206") => Some(10),
        (8, b"304") => Some(11),
        (8, b"400") => Some(12),
        (8, b"404") => Some(13),
        (8, b"500") => Some(14),
        (16, b"gzip, deflate") => Some(16),
        _ => None,
    }
}

/// The encoder's dynamic table: each entry tagged with the hash of its name (0 when the name
/// is in the static table, which `names` never holds) and of its name and value, for
/// rebuilding the indexes.
type Table = DynamicTable<(u64, u64)>;

/// An open-addressing index from a hash to a dynamic-table entry, with linear probing. A
/// slot holds `tag << 32 | seq` (the entry's insertion number, low 32 bits) with an odd tag
/// taken from the hash's low bits; 0 is empty. Evicted entries are not removed: their slots
/// go stale (`position_of_wrapped` no longer finds them), are reused by the same key coming
/// back, and are dropped when the index is rebuilt from the live entries once half the slots
/// are in use, so eviction costs nothing here. (A stale slot kept through 2^32 insertions
/// could alias a live entry; that is harmless too, as every entry found is checked against
/// the bytes looked up.)
#[derive(Debug, Default)]
struct Index {
    slots: Vec<u64>,
    used: usize,
    /// 64 - log2(slots): the hash's top bits pick the first slot.
    shift: u32,
}

/// Where a probe ended: on a live entry with the same tag (which nearly always is the same
/// key: the caller checks), or on the slot a new entry would take: the first stale slot with
/// the same tag (most likely the same key, evicted and now back), else the empty slot that
/// ended the probe (`fresh`: one more slot in use).
enum Probe {
    Live { pos: usize, slot: usize },
    Vacant { slot: usize, fresh: bool },
}

impl Index {
    /// Looks `h` up from slot `from` (`None`: its home slot) to the first live entry with the
    /// same tag, or an empty slot.
    #[inline]
    fn probe(&self, h: u64, from: Option<usize>, table: &Table) -> Probe {
        if self.slots.is_empty() {
            return Probe::Vacant { slot: 0, fresh: true };
        }
        let mask = self.slots.len() - 1;
        let tag = u64::from(h as u32 | 1);
        let mut i = from.unwrap_or((h >> self.shift) as usize);
        let mut stale = None;
        loop {
            let slot = i & mask;
            let s = self.slots[slot];
            if s == 0 {
                return match stale {
                    Some(slot) => Probe::Vacant { slot, fresh: false },
                    None => Probe::Vacant { slot, fresh: true },
                };
            }
            if s >> 32 == tag {
                match table.position_of_wrapped(s as u32) {
                    Some(pos) => return Probe::Live { pos, slot },
                    None => stale = stale.or(Some(slot)),
                }
            }
            i += 1;
        }
    }

    /// `probe` until `matches` accepts the live entry: `Live` is then a match.
    #[inline(always)]
    fn find(&self, h: u64, table: &Table, matches: impl Fn(usize) -> bool) -> Probe {
        match self.probe(h, None, table) {
            Probe::Live { pos, slot } if !matches(pos) => self.find_after(h, slot, table, matches),
            found => found,
        }
    }

    /// `find` past a live entry with the same tag but other bytes (a 32-bit tag collision).
    #[cold]
    fn find_after(&self, h: u64, mut slot: usize, table: &Table, matches: impl Fn(usize) -> bool) -> Probe {
        loop {
            match self.probe(h, Some(slot + 1), table) {
                Probe::Live { pos, slot: s } if matches(pos) => return Probe::Live { pos, slot: s },
                Probe::Live { slot: s, .. } => slot = s,
                vacant => return vacant,
            }
        }
    }

    #[inline]
    fn set(&mut self, slot: usize, h: u64, seq: u64) {
        if let Some(s) = self.slots.get_mut(slot) {
            *s = u64::from(h as u32 | 1) << 32 | (seq as u32 as u64);
        }
    }

    /// Empties the index and sizes it for `live` entries: at least 4 slots each, so that at
    /// least as many insertions again go by before the next rebuild.
    fn reset(&mut self, live: usize) {
        let n = (live * 4).next_power_of_two().max(64);
        self.slots.clear();
        self.slots.resize(n, 0);
        self.used = 0;
        self.shift = 64 - n.trailing_zeros();
    }

    /// Adds `h` at the first empty slot of its probe sequence.
    fn place(&mut self, h: u64, seq: u64) {
        let mask = self.slots.len() - 1;
        let mut i = (h >> self.shift) as usize;
        while self.slots[i & mask] != 0 {
            i += 1;
        }
        self.set(i & mask, h, seq);
        self.used += 1;
    }
}

#[derive(Debug)]
pub struct Encoder {
    table: Table,
    /// Name → newest entry with that name (names not in the static table).
    names: Index,
    /// (name, value) → the entry with that pair.
    pairs: Index,
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
        Encoder {
            table: DynamicTable::new(size),
            names: Index::default(),
            pairs: Index::default(),
            cap: max_table_size,
            pending,
        }
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
        self.table.set_max_size(size);
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
        let mut fields = fields.into_iter().peekable();
        while let Some((name, value, sensitive)) = fields.next() {
            if let Some(&(next_name, next_value, _)) = fields.peek() {
                prefetch(next_name);
                prefetch(next_value);
            }
            self.field(name, value, sensitive, dst);
        }
    }

    #[inline(always)]
    fn field(&mut self, name: &[u8], value: &[u8], sensitive: bool, dst: &mut BytesMut) {
        // A static name in its shared spelling (as the layers above hand most names on) is
        // known by its address: its first index and hash come from tables.
        let known = static_name_id_by_address(name).and_then(|id| NAME_ID_FIRST_INDEX.get(usize::from(id))).map(|&st| usize::from(st));
        let hn = match known {
            Some(st) => STATIC_HASH[st % (STATIC_LEN + 1)],
            None => hash(NAME_SEED, name),
        };
        if sensitive {
            return self.literal_field(name, value, hn, known, None, dst);
        }
        if let Some(st) = known {
            // A pair the static table has (`:status: 200`) is its index. The dynamic table
            // never holds one, so its probe can be skipped.
            if (WITH_VALUES >> st) & 1 == 1 && (NEVER_INDEXED >> st) & 1 == 0 {
                if let Some(full) = static_pair(st, value) {
                    integer::encode(full, 7, 0x80, dst);
                    return;
                }
            }
        }
        // The dynamic table first: what it holds can be referred to as it is. It never holds
        // a pair the static table has, nor a field never to be indexed (credentials, short
        // cookies), as `literal_field` does not add those; so the static lookup and those
        // checks are only needed for a field it does not have.
        let hp = hash(hn, value);
        let table = &self.table;
        let found = self.pairs.find(hp, table, #[inline(always)] |pos| {
            table.get(pos).is_some_and(|(n, v)| same_bytes(n, name) && same_bytes(v, value))
        });
        match found {
            Probe::Live { pos, .. } => integer::encode(STATIC_LEN + 1 + pos, 7, 0x80, dst),
            Probe::Vacant { slot, fresh } => self.literal_field(name, value, hn, known, Some((hp, slot, fresh)), dst),
        }
    }

    /// A field not in the dynamic table: the static table's index, or a literal, indexed or
    /// not. `known`: the name's first static index if the caller knows it. `pair`: the pair's
    /// hash and where its probe said it would go, `None` for a field marked sensitive.
    #[inline(never)]
    fn literal_field(&mut self, name: &[u8], value: &[u8], hn: u64, known: Option<usize>, pair: Option<(u64, usize, bool)>, dst: &mut BytesMut) {
        let st = known.unwrap_or_else(|| static_name_index(hn, name));
        let never_indexed = (NEVER_INDEXED >> st) & 1 == 1 || (st == COOKIE && value.len() < 20);
        let pair = pair.filter(|_| !never_indexed);
        if pair.is_some() && (WITH_VALUES >> st) & 1 == 1 {
            if let Some(full) = static_pair(st, value) {
                integer::encode(full, 7, 0x80, dst);
                return;
            }
        }
        // The name's index, and where the names index has (or would take) it.
        let (name_index, name_slot) = if st != 0 {
            (Some(st), None)
        } else {
            let table = &self.table;
            let found = self.names.find(hn, table, |pos| table.get(pos).is_some_and(|(n, _)| same_bytes(n, name)));
            match found {
                Probe::Live { pos, slot } => (Some(STATIC_LEN + 1 + pos), Some((slot, false))),
                Probe::Vacant { slot, fresh } => (None, Some((slot, fresh))),
            }
        };
        match pair {
            // §6.2.3: never indexed, and intermediaries must keep it so.
            None => literal(name_index, name, value, 4, 0x10, dst),
            Some((hp, pair_slot, pair_fresh)) => {
                if self.worth_indexing(st, name, value) {
                    literal(name_index, name, value, 6, 0x40, dst);
                    self.insert(name, value, hn, (hp, pair_slot, pair_fresh), name_slot);
                } else {
                    literal(name_index, name, value, 4, 0x00, dst);
                }
            }
        }
    }

    /// The indexing policy: index what is likely to repeat on this connection and small
    /// enough not to push everything else out (see `NOT_INDEXED`).
    #[inline]
    fn worth_indexing(&self, st: usize, name: &[u8], value: &[u8]) -> bool {
        name.len() + value.len() + ENTRY_OVERHEAD <= self.table.max_size() * 3 / 4 && (NOT_INDEXED >> st) & 1 == 0
    }

    /// Adds a field to the dynamic table and the indexes. `pair` and `name`: the hash, the slot
    /// its probe gave and whether that slot is a fresh one; `name` is `None` for a static name.
    fn insert(&mut self, name: &[u8], value: &[u8], hn: u64, pair: (u64, usize, bool), name_slot: Option<(usize, bool)>) {
        let (hp, pair_slot, pair_fresh) = pair;
        let stored = self.table.insert_tagged(name, value, (if name_slot.is_some() { hn } else { 0 }, hp));
        let Some(seq) = self.table.newest_seq().filter(|_| stored) else {
            return;
        };
        let half = self.pairs.slots.len() / 2;
        if self.pairs.used + 1 > half || self.names.used + 1 > half {
            self.rebuild();
            return;
        }
        self.pairs.set(pair_slot, hp, seq);
        self.pairs.used += usize::from(pair_fresh);
        if let Some((slot, fresh)) = name_slot {
            self.names.set(slot, hn, seq);
            self.names.used += usize::from(fresh);
        }
    }

    /// Rebuilds both indexes from the live entries, newest first (so a name's newest entry
    /// comes first in its probe sequence).
    fn rebuild(&mut self) {
        let live = self.table.len();
        self.pairs.reset(live);
        self.names.reset(live);
        let Some(newest) = self.table.newest_seq() else {
            return;
        };
        for pos in 0..live {
            let Some((hn, hp)) = self.table.tag(pos) else {
                break;
            };
            let seq = newest - pos as u64;
            self.pairs.place(hp, seq);
            if hn != 0 {
                self.names.place(hn, seq);
            }
        }
    }
}

/// A literal representation with an `n`-bit name-index prefix and `flags`.
#[inline(always)]
fn literal(name_index: Option<usize>, name: &[u8], value: &[u8], n: u8, flags: u8, dst: &mut BytesMut) {
    match name_index {
        Some(i) => integer::encode(i, n, flags, dst),
        None => {
            dst.put_u8(flags);
            string(name, dst);
        }
    }
    string(value, dst);
}

/// A string literal, Huffman-coded when that is shorter (§5.2).
///
/// One pass: the code goes straight after room for the length prefix (one byte below 127,
/// the common case, inlined; the raw length's prefix size otherwise, which the code's length
/// cannot exceed), and the string is rewritten raw if the code turned out no shorter.
#[inline(always)]
fn string(s: &[u8], dst: &mut BytesMut) {
    if s.len() >= 127 {
        return long_string(s, dst);
    }
    // Codes are at least 5 bits: one or two bytes never get shorter.
    if s.len() <= 2 {
        dst.put_u8(s.len() as u8);
        dst.extend_from_slice(s);
        return;
    }
    let at = dst.len();
    dst.put_u8(0);
    match huffman::encode_bounded(s, s.len(), dst) {
        Some(h) => {
            if let Some(prefix) = dst.get_mut(at) {
                *prefix = 0x80 | h as u8;
            }
        }
        None => {
            dst.truncate(at);
            dst.put_u8(s.len() as u8);
            dst.extend_from_slice(s);
        }
    }
}

#[inline(never)]
fn long_string(s: &[u8], dst: &mut BytesMut) {
    let at = dst.len();
    let (_, room) = integer::to_array(s.len(), 7, 0);
    dst.extend_from_slice(&[0; 11][..room]);
    match huffman::encode_bounded(s, s.len(), dst) {
        Some(h) => {
            let (prefix, len) = integer::to_array(h, 7, 0x80);
            if len < room {
                // A shorter prefix than the room left: move the code back.
                let end = dst.len();
                dst.copy_within(at + room..end, at + len);
                dst.truncate(end - (room - len));
            }
            if let Some(p) = dst.get_mut(at..at + len) {
                p.copy_from_slice(&prefix[..len]);
            }
        }
        None => {
            dst.truncate(at);
            integer::encode(s.len(), 7, 0x00, dst);
            dst.extend_from_slice(s);
        }
    }
}

/// Asks for the next field's bytes while this one is encoded: a long header list (a cold
/// one especially) otherwise waits on each field's first load in turn.
#[inline(always)]
fn prefetch(bytes: &[u8]) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is a hint; it never faults or reads into the program, whatever the
    // address.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(bytes.as_ptr().cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = bytes;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn static_hash_lookups_match_the_table() {
        for (i, (n, v)) in STATIC.iter().enumerate() {
            let first = STATIC.iter().position(|(m, _)| m == n).unwrap() + 1;
            assert_eq!(static_name_index(hash(NAME_SEED, n.as_bytes()), n.as_bytes()), first, "{n}");
            if !v.is_empty() {
                assert_eq!(static_pair(first, v.as_bytes()), Some(i + 1), "{n}: {v}");
            }
            assert_eq!(static_pair(first, b""), None);
            assert_eq!(static_pair(first, b"x"), None);
        }
        for n in [&b"x-custom"[..], b"", b"a", b"cookies", b"Cookie", b":status2", b"content-typf"] {
            assert_eq!(static_name_index(hash(NAME_SEED, n), n), 0);
        }
        assert_eq!(NEVER_INDEXED, 1 << 23 | 1 << 49);
        assert_eq!(COOKIE, 32);
        assert_eq!(WITH_VALUES, 1 << 2 | 1 << 4 | 1 << 6 | 1 << 8 | 1 << 16);
        assert_eq!(NOT_INDEXED, 1 << 4 | 1 << 21 | 1 << 28 | 1 << 34 | 1 << 40 | 1 << 41 | 1 << 46 | 1 << 55);
    }

    /// Names known by their address take their first index and hash from tables; the block
    /// must come out the same as for the same names in other memory.
    #[test]
    fn shared_static_names_encode_as_copies_do() {
        for (id, name) in crate::hpack::STATIC_NAMES.iter().enumerate() {
            let st = usize::from(NAME_ID_FIRST_INDEX[id]);
            assert_eq!(STATIC[st - 1].0, *name);
            assert!(STATIC[..st - 1].iter().all(|(n, _)| n != name), "{name}: the first index");
            assert_eq!(STATIC_HASH[st], hash(NAME_SEED, name.as_bytes()));
        }
        let values = ["200", "404", "GET", "/", "/index.html", "https", "gzip, deflate", "text/html", "x", "", "secret"];
        let (mut shared, mut copied) = (Encoder::new(256), Encoder::new(256));
        for round in 0..3 {
            let (mut a, mut b) = (BytesMut::new(), BytesMut::new());
            let copies: Vec<Vec<u8>> = crate::hpack::STATIC_NAMES.iter().map(|n| n.as_bytes().to_vec()).collect();
            for (i, name) in crate::hpack::STATIC_NAMES.iter().enumerate() {
                let value = values[(i + round) % values.len()].as_bytes();
                let sensitive = i % 7 == round;
                shared.encode([(name.as_bytes(), value, sensitive)], &mut a);
                copied.encode([(&copies[i][..], value, sensitive)], &mut b);
            }
            assert_eq!(a, b, "round {round}");
        }
    }

    #[test]
    fn same_bytes_compares_every_byte() {
        for len in 0..40usize {
            let a: Vec<u8> = (0..len as u8).collect();
            assert!(same_bytes(&a, &a.clone()));
            if len > 0 {
                assert!(!same_bytes(&a, &a[..len - 1]));
            }
            for i in 0..len {
                let mut b = a.clone();
                b[i] ^= 0x20;
                assert!(!same_bytes(&a, &b), "len {len}, byte {i}");
            }
        }
    }

    #[test]
    fn hash_reads_every_byte() {
        // Each length from 0 to 40 and each byte position changes the hash.
        for len in 0..40 {
            let base = vec![b'a'; len];
            let h = hash(1, &base);
            assert_ne!(h, hash(1, &vec![b'a'; len + 1]));
            for i in 0..len {
                let mut other = base.clone();
                other[i] = b'b';
                assert_ne!(h, hash(1, &other), "len {len}, byte {i}");
            }
        }
    }

    /// The string representation: prefix, Huffman or raw, for short and long strings.
    #[test]
    fn rfc7541_5_2_strings_take_the_shorter_form_with_the_right_prefix() {
        let decode = |b: &[u8]| {
            let mut pos = 0;
            let len = integer::decode(b, &mut pos, 7).unwrap();
            assert_eq!(pos + len, b.len());
            if b[0] & 0x80 != 0 {
                let mut out = Vec::new();
                huffman::decode(&b[pos..], &mut out).unwrap();
                (true, out)
            } else {
                (false, b[pos..].to_vec())
            }
        };
        for len in [0, 1, 126, 127, 128, 150, 160, 200, 254, 255, 300, 1000, 20000] {
            // Text (Huffman-coded: 5 bits a byte) and bytes with long codes (raw).
            for byte in [b'a', 0x01u8] {
                let s = vec![byte; len];
                let huff = huffman::encoded_len(&s) < len;
                assert_eq!(huff, byte == b'a' && len > 2);
                let mut out = BytesMut::from(&b"xy"[..]);
                string(&s, &mut out);
                assert_eq!(&out[..2], b"xy");
                let (h, back) = decode(&out[2..]);
                assert_eq!((h, &back[..]), (huff, &s[..]), "len {len}");
                let want = if huff { huffman::encoded_len(&s) } else { len };
                assert_eq!(out.len() - 2, integer::to_array(want, 7, 0).1 + want);
            }
        }
    }

    /// The index survives many insertions, evictions, rebuilds and size changes: what is in
    /// the table is found, what was evicted is not.
    #[test]
    fn index_follows_the_table_through_evictions_and_rebuilds() {
        let mut e = Encoder::new(4096);
        for round in 0..3000usize {
            if round % 500 == 499 {
                e.resize([300, 4096, 0, 1000][round / 500 % 4]);
            }
            let name = format!("x-n{}", round % 37);
            let value = format!("v{}", round % 101);
            let mut out = BytesMut::new();
            e.field(name.as_bytes(), value.as_bytes(), false, &mut out);
            // The same field again is now one indexed byte (if it fits the table).
            let mut again = BytesMut::new();
            e.field(name.as_bytes(), value.as_bytes(), false, &mut again);
            if e.table.max_size() >= 200 {
                assert_eq!(&again[..], &[0x80 | 62], "round {round}");
            }
            // Every live entry is found by pair and, for the newest of a name, by name.
            for pos in 0..e.table.len() {
                let (n, v) = e.table.get(pos).unwrap();
                let (n, v) = (n.to_vec(), v.to_vec());
                let hn = hash(NAME_SEED, &n);
                let found = e.pairs.find(hash(hn, &v), &e.table, |p| e.table.get(p) == Some((&n[..], &v[..])));
                assert!(matches!(found, Probe::Live { pos: p, .. } if p == pos));
                let newest = (0..e.table.len()).find(|&p| e.table.get(p).unwrap().0 == &n[..]).unwrap();
                let found = e.names.find(hn, &e.table, |p| e.table.get(p).is_some_and(|(m, _)| m == &n[..]));
                assert!(matches!(found, Probe::Live { pos: p, .. } if p == newest));
            }
            assert!(e.pairs.used <= e.pairs.slots.len() / 2);
        }
    }
}
