//! The seed's `http2stream.setTimeout()` example: cancel the request (RST_STREAM CANCEL) if
//! there is no activity on it for five seconds.
//!
//! Usage: `cargo run --example stream_set_timeout [-- --port N]` (or `PORT=N`; default 8000
//! as in the seed, which connects to example.org), against a server that does not answer.

#[path = "common/mod.rs"]
mod common;

use http2::prelude::*;
use http2::{headers, ConnectOptions, Error, RequestOptions};

fn main() -> Result<(), Error> {
    env_logger::init();

    let client = http2::connect(&format!("http://localhost:{}", common::port(8000)), ConnectOptions::default())?;

    let req = client.request(headers! { ":path" => "/" }, RequestOptions::default())?;

    // Cancel the stream if there's no activity after 5 seconds
    let r = req.clone();
    req.set_timeout(5000, Some(move || -> Result<(), Error> { r.rst_with_cancel() }))?;

    // (Added, so that the example exits: report how the stream ended, close the session.)
    req.resume();
    let (r, c) = (req.clone(), client.clone());
    req.on("close", move || {
        println!("stream closed, rstCode {}", r.rst_code().map_or("undefined".to_string(), |c| c.to_string()));
        c.close(None);
    })?;

    http2::rt::run()
}
