//! The static table (RFC 7541 Appendix A) and the dynamic table (§2.3.2, §4).

use std::collections::VecDeque;

/// RFC 7541 Appendix A (index = position + 1).
pub const STATIC: [(&str, &str); 61] = [
    (":authority", ""),
    (":method", "GET"),
    (":method", "POST"),
    (":path", "/"),
    (":path", "/index.html"),
    (":scheme", "http"),
    (":scheme", "https"),
    (":status", "200"),
    (":status", "204"),
    (":status", "206"),
    (":status", "304"),
    (":status", "400"),
    (":status", "404"),
    (":status", "500"),
    ("accept-charset", ""),
    ("accept-encoding", "gzip, deflate"),
    ("accept-language", ""),
    ("accept-ranges", ""),
    ("accept", ""),
    ("access-control-allow-origin", ""),
    ("age", ""),
    ("allow", ""),
    ("authorization", ""),
    ("cache-control", ""),
    ("content-disposition", ""),
    ("content-encoding", ""),
    ("content-language", ""),
    ("content-length", ""),
    ("content-location", ""),
    ("content-range", ""),
    ("content-type", ""),
    ("cookie", ""),
    ("date", ""),
    ("etag", ""),
    ("expect", ""),
    ("expires", ""),
    ("from", ""),
    ("host", ""),
    ("if-match", ""),
    ("if-modified-since", ""),
    ("if-none-match", ""),
    ("if-range", ""),
    ("if-unmodified-since", ""),
    ("last-modified", ""),
    ("link", ""),
    ("location", ""),
    ("max-forwards", ""),
    ("proxy-authenticate", ""),
    ("proxy-authorization", ""),
    ("range", ""),
    ("referer", ""),
    ("refresh", ""),
    ("retry-after", ""),
    ("server", ""),
    ("set-cookie", ""),
    ("strict-transport-security", ""),
    ("transfer-encoding", ""),
    ("user-agent", ""),
    ("vary", ""),
    ("via", ""),
    ("www-authenticate", ""),
];

pub const STATIC_LEN: usize = STATIC.len();

/// RFC 7541 §4.1: an entry's size is its name and value lengths plus 32.
pub const ENTRY_OVERHEAD: usize = 32;

