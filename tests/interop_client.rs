//! Our client (the library, in-process on the test's loop) against other HTTP/2 servers:
//! nghttpd (h2c and TLS: files small and large, 200 concurrent streams on one session, a
//! pushed resource, an 8 MB upload echoed back, a reader that pauses) and Node's http2 server
//! (the same scenarios, plus trailers).

mod common;

use std::cell::{Cell, RefCell};
use std::path::Path;
use std::process::Command;
use std::rc::Rc;

use common::{checksum, node_server, pattern, require_tool, run_loop, temp_dir, write_cert, Background, Checksum};
use http2::prelude::*;
use http2::rt::EventLoop;
use http2::stream::Chunk;
use http2::{headers, ClientHttp2Session, ClientHttp2Stream, ConnectOptions, Error, Headers, RequestOptions};

/// What a request got.
#[derive(Debug, Default)]
struct Response {
    status: Option<u16>,
    headers: Headers,
    /// The body, kept up to 64 KiB (beyond that only its checksum).
    body: Vec<u8>,
    sum: Checksum,
    trailers: Option<Headers>,
    ended: bool,
    error: Option<String>,
    /// Pushed streams: (promised request headers, response).
    pushes: Vec<(Headers, Rc<RefCell<Response>>)>,
}

type Shared = Rc<RefCell<Response>>;

/// Counts open streams and closes the session when the last one is done.
#[derive(Clone)]
struct Pending {
    open: Rc<Cell<usize>>,
    client: ClientHttp2Session,
}

impl Pending {
    fn new(client: &ClientHttp2Session) -> Pending {
        Pending { open: Rc::new(Cell::new(0)), client: client.clone() }
    }
    fn add(&self) {
        self.open.set(self.open.get() + 1);
    }
    fn done(&self) {
        self.open.set(self.open.get() - 1);
        if self.open.get() == 0 {
            self.client.close(None);
        }
    }
}

/// Collects a stream's response into `r`; `pause_ms` pauses reading after the first chunk.
fn collect(stream: &ClientHttp2Stream, r: &Shared, pending: &Pending, pause_ms: Option<u64>, response_event: &'static str) {
    pending.add();
    let r2 = r.clone();
    stream
        .on(response_event, move |h: Headers| {
            let mut r = r2.borrow_mut();
            r.status = h.get(":status").and_then(|s| s.parse().ok());
            r.headers = h;
        })
        .unwrap();
    let r2 = r.clone();
    stream.on("trailers", move |h: Headers| r2.borrow_mut().trailers = Some(h)).unwrap();
    let (r2, s, paused) = (r.clone(), stream.clone(), Cell::new(false));
    stream
        .on("data", move |c: Chunk| {
            let mut r = r2.borrow_mut();
            r.sum.update(&c);
            if r.body.len() < 65536 {
                r.body.extend_from_slice(&c);
            }
            if let Some(ms) = pause_ms {
                if !paused.replace(true) {
                    s.pause();
                    let s = s.clone();
                    http2::rt::set_timeout(move || s.resume(), ms);
                }
            }
        })
        .unwrap();
    let (r2, p) = (r.clone(), pending.clone());
    stream
        .on("end", move || {
            r2.borrow_mut().ended = true;
            p.done();
        })
        .unwrap();
    let (r2, p) = (r.clone(), pending.clone());
    stream
        .on("error", move |e: Error| {
            r2.borrow_mut().error = Some(format!("{e:?}"));
            p.done();
        })
        .unwrap();
}

/// Opens a session to `origin` on `lp` and records pushed streams into `pushes_to`.
fn session(origin: &str, options: ConnectOptions, pushes_to: Option<Shared>) -> (ClientHttp2Session, Pending) {
    let client = http2::connect(origin, options).unwrap();
    client.on("error", |e: Error| -> Result<(), Error> { Err(e) }).unwrap();
    let pending = Pending::new(&client);
    if let Some(parent) = pushes_to {
        let p = pending.clone();
        client
            .on("stream", move |pushed: ClientHttp2Stream, request: Headers| {
                let r: Shared = Default::default();
                collect(&pushed, &r, &p, None, "push");
                parent.borrow_mut().pushes.push((request, r));
            })
            .unwrap();
    }
    (client, pending)
}

