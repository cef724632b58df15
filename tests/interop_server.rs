//! FN-1, FN-2, SRV-1, SRV-2 (h2 over TLS via create_secure_server and ALPN), PUSH-1, SST-5.
//! Our server (the library, in-process on a loop thread) against other HTTP/2 clients: curl
//! (h2c with prior knowledge, h2 over TLS), nghttp (push, trailers, padding-free frames),
//! h2load (10 000 requests, 10 connections, 10 streams each) and Node's http2 client (many
//! concurrent streams, large bodies both ways with checksums, a reader that pauses).

mod common;

use std::cell::RefCell;
use std::process::Command;
use std::rc::Rc;

use common::{checksum, node, pattern, require_tool, run_ok, temp_dir, write_cert, Checksum, LoopThread};
use http2::prelude::*;
use http2::stream::Chunk;
use http2::tls::TlsServerOptions;
use http2::{headers, Error, Headers, Http2Server, PriorityOptions, RespondOptions, SecureServerOptions, ServerHttp2Stream, ServerOptions};

/// Writes `len` bytes of the pattern to `stream` in 16 KiB chunks, waiting for `'drain'`
/// whenever `write` says so, then ends it.
fn write_pattern(stream: &ServerHttp2Stream, len: usize) {
    let body = Rc::new(pattern(len));
    let pos = Rc::new(RefCell::new(0usize));
    let pump: Rc<dyn Fn()> = {
        let (stream, body, pos) = (stream.clone(), body.clone(), pos.clone());
        Rc::new(move || loop {
            let start = *pos.borrow();
            if start >= body.len() {
                stream.end();
                return;
            }
            let end = (start + 16 * 1024).min(body.len());
            *pos.borrow_mut() = end;
            if !stream.write(&body[start..end]) {
                return; // wait for 'drain'
            }
        })
    };
    let p = pump.clone();
    stream.on("drain", move || p()).unwrap();
    pump();
}

fn query_bytes(path: &str) -> usize {
    path.split_once("bytes=").and_then(|(_, n)| n.split('&').next()).and_then(|n| n.parse().ok()).unwrap_or(0)
}

