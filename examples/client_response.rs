//! The seed's `ClientHttp2Stream` event `'response'` example: print the `:status` of the
//! response to `GET /` over `https://`.
//!
//! Usage: `cargo run --example client_response [-- --port N] [--ca FILE | --insecure]` (or
//! `PORT=N`, `CA=FILE`, `INSECURE=1`; default port 443 as the seed's URL implies).

#[path = "common/mod.rs"]
mod common;

use http2::prelude::*;
use http2::{headers, Error, Headers, RequestOptions};

fn main() -> Result<(), Error> {
    env_logger::init();

    let client = http2::connect(&format!("https://localhost:{}", common::port(443)), common::client_options())?;
    let req = client.request(headers! { ":path" => "/" }, RequestOptions::default())?;
    req.on("response", |headers: Headers, _flags: u32| {
        println!("{}", headers.get(":status").unwrap_or("undefined"));
    })?;
    // (Added, so that the example exits: read the body, then close the session.)
    req.resume();
    let c = client.clone();
    req.on("end", move || c.destroy(None))?;

    http2::rt::run()
}
