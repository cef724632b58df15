//! Prefix-coded integers (RFC 7541 §5.1), with overflow checks.

use bytes::{BufMut, BytesMut};

/// Largest value we accept. Every HPACK integer (index, length, table size) fits in u32;
/// RFC 7541 §5.1 leaves the limit to the implementation, and an unbounded one would let a
/// peer make us loop over continuation bytes or overflow.
pub const MAX_VALUE: usize = u32::MAX as usize;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IntegerError {
    /// The input ended inside the integer.
    Truncated,
    /// The value does not fit (or used more continuation bytes than any valid value needs).
    Overflow,
}

/// Appends `value` with an `n`-bit prefix; `flags` fills the bits above the prefix.
/// Inlined for the one- and two-byte forms (indexes, lengths), which is nearly all of them.
#[inline(always)]
pub fn encode(value: usize, n: u8, flags: u8, dst: &mut BytesMut) {
    let max = (1usize << n) - 1;
    if value < max {
        dst.put_u8(flags | value as u8);
    } else if value - max < 128 {
        dst.put_slice(&[flags | max as u8, (value - max) as u8]);
    } else {
        encode_long(value, n, flags, dst);
    }
}

#[inline(never)]
fn encode_long(value: usize, n: u8, flags: u8, dst: &mut BytesMut) {
    let (bytes, len) = to_array(value, n, flags);
    dst.extend_from_slice(&bytes[..len]);
}

/// `value` with an `n`-bit prefix as bytes, and how many of them are used (a 64-bit value
/// takes at most 1 + 10).
pub fn to_array(value: usize, n: u8, flags: u8) -> ([u8; 11], usize) {
    let mut out = [0u8; 11];
    let max = (1usize << n) - 1;
    if value < max {
        out[0] = flags | value as u8;
        return (out, 1);
    }
    out[0] = flags | max as u8;
    let mut rest = value - max;
    let mut len = 1;
    while rest >= 128 {
        out[len] = (rest % 128) as u8 | 0x80;
        rest /= 128;
        len += 1;
    }
    out[len] = rest as u8;
    (out, len + 1)
}

/// Reads an integer with an `n`-bit prefix at `*pos`, advancing `*pos`.
#[inline]
pub fn decode(src: &[u8], pos: &mut usize, n: u8) -> Result<usize, IntegerError> {
    let max = (1usize << n) - 1;
    let first = *src.get(*pos).ok_or(IntegerError::Truncated)?;
    *pos += 1;
    let mut value = usize::from(first) & max;
    if value < max {
        return Ok(value);
    }
    let mut shift = 0u32;
    loop {
        let b = *src.get(*pos).ok_or(IntegerError::Truncated)?;
        *pos += 1;
        // u32 values need at most 5 continuation bytes (35 bits).
        if shift > 28 {
            return Err(IntegerError::Overflow);
        }
        value += usize::from(b & 0x7f) << shift;
        if value > MAX_VALUE {
            return Err(IntegerError::Overflow);
        }
        if b & 0x80 == 0 {
            return Ok(value);
        }
        shift += 7;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enc(v: usize, n: u8) -> Vec<u8> {
        let mut b = BytesMut::new();
        encode(v, n, 0, &mut b);
        b.to_vec()
    }

    #[test]
    fn rfc7541_c_1_1_ten_with_a_5_bit_prefix() {
        assert_eq!(enc(10, 5), [0b01010]);
        assert_eq!(decode(&[0b01010], &mut 0, 5), Ok(10));
    }

    #[test]
    fn rfc7541_c_1_2_1337_with_a_5_bit_prefix() {
        assert_eq!(enc(1337, 5), [0b11111, 0b1001_1010, 0b0000_1010]);
        assert_eq!(decode(&[0b11111, 0b1001_1010, 0b0000_1010], &mut 0, 5), Ok(1337));
    }

    #[test]
    fn rfc7541_5_1_largest_values_fit_the_array() {
        assert!(enc(usize::MAX, 1).len() <= 11);
        assert!(enc(usize::MAX, 8).len() <= 11);
        assert_eq!(enc(254, 7), [0x7f, 0x7f]);
        assert_eq!(enc(255, 7), [0x7f, 0x80, 0x01]);
        // The inlined one- and two-byte forms agree with the general one, and decode back.
        for n in 1..=8 {
            for v in (0..600).chain([16_000, 16_511, 16_512, 1 << 20, MAX_VALUE]) {
                let (a, len) = to_array(v, n, 0);
                assert_eq!(enc(v, n), &a[..len]);
                assert_eq!(decode(&a[..len], &mut 0, n), Ok(v));
            }
        }
    }

    #[test]
    fn rfc7541_c_1_3_42_on_a_byte_boundary() {
        assert_eq!(enc(42, 8), [42]);
        assert_eq!(decode(&[42], &mut 0, 8), Ok(42));
    }

    #[test]
    fn rfc7541_5_1_overflow_and_truncation_are_errors() {
        assert_eq!(decode(&[0x1f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], &mut 0, 5), Err(IntegerError::Overflow));
        assert_eq!(decode(&[0x1f, 0xff, 0xff, 0xff, 0xff, 0x7f], &mut 0, 5), Err(IntegerError::Overflow));
        assert_eq!(decode(&[0x1f, 0x80], &mut 0, 5), Err(IntegerError::Truncated));
        assert_eq!(decode(&[], &mut 0, 5), Err(IntegerError::Truncated));
        // Many zero continuation bytes are still bounded.
        assert_eq!(decode(&[0x1f, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00], &mut 0, 5), Err(IntegerError::Overflow));
        let mut pos = 0;
        assert_eq!(decode(&enc(MAX_VALUE, 7), &mut pos, 7), Ok(MAX_VALUE));
    }
}
