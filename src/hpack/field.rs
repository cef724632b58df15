//! A header field and the bytes of its name and value.

use bytes::Bytes;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

/// A header field. `sensitive`: it was (or must be) sent never-indexed (RFC 7541 §6.2.3).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Field {
    pub name: FieldBytes,
    pub value: FieldBytes,
    pub sensitive: bool,
}

impl Field {
    pub fn new(name: impl Into<FieldBytes>, value: impl Into<FieldBytes>) -> Field {
        Field { name: name.into(), value: value.into(), sensitive: false }
    }
}

/// Bytes of a field name or value: held inline when short, which nearly every field is, so
/// making, moving and dropping one touches no allocator and no shared (atomic) count; else a
/// `Bytes`. A `'static` slice stays that slice (a static table name keeps its address).
#[derive(Clone)]
pub struct FieldBytes(Repr);

/// The longest inline content. 38 bytes and a length fill the 40 bytes a `Bytes` and the
/// enum's tag take anyway; a response's `date` (29 bytes) and most received values fit.
pub const INLINE: usize = 38;

#[derive(Clone)]
enum Repr {
    Inline { len: u8, buf: [u8; INLINE] },
    /// A static table name, most often: cloned and dropped without a call.
    Static(&'static [u8]),
    Shared(Bytes),
}

impl FieldBytes {
    /// A copy of `b`: inline when it fits, else in a new buffer.
    pub fn copy_from_slice(b: &[u8]) -> FieldBytes {
        FieldBytes::inline(b).unwrap_or_else(|| FieldBytes(Repr::Shared(Bytes::copy_from_slice(b))))
    }

    /// `b` itself, no copy.
    pub const fn from_static(b: &'static [u8]) -> FieldBytes {
        FieldBytes(Repr::Static(b))
    }

    /// `b` inline, if it fits.
    #[inline]
    pub fn inline(b: &[u8]) -> Option<FieldBytes> {
        (b.len() <= INLINE).then(|| {
            let mut buf = [0u8; INLINE];
            buf[..b.len()].copy_from_slice(b);
            FieldBytes(Repr::Inline { len: b.len() as u8, buf })
        })
    }

    /// The inline length and buffer, to move into another inline value without a copy of
    /// variable length.
    #[inline]
    pub(crate) fn inline_parts(&self) -> Option<(u8, &[u8; INLINE])> {
        match &self.0 {
            Repr::Inline { len, buf } => Some((*len, buf)),
            Repr::Static(_) | Repr::Shared(_) => None,
        }
    }

    /// The inverse of `inline_parts` (`len` is at most `INLINE`).
    #[inline]
    pub(crate) fn from_inline_parts(len: u8, buf: [u8; INLINE]) -> FieldBytes {
        debug_assert!(usize::from(len) <= INLINE);
        FieldBytes(Repr::Inline { len, buf })
    }

    #[inline]
    pub fn as_bytes(&self) -> &[u8] {
        match &self.0 {
            Repr::Inline { len, buf } => &buf[..usize::from(*len).min(INLINE)],
            Repr::Static(b) => b,
            Repr::Shared(b) => b,
        }
    }

    /// The buffer this is a slice of, when it is a shared one (not inline, not static).
    pub fn shared(&self) -> Option<&Bytes> {
        match &self.0 {
            Repr::Inline { .. } | Repr::Static(_) => None,
            Repr::Shared(b) => Some(b),
        }
    }

    /// As `Bytes` (a copy when inline).
    pub fn to_bytes(&self) -> Bytes {
        match &self.0 {
            Repr::Inline { .. } => Bytes::copy_from_slice(self.as_bytes()),
            Repr::Static(b) => Bytes::from_static(b),
            Repr::Shared(b) => b.clone(),
        }
    }
}

impl Default for FieldBytes {
    fn default() -> FieldBytes {
        FieldBytes(Repr::Inline { len: 0, buf: [0; INLINE] })
    }
}

impl Deref for FieldBytes {
    type Target = [u8];
    #[inline]
    fn deref(&self) -> &[u8] {
        self.as_bytes()
    }
}

impl AsRef<[u8]> for FieldBytes {
    fn as_ref(&self) -> &[u8] {
        self.as_bytes()
    }
}

impl From<Bytes> for FieldBytes {
    /// Kept as it is: a slice of a shared buffer stays one, a static slice keeps its address.
    fn from(b: Bytes) -> FieldBytes {
        FieldBytes(Repr::Shared(b))
    }
}

impl From<&'static [u8]> for FieldBytes {
    fn from(b: &'static [u8]) -> FieldBytes {
        FieldBytes::from_static(b)
    }
}

