//! Node's `EventEmitter` for Rust: string-named events, typed listeners, copy-on-emit.
//!
//! This crate knows nothing of the event loop, sockets or HTTP/2.

mod error;

pub use error::{Error, ErrorKind};
