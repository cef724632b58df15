//! Feeds arbitrary bytes to the frame decoder, whole and split at an arbitrary point: it must
//! never panic, and a stream error must not stop decoding.
#![no_main]

use bytes::BytesMut;
use http2::frame::{FrameDecoder, FrameError};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let split = data.first().map_or(0, |b| *b as usize % (data.len() + 1));
    let mut dec = FrameDecoder::new();
    if data.len() > 1 && data[1] & 1 == 1 {
        dec.set_max_frame_size(1 << 20);
    }
    let mut buf = BytesMut::new();
    for part in [&data[..split], &data[split..]] {
        buf.extend_from_slice(part);
        loop {
            match dec.decode(&mut buf) {
                Ok(Some(frame)) => {
                    let mut out = BytesMut::new();
                    frame.encode(&mut out);
                }
                Ok(None) => break,
                Err(FrameError::Stream { .. }) => continue,
                Err(FrameError::Connection { .. }) => return,
            }
        }
    }
});