impl<const N: usize> From<&'static [u8; N]> for FieldBytes {
    fn from(b: &'static [u8; N]) -> FieldBytes {
        FieldBytes::from_static(b)
    }
}

impl From<&'static str> for FieldBytes {
    fn from(s: &'static str) -> FieldBytes {
        FieldBytes::from_static(s.as_bytes())
    }
}

impl From<Vec<u8>> for FieldBytes {
    fn from(v: Vec<u8>) -> FieldBytes {
        FieldBytes::inline(&v).unwrap_or_else(|| FieldBytes(Repr::Shared(Bytes::from(v))))
    }
}

impl From<String> for FieldBytes {
    fn from(s: String) -> FieldBytes {
        FieldBytes::from(s.into_bytes())
    }
}

impl From<FieldBytes> for Bytes {
    fn from(f: FieldBytes) -> Bytes {
        match f.0 {
            Repr::Inline { .. } => Bytes::copy_from_slice(f.as_bytes()),
            Repr::Static(b) => Bytes::from_static(b),
            Repr::Shared(b) => b,
        }
    }
}

impl PartialEq for FieldBytes {
    fn eq(&self, other: &FieldBytes) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}
impl Eq for FieldBytes {}

impl PartialEq<[u8]> for FieldBytes {
    fn eq(&self, other: &[u8]) -> bool {
        self.as_bytes() == other
    }
}
impl PartialEq<&[u8]> for FieldBytes {
    fn eq(&self, other: &&[u8]) -> bool {
        self.as_bytes() == *other
    }
}
impl<const N: usize> PartialEq<&[u8; N]> for FieldBytes {
    fn eq(&self, other: &&[u8; N]) -> bool {
        self.as_bytes() == &other[..]
    }
}
impl PartialEq<str> for FieldBytes {
    fn eq(&self, other: &str) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}
impl PartialEq<&str> for FieldBytes {
    fn eq(&self, other: &&str) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}
impl PartialEq<Bytes> for FieldBytes {
    fn eq(&self, other: &Bytes) -> bool {
        self.as_bytes() == &other[..]
    }
}

impl Hash for FieldBytes {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_bytes().hash(state)
    }
}

impl fmt::Debug for FieldBytes {
    /// As `Bytes` shows itself (`b"..."` with escapes); not on a hot path, so a copy is fine.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&Bytes::copy_from_slice(self.as_bytes()), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_bytes_are_inline_and_long_ones_shared() {
        assert_eq!(std::mem::size_of::<FieldBytes>(), 40);
        let short = FieldBytes::copy_from_slice(&[b'a'; INLINE]);
        assert!(short.shared().is_none());
        assert_eq!(short, &[b'a'; INLINE][..]);
        let long = FieldBytes::copy_from_slice(&[b'b'; INLINE + 1]);
        assert_eq!(long.shared().map(|b| b.len()), Some(INLINE + 1));
        assert_eq!(long.len(), INLINE + 1);
        assert!(FieldBytes::default().is_empty());
    }

    #[test]
    fn a_static_slice_keeps_its_address() {
        static NAME: &[u8] = b"content-type";
        let f = FieldBytes::from_static(NAME);
        assert!(std::ptr::eq(f.as_ptr(), NAME.as_ptr()));
        assert!(std::ptr::eq(f.clone().as_ptr(), NAME.as_ptr()) && f.shared().is_none());
        assert!(std::ptr::eq(Bytes::from(f.clone()).as_ptr(), NAME.as_ptr()));
        assert!(std::ptr::eq(f.to_bytes().as_ptr(), NAME.as_ptr()));
        let f = FieldBytes::from(Bytes::from_static(NAME));
        assert!(std::ptr::eq(f.as_ptr(), NAME.as_ptr()));
    }

    #[test]
    fn equality_hash_and_debug_follow_the_bytes() {
        use std::collections::hash_map::DefaultHasher;
        let inline = FieldBytes::copy_from_slice(b"x-a");
        let shared = FieldBytes::from(Bytes::from_static(b"x-a"));
        assert_eq!(inline, shared);
        let hash = |f: &FieldBytes| {
            let mut h = DefaultHasher::new();
            f.hash(&mut h);
            h.finish()
        };
        assert_eq!(hash(&inline), hash(&shared));
        assert_eq!(format!("{inline:?}"), format!("{:?}", Bytes::from_static(b"x-a")));
        let odd = FieldBytes::copy_from_slice(b"a\"\\\n\x01");
        assert_eq!(format!("{odd:?}"), format!("{:?}", Bytes::from_static(b"a\"\\\n\x01")));
        assert_eq!(Bytes::from(inline.clone()), Bytes::from_static(b"x-a"));
        assert_eq!(inline.to_bytes(), Bytes::from_static(b"x-a"));
    }
}
