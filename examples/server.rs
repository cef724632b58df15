//! The main job: an HTTP/2 server on localhost.
//!
//! ```text
//! cargo run --release --example server [-- [--port N] [--plain] [--cert FILE --key FILE] [FOLDER]]
//! ```
//! - HTTPS (h2 by ALPN) on port 8443 by default, with a self-signed certificate for
//!   `localhost` made at start-up unless `--cert`/`--key` are given; `--plain` serves
//!   cleartext HTTP/2 with prior knowledge (h2c) instead.
//! - `/` answers with the seed's hello page; any other path serves the file of that name
//!   under FOLDER (default: the current folder) with `respond_with_file`: `content-length`,
//!   `last-modified`, `304 Not Modified` for a matching `if-modified-since`, and single
//!   byte ranges (`range: bytes=a-b` → `206` with `content-range`).
//!
//! Try it: `curl -k --http2 https://localhost:8443/` or
//! `cargo run --release --example client -- --insecure https://localhost:8443/Cargo.toml`.

use std::path::{Component, Path, PathBuf};
use std::rc::Rc;

use http2::prelude::*;
use http2::tls::TlsServerOptions;
use http2::{create_secure_server, create_server, headers, Error, Headers, Http2Server, RespondOptions, RespondWithFileOptions, SecureServerOptions, ServerHttp2Stream, ServerOptions};

struct Args {
    port: u16,
    plain: bool,
    cert: Option<PathBuf>,
    key: Option<PathBuf>,
    root: PathBuf,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args { port: 8443, plain: false, cert: None, key: None, root: PathBuf::from(".") };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--port" => args.port = it.next().and_then(|p| p.parse().ok()).ok_or("--port needs a number")?,
            "--plain" => args.plain = true,
            "--cert" => args.cert = Some(it.next().ok_or("--cert needs a file")?.into()),
            "--key" => args.key = Some(it.next().ok_or("--key needs a file")?.into()),
            "-h" | "--help" => return Err(String::new()),
            other if other.starts_with("--") => return Err(format!("unknown flag {other}")),
            folder => args.root = PathBuf::from(folder),
        }
    }
    Ok(args)
}

const HELLO: &str = "<h1>Hello World</h1>";

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" | "htm" => "text/html; charset=utf-8",
        "txt" | "md" | "toml" | "rs" | "lock" => "text/plain; charset=utf-8",
        "css" => "text/css",
        "js" => "text/javascript",
        "json" => "application/json",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "svg" => "image/svg+xml",
        _ => "application/octet-stream",
    }
}

