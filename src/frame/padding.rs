//! Padding of DATA, HEADERS and PUSH_PROMISE (RFC 9113 §6.1, §6.2, §6.6): removing it on
//! receipt, writing it on send.

use super::{ErrorCode, FrameError};
use bytes::{Buf, BufMut, Bytes, BytesMut};

/// Takes the Pad Length octet and the padding off `payload` when the PADDED flag is set.
/// `fixed` is how many octets of the frame's own fields (PUSH_PROMISE's promised id,
/// HEADERS' priority) follow the Pad Length octet and must fit before the padding.
/// Returns the pad length (None when not padded).
pub(crate) fn strip(
    payload: &mut Bytes,
    padded: bool,
    fixed: usize,
) -> Result<Option<u8>, FrameError> {
    if !padded {
        if payload.len() < fixed {
            return Err(too_small());
        }
        return Ok(None);
    }
    let Some(&pad_len) = payload.first() else {
        return Err(too_small());
    };
    payload.advance(1);
    if payload.len() < fixed {
        return Err(too_small());
    }
    // RFC 9113 §6.1/§6.2/§6.6: padding as long as the payload (what remains after the Pad
    // Length octet and the fixed fields) or longer is a connection PROTOCOL_ERROR.
    let room = payload.len() - fixed;
    if usize::from(pad_len) > room {
        return Err(FrameError::conn(
            ErrorCode::PROTOCOL_ERROR,
            "RFC 9113 §6.1: padding length is not less than the frame payload",
        ));
    }
    payload.truncate(payload.len() - usize::from(pad_len));
    Ok(Some(pad_len))
}

fn too_small() -> FrameError {
    // RFC 9113 §4.2: a frame too small to contain mandatory frame data is a FRAME_SIZE_ERROR;
    // these frames can change connection state (field blocks) or carry flow-controlled data,
    // so treat it as a connection error.
    FrameError::conn(
        ErrorCode::FRAME_SIZE_ERROR,
        "RFC 9113 §4.2: frame too small for its fields",
    )
}

/// Octets padding adds to a payload: the Pad Length octet plus the padding.
pub(crate) fn overhead(padding: Option<u8>) -> u32 {
    padding.map_or(0, |n| 1 + u32::from(n))
}

/// Writes the Pad Length octet (when padded).
pub(crate) fn put_pad_len(padding: Option<u8>, dst: &mut BytesMut) {
    if let Some(n) = padding {
        dst.put_u8(n);
    }
}

/// Writes the padding octets, which MUST be zero (RFC 9113 §6.1).
pub(crate) fn put_padding(padding: Option<u8>, dst: &mut BytesMut) {
    if let Some(n) = padding {
        dst.put_bytes(0, usize::from(n));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strip_of(
        bytes: &'static [u8],
        padded: bool,
        fixed: usize,
    ) -> Result<(Option<u8>, Vec<u8>), ErrorCode> {
        let mut p = Bytes::from_static(bytes);
        strip(&mut p, padded, fixed)
            .map(|n| (n, p.to_vec()))
            .map_err(|e| e.code())
    }

    // RFC 9113 §6.1: the Pad Length octet and padding come off; the rest stays.
    #[test]
    fn rfc9113_6_1_strip_padding() {
        assert_eq!(strip_of(b"abc", false, 0), Ok((None, b"abc".to_vec())));
        assert_eq!(
            strip_of(b"\x02abc\0\0", true, 0),
            Ok((Some(2), b"abc".to_vec()))
        );
        assert_eq!(strip_of(b"\x00", true, 0), Ok((Some(0), vec![])));
        // The fixed fields stay in front of what is returned.
        assert_eq!(
            strip_of(b"\x01\0\0\0\x02x\0", true, 4),
            Ok((Some(1), b"\0\0\0\x02x".to_vec()))
        );
    }

    #[test]
    fn rfc9113_6_1_padding_too_long_or_frame_too_short() {
        assert_eq!(strip_of(b"\x01", true, 0), Err(ErrorCode::PROTOCOL_ERROR));
        assert_eq!(
            strip_of(b"\x01\0\0\0\0", true, 4),
            Err(ErrorCode::PROTOCOL_ERROR)
        );
        assert_eq!(strip_of(b"", true, 0), Err(ErrorCode::FRAME_SIZE_ERROR));
        assert_eq!(
            strip_of(b"\0\0\0", false, 4),
            Err(ErrorCode::FRAME_SIZE_ERROR)
        );
        assert_eq!(
            strip_of(b"\0\0\0\0", true, 4),
            Err(ErrorCode::FRAME_SIZE_ERROR)
        );
    }
}
