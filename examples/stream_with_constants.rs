//! The seed's `Http2Server` event `'stream'` example: the request's method and path read with
//! the `HTTP2_HEADER_*` constants, and a two-part plain-text answer (`write` then `end`).
//!
//! Usage: `cargo run --example stream_with_constants [-- --port N]` (or `PORT=N`; default 80).

#[path = "common/mod.rs"]
mod common;

use http2::constants::{HTTP2_HEADER_CONTENT_TYPE, HTTP2_HEADER_METHOD, HTTP2_HEADER_PATH, HTTP2_HEADER_STATUS};
use http2::prelude::*;
use http2::{headers, Error, Headers, RespondOptions, ServerHttp2Stream, ServerOptions};

fn main() -> Result<(), Error> {
    env_logger::init();

    let server = http2::create_server(ServerOptions::default())?;
    server.on("stream", |stream: ServerHttp2Stream, headers: Headers, _flags: u32| -> Result<(), Error> {
        let method = headers.get(HTTP2_HEADER_METHOD).unwrap_or_default();
        let path = headers.get(HTTP2_HEADER_PATH).unwrap_or_default();
        // ...
        println!("{method} {path}");
        stream.respond(headers! { HTTP2_HEADER_STATUS => 200, HTTP2_HEADER_CONTENT_TYPE => "text/plain" }, RespondOptions::default())?;
        stream.write("hello ");
        stream.end_with("world");
        Ok(())
    })?;

    server.listen(common::port(80), "", None::<fn()>)?;
    http2::rt::run()
}
