//! RFC 9113 §4 and §6: the frame codec, one test per rule. Frames are built here byte by byte
//! (`raw`), not with the encoder under test, so decode and encode are checked independently.

use bytes::{Bytes, BytesMut};
use http2::frame::{
    encode_head, flags, Continuation, Data, ErrorCode, Frame, FrameDecoder, FrameError, FrameType,
    GoAway, Headers, Ping, Priority, PrioritySpec, PushPromise, RstStream, SettingsFrame, StreamId,
    Unknown, WindowUpdate, PREFACE,
};

/// A frame on the wire: 24-bit length, type, flags, 32-bit stream id (reserved bit as given).
fn raw(kind: u8, flags: u8, stream: u32, payload: &[u8]) -> Vec<u8> {
    let len = payload.len() as u32;
    let mut v = vec![(len >> 16) as u8, (len >> 8) as u8, len as u8, kind, flags];
    v.extend_from_slice(&stream.to_be_bytes());
    v.extend_from_slice(payload);
    v
}

fn decode_all(bytes: &[u8]) -> Result<Option<Frame>, FrameError> {
    let mut buf = BytesMut::from(bytes);
    FrameDecoder::new().decode(&mut buf)
}

fn one(bytes: &[u8]) -> Frame {
    match decode_all(bytes) {
        Ok(Some(f)) => f,
        other => panic!("expected a frame, got {other:?}"),
    }
}

fn conn_err(bytes: &[u8], code: ErrorCode) {
    match decode_all(bytes) {
        Err(FrameError::Connection { code: c, .. }) => assert_eq!(c, code),
        other => panic!("expected connection {code}, got {other:?}"),
    }
}

/// A stream error must name the stream and consume the frame: the next frame still decodes.
fn stream_err(bytes: &[u8], id: u32, code: ErrorCode) {
    let mut buf = BytesMut::from(bytes);
    buf.extend_from_slice(&raw(0x6, 0, 0, &[9; 8]));
    let mut d = FrameDecoder::new();
    match d.decode(&mut buf) {
        Err(FrameError::Stream { id: i, code: c, .. }) => {
            assert_eq!(i, StreamId::new(id));
            assert_eq!(c, code);
        }
        other => panic!("expected stream {code}, got {other:?}"),
    }
    assert_eq!(d.decode(&mut buf), Ok(Some(Frame::Ping(Ping::new([9; 8])))));
    assert!(buf.is_empty());
}

// ---- §4.1, §4.2: framing ----

#[test]
fn rfc9113_4_1_reserved_bit_of_stream_id_is_ignored() {
    let f = one(&raw(0x0, 0, 0x8000_0003, b"x"));
    assert_eq!(f.stream_id(), StreamId::new(3));
    assert_eq!(f.stream_id().get(), 3);
}

#[test]
fn rfc9113_4_1_reserved_bit_is_zero_on_send() {
    let mut dst = BytesMut::new();
    encode_head(0, FrameType::DATA, 0, StreamId::new(0xffff_ffff), &mut dst);
    assert_eq!(&dst[..], &[0, 0, 0, 0, 0, 0x7f, 0xff, 0xff, 0xff]);
}

#[test]
fn rfc9113_4_1_unknown_flags_are_ignored() {
    // 0xf6: every bit but END_STREAM and PADDED.
    match one(&raw(0x0, 0xf6, 1, b"abc")) {
        Frame::Data(d) => {
            assert!(!d.end_stream);
            assert_eq!(d.padding, None);
            assert_eq!(&d.payload[..], b"abc");
        }
        f => panic!("{f:?}"),
    }
    match one(&raw(0x6, 0xfe, 0, &[1; 8])) {
        Frame::Ping(p) => assert!(!p.ack),
        f => panic!("{f:?}"),
    }
}

