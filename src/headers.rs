//! The headers object (OBJ-1): Node's plain object of header fields, in Rust.
//!
//! Names are case-insensitive and stored lower-case (they go on the wire that way); a value
//! is one string or several (Node's array, for repeated fields). Numbers and other values
//! are turned into strings, as Node coerces them. Order is kept (pseudo-headers first on the
//! wire), which a JavaScript object also does for string keys.
//!
//! The object is a cheap clone (`Rc` inside, copied on write), because listeners receive
//! their arguments by value.
//!
//! ```
//! use http2::{headers, Headers};
//! let h: Headers = headers! { ":status" => 200, "Content-Type" => "text/html", "abc" => ["has", "more"] };
//! assert_eq!(h.get(":status"), Some("200"));
//! assert_eq!(h.get("content-type"), Some("text/html"));
//! assert_eq!(h.get_all("abc"), vec!["has", "more"]);
//! ```

use std::borrow::Cow;
use std::cell::RefCell;
use std::fmt;
use std::mem::ManuallyDrop;
use std::rc::Rc;

/// A header value's text. Short values (most of them: statuses, paths, content types) are
/// kept inline; a received value longer than that shares the header block's buffer; only a
/// long value the caller built is an owned `String`. So neither a received request nor a
/// `headers!` of short values allocates per field. Reads as a `&str` (`Deref`).
///
/// A shared value keeps the buffer it was received in alive (the values of the blocks
/// received around it, up to 4 KiB), as a `Bytes` slice does: to keep one for long, copy it
/// (`String::from(value)` or `value.to_string()`).
#[derive(Clone)]
pub struct HeaderStr(Repr);

/// As long as a received field's inline value, so one moves to the other without a copy
/// to the heap (38 bytes: with the enum's tag, the size of a `String` or `Bytes` and a tag).
const INLINE: usize = crate::hpack::FIELD_INLINE;

#[derive(Clone)]
enum Repr {
    Inline { len: u8, buf: [u8; INLINE] },
    /// Valid UTF-8, checked when made.
    Shared(bytes::Bytes),
    Owned(String),
}

impl HeaderStr {
    pub fn as_str(&self) -> &str {
        let bytes: &[u8] = match &self.0 {
            Repr::Inline { len, buf } => &buf[..*len as usize],
            Repr::Shared(b) => b,
            Repr::Owned(s) => return s,
        };
        // SAFETY: `Repr` is private and every constructor in this module stores whole `&str`s
        // or bytes that passed `from_utf8`; checking again on every read cost more than the
        // allocation this type saves.
        unsafe { std::str::from_utf8_unchecked(bytes) }
    }

    fn inline(s: &str) -> Option<HeaderStr> {
        HeaderStr::inline_utf8(s.as_bytes())
    }

    /// `b` inline if it fits; the caller knows it is UTF-8.
    fn inline_utf8(b: &[u8]) -> Option<HeaderStr> {
        (b.len() <= INLINE).then(|| {
            let mut buf = [0u8; INLINE];
            buf[..b.len()].copy_from_slice(b);
            HeaderStr(Repr::Inline { len: b.len() as u8, buf })
        })
    }

    /// A received value: inline when short, else a slice of the block's buffer (no copy).
    /// Bytes that are not UTF-8 are replaced as `String::from_utf8_lossy` does.
    pub(crate) fn from_wire(b: &crate::hpack::FieldBytes) -> HeaderStr {
        // Nearly every value is ASCII, which a word-at-a-time test confirms faster than a
        // full UTF-8 check. An inline value moves over whole.
        if let Some((len, buf)) = b.inline_parts() {
            // The whole buffer, a fixed size the compiler checks in a few wide steps: past
            // `len` it is zeros (and were it not, the checked path below is still right).
            if buf.is_ascii() {
                return HeaderStr(Repr::Inline { len, buf: *buf });
            }
        } else if b.is_ascii() {
            return HeaderStr::inline_utf8(b).unwrap_or_else(|| HeaderStr(Repr::Shared(b.to_bytes())));
        }
        match std::str::from_utf8(b) {
            Ok(s) => HeaderStr::inline(s).unwrap_or_else(|| HeaderStr(Repr::Shared(b.to_bytes()))),
            Err(_) => HeaderStr::from(String::from_utf8_lossy(b).into_owned()),
        }
    }
}

