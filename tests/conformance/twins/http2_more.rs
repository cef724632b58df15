//! Twins of the timeout, limit, state, file-response and reset-shortcut scenarios.

use std::cell::Cell;
use std::rc::Rc;

use http2::prelude::*;
use http2::stream::Chunk;
use http2::{
    headers, ConnectOptions, Error, Headers, Http2Server, RequestOptions, RespondOptions,
    RespondWithFileOptions, ServerHttp2Session, ServerHttp2Stream, ServerOptions, SessionOptions,
    Settings,
};

use super::http2_basic::{run, Lines};
use super::json_str;
use crate::trace::Trace;

fn rst(s: &http2::Http2Stream) -> u32 {
    s.rst_code().unwrap_or(0)
}

fn fixture() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance/fixtures/hello.txt")
}

/// A client side that requests `/`, logs 'response'/'error'/'close rstCode N' and closes.
fn simple_client(client: &http2::ClientHttp2Session, c: &Lines) {
    let req = client
        .request(headers! { ":path" => "/" }, RequestOptions::default())
        .unwrap();
    let c1 = c.clone();
    req.on("response", move || c1.push("response")).unwrap();
    let c1 = c.clone();
    req.on("error", move |e: Error| {
        c1.push(format!("error {}", e.code()))
    })
    .unwrap();
    let (c1, r, cl) = (c.clone(), req.clone(), client.clone());
    req.on("close", move || {
        c1.push(format!("close rstCode {}", rst(&r)));
        cl.close(None);
    })
    .unwrap();
    req.resume();
}

