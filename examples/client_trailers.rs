//! The seed's `Http2Stream` event `'trailers'` example: a client printing the trailing
//! headers of the response to `GET /` (try it against `respond_with_trailers`).
//!
//! Usage: `cargo run --example client_trailers [-- --port N]` (or `PORT=N`; default 80).

#[path = "common/mod.rs"]
mod common;

use http2::prelude::*;
use http2::stream::Chunk;
use http2::{headers, ConnectOptions, Error, Headers, RequestOptions};

fn main() -> Result<(), Error> {
    env_logger::init();

    let client = http2::connect(&format!("http://localhost:{}", common::port(80)), ConnectOptions::default())?;
    let stream = client.request(headers! { ":path" => "/" }, RequestOptions::default())?;

    stream.on("trailers", |headers: Headers, _flags: u32| {
        println!("{headers:?}");
    })?;

    // (Added: show the body, and close the session at the end.)
    stream.on("data", |chunk: Chunk| println!("data: {chunk}"))?;
    let c = client.clone();
    stream.on("end", move || c.close(None))?;

    http2::rt::run()
}
