//! Property tests of the wire layer (RFC 9113 §4, §6; API FN-6; RFC 9113 §8.2-§8.3):
//! every frame round-trips through `encode` then `decode`; feeding the decoder one byte at a
//! time gives the same frames as feeding it whole (STYLE rule 7); random bytes never panic the
//! decoder, `get_unpacked_settings` or the header-block checker.

use bytes::{Bytes, BytesMut};
use http2::frame::{
    check_setting_value, Continuation, Data, ErrorCode, Frame, FrameDecoder, FrameError, GoAway,
    Headers, Ping, Priority, PrioritySpec, PushPromise, RstStream, SettingsFrame, StreamId,
    Unknown, WindowUpdate,
};
use proptest::prelude::*;

fn stream() -> impl Strategy<Value = StreamId> {
    (1u32..=0x7fff_ffff).prop_map(StreamId::new)
}

fn any_id() -> impl Strategy<Value = StreamId> {
    any::<u32>().prop_map(StreamId::new)
}

fn bytes(max: usize) -> impl Strategy<Value = Bytes> {
    proptest::collection::vec(any::<u8>(), 0..max).prop_map(Bytes::from)
}

fn spec() -> impl Strategy<Value = PrioritySpec> {
    (any_id(), any::<bool>(), 1u16..=256).prop_map(|(dependency, exclusive, weight)| PrioritySpec {
        dependency,
        exclusive,
        weight,
    })
}

/// Any frame a conforming peer could send (values the decoder accepts).
fn frame() -> impl Strategy<Value = Frame> {
    prop_oneof![
        (stream(), any::<bool>(), any::<Option<u8>>(), bytes(300)).prop_map(
            |(stream_id, end_stream, padding, payload)| Frame::Data(Data {
                stream_id,
                end_stream,
                padding,
                payload
            })
        ),
        (
            stream(),
            any::<bool>(),
            any::<bool>(),
            proptest::option::of(spec()),
            any::<Option<u8>>(),
            bytes(300)
        )
            .prop_map(
                |(stream_id, end_stream, end_headers, priority, padding, fragment)| Frame::Headers(
                    Headers {
                        stream_id,
                        end_stream,
                        end_headers,
                        priority,
                        padding,
                        fragment
                    }
                )
            ),
        (stream(), spec())
            .prop_filter("§5.3.1 self-dependency is a stream error", |(s, p)| p
                .dependency
                != *s)
            .prop_map(|(stream_id, spec)| Frame::Priority(Priority { stream_id, spec })),
        (stream(), any::<u32>())
            .prop_map(|(s, c)| Frame::RstStream(RstStream::new(s, ErrorCode(c)))),
        proptest::collection::vec((any::<u16>(), any::<u32>()), 0..10)
            .prop_map(|e| e
                .into_iter()
                .filter(|&(id, v)| check_setting_value(id, v).is_ok())
                .collect::<Vec<_>>())
            .prop_map(|e| Frame::Settings(SettingsFrame::new(e))),
        Just(Frame::Settings(SettingsFrame::ack())),
        (
            stream(),
            any_id(),
            any::<bool>(),
            any::<Option<u8>>(),
            bytes(300)
        )
            .prop_map(|(stream_id, promised_id, end_headers, padding, fragment)| {
                Frame::PushPromise(PushPromise {
                    stream_id,
                    promised_id,
                    end_headers,
                    padding,
                    fragment,
                })
            }),
        (any::<bool>(), any::<[u8; 8]>()).prop_map(|(ack, data)| Frame::Ping(Ping { ack, data })),
        (any_id(), any::<u32>(), bytes(100)).prop_map(|(last_stream_id, c, debug_data)| {
            Frame::GoAway(GoAway {
                last_stream_id,
                error_code: ErrorCode(c),
                debug_data,
            })
        }),
        (any_id(), 1u32..=0x7fff_ffff)
            .prop_map(|(s, i)| Frame::WindowUpdate(WindowUpdate::new(s, i))),
        (stream(), any::<bool>(), bytes(300)).prop_map(|(stream_id, end_headers, fragment)| {
            Frame::Continuation(Continuation {
                stream_id,
                end_headers,
                fragment,
            })
        }),
        (0x0au8..=0xff, any::<u8>(), any_id(), bytes(100)).prop_map(
            |(kind, flags, stream_id, payload)| Frame::Unknown(Unknown {
                kind,
                flags,
                stream_id,
                payload
            })
        ),
    ]
}