#[test]
fn rfc9113_4_1_partial_frame_waits_and_consumes_nothing() {
    let bytes = raw(0x0, 1, 1, b"hello");
    let mut d = FrameDecoder::new();
    for cut in 0..bytes.len() {
        let mut buf = BytesMut::from(&bytes[..cut]);
        assert_eq!(d.decode(&mut buf), Ok(None), "cut at {cut}");
        assert_eq!(buf.len(), cut);
    }
}

#[test]
fn rfc9113_4_1_two_frames_in_one_buffer() {
    let mut bytes = raw(0x8, 0, 0, &[0, 0, 0, 10]);
    bytes.extend(raw(0x3, 0, 5, &[0, 0, 0, 8]));
    let mut buf = BytesMut::from(&bytes[..]);
    let mut d = FrameDecoder::new();
    assert_eq!(
        d.decode(&mut buf),
        Ok(Some(WindowUpdate::new(StreamId::ZERO, 10).into()))
    );
    assert_eq!(
        d.decode(&mut buf),
        Ok(Some(
            RstStream::new(StreamId::new(5), ErrorCode::CANCEL).into()
        ))
    );
    assert_eq!(d.decode(&mut buf), Ok(None));
}

#[test]
fn rfc9113_4_2_oversized_frame_is_rejected_from_the_header_alone() {
    // Only the 9-octet header of a 16385-octet DATA frame: rejected without the payload.
    let head = &raw(0x0, 0, 1, &[0; 16385])[..9];
    conn_err(head, ErrorCode::FRAME_SIZE_ERROR);
    // Exactly the limit is fine.
    assert!(
        matches!(one(&raw(0x0, 0, 1, &[0; 16384])), Frame::Data(d) if d.payload.len() == 16384)
    );
}

#[test]
fn rfc9113_4_2_max_frame_size_follows_our_acknowledged_setting() {
    let bytes = raw(0x0, 0, 1, &[7; 20000]);
    let mut d = FrameDecoder::new();
    assert!(d.decode(&mut BytesMut::from(&bytes[..])).is_err());
    d.set_max_frame_size(20000);
    assert_eq!(d.max_frame_size(), 20000);
    assert!(matches!(
        d.decode(&mut BytesMut::from(&bytes[..])),
        Ok(Some(Frame::Data(_)))
    ));
    d.set_max_frame_size(1); // clamped to the RFC minimum
    assert_eq!(d.max_frame_size(), 16384);
    d.set_max_frame_size(u32::MAX);
    assert_eq!(d.max_frame_size(), (1 << 24) - 1);
}

#[test]
fn rfc9113_4_1_payload_is_a_slice_of_the_input_not_a_copy() {
    let mut buf = BytesMut::from(&raw(0x0, 0, 1, b"zero copy")[..]);
    let start = buf.as_ptr() as usize;
    match FrameDecoder::new().decode(&mut buf) {
        Ok(Some(Frame::Data(d))) => assert_eq!(d.payload.as_ptr() as usize, start + 9),
        f => panic!("{f:?}"),
    }
}

// ---- Frames on the wrong stream (one test per row) ----

#[test]
fn rfc9113_6_1_data_on_stream_0_is_connection_protocol_error() {
    conn_err(&raw(0x0, 0, 0, b"x"), ErrorCode::PROTOCOL_ERROR);
}

#[test]
fn rfc9113_6_2_headers_on_stream_0_is_connection_protocol_error() {
    conn_err(
        &raw(0x1, flags::END_HEADERS, 0, b"\x82"),
        ErrorCode::PROTOCOL_ERROR,
    );
}

#[test]
fn rfc9113_6_3_priority_on_stream_0_is_connection_protocol_error() {
    conn_err(
        &raw(0x2, 0, 0, &[0, 0, 0, 1, 15]),
        ErrorCode::PROTOCOL_ERROR,
    );
}

#[test]
fn rfc9113_6_4_rst_stream_on_stream_0_is_connection_protocol_error() {
    conn_err(&raw(0x3, 0, 0, &[0, 0, 0, 8]), ErrorCode::PROTOCOL_ERROR);
}