impl HeaderStr {
    /// For a header block being sent: inline stays inline (a copy of fixed size), a longer
    /// value goes through `long`.
    pub(crate) fn to_field_bytes(&self, long: impl FnOnce(&[u8]) -> crate::hpack::FieldBytes) -> crate::hpack::FieldBytes {
        match &self.0 {
            Repr::Inline { len, buf } => crate::hpack::FieldBytes::from_inline_parts(*len, *buf),
            _ => long(self.as_bytes()),
        }
    }
}

impl std::ops::Deref for HeaderStr {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}
impl AsRef<str> for HeaderStr {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}
impl PartialEq for HeaderStr {
    fn eq(&self, other: &HeaderStr) -> bool {
        self.as_str() == other.as_str()
    }
}
impl Eq for HeaderStr {}
impl PartialEq<str> for HeaderStr {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}
impl PartialEq<&str> for HeaderStr {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}
impl fmt::Debug for HeaderStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}
impl fmt::Display for HeaderStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
impl From<&str> for HeaderStr {
    fn from(s: &str) -> HeaderStr {
        HeaderStr::inline(s).unwrap_or_else(|| HeaderStr(Repr::Owned(s.to_string())))
    }
}
impl From<String> for HeaderStr {
    fn from(s: String) -> HeaderStr {
        HeaderStr::inline(&s).unwrap_or(HeaderStr(Repr::Owned(s)))
    }
}
impl From<HeaderStr> for String {
    fn from(s: HeaderStr) -> String {
        match s.0 {
            Repr::Owned(s) => s,
            other => HeaderStr(other).as_str().to_string(),
        }
    }
}

/// A number or other value written as text into an inline value (Node coerces with
/// `String(v)`); only text longer than the inline room allocates.
fn display_value(v: impl fmt::Display) -> HeaderStr {
    struct Inline {
        buf: [u8; INLINE],
        len: usize,
    }
    impl fmt::Write for Inline {
        fn write_str(&mut self, s: &str) -> fmt::Result {
            let end = self.len + s.len();
            let room = self.buf.get_mut(self.len..end).ok_or(fmt::Error)?;
            room.copy_from_slice(s.as_bytes());
            self.len = end;
            Ok(())
        }
    }
    let mut w = Inline { buf: [0; INLINE], len: 0 };
    if fmt::write(&mut w, format_args!("{v}")).is_ok() {
        return HeaderStr(Repr::Inline { len: w.len as u8, buf: w.buf });
    }
    HeaderStr(Repr::Owned(v.to_string()))
}

/// One header's value: a string, or several for a repeated field.
#[derive(Clone, PartialEq, Eq)]
pub enum HeaderValue {
    One(HeaderStr),
    Many(Vec<HeaderStr>),
}

impl HeaderValue {
    /// The values, one or several.
    pub fn values(&self) -> impl Iterator<Item = &str> {
        let (one, many): (Option<&str>, &[HeaderStr]) = match self {
            HeaderValue::One(s) => (Some(s.as_str()), &[]),
            HeaderValue::Many(v) => (None, v.as_slice()),
        };
        one.into_iter().chain(many.iter().map(HeaderStr::as_str))
    }

    /// The first value (Node code often reads `headers[name]` as a string).
    pub fn first(&self) -> Option<&str> {
        self.values().next()
    }

    pub(crate) fn push(&mut self, v: HeaderStr) {
        match self {
            HeaderValue::One(s) => {
                let first = std::mem::replace(s, HeaderStr::from(""));
                *self = HeaderValue::Many(vec![first, v]);
            }
            HeaderValue::Many(list) => list.push(v),
        }
    }
}