/// The static index of `name` (its first entry), and of `name: value` if the table has that
/// exact pair. The plain reference the fast lookups (`static_name` here, the encoder's
/// compile-time hash) are tested against; nothing else uses it since the encoder got its own.
#[cfg(test)]
pub fn static_lookup(name: &[u8], value: &[u8]) -> Option<(usize, Option<usize>)> {
    // Matched on the length first: one or a few comparisons instead of up to 52.
    let (first, values): (usize, &[(&[u8], usize)]) = match name.len() {
        3 => match name {
            b"age" => (21, &[]),
            b"via" => (60, &[]),
            _ => return None,
        },
        4 => match name {
            b"date" => (33, &[]),
            b"etag" => (34, &[]),
            b"from" => (37, &[]),
            b"host" => (38, &[]),
            b"link" => (45, &[]),
            b"vary" => (59, &[]),
            _ => return None,
        },
        5 => match name {
            b":path" => (4, &[(b"/", 4), (b"/index.html", 5)]),
            b"allow" => (22, &[]),
            b"range" => (50, &[]),
            _ => return None,
        },
        6 => match name {
            b"accept" => (19, &[]),
            b"cookie" => (32, &[]),
            b"expect" => (35, &[]),
            b"server" => (54, &[]),
            _ => return None,
        },
        7 => match name {
            b":method" => (2, &[(b"GET", 2), (b"POST", 3)]),
            b":scheme" => (6, &[(b"http", 6), (b"https", 7)]),
            b":status" => (8, &[(b"200", 8), (b"204", 9), (b"206", 10), (b"304", 11), (b"400", 12), (b"404", 13), (b"500", 14)]),
            b"expires" => (36, &[]),
            b"referer" => (51, &[]),
            b"refresh" => (52, &[]),
            _ => return None,
        },
        8 => match name {
            b"if-match" => (39, &[]),
            b"if-range" => (42, &[]),
            b"location" => (46, &[]),
            _ => return None,
        },
        10 => match name {
            b":authority" => (1, &[]),
            b"set-cookie" => (55, &[]),
            b"user-agent" => (58, &[]),
            _ => return None,
        },
        11 => match name {
            b"retry-after" => (53, &[]),
            _ => return None,
        },
        12 => match name {
            b"content-type" => (31, &[]),
            b"max-forwards" => (47, &[]),
            _ => return None,
        },
        13 => match name {
            b"accept-ranges" => (18, &[]),
            b"authorization" => (23, &[]),
            b"cache-control" => (24, &[]),
            b"content-range" => (30, &[]),
            b"if-none-match" => (41, &[]),
            b"last-modified" => (44, &[]),
            _ => return None,
        },
        14 => match name {
            b"accept-charset" => (15, &[]),
            b"content-length" => (28, &[]),
            _ => return None,
        },
        15 => match name {
            b"accept-encoding" => (16, &[(b"gzip, deflate", 16)]),
            b"accept-language" => (17, &[]),
            _ => return None,
        },
        16 => match name {
            b"content-encoding" => (26, &[]),
            b"content-language" => (27, &[]),
            b"content-location" => (29, &[]),
            b"www-authenticate" => (61, &[]),
            _ => return None,
        },
        17 => match name {
            b"if-modified-since" => (40, &[]),
            b"transfer-encoding" => (57, &[]),
            _ => return None,
        },
        18 => match name {
            b"proxy-authenticate" => (48, &[]),
            _ => return None,
        },
        19 => match name {
            b"content-disposition" => (25, &[]),
            b"if-unmodified-since" => (43, &[]),
            b"proxy-authorization" => (49, &[]),
            _ => return None,
        },
        25 => match name {
            b"strict-transport-security" => (56, &[]),
            _ => return None,
        },
        27 => match name {
            b"access-control-allow-origin" => (20, &[]),
            _ => return None,
        },
        _ => return None,
    };
    let full = values.iter().find(|(v, _)| *v == value).map(|&(_, i)| i);
    Some((first, full))
}

/// Declares the static table's distinct names as slices of one string, so that whether a
/// name is one of them is an address check (see `static_name_id`).
macro_rules! static_names {
    ($($name:literal),* $(,)?) => {
        /// The 52 names one after another.
        static NAME_BLOB: &str = concat!($($name),*);
        const NAME_LENS: [usize; 52] = [$($name.len()),*];
    };
}

static_names![
    ":authority",
    ":method",
    ":path",
    ":scheme",
    ":status",
    "accept-charset",
    "accept-encoding",
    "accept-language",
    "accept-ranges",
    "accept",
    "access-control-allow-origin",
    "age",
    "allow",
    "authorization",
    "cache-control",
    "content-disposition",
    "content-encoding",
    "content-language",
    "content-length",
    "content-location",
    "content-range",
    "content-type",
    "cookie",
    "date",
    "etag",
    "expect",
    "expires",
    "from",
    "host",
    "if-match",
    "if-modified-since",
    "if-none-match",
    "if-range",
    "if-unmodified-since",
    "last-modified",
    "link",
    "location",
    "max-forwards",
    "proxy-authenticate",
    "proxy-authorization",
    "range",
    "referer",
    "refresh",
    "retry-after",
    "server",
    "set-cookie",
    "strict-transport-security",
    "transfer-encoding",
    "user-agent",
    "vary",
    "via",
    "www-authenticate",
];

/// The static table's distinct names, each a slice of `NAME_BLOB`.
pub(crate) static STATIC_NAMES: [&str; 52] = {
    let mut out = [""; 52];
    let (mut i, mut at) = (0, 0);
    while i < 52 {
        let (_, rest) = NAME_BLOB.as_bytes().split_at(at);
        let (name, _) = rest.split_at(NAME_LENS[i]);
        out[i] = match std::str::from_utf8(name) {
            Ok(n) => n,
            Err(_) => panic!("static names are ASCII"),
        };
        at += NAME_LENS[i];
        i += 1;
    }
    out
};

