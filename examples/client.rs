//! An HTTP/2 client: fetches a URL, prints the status and headers to stderr and the body to
//! stdout, and exits 0 on a 2xx.
//!
//! ```text
//! cargo run --release --example client -- [--insecure] [--ca FILE] URL
//! ```
//! `http://` uses cleartext HTTP/2 with prior knowledge; `https://` negotiates h2 by ALPN and
//! verifies the server's certificate (`--ca FILE` adds a trusted root; `--insecure` accepts
//! any certificate).

use std::cell::Cell;
use std::io::Write;
use std::rc::Rc;

use http2::prelude::*;
use http2::stream::Chunk;
use http2::{connect, ConnectOptions, Error, Headers, RequestOptions};

fn main() {
    env_logger::init();
    let mut insecure = false;
    let mut ca = None;
    let mut url = None;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--insecure" | "-k" => insecure = true,
            "--ca" => ca = it.next(),
            _ => url = Some(a),
        }
    }
    let Some(url) = url else {
        eprintln!("usage: client [--insecure] [--ca FILE] URL");
        std::process::exit(2);
    };
    let status = Rc::new(Cell::new(0u16));
    match fetch(&url, insecure, ca, status.clone()) {
        Ok(()) if (200..300).contains(&status.get()) => std::process::exit(0),
        Ok(()) => std::process::exit(1),
        Err(e) => {
            eprintln!("error: {e} ({})", e.code());
            std::process::exit(1);
        }
    }
}

fn fetch(url: &str, insecure: bool, ca: Option<String>, status: Rc<Cell<u16>>) -> Result<(), Error> {
    let auth = http2::client::Authority::parse(url)?;
    let path = url.splitn(4, '/').nth(3).map_or("/".to_string(), |p| format!("/{p}"));
    let ca = match ca {
        Some(f) => Some(std::fs::read(&f).map_err(|e| Error::new("ENOENT", format!("{f}: {e}")))?),
        None => None,
    };
    let options = ConnectOptions { ca, reject_unauthorized: Some(!insecure), ..Default::default() };
    let client = connect(&format!("{}://{}", auth.scheme, auth.header_value()), options)?;
    let c = client.clone();
    client.on("error", move |e: Error| -> Result<(), Error> {
        c.destroy(None);
        Err(e)
    })?;
    let req = client.request(http2::headers! { ":path" => path }, RequestOptions::default())?;
    let st = status.clone();
    req.on("response", move |headers: Headers, _flags: u32| {
        st.set(headers.get(":status").and_then(|s| s.parse().ok()).unwrap_or(0));
        for (name, value) in headers.iter() {
            eprintln!("{name}: {value}");
        }
    })?;
    req.on("data", |chunk: Chunk| {
        let _ = std::io::stdout().write_all(&chunk);
    })?;
    let c = client.clone();
    req.on("end", move || {
        let _ = std::io::stdout().flush();
        c.destroy(None);
    })?;
    let c = client.clone();
    req.on("error", move |e: Error| -> Result<(), Error> {
        c.destroy(None);
        Err(e)
    })?;
    http2::rt::run()
}