impl fmt::Debug for HeaderValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HeaderValue::One(s) => write!(f, "{s:?}"),
            HeaderValue::Many(v) => write!(f, "{v:?}"),
        }
    }
}

macro_rules! from_display {
    ($($t:ty),*) => {$(
        impl From<$t> for HeaderValue {
            fn from(v: $t) -> HeaderValue {
                HeaderValue::One(display_value(v))
            }
        }
    )*};
}
from_display!(f64, bool, char);

/// An integer's decimal digits, written straight into an inline value (`:status` => 200 is
/// the common case; the formatting machinery costs more than the rest of `set`).
fn integer_value(negative: bool, mut n: u64) -> HeaderStr {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let mut buf = [0u8; INLINE];
    let mut len = 0;
    if negative {
        buf[0] = b'-';
        len = 1;
    }
    let body = &digits[at..];
    buf[len..len + body.len()].copy_from_slice(body);
    HeaderStr(Repr::Inline { len: (len + body.len()) as u8, buf })
}

macro_rules! from_unsigned {
    ($($t:ty),*) => {$(
        impl From<$t> for HeaderValue {
            fn from(v: $t) -> HeaderValue {
                HeaderValue::One(integer_value(false, v as u64))
            }
        }
    )*};
}
from_unsigned!(u8, u16, u32, u64, usize);

macro_rules! from_signed {
    ($($t:ty),*) => {$(
        impl From<$t> for HeaderValue {
            fn from(v: $t) -> HeaderValue {
                HeaderValue::One(integer_value(v < 0, (v as i64).unsigned_abs()))
            }
        }
    )*};
}
from_signed!(i8, i16, i32, i64, isize);

impl From<&str> for HeaderValue {
    fn from(v: &str) -> HeaderValue {
        HeaderValue::One(v.into())
    }
}
impl From<String> for HeaderValue {
    fn from(v: String) -> HeaderValue {
        HeaderValue::One(v.into())
    }
}
impl From<&String> for HeaderValue {
    fn from(v: &String) -> HeaderValue {
        HeaderValue::One(v.as_str().into())
    }
}
impl From<HeaderStr> for HeaderValue {
    fn from(v: HeaderStr) -> HeaderValue {
        HeaderValue::One(v)
    }
}
impl From<Vec<String>> for HeaderValue {
    fn from(v: Vec<String>) -> HeaderValue {
        HeaderValue::Many(v.into_iter().map(HeaderStr::from).collect())
    }
}
impl From<Vec<&str>> for HeaderValue {
    fn from(v: Vec<&str>) -> HeaderValue {
        HeaderValue::Many(v.into_iter().map(HeaderStr::from).collect())
    }
}
impl<const N: usize> From<[&str; N]> for HeaderValue {
    fn from(v: [&str; N]) -> HeaderValue {
        HeaderValue::Many(v.iter().map(|s| HeaderStr::from(*s)).collect())
    }
}

/// A field name, lower-case: the static table's own `&'static str` when it has the name (no
/// allocation for the common fields), else an owned string.
pub(crate) type Name = Cow<'static, str>;

/// `name` lower-cased, borrowed from the HPACK static table when it is one of its names.
pub(crate) fn lower_name(name: &str) -> Name {
    if let Some(s) = crate::hpack::static_name(name.as_bytes()) {
        return Cow::Borrowed(s);
    }
    if !name.bytes().any(|b| b.is_ascii_uppercase()) {
        return Cow::Owned(name.to_string());
    }
    let lower = name.to_ascii_lowercase();
    match crate::hpack::static_name(lower.as_bytes()) {
        Some(s) => Cow::Borrowed(s),
        None => Cow::Owned(lower),
    }
}

/// A headers object. See the module docs.
#[derive(Clone, PartialEq, Eq)]
pub struct Headers {
    /// Dropped in `Drop`, which may keep the emptied list for the next object.
    entries: ManuallyDrop<Rc<Entries>>,
    /// Names to send never-indexed (Node's `http2.sensitiveHeaders`); most objects have none,
    /// so the list is only allocated when one is marked.
    sensitive: Option<Rc<Vec<String>>>,
}