/// Sends a request; `body` (if any) is written with backpressure.
fn request(client: &ClientHttp2Session, pending: &Pending, path: &str, body: Option<Rc<Vec<u8>>>, pause_ms: Option<u64>) -> Shared {
    let method = if body.is_some() { "POST" } else { "GET" };
    let req = client.request(headers! { ":method" => method, ":path" => path }, RequestOptions::default()).unwrap();
    let r: Shared = Default::default();
    collect(&req, &r, pending, pause_ms, "response");
    if let Some(body) = body {
        write_all(&req, body);
    }
    r
}

/// Writes `data` in 16 KiB chunks, waiting for `'drain'` when asked, then ends the stream.
fn write_all(stream: &ClientHttp2Stream, data: Rc<Vec<u8>>) {
    let pos = Rc::new(Cell::new(0usize));
    let pump: Rc<dyn Fn()> = {
        let (s, data, pos) = (stream.clone(), data.clone(), pos.clone());
        Rc::new(move || loop {
            let start = pos.get();
            if start >= data.len() {
                s.end();
                return;
            }
            let end = (start + 16 * 1024).min(data.len());
            pos.set(end);
            if !s.write(&data[start..end]) {
                return;
            }
        })
    };
    let p = pump.clone();
    stream.on("drain", move || p()).unwrap();
    pump();
}

/// Runs the loop to completion (destroying `client` if the time limit is reached).
fn run(lp: &EventLoop, client: &ClientHttp2Session) {
    let c = client.clone();
    run_loop(lp, move || c.destroy(None));
}

fn assert_ok(r: &Shared, status: u16) {
    let r = r.borrow();
    assert_eq!(r.error, None);
    assert!(r.ended, "the response did not end: {r:?}");
    assert_eq!(r.status, Some(status), "{r:?}");
}

fn assert_pattern(r: &Shared, n: usize) {
    assert_ok(r, 200);
    let r = r.borrow();
    assert_eq!(r.sum.len, n);
    assert_eq!(r.sum.hash, checksum(&pattern(n)), "the body differs from the pattern");
}

// ----- nghttpd -----------------------------------------------------------------------------------

const STYLE: &str = "body { color: red }\n";

/// A document root: `index.html`, `style.css`, `big.bin` (8 MB of the pattern).
fn htdocs() -> common::TempDir {
    let dir = temp_dir("htdocs");
    std::fs::write(dir.join("index.html"), "<p>hello from nghttpd</p>\n").unwrap();
    std::fs::write(dir.join("style.css"), STYLE).unwrap();
    std::fs::write(dir.join("big.bin"), pattern(8_000_000)).unwrap();
    dir
}

/// Starts nghttpd on a free port serving `dir`: h2c, or TLS with `tls` (its folder holds the
/// certificate).
fn nghttpd(dir: &Path, tls: Option<&Path>, extra: &[&str]) -> (Background, u16) {
    require_tool("nghttpd");
    let port = common::free_port();
    let mut cmd = Command::new("nghttpd");
    cmd.arg("-d").arg(dir).args(extra);
    match tls {
        Some(certs) => {
            cmd.arg(port.to_string()).arg(certs.join("server-key.pem")).arg(certs.join("server-cert.pem"));
        }
        None => {
            cmd.arg("--no-tls").arg(port.to_string());
        }
    }
    let mut bg = Background::spawn(&mut cmd);
    bg.wait_for_port(port);
    (bg, port)
}

#[test]
fn nghttpd_small_and_large_files_on_one_session() {
    let dir = htdocs();
    let (_server, port) = nghttpd(&dir, None, &[]);
    let lp = EventLoop::new().unwrap();
    let (client, small, big) = lp.enter(|| {
        let (client, pending) = session(&format!("http://localhost:{port}"), ConnectOptions::default(), None);
        let small = request(&client, &pending, "/index.html", None, None);
        let big = request(&client, &pending, "/big.bin", None, None);
        (client, small, big)
    });
    run(&lp, &client);
    assert_ok(&small, 200);
    assert_eq!(small.borrow().body, b"<p>hello from nghttpd</p>\n");
    assert_pattern(&big, 8_000_000);
    assert_eq!(big.borrow().headers.get("content-length"), Some("8000000"));
}