/// For each byte of `NAME_BLOB`: 1 + the index of the name that starts there, or 0.
static NAME_STARTS: [u8; NAME_BLOB_LEN] = {
    let mut out = [0u8; NAME_BLOB_LEN];
    let (mut i, mut at) = (0, 0);
    while i < 52 {
        out[at] = i as u8 + 1;
        at += NAME_LENS[i];
        i += 1;
    }
    out
};

const NAME_BLOB_LEN: usize = {
    let (mut i, mut n) = (0, 0);
    while i < 52 {
        n += NAME_LENS[i];
        i += 1;
    }
    n
};

/// For each static table entry (index - 1), its name's index in `STATIC_NAMES`.
pub(crate) static STATIC_NAME_IDS: [u8; 61] = {
    let mut out = [0u8; 61];
    let mut i = 0;
    while i < 61 {
        let mut k = 0;
        while !same_const(STATIC[i].0.as_bytes(), STATIC_NAMES[k].as_bytes()) {
            k += 1;
        }
        out[i] = k as u8;
        i += 1;
    }
    out
};

/// The id `static_name_id` gives `name`, at compile time (a name not in the table fails the
/// build): ids number the distinct names in table order, as `STATIC_NAMES` lists them.
pub(crate) const fn static_name_id_of(name: &str) -> u8 {
    let (mut i, mut id) = (0, 0u8);
    while i < STATIC_LEN {
        if i == 0 || !same_const(STATIC[i - 1].0.as_bytes(), STATIC[i].0.as_bytes()) {
            if same_const(STATIC[i].0.as_bytes(), name.as_bytes()) {
                return id;
            }
            id += 1;
        }
        i += 1;
    }
    panic!("not a static-table name")
}

pub(crate) const fn same_const(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The name of static table entry `index` (1..=61), as the one shared `&'static str` that
/// `static_name_id` recognises by its address.
#[inline]
pub(crate) fn static_entry_name(index: usize) -> Option<&'static str> {
    let id = *STATIC_NAME_IDS.get(index.checked_sub(1)?)?;
    Some(STATIC_NAMES[usize::from(id)])
}

/// The shared spelling of static name `id` (an index `static_name_id` gave).
#[inline]
pub(crate) fn static_name_by_id(id: u8) -> Option<&'static str> {
    STATIC_NAMES.get(usize::from(id)).copied()
}

/// Whether `name` is one of the static table's shared names, by address alone: names on their
/// way from the decoder to the headers object (and back to the wire) are, and this answers
/// for them without looking at a byte.
#[inline]
pub(crate) fn static_name_id_by_address(name: &[u8]) -> Option<u8> {
    let at = (name.as_ptr() as usize).wrapping_sub(NAME_BLOB.as_ptr() as usize);
    let id = NAME_STARTS.get(at)?.checked_sub(1)?;
    (NAME_LENS[usize::from(id)] == name.len()).then_some(id)
}

/// The index of `name` in the static table's distinct names, if it is one (by address, or
/// else by its bytes).
#[inline]
pub(crate) fn static_name_id(name: &[u8]) -> Option<u8> {
    // `static_name` answers with the shared spelling, which has an address we know.
    static_name(name).and_then(|shared| static_name_id_by_address(shared.as_bytes()))
}

/// The static table's own spelling of a field name, if it has one: lets received and sent
/// names share a `&'static str` instead of one allocation per field. Length, first and last
/// byte tell the 52 names apart, so one comparison confirms the match.
#[inline]
pub fn static_name(name: &[u8]) -> Option<&'static str> {
    // A name that came from this table (most do, on their way from the decoder to the
    // headers object, or from a `Headers` to the wire) is known by its address, in a few
    // instructions inlined at the caller; only other names take the comparison below.
    match static_name_id_by_address(name) {
        Some(id) => static_name_by_id(id),
        None => static_name_by_bytes(name),
    }
}

