//! `FrameError`: a malformed frame, with the error code and scope RFC 9113 names for it.

use super::{ErrorCode, StreamId};
use std::fmt;

/// What a malformed frame costs (RFC 9113 §5.4). The scope decides what the core does next:
/// a connection error becomes GOAWAY and the end of the connection (§5.4.1); a stream error
/// becomes RST_STREAM on that stream (§5.4.2), and decoding continues with the next frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrameError {
    Connection {
        code: ErrorCode,
        reason: &'static str,
    },
    Stream {
        id: StreamId,
        code: ErrorCode,
        reason: &'static str,
    },
}

impl FrameError {
    pub(crate) const fn conn(code: ErrorCode, reason: &'static str) -> FrameError {
        FrameError::Connection { code, reason }
    }

    pub(crate) const fn stream(id: StreamId, code: ErrorCode, reason: &'static str) -> FrameError {
        FrameError::Stream { id, code, reason }
    }

    pub fn code(&self) -> ErrorCode {
        match *self {
            FrameError::Connection { code, .. } | FrameError::Stream { code, .. } => code,
        }
    }

    /// The rule broken, citing the RFC section.
    pub fn reason(&self) -> &'static str {
        match *self {
            FrameError::Connection { reason, .. } | FrameError::Stream { reason, .. } => reason,
        }
    }

    pub fn is_connection_error(&self) -> bool {
        matches!(self, FrameError::Connection { .. })
    }
}

impl fmt::Display for FrameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FrameError::Connection { code, reason } => {
                write!(f, "connection error {code}: {reason}")
            }
            FrameError::Stream { id, code, reason } => {
                write!(f, "stream {id} error {code}: {reason}")
            }
        }
    }
}

impl std::error::Error for FrameError {}