#[test]
fn nghttpd_two_hundred_concurrent_streams_on_one_session() {
    let dir = htdocs();
    let (_server, port) = nghttpd(&dir, None, &[]);
    let lp = EventLoop::new().unwrap();
    let (client, responses) = lp.enter(|| {
        let (client, pending) = session(&format!("http://localhost:{port}"), ConnectOptions::default(), None);
        // nghttpd allows 100 concurrent streams: the rest wait for a slot.
        let responses: Vec<Shared> = (0..200).map(|i| request(&client, &pending, if i % 2 == 0 { "/index.html" } else { "/style.css" }, None, None)).collect();
        (client, responses)
    });
    run(&lp, &client);
    for (i, r) in responses.iter().enumerate() {
        assert_ok(r, 200);
        let want: &[u8] = if i % 2 == 0 { b"<p>hello from nghttpd</p>\n" } else { STYLE.as_bytes() };
        assert_eq!(r.borrow().body, want, "stream {i}");
    }
}

#[test]
fn nghttpd_pushed_stream_reaches_the_client() {
    let dir = htdocs();
    let (_server, port) = nghttpd(&dir, None, &["-p/index.html=/style.css"]);
    let lp = EventLoop::new().unwrap();
    let main: Shared = Default::default();
    let (client, page) = lp.enter(|| {
        let (client, pending) = session(&format!("http://localhost:{port}"), ConnectOptions::default(), Some(main.clone()));
        let page = request(&client, &pending, "/index.html", None, None);
        (client, page)
    });
    run(&lp, &client);
    assert_ok(&page, 200);
    let main = main.borrow();
    assert_eq!(main.pushes.len(), 1, "one pushed stream");
    let (request, pushed) = &main.pushes[0];
    assert_eq!(request.get(":path"), Some("/style.css"));
    assert_eq!(request.get(":method"), Some("GET"));
    assert_ok(pushed, 200);
    assert_eq!(pushed.borrow().body, STYLE.as_bytes());
}

#[test]
fn nghttpd_echoes_an_eight_megabyte_upload() {
    let dir = htdocs();
    let (_server, port) = nghttpd(&dir, None, &["--echo-upload"]);
    let n = 8_000_000;
    let lp = EventLoop::new().unwrap();
    let (client, r) = lp.enter(|| {
        let (client, pending) = session(&format!("http://localhost:{port}"), ConnectOptions::default(), None);
        let r = request(&client, &pending, "/echo", Some(Rc::new(pattern(n))), None);
        (client, r)
    });
    run(&lp, &client);
    assert_pattern(&r, n);
}

#[test]
fn nghttpd_to_a_client_that_pauses_reading() {
    let dir = htdocs();
    let (_server, port) = nghttpd(&dir, None, &[]);
    let lp = EventLoop::new().unwrap();
    let (client, big, small) = lp.enter(|| {
        let (client, pending) = session(&format!("http://localhost:{port}"), ConnectOptions::default(), None);
        let big = request(&client, &pending, "/big.bin", None, Some(1000));
        // Another stream on the session is not blocked by the paused one.
        let small = request(&client, &pending, "/index.html", None, None);
        (client, big, small)
    });
    run(&lp, &client);
    assert_pattern(&big, 8_000_000);
    assert_ok(&small, 200);
}

#[test]
fn nghttpd_over_tls() {
    let dir = htdocs();
    let certs = temp_dir("nghttpd-certs");
    let (cert, _key) = write_cert(&certs);
    let (_server, port) = nghttpd(&dir, Some(&certs), &[]);
    let lp = EventLoop::new().unwrap();
    let options = ConnectOptions { ca: Some(std::fs::read(&cert).unwrap()), ..Default::default() };
    let (client, small, big) = lp.enter(|| {
        let (client, pending) = session(&format!("https://localhost:{port}"), options, None);
        let small = request(&client, &pending, "/index.html", None, None);
        let big = request(&client, &pending, "/big.bin", None, None);
        (client, small, big)
    });
    run(&lp, &client);
    assert_ok(&small, 200);
    assert_eq!(small.borrow().body, b"<p>hello from nghttpd</p>\n");
    assert_pattern(&big, 8_000_000);
}

// ----- Node --------------------------------------------------------------------------------------