/// The file a request path names under `root`, or `None` for paths that try to leave it.
fn resolve(root: &Path, request_path: &str) -> Option<PathBuf> {
    let path = request_path.split(['?', '#']).next().unwrap_or("/");
    let decoded = percent_decode(path)?;
    let mut out = root.to_path_buf();
    for c in Path::new(&decoded).components() {
        match c {
            Component::Normal(part) => out.push(part),
            Component::RootDir | Component::CurDir => {}
            Component::ParentDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// `bytes=a-b`, `bytes=a-`, `bytes=-n` against a file of `size` bytes: (offset, length).
fn parse_range(range: &str, size: u64) -> Option<(u64, u64)> {
    let spec = range.strip_prefix("bytes=")?;
    if spec.contains(',') {
        return None; // one range only
    }
    let (a, b) = spec.split_once('-')?;
    let (start, end) = match (a.trim(), b.trim()) {
        ("", n) => {
            let n: u64 = n.parse().ok()?;
            (size.checked_sub(n.min(size))?, size.checked_sub(1)?)
        }
        (a, "") => (a.parse().ok()?, size.checked_sub(1)?),
        (a, b) => (a.parse().ok()?, b.parse::<u64>().ok()?.min(size.checked_sub(1)?)),
    };
    (start <= end && start < size).then(|| (start, end - start + 1))
}

fn not_found(stream: &ServerHttp2Stream, status: u16) -> Result<(), Error> {
    stream.respond(headers! { ":status" => status, "content-type" => "text/plain; charset=utf-8" }, RespondOptions::default())?;
    stream.end_with(format!("{status}\n"));
    Ok(())
}

fn handle(root: &Path, stream: &ServerHttp2Stream, request: &Headers) -> Result<(), Error> {
    let method = request.get(":method").unwrap_or("GET");
    if method != "GET" && method != "HEAD" {
        return not_found(stream, 405);
    }
    let path = request.get(":path").unwrap_or("/");
    if path == "/" || path.starts_with("/?") {
        stream.respond(headers! { ":status" => 200, "content-type" => "text/html; charset=utf-8" }, RespondOptions::default())?;
        stream.end_with(HELLO);
        return Ok(());
    }
    let Some(file) = resolve(root, path) else { return not_found(stream, 404) };
    let Ok(meta) = std::fs::metadata(&file) else { return not_found(stream, 404) };
    if !meta.is_file() {
        return not_found(stream, 404);
    }
    let modified = meta.modified().ok();
    // 304 when the client's copy is current (seconds resolution, as HTTP dates have).
    let since = request.get("if-modified-since").and_then(http2::date::parse_http_date);
    let unix = |t: std::time::SystemTime| t.duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let not_modified = matches!((since, modified), (Some(s), Some(m)) if unix(m) <= unix(s));
    let mut headers = headers! { "content-type" => content_type(&file), "accept-ranges" => "bytes" };
    let mut options = RespondWithFileOptions::default();
    if let Some((offset, length)) = request.get("range").and_then(|r| parse_range(r, meta.len())) {
        headers.set(":status", 206);
        headers.set("content-range", format!("bytes {}-{}/{}", offset, offset + length - 1, meta.len()));
        options.offset = Some(offset);
        options.length = Some(length);
    }
    let s = stream.clone();
    options.stat_check = Some(Rc::new(move |stat: &std::fs::Metadata, headers: &mut Headers| {
        if let Ok(m) = stat.modified() {
            headers.set("last-modified", http2::date::http_date(m));
        }
        if not_modified {
            let mut h = headers! { ":status" => 304 };
            if let Some(lm) = headers.get("last-modified") {
                h.set("last-modified", lm);
            }
            if let Err(e) = s.respond(h, RespondOptions { end_stream: true, ..Default::default() }) {
                log::warn!("304 not sent: {e:?}");
            }
            return false; // cancel the file send: we answered 304 ourselves
        }
        true
    }));
    if method == "HEAD" {
        let mut h = headers! { ":status" => if not_modified { 304 } else { 200 }, "content-type" => content_type(&file), "content-length" => meta.len(), "accept-ranges" => "bytes" };
        if let Some(m) = modified {
            h.set("last-modified", http2::date::http_date(m));
        }
        stream.respond(h, RespondOptions { end_stream: true, ..Default::default() })?;
        return Ok(());
    }
    stream.respond_with_file(&file, headers, options)
}

fn self_signed() -> Result<TlsServerOptions, Error> {
    let cert = rcgen::generate_simple_self_signed(vec!["localhost".to_string(), "127.0.0.1".to_string()])
        .map_err(|e| Error::new("ERR_CERT", format!("cannot make a certificate: {e}")))?;
    TlsServerOptions::from_pem(cert.cert.pem().as_bytes(), cert.key_pair.serialize_pem().as_bytes())
}

fn main() -> Result<(), Error> {
    env_logger::init();
    let args = match parse_args() {
        Ok(a) => a,
        Err(msg) => {
            if !msg.is_empty() {
                eprintln!("{msg}");
            }
            eprintln!("usage: server [--port N] [--plain] [--cert FILE --key FILE] [FOLDER]");
            std::process::exit(2);
        }
    };
    let server: Http2Server = if args.plain {
        create_server(ServerOptions::default())?
    } else {
        let tls = match (&args.cert, &args.key) {
            (Some(c), Some(k)) => TlsServerOptions::from_pem_files(c, k)?,
            (None, None) => self_signed()?,
            _ => {
                eprintln!("--cert and --key go together");
                std::process::exit(2);
            }
        };
        create_secure_server(SecureServerOptions { session: Default::default(), tls, allow_http1: false })?
    };
    let root = Rc::new(args.root.clone());
    server.on("stream", move |stream: ServerHttp2Stream, headers: Headers| {
        if let Err(e) = handle(&root, &stream, &headers) {
            log::warn!("request failed: {e:?}");
            stream.destroy(Some(e));
        }
    })?;
    // A session error (a misbehaving client) is logged, not fatal.
    server.on("sessionError", |e: Error| log::info!("session error: {e}"))?;
    let scheme = if args.plain { "http" } else { "https" };
    let (port, folder) = (args.port, args.root.display().to_string());
    server.listen(port, "localhost", Some(move || eprintln!("serving {folder} on {scheme}://localhost:{port}/")))?;
    http2::rt::run()
}
