//! Twins of the stream and session lifecycle scenarios: bodies, resets with each code,
//! cancel, destroy, GOAWAY from either side.

use http2::prelude::*;
use http2::stream::Chunk;
use http2::{headers, ConnectOptions, Error, Headers, Http2Server, RequestOptions, RespondOptions, ServerHttp2Session, ServerHttp2Stream, ServerOptions};

use super::http2_basic::{run, Lines};
use crate::trace::Trace;

fn rst(s: &http2::Http2Stream) -> u32 {
    s.rst_code().unwrap_or(0)
}

/// SES-9, SES-14, STR-*: a POST with a body in two writes; the server reads it and answers.
pub fn http2_post_body(t: &Trace) {
    run(
        t,
        ServerOptions::default(),
        |server: &Http2Server, s: &Lines| {
            let s = s.clone();
            server
                .on("stream", move |stream: ServerHttp2Stream, h: Headers, flags: u32| {
                    s.push(format!("stream {} flags {flags}", h.get(":method").unwrap_or("")));
                    let body = std::rc::Rc::new(std::cell::RefCell::new(String::new()));
                    stream.set_encoding("utf8").unwrap();
                    let b = body.clone();
                    stream.on("data", move |d: Chunk| b.borrow_mut().push_str(&d.as_str())).unwrap();
                    let (s1, st) = (s.clone(), stream.clone());
                    stream
                        .on("end", move || {
                            s1.push(format!("stream end body {}", body.borrow()));
                            st.respond(headers! { ":status" => 201 }, RespondOptions::default()).unwrap();
                            st.end_with(format!("got {}", body.borrow().len()));
                        })
                        .unwrap();
                    let s1 = s.clone();
                    stream.on("finish", move || s1.push("stream finish")).unwrap();
                    let (s1, st) = (s.clone(), stream.clone());
                    stream.on("close", move || s1.push(format!("stream close rstCode {}", rst(&st)))).unwrap();
                })
                .unwrap();
        },
        |client, c| {
            let req = client.request(headers! { ":method" => "POST", ":path" => "/upload" }, RequestOptions::default()).unwrap();
            req.write("abc");
            req.end_with("def");
            let c1 = c.clone();
            req.on("response", move |h: Headers| c1.push(format!("response {}", h.get(":status").unwrap_or("")))).unwrap();
            req.set_encoding("utf8").unwrap();
            let c1 = c.clone();
            req.on("data", move |d: Chunk| c1.push(format!("data {d}"))).unwrap();
            for e in ["end", "finish"] {
                let c1 = c.clone();
                req.on(e, move || c1.push(e)).unwrap();
            }
            let (c1, r, cl) = (c.clone(), req.clone(), client.clone());
            req.on("close", move || {
                c1.push(format!("close rstCode {}", rst(&r)));
                cl.close(None);
            })
            .unwrap();
        },
        ConnectOptions::default(),
        false,
    );
}

/// SES-15, STR-3, STR-5, STR-12: the server resets five streams, one per code.
pub fn http2_rst_codes(t: &Trace) {
    run(
        t,
        ServerOptions::default(),
        |server, s| {
            s.by_number(); // the server's streams interleave by timing
            let s = s.clone();
            server
                .on("stream", move |stream: ServerHttp2Stream, h: Headers| {
                    let c: u32 = h.get("x-code").and_then(|v| v.parse().ok()).unwrap_or(0);
                    let s1 = s.clone();
                    stream.on("aborted", move || s1.push(format!("{c} aborted"))).unwrap();
                    let s1 = s.clone();
                    stream.on("error", move |e: Error| s1.push(format!("{c} error {}", e.code()))).unwrap();
                    let (s1, st) = (s.clone(), stream.clone());
                    stream.on("close", move || s1.push(format!("{c} close rstCode {}", rst(&st)))).unwrap();
                    stream.rst_stream(c).unwrap();
                })
                .unwrap();
        },
        |client, c| {
            let open = std::rc::Rc::new(std::cell::Cell::new(5));
            for code in [0u32, 1, 2, 7, 8] {
                let req = client.request(headers! { ":path" => "/", "x-code" => code }, RequestOptions::default()).unwrap();
                let c1 = c.clone();
                req.on("response", move || c1.push(format!("{code} response"))).unwrap();
                let c1 = c.clone();
                req.on("aborted", move || c1.push(format!("{code} aborted"))).unwrap();
                let c1 = c.clone();
                req.on("error", move |e: Error| c1.push(format!("{code} error {} {}", e.code(), e.message()))).unwrap();
                let c1 = c.clone();
                req.on("end", move || c1.push(format!("{code} end"))).unwrap();
                let (c1, r, cl, o) = (c.clone(), req.clone(), client.clone(), open.clone());
                req.on("close", move || {
                    c1.push(format!("{code} close rstCode {}", rst(&r)));
                    o.set(o.get() - 1);
                    if o.get() == 0 {
                        cl.close(None);
                    }
                })
                .unwrap();
                req.resume();
            }
        },
        ConnectOptions::default(),
        false,
    );
}