#[test]
fn node_server_hello_trailers_and_push() {
    let (_server, port) = node_server(&[]);
    let lp = EventLoop::new().unwrap();
    let main: Shared = Default::default();
    let (client, hello, trailers, push) = lp.enter(|| {
        let (client, pending) = session(&format!("http://localhost:{port}"), ConnectOptions::default(), Some(main.clone()));
        let hello = request(&client, &pending, "/", None, None);
        let trailers = request(&client, &pending, "/trailers", None, None);
        let push = request(&client, &pending, "/push", None, None);
        (client, hello, trailers, push)
    });
    run(&lp, &client);
    assert_ok(&hello, 200);
    assert_eq!(hello.borrow().body, b"hello from node");
    assert_ok(&trailers, 200);
    assert_eq!(trailers.borrow().body, b"body");
    assert_eq!(trailers.borrow().trailers.as_ref().and_then(|t| t.get("abc").map(str::to_string)).as_deref(), Some("node trailer"));
    assert_ok(&push, 200);
    assert_eq!(push.borrow().body, b"main");
    let main = main.borrow();
    assert_eq!(main.pushes.len(), 1);
    let (request, pushed) = &main.pushes[0];
    assert_eq!(request.get(":path"), Some("/pushed.txt"));
    assert_ok(pushed, 200);
    assert_eq!(pushed.borrow().body, b"pushed by node");
}

#[test]
fn node_server_large_bodies_both_ways() {
    let (_server, port) = node_server(&[]);
    let n = 8_000_000;
    let lp = EventLoop::new().unwrap();
    let (client, down, up) = lp.enter(|| {
        let (client, pending) = session(&format!("http://localhost:{port}"), ConnectOptions::default(), None);
        let down = request(&client, &pending, &format!("/big?bytes={n}"), None, None);
        let up = request(&client, &pending, "/echo", Some(Rc::new(pattern(n))), None);
        (client, down, up)
    });
    run(&lp, &client);
    assert_pattern(&down, n);
    assert_ok(&up, 200);
    let body: serde_json::Value = serde_json::from_slice(&up.borrow().body).unwrap();
    assert_eq!(body["len"], n);
    assert_eq!(body["checksum"], checksum(&pattern(n)));
}

#[test]
fn node_server_to_a_client_that_pauses_reading() {
    let (_server, port) = node_server(&[]);
    let n = 6_000_000;
    let lp = EventLoop::new().unwrap();
    let (client, r) = lp.enter(|| {
        let (client, pending) = session(&format!("http://localhost:{port}"), ConnectOptions::default(), None);
        let r = request(&client, &pending, &format!("/big?bytes={n}"), None, Some(1500));
        (client, r)
    });
    run(&lp, &client);
    assert_pattern(&r, n);
}

#[test]
fn node_server_two_hundred_concurrent_streams_over_tls() {
    let certs = temp_dir("node-certs");
    let (cert, key) = write_cert(&certs);
    let (_server, port) = node_server(&["--cert", cert.to_str().unwrap(), "--key", key.to_str().unwrap()]);
    let lp = EventLoop::new().unwrap();
    let options = ConnectOptions { ca: Some(std::fs::read(&cert).unwrap()), ..Default::default() };
    let (client, responses) = lp.enter(|| {
        let (client, pending) = session(&format!("https://localhost:{port}"), options, None);
        let responses: Vec<Shared> = (0..200).map(|i| request(&client, &pending, &format!("/big?bytes={}", 1000 + i), None, None)).collect();
        (client, responses)
    });
    run(&lp, &client);
    for (i, r) in responses.iter().enumerate() {
        assert_pattern(r, 1000 + i);
    }
}

#[test]
fn a_refused_connection_cancels_the_pending_request_as_node_does() {
    let port = common::free_port();
    // What Node 20 reports for the same program.
    let script = r#"
        const http2 = require('http2');
        const c = http2.connect(process.argv[1]);
        c.on('error', (e) => console.log(`session ${e.code}: ${e.message}`));
        const r = c.request({ ':path': '/' });
        r.on('error', (e) => console.log(`stream ${e.code}: ${e.message}`));
        r.on('close', () => console.log('stream close'));
        c.on('close', () => console.log('session close'));
    "#;
    let url = format!("http://127.0.0.1:{port}");
    let node_out = common::run_ok(Command::new("node").arg("-e").arg(script).arg(&url)).stdout;

    let log = Rc::new(RefCell::new(String::new()));
    let lp = EventLoop::new().unwrap();
    let client = lp.enter(|| {
        let client = http2::connect(&url, ConnectOptions::default()).unwrap();
        let l = log.clone();
        client.on("error", move |e: Error| l.borrow_mut().push_str(&format!("session {}: {}\n", e.code(), e.message()))).unwrap();
        let r = client.request(headers! { ":path" => "/" }, RequestOptions::default()).unwrap();
        let l = log.clone();
        r.on("error", move |e: Error| l.borrow_mut().push_str(&format!("stream {}: {}\n", e.code(), e.message()))).unwrap();
        let l = log.clone();
        r.on("close", move || l.borrow_mut().push_str("stream close\n")).unwrap();
        let l = log.clone();
        client.on("close", move || l.borrow_mut().push_str("session close\n")).unwrap();
        client
    });
    run(&lp, &client);
    assert_eq!(*log.borrow(), node_out);
}