#[test]
fn rfc9113_6_6_push_promise_on_stream_0_is_connection_protocol_error() {
    conn_err(
        &raw(0x5, flags::END_HEADERS, 0, &[0, 0, 0, 2, 0x82]),
        ErrorCode::PROTOCOL_ERROR,
    );
}

#[test]
fn rfc9113_6_10_continuation_on_stream_0_is_connection_protocol_error() {
    conn_err(
        &raw(0x9, flags::END_HEADERS, 0, b"\x82"),
        ErrorCode::PROTOCOL_ERROR,
    );
}

#[test]
fn rfc9113_6_5_settings_on_a_stream_is_connection_protocol_error() {
    conn_err(&raw(0x4, 0, 1, &[]), ErrorCode::PROTOCOL_ERROR);
}

#[test]
fn rfc9113_6_7_ping_on_a_stream_is_connection_protocol_error() {
    conn_err(&raw(0x6, 0, 1, &[0; 8]), ErrorCode::PROTOCOL_ERROR);
}

#[test]
fn rfc9113_6_8_goaway_on_a_stream_is_connection_protocol_error() {
    conn_err(&raw(0x7, 0, 3, &[0; 8]), ErrorCode::PROTOCOL_ERROR);
}

// ---- Padding ----

#[test]
fn rfc9113_6_1_data_padding_not_less_than_payload_is_connection_protocol_error() {
    // Pad length equal to the payload length (4), and greater (5 of 4).
    conn_err(
        &raw(0x0, flags::PADDED, 1, &[4, 0, 0, 0]),
        ErrorCode::PROTOCOL_ERROR,
    );
    conn_err(
        &raw(0x0, flags::PADDED, 1, &[5, 0, 0, 0]),
        ErrorCode::PROTOCOL_ERROR,
    );
    // Pad length 3 of payload 4: legal, no data.
    match one(&raw(0x0, flags::PADDED, 1, &[3, 0, 0, 0])) {
        Frame::Data(d) => {
            assert_eq!(d.padding, Some(3));
            assert!(d.payload.is_empty());
            assert_eq!(d.flow_controlled_len(), 4);
        }
        f => panic!("{f:?}"),
    }
}

#[test]
fn rfc9113_4_2_padded_frame_without_pad_length_octet_is_frame_size_error() {
    conn_err(
        &raw(0x0, flags::PADDED, 1, &[]),
        ErrorCode::FRAME_SIZE_ERROR,
    );
    conn_err(
        &raw(0x1, flags::PADDED | flags::PRIORITY, 1, &[0, 0, 0, 0]),
        ErrorCode::FRAME_SIZE_ERROR,
    );
    conn_err(&raw(0x5, 0, 1, &[0, 0, 0]), ErrorCode::FRAME_SIZE_ERROR);
}

#[test]
fn rfc9113_6_2_headers_padding_beyond_fragment_is_connection_protocol_error() {
    conn_err(
        &raw(0x1, flags::PADDED | flags::END_HEADERS, 1, &[3, 0x82, 0]),
        ErrorCode::PROTOCOL_ERROR,
    );
    // With priority: 1 + 5 + 1 octets, pad length 2 leaves -1 for the fragment.
    let p = [2, 0, 0, 0, 0, 15, 0, 0];
    conn_err(
        &raw(0x1, flags::PADDED | flags::PRIORITY, 1, &p[..7]),
        ErrorCode::PROTOCOL_ERROR,
    );
    match one(&raw(0x1, flags::PADDED | flags::PRIORITY, 1, &p)) {
        Frame::Headers(h) => {
            assert_eq!(h.padding, Some(2));
            assert!(h.fragment.is_empty());
            assert_eq!(
                h.priority,
                Some(PrioritySpec {
                    dependency: StreamId::ZERO,
                    exclusive: false,
                    weight: 16
                })
            );
        }
        f => panic!("{f:?}"),
    }
}

