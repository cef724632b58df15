//! HPACK's static Huffman code (RFC 7541 §5.2, Appendix B).
//!
//! Decoding is table-driven, four bits per step, as nghttp2 does: the states are the 256
//! internal nodes of the code tree, and for each state and nibble the table gives the next
//! state and the symbol completed on the way, if any (codes are at least 5 bits long, so a
//! nibble completes at most one). The table is built from the code on first use.

mod table;

use std::sync::OnceLock;

use bytes::{BufMut, BytesMut};

pub(crate) use table::CODES;

const EOS: usize = 256;

/// A decode step: next state (bits 0-7), symbol (bits 8-15), flags (bits 16-23).
type Step = u32;
const EMIT: u32 = 1 << 16;
/// The Huffman string contained EOS (RFC 7541 §5.2: a decoding error).
const FAIL: u32 = 1 << 17;
/// The state reached may end the string: the bits since the last symbol are all ones and
/// fewer than 8 (RFC 7541 §5.2: padding is the EOS prefix, at most 7 bits).
const ACCEPT: u32 = 1 << 18;

/// Invalid Huffman data: EOS inside the string, or bad padding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InvalidHuffman;

struct Tables {
    steps: Vec<[Step; 16]>,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(build)
}

fn build() -> Tables {
    // The code tree: internal nodes hold [child for 0, child for 1]; a child is either an
    // internal node (index) or a leaf (symbol + LEAF).
    const LEAF: u32 = 1 << 31;
    const NONE: u32 = u32::MAX;
    let mut nodes: Vec<[u32; 2]> = vec![[NONE, NONE]];
    // Depth and all-ones-ness of each internal node's path, for ACCEPT.
    let mut ones: Vec<(u8, bool)> = vec![(0, true)];
    for (sym, &(code, len)) in CODES.iter().enumerate() {
        let mut node = 0usize;
        for i in (0..len).rev() {
            let bit = ((code >> i) & 1) as usize;
            if i == 0 {
                nodes[node][bit] = LEAF | sym as u32;
            } else {
                if nodes[node][bit] == NONE {
                    nodes.push([NONE, NONE]);
                    let (d, all) = ones[node];
                    ones.push((d + 1, all && bit == 1));
                    nodes[node][bit] = (nodes.len() - 1) as u32;
                }
                node = nodes[node][bit] as usize;
            }
        }
    }
    let mut steps = vec![[0u32; 16]; nodes.len()];
    for (state, row) in steps.iter_mut().enumerate() {
        for (nibble, step) in row.iter_mut().enumerate() {
            let mut node = state;
            let mut out: u32 = 0;
            for i in (0..4).rev() {
                let bit = (nibble >> i) & 1;
                let child = nodes[node][bit];
                if child & LEAF != 0 {
                    let sym = (child & !LEAF) as usize;
                    if sym == EOS {
                        out = FAIL;
                        break;
                    }
                    out = EMIT | ((sym as u32) << 8);
                    node = 0;
                } else {
                    node = child as usize;
                }
            }
            if out & FAIL == 0 {
                let (depth, all_ones) = ones[node];
                if all_ones && depth <= 7 {
                    out |= ACCEPT;
                }
                out |= node as u32;
            }
            *step = out;
        }
    }
    Tables { steps }
}

/// Decodes a Huffman string, appending to `dst`.
pub fn decode(src: &[u8], dst: &mut Vec<u8>) -> Result<(), InvalidHuffman> {
    let steps = &tables().steps;
    dst.reserve(src.len() * 8 / 5);
    let mut state = 0usize;
    let mut accept = true;
    for &b in src {
        for nibble in [b >> 4, b & 0xf] {
            let step = steps[state][nibble as usize];
            if step & FAIL != 0 {
                return Err(InvalidHuffman);
            }
            if step & EMIT != 0 {
                dst.push((step >> 8) as u8);
            }
            state = (step & 0xff) as usize;
            accept = step & ACCEPT != 0;
        }
    }
    if accept {
        Ok(())
    } else {
        Err(InvalidHuffman)
    }
}

/// Checks a Huffman string without producing output (for skipped fields).
pub fn validate(src: &[u8]) -> Result<(), InvalidHuffman> {
    let steps = &tables().steps;
    let mut state = 0usize;
    let mut accept = true;
    for &b in src {
        for nibble in [b >> 4, b & 0xf] {
            let step = steps[state][nibble as usize];
            if step & FAIL != 0 {
                return Err(InvalidHuffman);
            }
            state = (step & 0xff) as usize;
            accept = step & ACCEPT != 0;
        }
    }
    if accept {
        Ok(())
    } else {
        Err(InvalidHuffman)
    }
}

/// The length of `src` Huffman-encoded.
pub fn encoded_len(src: &[u8]) -> usize {
    let bits: usize = src.iter().map(|&b| usize::from(CODES[b as usize].1)).sum();
    bits.div_ceil(8)
}

/// Appends `src` Huffman-encoded, padded with the EOS prefix (all ones).
pub fn encode(src: &[u8], dst: &mut BytesMut) {
    let mut acc: u64 = 0;
    let mut bits: u32 = 0;
    dst.reserve(encoded_len(src));
    for &b in src {
        let (code, len) = CODES[b as usize];
        acc = (acc << len) | u64::from(code);
        bits += u32::from(len);
        if bits >= 32 {
            bits -= 32;
            dst.put_u32((acc >> bits) as u32);
        }
    }
    while bits >= 8 {
        bits -= 8;
        dst.put_u8((acc >> bits) as u8);
    }
    if bits > 0 {
        let pad = 8 - bits;
        dst.put_u8(((acc << pad) as u8) | ((1u8 << pad) - 1));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc7541_appendix_b_code_is_prefix_free_and_complete() {
        let mut kraft = 0f64;
        for &(_, len) in CODES.iter() {
            kraft += 1.0 / f64::from(1u32 << len);
        }
        assert!((kraft - 1.0).abs() < 1e-12);
        assert_eq!(tables().steps.len(), 256, "256 internal nodes for 257 leaves");
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
    fn rfc7541_5_2_all_bytes_round_trip() {
        let all: Vec<u8> = (0..=255u8).collect();
        let mut out = BytesMut::new();
        encode(&all, &mut out);
        let mut back = Vec::new();
        decode(&out, &mut back).unwrap();
        assert_eq!(back, all);
    }

    #[test]
    fn rfc7541_5_2_eos_and_bad_padding_are_errors() {
        // EOS (30 ones) inside the string.
        assert_eq!(decode(&[0xff, 0xff, 0xff, 0xfc], &mut Vec::new()), Err(InvalidHuffman));
        // 'a' (00011) padded with zeros instead of ones.
        assert_eq!(decode(&[0b0001_1000], &mut Vec::new()), Err(InvalidHuffman));
        // 'a' then a whole byte of ones: padding longer than 7 bits.
        assert_eq!(decode(&[0b0001_1111, 0xff], &mut Vec::new()), Err(InvalidHuffman));
        assert!(decode(&[0b0001_1111], &mut Vec::new()).is_ok());
        assert!(validate(&[0b0001_1111]).is_ok());
    }
}
