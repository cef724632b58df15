//! `http2stream.additionalHeaders()` (the seed documents it without an example): an
//! informational `103 Early Hints` HEADERS frame before the response. A client sees it as
//! its stream's `'headers'` event (see `client_headers`).
//!
//! Usage: `cargo run --example additional_headers [-- --port N]` (or `PORT=N`; default 80).

#[path = "common/mod.rs"]
mod common;

use http2::prelude::*;
use http2::{headers, Error, RespondOptions, ServerHttp2Stream, ServerOptions};

fn main() -> Result<(), Error> {
    env_logger::init();

    let server = http2::create_server(ServerOptions::default())?;
    server.on("stream", |stream: ServerHttp2Stream| -> Result<(), Error> {
        stream.additional_headers(headers! { ":status" => 103, "link" => "</style.css>; rel=preload; as=style" })?;
        stream.respond(headers! { ":status" => 200, "content-type" => "text/plain" }, RespondOptions::default())?;
        stream.end_with("final response");
        Ok(())
    })?;

    server.listen(common::port(80), "", None::<fn()>)?;
    http2::rt::run()
}
