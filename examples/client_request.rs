//! The seed's `http2session.request()` example: an `https://` client session, a request for
//! `/` named with the `HTTP2_HEADER_*` constants, and the response's `'data'` and `'end'`
//! listeners added from its `'response'` listener.
//!
//! Usage: `cargo run --example client_request [-- --port N] [--ca FILE | --insecure]` (or
//! `PORT=N`, `CA=FILE`, `INSECURE=1`; default port 1234 as in the seed).

#[path = "common/mod.rs"]
mod common;

use std::io::Write;

use http2::constants::{HTTP2_HEADER_PATH, HTTP2_HEADER_STATUS};
use http2::prelude::*;
use http2::stream::Chunk;
use http2::{headers, Error, Headers, RequestOptions};

fn main() -> Result<(), Error> {
    env_logger::init();

    let client_session = http2::connect(&format!("https://localhost:{}", common::port(1234)), common::client_options())?;

    let req = client_session.request(headers! { HTTP2_HEADER_PATH => "/" }, RequestOptions::default())?;
    let (r, session) = (req.clone(), client_session.clone());
    req.on("response", move |headers: Headers| -> Result<(), Error> {
        // (The seed logs the constant's name; the status is what it means.)
        println!("{}", headers.get(HTTP2_HEADER_STATUS).unwrap_or("undefined"));
        r.on("data", |chunk: Chunk| {
            /* .. */
            let _ = std::io::stdout().write_all(&chunk);
        })?;
        let session = session.clone();
        r.on("end", move || {
            /* .. */
            // (Added, so that the example exits.)
            println!();
            session.destroy(None);
        })?;
        Ok(())
    })?;

    http2::rt::run()
}
