//! The seed's `http2.createSecureServer()` example: the hello server over TLS (h2 by ALPN).
//! The seed reads `server-key.pem` and `server-cert.pem`; so do we (or `--key`/`--cert`), and
//! without them we make a self-signed certificate for localhost.
//!
//! Usage: `cargo run --example secure_server [-- --port N]` (or `PORT=N`; default 80 as in
//! the seed), then `curl -k https://localhost:N/`.

#[path = "common/mod.rs"]
mod common;

use http2::prelude::*;
use http2::{headers, Error, Headers, RespondOptions, SecureServerOptions, ServerHttp2Stream};

fn main() -> Result<(), Error> {
    env_logger::init();

    // key: fs.readFileSync('server-key.pem'), cert: fs.readFileSync('server-cert.pem')
    let options = SecureServerOptions { session: Default::default(), tls: common::tls_identity()?, allow_http1: false };

    // Create a secure HTTP/2 server (the seed's comment says plain-text)
    let server = http2::create_secure_server(options)?;

    server.on("stream", |stream: ServerHttp2Stream, _headers: Headers| -> Result<(), Error> {
        stream.respond(headers! { "content-type" => "text/html", ":status" => 200 }, RespondOptions::default())?;
        stream.end_with("<h1>Hello World</h1>");
        Ok(())
    })?;

    server.listen(common::port(80), "", None::<fn()>)?;
    http2::rt::run()
}