type Entries = Vec<(Name, HeaderValue)>;

thread_local! {
    /// Emptied entry lists of dropped headers objects, each still in its `Rc`, for the next
    /// objects made: a request's headers and the response's then allocate nothing.
    static SPARE_ENTRIES: RefCell<Vec<Rc<Entries>>> = const { RefCell::new(Vec::new()) };
}

/// Lists kept per thread, and the largest kept: at most 64 x 32 entries of 64 bytes.
const MAX_SPARE_ENTRIES: usize = 64;
const MAX_SPARE_ENTRY_CAPACITY: usize = 32;

impl Drop for Headers {
    fn drop(&mut self) {
        // SAFETY: `entries` is taken once, here, and the object is not used after its drop.
        let mut entries = unsafe { ManuallyDrop::take(&mut self.entries) };
        let Some(list) = Rc::get_mut(&mut entries) else { return };
        if list.capacity() == 0 || list.capacity() > MAX_SPARE_ENTRY_CAPACITY {
            return;
        }
        // Header values are text: clearing runs no user code.
        list.clear();
        let _ = SPARE_ENTRIES.try_with(|spares| {
            if let Ok(mut spares) = spares.try_borrow_mut() {
                if spares.len() < MAX_SPARE_ENTRIES {
                    spares.push(entries);
                }
            }
        });
    }
}

impl Default for Headers {
    fn default() -> Headers {
        Headers::new()
    }
}

impl Headers {
    pub fn new() -> Headers {
        let entries = SPARE_ENTRIES.try_with(|spares| spares.try_borrow_mut().ok()?.pop()).ok().flatten();
        Headers { entries: ManuallyDrop::new(entries.unwrap_or_default()), sensitive: None }
    }

    /// A received block's fields, built by `fill` as a list (names lower-case and distinct),
    /// with the names to keep never-indexed.
    pub(crate) fn from_received<R>(fill: impl FnOnce(&mut Entries, &mut Vec<String>) -> R) -> (Headers, R) {
        let mut headers = Headers::new();
        let mut sensitive = Vec::new();
        let r = fill(Rc::make_mut(&mut headers.entries), &mut sensitive);
        if !sensitive.is_empty() {
            headers.sensitive = Some(Rc::new(sensitive));
        }
        (headers, r)
    }

    fn position(&self, name: &str) -> Option<usize> {
        // Stored names are lower-case, and so are most names asked for: an exact compare
        // first, the case fold only when it fails.
        self.entries.iter().position(|(n, _)| n == name || n.eq_ignore_ascii_case(name))
    }

    /// `headers[name] = value`: replaces any value the field had. The name is stored lower-case.
    pub fn set(&mut self, name: impl AsRef<str>, value: impl Into<HeaderValue>) -> &mut Self {
        let name = name.as_ref();
        let value = value.into();
        let entries = Rc::make_mut(&mut *self.entries);
        match entries.iter().position(|(n, _)| n == name || n.eq_ignore_ascii_case(name)) {
            Some(i) => entries[i].1 = value,
            None => entries.push((lower_name(name), value)),
        }
        self
    }

    /// Adds a value to a field, making it a list if it had one already.
    pub fn append(&mut self, name: impl AsRef<str>, value: impl Into<HeaderStr>) -> &mut Self {
        let name = name.as_ref();
        let value = value.into();
        let entries = Rc::make_mut(&mut *self.entries);
        match entries.iter().position(|(n, _)| n == name || n.eq_ignore_ascii_case(name)) {
            Some(i) => entries[i].1.push(value),
            None => entries.push((lower_name(name), HeaderValue::One(value))),
        }
        self
    }

    /// `delete headers[name]`.
    pub fn remove(&mut self, name: &str) -> Option<HeaderValue> {
        let i = self.position(name)?;
        Some(Rc::make_mut(&mut *self.entries).remove(i).1)
    }

