//! The seed's `http2stream.pushStream()` example: every request is answered with a pushed
//! stream (promised for `/`) and then the response itself.
//!
//! Usage: `cargo run --example push_stream [-- --port N]` (or `PORT=N`; default 80), then
//! `nghttp -v http://localhost:N/` or `cargo run --example client_push -- --port N`.

#[path = "common/mod.rs"]
mod common;

use http2::prelude::*;
use http2::{headers, Error, PriorityOptions, RespondOptions, ServerHttp2Stream, ServerOptions};

fn main() -> Result<(), Error> {
    env_logger::init();

    let server = http2::create_server(ServerOptions::default())?;
    server.on("stream", |stream: ServerHttp2Stream| -> Result<(), Error> {
        stream.respond(headers! { ":status" => 200 }, RespondOptions::default())?;
        // (Added: a client that disabled push, such as curl, would make pushStream throw.)
        if stream.push_allowed() {
            stream.push_stream(headers! { ":path" => "/" }, PriorityOptions::default(), |push_stream: Result<ServerHttp2Stream, Error>| {
                let Ok(push_stream) = push_stream else { return };
                if push_stream.respond(headers! { ":status" => 200 }, RespondOptions::default()).is_ok() {
                    push_stream.end_with("some pushed data");
                }
            })?;
        }
        stream.end_with("some data");
        Ok(())
    })?;

    server.listen(common::port(80), "", None::<fn()>)?;
    http2::rt::run()
}
