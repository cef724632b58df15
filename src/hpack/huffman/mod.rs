//! HPACK's static Huffman code (RFC 7541 §5.2, Appendix B).
//!
//! Decoding is table-driven: a 64-bit buffer holds the next bits, and a 4096-entry table
//! indexed by the next 12 bits gives up to two symbols and the bits they use (the common
//! characters have 5-8 bit codes, so most lookups produce two). The rare longer codes (13-30
//! bits) are decoded canonically: the HPACK code is canonical (codes of one length are
//! consecutive in symbol order), so a code's symbol is found from per-length first codes.
//! Both tables are built from the RFC's code on first use.

mod table;

use std::mem::MaybeUninit;
use std::sync::OnceLock;

use bytes::{BufMut, BytesMut};

pub(crate) use table::CODES;

const EOS: u16 = 256;
const FAST_BITS: u32 = 12;

/// Invalid Huffman data: EOS inside the string, or bad padding (RFC 7541 §5.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InvalidHuffman;

/// One fast-table entry: up to two symbols within the next 12 bits.
#[derive(Clone, Copy, Default)]
struct Fast {
    sym1: u8,
    len1: u8,
    sym2: u8,
    /// Bits used by both symbols (0 when there is no second symbol).
    len2: u8,
    /// 0: the next code is longer than 12 bits; 1 or 2 symbols otherwise.
    count: u8,
}

struct Tables {
    fast: Vec<Fast>,
    /// Canonical decoding by length (index = bit length 0..=30): first code of that length,
    /// number of codes, and where its symbols start in `symbols`.
    first_code: [u32; 31],
    count: [u32; 31],
    offset: [u32; 31],
    /// Symbols sorted by (length, symbol) — the canonical order.
    symbols: Vec<u16>,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(build)
}

fn build() -> Tables {
    let mut count = [0u32; 31];
    for &(_, len) in CODES.iter() {
        count[len as usize] += 1;
    }
    let mut symbols: Vec<u16> = (0..=256u16).collect();
    symbols.sort_by_key(|&s| (CODES[s as usize].1, s));
    let mut first_code = [0u32; 31];
    let mut offset = [0u32; 31];
    let mut code = 0u32;
    let mut off = 0u32;
    for len in 1..31 {
        first_code[len] = code;
        offset[len] = off;
        code = (code + count[len]) << 1;
        off += count[len];
    }
    let mut t = Tables { fast: Vec::new(), first_code, count, offset, symbols };
    let mut fast = vec![Fast::default(); 1 << FAST_BITS];
    for (p, entry) in fast.iter_mut().enumerate() {
        let window = (p as u64) << (64 - FAST_BITS);
        if let Some((s1, l1)) = t.canonical(window, 1, FAST_BITS) {
            if s1 == EOS {
                continue;
            }
            *entry = Fast { sym1: s1 as u8, len1: l1 as u8, sym2: 0, len2: 0, count: 1 };
            if let Some((s2, l2)) = t.canonical(window << l1, 1, FAST_BITS - l1) {
                if s2 != EOS {
                    entry.sym2 = s2 as u8;
                    entry.len2 = (l1 + l2) as u8;
                    entry.count = 2;
                }
            }
        }
    }
    t.fast = fast;
    t
}

impl Tables {
    /// Decodes the code at the top of `window` whose length is in `min..=max` bits.
    #[inline]
    fn canonical(&self, window: u64, min: u32, max: u32) -> Option<(u16, u32)> {
        for len in min.max(1)..=max.min(30) {
            let code = (window >> (64 - len)) as u32;
            let n = self.count[len as usize];
            if n > 0 && code >= self.first_code[len as usize] && code - self.first_code[len as usize] < n {
                let idx = self.offset[len as usize] + code - self.first_code[len as usize];
                return Some((self.symbols[idx as usize], len));
            }
        }
        None
    }
}

