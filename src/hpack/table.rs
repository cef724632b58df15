//! The static table (RFC 7541 Appendix A) and the dynamic table (§2.3.2, §4).

use std::collections::VecDeque;

use bytes::Bytes;

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

/// The static entry at a 1-based index, as `Bytes` without allocating.
pub fn static_entry(index: usize) -> Option<(Bytes, Bytes)> {
    let (n, v) = STATIC.get(index.checked_sub(1)?)?;
    Some((Bytes::from_static(n.as_bytes()), Bytes::from_static(v.as_bytes())))
}

/// For the encoder: the static index of `name` (its first entry), and of `name: value` if
/// the table has that exact pair. A `match` on the name compiles to length-then-bytes
/// comparisons, cheaper than hashing.
pub fn static_lookup(name: &[u8], value: &[u8]) -> Option<(usize, Option<usize>)> {
    let (first, values): (usize, &[(&[u8], usize)]) = match name {
        b":authority" => (1, &[]),
        b":method" => (2, &[(b"GET", 2), (b"POST", 3)]),
        b":path" => (4, &[(b"/", 4), (b"/index.html", 5)]),
        b":scheme" => (6, &[(b"http", 6), (b"https", 7)]),
        b":status" => (8, &[(b"200", 8), (b"204", 9), (b"206", 10), (b"304", 11), (b"400", 12), (b"404", 13), (b"500", 14)]),
        b"accept-charset" => (15, &[]),
        b"accept-encoding" => (16, &[(b"gzip, deflate", 16)]),
        b"accept-language" => (17, &[]),
        b"accept-ranges" => (18, &[]),
        b"accept" => (19, &[]),
        b"access-control-allow-origin" => (20, &[]),
        b"age" => (21, &[]),
        b"allow" => (22, &[]),
        b"authorization" => (23, &[]),
        b"cache-control" => (24, &[]),
        b"content-disposition" => (25, &[]),
        b"content-encoding" => (26, &[]),
        b"content-language" => (27, &[]),
        b"content-length" => (28, &[]),
        b"content-location" => (29, &[]),
        b"content-range" => (30, &[]),
        b"content-type" => (31, &[]),
        b"cookie" => (32, &[]),
        b"date" => (33, &[]),
        b"etag" => (34, &[]),
        b"expect" => (35, &[]),
        b"expires" => (36, &[]),
        b"from" => (37, &[]),
        b"host" => (38, &[]),
        b"if-match" => (39, &[]),
        b"if-modified-since" => (40, &[]),
        b"if-none-match" => (41, &[]),
        b"if-range" => (42, &[]),
        b"if-unmodified-since" => (43, &[]),
        b"last-modified" => (44, &[]),
        b"link" => (45, &[]),
        b"location" => (46, &[]),
        b"max-forwards" => (47, &[]),
        b"proxy-authenticate" => (48, &[]),
        b"proxy-authorization" => (49, &[]),
        b"range" => (50, &[]),
        b"referer" => (51, &[]),
        b"refresh" => (52, &[]),
        b"retry-after" => (53, &[]),
        b"server" => (54, &[]),
        b"set-cookie" => (55, &[]),
        b"strict-transport-security" => (56, &[]),
        b"transfer-encoding" => (57, &[]),
        b"user-agent" => (58, &[]),
        b"vary" => (59, &[]),
        b"via" => (60, &[]),
        b"www-authenticate" => (61, &[]),
        _ => return None,
    };
    let full = values.iter().find(|(v, _)| *v == value).map(|&(_, i)| i);
    Some((first, full))
}

/// The dynamic table: newest entry first (index 62 in HPACK numbering).
#[derive(Debug, Default)]
pub struct DynamicTable {
    entries: VecDeque<(Bytes, Bytes)>,
    size: usize,
    max_size: usize,
}

impl DynamicTable {
    pub fn new(max_size: usize) -> DynamicTable {
        DynamicTable { entries: VecDeque::new(), size: 0, max_size }
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

    /// The entry at 0-based dynamic position (0 = newest).
    pub fn get(&self, i: usize) -> Option<&(Bytes, Bytes)> {
        self.entries.get(i)
    }

    /// §4.3: a new maximum evicts entries until the table fits.
    pub fn set_max_size(&mut self, max: usize) {
        self.max_size = max;
        self.evict_to(max);
    }

    fn evict_to(&mut self, limit: usize) {
        while self.size > limit {
            match self.entries.pop_back() {
                Some((n, v)) => self.size -= n.len() + v.len() + ENTRY_OVERHEAD,
                None => {
                    self.size = 0;
                    break;
                }
            }
        }
    }

    /// §4.4: adds an entry, evicting old ones; an entry larger than the table empties it.
    pub fn insert(&mut self, name: Bytes, value: Bytes) {
        let size = name.len() + value.len() + ENTRY_OVERHEAD;
        if size > self.max_size {
            self.entries.clear();
            self.size = 0;
            return;
        }
        self.evict_to(self.max_size - size);
        self.size += size;
        self.entries.push_front((name, value));
    }

    /// For the encoder: the newest entry matching `name` (and `value`): (name position,
    /// full-match position).
    pub fn find(&self, name: &[u8], value: &[u8]) -> (Option<usize>, Option<usize>) {
        let mut name_pos = None;
        for (i, (n, v)) in self.entries.iter().enumerate() {
            if n.len() == name.len() && n[..] == *name {
                if v[..] == *value {
                    return (Some(i), Some(i));
                }
                if name_pos.is_none() {
                    name_pos = Some(i);
                }
            }
        }
        (name_pos, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let mut t = DynamicTable::new(100);
        t.insert(Bytes::from_static(b"a"), Bytes::from_static(b"1")); // 34
        t.insert(Bytes::from_static(b"b"), Bytes::from_static(b"2")); // 68
        t.insert(Bytes::from_static(b"c"), Bytes::from_static(b"3")); // evicts "a"
        assert_eq!(t.len(), 2);
        assert_eq!(t.get(0).unwrap().0, "c");
        assert_eq!(t.get(1).unwrap().0, "b");
        assert_eq!(t.size(), 68);
        t.insert(Bytes::from(vec![b'x'; 80]), Bytes::new());
        assert!(t.is_empty());
        assert_eq!(t.size(), 0);
        t.insert(Bytes::from_static(b"a"), Bytes::from_static(b"1"));
        t.set_max_size(0);
        assert!(t.is_empty());
    }
}
