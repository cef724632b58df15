//! The seed's `http2session.shutdown()` example: after answering a request the server shuts
//! the session down gracefully (a GOAWAY naming stream 2^31-1, then one naming the last
//! stream processed, both carrying the opaque debugging data) and destroys it once done.
//!
//! Usage: `cargo run --example graceful_shutdown [-- --port N]` (or `PORT=N`; default 80),
//! then `nghttp -v http://localhost:N/` (two GOAWAY frames with `opaque_data`).

#[path = "common/mod.rs"]
mod common;

use http2::prelude::*;
use http2::{headers, Error, RespondOptions, ServerHttp2Stream, ServerOptions, ShutdownOptions};

fn main() -> Result<(), Error> {
    env_logger::init();

    let server = http2::create_server(ServerOptions::default())?;
    server.on("stream", |stream: ServerHttp2Stream| -> Result<(), Error> {
        // (Added: the request that the session ends after.)
        stream.respond(headers! { ":status" => 200 }, RespondOptions::default())?;
        stream.end_with("goodbye");

        let Some(session) = stream.session() else { return Ok(()) };
        let s = session.clone();
        session.shutdown(
            ShutdownOptions {
                graceful: true,
                opaque_data: Some(bytes::Bytes::from("add some debugging data here")),
                ..Default::default()
            },
            Some(move || s.destroy(None)),
        )
    })?;

    server.listen(common::port(80), "", None::<fn()>)?;
    http2::rt::run()
}
