//! The seed's `Http2Session` event `'stream'` example: the same handler as
//! `stream_with_constants`, but registered on each session (from the server's `'session'`
//! event) rather than on the server.
//!
//! Usage: `cargo run --example session_stream_event [-- --port N]` (or `PORT=N`; default 80).

#[path = "common/mod.rs"]
mod common;

use http2::constants::{HTTP2_HEADER_CONTENT_TYPE, HTTP2_HEADER_METHOD, HTTP2_HEADER_PATH, HTTP2_HEADER_STATUS};
use http2::prelude::*;
use http2::{headers, Error, Headers, RespondOptions, ServerHttp2Session, ServerHttp2Stream, ServerOptions};

fn main() -> Result<(), Error> {
    env_logger::init();

    let server = http2::create_server(ServerOptions::default())?;
    server.on("session", |session: ServerHttp2Session| -> Result<(), Error> {
        session.on("stream", |stream: ServerHttp2Stream, headers: Headers, _flags: u32| -> Result<(), Error> {
            let method = headers.get(HTTP2_HEADER_METHOD).unwrap_or_default();
            let path = headers.get(HTTP2_HEADER_PATH).unwrap_or_default();
            // ...
            println!("{method} {path}");
            stream.respond(headers! { HTTP2_HEADER_STATUS => 200, HTTP2_HEADER_CONTENT_TYPE => "text/plain" }, RespondOptions::default())?;
            stream.write("hello ");
            stream.end_with("world");
            Ok(())
        })?;
        Ok(())
    })?;

    server.listen(common::port(80), "", None::<fn()>)?;
    http2::rt::run()
}
