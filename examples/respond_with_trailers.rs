//! The seed's `http2stream.respond()` example with `getTrailers`: after the body, a trailing
//! HEADERS frame carries `abc: some value to send`.
//!
//! Usage: `cargo run --example respond_with_trailers [-- --port N]` (or `PORT=N`; default
//! 80), then `nghttp -v http://localhost:N/` (the trailer shows as a second HEADERS frame).

#[path = "common/mod.rs"]
mod common;

use std::rc::Rc;

use http2::prelude::*;
use http2::{headers, Error, Headers, RespondOptions, ServerHttp2Stream, ServerOptions};

fn main() -> Result<(), Error> {
    env_logger::init();

    let server = http2::create_server(ServerOptions::default())?;
    server.on("stream", |stream: ServerHttp2Stream| -> Result<(), Error> {
        stream.respond(
            headers! { ":status" => 200 },
            RespondOptions {
                get_trailers: Some(Rc::new(|trailers: &mut Headers| {
                    trailers.set("ABC", "some value to send");
                })),
                ..Default::default()
            },
        )?;
        stream.end_with("some data");
        Ok(())
    })?;

    server.listen(common::port(80), "", None::<fn()>)?;
    http2::rt::run()
}