/// The test application:
/// - `/` hello; `/big?bytes=N` the pattern (written with backpressure);
/// - `/echo` (POST) `{"len":…,"checksum":…}` of the body; `/mirror` (POST) the body back;
/// - `/push` pushes `/style.css` then answers; `/trailers` a body and the trailer `abc`.
fn handle(stream: ServerHttp2Stream, headers: Headers) -> Result<(), Error> {
    let path = headers.get(":path").unwrap_or("/").to_string();
    let route = path.split('?').next().unwrap_or("/");
    match route {
        "/big" => {
            let n = query_bytes(&path);
            stream.respond(headers! { ":status" => 200, "content-length" => n }, RespondOptions::default())?;
            write_pattern(&stream, n);
        }
        "/echo" => {
            let sum = Rc::new(RefCell::new(Checksum::default()));
            let s = sum.clone();
            stream.on("data", move |c: Chunk| s.borrow_mut().update(&c))?;
            let st = stream.clone();
            stream.on("end", move || -> Result<(), Error> {
                let sum = *sum.borrow();
                st.respond(headers! { ":status" => 200, "content-type" => "application/json" }, RespondOptions::default())?;
                st.end_with(format!(r#"{{"len":{},"checksum":{}}}"#, sum.len, sum.hash));
                Ok(())
            })?;
        }
        "/describe" => {
            // What arrived: body length, trailers, the size of the x-big request header.
            let sum = Rc::new(RefCell::new(Checksum::default()));
            let trailers = Rc::new(RefCell::new(Headers::new()));
            let s = sum.clone();
            stream.on("data", move |c: Chunk| s.borrow_mut().update(&c))?;
            let t = trailers.clone();
            stream.on("trailers", move |h: Headers| *t.borrow_mut() = h)?;
            let (st, big) = (stream.clone(), headers.get("x-big").map_or(0, str::len));
            stream.on("end", move || -> Result<(), Error> {
                let trailer = trailers.borrow().get("x-trailer").unwrap_or("none").to_string();
                st.respond(headers! { ":status" => 200, "content-type" => "application/json" }, RespondOptions::default())?;
                st.end_with(format!(r#"{{"len":{},"trailer":"{}","big":{}}}"#, sum.borrow().len, trailer, big));
                Ok(())
            })?;
        }
        "/file" => {
            // A file (this test's own source); HEAD requests are refused by respond_with_file
            // (ERR_HTTP2_PAYLOAD_FORBIDDEN, as Node), and answered with the headers alone.
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/interop_server.rs");
            if let Err(e) = stream.respond_with_file(path, headers! { "content-type" => "text/plain" }, Default::default()) {
                let len = std::fs::metadata(path).map_or(0, |m| m.len());
                stream.respond(headers! { ":status" => 200, "content-length" => len, "x-error" => e.code() }, RespondOptions::default())?;
                stream.end();
            }
        }
        "/mirror" => {
            stream.respond(headers! { ":status" => 200 }, RespondOptions::default())?;
            stream.pipe(&stream);
        }
        "/push" => {
            stream.respond(headers! { ":status" => 200, "content-type" => "text/html" }, RespondOptions::default())?;
            if stream.push_allowed() {
                stream.push_stream(headers! { ":path" => "/style.css" }, PriorityOptions::default(), |push: Result<ServerHttp2Stream, Error>| {
                    let push = push.expect("push stream");
                    push.respond(headers! { ":status" => 200, "content-type" => "text/css" }, RespondOptions::default()).unwrap();
                    push.end_with("body { color: green }");
                })?;
            }
            stream.end_with("<link rel=stylesheet href=/style.css>main");
        }
        "/trailers" => {
            let options = RespondOptions { get_trailers: Some(Rc::new(|t: &mut Headers| { t.set("abc", "rust trailer"); })), ..Default::default() };
            stream.respond(headers! { ":status" => 200 }, options)?;
            stream.end_with("body");
        }
        _ => {
            stream.respond(headers! { ":status" => 200, "content-type" => "text/plain" }, RespondOptions::default())?;
            stream.end_with("hello from rust");
        }
    }
    Ok(())
}

fn app(tls: Option<TlsServerOptions>) -> Http2Server {
    let server = match tls {
        Some(tls) => http2::create_secure_server(SecureServerOptions { session: Default::default(), tls, allow_http1: false }).unwrap(),
        None => http2::create_server(ServerOptions::default()).unwrap(),
    };
    server.on("stream", handle).unwrap();
    server.on("sessionError", |e: Error| eprintln!("session error: {e:?}")).unwrap();
    server
}

fn start_h2c() -> LoopThread {
    LoopThread::start(|| app(None))
}

/// Our server over TLS, its certificate's folder (removed when dropped) and certificate.
fn start_tls() -> (LoopThread, common::TempDir, std::path::PathBuf) {
    let dir = temp_dir("interop-server-tls");
    let (cert, key) = write_cert(&dir);
    let tls = TlsServerOptions::from_pem_files(&cert, &key).unwrap();
    (LoopThread::start(move || app(Some(tls))), dir, cert)
}

fn curl(args: &[&str]) -> common::Output {
    require_tool("curl");
    run_ok(Command::new("curl").args(["-sS", "--max-time", "50"]).args(args))
}

fn json(out: &str) -> serde_json::Value {
    let line = out.lines().last().unwrap_or_else(|| panic!("no output"));
    serde_json::from_str(line).unwrap_or_else(|e| panic!("bad JSON {line:?}: {e}"))
}

// ----- curl ------------------------------------------------------------------------------------

#[test]
fn curl_h2c_prior_knowledge() {
    let server = start_h2c();
    let url = format!("http://127.0.0.1:{}/", server.port);
    let out = curl(&["--http2-prior-knowledge", "-i", &url]).stdout;
    assert!(out.starts_with("HTTP/2 200"), "{out}");
    assert!(out.contains("content-type: text/plain"), "{out}");
    assert!(out.ends_with("hello from rust"), "{out}");
    server.stop().unwrap();
}

#[test]
fn curl_h2_over_tls_with_a_self_signed_certificate() {
    let (server, _certs, cert) = start_tls();
    let url = format!("https://localhost:{}/", server.port);
    let out = curl(&["-k", "--http2", "-i", &url]).stdout;
    assert!(out.starts_with("HTTP/2 200"), "{out}");
    assert!(out.ends_with("hello from rust"), "{out}");
    let out = curl(&["--cacert", cert.to_str().unwrap(), "--http2", &url]).stdout;
    assert_eq!(out, "hello from rust");
    server.stop().unwrap();
}

#[test]
fn curl_large_download_and_upload_over_tls() {
    let (server, _certs, _cert) = start_tls();
    let n = 5_000_000;
    let url = format!("https://localhost:{}/big?bytes={n}", server.port);
    let got = curl(&["-k", "--http2", &url]).stdout_bytes;
    assert_eq!(got.len(), n);
    assert!(got == pattern(n), "the body differs from the pattern");

    let dir = temp_dir("curl-upload");
    let file = dir.join("up.bin");
    std::fs::write(&file, pattern(n)).unwrap();
    let url = format!("https://localhost:{}/echo", server.port);
    let out = curl(&["-k", "--http2", "--data-binary", &format!("@{}", file.display()), &url]).stdout;
    let v = json(&out);
    assert_eq!(v["len"], n);
    assert_eq!(v["checksum"], checksum(&pattern(n)));
    server.stop().unwrap();
}

// ----- nghttp ----------------------------------------------------------------------------------

fn nghttp(args: &[&str]) -> String {
    require_tool("nghttp");
    run_ok(Command::new("nghttp").args(["-t", "50"]).args(args)).stdout
}

#[test]
fn nghttp_receives_a_pushed_resource() {
    let server = start_h2c();
    let url = format!("http://127.0.0.1:{}/push", server.port);
    let out = nghttp(&["-v", &url]);
    assert!(out.contains("recv PUSH_PROMISE frame"), "{out}");
    assert!(out.contains("(padlen=0, promised_stream_id=2)"), "{out}");
    // The pushed response arrives on stream 2, with its body.
    assert!(out.contains("recv (stream_id=2) :status: 200"), "{out}");
    assert!(out.contains("recv (stream_id=2) content-type: text/css"), "{out}");
    assert!(out.contains("body { color: green }"), "{out}");
    let data2 = out.lines().any(|l| l.contains("recv DATA frame") && l.contains("flags=0x01, stream_id=2>"));
    assert!(data2, "the pushed stream ends with its DATA: {out}");
    assert!(!out.contains("RST_STREAM"), "{out}");

    // nghttp's statistics list the pushed resource (marked with '*').
    let stats = nghttp(&["-ns", &url]);
    assert!(stats.lines().any(|l| l.contains("/style.css") && l.contains('*')), "{stats}");
    assert!(stats.lines().any(|l| l.contains(" 200 ") && l.trim_end().ends_with("/push")), "{stats}");
    server.stop().unwrap();
}

#[test]
fn nghttp_receives_trailers() {
    let server = start_h2c();
    let out = nghttp(&["-v", &format!("http://127.0.0.1:{}/trailers", server.port)]);
    let body = out.find("body[").or_else(|| out.find("body\n")).unwrap_or_else(|| panic!("{out}"));
    let trailer = out.find("recv (stream_id=13) abc: rust trailer").unwrap_or_else(|| panic!("{out}"));
    assert!(body < trailer, "{out}");
    let last = out.rfind("recv HEADERS frame").unwrap();
    assert!(out[last..].contains("END_STREAM | END_HEADERS"), "{out}");
    server.stop().unwrap();
}

#[test]
fn nghttp_uploads_and_downloads_several_megabytes() {
    let server = start_h2c();
    let n = 4_000_000;
    let dir = temp_dir("nghttp-upload");
    let file = dir.join("up.bin");
    std::fs::write(&file, pattern(n)).unwrap();
    let out = nghttp(&["-d", file.to_str().unwrap(), &format!("http://127.0.0.1:{}/echo", server.port)]);
    let v = json(&out);
    assert_eq!(v["len"], n);
    assert_eq!(v["checksum"], checksum(&pattern(n)));
    // Both ways at once: the body piped back as it arrives.
    require_tool("nghttp");
    let url = format!("http://127.0.0.1:{}/mirror", server.port);
    let got = run_ok(Command::new("nghttp").args(["-t", "50", "-d", file.to_str().unwrap(), &url])).stdout_bytes;
    assert_eq!(got.len(), n);
    assert!(got == pattern(n), "the mirrored body differs");
    server.stop().unwrap();
}

// ----- h2load ----------------------------------------------------------------------------------

fn h2load(url: &str) {
    require_tool("h2load");
    let out = run_ok(Command::new("h2load").args(["-n", "10000", "-c", "10", "-m", "10", url])).stdout;
    let requests = out.lines().find(|l| l.starts_with("requests:")).unwrap_or_else(|| panic!("{out}"));
    assert!(requests.contains("10000 succeeded, 0 failed, 0 errored, 0 timeout"), "{out}");
    let codes = out.lines().find(|l| l.starts_with("status codes:")).unwrap_or_else(|| panic!("{out}"));
    assert!(codes.starts_with("status codes: 10000 2xx"), "{out}");
}

#[test]
fn h2load_ten_thousand_requests_without_failure() {
    let server = start_h2c();
    h2load(&format!("http://127.0.0.1:{}/", server.port));
    server.stop().unwrap();
}

#[test]
fn h2load_over_tls_without_failure() {
    let (server, _certs, _cert) = start_tls();
    h2load(&format!("https://127.0.0.1:{}/", server.port));
    server.stop().unwrap();
}

// ----- Node --------------------------------------------------------------------------------------

#[test]
fn node_client_get_trailers_and_push() {
    let server = start_h2c();
    let url = format!("http://127.0.0.1:{}", server.port);
    let v = json(&run_ok(node("client.js").args(["get", &url, "--path", "/"])).stdout);
    assert_eq!(v["status"], 200);
    assert_eq!(v["body"], "hello from rust");
    assert_eq!(v["headers"]["content-type"], "text/plain");

    let v = json(&run_ok(node("client.js").args(["get", &url, "--path", "/trailers"])).stdout);
    assert_eq!(v["body"], "body");
    assert_eq!(v["trailers"]["abc"], "rust trailer");

    let v = json(&run_ok(node("client.js").args(["get", &url, "--path", "/push"])).stdout);
    assert_eq!(v["body"], "<link rel=stylesheet href=/style.css>main");
    assert_eq!(v["pushes"].as_array().unwrap().len(), 1, "{v}");
    assert_eq!(v["pushes"][0]["path"], "/style.css");
    assert_eq!(v["pushes"][0]["status"], 200);
    assert_eq!(v["pushes"][0]["body"], "body { color: green }");
    server.stop().unwrap();
}

#[test]
fn node_client_over_tls() {
    let (server, _certs, cert) = start_tls();
    let url = format!("https://localhost:{}", server.port);
    let v = json(&run_ok(node("client.js").args(["get", &url, "--ca", cert.to_str().unwrap()])).stdout);
    assert_eq!(v["status"], 200);
    assert_eq!(v["body"], "hello from rust");
    server.stop().unwrap();
}

#[test]
fn node_client_two_hundred_concurrent_streams_on_one_session() {
    let server = start_h2c();
    let url = format!("http://127.0.0.1:{}", server.port);
    let v = json(&run_ok(node("client.js").args(["many", &url, "--streams", "200", "--path", "/big?bytes=20000"])).stdout);
    assert_eq!(v["ok"], 200, "{v}");
    assert_eq!(v["statuses"]["200"], 200, "{v}");
    assert_eq!(v["lens"]["20000"], 200, "{v}");
    server.stop().unwrap();
}

#[test]
fn node_client_large_bodies_both_ways() {
    let server = start_h2c();
    let url = format!("http://127.0.0.1:{}", server.port);
    let n: usize = 8_000_000;
    let v = json(&run_ok(node("client.js").args(["get", &url, "--path", &format!("/big?bytes={n}")])).stdout);
    assert_eq!(v["len"], n);
    assert_eq!(v["checksum"], checksum(&pattern(n)));

    let v = json(&run_ok(node("client.js").args(["get", &url, "--path", "/echo", "--post-bytes", &n.to_string()])).stdout);
    assert_eq!(v["body"], format!(r#"{{"len":{},"checksum":{}}}"#, n, checksum(&pattern(n))));

    let v = json(&run_ok(node("client.js").args(["get", &url, "--path", "/mirror", "--post-bytes", &n.to_string()])).stdout);
    assert_eq!(v["len"], n);
    assert_eq!(v["checksum"], checksum(&pattern(n)));
    server.stop().unwrap();
}

#[test]
fn node_client_that_pauses_reading_gets_every_byte() {
    let server = start_h2c();
    let url = format!("http://127.0.0.1:{}", server.port);
    let n: usize = 6_000_000;
    // The reader pauses after the first chunk for 1.5 s: our writes back up (flow control,
    // then the stream's buffer and 'drain'), and everything arrives after it resumes.
    let v = json(&run_ok(node("client.js").args(["get", &url, "--path", &format!("/big?bytes={n}"), "--pause-ms", "1500"])).stdout);
    assert_eq!(v["len"], n);
    assert_eq!(v["checksum"], checksum(&pattern(n)));
    server.stop().unwrap();
}

#[test]
fn node_client_trailers_big_headers_and_cancels_on_one_session() {
    let server = start_h2c();
    let script = r#"
        const http2 = require('http2');
        const client = http2.connect(process.argv[1]);
        client.on('error', (e) => { console.log('session error', e.code); process.exit(1); });
        const out = [];
        function get(path, headers, body, trailers) {
          return new Promise((resolve) => {
            const req = client.request({ ':path': path, ':method': body ? 'POST' : 'GET', ...headers },
                                       { endStream: !body, waitForTrailers: !!trailers });
            if (trailers) req.on('wantTrailers', () => req.sendTrailers(trailers));
            let data = '';
            req.setEncoding('utf8');
            req.on('data', (d) => { data += d; });
            req.on('end', () => resolve(data));
            req.on('error', (e) => resolve(`error ${e.code}`));
            if (body) req.end(body);
          });
        }
        (async () => {
          out.push(await get('/describe', { 'x-big': 'x'.repeat(40000) }, 'twelve bytes', { 'x-trailer': 'from node' }));
          // Cancel a big download after its first chunk; the session stays usable.
          await new Promise((resolve) => {
            const req = client.request({ ':path': '/big?bytes=8000000' });
            req.once('data', () => req.close(http2.constants.NGHTTP2_CANCEL));
            req.on('close', () => { out.push(`canceled rstCode ${req.rstCode}`); resolve(); });
          });
          out.push(await get('/', {}, null, null));
          console.log(JSON.stringify(out));
          client.close();
        })();
    "#;
    let url = format!("http://127.0.0.1:{}", server.port);
    let out = run_ok(Command::new("node").arg("-e").arg(script).arg(&url)).stdout;
    let v = json(&out);
    assert_eq!(v[0], r#"{"len":12,"trailer":"from node","big":40000}"#);
    assert_eq!(v[1], "canceled rstCode 8");
    assert_eq!(v[2], "hello from rust");
    server.stop().unwrap();
}

#[test]
fn curl_get_and_head_of_a_file() {
    let server = start_h2c();
    let url = format!("http://127.0.0.1:{}/file", server.port);
    let source = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/interop_server.rs")).unwrap();
    let got = curl(&["--http2-prior-knowledge", &url]).stdout_bytes;
    assert!(got == source, "the file differs");
    let head = curl(&["--http2-prior-knowledge", "-I", &url]).stdout;
    assert!(head.starts_with("HTTP/2 200"), "{head}");
    assert!(head.contains(&format!("content-length: {}", source.len())), "{head}");
    assert!(head.contains("x-error: ERR_HTTP2_PAYLOAD_FORBIDDEN"), "{head}");
    server.stop().unwrap();
}
