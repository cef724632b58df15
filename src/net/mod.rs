//! Node's `net` module (NET-1, NET-2): TCP [`Socket`]s with Node stream semantics and
//! [`Server`]s, on the event loop ([`crate::rt`]).
//!
//! ```no_run
//! use http2::net;
//! use http2::stream::{Chunk, Writable};
//! use http2::Emitter;
//! use emitter::Listener;
//!
//! let server = net::create_server(Some(Listener::new(|socket: net::Socket| {
//!     let echo = socket.clone();
//!     socket.on("data", move |chunk: Chunk| { echo.write(chunk); }).unwrap();
//! })));
//! server.listen(0, "127.0.0.1", None).unwrap();
//! http2::rt::run().unwrap();
//! ```
//!
//! Callbacks that Node takes as optional function arguments are `Option<Listener>` here
//! (`Listener::new(|| ..)`), added with `once` as Node adds them. Host names are resolved
//! with the blocking system resolver (fine for `localhost`; see [`addr`](self::addr) notes).
//! Layout: `socket` (the handle and its API), `conn` (the I/O: reads, connect, teardown,
//! driving writes; TLS inside), `write` (sending pending bytes), `server`, `error` (errno →
//! Node errors), `addr`, `sockopt`.

mod addr;
pub(crate) mod conn;
pub(crate) mod error;
mod server;
mod socket;
mod sockopt;
mod write;

use emitter::Listener;

pub use addr::AddressInfo;
pub use server::{Server, ServerOptions, SERVER_EVENTS, TLS_SERVER_EVENTS};
pub use socket::{Socket, WeakSocket, SOCKET_EVENTS, TLS_SOCKET_EVENTS};

use crate::rt::EventLoop;
use crate::Emitter;

/// `net.connect(port, host)`: a socket connecting on the current loop.
pub fn connect(port: u16, host: &str) -> Socket {
    let socket = Socket::new();
    socket.connect(port, host);
    socket
}

/// `net.createConnection(port, host[, connectListener])`.
pub fn create_connection(port: u16, host: &str, on_connect: Option<Listener>) -> Socket {
    let socket = Socket::new();
    if let Some(cb) = on_connect {
        let r = socket.once("connect", cb);
        socket.event_loop().check(r);
    }
    socket.connect(port, host);
    socket
}

/// `net.createServer([connectionListener])` on the current loop.
pub fn create_server(on_connection: Option<Listener>) -> Server {
    let server = Server::with_loop(&EventLoop::current());
    if let Some(cb) = on_connection {
        let r = server.on("connection", cb);
        server.event_loop().check(r);
    }
    server
}

/// `net.createServer(options[, connectionListener])` on the current loop.
pub fn create_server_with(options: ServerOptions, on_connection: Option<Listener>) -> Server {
    let server = Server::with_loop_options(&EventLoop::current(), options);
    if let Some(cb) = on_connection {
        let r = server.on("connection", cb);
        server.event_loop().check(r);
    }
    server
}

/// `net.isIP(input)`: 4, 6, or 0 when `input` is not an IP address.
pub fn is_ip(input: &str) -> u8 {
    match input.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V4(_)) => 4,
        Ok(std::net::IpAddr::V6(_)) => 6,
        Err(_) => 0,
    }
}
