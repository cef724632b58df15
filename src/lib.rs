//! `http2`: Node.js's `http2` module rebuilt in Rust on a single-threaded, Node-like event loop.
//!
//! Layers (dependencies point down only; see docs/ARCHITECTURE.md):
//! - the HTTP/2 API (sessions, streams, servers, client) on top of
//! - `net`/`tls` sockets with Node stream semantics, on the event loop `rt`, on `emitter`;
//! - beside them the pure protocol: `frame` and `hpack` under the sans-I/O core `proto`.

pub use emitter::{Emitter, Error, ErrorKind};
pub use headers::{HeaderValue, Headers};

pub mod constants;
pub mod frame;
pub mod headers;
pub mod hpack;
pub mod net;
pub mod proto;
pub mod rt;
pub mod settings;
pub mod stream;
pub mod tls;
pub mod validate;
