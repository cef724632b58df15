//! RFC 7541 Appendix C examples, the size-update rules of §4.2/§6.3, the error cases of §5
//! and §6, never-indexed fields (§6.2.3, §7.1.3), and the header-list limit.

use bytes::{Bytes, BytesMut};
use http2::hpack::{DecodeLimits, Decoder, DecoderError, Encoder, Field, FieldBytes};

fn hex(s: &str) -> Bytes {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    Bytes::from((0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect::<Vec<u8>>())
}

fn decode(d: &mut Decoder, block: &Bytes) -> Result<Vec<(String, String)>, DecoderError> {
    let mut out = Vec::new();
    d.decode(block, &DecodeLimits::UNLIMITED, |n, v, _| out.push((String::from_utf8(n.to_vec()).unwrap(), String::from_utf8(v.to_vec()).unwrap())))?;
    Ok(out)
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect()
}

fn encode(e: &mut Encoder, list: &[(&str, &str)]) -> Bytes {
    let mut out = BytesMut::new();
    e.encode(list.iter().map(|(n, v)| (n.as_bytes(), v.as_bytes(), false)), &mut out);
    out.freeze()
}

#[test]
fn rfc7541_c_2_1_literal_with_indexing() {
    let mut d = Decoder::new(4096);
    assert_eq!(decode(&mut d, &hex("400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572")).unwrap(), pairs(&[("custom-key", "custom-header")]));
    assert_eq!(d.dynamic_table_size(), 55);
}

#[test]
fn rfc7541_c_2_2_literal_without_indexing() {
    let mut d = Decoder::new(4096);
    assert_eq!(decode(&mut d, &hex("040c 2f73 616d 706c 652f 7061 7468")).unwrap(), pairs(&[(":path", "/sample/path")]));
    assert_eq!(d.dynamic_table_size(), 0);
}

#[test]
fn rfc7541_c_2_3_literal_never_indexed_is_reported_sensitive() {
    let mut d = Decoder::new(4096);
    let mut fields = Vec::new();
    d.decode(&hex("1008 7061 7373 776f 7264 0673 6563 7265 74"), &DecodeLimits::UNLIMITED, |n, v, s| fields.push(Field { name: FieldBytes::copy_from_slice(n), value: FieldBytes::copy_from_slice(v), sensitive: s })).unwrap();
    assert_eq!(fields, vec![Field { name: FieldBytes::from_static(b"password"), value: FieldBytes::from_static(b"secret"), sensitive: true }]);
    assert_eq!(d.dynamic_table_size(), 0);
}

#[test]
fn rfc7541_c_2_4_indexed_field() {
    let mut d = Decoder::new(4096);
    assert_eq!(decode(&mut d, &hex("82")).unwrap(), pairs(&[(":method", "GET")]));
}

const REQ1: &[(&str, &str)] = &[(":method", "GET"), (":scheme", "http"), (":path", "/"), (":authority", "www.example.com")];
const REQ2: &[(&str, &str)] = &[(":method", "GET"), (":scheme", "http"), (":path", "/"), (":authority", "www.example.com"), ("cache-control", "no-cache")];
const REQ3: &[(&str, &str)] = &[(":method", "GET"), (":scheme", "https"), (":path", "/index.html"), (":authority", "www.example.com"), ("custom-key", "custom-value")];

#[test]
fn rfc7541_c_3_requests_without_huffman() {
    let mut d = Decoder::new(4096);
    assert_eq!(decode(&mut d, &hex("8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d")).unwrap(), pairs(REQ1));
    assert_eq!(d.dynamic_table_size(), 57);
    assert_eq!(decode(&mut d, &hex("8286 84be 5808 6e6f 2d63 6163 6865")).unwrap(), pairs(REQ2));
    assert_eq!(d.dynamic_table_size(), 110);
    assert_eq!(decode(&mut d, &hex("8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65")).unwrap(), pairs(REQ3));
    assert_eq!(d.dynamic_table_size(), 164);
}

/// RFC 7541 C.3 again, looking at where each name points: a static-table name, whether the
/// field was indexed from the static table (`82`), from the dynamic table (`be`: the entry for
/// :authority), or sent as a literal naming a static entry (`58`: cache-control), comes as the
/// one shared spelling that `static_name` gives (the layers above recognise it by address);
/// a custom name comes as its own bytes.
#[test]
fn rfc7541_c_3_static_names_arrive_as_the_shared_spelling() {
    let mut d = Decoder::new(4096);
    let shared = |n: &[u8]| http2::hpack::static_name(n).is_some_and(|s| std::ptr::eq(s.as_ptr(), n.as_ptr()));
    let mut seen = Vec::new();
    for block in ["8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d", "8286 84be 5808 6e6f 2d63 6163 6865", "8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65"] {
        d.decode(&hex(block), &DecodeLimits::UNLIMITED, |n, _, _| seen.push((String::from_utf8(n.to_vec()).unwrap(), shared(n)))).unwrap();
    }
    let custom: Vec<&(String, bool)> = seen.iter().filter(|(n, _)| n == "custom-key").collect();
    assert_eq!(custom, [&("custom-key".to_string(), false)]);
    assert_eq!(seen.len(), 14);
    assert!(seen.iter().filter(|(n, _)| n != "custom-key").all(|(_, s)| *s), "{seen:?}");
    // A custom name with static-looking bytes elsewhere is still found by its bytes.
    assert_eq!(http2::hpack::static_name(b"cache-control".to_vec().as_slice()), Some("cache-control"));
}

#[test]
fn rfc7541_c_4_requests_with_huffman_decoder_and_encoder_byte_exact() {
    let blocks = [
        hex("8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff"),
        hex("8286 84be 5886 a8eb 1064 9cbf"),
        hex("8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf"),
    ];
    let mut d = Decoder::new(4096);
    let mut e = Encoder::new(4096);
    for (block, list) in blocks.iter().zip([REQ1, REQ2, REQ3]) {
        assert_eq!(decode(&mut d, block).unwrap(), pairs(list));
        // Our policy makes the RFC's choices here: the encoder output is byte for byte the same.
        assert_eq!(&encode(&mut e, list), block);
    }
    assert_eq!(d.dynamic_table_size(), 164);
    assert_eq!(e.dynamic_table_size(), 164);
}

const RESP1: &[(&str, &str)] = &[(":status", "302"), ("cache-control", "private"), ("date", "Mon, 21 Oct 2013 20:13:21 GMT"), ("location", "https://www.example.com")];
const RESP2: &[(&str, &str)] = &[(":status", "307"), ("cache-control", "private"), ("date", "Mon, 21 Oct 2013 20:13:21 GMT"), ("location", "https://www.example.com")];
const RESP3: &[(&str, &str)] = &[
    (":status", "200"),
    ("cache-control", "private"),
    ("date", "Mon, 21 Oct 2013 20:13:22 GMT"),
    ("location", "https://www.example.com"),
    ("content-encoding", "gzip"),
    ("set-cookie", "foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1"),
];

#[test]
fn rfc7541_c_5_responses_without_huffman_with_eviction() {
    let mut d = Decoder::new(256);
    assert_eq!(
        decode(&mut d, &hex("4803 3330 3258 0770 7269 7661 7465 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3120 474d 546e 1768 7474 7073 3a2f 2f77 7777 2e65 7861 6d70 6c65 2e63 6f6d")).unwrap(),
        pairs(RESP1)
    );
    assert_eq!(d.dynamic_table_size(), 222);
    assert_eq!(decode(&mut d, &hex("4803 3330 37c1 c0bf")).unwrap(), pairs(RESP2));
    assert_eq!(d.dynamic_table_size(), 222);
    assert_eq!(
        decode(&mut d, &hex("88c1 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3220 474d 54c0 5a04 677a 6970 7738 666f 6f3d 4153 444a 4b48 514b 425a 584f 5157 454f 5049 5541 5851 5745 4f49 553b 206d 6178 2d61 6765 3d33 3630 303b 2076 6572 7369 6f6e 3d31")).unwrap(),
        pairs(RESP3)
    );
    assert_eq!(d.dynamic_table_size(), 215);
}

#[test]
fn rfc7541_c_6_responses_with_huffman_with_eviction() {
    let mut d = Decoder::new(256);
    assert_eq!(decode(&mut d, &hex("4882 6402 5885 aec3 771a 4b61 96d0 7abe 9410 54d4 44a8 2005 9504 0b81 66e0 82a6 2d1b ff6e 919d 29ad 1718 63c7 8f0b 97c8 e9ae 82ae 43d3")).unwrap(), pairs(RESP1));
    assert_eq!(d.dynamic_table_size(), 222);
    assert_eq!(decode(&mut d, &hex("4883 640e ffc1 c0bf")).unwrap(), pairs(RESP2));
    assert_eq!(
        decode(&mut d, &hex("88c1 6196 d07a be94 1054 d444 a820 0595 040b 8166 e084 a62d 1bff c05a 839b d9ab 77ad 94e7 821d d7f2 e6c7 b335 dfdf cd5b 3960 d5af 2708 7f36 72c1 ab27 0fb5 291f 9587 3160 65c0 03ed 4ee5 b106 3d50 07")).unwrap(),
        pairs(RESP3)
    );
    assert_eq!(d.dynamic_table_size(), 215);
}

#[test]
fn rfc7541_c_5_encoder_round_trip_with_a_256_byte_table() {
    let mut e = Encoder::new(256);
    let mut d = Decoder::new(256);
    for list in [RESP1, RESP2, RESP3] {
        let block = encode(&mut e, list);
        assert_eq!(decode(&mut d, &block).unwrap(), pairs(list));
        assert_eq!(e.dynamic_table_size(), d.dynamic_table_size());
        assert!(e.dynamic_table_size() <= 256);
    }
}

#[test]
fn rfc7541_4_2_size_update_signalled_at_the_start_of_the_next_block() {
    let mut e = Encoder::new(4096);
    let mut d = Decoder::new(4096);
    decode(&mut d, &encode(&mut e, REQ3)).unwrap();
    // The peer lowers its table to 0 then raises it to 100 before our next block: we signal
    // the minimum, then the final size (§4.2).
    e.set_peer_table_size(0);
    e.set_peer_table_size(100);
    let block = encode(&mut e, &[("x", "y")]);
    assert_eq!(&block[..2], &[0x20, 0x3f]);
    assert_eq!(block[2], 0x45); // 100 - 31 = 69
    decode(&mut d, &block).unwrap();
    assert_eq!(d.dynamic_table_size(), e.dynamic_table_size());
}

#[test]
fn rfc7541_4_2_smaller_cap_is_announced_in_the_first_block() {
    let mut e = Encoder::new(1024);
    let block = encode(&mut e, &[(":method", "GET")]);
    // 001 11111, 1024 - 31 = 993 = 0x61 + 7*128 → e1 07
    assert_eq!(&block[..3], &[0x3f, 0xe1, 0x07]);
}

#[test]
fn rfc7541_6_3_size_update_above_the_limit_is_an_error() {
    let mut d = Decoder::new(4096);
    // 001 11111 + (4097 - 31) = 4066 = 0x7e2 → e2 1f
    assert_eq!(decode(&mut d, &hex("3fe2 1f")), Err(DecoderError::InvalidSizeUpdate { size: 4097, max: 4096 }));
}

#[test]
fn rfc7541_4_2_size_update_after_a_field_is_an_error() {
    let mut d = Decoder::new(4096);
    assert_eq!(decode(&mut d, &hex("8220")), Err(DecoderError::SizeUpdateNotAtStart));
    // Several at the start are fine.
    assert!(decode(&mut d, &hex("2030 82")).is_ok());
}

#[test]
fn rfc7541_set_max_table_size_lower_evicts_at_once() {
    let mut d = Decoder::new(4096);
    decode(&mut d, &hex("400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572")).unwrap();
    d.set_max_table_size(0);
    assert_eq!(d.dynamic_table_size(), 0);
    assert_eq!(decode(&mut d, &hex("be")), Err(DecoderError::InvalidIndex(62)));
}

#[test]
fn rfc7541_2_3_3_index_zero_and_past_the_table_are_errors() {
    let mut d = Decoder::new(4096);
    assert_eq!(decode(&mut d, &hex("80")), Err(DecoderError::InvalidIndex(0)));
    assert_eq!(decode(&mut d, &hex("be")), Err(DecoderError::InvalidIndex(62)));
    assert_eq!(decode(&mut d, &hex("7f00 0161")), Err(DecoderError::InvalidIndex(63)));
}

#[test]
fn rfc7541_5_errors_truncation_overflow_huffman() {
    let mut d = Decoder::new(4096);
    assert_eq!(decode(&mut d, &hex("400a 6375")), Err(DecoderError::Truncated));
    assert_eq!(decode(&mut d, &hex("ff ffff ffff ff")), Err(DecoderError::IntegerOverflow));
    // A Huffman value that is EOS.
    assert_eq!(decode(&mut d, &hex("0001 6184 ffff fffc")), Err(DecoderError::InvalidHuffman));
    // The RUSTSEC-2023-0085 input: one byte.
    assert!(decode(&mut d, &hex("ff")).is_err());
}

#[test]
fn rfc7541_7_1_3_credentials_and_short_cookies_are_never_indexed() {
    let mut e = Encoder::new(4096);
    let mut d = Decoder::new(4096);
    let mut out = BytesMut::new();
    let list: [(&[u8], &[u8], bool); 4] = [
        (b"authorization", b"Basic dXNlcjpwYXNz", false),
        (b"cookie", b"sid=1", false),
        (b"cookie", b"long-cookie-value-that-is-not-guessable", false),
        (b"x-secret", b"hush", true),
    ];
    e.encode(list, &mut out);
    let mut fields = Vec::new();
    d.decode(&out.freeze(), &DecodeLimits::UNLIMITED, |n, v, s| fields.push(Field { name: FieldBytes::copy_from_slice(n), value: FieldBytes::copy_from_slice(v), sensitive: s })).unwrap();
    let flags: Vec<bool> = fields.iter().map(|f| f.sensitive).collect();
    assert_eq!(flags, [true, true, false, true]);
    // Only the long cookie went into the table.
    assert_eq!(e.dynamic_table_size(), "cookie".len() + "long-cookie-value-that-is-not-guessable".len() + 32);
}

#[test]
fn cve_2026_49975_many_tiny_indexed_fields_stop_at_the_limit() {
    // 10,000 copies of the one-byte ":method: GET" representation: 4 bytes on the wire per
    // 10 fields but 42 bytes each once charged; a 16 KiB limit stops after 390 of them.
    let block = Bytes::from(vec![0x82u8; 10_000]);
    let mut d = Decoder::new(4096);
    let mut delivered = 0usize;
    let res = d.decode(&block, &DecodeLimits { max_header_list_size: 16 * 1024, max_fields: usize::MAX }, |_, _, _| delivered += 1).unwrap();
    assert!(res.over_limit);
    assert_eq!(delivered, 16 * 1024 / (7 + 3 + 32));
    assert_eq!(res.fields, delivered);
    assert!(res.list_size <= 16 * 1024);
}

#[test]
fn hpack_field_count_limit_and_table_kept_in_sync_past_it() {
    let mut e = Encoder::new(4096);
    let list: Vec<(String, String)> = (0..10).map(|i| (format!("x-h{i}"), format!("v{i}"))).collect();
    let mut out = BytesMut::new();
    e.encode(list.iter().map(|(n, v)| (n.as_bytes(), v.as_bytes(), false)), &mut out);
    let mut d = Decoder::new(4096);
    let mut got = 0;
    let res = d.decode(&out.freeze(), &DecodeLimits { max_header_list_size: usize::MAX, max_fields: 3 }, |_, _, _| got += 1).unwrap();
    assert!(res.over_limit);
    assert_eq!(got, 3);
    // All ten literals were indexed by the encoder; the decoder must have inserted them too.
    assert_eq!(d.dynamic_table_size(), e.dynamic_table_size());
    let mut out = BytesMut::new();
    e.encode(list.iter().map(|(n, v)| (n.as_bytes(), v.as_bytes(), false)), &mut out);
    assert_eq!(out.len(), 10, "the second time every field is one indexed byte");
    let mut names = Vec::new();
    d.decode(&out.freeze(), &DecodeLimits::UNLIMITED, |n, _, _| names.push(n.to_vec())).unwrap();
    assert_eq!(names.len(), 10);
}
