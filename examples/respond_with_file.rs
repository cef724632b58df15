//! The seed's first `http2stream.respondWithFile()` example: a file as the response, with a
//! `statCheck` adding `last-modified` from the file's `stat` (`content-length` is automatic).
//!
//! Usage: `cargo run --example respond_with_file [-- --file PATH] [--port N]` (or `FILE=PATH`,
//! `PORT=N`; defaults `/some/file` and 80 as in the seed).

#[path = "common/mod.rs"]
mod common;

use std::fs::Metadata;
use std::rc::Rc;

use http2::prelude::*;
use http2::{headers, Error, Headers, RespondWithFileOptions, ServerHttp2Stream, ServerOptions};

fn main() -> Result<(), Error> {
    env_logger::init();
    let file = common::arg("file").unwrap_or_else(|| "/some/file".to_string());

    let server = http2::create_server(ServerOptions::default())?;
    server.on("stream", move |stream: ServerHttp2Stream| -> Result<(), Error> {
        fn stat_check(stat: &Metadata, headers: &mut Headers) -> bool {
            headers.set("last-modified", common::to_utc_string(stat.modified().unwrap_or(std::time::UNIX_EPOCH)));
            true
        }
        stream.respond_with_file(
            &file,
            headers! { "content-type" => "text/plain" },
            RespondWithFileOptions { stat_check: Some(Rc::new(stat_check)), ..Default::default() },
        )
    })?;

    server.listen(common::port(80), "", None::<fn()>)?;
    http2::rt::run()
}
