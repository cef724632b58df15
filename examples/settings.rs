//! The seed's `'localSettings'` and `'remoteSettings'` examples on a client session:
//! `session.settings({ enablePush: false })` sends new SETTINGS, which apply when the peer
//! acknowledges them (`'localSettings'`); the peer's own arrive as `'remoteSettings'`.
//! The session is closed once no acknowledgement is pending.
//!
//! Usage: `cargo run --example settings [-- --port N]` (or `PORT=N`; default 80), against any
//! h2c server (e.g. `cargo run --example hello_server -- --port N`).

#[path = "common/mod.rs"]
mod common;

use http2::prelude::*;
use http2::{ConnectOptions, Error, Settings};

fn main() -> Result<(), Error> {
    env_logger::init();

    let session = http2::connect(&format!("http://localhost:{}", common::port(80)), ConnectOptions::default())?;

    session.settings(Settings { enable_push: Some(false), ..Default::default() })?;
    println!("pendingSettingsAck: {}", session.pending_settings_ack());

    let s = session.clone();
    session.on("localSettings", move |settings: Settings| {
        /* Use the new settings */
        println!("localSettings: {settings:?}");
        // (Added: the first acknowledgement is of the initial SETTINGS; done after ours.)
        if !s.pending_settings_ack() {
            s.close(None);
        }
    })?;

    session.on("remoteSettings", |settings: Settings| {
        /* Use the new settings */
        println!("remoteSettings: {settings:?}");
    })?;

    http2::rt::run()
}