    /// The field's value (the first, for a list).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.value(name).and_then(HeaderValue::first)
    }

    /// The field's value as Node holds it: one string or a list.
    pub fn value(&self, name: &str) -> Option<&HeaderValue> {
        self.position(name).map(|i| &self.entries[i].1)
    }

    /// Every value of the field.
    pub fn get_all(&self, name: &str) -> Vec<&str> {
        self.value(name).map(|v| v.values().collect()).unwrap_or_default()
    }

    pub fn contains(&self, name: &str) -> bool {
        self.position(name).is_some()
    }

    /// Field names in order (Node's `Object.keys(headers)`).
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|(n, _)| &**n)
    }

    /// `(name, value)` for every value, lists expanded, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.entries.iter().flat_map(|(n, v)| v.values().map(move |s| (&**n, s)))
    }

    /// The fields, one entry per name.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &HeaderValue)> {
        self.entries.iter().map(|(n, v)| (&**n, v))
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Marks a field to be sent never-indexed (HPACK §6.2.3), like Node's
    /// `headers[http2.sensitiveHeaders] = [name]`.
    pub fn mark_sensitive(&mut self, name: &str) -> &mut Self {
        let name = name.to_ascii_lowercase();
        let list = Rc::make_mut(self.sensitive.get_or_insert_with(Default::default));
        if !list.contains(&name) {
            list.push(name);
        }
        self
    }

    pub fn is_sensitive(&self, name: &str) -> bool {
        self.sensitive.as_ref().is_some_and(|list| list.iter().any(|n| n.eq_ignore_ascii_case(name)))
    }
}

impl fmt::Debug for Headers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.entries.iter().map(|(n, v)| (n, v))).finish()
    }
}

impl<N: AsRef<str>, V: Into<HeaderValue>> FromIterator<(N, V)> for Headers {
    fn from_iter<I: IntoIterator<Item = (N, V)>>(iter: I) -> Headers {
        let mut h = Headers::new();
        for (n, v) in iter {
            h.set(n, v);
        }
        h
    }
}

/// Builds a [`Headers`] object: `headers! { ":status" => 200, "content-type" => "text/plain" }`.
#[macro_export]
macro_rules! headers {
    () => { $crate::Headers::new() };
    ($($name:expr => $value:expr),+ $(,)?) => {{
        let mut h = $crate::Headers::new();
        $( h.set($name, $value); )+
        h
    }};
}

#[cfg(test)]
mod tests {
    use super::*;

    /// OBJ-1: a dropped object's emptied list serves the next object made on the thread; a
    /// list another object still shares, or a large one, is never taken.
    #[test]
    fn obj_1_a_dropped_objects_list_is_reused_only_when_unshared() {
        let list_of = |h: &Headers| Rc::as_ptr(&h.entries);
        let h = crate::headers! { "a" => "1", "b" => "2" };
        let at = list_of(&h);
        drop(h);
        let mut fresh = Headers::new();
        assert_eq!(list_of(&fresh), at, "the spare list is reused");
        assert!(fresh.entries.capacity() >= 2 && fresh.is_empty() && fresh.names().next().is_none());
        fresh.set("c", "3");
        assert_eq!(fresh.get("c"), Some("3"));
        // A clone shares the list: dropping the original leaves the clone whole.
        let kept = fresh.clone();
        drop(fresh);
        assert_eq!(kept.get("c"), Some("3"));
        let other = Headers::new();
        assert_eq!(other.entries.capacity(), 0, "a shared list is not taken");
        // A large list is freed, not kept.
        let mut big = Headers::new();
        for i in 0..=MAX_SPARE_ENTRY_CAPACITY {
            big.set(format!("x-{i}"), i);
        }
        drop(big);
        assert_eq!(Headers::new().entries.capacity(), 0, "a large list is not kept");
        drop((kept, other));
    }

