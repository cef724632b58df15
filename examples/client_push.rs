//! The seed's "Push streams on the client" example (and the `'push'` event's): pushed
//! streams arrive as the client session's `'stream'` event with the promised request
//! headers; their response headers come as `'push'`, then their data.
//!
//! Usage: `cargo run --example client_push [-- --port N]` (or `PORT=N`; default 80), against
//! a server that pushes (e.g. `cargo run --example push_stream -- --port N`).

#[path = "common/mod.rs"]
mod common;

use std::cell::Cell;
use std::rc::Rc;

use http2::prelude::*;
use http2::stream::Chunk;
use http2::{headers, ClientHttp2Session, ClientHttp2Stream, ConnectOptions, Error, Headers, RequestOptions};

fn main() -> Result<(), Error> {
    env_logger::init();

    let client = http2::connect(&format!("http://localhost:{}", common::port(80)), ConnectOptions::default())?;

    // (Added, so that the example exits: streams still open; the session closes at zero.)
    let open = Rc::new(Cell::new(1));
    let done = |open: &Rc<Cell<i32>>, client: &ClientHttp2Session| {
        open.set(open.get() - 1);
        if open.get() == 0 {
            client.close(None);
        }
    };

    let (o, c) = (open.clone(), client.clone());
    client.on("stream", move |pushed_stream: ClientHttp2Stream, request_headers: Headers| -> Result<(), Error> {
        println!("pushed {}", request_headers.get(":path").unwrap_or("undefined"));
        pushed_stream.on("push", |response_headers: Headers| {
            // process response headers
            println!("push {}", response_headers.get(":status").unwrap_or("undefined"));
        })?;
        pushed_stream.on("data", |chunk: Chunk| {
            /* handle pushed data */
            println!("pushed data: {chunk}");
        })?;
        o.set(o.get() + 1);
        let (o, c) = (o.clone(), c.clone());
        pushed_stream.on("end", move || done(&o, &c))?;
        Ok(())
    })?;

    let req = client.request(headers! { ":path" => "/" }, RequestOptions::default())?;
    // (Added: the response to the request itself.)
    req.on("data", |chunk: Chunk| println!("data: {chunk}"))?;
    let (o, c) = (open.clone(), client.clone());
    req.on("end", move || done(&o, &c))?;

    http2::rt::run()
}
