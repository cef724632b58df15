//! The seed's `http2.connect()` example: a client session to `https://localhost:1234`,
//! destroyed at once ("Use the client").
//!
//! Usage: `cargo run --example client_connect [-- --port N]` (or `PORT=N`; default 1234).

#[path = "common/mod.rs"]
mod common;

use http2::Error;

fn main() -> Result<(), Error> {
    env_logger::init();

    let client = http2::connect(&format!("https://localhost:{}", common::port(1234)), common::client_options())?;

    /* Use the client */

    client.destroy(None);

    http2::rt::run()
}
