//! The seed's first example: a plain-text HTTP/2 server answering every stream with a
//! hello page (h2c with prior knowledge: `curl --http2-prior-knowledge http://localhost:PORT/`).
//!
//! Usage: `cargo run --example hello_server [PORT]` (default 8080; 0 picks a free port).

use http2::prelude::*;
use http2::{create_server, headers, Headers, RespondOptions, ServerHttp2Stream, ServerOptions};

fn main() -> Result<(), http2::Error> {
    env_logger::init();
    let port: u16 = std::env::args().nth(1).and_then(|p| p.parse().ok()).unwrap_or(8080);
    let server = create_server(ServerOptions::default())?;
    server.on("stream", |stream: ServerHttp2Stream, _headers: Headers| -> Result<(), http2::Error> {
        // stream is a Duplex
        stream.respond(headers! { "content-type" => "text/html", ":status" => 200 }, RespondOptions::default())?;
        stream.end_with("<h1>Hello World</h1>");
        Ok(())
    })?;
    let s = server.clone();
    server.listen(port, "127.0.0.1", Some(move || {
        if let Some(a) = s.address() {
            println!("listening on http://127.0.0.1:{}", a.port);
        }
    }))?;
    http2::rt::run()
}