#[test]
fn rfc9113_6_6_push_promise_padding_beyond_fragment_is_connection_protocol_error() {
    conn_err(
        &raw(0x5, flags::PADDED, 1, &[1, 0, 0, 0, 2]),
        ErrorCode::PROTOCOL_ERROR,
    );
    match one(&raw(
        0x5,
        flags::PADDED | flags::END_HEADERS,
        1,
        &[1, 0x80, 0, 0, 2, 0x82, 0],
    )) {
        Frame::PushPromise(p) => {
            assert_eq!(p.promised_id, StreamId::new(2)); // reserved bit ignored
            assert_eq!(&p.fragment[..], &[0x82]);
            assert!(p.end_headers);
        }
        f => panic!("{f:?}"),
    }
}

// ---- Lengths ----

#[test]
fn rfc9113_6_3_priority_wrong_length_is_stream_frame_size_error() {
    stream_err(
        &raw(0x2, 0, 3, &[0, 0, 0, 1]),
        3,
        ErrorCode::FRAME_SIZE_ERROR,
    );
    stream_err(
        &raw(0x2, 0, 3, &[0, 0, 0, 1, 15, 0]),
        3,
        ErrorCode::FRAME_SIZE_ERROR,
    );
}

#[test]
fn rfc9113_5_3_1_priority_on_itself_is_stream_protocol_error() {
    stream_err(
        &raw(0x2, 0, 3, &[0x80, 0, 0, 3, 15]),
        3,
        ErrorCode::PROTOCOL_ERROR,
    );
}

#[test]
fn rfc9113_6_4_rst_stream_wrong_length_is_connection_frame_size_error() {
    conn_err(&raw(0x3, 0, 1, &[0, 0, 8]), ErrorCode::FRAME_SIZE_ERROR);
    conn_err(
        &raw(0x3, 0, 1, &[0, 0, 0, 8, 0]),
        ErrorCode::FRAME_SIZE_ERROR,
    );
}

#[test]
fn rfc9113_6_7_ping_wrong_length_is_connection_frame_size_error() {
    conn_err(&raw(0x6, 0, 0, &[0; 7]), ErrorCode::FRAME_SIZE_ERROR);
    conn_err(&raw(0x6, 0, 0, &[0; 9]), ErrorCode::FRAME_SIZE_ERROR);
}

#[test]
fn rfc9113_6_9_window_update_wrong_length_is_connection_frame_size_error() {
    conn_err(&raw(0x8, 0, 1, &[0, 0, 1]), ErrorCode::FRAME_SIZE_ERROR);
    conn_err(
        &raw(0x8, 0, 0, &[0, 0, 0, 1, 0]),
        ErrorCode::FRAME_SIZE_ERROR,
    );
}

#[test]
fn rfc9113_6_5_settings_length_not_multiple_of_6_is_connection_frame_size_error() {
    conn_err(
        &raw(0x4, 0, 0, &[0, 1, 0, 0, 0]),
        ErrorCode::FRAME_SIZE_ERROR,
    );
    conn_err(
        &raw(0x4, 0, 0, &[0, 1, 0, 0, 0, 0, 0]),
        ErrorCode::FRAME_SIZE_ERROR,
    );
}

#[test]
fn rfc9113_6_5_settings_ack_with_payload_is_connection_frame_size_error() {
    conn_err(
        &raw(0x4, flags::ACK, 0, &[0, 1, 0, 0, 0, 0]),
        ErrorCode::FRAME_SIZE_ERROR,
    );
    assert_eq!(
        one(&raw(0x4, flags::ACK, 0, &[])),
        Frame::Settings(SettingsFrame::ack())
    );
}

#[test]
fn rfc9113_6_8_goaway_shorter_than_8_is_connection_frame_size_error() {
    conn_err(&raw(0x7, 0, 0, &[0; 7]), ErrorCode::FRAME_SIZE_ERROR);
}

