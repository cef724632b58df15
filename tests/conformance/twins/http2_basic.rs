//! Rust twins of the HTTP/2 lifecycle scenarios (`http2_*.js`): each prints, line for line,
//! what its Node script prints.

use http2::prelude::*;
use http2::rt::EventLoop;
use http2::stream::Chunk;
use http2::{connect, create_server, headers, ConnectOptions, Headers, RequestOptions, RespondOptions, ServerHttp2Session, ServerHttp2Stream, ServerOptions};

use super::Trace;

/// SES-3, SES-9, SRV-1, CST-3, STR-3: one GET, every event on both sides, in order.
pub fn http2_request_response(t: &Trace) {
    let lp = EventLoop::new().unwrap();
    lp.enter(|| {
        let server = create_server(ServerOptions::default()).unwrap();
        let t1 = t.clone();
        server
            .on("session", move |s: ServerHttp2Session| {
                t1.line("server session");
                for e in ["connect", "remoteSettings", "localSettings", "close"] {
                    let t = t1.clone();
                    match e {
                        "remoteSettings" | "localSettings" => s.on(e, move |_: http2::Settings| t.line(format!("server-session {e}"))).unwrap(),
                        "connect" => s.on(e, move || t.line(format!("server-session {e}"))).unwrap(),
                        _ => s.on(e, move || t.line(format!("server-session {e}"))).unwrap(),
                    };
                }
            })
            .unwrap();
        let t2 = t.clone();
        server
            .on("stream", move |stream: ServerHttp2Stream, h: Headers, flags: u32| {
                t2.line(format!("server stream {} {} flags {}", h.get(":method").unwrap_or(""), h.get(":path").unwrap_or(""), flags));
                for e in ["end", "finish", "close", "aborted"] {
                    let t = t2.clone();
                    stream.on(e, move || t.line(format!("server-stream {e}"))).unwrap();
                }
                stream.respond(headers! { ":status" => 200, "content-type" => "text/plain" }, RespondOptions::default()).unwrap();
                stream.end_with("hello");
            })
            .unwrap();
        let (t3, s3) = (t.clone(), server.clone());
        server
            .listen(0, "localhost", Some(move || {
                let t = t3.clone();
                let port = s3.address().unwrap().port;
                let client = connect(&format!("http://localhost:{port}"), ConnectOptions::default()).unwrap();
                let tc = t.clone();
                client.on("connect", move || tc.line("client connect")).unwrap();
                let tc = t.clone();
                client.on("remoteSettings", move |_: http2::Settings| tc.line("client remoteSettings")).unwrap();
                let tc = t.clone();
                client.on("localSettings", move |_: http2::Settings| tc.line("client localSettings")).unwrap();
                let (tc, sc) = (t.clone(), s3.clone());
                client
                    .on("close", move || {
                        tc.line("client close");
                        sc.close(None);
                    })
                    .unwrap();
                let req = client.request(headers! { ":path" => "/x" }, RequestOptions::default()).unwrap();
                t.line(format!("request id {}", req.id().map(|i| i.to_string()).unwrap_or_default()));
                let (tc, r) = (t.clone(), req.clone());
                req.on("ready", move || tc.line(format!("client-stream ready id {}", r.id().unwrap_or(0)))).unwrap();
                let tc = t.clone();
                req.on("response", move |h: Headers, flags: u32| tc.line(format!("client-stream response {} flags {}", h.get(":status").unwrap_or(""), flags))).unwrap();
                req.set_encoding("utf8").unwrap();
                let tc = t.clone();
                req.on("data", move |d: Chunk| tc.line(format!("client-stream data {d}"))).unwrap();
                for e in ["end", "finish"] {
                    let tc = t.clone();
                    req.on(e, move || tc.line(format!("client-stream {e}"))).unwrap();
                }
                let (tc, r, c) = (t.clone(), req.clone(), client.clone());
                req.on("close", move || {
                    tc.line(format!("client-stream close rstCode {}", r.rst_code().unwrap_or(0)));
                    c.close(None);
                })
                .unwrap();
            }))
            .unwrap();
    });
    lp.run().unwrap();
}