#[inline(never)]
fn static_name_by_bytes(name: &[u8]) -> Option<&'static str> {
    let (&first, &last) = (name.first()?, name.last()?);
    let index = match (name.len(), first, last) {
        (10, b':', b'y') => 0,
        (7, b':', b'd') => 1,
        (5, b':', b'h') => 2,
        (7, b':', b'e') => 3,
        (7, b':', b's') => 4,
        (14, b'a', b't') => 5,
        (15, b'a', b'g') => 6,
        (15, b'a', b'e') => 7,
        (13, b'a', b's') => 8,
        (6, b'a', b't') => 9,
        (27, b'a', b'n') => 10,
        (3, b'a', b'e') => 11,
        (5, b'a', b'w') => 12,
        (13, b'a', b'n') => 13,
        (13, b'c', b'l') => 14,
        (19, b'c', b'n') => 15,
        (16, b'c', b'g') => 16,
        (16, b'c', b'e') => 17,
        (14, b'c', b'h') => 18,
        (16, b'c', b'n') => 19,
        (13, b'c', b'e') => 20,
        (12, b'c', b'e') => 21,
        (6, b'c', b'e') => 22,
        (4, b'd', b'e') => 23,
        (4, b'e', b'g') => 24,
        (6, b'e', b't') => 25,
        (7, b'e', b's') => 26,
        (4, b'f', b'm') => 27,
        (4, b'h', b't') => 28,
        (8, b'i', b'h') => 29,
        (17, b'i', b'e') => 30,
        (13, b'i', b'h') => 31,
        (8, b'i', b'e') => 32,
        (19, b'i', b'e') => 33,
        (13, b'l', b'd') => 34,
        (4, b'l', b'k') => 35,
        (8, b'l', b'n') => 36,
        (12, b'm', b's') => 37,
        (18, b'p', b'e') => 38,
        (19, b'p', b'n') => 39,
        (5, b'r', b'e') => 40,
        (7, b'r', b'r') => 41,
        (7, b'r', b'h') => 42,
        (11, b'r', b'r') => 43,
        (6, b's', b'r') => 44,
        (10, b's', b'e') => 45,
        (25, b's', b'y') => 46,
        (17, b't', b'g') => 47,
        (10, b'u', b't') => 48,
        (4, b'v', b'y') => 49,
        (3, b'v', b'a') => 50,
        (16, b'w', b'e') => 51,
        _ => return None,
    };
    let candidate = STATIC_NAMES[index];
    super::encoder::same_bytes(candidate.as_bytes(), name).then_some(candidate)
}

/// Where one dynamic-table entry's bytes are in the arena, and its user's tag.
#[derive(Clone, Copy, Debug)]
struct Entry<T> {
    start: usize,
    name_len: usize,
    value_len: usize,
    tag: T,
}

/// The dynamic table: newest entry first (index 62 in HPACK numbering).
///
/// Entries' bytes are appended to one arena buffer in insertion order, so inserting and
/// evicting allocate nothing; evicted bytes stay at the arena's front until it is compacted
/// (when it holds twice the table's size), which costs O(1) per byte inserted on average.
/// Entries also carry an absolute insertion number (`seq`), so an index kept by the encoder
/// stays valid as positions shift. Each entry carries a `T` for its user (the encoder keeps
/// the entry's hashes there; the decoder nothing).
#[derive(Debug, Default)]
pub struct DynamicTable<T = ()> {
    arena: Vec<u8>,
    entries: VecDeque<Entry<T>>,
    size: usize,
    max_size: usize,
    /// Entries ever inserted: the newest entry's `seq` is `inserted - 1`.
    inserted: u64,
}

impl<T: Copy> DynamicTable<T> {
    pub fn new(max_size: usize) -> DynamicTable<T> {
        DynamicTable { arena: Vec::new(), entries: VecDeque::new(), size: 0, max_size, inserted: 0 }
    }

    /// Bytes in use, counted as §4.1 says.
    pub fn size(&self) -> usize {
        self.size
    }

