//! The seed's hello-world server for `bench/h2/run.sh` (the handler of
//! examples/hello_server.rs), with the port from `PORT` and an optional `BODY_SIZE` for the
//! large-body run.

use http2::prelude::*;
use http2::{headers, Headers, RespondOptions, ServerHttp2Stream, ServerOptions};

fn main() -> Result<(), http2::Error> {
    let port: u16 = std::env::var("PORT").ok().and_then(|p| p.parse().ok()).unwrap_or(8080);
    let body: bytes::Bytes = match std::env::var("BODY_SIZE").ok().and_then(|s| s.parse::<usize>().ok()) {
        Some(n) => vec![b'x'; n].into(),
        None => bytes::Bytes::from_static(b"<h1>Hello World</h1>"),
    };
    let server = http2::create_server(ServerOptions::default())?;
    server.on("stream", move |stream: ServerHttp2Stream, _headers: Headers| -> Result<(), http2::Error> {
        stream.respond(headers! { "content-type" => "text/html", ":status" => 200 }, RespondOptions::default())?;
        stream.end_with(body.clone());
        Ok(())
    })?;
    server.listen(port, "127.0.0.1", None::<fn()>)?;
    http2::rt::run()
}
