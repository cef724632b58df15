//! The seed's "Headers Object" example: a response whose headers object has a string
//! `:status`, a mixed-case value and a field with several values (`abc`, sent as five
//! `abc` fields).
//!
//! Usage: `cargo run --example headers_object [-- --port N]` (or `PORT=N`; default 80).

#[path = "common/mod.rs"]
mod common;

use http2::prelude::*;
use http2::{headers, Error, RespondOptions, ServerHttp2Stream, ServerOptions};

fn main() -> Result<(), Error> {
    env_logger::init();

    let server = http2::create_server(ServerOptions::default())?;
    server.on("stream", |stream: ServerHttp2Stream| -> Result<(), Error> {
        let headers = headers! {
            ":status" => "200",
            "content-type" => "text-plain",
            "ABC" => ["has", "more", "than", "one", "value"],
        };

        stream.respond(headers, RespondOptions::default())?;
        // (Added: the seed's fragment leaves the stream open.)
        stream.end();
        Ok(())
    })?;

    server.listen(common::port(80), "", None::<fn()>)?;
    http2::rt::run()
}