    #[test]
    fn obj_1_names_are_case_insensitive_and_stored_lower_case() {
        let mut h = Headers::new();
        h.set("Content-Type", "text/plain");
        h.set("CONTENT-TYPE", "text/html");
        assert_eq!(h.names().collect::<Vec<_>>(), ["content-type"]);
        assert_eq!(h.get("content-type"), Some("text/html"));
    }

    #[test]
    fn obj_1_values_are_coerced_and_lists_kept() {
        let h = crate::headers! { ":status" => 200, "x-n" => 1.5, "abc" => ["has", "more", "than", "one", "value"] };
        assert_eq!(h.get(":status"), Some("200"));
        assert_eq!(h.get("x-n"), Some("1.5"));
        assert_eq!(h.get_all("abc").len(), 5);
        assert_eq!(h.iter().count(), 7);
    }

    #[test]
    fn obj_1_values_read_the_same_whether_inline_shared_or_owned() {
        let long = "x".repeat(INLINE + 1);
        // Coerced numbers, short and long text, and text that only just fits.
        let h = crate::headers! {
            ":status" => 200, "x-big" => u64::MAX, "x-f" => -1.25e300, "x-s" => "text/html",
            "x-long" => long.as_str(), "x-fit" => "y".repeat(INLINE), "x-u" => "é€",
        };
        assert_eq!(h.get(":status"), Some("200"));
        assert_eq!(h.get("x-big"), Some("18446744073709551615"));
        assert_eq!(h.get("x-f"), Some(format!("{}", -1.25e300).as_str()));
        assert_eq!(h.get("x-s"), Some("text/html"));
        assert_eq!(h.get("x-long"), Some(long.as_str()));
        assert_eq!(h.get("x-fit").map(str::len), Some(INLINE));
        assert_eq!(h.get("x-u"), Some("é€"));
        let ints = crate::headers! { "a" => 0u8, "b" => -1i8, "c" => i64::MIN, "d" => usize::MAX, "e" => -120i32, "f" => u16::MAX };
        let expected = ["0".to_string(), "-1".into(), i64::MIN.to_string(), usize::MAX.to_string(), "-120".into(), "65535".into()];
        assert_eq!(ints.iter().map(|(_, v)| v.to_string()).collect::<Vec<_>>(), expected);
        // Received values: short ones inline, long ones sharing the block's buffer, bytes that
        // are not UTF-8 replaced as `from_utf8_lossy` does.
        let block = bytes::Bytes::from(format!("/{long}"));
        let shared = HeaderStr::from_wire(&block.clone().into());
        assert_eq!(shared, block.iter().map(|&b| b as char).collect::<String>().as_str());
        assert!(matches!(shared.0, Repr::Shared(_)));
        assert!(matches!(HeaderStr::from_wire(&block.slice(..3).into()).0, Repr::Inline { .. }));
        assert_eq!(HeaderStr::from_wire(&b"a\xffb".into()), "a\u{fffd}b");
        assert_eq!(String::from(HeaderStr::from(long.clone())), long);
        // Sent values: an inline one moves into the field inline, a longer one goes the
        // caller's way.
        let fit = HeaderStr::from("y".repeat(INLINE));
        let sent = fit.to_field_bytes(|_| unreachable!("an inline value is moved"));
        assert_eq!((sent.shared().is_none(), &sent[..]), (true, fit.as_bytes()));
        let sent = HeaderStr::from(long.clone()).to_field_bytes(crate::hpack::FieldBytes::copy_from_slice);
        assert_eq!(&sent[..], long.as_bytes());
    }

    #[test]
    fn obj_1_append_makes_a_list_and_clones_are_independent() {
        let mut a = Headers::new();
        a.append("set-cookie", "a=1");
        let b = a.clone();
        a.append("set-cookie", "b=2");
        assert_eq!(a.get_all("set-cookie"), ["a=1", "b=2"]);
        assert_eq!(b.get_all("set-cookie"), ["a=1"]);
        assert!(a.remove("set-cookie").is_some());
        assert!(a.is_empty());
    }
}