/// STR-8, STR-3: an idle server stream times out and is reset with CANCEL.
pub fn http2_stream_timeout(t: &Trace) {
    run(
        t,
        ServerOptions::default(),
        |server: &Http2Server, s: &Lines| {
            let s = s.clone();
            server
                .on("stream", move |stream: ServerHttp2Stream| {
                    let (s1, st) = (s.clone(), stream.clone());
                    stream
                        .set_timeout(
                            30,
                            Some(move || {
                                s1.push("timeout");
                                st.rst_stream(8).unwrap();
                            }),
                        )
                        .unwrap();
                    let s1 = s.clone();
                    stream.on("aborted", move || s1.push("aborted")).unwrap();
                    let (s1, st) = (s.clone(), stream.clone());
                    stream
                        .on("close", move || {
                            s1.push(format!("close rstCode {}", rst(&st)))
                        })
                        .unwrap();
                })
                .unwrap();
        },
        |client, c| {
            let req = client
                .request(headers! { ":path" => "/" }, RequestOptions::default())
                .unwrap();
            let c1 = c.clone();
            req.on("response", move || c1.push("response")).unwrap();
            let c1 = c.clone();
            req.on("error", move |e: Error| {
                c1.push(format!("error {}", e.code()))
            })
            .unwrap();
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

/// SES-16: an idle client session times out; its callback closes it.
pub fn http2_session_timeout(t: &Trace) {
    run(
        t,
        ServerOptions::default(),
        |server: &Http2Server, _s: &Lines| {
            server
                .on("stream", move |stream: ServerHttp2Stream| {
                    stream
                        .respond(headers! { ":status" => 200 }, RespondOptions::default())
                        .unwrap();
                    stream.end();
                })
                .unwrap();
        },
        |client, c| {
            let done = Rc::new(Cell::new(false));
            let (c1, cl, d) = (c.clone(), client.clone(), done.clone());
            client
                .set_timeout(
                    40,
                    Some(move || {
                        c1.push(format!("timeout streams done {}", d.get()));
                        cl.close(None);
                    }),
                )
                .unwrap();
            let req = client
                .request(headers! { ":path" => "/" }, RequestOptions::default())
                .unwrap();
            let c1 = c.clone();
            req.on("close", move || {
                done.set(true);
                c1.push("stream close");
            })
            .unwrap();
            req.resume();
            let c1 = c.clone();
            client
                .on("close", move || c1.push("session close"))
                .unwrap();
        },
        ConnectOptions::default(),
        false,
    );
}

/// SRV-1, SES-16: server.setTimeout reports idle sessions with the server's 'timeout'.
pub fn http2_server_timeout(t: &Trace) {
    run(
        t,
        ServerOptions::default(),
        |server: &Http2Server, s: &Lines| {
            let s1 = s.clone();
            server
                .set_timeout(
                    40,
                    Some(move |session: ServerHttp2Session| {
                        s1.push("timeout session ServerHttp2Session");
                        session.close(None);
                    }),
                )
                .unwrap();
            let s1 = s.clone();
            server
                .on("session", move |session: ServerHttp2Session| {
                    let s2 = s1.clone();
                    session
                        .on("close", move || s2.push("session close"))
                        .unwrap();
                })
                .unwrap();
        },
        |client, c| {
            let c1 = c.clone();
            client
                .on("goaway", move |code: u32| c1.push(format!("goaway {code}")))
                .unwrap();
            let c1 = c.clone();
            client
                .on("close", move || c1.push("session close"))
                .unwrap();
            let c1 = c.clone();
            client.on("connect", move || c1.push("connect")).unwrap();
        },
        ConnectOptions::default(),
        false,
    );
}

/// SES-5, STR-6: a response header block over maxSendHeaderBlockLength.
pub fn http2_frame_error(t: &Trace) {
    let options = ServerOptions {
        session: SessionOptions {
            max_send_header_block_length: Some(100),
            ..Default::default()
        },
    };
    run(
        t,
        options,
        |server: &Http2Server, s: &Lines| {
            let s = s.clone();
            server
                .on("stream", move |stream: ServerHttp2Stream| {
                    let s1 = s.clone();
                    stream
                        .on("frameError", move |ty: u8, code: i32, id: u32| {
                            s1.push(format!("frameError type {ty} code {code} id {id}"))
                        })
                        .unwrap();
                    let s1 = s.clone();
                    stream
                        .on("error", move |e: Error| {
                            s1.push(format!("error {}", e.code()))
                        })
                        .unwrap();
                    let (s1, st) = (s.clone(), stream.clone());
                    stream
                        .on("close", move || {
                            s1.push(format!(
                                "close rstCode {} destroyed {}",
                                rst(&st),
                                st.destroyed()
                            ))
                        })
                        .unwrap();
                    stream
                        .respond(
                            headers! { ":status" => 200, "x-big" => "x".repeat(200) },
                            RespondOptions::default(),
                        )
                        .unwrap();
                    stream.end_with("never");
                })
                .unwrap();
        },
        |client, c| simple_client(&client, c),
        ConnectOptions::default(),
        false,
    );
}

/// SES-21, SES-9, SES-19: one stream at a time (maxConcurrentStreams 1).
pub fn http2_concurrency_limit(t: &Trace) {
    let options = ServerOptions {
        session: SessionOptions {
            settings: Settings {
                max_concurrent_streams: Some(1),
                ..Default::default()
            },
            ..Default::default()
        },
    };
    run(
        t,
        options,
        |server: &Http2Server, s: &Lines| {
            let s = s.clone();
            server
                .on("stream", move |stream: ServerHttp2Stream, h: Headers| {
                    let path = h.get(":path").unwrap_or("").to_string();
                    let open = stream.session().is_some();
                    s.push(format!("stream {path} open {open}"));
                    let st = stream.clone();
                    http2::rt::EventLoop::current().set_timeout(
                        move || {
                            st.respond(headers! { ":status" => 200 }, RespondOptions::default())
                                .unwrap();
                            st.end_with(path);
                        },
                        10,
                    );
                })
                .unwrap();
        },
        |client, c| {
            let (c, cl, left) = (c.clone(), client.clone(), Rc::new(Cell::new(3)));
            client
                .on("remoteSettings", move || {
                    if left.get() < 3 {
                        return;
                    }
                    for p in ["/a", "/b", "/c"] {
                        let req = cl
                            .request(headers! { ":path" => p }, RequestOptions::default())
                            .unwrap();
                        req.set_encoding("utf8").unwrap();
                        let c1 = c.clone();
                        req.on("data", move |d: Chunk| c1.push(format!("{p} data {d}")))
                            .unwrap();
                        let (c1, cl2, left) = (c.clone(), cl.clone(), left.clone());
                        req.on("close", move || {
                            c1.push(format!("{p} close"));
                            left.set(left.get() - 1);
                            if left.get() == 0 {
                                cl2.close(None);
                            }
                        })
                        .unwrap();
                    }
                })
                .unwrap();
        },
        ConnectOptions::default(),
        false,
    );
}

/// Node's `stream.state` as the scenario prints it (`weight` 0 before the peer's answer
/// is Node's "no priority information yet").
fn show(st: Option<http2::proto::StreamStateInfo>) -> String {
    match st {
        Some(st) => format!(
            "state {} localClose {} remoteClose {} weight {}",
            st.state, st.stream_local_close, st.stream_remote_close, st.weight
        ),
        None => "state undefined".to_string(),
    }
}

/// STR-14, STR-2: stream.state through a request, and the stream ids.
pub fn http2_stream_state(t: &Trace) {
    run(
        t,
        ServerOptions::default(),
        |server: &Http2Server, s: &Lines| {
            let s = s.clone();
            server
                .on("stream", move |stream: ServerHttp2Stream, h: Headers| {
                    s.push(format!(
                        "{} id {} {}",
                        h.get(":path").unwrap_or(""),
                        stream.id().unwrap_or(0),
                        show(stream.state())
                    ));
                    stream
                        .respond(headers! { ":status" => 200 }, RespondOptions::default())
                        .unwrap();
                    stream.end_with("x");
                })
                .unwrap();
        },
        |client, c| {
            let left = Rc::new(Cell::new(2));
            for p in ["/one", "/two"] {
                let req = client
                    .request(
                        headers! { ":path" => p, ":method" => "POST" },
                        RequestOptions::default(),
                    )
                    .unwrap();
                let (c1, r) = (c.clone(), req.clone());
                req.on("ready", move || {
                    c1.push(format!(
                        "{p} ready id {} {}",
                        r.id().unwrap_or(0),
                        show(r.state())
                    ))
                })
                .unwrap();
                let (c1, r) = (c.clone(), req.clone());
                req.on("response", move || {
                    c1.push(format!("{p} response {}", show(r.state())))
                })
                .unwrap();
                let (c1, r) = (c.clone(), req.clone());
                req.on("end", move || {
                    c1.push(format!("{p} end"));
                    r.end();
                })
                .unwrap();
                let (c1, cl, left) = (c.clone(), client.clone(), left.clone());
                req.on("close", move || {
                    c1.push(format!("{p} close"));
                    left.set(left.get() - 1);
                    if left.get() == 0 {
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

/// A client that requests `/` (with `extra` headers) and prints the response and body.
fn file_client(
    client: &http2::ClientHttp2Session,
    c: &Lines,
    describe: fn(&Headers, u32) -> String,
) {
    let req = client
        .request(headers! { ":path" => "/" }, RequestOptions::default())
        .unwrap();
    req.set_encoding("utf8").unwrap();
    let c1 = c.clone();
    req.on("response", move |h: Headers, f: u32| {
        c1.push(describe(&h, f))
    })
    .unwrap();
    let c1 = c.clone();
    req.on("data", move |d: Chunk| {
        c1.push(format!("data {}", json_str(&d.to_string())))
    })
    .unwrap();
    let (c1, cl) = (c.clone(), client.clone());
    req.on("close", move || {
        c1.push("close");
        cl.close(None);
    })
    .unwrap();
}

fn or_undefined(v: Option<&str>) -> &str {
    v.unwrap_or("undefined")
}

/// SST-7: respondWithFile with a statCheck adding a header.
pub fn http2_respond_with_file(t: &Trace) {
    run(
        t,
        ServerOptions::default(),
        |server: &Http2Server, s: &Lines| {
            let s = s.clone();
            server
                .on("stream", move |stream: ServerHttp2Stream| {
                    let s1 = s.clone();
                    let stat_check = Rc::new(move |stat: &std::fs::Metadata, h: &mut Headers| {
                        s1.push(format!("statCheck size {}", stat.len()));
                        h.set("x-size", stat.len().to_string());
                        true
                    });
                    let options = RespondWithFileOptions {
                        stat_check: Some(stat_check),
                        ..Default::default()
                    };
                    stream
                        .respond_with_file(
                            fixture(),
                            headers! { "content-type" => "text/plain" },
                            options,
                        )
                        .unwrap();
                    let (s1, st) = (s.clone(), stream.clone());
                    stream
                        .on("close", move || {
                            s1.push(format!("close rstCode {}", rst(&st)))
                        })
                        .unwrap();
                })
                .unwrap();
        },
        |client, c| {
            file_client(&client, c, |h, _| {
                format!(
                    "response {} length {} type {} x-size {}",
                    or_undefined(h.get(":status")),
                    or_undefined(h.get("content-length")),
                    or_undefined(h.get("content-type")),
                    or_undefined(h.get("x-size"))
                )
            })
        },
        ConnectOptions::default(),
        false,
    );
}

/// SST-7: statCheck returns false and the handler answers 304 itself.
pub fn http2_respond_with_file_304(t: &Trace) {
    run(
        t,
        ServerOptions::default(),
        |server: &Http2Server, s: &Lines| {
            let s = s.clone();
            server
                .on("stream", move |stream: ServerHttp2Stream, h: Headers| {
                    let (s1, st) = (s.clone(), stream.clone());
                    let has = h.get("if-modified-since").is_some();
                    let stat_check = Rc::new(move |_: &std::fs::Metadata, _: &mut Headers| {
                        s1.push(format!("statCheck if-modified-since {has}"));
                        st.respond(headers! { ":status" => 304 }, RespondOptions::default())
                            .unwrap();
                        false
                    });
                    let options = RespondWithFileOptions {
                        stat_check: Some(stat_check),
                        ..Default::default()
                    };
                    stream
                        .respond_with_file(fixture(), Headers::new(), options)
                        .unwrap();
                    let (s1, st) = (s.clone(), stream.clone());
                    stream
                        .on("close", move || {
                            s1.push(format!("close rstCode {}", rst(&st)))
                        })
                        .unwrap();
                })
                .unwrap();
        },
        |client, c| {
            let tomorrow = http2::date::http_date(
                std::time::SystemTime::now() + std::time::Duration::from_secs(86_400),
            );
            let req = client
                .request(
                    headers! { ":path" => "/", "if-modified-since" => tomorrow },
                    RequestOptions::default(),
                )
                .unwrap();
            let c1 = c.clone();
            req.on("response", move |h: Headers, f: u32| {
                c1.push(format!(
                    "response {} flags {f}",
                    or_undefined(h.get(":status"))
                ))
            })
            .unwrap();
            let c1 = c.clone();
            req.on("data", move |_: Chunk| c1.push("data")).unwrap();
            let (c1, cl) = (c.clone(), client.clone());
            req.on("close", move || {
                c1.push("close");
                cl.close(None);
            })
            .unwrap();
        },
        ConnectOptions::default(),
        false,
    );
}

/// SST-7: offset and length send part of a file.
pub fn http2_respond_with_file_range(t: &Trace) {
    run(
        t,
        ServerOptions::default(),
        |server: &Http2Server, _s: &Lines| {
            server
                .on("stream", move |stream: ServerHttp2Stream| {
                    let options = RespondWithFileOptions {
                        offset: Some(6),
                        length: Some(4),
                        ..Default::default()
                    };
                    stream
                        .respond_with_file(fixture(), headers! { ":status" => 206 }, options)
                        .unwrap();
                })
                .unwrap();
        },
        |client, c| {
            file_client(&client, c, |h, _| {
                format!(
                    "response {} length {}",
                    or_undefined(h.get(":status")),
                    or_undefined(h.get("content-length"))
                )
            })
        },
        ConnectOptions::default(),
        false,
    );
}

/// SST-7: a missing file: ENOENT on the server stream, INTERNAL_ERROR for the client.
pub fn http2_respond_with_file_missing(t: &Trace) {
    run(
        t,
        ServerOptions::default(),
        |server: &Http2Server, s: &Lines| {
            let s = s.clone();
            server
                .on("stream", move |stream: ServerHttp2Stream| {
                    let s1 = s.clone();
                    stream
                        .on("error", move |e: Error| {
                            s1.push(format!("error {}", e.code()))
                        })
                        .unwrap();
                    let (s1, st) = (s.clone(), stream.clone());
                    stream
                        .on("close", move || {
                            s1.push(format!("close rstCode {}", rst(&st)))
                        })
                        .unwrap();
                    stream
                        .respond_with_file(
                            "/nonexistent/file.txt",
                            Headers::new(),
                            RespondWithFileOptions::default(),
                        )
                        .unwrap();
                })
                .unwrap();
        },
        |client, c| simple_client(&client, c),
        ConnectOptions::default(),
        false,
    );
}

/// SST-6: respondWithFD sends an open file; the descriptor stays the caller's.
pub fn http2_respond_with_fd(t: &Trace) {
    run(
        t,
        ServerOptions::default(),
        |server: &Http2Server, s: &Lines| {
            let s = s.clone();
            server
                .on("stream", move |stream: ServerHttp2Stream| {
                    let file = std::fs::File::open(fixture()).unwrap();
                    stream
                        .respond_with_fd(
                            &file,
                            headers! { "content-type" => "text/plain" },
                            RespondWithFileOptions::default(),
                        )
                        .unwrap();
                    let s1 = s.clone();
                    let file = std::cell::RefCell::new(Some(file));
                    stream
                        .on("close", move || {
                            drop(file.borrow_mut().take());
                            s1.push("close, fd closed by the handler");
                        })
                        .unwrap();
                })
                .unwrap();
        },
        |client, c| {
            file_client(&client, c, |h, _| {
                format!(
                    "response {} length {}",
                    or_undefined(h.get(":status")),
                    or_undefined(h.get("content-length"))
                )
            })
        },
        ConnectOptions::default(),
        false,
    );
}

/// STR-4, STR-12: the client cancels a POST in the middle of its body.
pub fn http2_request_aborted(t: &Trace) {
    run(
        t,
        ServerOptions::default(),
        |server: &Http2Server, s: &Lines| {
            let s = s.clone();
            server
                .on("stream", move |stream: ServerHttp2Stream| {
                    stream.set_encoding("utf8").unwrap();
                    let s1 = s.clone();
                    stream
                        .on("data", move |d: Chunk| s1.push(format!("data {d}")))
                        .unwrap();
                    let s1 = s.clone();
                    stream.on("aborted", move || s1.push("aborted")).unwrap();
                    let s1 = s.clone();
                    stream.on("end", move || s1.push("end")).unwrap();
                    let s1 = s.clone();
                    stream
                        .on("error", move |e: Error| {
                            s1.push(format!("error {}", e.code()))
                        })
                        .unwrap();
                    let (s1, st) = (s.clone(), stream.clone());
                    stream
                        .on("close", move || {
                            s1.push(format!("close rstCode {}", rst(&st)))
                        })
                        .unwrap();
                    stream
                        .respond(headers! { ":status" => 200 }, RespondOptions::default())
                        .unwrap();
                    stream.write("go");
                })
                .unwrap();
        },
        |client, c| {
            let req = client
                .request(
                    headers! { ":path" => "/", ":method" => "POST" },
                    RequestOptions::default(),
                )
                .unwrap();
            req.write("part");
            let c1 = c.clone();
            req.on("response", move || c1.push("response")).unwrap();
            let (c1, r) = (c.clone(), req.clone());
            req.on("data", move |_: Chunk| {
                c1.push("data, cancelling");
                r.rst_stream(8).unwrap();
            })
            .unwrap();
            let c1 = c.clone();
            req.on("aborted", move || c1.push("aborted")).unwrap();
            let c1 = c.clone();
            req.on("error", move |e: Error| {
                c1.push(format!("error {}", e.code()))
            })
            .unwrap();
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

/// SES-12, SES-6: the server destroys its session while a request is open.
pub fn http2_server_session_destroy(t: &Trace) {
    run(
        t,
        ServerOptions::default(),
        |server: &Http2Server, s: &Lines| {
            let s1 = s.clone();
            server
                .on("session", move |session: ServerHttp2Session| {
                    let s2 = s1.clone();
                    session
                        .on("close", move || s2.push("session close"))
                        .unwrap();
                })
                .unwrap();
            let s = s.clone();
            server
                .on("stream", move |stream: ServerHttp2Stream| {
                    let (s1, st) = (s.clone(), stream.clone());
                    stream
                        .on("close", move || {
                            s1.push(format!("stream close rstCode {}", rst(&st)))
                        })
                        .unwrap();
                    stream
                        .respond(headers! { ":status" => 200 }, RespondOptions::default())
                        .unwrap();
                    let st = stream.clone();
                    stream.write_with("x", move |_| {
                        if let Some(session) = st.session() {
                            session.destroy(None);
                        }
                    });
                })
                .unwrap();
        },
        |client, c| {
            let c1 = c.clone();
            client
                .on("goaway", move |code: u32, last: u32| {
                    c1.push(format!("goaway {code} {last}"))
                })
                .unwrap();
            let c1 = c.clone();
            client
                .on("close", move || c1.push("session close"))
                .unwrap();
            let req = client
                .request(headers! { ":path" => "/" }, RequestOptions::default())
                .unwrap();
            let c1 = c.clone();
            req.on("data", move |_: Chunk| c1.push("data")).unwrap();
            let c1 = c.clone();
            req.on("aborted", move || c1.push("aborted")).unwrap();
            let c1 = c.clone();
            req.on("error", move |e: Error| {
                c1.push(format!("error {}", e.code()))
            })
            .unwrap();
            let (c1, r) = (c.clone(), req.clone());
            req.on("close", move || {
                c1.push(format!("stream close rstCode {}", rst(&r)))
            })
            .unwrap();
        },
        ConnectOptions::default(),
        true,
    );
}

/// STR-12: the seed's rstWith* shortcuts and the code each sends.
pub fn http2_rst_shortcuts(t: &Trace) {
    const SHORTCUTS: [&str; 5] = [
        "rstWithNoError",
        "rstWithProtocolError",
        "rstWithCancel",
        "rstWithRefuse",
        "rstWithInternalError",
    ];
    run(
        t,
        ServerOptions::default(),
        |server: &Http2Server, _s: &Lines| {
            server
                .on("stream", move |stream: ServerHttp2Stream, h: Headers| {
                    let i: usize = h.get("x-i").and_then(|v| v.parse().ok()).unwrap_or(0);
                    stream.on("error", |_: Error| {}).unwrap();
                    let r = match i {
                        0 => stream.rst_with_no_error(),
                        1 => stream.rst_with_protocol_error(),
                        2 => stream.rst_with_cancel(),
                        3 => stream.rst_with_refuse(),
                        _ => stream.rst_with_internal_error(),
                    };
                    r.unwrap();
                })
                .unwrap();
        },
        |client, c| {
            c.by_number();
            let open = Rc::new(Cell::new(SHORTCUTS.len()));
            for (i, name) in SHORTCUTS.iter().enumerate() {
                let req = client
                    .request(
                        headers! { ":path" => "/", "x-i" => i },
                        RequestOptions::default(),
                    )
                    .unwrap();
                req.on("error", |_: Error| {}).unwrap();
                let (c1, r, cl, open) = (c.clone(), req.clone(), client.clone(), open.clone());
                req.on("close", move || {
                    c1.push(format!("{i} {name} rstCode {}", rst(&r)));
                    open.set(open.get() - 1);
                    if open.get() == 0 {
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

/// STR-7, STR-12: the seed's 'streamClosed'(code) on both ends, before 'error'/'close'.
pub fn http2_stream_closed_event(t: &Trace) {
    run(
        t,
        ServerOptions::default(),
        |server: &Http2Server, s: &Lines| {
            let s = s.clone();
            server
                .on("stream", move |stream: ServerHttp2Stream| {
                    let s1 = s.clone();
                    stream.on("streamClosed", move |code: u32| s1.push(format!("streamClosed {code}"))).unwrap();
                    let s1 = s.clone();
                    stream.on("error", move |e: Error| s1.push(format!("error {}", e.code()))).unwrap();
                    let s1 = s.clone();
                    stream.on("close", move || s1.push("close")).unwrap();
                    stream.rst_stream(2).unwrap();
                })
                .unwrap();
        },
        |client, c| {
            let req = client.request(headers! { ":path" => "/" }, RequestOptions::default()).unwrap();
            let c1 = c.clone();
            req.on("streamClosed", move |code: u32| c1.push(format!("streamClosed {code}"))).unwrap();
            let c1 = c.clone();
            req.on("error", move |e: Error| c1.push(format!("error {}", e.code()))).unwrap();
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

/// SES-17: the seed's graceful `shutdown()`: GOAWAY with 2^31-1, then the real one, then the
/// callback.
pub fn http2_shutdown_graceful(t: &Trace) {
    run(
        t,
        ServerOptions::default(),
        |server: &Http2Server, s: &Lines| {
            let s = s.clone();
            server
                .on("stream", move |stream: ServerHttp2Stream| {
                    stream.respond(headers! { ":status" => 200 }, RespondOptions::default()).unwrap();
                    let (st, s1) = (stream.clone(), s.clone());
                    stream.end_with_callback(Some(bytes::Bytes::from_static(b"ok")), move |_| {
                        if let Some(session) = st.session() {
                            let s2 = s1.clone();
                            let options = http2::ShutdownOptions { graceful: true, ..Default::default() };
                            session.shutdown(options, Some(move || s2.push("shutdown callback"))).unwrap();
                        }
                    });
                })
                .unwrap();
        },
        |client, c| {
            let c1 = c.clone();
            client.on("goaway", move |code: u32, last: u32| c1.push(format!("goaway {code} {last}"))).unwrap();
            let c1 = c.clone();
            client.on("close", move || c1.push("session close")).unwrap();
            let req = client.request(headers! { ":path" => "/" }, RequestOptions::default()).unwrap();
            let c1 = c.clone();
            req.on("close", move || c1.push("stream close")).unwrap();
            req.resume();
        },
        ConnectOptions::default(),
        true,
    );
}

/// FN-3, SES-2: connecting to a port nobody listens on.
pub fn http2_connect_refused(t: &Trace) {
    let lp = http2::rt::EventLoop::new().unwrap();
    lp.enter(|| {
        let port = {
            let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            probe.local_addr().unwrap().port()
        };
        let client = http2::connect(&format!("http://127.0.0.1:{port}"), ConnectOptions::default()).unwrap();
        let req = client.request(headers! { ":path" => "/" }, RequestOptions::default()).unwrap();
        let t1 = t.clone();
        req.on("error", move |e: Error| t1.line(format!("stream error {}", e.code()))).unwrap();
        let t1 = t.clone();
        req.on("close", move || t1.line("stream close")).unwrap();
        let t1 = t.clone();
        client.on("error", move |e: Error| t1.line(format!("session error {} {}", e.code(), e.syscall().unwrap_or("")))).unwrap();
        let (t1, cl) = (t.clone(), client.clone());
        client.on("close", move || t1.line(format!("session close destroyed {}", cl.destroyed()))).unwrap();
    });
    lp.run().unwrap();
}

/// STR-3, SES-9, SES-14: 1 MiB each way on one stream, past every default window.
pub fn http2_large_bodies(t: &Trace) {
    const SIZE: usize = 1 << 20;
    run(
        t,
        ServerOptions::default(),
        |server: &Http2Server, s: &Lines| {
            let s = s.clone();
            server
                .on("stream", move |stream: ServerHttp2Stream| {
                    let got = Rc::new(Cell::new(0usize));
                    let g = got.clone();
                    stream.on("data", move |d: Chunk| g.set(g.get() + d.len())).unwrap();
                    let (s1, st) = (s.clone(), stream.clone());
                    stream
                        .on("end", move || {
                            s1.push(format!("received {}", got.get()));
                            st.respond(headers! { ":status" => 200 }, RespondOptions::default()).unwrap();
                            st.end_with(vec![b'b'; SIZE]);
                        })
                        .unwrap();
                })
                .unwrap();
        },
        |client, c| {
            let req = client.request(headers! { ":path" => "/", ":method" => "POST" }, RequestOptions::default()).unwrap();
            let got = Rc::new(Cell::new(0usize));
            let g = got.clone();
            req.on("data", move |d: Chunk| g.set(g.get() + d.len())).unwrap();
            let c1 = c.clone();
            req.on("end", move || c1.push(format!("received {}", got.get()))).unwrap();
            let (c1, cl) = (c.clone(), client.clone());
            req.on("close", move || {
                c1.push("close");
                cl.close(None);
            })
            .unwrap();
            req.end_with(vec![b'a'; SIZE]);
        },
        ConnectOptions::default(),
        false,
    );
}

/// SES-11, SES-15: close() with a stream still open waits for it.
pub fn http2_close_waits_for_streams(t: &Trace) {
    run(
        t,
        ServerOptions::default(),
        |server: &Http2Server, _s: &Lines| {
            server
                .on("stream", move |stream: ServerHttp2Stream| {
                    stream.respond(headers! { ":status" => 200 }, RespondOptions::default()).unwrap();
                    let st = stream.clone();
                    http2::rt::EventLoop::current().set_timeout(move || st.end_with("late"), 20);
                })
                .unwrap();
        },
        |client, c| {
            let req = client.request(headers! { ":path" => "/" }, RequestOptions::default()).unwrap();
            req.set_encoding("utf8").unwrap();
            let c1 = c.clone();
            req.on("data", move |d: Chunk| c1.push(format!("data {d}"))).unwrap();
            let c1 = c.clone();
            req.on("close", move || c1.push("stream close")).unwrap();
            let (c1, cl) = (c.clone(), client.clone());
            req.on("response", move || {
                let c2 = c1.clone();
                cl.close(Some(Box::new(move || c2.push("close callback"))));
                c1.push(format!("closed {} destroyed {}", cl.closed(), cl.destroyed()));
                match cl.request(headers! { ":path" => "/more" }, RequestOptions::default()) {
                    Ok(_) => c1.push("request ok"),
                    Err(e) => c1.push(format!("request {}", e.code())),
                }
            })
            .unwrap();
            let c1 = c.clone();
            client.on("close", move || c1.push("session close")).unwrap();
        },
        ConnectOptions::default(),
        false,
    );
}

/// STR-11, SES-20, SRV-1: request weights: PRIORITY in the 'stream' flags and the weight.
pub fn http2_priority_and_flags(t: &Trace) {
    run(
        t,
        ServerOptions::default(),
        |server: &Http2Server, s: &Lines| {
            s.by_number();
            let s = s.clone();
            server
                .on("stream", move |stream: ServerHttp2Stream, h: Headers, flags: u32| {
                    let weight = stream.state().map_or(0, |st| st.weight);
                    s.push(format!("{} {} flags {flags} weight {weight}", h.get("x-n").unwrap_or(""), h.get(":method").unwrap_or("")));
                    stream.respond(headers! { ":status" => 200 }, RespondOptions::default()).unwrap();
                    stream.end();
                })
                .unwrap();
        },
        |client, c| {
            let left = Rc::new(Cell::new(3));
            let reqs = [
                ("1", "GET", RequestOptions::default()),
                ("2", "GET", RequestOptions { weight: Some(32), ..Default::default() }),
                ("3", "POST", RequestOptions { weight: Some(200), end_stream: Some(true), ..Default::default() }),
            ];
            for (n, method, options) in reqs {
                let req = client.request(headers! { ":path" => "/", ":method" => method, "x-n" => n }, options).unwrap();
                let (c1, r) = (c.clone(), req.clone());
                req.on("response", move || c1.push(format!("{n} response weight {}", r.state().map_or(0, |st| st.weight)))).unwrap();
                let (cl, left) = (client.clone(), left.clone());
                req.on("close", move || {
                    left.set(left.get() - 1);
                    if left.get() == 0 {
                        cl.close(None);
                    }
                })
                .unwrap();
                req.resume();
            }
            c.by_number();
        },
        ConnectOptions::default(),
        false,
    );
}

/// OBJ-2, SES-21, FN-5: invalid settings are refused with Node's codes.
pub fn http2_settings_validation(t: &Trace) {
    run(
        t,
        ServerOptions::default(),
        |_server: &Http2Server, _s: &Lines| {},
        |client, c| {
            let (c, cl) = (c.clone(), client.clone());
            client
                .on("connect", move || {
                    let attempt = |what: &str, s: Settings| match cl.settings(s) {
                        Ok(()) => c.push(format!("{what} ok")),
                        Err(e) => c.push(format!("{what} {}", e.code())),
                    };
                    attempt("initialWindowSize 2^31", Settings { initial_window_size: Some(1 << 31), ..Default::default() });
                    attempt("maxFrameSize 100", Settings { max_frame_size: Some(100), ..Default::default() });
                    attempt("maxFrameSize 2^24", Settings { max_frame_size: Some(1 << 24), ..Default::default() });
                    attempt("maxConcurrentStreams 10", Settings { max_concurrent_streams: Some(10), ..Default::default() });
                    let (c1, cl2) = (c.clone(), cl.clone());
                    cl.on("localSettings", move |st: Settings| {
                        if st.max_concurrent_streams != Some(10) {
                            return;
                        }
                        c1.push("localSettings maxConcurrentStreams 10");
                        cl2.close(None);
                    })
                    .unwrap();
                })
                .unwrap();
        },
        ConnectOptions::default(),
        false,
    );
}

/// SES-12, CST-1: a client destroyed before it connected.
pub fn http2_client_destroy_before_connect(t: &Trace) {
    run(
        t,
        ServerOptions::default(),
        |server: &Http2Server, s: &Lines| {
            let s = s.clone();
            server.on("stream", move || s.push("stream")).unwrap();
        },
        |client, c| {
            let req = client.request(headers! { ":path" => "/" }, RequestOptions::default()).unwrap();
            let c1 = c.clone();
            req.on("error", move |e: Error| c1.push(format!("stream error {}", e.code()))).unwrap();
            let c1 = c.clone();
            req.on("close", move || c1.push("stream close")).unwrap();
            let (c1, cl) = (c.clone(), client.clone());
            client.on("close", move || c1.push(format!("session close destroyed {}", cl.destroyed()))).unwrap();
            client.destroy(None);
        },
        ConnectOptions::default(),
        true,
    );
}

/// PUSH-1, CST-2, STR-12: the client cancels a pushed stream.
pub fn http2_push_cancelled_by_client(t: &Trace) {
    run(
        t,
        ServerOptions::default(),
        |server: &Http2Server, s: &Lines| {
            let s = s.clone();
            server
                .on("stream", move |stream: ServerHttp2Stream| {
                    let (s1, st) = (s.clone(), stream.clone());
                    stream
                        .push_stream(headers! { ":path" => "/unwanted" }, http2::PriorityOptions::default(), move |r: Result<ServerHttp2Stream, Error>| {
                            let push = r.unwrap();
                            let s2 = s1.clone();
                            push.on("error", move |e: Error| s2.push(format!("push error {}", e.code()))).unwrap();
                            let (s2, p) = (s1.clone(), push.clone());
                            push.on("close", move || s2.push(format!("push close rstCode {}", rst(&p)))).unwrap();
                            push.respond(headers! { ":status" => 200 }, RespondOptions::default()).unwrap();
                            push.write("x".repeat(100));
                            let st = st.clone();
                            http2::rt::EventLoop::current().set_timeout(
                                move || {
                                    st.respond(headers! { ":status" => 200 }, RespondOptions::default()).unwrap();
                                    st.end_with("main");
                                },
                                20,
                            );
                        })
                        .unwrap();
                })
                .unwrap();
        },
        |client, c| {
            let c1 = c.clone();
            client
                .on("stream", move |pushed: http2::ClientHttp2Stream, h: Headers| {
                    c1.push(format!("pushed {}", h.get(":path").unwrap_or("")));
                    let (c2, p) = (c1.clone(), pushed.clone());
                    pushed.on("close", move || c2.push(format!("pushed close rstCode {}", rst(&p)))).unwrap();
                    pushed.rst_stream(8).unwrap();
                })
                .unwrap();
            let req = client.request(headers! { ":path" => "/" }, RequestOptions::default()).unwrap();
            req.set_encoding("utf8").unwrap();
            let c1 = c.clone();
            req.on("data", move |d: Chunk| c1.push(format!("data {d}"))).unwrap();
            let (c1, cl) = (c.clone(), client.clone());
            req.on("close", move || {
                c1.push("close");
                cl.close(None);
            })
            .unwrap();
        },
        ConnectOptions::default(),
        false,
    );
}
