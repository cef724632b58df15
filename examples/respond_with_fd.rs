//! The seed's `http2stream.respondWithFD()` example: one file, opened once when the server
//! starts, is every response's body; `content-length` and `last-modified` come from `fstat`.
//! The descriptor is closed when the server closes.
//!
//! Usage: `cargo run --example respond_with_fd [-- --file PATH] [--port N]` (or `FILE=PATH`,
//! `PORT=N`; defaults `/some/file` and 80 as in the seed).

#[path = "common/mod.rs"]
mod common;

use std::cell::RefCell;
use std::fs;
use std::rc::Rc;

use http2::prelude::*;
use http2::{headers, Error, RespondWithFileOptions, ServerHttp2Stream, ServerOptions};

fn main() -> Result<(), Error> {
    env_logger::init();

    let path = common::arg("file").unwrap_or_else(|| "/some/file".to_string());
    let fd = fs::File::open(&path).map_err(|e| Error::new("ENOENT", format!("{path}: {e}")))?;
    let fd = Rc::new(RefCell::new(Some(fd)));

    let server = http2::create_server(ServerOptions::default())?;
    let f = fd.clone();
    server.on("stream", move |stream: ServerHttp2Stream| -> Result<(), Error> {
        let guard = f.borrow();
        let Some(fd) = guard.as_ref() else { return Ok(()) };
        let stat = fd.metadata().map_err(|e| Error::new("EBADF", e.to_string()))?;
        let headers = headers! {
            "content-length" => stat.len(),
            "last-modified" => common::to_utc_string(stat.modified().unwrap_or(std::time::UNIX_EPOCH)),
            "content-type" => "text/plain",
        };
        stream.respond_with_fd(fd, headers, RespondWithFileOptions::default())
    })?;
    server.on("close", move || drop(fd.borrow_mut().take()))?;

    server.listen(common::port(80), "", None::<fn()>)?;
    http2::rt::run()
}