/// STR-4, STR-12, SES-15: the client cancels a request whose response is still open.
pub fn http2_client_cancel(t: &Trace) {
    run(
        t,
        ServerOptions::default(),
        |server, s| {
            let s = s.clone();
            server
                .on("stream", move |stream: ServerHttp2Stream| {
                    stream.respond(headers! { ":status" => 200 }, RespondOptions::default()).unwrap();
                    stream.write("partial");
                    let s1 = s.clone();
                    stream.on("aborted", move || s1.push("aborted")).unwrap();
                    let s1 = s.clone();
                    stream.on("error", move |e: Error| s1.push(format!("error {}", e.code()))).unwrap();
                    let (s1, st) = (s.clone(), stream.clone());
                    stream.on("close", move || s1.push(format!("close rstCode {} aborted {}", rst(&st), st.aborted()))).unwrap();
                })
                .unwrap();
        },
        |client, c| {
            let req = client.request(headers! { ":path" => "/" }, RequestOptions::default()).unwrap();
            let (c1, r) = (c.clone(), req.clone());
            req.on("response", move || {
                c1.push("response");
                r.rst_stream(8).unwrap();
            })
            .unwrap();
            let c1 = c.clone();
            req.on("aborted", move || c1.push("aborted")).unwrap();
            let c1 = c.clone();
            req.on("error", move |e: Error| c1.push(format!("error {}", e.code()))).unwrap();
            let (c1, r, cl) = (c.clone(), req.clone(), client.clone());
            req.on("close", move || {
                c1.push(format!("close rstCode {}", rst(&r)));
                cl.close(None);
            })
            .unwrap();
            req.resume();
        },
        ConnectOptions::default(),
        false,
    );
}

/// STR-3, STR-5: the server destroys one stream without an error and one with an error.
pub fn http2_stream_destroy(t: &Trace) {
    run(
        t,
        ServerOptions::default(),
        |server, s| {
            let s = s.clone();
            server
                .on("stream", move |stream: ServerHttp2Stream, h: Headers| {
                    let name = h.get(":path").unwrap_or("").to_string();
                    let (s1, n) = (s.clone(), name.clone());
                    stream.on("error", move |e: Error| s1.push(format!("{n} error {}", e.message()))).unwrap();
                    let (s1, n, st) = (s.clone(), name.clone(), stream.clone());
                    stream.on("close", move || s1.push(format!("{n} close rstCode {} destroyed {}", rst(&st), st.destroyed()))).unwrap();
                    if name == "/plain" {
                        stream.destroy(None);
                    } else {
                        stream.destroy(Some(Error::new("ERR_TEST", "boom")));
                    }
                })
                .unwrap();
        },
        |client, c| {
            let open = std::rc::Rc::new(std::cell::Cell::new(2));
            for p in ["/plain", "/error"] {
                let req = client.request(headers! { ":path" => p }, RequestOptions::default()).unwrap();
                let c1 = c.clone();
                req.on("error", move |e: Error| c1.push(format!("{p} error {}", e.code()))).unwrap();
                let (c1, r, cl, o) = (c.clone(), req.clone(), client.clone(), open.clone());
                req.on("close", move || {
                    c1.push(format!("{p} close rstCode {}", rst(&r)));
                    o.set(o.get() - 1);
                    if o.get() == 0 {
                        cl.close(None);
                    }
                })
                .unwrap();
                req.resume();
            }
        },
        ConnectOptions::default(),
        false,
    );
}

