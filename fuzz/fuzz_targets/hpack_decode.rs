//! Feeds arbitrary bytes to the HPACK decoder as a sequence of header blocks sharing one
//! dynamic table, with a header-list limit taken from the input: it must never panic, and
//! never deliver more than the limit allows.
#![no_main]

use http2::hpack::{DecodeLimits, Decoder};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else { return };
    let limit = usize::from(first) * 64;
    let mut dec = Decoder::new(4096);
    // Blocks are separated by the byte 0xa5, so one input exercises several blocks.
    for block in rest.split(|&b| b == 0xa5) {
        let mut charged = 0usize;
        let limits = DecodeLimits { max_header_list_size: limit, max_fields: 64 };
        if let Ok(d) = dec.decode(block, &limits, |n, v, _| charged += n.len() + v.len() + 32) {
            assert!(charged <= limit);
            assert_eq!(d.list_size, charged);
        } else {
            return;
        }
    }
});