// ---- Values ----

#[test]
fn rfc9113_6_9_window_update_zero_increment_on_stream_is_stream_protocol_error() {
    stream_err(&raw(0x8, 0, 7, &[0, 0, 0, 0]), 7, ErrorCode::PROTOCOL_ERROR);
    // The reserved bit alone is still an increment of 0.
    stream_err(
        &raw(0x8, 0, 7, &[0x80, 0, 0, 0]),
        7,
        ErrorCode::PROTOCOL_ERROR,
    );
}

#[test]
fn rfc9113_6_9_window_update_zero_increment_on_connection_is_connection_protocol_error() {
    conn_err(&raw(0x8, 0, 0, &[0, 0, 0, 0]), ErrorCode::PROTOCOL_ERROR);
}

#[test]
fn rfc9113_6_9_window_update_reserved_bit_is_ignored() {
    assert_eq!(
        one(&raw(0x8, 0, 1, &[0xff, 0xff, 0xff, 0xff])),
        WindowUpdate::new(StreamId::new(1), 0x7fff_ffff).into()
    );
}

fn settings(entries: &[(u16, u32)]) -> Vec<u8> {
    let mut p = Vec::new();
    for (id, v) in entries {
        p.extend_from_slice(&id.to_be_bytes());
        p.extend_from_slice(&v.to_be_bytes());
    }
    raw(0x4, 0, 0, &p)
}

#[test]
fn rfc9113_6_5_2_enable_push_other_than_0_or_1_is_connection_protocol_error() {
    conn_err(&settings(&[(2, 2)]), ErrorCode::PROTOCOL_ERROR);
    assert!(matches!(one(&settings(&[(2, 1)])), Frame::Settings(_)));
}

#[test]
fn rfc9113_6_5_2_initial_window_size_above_2_31_minus_1_is_flow_control_error() {
    conn_err(
        &settings(&[(4, 0x8000_0000)]),
        ErrorCode::FLOW_CONTROL_ERROR,
    );
    assert!(matches!(
        one(&settings(&[(4, 0x7fff_ffff)])),
        Frame::Settings(_)
    ));
}

#[test]
fn rfc9113_6_5_2_max_frame_size_out_of_range_is_connection_protocol_error() {
    conn_err(&settings(&[(5, 16383)]), ErrorCode::PROTOCOL_ERROR);
    conn_err(&settings(&[(5, 1 << 24)]), ErrorCode::PROTOCOL_ERROR);
    // A bad value after good ones still fails the frame.
    conn_err(&settings(&[(1, 0), (5, 0)]), ErrorCode::PROTOCOL_ERROR);
    assert!(matches!(
        one(&settings(&[(5, 16384), (5, (1 << 24) - 1)])),
        Frame::Settings(_)
    ));
}

#[test]
fn rfc8441_3_enable_connect_protocol_other_than_0_or_1_is_connection_protocol_error() {
    conn_err(&settings(&[(8, 2)]), ErrorCode::PROTOCOL_ERROR);
}

#[test]
fn rfc9113_6_5_2_unknown_settings_are_kept_for_the_caller_to_ignore() {
    match one(&settings(&[(0x99, u32::MAX), (3, 100)])) {
        Frame::Settings(s) => {
            assert!(!s.ack);
            assert_eq!(s.len(), 2);
            assert_eq!(
                s.entries().collect::<Vec<_>>(),
                vec![(0x99, u32::MAX), (3, 100)]
            );
        }
        f => panic!("{f:?}"),
    }
}

// ---- Decoding each type ----

