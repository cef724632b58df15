//! STYLE "Habits": every frame decoded is one `trace!` line like `nghttp -v`
//! (`recv HEADERS frame <length=…, flags=0x…, stream_id=…>` plus details), every frame header
//! written is a `send …` line.

use bytes::BytesMut;
use http2::frame::{Frame, FrameDecoder, Ping, SettingsFrame, StreamId, WindowUpdate};
use std::sync::Mutex;

static LINES: Mutex<Vec<String>> = Mutex::new(Vec::new());

struct Capture;

impl log::Log for Capture {
    fn enabled(&self, _: &log::Metadata) -> bool {
        true
    }
    fn log(&self, record: &log::Record) {
        if record.target().starts_with("http2::frame") {
            LINES.lock().unwrap().push(format!("{}", record.args()));
        }
    }
    fn flush(&self) {}
}

static LOGGER: Capture = Capture;

#[test]
fn one_trace_line_per_frame_like_nghttp() {
    log::set_logger(&LOGGER).unwrap();
    log::set_max_level(log::LevelFilter::Trace);

    let mut wire = BytesMut::new();
    Frame::from(SettingsFrame::new([(3, 100)])).encode(&mut wire);
    Frame::from(WindowUpdate::new(StreamId::new(1), 10)).encode(&mut wire);
    Frame::from(Ping::new([0; 8])).encode(&mut wire);
    let sent: Vec<String> = LINES.lock().unwrap().drain(..).collect();
    assert_eq!(
        sent,
        vec![
            "send SETTINGS frame <length=6, flags=0x00, stream_id=0>",
            "send WINDOW_UPDATE frame <length=4, flags=0x00, stream_id=1>",
            "send PING frame <length=8, flags=0x00, stream_id=0>",
        ]
    );

    let mut d = FrameDecoder::new();
    while d.decode(&mut wire).unwrap().is_some() {}
    let mut bad = BytesMut::from(&[0u8, 0, 1, 0x6, 0, 0, 0, 0, 0, 0][..]);
    assert!(d.decode(&mut bad).is_err());
    let recv: Vec<String> = LINES.lock().unwrap().drain(..).collect();
    assert_eq!(
        recv,
        vec![
            "recv SETTINGS frame <length=6, flags=0x00, stream_id=0> (niv=1) [MAX_CONCURRENT_STREAMS(0x03):100]",
            "recv WINDOW_UPDATE frame <length=4, flags=0x00, stream_id=1> (window_size_increment=10)",
            "recv PING frame <length=8, flags=0x00, stream_id=0> (opaque_data=[00, 00, 00, 00, 00, 00, 00, 00])",
            "recv PING frame <length=1, flags=0x00, stream_id=0> -> connection error NGHTTP2_FRAME_SIZE_ERROR: RFC 9113 §6.7: PING length is not 8",
        ]
    );
}