/// Decodes a Huffman string, appending to `dst`.
pub fn decode(src: &[u8], dst: &mut Vec<u8>) -> Result<(), InvalidHuffman> {
    let t = tables();
    // Codes are at least 5 bits: at most 8/5 symbols per input byte. Writing into a buffer
    // sized for that (then cut to length) avoids a capacity check per symbol.
    let start = dst.len();
    let max = src.len() * 8 / 5 + 2;
    dst.resize(start + max, 0);
    let out = &mut dst[start..];
    let mut n = 0usize;
    // MSB-aligned bit buffer: the next bit to decode is bit 63.
    let mut buf: u64 = 0;
    let mut nbits: u32 = 0;
    let mut pos = 0usize;
    let result = loop {
        if nbits <= 32 {
            if let Some(w) = src.get(pos..pos + 4) {
                let w = u32::from_be_bytes([w[0], w[1], w[2], w[3]]);
                buf |= u64::from(w) << (32 - nbits);
                nbits += 32;
                pos += 4;
            } else {
                while nbits <= 56 && pos < src.len() {
                    buf |= u64::from(src[pos]) << (56 - nbits);
                    nbits += 8;
                    pos += 1;
                }
            }
        }
        if nbits == 0 {
            break Ok(());
        }
        let e = t.fast[(buf >> (64 - FAST_BITS)) as usize];
        if e.count > 0 && u32::from(e.len1) <= nbits {
            if n + 2 > out.len() {
                break Err(InvalidHuffman);
            }
            out[n] = e.sym1;
            if e.count == 2 && u32::from(e.len2) <= nbits {
                out[n + 1] = e.sym2;
                n += 2;
                buf <<= e.len2;
                nbits -= u32::from(e.len2);
            } else {
                n += 1;
                buf <<= e.len1;
                nbits -= u32::from(e.len1);
            }
            continue;
        }
        // A long code, or the end of the string.
        match t.canonical(buf, FAST_BITS + 1, nbits.min(30)) {
            Some((EOS, _)) => break Err(InvalidHuffman),
            Some((sym, len)) if len <= nbits && n < out.len() => {
                out[n] = sym as u8;
                n += 1;
                buf <<= len;
                nbits -= len;
            }
            _ => {
                // What is left must be padding: fewer than 8 bits, all ones (§5.2).
                if pos == src.len() && nbits < 8 && buf >> (64 - nbits) == (1u64 << nbits) - 1 {
                    break Ok(());
                }
                break Err(InvalidHuffman);
            }
        }
    };
    dst.truncate(start + n);
    result
}

/// Checks a Huffman string without keeping its output (for skipped fields).
pub fn validate(src: &[u8]) -> Result<(), InvalidHuffman> {
    let mut sink = Vec::new();
    decode(src, &mut sink)
}

/// The length of `src` Huffman-encoded.
#[inline]
pub fn encoded_len(src: &[u8]) -> usize {
    let bits: usize = src.iter().map(|&b| usize::from(CODES[b as usize].1)).sum();
    bits.div_ceil(8)
}

/// Appends `src` Huffman-encoded, padded with the EOS prefix (all ones).
pub fn encode(src: &[u8], dst: &mut BytesMut) {
    let _ = encode_bounded(src, usize::MAX, dst);
}

/// Input bytes coded per piece: their code (at most 30 bits a byte) fits in `MASK + 1` bytes.
const PIECE: usize = 64;
/// Store positions within a piece's output are taken modulo `MASK + 1`, so the compiler sees
/// every 8-byte store within the `SPACE` bytes without a check (a piece's code, at most
/// 240 bytes, never actually wraps).
const MASK: usize = 255;
const SPACE: usize = MASK + 1 + 8;
const _: () = assert!(PIECE * 30 / 8 <= MASK);