#[test]
fn rfc9113_6_2_headers_with_priority_and_flags() {
    let f = one(&raw(0x1, 0x25, 5, &[0x80, 0, 0, 3, 255, 0x82, 0x84]));
    let Frame::Headers(h) = f else { panic!() };
    assert!(h.end_stream && h.end_headers);
    assert_eq!(
        h.priority,
        Some(PrioritySpec {
            dependency: StreamId::new(3),
            exclusive: true,
            weight: 256
        })
    );
    assert_eq!(&h.fragment[..], &[0x82, 0x84]);
    assert!(!h.is_self_dependent());
    let Frame::Headers(h) = one(&raw(0x1, 0x24, 5, &[0, 0, 0, 5, 0, 0x82])) else {
        panic!()
    };
    assert!(
        h.is_self_dependent(),
        "decoder leaves §5.3.1 on HEADERS to the core"
    );
}

#[test]
fn rfc9113_6_8_goaway_fields_and_debug_data() {
    let f = one(&raw(0x7, 0, 0, &[0x80, 0, 0, 9, 0, 0, 0, 0xb, b'h', b'i']));
    let Frame::GoAway(g) = f else { panic!() };
    assert_eq!(g.last_stream_id, StreamId::new(9));
    assert_eq!(g.error_code, ErrorCode::ENHANCE_YOUR_CALM);
    assert_eq!(&g.debug_data[..], b"hi");
}

#[test]
fn rfc9113_6_10_continuation_fields() {
    let Frame::Continuation(c) = one(&raw(0x9, 0xff, 1, b"\x82")) else {
        panic!()
    };
    assert!(c.end_headers);
    assert_eq!(&c.fragment[..], b"\x82");
}

#[test]
fn rfc9113_5_5_unknown_frame_types_are_returned_with_flags_and_payload() {
    let f = one(&raw(0xfa, 0x33, 0x8000_0007, b"ext"));
    assert_eq!(
        f,
        Frame::Unknown(Unknown {
            kind: 0xfa,
            flags: 0x33,
            stream_id: StreamId::new(7),
            payload: Bytes::from_static(b"ext")
        })
    );
    assert_eq!(f.kind(), FrameType(0xfa));
}

// ---- Encoding: exact bytes ----

fn enc(f: impl Into<Frame>) -> Vec<u8> {
    let mut dst = BytesMut::new();
    f.into().encode(&mut dst);
    dst.to_vec()
}

#[test]
fn rfc9113_6_1_data_encoding_with_padding() {
    let mut d = Data::new(StreamId::new(1), Bytes::from_static(b"hi"), true);
    d.padding = Some(3);
    assert_eq!(d.flow_controlled_len(), 6);
    assert_eq!(enc(d.clone()), raw(0x0, 0x09, 1, &[3, b'h', b'i', 0, 0, 0]));
    // Prefix + payload + padding written separately make the same bytes.
    let mut dst = BytesMut::new();
    d.encode_prefix(&mut dst);
    dst.extend_from_slice(b"hi");
    d.encode_padding(&mut dst);
    assert_eq!(dst.to_vec(), raw(0x0, 0x09, 1, &[3, b'h', b'i', 0, 0, 0]));
}

#[test]
fn rfc9113_6_2_headers_encoding_with_priority_weight_offset() {
    let mut h = Headers::new(StreamId::new(3), Bytes::from_static(b"\x82"), false);
    h.priority = Some(PrioritySpec {
        dependency: StreamId::new(1),
        exclusive: true,
        weight: 1,
    });
    assert_eq!(enc(h.clone()), raw(0x1, 0x24, 3, &[0x80, 0, 0, 1, 0, 0x82]));
    h.priority = Some(PrioritySpec {
        dependency: StreamId::new(1),
        exclusive: false,
        weight: 256,
    });
    h.padding = Some(1);
    h.end_stream = true;
    assert_eq!(enc(h), raw(0x1, 0x2d, 3, &[1, 0, 0, 0, 1, 255, 0x82, 0]));
}

