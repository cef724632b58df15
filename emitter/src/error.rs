//! The error value carried by `'error'` events and returned where Node would throw.
//!
//! Node errors are objects with a `code` string (`ERR_HTTP2_INVALID_SETTING_VALUE`,
//! `ECONNREFUSED`, …), a message and, for system errors, `errno`/`syscall`/`address`/`port`.
//! This type carries the same facts; it knows nothing of HTTP/2 or sockets.

use std::borrow::Cow;
use std::fmt;

/// Which JavaScript error class Node would have used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// `Error`
    Error,
    /// `TypeError`: an argument of the wrong type or shape.
    TypeError,
    /// `RangeError`: a number outside its allowed range.
    RangeError,
    /// A system error (`errno`, `syscall` set), e.g. `ECONNREFUSED`.
    SystemError,
}

impl ErrorKind {
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::Error => "Error",
            ErrorKind::TypeError => "TypeError",
            ErrorKind::RangeError => "RangeError",
            ErrorKind::SystemError => "SystemError",
        }
    }
}

/// A Node-style error: `code()` is the Node error code string.
#[derive(Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    code: Cow<'static, str>,
    message: Cow<'static, str>,
    errno: Option<i32>,
    syscall: Option<Cow<'static, str>>,
    address: Option<String>,
    port: Option<u16>,
}

impl Error {
    /// An `Error` with a code and a message.
    pub fn new(code: impl Into<Cow<'static, str>>, message: impl Into<Cow<'static, str>>) -> Error {
        Error::with_kind(ErrorKind::Error, code, message)
    }

    /// A `TypeError` (Node's `ERR_INVALID_ARG_TYPE` and friends).
    pub fn type_error(code: impl Into<Cow<'static, str>>, message: impl Into<Cow<'static, str>>) -> Error {
        Error::with_kind(ErrorKind::TypeError, code, message)
    }

    /// A `RangeError` (Node's `ERR_OUT_OF_RANGE`, `ERR_HTTP2_INVALID_SETTING_VALUE`, …).
    pub fn range_error(code: impl Into<Cow<'static, str>>, message: impl Into<Cow<'static, str>>) -> Error {
        Error::with_kind(ErrorKind::RangeError, code, message)
    }

    pub fn with_kind(
        kind: ErrorKind,
        code: impl Into<Cow<'static, str>>,
        message: impl Into<Cow<'static, str>>,
    ) -> Error {
        Error {
            kind,
            code: code.into(),
            message: message.into(),
            errno: None,
            syscall: None,
            address: None,
            port: None,
        }
    }

    /// A system error as Node reports it: `connect ECONNREFUSED 127.0.0.1:80`.
    pub fn system(code: impl Into<Cow<'static, str>>, errno: i32, syscall: impl Into<Cow<'static, str>>) -> Error {
        let code = code.into();
        let syscall = syscall.into();
        Error {
            kind: ErrorKind::SystemError,
            message: format!("{} {}", syscall, code).into(),
            code,
            errno: Some(errno),
            syscall: Some(syscall),
            address: None,
            port: None,
        }
    }

    /// Adds libuv's description of the code, as Node's `uvExceptionWithHostPort` words listen
    /// and bind errors (`listen EADDRINUSE: address already in use`); call it before
    /// [`with_address`](Self::with_address), which appends the address after it.
    pub fn with_description(mut self, description: &str) -> Error {
        let mut message = self.message.into_owned();
        message.push_str(": ");
        message.push_str(description);
        self.message = message.into();
        self
    }

    /// Replaces the message (for errors whose Node wording is not `syscall CODE`, such as
    /// `ENOENT: no such file or directory, open '/x'`).
    pub fn with_message(mut self, message: impl Into<Cow<'static, str>>) -> Error {
        self.message = message.into();
        self
    }

    /// Adds the address (and port) a system error concerns, and to its message as Node does.
    pub fn with_address(mut self, address: impl Into<String>, port: Option<u16>) -> Error {
        let address = address.into();
        let mut message = self.message.into_owned();
        message.push(' ');
        message.push_str(&address);
        if let Some(p) = port {
            message.push(':');
            message.push_str(&p.to_string());
        }
        self.message = message.into();
        self.address = Some(address);
        self.port = port;
        self
    }

    pub fn kind(&self) -> ErrorKind {
        self.kind
    }
    /// The Node error code, e.g. `"ERR_HTTP2_INVALID_SETTING_VALUE"` or `"ECONNREFUSED"`.
    pub fn code(&self) -> &str {
        &self.code
    }
    pub fn message(&self) -> &str {
        &self.message
    }
    pub fn errno(&self) -> Option<i32> {
        self.errno
    }
    pub fn syscall(&self) -> Option<&str> {
        self.syscall.as_deref()
    }
    pub fn address(&self) -> Option<&str> {
        self.address.as_deref()
    }
    pub fn port(&self) -> Option<u16> {
        self.port
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} [{}]: {}", self.kind.name(), self.code, self.message)
    }
}

impl std::error::Error for Error {}