fn encode_all(frames: &[Frame]) -> BytesMut {
    let mut dst = BytesMut::new();
    for f in frames {
        f.encode(&mut dst);
    }
    dst
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// RFC 9113 §4, §6: decode(encode(f)) == f for every frame type.
    #[test]
    fn rfc9113_6_every_frame_round_trips(f in frame()) {
        let mut buf = encode_all(std::slice::from_ref(&f));
        let mut d = FrameDecoder::new();
        prop_assert_eq!(d.decode(&mut buf), Ok(Some(f)));
        prop_assert!(buf.is_empty());
    }

    /// STYLE rule 7 / RFC 9113 §4.1: one byte at a time gives the same frames as whole.
    #[test]
    fn rfc9113_4_1_byte_at_a_time_equals_whole(frames in proptest::collection::vec(frame(), 0..8)) {
        let wire = encode_all(&frames);
        let mut whole = wire.clone();
        let mut d = FrameDecoder::new();
        let mut a = Vec::new();
        while let Some(f) = d.decode(&mut whole).expect("valid frames") {
            a.push(f);
        }
        prop_assert!(whole.is_empty());
        let mut b = Vec::new();
        let mut buf = BytesMut::new();
        for byte in wire.iter() {
            buf.extend_from_slice(&[*byte]);
            while let Some(f) = d.decode(&mut buf).expect("valid frames") {
                b.push(f);
            }
        }
        prop_assert!(buf.is_empty());
        prop_assert_eq!(&a, &frames);
        prop_assert_eq!(a, b);
    }

    /// RFC 9113 §6.10: a split field block reassembles to the block, whatever its size.
    #[test]
    fn rfc9113_6_10_split_block_reassembles(len in 0usize..70_000, max in 16384u32..40_000, pad in any::<Option<u8>>()) {
        let block: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
        let mut h = Headers::new(StreamId::new(1), Bytes::from(block.clone()), false);
        h.padding = pad;
        let mut dst = BytesMut::new();
        h.encode_split(max, &mut dst);
        let mut d = FrameDecoder::new();
        d.set_max_frame_size(max);
        let mut got = Vec::new();
        let mut ended = false;
        while let Some(f) = d.decode(&mut dst).expect("valid frames") {
            prop_assert!(!ended, "frame after END_HEADERS");
            match f {
                Frame::Headers(h) => { got.extend_from_slice(&h.fragment); ended = h.end_headers; }
                Frame::Continuation(c) => { got.extend_from_slice(&c.fragment); ended = c.end_headers; }
                other => prop_assert!(false, "unexpected {:?}", other),
            }
        }
        prop_assert!(ended);
        prop_assert_eq!(got, block);
    }

    /// Random input never panics the decoder; errors are values.
    #[test]
    fn random_bytes_never_panic_the_decoder(input in proptest::collection::vec(any::<u8>(), 0..2000), max in any::<u32>(), chunk in 1usize..64) {
        let mut d = FrameDecoder::new();
        d.set_max_frame_size(max);
        let mut buf = BytesMut::new();
        'feed: for piece in input.chunks(chunk) {
            buf.extend_from_slice(piece);
            loop {
                match d.decode(&mut buf) {
                    Ok(Some(f)) => { let _ = f.details().to_string(); }
                    Ok(None) => break,
                    Err(FrameError::Stream { .. }) => continue,
                    Err(FrameError::Connection { .. }) => break 'feed,
                }
            }
        }
    }

    /// Random frame headers over random payloads: biased towards known types and small lengths.
    #[test]
    fn random_frames_never_panic_the_decoder(frames in proptest::collection::vec((0u8..12, any::<u8>(), any::<u32>(), proptest::collection::vec(any::<u8>(), 0..40)), 1..20)) {
        let mut buf = BytesMut::new();
        for (kind, flags, stream, payload) in &frames {
            let len = payload.len() as u32;
            buf.extend_from_slice(&[(len >> 16) as u8, (len >> 8) as u8, len as u8, *kind, *flags]);
            buf.extend_from_slice(&stream.to_be_bytes());
            buf.extend_from_slice(payload);
        }
        let mut d = FrameDecoder::new();
        loop {
            match d.decode(&mut buf) {
                Ok(Some(f)) => {
                    // Whatever decodes re-encodes to something that decodes to the same frame.
                    let mut again = BytesMut::new();
                    f.encode(&mut again);
                    prop_assert_eq!(FrameDecoder::new().decode(&mut again), Ok(Some(f)));
                }
                Ok(None) => break,
                Err(FrameError::Stream { .. }) => continue,
                Err(FrameError::Connection { .. }) => break,
            }
        }
    }
}