/// Codes `src` (at most `PIECE` bytes) after the `bits` pending bits of `acc` into `out`,
/// whose first byte is the one those bits belong to; returns the whole bytes written, and
/// leaves the bits of the last, partial byte pending. Every byte below the count returned
/// has been written.
///
/// Branch-free per symbol: `acc` holds the pending bits right-aligned (bits above them are
/// stale and shifted out), its top `bits` are stored as 8 big-endian bytes every time, and the
/// output advances by the whole bytes completed, so there is no hard-to-predict "flush now?"
/// branch, no bounds check and no zero-filling of the output first. Symbols go four at a time
/// (one store per four) whenever their codes fit in the accumulator with the pending bits (at
/// most 7): four codes of printable ASCII take at most 57 bits unless they include several of
/// the rare 13-19-bit ones, which then go one at a time.
#[inline(always)]
fn code_piece(src: &[u8], acc: &mut u64, bits: &mut u32, out: &mut [MaybeUninit<u8>; SPACE]) -> usize {
    let (mut a, mut b) = (*acc, *bits);
    let mut n = 0usize;
    // Stores the pending bits (1..=64 of them) left-aligned at `out[n..]`, advances by the
    // whole bytes, keeps the rest pending.
    macro_rules! flush {
        () => {{
            // A shift by 64 - b: `wrapping_shl` takes it mod 64, which is right for 64 too.
            let word = a.wrapping_shl(b.wrapping_neg());
            let at = n & MASK;
            for (o, byte) in out[at..at + 8].iter_mut().zip(word.to_be_bytes()) {
                o.write(byte);
            }
            n += (b / 8) as usize;
            b %= 8;
        }};
    }
    // One symbol: b < 8 before, and codes are at most 30 bits.
    macro_rules! one {
        ($sym:expr) => {{
            let (code, len) = CODES[$sym as usize];
            a = (a << len) | u64::from(code);
            b += u32::from(len);
            flush!();
        }};
    }
    let mut quads = src.chunks_exact(4);
    for q in &mut quads {
        let (c0, l0) = CODES[q[0] as usize];
        let (c1, l1) = CODES[q[1] as usize];
        let (c2, l2) = CODES[q[2] as usize];
        let (c3, l3) = CODES[q[3] as usize];
        let total = b + u32::from(l0) + u32::from(l1) + u32::from(l2) + u32::from(l3);
        if total > 64 {
            for &sym in q {
                one!(sym);
            }
            continue;
        }
        a = (a << l0) | u64::from(c0);
        a = (a << l1) | u64::from(c1);
        a = (a << l2) | u64::from(c2);
        a = (a << l3) | u64::from(c3);
        b = total;
        flush!();
    }
    for &sym in quads.remainder() {
        one!(sym);
    }
    (*acc, *bits) = (a, b);
    n
}