    pub fn max_size(&self) -> usize {
        self.max_size
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    #[inline]
    fn slices(&self, e: &Entry<T>) -> (&[u8], &[u8]) {
        let end = e.start + e.name_len + e.value_len;
        self.arena.get(e.start..end).and_then(|b| b.split_at_checked(e.name_len)).unwrap_or((&[], &[]))
    }

    /// The entry at 0-based dynamic position (0 = newest).
    #[inline]
    pub fn get(&self, i: usize) -> Option<(&[u8], &[u8])> {
        self.entries.get(i).map(|e| self.slices(e))
    }

    /// The tag of the entry at position `i`.
    #[inline]
    pub fn tag(&self, i: usize) -> Option<T> {
        self.entries.get(i).map(|e| e.tag)
    }

    /// The position of the entry inserted as number `seq`, if it is still in the table.
    #[inline]
    pub fn position_of(&self, seq: u64) -> Option<usize> {
        let newest = self.inserted.checked_sub(1)?;
        let pos = usize::try_from(newest.checked_sub(seq)?).ok()?;
        (pos < self.entries.len()).then_some(pos)
    }

    /// `position_of` for a `seq` kept as its low 32 bits (the encoder's index keeps them so):
    /// exact for any `seq` from the last 2^32 - `len()` insertions; an older one could alias a
    /// live entry (the encoder checks the bytes of every entry it finds).
    #[inline]
    pub fn position_of_wrapped(&self, seq: u32) -> Option<usize> {
        let newest = self.inserted.checked_sub(1)? as u32;
        let pos = newest.wrapping_sub(seq) as usize;
        (pos < self.entries.len()).then_some(pos)
    }

    /// §4.3: a new maximum evicts entries until the table fits.
    pub fn set_max_size(&mut self, max: usize) {
        self.max_size = max;
        self.evict_to(max);
    }

    #[inline]
    fn evict_to(&mut self, limit: usize) {
        while self.size > limit {
            match self.entries.pop_back() {
                Some(e) => self.size -= e.name_len + e.value_len + ENTRY_OVERHEAD,
                None => {
                    self.size = 0;
                    break;
                }
            }
        }
        if self.entries.is_empty() {
            self.arena.clear();
        }
    }

    /// Drops the bytes of evicted entries from the arena's front.
    fn compact(&mut self) {
        let Some(oldest) = self.entries.back().map(|e| e.start) else {
            self.arena.clear();
            return;
        };
        self.arena.drain(..oldest);
        for e in self.entries.iter_mut() {
            e.start -= oldest;
        }
    }

    /// §4.4: adds an entry, evicting old ones; an entry larger than the table empties it.
    /// Returns whether the entry was stored (then it is at position 0).
    #[inline]
    pub fn insert_tagged(&mut self, name: &[u8], value: &[u8], tag: T) -> bool {
        let size = name.len() + value.len() + ENTRY_OVERHEAD;
        if size > self.max_size {
            self.evict_to(0);
            return false;
        }
        self.evict_to(self.max_size - size);
        if self.arena.len() + name.len() + value.len() > 2 * self.max_size.max(1024) {
            self.compact();
        }
        let start = self.arena.len();
        self.arena.extend_from_slice(name);
        self.arena.extend_from_slice(value);
        self.entries.push_front(Entry { start, name_len: name.len(), value_len: value.len(), tag });
        self.size += size;
        self.inserted += 1;
        true
    }

    pub fn insert(&mut self, name: &[u8], value: &[u8]) -> bool
    where
        T: Default,
    {
        self.insert_tagged(name, value, T::default())
    }

    /// The `seq` of the newest entry.
    pub fn newest_seq(&self) -> Option<u64> {
        self.inserted.checked_sub(1).filter(|_| !self.entries.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shared names: each static entry's name is one of them, each is known by its
    /// address, and a copy, a prefix or a slice from the middle of the blob is not (a copy is
    /// still found by its bytes).
    #[test]
    fn shared_static_names_are_known_by_address_only() {
        for i in 1..=STATIC.len() {
            let shared = static_entry_name(i).unwrap();
            assert_eq!(shared, STATIC[i - 1].0);
            let id = static_name_id_by_address(shared.as_bytes()).expect("shared name");
            assert_eq!(static_name_by_id(id), Some(shared));
            assert_eq!(static_name_id_of(shared), id, "the compile-time id");
            assert!(std::ptr::eq(static_name(shared.as_bytes()).unwrap(), shared));
            let copy = shared.as_bytes().to_vec();
            assert_eq!(static_name_id_by_address(&copy), None);
            assert_eq!(static_name_id(&copy), Some(id));
            assert!(std::ptr::eq(static_name(&copy).unwrap(), shared), "a copy maps to the shared spelling");
            if shared.len() > 1 {
                assert_eq!(static_name_id_by_address(&shared.as_bytes()[..shared.len() - 1]), None, "prefix of {shared}");
                assert_eq!(static_name_id_by_address(&shared.as_bytes()[1..]), None, "tail of {shared}");
            }
        }
        assert_eq!(static_entry_name(0), None);
        assert_eq!(static_entry_name(62), None);
        assert_eq!(static_name_by_id(52), None);
        assert_eq!(STATIC_NAMES.iter().map(|n| n.len()).sum::<usize>(), NAME_BLOB.len());
        assert_eq!(static_name_id_by_address(b""), None);
    }

    /// RFC 7541 Appendix A: every static name is found, with the table's own index; names
    /// that differ only in the middle, or are absent, are not.
    #[test]
    fn static_name_finds_exactly_the_appendix_a_names() {
        for (i, (name, _)) in STATIC.iter().enumerate() {
            assert_eq!(static_name(name.as_bytes()), Some(*name));
            let first = static_lookup(name.as_bytes(), b"").map(|(f, _)| f);
            assert!(first.is_some_and(|f| f <= i + 1 && STATIC[f - 1].0 == *name));
        }
        for miss in [&b""[..], b":", b"a", b"date2", b"dxte", b"content-typx", b"contenT-type", b":authorit", b"x-custom"] {
            assert_eq!(static_name(miss), None, "{:?}", String::from_utf8_lossy(miss));
        }
    }

    #[test]
    fn rfc7541_appendix_a_static_lookup_matches_the_table() {
        for (i, (n, v)) in STATIC.iter().enumerate() {
            let (first, full) = static_lookup(n.as_bytes(), v.as_bytes()).unwrap();
            assert_eq!(STATIC[first - 1].0, *n);
            if !v.is_empty() {
                assert_eq!(full, Some(i + 1), "{n}: {v}");
            }
        }
        assert_eq!(static_lookup(b"x-custom", b""), None);
    }

    #[test]
    fn rfc7541_4_4_eviction_keeps_the_newest_and_oversized_entries_empty_the_table() {
        let mut t = DynamicTable::<u8>::new(100);
        t.insert_tagged(b"a", b"1", 7); // 34
        t.insert(b"b", b"2"); // 68
        assert_eq!(t.tag(1), Some(7));
        t.insert(b"c", b"3"); // evicts "a"
        assert_eq!(t.len(), 2);
        assert_eq!(t.tag(1), Some(0));
        assert_eq!(t.get(0).unwrap().0, b"c");
        assert_eq!(t.get(1).unwrap().0, b"b");
        assert_eq!(t.position_of(1), Some(1));
        assert_eq!(t.position_of(0), None);
        assert_eq!(t.size(), 68);
        assert!(!t.insert(&[b'x'; 80], b""));
        assert!(t.is_empty());
        assert_eq!(t.size(), 0);
        t.insert(b"a", b"1");
        t.set_max_size(0);
        assert!(t.is_empty());
        // Many inserts through a small table: the arena is compacted, entries stay intact.
        let mut t = DynamicTable::<()>::new(200);
        for i in 0..1000u32 {
            let v = i.to_string();
            t.insert(b"k", v.as_bytes());
            assert_eq!(t.get(0), Some((&b"k"[..], v.as_bytes())));
        }
        assert!(t.arena.len() <= 2 * 1024 + 10);
    }
}
