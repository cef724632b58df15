//! Decoder and encoder throughput, for the report only (`#[ignore]`, prints, asserts no time):
//! `cargo test --release -j 1 --test frame_throughput -- --ignored --nocapture`.

use bytes::{Bytes, BytesMut};
use http2::frame::{Data, Frame, FrameDecoder, Headers, SettingsFrame, StreamId, WindowUpdate};
use std::time::Instant;

fn decode_all(wire: &BytesMut, rounds: usize) -> (usize, f64) {
    let mut frames = 0;
    let start = Instant::now();
    for _ in 0..rounds {
        let mut buf = wire.clone();
        let mut d = FrameDecoder::new();
        while let Ok(Some(f)) = d.decode(&mut buf) {
            std::hint::black_box(&f);
            frames += 1;
        }
    }
    (frames, start.elapsed().as_secs_f64())
}

#[test]
#[ignore]
fn throughput() {
    // 16 KiB DATA frames: bulk transfer.
    let payload = Bytes::from(vec![0x5a; 16384]);
    let mut wire = BytesMut::new();
    for i in 0..640 {
        Frame::Data(Data::new(
            StreamId::new(1 + 2 * (i % 8)),
            payload.clone(),
            false,
        ))
        .encode(&mut wire);
    }
    let bytes = wire.len() * 20;
    let (n, secs) = decode_all(&wire, 20);
    println!(
        "decode 16KiB DATA: {n} frames, {:.0} MiB/s",
        bytes as f64 / secs / (1 << 20) as f64
    );

    // Small control frames: per-frame overhead.
    let mut wire = BytesMut::new();
    for i in 0..100_000u32 {
        match i % 3 {
            0 => Frame::WindowUpdate(WindowUpdate::new(StreamId::new(i | 1), 1 + i))
                .encode(&mut wire),
            1 => Frame::Headers(Headers::new(
                StreamId::new(i | 1),
                Bytes::from_static(b"\x82\x86\x84\x41\x0fwww.example.com"),
                true,
            ))
            .encode(&mut wire),
            _ => Frame::Settings(SettingsFrame::new([(3, 100), (4, 65535)])).encode(&mut wire),
        }
    }
    let (n, secs) = decode_all(&wire, 10);
    println!(
        "decode small frames: {:.1} M frames/s",
        n as f64 / secs / 1e6
    );

    let start = Instant::now();
    let mut dst = BytesMut::with_capacity(1 << 20);
    let f = Frame::Headers(Headers::new(
        StreamId::new(1),
        Bytes::from_static(b"\x82\x86\x84"),
        true,
    ));
    for _ in 0..1_000_000 {
        dst.clear();
        f.encode(&mut dst);
    }
    println!(
        "encode small HEADERS: {:.1} M frames/s",
        1.0 / start.elapsed().as_secs_f64()
    );
}
