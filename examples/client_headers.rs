//! The seed's `ClientHttp2Stream` event `'headers'` example: a client printing the
//! informational (1xx) headers received before the response (try it against
//! `additional_headers`).
//!
//! Usage: `cargo run --example client_headers [-- --port N]` (or `PORT=N`; default 80).

#[path = "common/mod.rs"]
mod common;

use http2::prelude::*;
use http2::stream::Chunk;
use http2::{headers, ConnectOptions, Error, Headers, RequestOptions};

fn main() -> Result<(), Error> {
    env_logger::init();

    let client = http2::connect(&format!("http://localhost:{}", common::port(80)), ConnectOptions::default())?;
    let stream = client.request(headers! { ":path" => "/" }, RequestOptions::default())?;

    stream.on("headers", |headers: Headers, _flags: u32| {
        println!("{headers:?}");
    })?;

    // (Added: the response itself, and close the session at the end.)
    stream.on("response", |headers: Headers| println!("response {}", headers.get(":status").unwrap_or("undefined")))?;
    stream.on("data", |chunk: Chunk| println!("data: {chunk}"))?;
    let c = client.clone();
    stream.on("end", move || c.close(None))?;

    http2::rt::run()
}
