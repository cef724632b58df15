//! The seed's `statCheck` example that cancels the send: when the client's copy is current
//! (`if-modified-since` not older than the file), the `statCheck` responds `304` itself and
//! returns false; otherwise the file is sent with its `last-modified`.
//!
//! Usage: `cargo run --example respond_with_file_304 [-- --file PATH] [--port N]` (or
//! `FILE=PATH`, `PORT=N`; defaults `/some/file` and 80 as in the seed).

#[path = "common/mod.rs"]
mod common;

use std::fs::Metadata;
use std::rc::Rc;
use std::time::{SystemTime, UNIX_EPOCH};

use http2::prelude::*;
use http2::{headers, Error, Headers, RespondOptions, RespondWithFileOptions, ServerHttp2Stream, ServerOptions};

fn main() -> Result<(), Error> {
    env_logger::init();
    let file = common::arg("file").unwrap_or_else(|| "/some/file".to_string());

    let server = http2::create_server(ServerOptions::default())?;
    server.on("stream", move |stream: ServerHttp2Stream, request: Headers| -> Result<(), Error> {
        let since = request.get("if-modified-since").and_then(http2::date::parse_http_date);
        let s = stream.clone();
        let stat_check = move |stat: &Metadata, headers: &mut Headers| -> bool {
            // Check the stat here...
            let mtime = stat.modified().unwrap_or(UNIX_EPOCH);
            let secs = |t: SystemTime| t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
            if since.is_some_and(|since| secs(mtime) <= secs(since)) {
                let _ = s.respond(headers! { ":status" => 304 }, RespondOptions::default());
                return false; // Cancel the send operation
            }
            headers.set("last-modified", common::to_utc_string(mtime));
            true
        };
        stream.respond_with_file(
            &file,
            headers! { "content-type" => "text/plain" },
            RespondWithFileOptions { stat_check: Some(Rc::new(stat_check)), ..Default::default() },
        )
    })?;

    server.listen(common::port(80), "", None::<fn()>)?;
    http2::rt::run()
}
