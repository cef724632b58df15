//! `http2`: Node.js's `http2` module rebuilt in Rust on a single-threaded, Node-like event loop.
//!
//! Layers (dependencies point down only; see docs/ARCHITECTURE.md):
//! - the HTTP/2 API (sessions, streams, servers, client) on top of
//! - `net`/`tls` sockets with Node stream semantics, on the event loop `rt`, on `emitter`;
//! - beside them the pure protocol: `frame` and `hpack` under the sans-I/O core `proto`.

pub use emitter::{Emitter, Error, ErrorKind};
pub use headers::{HeaderStr, HeaderValue, Headers};

pub use client::{connect, connect_on, ConnectOptions};
pub use http2_stream::{ClientHttp2Stream, Http2Stream, ServerHttp2Stream};
pub use options::{PriorityOptions, RequestOptions, RespondOptions, RespondWithFileOptions, SessionOptions, ShutdownOptions};
pub use server::{create_secure_server, create_secure_server_on, create_server, create_server_on, Http2SecureServer, Http2Server, SecureServerOptions, ServerOptions};
pub use session::{ClientHttp2Session, Http2Session, ServerHttp2Session};
pub use settings::{get_default_settings, get_packed_settings, get_unpacked_settings, Settings};

/// What a ported handler needs in scope: the emitter and stream traits.
pub mod prelude {
    pub use crate::stream::{Readable, Stream, Writable};
    pub use emitter::Emitter;
}

pub mod client;
pub mod constants;
pub mod date;
mod file;
pub mod frame;
pub mod headers;
pub mod hpack;
pub mod http2_stream;
pub mod net;
pub mod options;
pub mod proto;
pub mod rt;
pub mod server;
pub mod session;
pub mod settings;
pub mod stream;
pub mod tls;
pub mod validate;
