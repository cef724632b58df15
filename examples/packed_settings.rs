//! The seed's `http2.getPackedSettings()` example: `{ enablePush: false }` packed as a
//! SETTINGS payload, printed in base64 (for the `HTTP2-Settings` header): `AAIAAAAA`.
//!
//! Usage: `cargo run --example packed_settings`.

#[path = "common/mod.rs"]
mod common;

use http2::{Error, Settings};

fn main() -> Result<(), Error> {
    let packed = http2::get_packed_settings(&Settings { enable_push: Some(false), ..Default::default() })?;

    println!("{}", common::to_base64(&packed));
    // Prints: AAIAAAAA
    Ok(())
}
