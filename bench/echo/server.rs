//! TCP echo server on our event loop, for the echo benchmark (bench/echo/run.sh).
//! Every connection writes back each chunk it reads (`'data'` → `write`), as echo.js does.
//!
//! `cargo run --release --example echo_server -- [port]` (default 9201), on 127.0.0.1.

use emitter::Listener;
use http2::net::{self, Socket};
use http2::stream::{Chunk, Writable};
use http2::{Emitter, Error};

fn main() {
    let port: u16 = std::env::args().nth(1).and_then(|p| p.parse().ok()).unwrap_or(9201);
    let server = net::create_server(Some(Listener::new(|socket: Socket| {
        let out = socket.clone();
        let _ = socket.on("data", move |chunk: Chunk| {
            out.write(chunk);
        });
        // A client that goes away mid-write is not worth stopping the server for.
        let _ = socket.on("error", |_: Error| {});
    })));
    if let Err(e) = server.listen(port, "127.0.0.1", None) {
        eprintln!("listen: {e}");
        std::process::exit(1);
    }
    if let Err(e) = http2::rt::run() {
        eprintln!("echo server stopped: {e}");
        std::process::exit(1);
    }
}