/// Appends `src` Huffman-encoded if that takes fewer than `limit` bytes, returning the
/// length; otherwise leaves `dst` as it was and returns `None`. One pass, no length
/// pre-count: the code goes straight into `dst`'s spare capacity a piece at a time, and the
/// coding stops as soon as it reaches `limit`.
pub fn encode_bounded(src: &[u8], limit: usize, dst: &mut BytesMut) -> Option<usize> {
    let start = dst.len();
    let (mut acc, mut bits) = (0u64, 0u32);
    let mut len = 0usize;
    for piece in src.chunks(PIECE) {
        dst.reserve(SPACE);
        let out = dst.spare_capacity_mut().first_chunk_mut::<SPACE>()?;
        let n = code_piece(piece, &mut acc, &mut bits, out);
        len += n;
        if len >= limit {
            dst.truncate(start);
            return None;
        }
        let end = dst.len() + n;
        // SAFETY: `code_piece` wrote every byte below `n` of the spare capacity it was given
        // (`n` is at most 240 of its `SPACE` bytes).
        unsafe { dst.set_len(end) };
    }
    if len + usize::from(bits > 0) >= limit {
        dst.truncate(start);
        return None;
    }
    if bits > 0 {
        // §5.2: pad with the most significant bits of EOS (all ones).
        dst.put_u8(((acc << (8 - bits)) as u8) | (0xff >> bits));
        len += 1;
    }
    Some(len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc7541_appendix_b_code_is_prefix_free_complete_and_canonical() {
        let mut kraft = 0f64;
        for &(_, len) in CODES.iter() {
            kraft += 1.0 / f64::from(1u32 << len);
        }
        assert!((kraft - 1.0).abs() < 1e-12);
        // Canonical: the code of every symbol is the one canonical assignment gives.
        let t = tables();
        for (sym, &(code, len)) in CODES.iter().enumerate() {
            let window = u64::from(code) << (64 - u32::from(len));
            assert_eq!(t.canonical(window, 1, 30), Some((sym as u16, u32::from(len))), "symbol {sym}");
        }
    }

    #[test]
    fn rfc7541_c_4_1_huffman_round_trip() {
        let mut out = BytesMut::new();
        encode(b"www.example.com", &mut out);
        assert_eq!(&out[..], &[0xf1, 0xe3, 0xc2, 0xe5, 0xf2, 0x3a, 0x6b, 0xa0, 0xab, 0x90, 0xf4, 0xff]);
        let mut back = Vec::new();
        decode(&out, &mut back).unwrap();
        assert_eq!(back, b"www.example.com");
        assert_eq!(encoded_len(b"www.example.com"), 12);
    }

    #[test]
    fn rfc7541_5_2_all_bytes_and_every_length_round_trip() {
        let all: Vec<u8> = (0..=255u8).collect();
        for n in 0..all.len() {
            let mut out = BytesMut::new();
            encode(&all[n..], &mut out);
            let mut back = Vec::new();
            decode(&out, &mut back).unwrap();
            assert_eq!(back, &all[n..]);
        }
    }

    /// The RFC's definition, one bit at a time: the reference for the word-at-a-time encoder.
    fn reference(src: &[u8]) -> Vec<u8> {
        let mut bits = Vec::new();
        for &b in src {
            let (code, len) = CODES[b as usize];
            bits.extend((0..len).rev().map(|i| (code >> i) & 1 == 1));
        }
        while bits.len() % 8 != 0 {
            bits.push(true);
        }
        bits.chunks(8).map(|c| c.iter().fold(0u8, |a, &b| a << 1 | u8::from(b))).collect()
    }

    #[test]
    fn rfc7541_5_2_encoder_matches_the_bitwise_definition_and_its_bound() {
        // Mixes of short and long codes at every alignment (a quad of long codes does not fit
        // the accumulator and goes one symbol at a time) and over several 64-byte pieces,
        // from a fixed pseudo-random stream.
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for round in 0..3000 {
            let len = (next() % 200) as usize;
            let src: Vec<u8> = (0..len)
                .map(|_| {
                    let r = next();
                    // Mostly printable text, some control and high bytes (13-30-bit codes).
                    if round % 3 == 0 || r % 8 == 0 { (r >> 8) as u8 } else { b' ' + ((r >> 8) % 95) as u8 }
                })
                .collect();
            let want = reference(&src);
            let mut out = BytesMut::new();
            encode(&src, &mut out);
            assert_eq!(&out[..], &want[..], "{src:?}");
            assert_eq!(encoded_len(&src), want.len());
            let mut out = BytesMut::from(&b"ab"[..]);
            let got = encode_bounded(&src, src.len(), &mut out);
            if want.len() < src.len() {
                assert_eq!(got, Some(want.len()));
                assert_eq!(&out[2..], &want[..]);
            } else {
                assert_eq!(got, None);
                assert_eq!(&out[..], b"ab");
            }
        }
    }

    #[test]
    fn rfc7541_5_2_eos_and_bad_padding_are_errors() {
        // EOS (30 ones) inside the string.
        assert_eq!(decode(&[0xff, 0xff, 0xff, 0xfc], &mut Vec::new()), Err(InvalidHuffman));
        assert_eq!(decode(&[0xff, 0xff, 0xff, 0xff], &mut Vec::new()), Err(InvalidHuffman));
        // 'a' (00011) padded with zeros instead of ones.
        assert_eq!(decode(&[0b0001_1000], &mut Vec::new()), Err(InvalidHuffman));
        // 'a' then a whole byte of ones: padding longer than 7 bits.
        assert_eq!(decode(&[0b0001_1111, 0xff], &mut Vec::new()), Err(InvalidHuffman));
        assert!(decode(&[0b0001_1111], &mut Vec::new()).is_ok());
        assert!(validate(&[0b0001_1111]).is_ok());
        assert!(decode(&[], &mut Vec::new()).is_ok());
    }
}