#[test]
fn rfc9113_6_encoding_of_fixed_size_frames() {
    assert_eq!(
        enc(RstStream::new(StreamId::new(1), ErrorCode::REFUSED_STREAM)),
        raw(0x3, 0, 1, &[0, 0, 0, 7])
    );
    assert_eq!(
        enc(Ping::pong([1, 2, 3, 4, 5, 6, 7, 8])),
        raw(0x6, 1, 0, &[1, 2, 3, 4, 5, 6, 7, 8])
    );
    assert_eq!(
        enc(WindowUpdate::new(StreamId::ZERO, 0x7fff_ffff)),
        raw(0x8, 0, 0, &[0x7f, 0xff, 0xff, 0xff])
    );
    assert_eq!(
        enc(Priority {
            stream_id: StreamId::new(5),
            spec: PrioritySpec {
                dependency: StreamId::new(3),
                exclusive: false,
                weight: 16
            }
        }),
        raw(0x2, 0, 5, &[0, 0, 0, 3, 15])
    );
    let mut g = GoAway::new(StreamId::new(7), ErrorCode::PROTOCOL_ERROR);
    g.debug_data = Bytes::from_static(b"bye");
    assert_eq!(
        enc(g),
        raw(0x7, 0, 0, &[0, 0, 0, 7, 0, 0, 0, 1, b'b', b'y', b'e'])
    );
    assert_eq!(
        enc(SettingsFrame::new([(3, 100), (4, 65535)])),
        raw(0x4, 0, 0, &[0, 3, 0, 0, 0, 100, 0, 4, 0, 0, 0xff, 0xff])
    );
    assert_eq!(enc(SettingsFrame::ack()), raw(0x4, 1, 0, &[]));
    let mut pp = PushPromise::new(
        StreamId::new(1),
        StreamId::new(2),
        Bytes::from_static(b"\x82"),
    );
    pp.padding = Some(0);
    assert_eq!(enc(pp), raw(0x5, 0x0c, 1, &[0, 0, 0, 0, 2, 0x82]));
    assert_eq!(
        enc(Continuation {
            stream_id: StreamId::new(1),
            end_headers: false,
            fragment: Bytes::from_static(b"ab")
        }),
        raw(0x9, 0, 1, b"ab")
    );
}

#[test]
fn rfc9113_6_10_long_field_block_is_split_into_continuations() {
    let block: Vec<u8> = (0..40_000u32).map(|i| i as u8).collect();
    let mut h = Headers::new(StreamId::new(1), Bytes::from(block.clone()), true);
    h.priority = Some(PrioritySpec::default());
    let mut dst = BytesMut::new();
    h.encode_split(16384, &mut dst);
    let mut d = FrameDecoder::new();
    let mut got = Vec::new();
    let mut kinds = Vec::new();
    while let Some(f) = d.decode(&mut dst).expect("valid frames") {
        match f {
            Frame::Headers(h) => {
                assert!(h.end_stream && !h.end_headers && h.priority.is_some());
                kinds.push((FrameType::HEADERS, h.fragment.len(), false));
                got.extend_from_slice(&h.fragment);
            }
            Frame::Continuation(c) => {
                kinds.push((FrameType::CONTINUATION, c.fragment.len(), c.end_headers));
                got.extend_from_slice(&c.fragment);
            }
            f => panic!("{f:?}"),
        }
    }
    assert_eq!(got, block);
    assert_eq!(
        kinds,
        vec![
            (FrameType::HEADERS, 16384 - 5, false),
            (FrameType::CONTINUATION, 16384, false),
            (FrameType::CONTINUATION, 40_000 - (16384 - 5) - 16384, true)
        ]
    );
    // A block that fits is one HEADERS frame with END_HEADERS.
    let mut dst = BytesMut::new();
    Headers::new(StreamId::new(1), Bytes::from_static(b"\x82"), false)
        .encode_split(16384, &mut dst);
    assert_eq!(dst.to_vec(), raw(0x1, 0x04, 1, b"\x82"));
}

