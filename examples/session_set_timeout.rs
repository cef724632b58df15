//! The seed's `Http2Session` event `'timeout'` example, on a client session: after
//! `session.setTimeout(2000)`, two seconds without activity emit `'timeout'`; the listener
//! closes the session.
//!
//! Usage: `cargo run --example session_set_timeout [-- --port N]` (or `PORT=N`; default 80),
//! against any h2c server.

#[path = "common/mod.rs"]
mod common;

use http2::prelude::*;
use http2::{ConnectOptions, Error};

fn main() -> Result<(), Error> {
    env_logger::init();

    let session = http2::connect(&format!("http://localhost:{}", common::port(80)), ConnectOptions::default())?;

    session.set_timeout(2000, None::<fn()>)?;
    let s = session.clone();
    session.on("timeout", move || {
        /* .. */
        println!("timeout");
        s.close(None);
    })?;

    http2::rt::run()
}
