//! The seed's second "Headers Object" example: a server printing two request headers,
//! `:path` and `abc` (`undefined` when missing, as `console.log` would).
//!
//! Usage: `cargo run --example request_headers [-- --port N]` (or `PORT=N`; default 80), then
//! `curl --http2-prior-knowledge -H 'abc: xyz' http://localhost:N/some/path`.

#[path = "common/mod.rs"]
mod common;

use http2::prelude::*;
use http2::{Error, Headers, ServerHttp2Stream, ServerOptions};

fn main() -> Result<(), Error> {
    env_logger::init();

    let server = http2::create_server(ServerOptions::default())?;
    server.on("stream", |stream: ServerHttp2Stream, headers: Headers| {
        println!("{}", headers.get(":path").unwrap_or("undefined"));
        println!("{}", headers.get("abc").unwrap_or("undefined"));
        // (Added: answer, so that the client is not left waiting.)
        stream.end();
    })?;

    server.listen(common::port(80), "", None::<fn()>)?;
    http2::rt::run()
}
