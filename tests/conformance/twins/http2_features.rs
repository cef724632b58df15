//! Twins of the feature scenarios: trailers both ways, push (and push refused by the client's
//! settings), settings in flight, ping, 1xx headers, bodiless responses, header validation and a
//! GOAWAY with an error code.

use std::cell::Cell;
use std::rc::Rc;

use bytes::Bytes;
use http2::prelude::*;
use http2::stream::Chunk;
use http2::{
    headers, ClientHttp2Stream, ConnectOptions, Error, Headers, Http2Server, PriorityOptions, RequestOptions, RespondOptions, ServerHttp2Session, ServerHttp2Stream,
    ServerOptions, Settings,
};

use super::http2_basic::{run, Lines};
use crate::trace::Trace;

fn rst(s: &http2::Http2Stream) -> u32 {
    s.rst_code().unwrap_or(0)
}

/// How Node prints an unset numeric setting (`maxConcurrentStreams`: 2^32-1).
fn setting(v: Option<u32>) -> u64 {
    v.map_or(u32::MAX as u64, u64::from)
}

/// STR-10, CST-4, SST-2: trailers after the body, with the seed's `getTrailers`.
pub fn http2_trailers(t: &Trace) {
    run(
        t,
        ServerOptions::default(),
        |server: &Http2Server, s: &Lines| {
            let s = s.clone();
            server
                .on("stream", move |stream: ServerHttp2Stream| {
                    let options = RespondOptions { get_trailers: Some(Rc::new(|t: &mut Headers| {
                        t.set("x-checksum", "abc");
                    })), ..Default::default() };
                    stream.respond(headers! { ":status" => 200 }, options).unwrap();
                    let s1 = s.clone();
                    stream.on("finish", move || s1.push("finish")).unwrap();
                    let (s1, st) = (s.clone(), stream.clone());
                    stream.on("close", move || s1.push(format!("close rstCode {}", rst(&st)))).unwrap();
                    stream.end_with("body");
                })
                .unwrap();
        },
        |client, c| {
            let req = client.request(headers! { ":path" => "/" }, RequestOptions::default()).unwrap();
            req.set_encoding("utf8").unwrap();
            let c1 = c.clone();
            req.on("response", move |h: Headers, f: u32| c1.push(format!("response {} flags {f}", h.get(":status").unwrap_or(""))))
                .unwrap();
            let c1 = c.clone();
            req.on("data", move |d: Chunk| c1.push(format!("data {d}"))).unwrap();
            let c1 = c.clone();
            req.on("trailers", move |h: Headers, f: u32| c1.push(format!("trailers x-checksum={} flags {f}", h.get("x-checksum").unwrap_or(""))))
                .unwrap();
            let c1 = c.clone();
            req.on("end", move || c1.push("end")).unwrap();
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

/// CST-1, STR-10, SRV-1: the client sends a body and then trailers.
pub fn http2_request_trailers(t: &Trace) {
    run(
        t,
        ServerOptions::default(),
        |server: &Http2Server, s: &Lines| {
            let s = s.clone();
            server
                .on("stream", move |stream: ServerHttp2Stream, h: Headers, flags: u32| {
                    s.push(format!("stream {} flags {flags}", h.get(":method").unwrap_or("")));
                    stream.set_encoding("utf8").unwrap();
                    let s1 = s.clone();
                    stream.on("data", move |d: Chunk| s1.push(format!("data {d}"))).unwrap();
                    let s1 = s.clone();
                    stream
                        .on("trailers", move |h: Headers, f: u32| s1.push(format!("trailers x-sum={} flags {f}", h.get("x-sum").unwrap_or(""))))
                        .unwrap();
                    let (s1, st) = (s.clone(), stream.clone());
                    stream
                        .on("end", move || {
                            s1.push("end");
                            st.respond(headers! { ":status" => 204 }, RespondOptions { end_stream: true, ..Default::default() }).unwrap();
                        })
                        .unwrap();
                    let s1 = s.clone();
                    stream.on("close", move || s1.push("close")).unwrap();
                })
                .unwrap();
        },
        |client, c| {
            // The seed's getTrailers is called when the trailers are due (Node 20's 'wantTrailers').
            let c1 = c.clone();
            let get_trailers = Rc::new(move |t: &mut Headers| {
                c1.push("wantTrailers");
                t.set("x-sum", "42");
            });
            let options = RequestOptions { get_trailers: Some(get_trailers), ..Default::default() };
            let req = client.request(headers! { ":path" => "/", ":method" => "POST" }, options).unwrap();
            let c1 = c.clone();
            req.on("response", move |h: Headers, f: u32| c1.push(format!("response {} flags {f}", h.get(":status").unwrap_or(""))))
                .unwrap();
            let c1 = c.clone();
            req.on("end", move || c1.push("end")).unwrap();
            let (c1, r, cl) = (c.clone(), req.clone(), client.clone());
            req.on("close", move || {
                c1.push(format!("close rstCode {}", rst(&r)));
                cl.close(None);
            })
            .unwrap();
            req.end_with("payload");
            req.resume();
        },
        ConnectOptions::default(),
        false,
    );
}

/// PUSH-1, SST-4, SST-5, CST-2: a pushed stylesheet before the page.
pub fn http2_push(t: &Trace) {
    run(
        t,
        ServerOptions::default(),
        |server: &Http2Server, s: &Lines| {
            let s = s.clone();
            server
                .on("stream", move |stream: ServerHttp2Stream, h: Headers| {
                    s.push(format!("stream {} pushAllowed {}", h.get(":path").unwrap_or(""), stream.push_allowed()));
                    let (s1, st) = (s.clone(), stream.clone());
                    stream
                        .push_stream(headers! { ":path" => "/style.css" }, PriorityOptions::default(), move |r: Result<ServerHttp2Stream, Error>| {
                            let push = r.unwrap();
                            s1.push(format!("pushStream err null id {} path /style.css", push.id().unwrap_or(0)));
                            let s2 = s1.clone();
                            push.on("close", move || s2.push("push close")).unwrap();
                            push.respond(headers! { ":status" => 200, "content-type" => "text/css" }, RespondOptions::default()).unwrap();
                            push.end_with("body{}");
                            st.respond(headers! { ":status" => 200 }, RespondOptions::default()).unwrap();
                            st.end_with("page");
                        })
                        .unwrap();
                })
                .unwrap();
        },
        |client, c| {
            let left = Rc::new(Cell::new(2));
            let done = {
                let (left, cl) = (left.clone(), client.clone());
                Rc::new(move || {
                    left.set(left.get() - 1);
                    if left.get() == 0 {
                        cl.close(None);
                    }
                })
            };
            let (c1, d) = (c.clone(), done.clone());
            client
                .on("stream", move |pushed: ClientHttp2Stream, h: Headers, flags: u32| {
                    c1.push(format!("session stream {} id {} flags {flags}", h.get(":path").unwrap_or(""), pushed.id().unwrap_or(0)));
                    let c2 = c1.clone();
                    pushed
                        .on("push", move |h: Headers, f: u32| {
                            c2.push(format!("push {} {} flags {f}", h.get(":status").unwrap_or(""), h.get("content-type").unwrap_or("")))
                        })
                        .unwrap();
                    pushed.set_encoding("utf8").unwrap();
                    let c2 = c1.clone();
                    pushed.on("data", move |d: Chunk| c2.push(format!("push data {d}"))).unwrap();
                    let (c2, d2) = (c1.clone(), d.clone());
                    pushed
                        .on("close", move || {
                            c2.push("push close");
                            d2();
                        })
                        .unwrap();
                })
                .unwrap();
            let req = client.request(headers! { ":path" => "/" }, RequestOptions::default()).unwrap();
            req.set_encoding("utf8").unwrap();
            let c1 = c.clone();
            req.on("response", move |h: Headers| c1.push(format!("response {}", h.get(":status").unwrap_or("")))).unwrap();
            let c1 = c.clone();
            req.on("data", move |d: Chunk| c1.push(format!("data {d}"))).unwrap();
            let c1 = c.clone();
            req.on("close", move || {
                c1.push("close");
                done();
            })
            .unwrap();
        },
        ConnectOptions::default(),
        false,
    );
}

/// PUSH-1, SST-4, SES-21: a client with enablePush false; pushStream is refused.
pub fn http2_push_disabled(t: &Trace) {
    let mut options = ConnectOptions::default();
    options.session.settings.enable_push = Some(false);
    run(
        t,
        ServerOptions::default(),
        |server: &Http2Server, s: &Lines| {
            let s = s.clone();
            server
                .on("stream", move |stream: ServerHttp2Stream| {
                    s.push(format!("pushAllowed {}", stream.push_allowed()));
                    let s1 = s.clone();
                    match stream.push_stream(headers! { ":path" => "/x" }, PriorityOptions::default(), move |_| s1.push("pushed")) {
                        Ok(()) => s.push("pushStream ok"),
                        Err(e) => s.push(format!("pushStream {}", e.code())),
                    }
                    stream.respond(headers! { ":status" => 200 }, RespondOptions::default()).unwrap();
                    stream.end();
                })
                .unwrap();
        },
        |client, c| {
            let req = client.request(headers! { ":path" => "/" }, RequestOptions::default()).unwrap();
            let c1 = c.clone();
            req.on("response", move |h: Headers| c1.push(format!("response {}", h.get(":status").unwrap_or("")))).unwrap();
            let (c1, cl) = (c.clone(), client.clone());
            req.on("close", move || {
                c1.push("close");
                cl.close(None);
            })
            .unwrap();
            req.resume();
        },
        options,
        false,
    );
}

/// SES-7, SES-13, SES-21, OBJ-2: two settings in flight after the initial ones.
pub fn http2_settings_events(t: &Trace) {
    let mut options = ConnectOptions::default();
    options.session.settings.initial_window_size = Some(50000);
    options.session.settings.max_concurrent_streams = Some(50);
    run(
        t,
        ServerOptions::default(),
        |server: &Http2Server, s: &Lines| {
            let s = s.clone();
            server
                .on("session", move |session: ServerHttp2Session| {
                    let (s1, n) = (s.clone(), Rc::new(Cell::new(0)));
                    session
                        .on("remoteSettings", move |st: Settings| {
                            n.set(n.get() + 1);
                            s1.push(format!(
                                "remoteSettings {} initialWindowSize {} maxConcurrentStreams {}",
                                n.get(),
                                setting(st.initial_window_size),
                                setting(st.max_concurrent_streams)
                            ))
                        })
                        .unwrap();
                })
                .unwrap();
        },
        |client, c| {
            let (c1, n, cl) = (c.clone(), Rc::new(Cell::new(0)), client.clone());
            client
                .on("localSettings", move |st: Settings| {
                    n.set(n.get() + 1);
                    c1.push(format!(
                        "localSettings {} initialWindowSize {} maxConcurrentStreams {}",
                        n.get(),
                        setting(st.initial_window_size),
                        setting(st.max_concurrent_streams)
                    ));
                    if n.get() == 3 {
                        cl.close(None);
                    }
                })
                .unwrap();
            let (c1, cl) = (c.clone(), client.clone());
            client
                .on("connect", move || {
                    let c2 = c1.clone();
                    let first = Settings { initial_window_size: Some(1000), ..Default::default() };
                    cl.settings_with(first, Some(move |e: Option<Error>, st: Settings| {
                        c2.push(format!("callback 1 err {} initialWindowSize {}", err(e), setting(st.initial_window_size)))
                    }))
                    .unwrap();
                    c1.push(format!("pendingSettingsAck {}", cl.pending_settings_ack()));
                    let c2 = c1.clone();
                    let second = Settings { max_concurrent_streams: Some(7), ..Default::default() };
                    cl.settings_with(second, Some(move |e: Option<Error>, st: Settings| {
                        c2.push(format!("callback 2 err {} maxConcurrentStreams {}", err(e), setting(st.max_concurrent_streams)))
                    }))
                    .unwrap();
                })
                .unwrap();
        },
        options,
        false,
    );
}

/// How Node prints an optional error in a template string.
fn err(e: Option<Error>) -> String {
    e.map_or_else(|| "null".to_string(), |e| e.to_string())
}

/// SES-14: a ping with an 8-byte payload.
pub fn http2_ping(t: &Trace) {
    run(
        t,
        ServerOptions::default(),
        |server: &Http2Server, s: &Lines| {
            let s = s.clone();
            server
                .on("session", move |session: ServerHttp2Session| {
                    let s1 = s.clone();
                    session.on("ping", move |p: Bytes| s1.push(format!("ping {}", String::from_utf8_lossy(&p)))).unwrap();
                })
                .unwrap();
        },
        |client, c| {
            let (c1, cl) = (c.clone(), client.clone());
            client
                .on("connect", move || {
                    let (c2, cl2) = (c1.clone(), cl.clone());
                    let r = cl.ping(Some(*b"abcdefgh"), move |e: Option<Error>, _duration: f64, payload: Bytes| {
                        c2.push(format!("callback err {} duration number payload {}", err(e), String::from_utf8_lossy(&payload)));
                        cl2.close(None);
                    });
                    c1.push(format!("ping returned {}", r.is_ok()));
                })
                .unwrap();
        },
        ConnectOptions::default(),
        false,
    );
}

/// SST-1, CST-3: a 103 informational response before the final one.
pub fn http2_additional_headers(t: &Trace) {
    run(
        t,
        ServerOptions::default(),
        |server: &Http2Server, s: &Lines| {
            let s = s.clone();
            server
                .on("stream", move |stream: ServerHttp2Stream| {
                    stream.additional_headers(headers! { ":status" => 103, "link" => "</a.css>; rel=preload" }).unwrap();
                    s.push(format!("headersSent {}", stream.headers_sent()));
                    stream.respond(headers! { ":status" => 200 }, RespondOptions::default()).unwrap();
                    s.push(format!("headersSent {}", stream.headers_sent()));
                    stream.end_with("ok");
                })
                .unwrap();
        },
        |client, c| {
            let req = client.request(headers! { ":path" => "/" }, RequestOptions::default()).unwrap();
            let c1 = c.clone();
            req.on("headers", move |h: Headers, f: u32| {
                c1.push(format!("headers {} link {} flags {f}", h.get(":status").unwrap_or(""), h.get("link").unwrap_or("")))
            })
            .unwrap();
            let c1 = c.clone();
            req.on("response", move |h: Headers, f: u32| c1.push(format!("response {} flags {f}", h.get(":status").unwrap_or(""))))
                .unwrap();
            let c1 = c.clone();
            req.on("end", move || c1.push("end")).unwrap();
            let (c1, cl) = (c.clone(), client.clone());
            req.on("close", move || {
                c1.push("close");
                cl.close(None);
            })
            .unwrap();
            req.resume();
        },
        ConnectOptions::default(),
        false,
    );
}

/// SST-2, CST-3, STR-3: a HEAD request and a 204 response end without a body.
pub fn http2_head_and_204(t: &Trace) {
    run(
        t,
        ServerOptions::default(),
        |server: &Http2Server, s: &Lines| {
            let s = s.clone();
            server
                .on("stream", move |stream: ServerHttp2Stream, h: Headers, flags: u32| {
                    let path = h.get(":path").unwrap_or("").to_string();
                    s.push(format!("stream {} {path} flags {flags}", h.get(":method").unwrap_or("")));
                    if path == "/none" {
                        stream.respond(headers! { ":status" => 204 }, RespondOptions::default()).unwrap();
                    } else {
                        stream.respond(headers! { ":status" => 200, "content-length" => "5" }, RespondOptions::default()).unwrap();
                    }
                    stream.end();
                })
                .unwrap();
        },
        |client, c| {
            let left = Rc::new(Cell::new(2));
            for (method, path) in [("HEAD", "/head"), ("GET", "/none")] {
                let req = client.request(headers! { ":method" => method, ":path" => path }, RequestOptions::default()).unwrap();
                let c1 = c.clone();
                req.on("response", move |h: Headers, f: u32| c1.push(format!("{path} response {} flags {f}", h.get(":status").unwrap_or(""))))
                    .unwrap();
                let c1 = c.clone();
                req.on("data", move |_: Chunk| c1.push(format!("{path} data"))).unwrap();
                let c1 = c.clone();
                req.on("end", move || c1.push(format!("{path} end"))).unwrap();
                let (c1, cl, left) = (c.clone(), client.clone(), left.clone());
                req.on("close", move || {
                    c1.push(format!("{path} close"));
                    left.set(left.get() - 1);
                    if left.get() == 0 {
                        cl.close(None);
                    }
                })
                .unwrap();
            }
        },
        ConnectOptions::default(),
        false,
    );
}

/// STR-3, SST-2, OBJ-5: invalid response headers are refused with Node's codes.
pub fn http2_headers_errors(t: &Trace) {
    run(
        t,
        ServerOptions::default(),
        |server: &Http2Server, s: &Lines| {
            let s = s.clone();
            server
                .on("stream", move |stream: ServerHttp2Stream| {
                    let attempt = |what: &str, h: Headers| match stream.respond(h, RespondOptions::default()) {
                        Ok(()) => s.push(format!("{what} ok")),
                        Err(e) => s.push(format!("{what} {}", e.code())),
                    };
                    attempt("bad name", headers! { ":status" => 200, "bad name" => "x" });
                    attempt("connection header", headers! { ":status" => 200, "connection" => "close" });
                    attempt("status 99", headers! { ":status" => 99 });
                    attempt("status 200", headers! { ":status" => 200 });
                    attempt("again", headers! { ":status" => 200 });
                    stream.end();
                })
                .unwrap();
        },
        |client, c| {
            let req = client.request(headers! { ":path" => "/" }, RequestOptions::default()).unwrap();
            let c1 = c.clone();
            req.on("response", move |h: Headers| c1.push(format!("response {}", h.get(":status").unwrap_or("")))).unwrap();
            let (c1, cl) = (c.clone(), client.clone());
            req.on("close", move || {
                c1.push("close");
                cl.close(None);
            })
            .unwrap();
            req.resume();
        },
        ConnectOptions::default(),
        false,
    );
}

/// SES-6, SES-17: GOAWAY with ENHANCE_YOUR_CALM and opaque data from the server.
pub fn http2_goaway_with_error(t: &Trace) {
    run(
        t,
        ServerOptions::default(),
        |server: &Http2Server, s: &Lines| {
            let s1 = s.clone();
            server
                .on("session", move |session: ServerHttp2Session| {
                    let s2 = s1.clone();
                    session.on("close", move || s2.push("session close")).unwrap();
                    let s2 = s1.clone();
                    session.on("error", move |e: Error| s2.push(format!("session error {}", e.code()))).unwrap();
                })
                .unwrap();
            server
                .on("stream", move |stream: ServerHttp2Stream| {
                    stream.respond(headers! { ":status" => 200 }, RespondOptions::default()).unwrap();
                    let st = stream.clone();
                    stream.end_with_callback(Some(Bytes::from_static(b"x")), move |_| {
                        if let Some(session) = st.session() {
                            session.send_goaway(11, Some(1), b"calm down").unwrap();
                        }
                    });
                })
                .unwrap();
        },
        |client, c| {
            let c1 = c.clone();
            client
                .on("goaway", move |code: u32, last: u32, data: Bytes| c1.push(format!("goaway {code} {last} {}", String::from_utf8_lossy(&data))))
                .unwrap();
            let c1 = c.clone();
            client.on("error", move |e: Error| c1.push(format!("session error {} {}", e.code(), e.message()))).unwrap();
            let c1 = c.clone();
            client.on("close", move || c1.push("session close")).unwrap();
            let req = client.request(headers! { ":path" => "/" }, RequestOptions::default()).unwrap();
            let c1 = c.clone();
            req.on("end", move || c1.push("stream end")).unwrap();
            let (c1, r) = (c.clone(), req.clone());
            req.on("close", move || c1.push(format!("stream close rstCode {}", rst(&r)))).unwrap();
            req.resume();
        },
        ConnectOptions::default(),
        true,
    );
}
