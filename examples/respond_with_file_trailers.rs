//! The seed's `http2stream.respondWithFile()` example with `getTrailers`: the file, then a
//! trailing HEADERS frame with `abc: some value to send`.
//!
//! Usage: `cargo run --example respond_with_file_trailers [-- --file PATH] [--port N]` (or
//! `FILE=PATH`, `PORT=N`; defaults `/some/file` and 80 as in the seed).

#[path = "common/mod.rs"]
mod common;

use std::rc::Rc;

use http2::prelude::*;
use http2::{headers, Error, Headers, RespondWithFileOptions, ServerHttp2Stream, ServerOptions};

fn main() -> Result<(), Error> {
    env_logger::init();
    let file = common::arg("file").unwrap_or_else(|| "/some/file".to_string());

    let server = http2::create_server(ServerOptions::default())?;
    server.on("stream", move |stream: ServerHttp2Stream| -> Result<(), Error> {
        fn get_trailers(trailers: &mut Headers) {
            trailers.set("ABC", "some value to send");
        }
        stream.respond_with_file(
            &file,
            headers! { "content-type" => "text/plain" },
            RespondWithFileOptions { get_trailers: Some(Rc::new(get_trailers)), ..Default::default() },
        )
    })?;

    server.listen(common::port(80), "", None::<fn()>)?;
    http2::rt::run()
}
