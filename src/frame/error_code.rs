//! `ErrorCode`: the 32-bit error code of RST_STREAM and GOAWAY (RFC 9113 §7).

use std::fmt;

/// An HTTP/2 error code. Any 32-bit value may arrive; unknown codes must be accepted and not
/// given special meaning (RFC 9113 §7), so this is an open newtype, not an enum.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ErrorCode(pub u32);

/// (code, nghttp2 name) for the codes RFC 9113 §7 defines.
const NAMES: [&str; 14] = [
    "NGHTTP2_NO_ERROR",
    "NGHTTP2_PROTOCOL_ERROR",
    "NGHTTP2_INTERNAL_ERROR",
    "NGHTTP2_FLOW_CONTROL_ERROR",
    "NGHTTP2_SETTINGS_TIMEOUT",
    "NGHTTP2_STREAM_CLOSED",
    "NGHTTP2_FRAME_SIZE_ERROR",
    "NGHTTP2_REFUSED_STREAM",
    "NGHTTP2_CANCEL",
    "NGHTTP2_COMPRESSION_ERROR",
    "NGHTTP2_CONNECT_ERROR",
    "NGHTTP2_ENHANCE_YOUR_CALM",
    "NGHTTP2_INADEQUATE_SECURITY",
    "NGHTTP2_HTTP_1_1_REQUIRED",
];

impl ErrorCode {
    pub const NO_ERROR: ErrorCode = ErrorCode(0x0);
    pub const PROTOCOL_ERROR: ErrorCode = ErrorCode(0x1);
    pub const INTERNAL_ERROR: ErrorCode = ErrorCode(0x2);
    pub const FLOW_CONTROL_ERROR: ErrorCode = ErrorCode(0x3);
    pub const SETTINGS_TIMEOUT: ErrorCode = ErrorCode(0x4);
    pub const STREAM_CLOSED: ErrorCode = ErrorCode(0x5);
    pub const FRAME_SIZE_ERROR: ErrorCode = ErrorCode(0x6);
    pub const REFUSED_STREAM: ErrorCode = ErrorCode(0x7);
    pub const CANCEL: ErrorCode = ErrorCode(0x8);
    pub const COMPRESSION_ERROR: ErrorCode = ErrorCode(0x9);
    pub const CONNECT_ERROR: ErrorCode = ErrorCode(0xa);
    pub const ENHANCE_YOUR_CALM: ErrorCode = ErrorCode(0xb);
    pub const INADEQUATE_SECURITY: ErrorCode = ErrorCode(0xc);
    pub const HTTP_1_1_REQUIRED: ErrorCode = ErrorCode(0xd);

    /// The `NGHTTP2_*` name (`"NGHTTP2_PROTOCOL_ERROR"`), or None for a code RFC 9113 does not
    /// define. Node prints `nameForErrorCode[code] || code`, i.e. the bare number for unknown
    /// codes; `Display` does the same, so `format!("{code}")` is Node's text in both cases.
    pub fn name(self) -> Option<&'static str> {
        NAMES.get(self.0 as usize).copied()
    }
}

impl From<u32> for ErrorCode {
    fn from(code: u32) -> ErrorCode {
        ErrorCode(code)
    }
}

impl From<ErrorCode> for u32 {
    fn from(code: ErrorCode) -> u32 {
        code.0
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(n) => f.write_str(n),
            None => write!(f, "{}", self.0),
        }
    }
}
