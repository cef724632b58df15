//! The seed's "Using options.selectPadding" example: with `PADDING_STRATEGY_CALLBACK`, every
//! HEADERS and DATA frame is padded to the largest size the callback may choose. (The seed
//! only creates the server; it answers with the hello page here.)
//!
//! Usage: `cargo run --example select_padding [-- --port N]` (or `PORT=N`; default 80), then
//! `nghttp -v http://localhost:N/` (frames show `padlen`).

#[path = "common/mod.rs"]
mod common;

use std::rc::Rc;

use http2::constants::PADDING_STRATEGY_CALLBACK;
use http2::prelude::*;
use http2::{headers, Error, RespondOptions, ServerHttp2Stream, ServerOptions, SessionOptions};

fn main() -> Result<(), Error> {
    env_logger::init();

    let server = http2::create_server(ServerOptions {
        session: SessionOptions {
            padding_strategy: Some(PADDING_STRATEGY_CALLBACK),
            select_padding: Some(Rc::new(|_frame_len: usize, max_frame_len: usize| max_frame_len)),
            ..Default::default()
        },
    })?;

    // (Added: something to pad.)
    server.on("stream", |stream: ServerHttp2Stream| -> Result<(), Error> {
        stream.respond(headers! { "content-type" => "text/html", ":status" => 200 }, RespondOptions::default())?;
        stream.end_with("<h1>Hello World</h1>");
        Ok(())
    })?;

    server.listen(common::port(80), "", None::<fn()>)?;
    http2::rt::run()
}