#[test]
fn rfc9113_6_10_long_push_promise_is_split_into_continuations() {
    let block = vec![0x41u8; 20_000];
    let mut dst = BytesMut::new();
    PushPromise::new(
        StreamId::new(3),
        StreamId::new(4),
        Bytes::from(block.clone()),
    )
    .encode_split(16384, &mut dst);
    let mut d = FrameDecoder::new();
    let Some(Frame::PushPromise(p)) = d.decode(&mut dst).unwrap() else {
        panic!()
    };
    assert!(!p.end_headers);
    assert_eq!(p.fragment.len(), 16380);
    let Some(Frame::Continuation(c)) = d.decode(&mut dst).unwrap() else {
        panic!()
    };
    assert!(c.end_headers);
    assert_eq!(c.fragment.len(), 20_000 - 16380);
    assert!(dst.is_empty());
}

// ---- Vocabulary ----

#[test]
fn rfc9113_5_1_1_stream_id_parity() {
    assert!(StreamId::new(1).is_client_initiated());
    assert!(!StreamId::new(1).is_server_initiated());
    assert!(StreamId::new(2).is_server_initiated());
    assert!(!StreamId::ZERO.is_server_initiated() && !StreamId::ZERO.is_client_initiated());
    assert_eq!(StreamId::MAX.get(), (1 << 31) - 1);
    assert_eq!(StreamId::new(1).next_same_parity(), Some(StreamId::new(3)));
    assert_eq!(StreamId::MAX.next_same_parity(), None);
    assert_eq!(
        StreamId::new((1 << 31) - 3).next_same_parity(),
        Some(StreamId::MAX)
    );
}

#[test]
fn rfc9113_7_error_code_names_and_unknown_codes() {
    assert_eq!(ErrorCode::NO_ERROR.name(), Some("NGHTTP2_NO_ERROR"));
    assert_eq!(
        ErrorCode::HTTP_1_1_REQUIRED.name(),
        Some("NGHTTP2_HTTP_1_1_REQUIRED")
    );
    assert_eq!(ErrorCode(0xd).to_string(), "NGHTTP2_HTTP_1_1_REQUIRED");
    // RFC 9113 §7: unknown codes are not special; Node prints the number.
    assert_eq!(ErrorCode(0xe).name(), None);
    assert_eq!(ErrorCode(255).to_string(), "255");
    for (code, name, _) in http2::constants::ERROR_CODES {
        assert_eq!(ErrorCode(code).name(), Some(name));
    }
}

#[test]
fn rfc9113_3_4_node20_client_first_flight_decodes() {
    // Captured from Node 20: http2.connect(...).request({':path':'/x','x-a':'b'}, {weight: 32}).end('hello').
    let hex = "505249202a20485454502f322e300d0a0d0a534d0d0a0d0a00000004000000000000001f012400000001000000001f04022f7882418ba0e41d139d09b8cbcf05ff864003782d61016200000500010000000168656c6c6f";
    let bytes: Vec<u8> = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect();
    assert_eq!(&bytes[..24], PREFACE);
    let mut buf = BytesMut::from(&bytes[24..]);
    let mut d = FrameDecoder::new();
    assert_eq!(d.decode(&mut buf), Ok(Some(SettingsFrame::new([]).into())));
    let Ok(Some(Frame::Headers(h))) = d.decode(&mut buf) else {
        panic!()
    };
    assert_eq!(h.stream_id, StreamId::new(1));
    assert!(h.end_headers && !h.end_stream);
    assert_eq!(
        h.priority,
        Some(PrioritySpec {
            dependency: StreamId::ZERO,
            exclusive: false,
            weight: 32
        })
    );
    assert_eq!(h.fragment.len(), 26);
    assert_eq!(
        d.decode(&mut buf),
        Ok(Some(
            Data::new(StreamId::new(1), Bytes::from_static(b"hello"), true).into()
        ))
    );
    assert!(buf.is_empty());
}