fn settings_obj() -> impl Strategy<Value = http2::settings::Settings> {
    (
        any::<Option<u32>>(),
        any::<Option<bool>>(),
        proptest::option::of(0u32..=0x7fff_ffff),
        proptest::option::of(16384u32..=(1 << 24) - 1),
        proptest::option::of(0u32..=0x7fff_ffff),
        any::<Option<u32>>(),
    )
        .prop_map(|(a, b, c, d, e, f)| http2::settings::Settings {
            header_table_size: a,
            enable_push: b,
            initial_window_size: c,
            max_frame_size: d,
            max_concurrent_streams: e,
            max_header_list_size: f,
        })
}

fn field_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..12),
        prop::sample::select(vec![
            b":method".to_vec(),
            b":path".to_vec(),
            b":scheme".to_vec(),
            b":authority".to_vec(),
            b":status".to_vec(),
            b":protocol".to_vec(),
            b"content-length".to_vec(),
            b"te".to_vec(),
            b"connection".to_vec(),
            b"GET".to_vec(),
            b"CONNECT".to_vec(),
            b"200".to_vec(),
            b"/".to_vec(),
        ]),
    ]
}

proptest! {
    /// API FN-6: unpack(pack(s)) == s for every valid settings object.
    #[test]
    fn fn_6_pack_unpack_round_trip(s in settings_obj()) {
        let packed = http2::settings::get_packed_settings(&s).expect("valid");
        prop_assert_eq!(http2::settings::get_unpacked_settings(&packed), Ok(s));
    }

    /// API FN-6: random input never panics `get_unpacked_settings`; the length rule decides.
    #[test]
    fn fn_6_random_bytes_never_panic_unpack(input in proptest::collection::vec(any::<u8>(), 0..200)) {
        let r = http2::settings::get_unpacked_settings(&input);
        prop_assert_eq!(r.is_ok(), input.len() % 6 == 0);
    }

    /// RFC 9113 §8.2-§8.3: random fields never panic the block checker, in any block kind.
    #[test]
    fn rfc9113_8_random_fields_never_panic_block_checker(
        kind in prop::sample::select(vec![
            http2::validate::BlockKind::Request, http2::validate::BlockKind::Response,
            http2::validate::BlockKind::Trailers, http2::validate::BlockKind::PushPromise,
        ]),
        fields in proptest::collection::vec((field_bytes(), field_bytes()), 0..12),
    ) {
        let mut c = http2::validate::BlockChecker::new(kind);
        let mut failed = false;
        for (n, v) in &fields {
            failed |= c.field(n, v).is_err();
        }
        let r = c.finish();
        if failed {
            prop_assert!(r.is_err(), "finish must keep the first error");
        }
    }
}
