//! The seed's `Http2SecureServer` event `'stream'` example: `stream_with_constants` over TLS
//! (h2 by ALPN). `getOptionsSomehow()` is `--cert FILE --key FILE`, else `server-cert.pem` and
//! `server-key.pem` in the current folder, else a self-signed certificate.
//!
//! Usage: `cargo run --example secure_stream_with_constants [-- --port N]` (or `PORT=N`;
//! default 80 as in the seed), then `curl -k https://localhost:N/`.

#[path = "common/mod.rs"]
mod common;

use http2::constants::{HTTP2_HEADER_CONTENT_TYPE, HTTP2_HEADER_METHOD, HTTP2_HEADER_PATH, HTTP2_HEADER_STATUS};
use http2::prelude::*;
use http2::{headers, Error, Headers, RespondOptions, SecureServerOptions, ServerHttp2Stream};

fn get_options_somehow() -> Result<SecureServerOptions, Error> {
    Ok(SecureServerOptions { session: Default::default(), tls: common::tls_identity()?, allow_http1: false })
}

fn main() -> Result<(), Error> {
    env_logger::init();

    let options = get_options_somehow()?;

    let server = http2::create_secure_server(options)?;
    server.on("stream", |stream: ServerHttp2Stream, headers: Headers, _flags: u32| -> Result<(), Error> {
        let method = headers.get(HTTP2_HEADER_METHOD).unwrap_or_default();
        let path = headers.get(HTTP2_HEADER_PATH).unwrap_or_default();
        // ...
        println!("{method} {path}");
        stream.respond(headers! { HTTP2_HEADER_STATUS => 200, HTTP2_HEADER_CONTENT_TYPE => "text/plain" }, RespondOptions::default())?;
        stream.write("hello ");
        stream.end_with("world");
        Ok(())
    })?;

    server.listen(common::port(80), "", None::<fn()>)?;
    http2::rt::run()
}
