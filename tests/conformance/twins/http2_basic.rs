//! Rust twins of the HTTP/2 lifecycle scenarios (`http2_*.js`): each prints, line for line,
//! what its Node script prints. Each side's events are collected apart and printed at the end
//! (server, then client), as the scripts do.

use std::cell::RefCell;
use std::rc::Rc;

use http2::prelude::*;
use http2::rt::EventLoop;
use http2::stream::Chunk;
use http2::{connect, create_server, headers, ClientHttp2Session, ConnectOptions, Headers, Http2Server, RequestOptions, RespondOptions, ServerHttp2Session, ServerHttp2Stream, ServerOptions};

use crate::trace::Trace;

/// One side's lines.
#[derive(Clone, Default)]
pub struct Lines(Rc<RefCell<Vec<String>>>, Rc<std::cell::Cell<bool>>);

impl Lines {
    pub fn push(&self, s: impl Into<String>) {
        self.0.borrow_mut().push(s.into());
    }

    /// `_h2.js`'s `lines.byNumber = true`: printed ordered by each line's leading number.
    pub fn by_number(&self) {
        self.1.set(true);
    }

    fn printed(&self) -> Vec<String> {
        let mut lines = self.0.borrow().clone();
        if self.1.get() {
            let num = |l: &String| l.split(' ').next().and_then(|n| n.parse::<i64>().ok()).unwrap_or(0);
            lines.sort_by_key(num); // stable, as Array.prototype.sort
        }
        lines
    }
}

/// Prints both sides when the server closes, as the scripts do.
pub fn print_on_close(t: &Trace, server: &Http2Server, s: &Lines, c: &Lines) {
    let (t, s, c) = (t.clone(), s.clone(), c.clone());
    server.on("close", move || print_lines(&t, &s, &c)).unwrap();
}

/// `_h2.js`'s `run`: a server (set up by `on_server`) and a client (driven by `on_client`)
/// in one loop; each side's lines printed at the end — when the server closes, or when the
/// client session closes (`print_on_client_close`).
pub fn run(
    t: &Trace,
    options: ServerOptions,
    on_server: impl FnOnce(&Http2Server, &Lines),
    on_client: impl Fn(ClientHttp2Session, &Lines) + 'static,
    client_options: ConnectOptions,
    print_on_client_close: bool,
) {
    let lp = EventLoop::new().unwrap();
    let (s, c) = (Lines::default(), Lines::default());
    lp.enter(|| {
        let server = create_server(options).unwrap();
        if !print_on_client_close {
            print_on_close(t, &server, &s, &c);
        }
        on_server(&server, &s);
        let srv = server.clone();
        let (t, s2, c2) = (t.clone(), s.clone(), c.clone());
        server
            .listen(0, "localhost", Some(move || {
                let port = srv.address().unwrap().port;
                let client = connect(&format!("http://localhost:{port}"), client_options.clone()).unwrap();
                let (srv2, t2, s3, c3) = (srv.clone(), t.clone(), s2.clone(), c2.clone());
                client
                    .on("close", move || {
                        if print_on_client_close {
                            print_lines(&t2, &s3, &c3);
                        }
                        srv2.close(None);
                    })
                    .unwrap();
                on_client(client, &c2);
            }))
            .unwrap();
    });
    lp.run().unwrap();
}

fn print_lines(t: &Trace, s: &Lines, c: &Lines) {
    t.line("server:");
    for l in s.printed() {
        t.line(l);
    }
    t.line("client:");
    for l in c.printed() {
        t.line(l);
    }
}

/// Starts `server` on a free port and calls `client` with a session connected to it.
pub fn with_client(server: &Http2Server, client: impl Fn(ClientHttp2Session) + 'static) {
    let s = server.clone();
    server
        .listen(0, "localhost", Some(move || {
            let port = s.address().unwrap().port;
            client(connect(&format!("http://localhost:{port}"), ConnectOptions::default()).unwrap());
        }))
        .unwrap();
}

/// SES-3, SES-9, SRV-1, CST-3, STR-3: one GET, every event of each side in order.
pub fn http2_request_response(t: &Trace) {
    let lp = EventLoop::new().unwrap();
    let (s, c) = (Lines::default(), Lines::default());
    lp.enter(|| {
        let server = create_server(ServerOptions::default()).unwrap();
        let s1 = s.clone();
        server
            .on("session", move |session: ServerHttp2Session| {
                s1.push("session");
                let s2 = s1.clone();
                session.on("connect", move || s2.push("session connect")).unwrap();
                let s2 = s1.clone();
                session.on("close", move || s2.push("session close")).unwrap();
            })
            .unwrap();
        let s1 = s.clone();
        server
            .on("stream", move |stream: ServerHttp2Stream, h: Headers, flags: u32| {
                s1.push(format!("stream {} {} flags {}", h.get(":method").unwrap_or(""), h.get(":path").unwrap_or(""), flags));
                for e in ["end", "finish", "close", "aborted"] {
                    let s2 = s1.clone();
                    stream.on(e, move || s2.push(format!("stream {e}"))).unwrap();
                }
                stream.respond(headers! { ":status" => 200, "content-type" => "text/plain" }, RespondOptions::default()).unwrap();
                stream.end_with("hello");
            })
            .unwrap();
        print_on_close(t, &server, &s, &c);
        let srv = server.clone();
        let c = c.clone();
        with_client(&server, move |client| {
            let c1 = c.clone();
            client.on("connect", move || c1.push("connect")).unwrap();
            let (c1, srv) = (c.clone(), srv.clone());
            client
                .on("close", move || {
                    c1.push("close");
                    srv.close(None);
                })
                .unwrap();
            let req = client.request(headers! { ":path" => "/x" }, RequestOptions::default()).unwrap();
            c.push(format!("request id {}", req.id().map_or("undefined".to_string(), |i| i.to_string())));
            let (c1, r) = (c.clone(), req.clone());
            req.on("ready", move || c1.push(format!("stream ready id {}", r.id().unwrap_or(0)))).unwrap();
            let c1 = c.clone();
            req.on("response", move |h: Headers, flags: u32| c1.push(format!("stream response {} flags {}", h.get(":status").unwrap_or(""), flags))).unwrap();
            req.set_encoding("utf8").unwrap();
            let c1 = c.clone();
            req.on("data", move |d: Chunk| c1.push(format!("stream data {d}"))).unwrap();
            for e in ["end", "finish", "aborted"] {
                let c1 = c.clone();
                req.on(e, move || c1.push(format!("stream {e}"))).unwrap();
            }
            let (c1, r, cl) = (c.clone(), req.clone(), client.clone());
            req.on("close", move || {
                c1.push(format!("stream close rstCode {}", r.rst_code().unwrap_or(0)));
                cl.close(None);
            })
            .unwrap();
        });
    });
    lp.run().unwrap();
}
