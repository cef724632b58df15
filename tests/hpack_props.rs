//! Properties of the HPACK codec (RFC 7541): any header list round-trips through our encoder
//! and decoder across table-size changes; random and truncated input never panics the
//! decoder; the header-list limit holds exactly.

use bytes::{Bytes, BytesMut};
use http2::hpack::{DecodeLimits, Decoder, Encoder};
use proptest::prelude::*;

type List = Vec<(Vec<u8>, Vec<u8>, bool)>;

fn list() -> impl Strategy<Value = List> {
    let name = prop_oneof![
        Just(b":path".to_vec()),
        Just(b"content-type".to_vec()),
        Just(b"cookie".to_vec()),
        Just(b"authorization".to_vec()),
        proptest::collection::vec(any::<u8>(), 0..12),
    ];
    let value = prop_oneof![Just(b"/".to_vec()), Just(b"text/html".to_vec()), proptest::collection::vec(any::<u8>(), 0..40)];
    proptest::collection::vec((name, value, any::<bool>()), 0..12)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn rfc7541_round_trip_across_table_size_changes(blocks in proptest::collection::vec((list(), proptest::option::of(0usize..5000)), 1..8), cap in 0usize..8192) {
        let mut enc = Encoder::new(cap);
        let mut dec = Decoder::new(4096);
        for (fields, new_size) in blocks {
            if let Some(size) = new_size {
                // SETTINGS_HEADER_TABLE_SIZE from the decoder's side: it accepts it at once.
                enc.set_peer_table_size(size);
                dec.set_max_table_size(size);
            }
            let mut out = BytesMut::new();
            enc.encode(fields.iter().map(|(n, v, s)| (n.as_slice(), v.as_slice(), *s)), &mut out);
            let mut got = Vec::new();
            dec.decode(&out.freeze(), &DecodeLimits::UNLIMITED, |n, v, s| got.push((n.to_vec(), v.to_vec(), s))).unwrap();
            prop_assert_eq!(got.len(), fields.len());
            for ((gn, gv, gs), (n, v, s)) in got.iter().zip(&fields) {
                prop_assert_eq!(gn, n);
                prop_assert_eq!(gv, v);
                // Sensitive in, never-indexed out.
                if *s { prop_assert!(*gs); }
            }
            prop_assert_eq!(enc.dynamic_table_size(), dec.dynamic_table_size());
        }
    }

    #[test]
    fn rfc7541_random_bytes_never_panic(data in proptest::collection::vec(any::<u8>(), 0..512)) {
        let mut dec = Decoder::new(4096);
        let _ = dec.decode(&Bytes::from(data), &DecodeLimits::UNLIMITED, |_, _, _| {});
    }

    #[test]
    fn rfc7541_truncated_blocks_never_panic(fields in list(), cut in any::<prop::sample::Index>()) {
        let mut enc = Encoder::new(4096);
        let mut out = BytesMut::new();
        enc.encode(fields.iter().map(|(n, v, s)| (n.as_slice(), v.as_slice(), *s)), &mut out);
        let block = out.freeze();
        let at = cut.index(block.len() + 1);
        let mut dec = Decoder::new(4096);
        let _ = dec.decode(&block.slice(..at), &DecodeLimits::UNLIMITED, |_, _, _| {});
    }

    #[test]
    fn rfc9113_6_5_2_limit_is_exact(fields in list(), limit in 0usize..600) {
        let mut enc = Encoder::new(4096);
        let mut out = BytesMut::new();
        enc.encode(fields.iter().map(|(n, v, s)| (n.as_slice(), v.as_slice(), *s)), &mut out);
        let mut dec = Decoder::new(4096);
        let mut charged = 0usize;
        let res = dec.decode(&out.freeze(), &DecodeLimits { max_header_list_size: limit, max_fields: usize::MAX }, |n, v, _| charged += n.len() + v.len() + 32).unwrap();
        let total: usize = fields.iter().map(|(n, v, _)| n.len() + v.len() + 32).sum();
        prop_assert_eq!(res.over_limit, total > limit);
        prop_assert!(charged <= limit);
        prop_assert_eq!(charged, res.list_size);
    }
}