/// Starts a Node script (given the port as its argument) and waits until it listens.
fn node_inline_server(script: &str) -> (Background, u16) {
    require_tool("node");
    let port = common::free_port();
    let mut cmd = Command::new("node");
    cmd.arg("-e").arg(script).arg(port.to_string());
    let mut bg = Background::spawn(&mut cmd);
    bg.wait_for_port(port);
    (bg, port)
}

#[test]
fn node_server_request_trailers_informational_headers_refused_stream_and_large_headers() {
    let (server, port) = node_inline_server(
        r#"
        const http2 = require('http2');
        const server = http2.createServer();
        server.on('stream', (stream, headers) => {
          stream.on('error', () => {});
          switch (headers[':path']) {
            case '/upload': {
              let n = 0;
              stream.on('data', (d) => { n += d.length; });
              stream.on('trailers', (t) => console.log(`trailers ${JSON.stringify(t)}`));
              stream.on('end', () => { stream.respond({ ':status': 200 }); stream.end(`received ${n}`); });
              break;
            }
            case '/info':
              stream.additionalHeaders({ ':status': 103, link: '</a.css>; rel=preload' });
              stream.respond({ ':status': 200 });
              stream.end('after info');
              break;
            case '/refuse':
              stream.close(http2.constants.NGHTTP2_REFUSED_STREAM);
              break;
            case '/big-header':
              stream.respond({ ':status': 200, 'x-big': 'b'.repeat(40000) });
              stream.end('ok');
              break;
          }
        });
        server.listen(Number(process.argv[1]), '127.0.0.1');
        "#,
    );
    let lp = EventLoop::new().unwrap();
    let informational = Rc::new(RefCell::new(Vec::<Headers>::new()));
    let (client, upload, info, refused, big) = lp.enter(|| {
        let (client, pending) = session(&format!("http://localhost:{port}"), ConnectOptions::default(), None);
        // A POST whose trailers come from getTrailers.
        let options = RequestOptions {
            get_trailers: Some(Rc::new(|t: &mut Headers| {
                t.set("x-checksum", "from-rust");
            })),
            ..Default::default()
        };
        let req = client.request(headers! { ":method" => "POST", ":path" => "/upload", "x-big-request" => "r".repeat(30000) }, options).unwrap();
        let upload: Shared = Default::default();
        collect(&req, &upload, &pending, None, "response");
        req.write("upload ");
        req.end_with("body");
        // 1xx headers arrive as 'headers' before 'response'.
        let info_req = client.request(headers! { ":path" => "/info" }, RequestOptions::default()).unwrap();
        let i = informational.clone();
        info_req.on("headers", move |h: Headers| i.borrow_mut().push(h)).unwrap();
        let info: Shared = Default::default();
        collect(&info_req, &info, &pending, None, "response");
        let refused = request(&client, &pending, "/refuse", None, None);
        let big = request(&client, &pending, "/big-header", None, None);
        (client, upload, info, refused, big)
    });
    run(&lp, &client);
    assert_ok(&upload, 200);
    assert_eq!(upload.borrow().body, b"received 11");
    assert_ok(&info, 200);
    assert_eq!(info.borrow().body, b"after info");
    let informational = informational.borrow();
    assert_eq!(informational.len(), 1);
    assert_eq!(informational[0].get(":status"), Some("103"));
    assert_eq!(informational[0].get("link"), Some("</a.css>; rel=preload"));
    assert_eq!(refused.borrow().error.as_deref(), Some("Error [ERR_HTTP2_STREAM_ERROR]: Stream closed with error code NGHTTP2_REFUSED_STREAM"));
    assert_ok(&big, 200);
    assert_eq!(big.borrow().headers.get("x-big").map(str::len), Some(40000));
    let out = server.stop().stdout;
    assert_eq!(out.trim(), r#"trailers {"x-checksum":"from-rust"}"#);
}
