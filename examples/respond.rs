//! The seed's `http2stream.respond()` example: `:status` 200 and a short body.
//!
//! Usage: `cargo run --example respond [-- --port N]` (or `PORT=N`; default 80).

#[path = "common/mod.rs"]
mod common;

use http2::prelude::*;
use http2::{headers, Error, RespondOptions, ServerHttp2Stream, ServerOptions};

fn main() -> Result<(), Error> {
    env_logger::init();

    let server = http2::create_server(ServerOptions::default())?;
    server.on("stream", |stream: ServerHttp2Stream| -> Result<(), Error> {
        stream.respond(headers! { ":status" => 200 }, RespondOptions::default())?;
        stream.end_with("some data");
        Ok(())
    })?;

    server.listen(common::port(80), "", None::<fn()>)?;
    http2::rt::run()
}