/// SES-2, SES-4, SES-12: the client destroys its session with an error while a request is open.
pub fn http2_session_destroy(t: &Trace) {
    run(
        t,
        ServerOptions::default(),
        |server, s| {
            let s1 = s.clone();
            server
                .on("session", move |session: ServerHttp2Session| {
                    let s2 = s1.clone();
                    session.on("error", move |e: Error| s2.push(format!("session error {}", e.code()))).unwrap();
                    let s2 = s1.clone();
                    session.on("close", move || s2.push("session close")).unwrap();
                })
                .unwrap();
            let s = s.clone();
            server
                .on("stream", move |stream: ServerHttp2Stream| {
                    s.push("stream");
                    stream.respond(headers! { ":status" => 200 }, RespondOptions::default()).unwrap();
                    stream.write("x");
                    let s1 = s.clone();
                    stream.on("aborted", move || s1.push("stream aborted")).unwrap();
                    let s1 = s.clone();
                    stream.on("error", move |e: Error| s1.push(format!("stream error {}", e.code()))).unwrap();
                    let (s1, st) = (s.clone(), stream.clone());
                    stream.on("close", move || s1.push(format!("stream close rstCode {}", rst(&st)))).unwrap();
                })
                .unwrap();
        },
        |client, c| {
            let c1 = c.clone();
            client.on("error", move |e: Error| c1.push(format!("session error {}", e.message()))).unwrap();
            let (c1, cl) = (c.clone(), client.clone());
            client.on("close", move || c1.push(format!("session close destroyed {}", cl.destroyed()))).unwrap();
            let req = client.request(headers! { ":path" => "/" }, RequestOptions::default()).unwrap();
            let c1 = c.clone();
            req.on("error", move |e: Error| c1.push(format!("stream error Error: {}", e.message()))).unwrap();
            let (c1, r) = (c.clone(), req.clone());
            req.on("close", move || c1.push(format!("stream close rstCode {}", rst(&r)))).unwrap();
            let (c1, cl) = (c.clone(), client.clone());
            req.on("data", move |_: Chunk| {
                c1.push("data");
                cl.destroy(Some(Error::new("ERR_TEST", "bye")));
            })
            .unwrap();
        },
        ConnectOptions::default(),
        false,
    );
}

/// SES-6, SES-17: the server sends GOAWAY with an error code and debug data.
pub fn http2_goaway_from_server(t: &Trace) {
    run(
        t,
        ServerOptions::default(),
        |server, _s| {
            server
                .on("stream", move |stream: ServerHttp2Stream| {
                    stream.respond(headers! { ":status" => 200 }, RespondOptions::default()).unwrap();
                    let st = stream.clone();
                    stream.end_with_callback(Some(bytes::Bytes::from_static(b"ok")), move |_| {
                        if let Some(session) = st.session() {
                            session.send_goaway(2, Some(1), b"tired").unwrap();
                        }
                    });
                })
                .unwrap();
        },
        |client, c| {
            let c1 = c.clone();
            client.on("goaway", move |code: u32, last: u32, data: bytes::Bytes| c1.push(format!("goaway {code} {last} {}", String::from_utf8_lossy(&data)))).unwrap();
            let c1 = c.clone();
            client.on("error", move |e: Error| c1.push(format!("error {} {}", e.code(), e.message()))).unwrap();
            let c1 = c.clone();
            client.on("close", move || c1.push("close")).unwrap();
            let req = client.request(headers! { ":path" => "/" }, RequestOptions::default()).unwrap();
            req.resume();
            let c1 = c.clone();
            req.on("end", move || c1.push("stream end")).unwrap();
            let (c1, r) = (c.clone(), req.clone());
            req.on("close", move || c1.push(format!("stream close rstCode {}", rst(&r)))).unwrap();
        },
        ConnectOptions::default(),
        true,
    );
}

/// SES-6: the client closes its session after a request; the server session sees 'goaway'.
pub fn http2_goaway_from_client(t: &Trace) {
    run(
        t,
        ServerOptions::default(),
        |server, s| {
            let s1 = s.clone();
            server
                .on("session", move |session: ServerHttp2Session| {
                    let s2 = s1.clone();
                    session.on("goaway", move |c: u32, last: u32| s2.push(format!("goaway {c} {last}"))).unwrap();
                    let s2 = s1.clone();
                    session.on("close", move || s2.push("session close")).unwrap();
                })
                .unwrap();
            server
                .on("stream", |stream: ServerHttp2Stream| {
                    stream.respond(headers! { ":status" => 200 }, RespondOptions::default()).unwrap();
                    stream.end();
                })
                .unwrap();
        },
        |client, c| {
            let req = client.request(headers! { ":path" => "/" }, RequestOptions::default()).unwrap();
            req.resume();
            let (c1, cl) = (c.clone(), client.clone());
            req.on("close", move || {
                c1.push("stream close");
                let c2 = c1.clone();
                cl.close(Some(Box::new(move || c2.push("close callback"))));
            })
            .unwrap();
            let c1 = c.clone();
            client.on("close", move || c1.push("close")).unwrap();
        },
        ConnectOptions::default(),
        false,
    );
}
