//! The seed's client example (Core API): GET `/`, print the response's `:status` and `date`,
//! collect the body as text, and destroy the session at the end.
//!
//! Usage: `cargo run --example seed_client [-- --port N]` (or `PORT=N`; default 80 as in the
//! seed). Try it against `cargo run --example hello_server -- --port N`.

#[path = "common/mod.rs"]
mod common;

use std::cell::RefCell;
use std::rc::Rc;

use http2::prelude::*;
use http2::stream::Chunk;
use http2::{headers, ConnectOptions, Headers, RequestOptions};

fn main() -> Result<(), http2::Error> {
    env_logger::init();

    let client = http2::connect(&format!("http://localhost:{}", common::port(80)), ConnectOptions::default())?;

    // req is a Duplex
    let req = client.request(headers! { ":path" => "/" }, RequestOptions::default())?;

    req.on("response", |headers: Headers| {
        println!("{}", headers.get(":status").unwrap_or("undefined"));
        println!("{}", headers.get("date").unwrap_or("undefined"));
    })?;

    let data = Rc::new(RefCell::new(String::new()));
    req.set_encoding("utf8")?;
    let d = data.clone();
    req.on("data", move |chunk: Chunk| d.borrow_mut().push_str(&chunk.as_str()))?;
    let c = client.clone();
    req.on("end", move || {
        // (The seed only collects the body; we show it.)
        println!("{}", data.borrow());
        c.destroy(None);
    })?;
    req.end();

    http2::rt::run()
}
