//! The seed's first example (Core API): a plain-text HTTP/2 server answering every stream
//! with a hello page (h2c with prior knowledge: `curl --http2-prior-knowledge
//! http://localhost:PORT/`).
//!
//! Usage: `cargo run --example hello_server [-- --port N]` (or `PORT=N`, or a lone `N`;
//! default 80 as in the seed, which needs privileges; 0 picks a free port).

#[path = "common/mod.rs"]
mod common;

use http2::prelude::*;
use http2::{headers, Headers, RespondOptions, ServerHttp2Stream, ServerOptions};

fn main() -> Result<(), http2::Error> {
    env_logger::init();

    // Create a plain-text HTTP/2 server
    let server = http2::create_server(ServerOptions::default())?;

    server.on("stream", |stream: ServerHttp2Stream, _headers: Headers| -> Result<(), http2::Error> {
        // stream is a Duplex
        stream.respond(headers! { "content-type" => "text/html", ":status" => 200 }, RespondOptions::default())?;
        stream.end_with("<h1>Hello World</h1>");
        Ok(())
    })?;

    server.listen(common::port(80), "", None::<fn()>)?;
    http2::rt::run()
}
