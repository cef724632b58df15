//! The HTTP/2 API end to end on the loop, our client against our server over loopback
//! (SES-*, STR-*, CST-*, SST-*, SRV-1, FN-1, FN-3).

use std::cell::RefCell;
use std::rc::Rc;

use http2::prelude::*;
use http2::rt::EventLoop;
use http2::stream::Chunk;
use http2::{connect, create_server, headers, ClientHttp2Stream, ConnectOptions, Error, Headers, Http2Server, RequestOptions, RespondOptions, ServerHttp2Stream, ServerOptions};

type Log = Rc<RefCell<Vec<String>>>;

fn server_on(lp: &EventLoop) -> Http2Server {
    lp.enter(|| create_server(ServerOptions::default()).unwrap())
}

fn listen(server: &Http2Server) -> u16 {
    server.listen(0, "127.0.0.1", None::<fn()>).unwrap();
    server.address().unwrap().port
}

#[test]
fn ses_9_sst_5_cst_3_get_request_and_response() {
    let lp = EventLoop::new().unwrap();
    let server = server_on(&lp);
    server
        .on("stream", |stream: ServerHttp2Stream, headers: Headers, flags: u32| -> Result<(), Error> {
            assert_eq!(headers.get(":path"), Some("/hello"));
            assert_eq!(flags & 1, 1, "END_STREAM on a GET");
            stream.respond(headers! { ":status" => 200, "content-type" => "text/plain" }, RespondOptions::default())?;
            stream.end_with("hello world");
            Ok(())
        })
        .unwrap();
    let port = listen(&server);
    let log: Log = Default::default();
    lp.enter(|| {
        let client = connect(&format!("http://127.0.0.1:{port}"), ConnectOptions::default()).unwrap();
        let req = client.request(headers! { ":path" => "/hello" }, RequestOptions::default()).unwrap();
        let l = log.clone();
        req.on("response", move |h: Headers, _flags: u32| l.borrow_mut().push(format!("response {}", h.get(":status").unwrap_or("?")))).unwrap();
        req.set_encoding("utf8").unwrap();
        let l = log.clone();
        req.on("data", move |c: Chunk| l.borrow_mut().push(format!("data {}", c))).unwrap();
        let (l, c, s) = (log.clone(), client.clone(), server.clone());
        req.on("end", move || {
            l.borrow_mut().push("end".into());
            c.destroy(None);
            s.close(None);
        })
        .unwrap();
        let l = log.clone();
        req.on("close", move || l.borrow_mut().push("close".into())).unwrap();
    });
    lp.run().unwrap();
    assert_eq!(*log.borrow(), ["response 200", "data hello world", "end", "close"]);
}

#[test]
fn sst_5_post_body_echo_large_with_flow_control() {
    let lp = EventLoop::new().unwrap();
    let server = server_on(&lp);
    server
        .on("stream", |stream: ServerHttp2Stream| -> Result<(), Error> {
            stream.respond(headers! { ":status" => 200 }, RespondOptions::default())?;
            // Echo the request body back (pipe with backpressure).
            stream.pipe(&stream);
            Ok(())
        })
        .unwrap();
    let port = listen(&server);
    let body: Vec<u8> = (0..3_000_000u32).map(|i| (i % 251) as u8).collect();
    let got = Rc::new(RefCell::new(Vec::<u8>::new()));
    lp.enter(|| {
        let client = connect(&format!("http://127.0.0.1:{port}"), ConnectOptions::default()).unwrap();
        let req: ClientHttp2Stream = client.request(headers! { ":method" => "POST", ":path" => "/echo" }, RequestOptions::default()).unwrap();
        let g = got.clone();
        req.on("data", move |c: Chunk| g.borrow_mut().extend_from_slice(&c)).unwrap();
        let (c, s) = (client.clone(), server.clone());
        req.on("end", move || {
            c.destroy(None);
            s.close(None);
        })
        .unwrap();
        req.end_with(body.clone());
    });
    lp.run().unwrap();
    let got = got.borrow();
    assert_eq!(got.len(), 3_000_000);
    assert!(got.iter().enumerate().all(|(i, &b)| b == (i % 251) as u8));
}

/// STR-3, NET-2: once a stream has emitted 'close' its listeners are dropped, so a listener
/// that holds its own stream (the usual way to answer from an event) is no `Rc` cycle: the
/// stream and everything its listeners captured are freed (a leak the h2 benchmark found).
#[test]
fn str_3_streams_release_their_listeners_after_close() {
    let lp = EventLoop::new().unwrap();
    let server = server_on(&lp);
    let token = Rc::new(());
    let t = token.clone();
    server
        .on("stream", move |stream: ServerHttp2Stream| -> Result<(), Error> {
            // Each listener holds the stream and a token.
            let (st, t1) = (stream.clone(), t.clone());
            stream.on("finish", move || {
                let _ = (&st, &t1);
            })?;
            stream.respond(headers! { ":status" => 200 }, RespondOptions::default())?;
            stream.end_with("ok");
            Ok(())
        })
        .unwrap();
    let port = listen(&server);
    let t = token.clone();
    lp.enter(|| {
        let client = connect(&format!("http://127.0.0.1:{port}"), ConnectOptions::default()).unwrap();
        for _ in 0..3 {
            let req = client.request(headers! { ":path" => "/" }, RequestOptions::default()).unwrap();
            let (r, t1) = (req.clone(), t.clone());
            req.on("end", move || {
                let _ = (&r, &t1);
            })
            .unwrap();
            req.resume();
        }
        let (c, s) = (client.clone(), server.clone());
        http2::rt::EventLoop::current().set_timeout(
            move || {
                c.close(None);
                s.close(None);
            },
            100,
        );
    });
    drop(t);
    lp.run().unwrap();
    drop(server);
    assert_eq!(Rc::strong_count(&token), 1, "listeners of closed streams still hold what they captured");
}

/// SES-18, SES-22, SES-1: each session has its socket (for inspection) and its type; closing
/// the session ends the socket too.
#[test]
fn ses_18_ses_22_socket_and_type() {
    use http2::constants::{NGHTTP2_SESSION_CLIENT, NGHTTP2_SESSION_SERVER};
    let lp = EventLoop::new().unwrap();
    let server = server_on(&lp);
    let log: Log = Default::default();
    let l = log.clone();
    server
        .on("session", move |s: http2::ServerHttp2Session| {
            l.borrow_mut().push(format!("server type {} socket {}", s.session_type() == NGHTTP2_SESSION_SERVER, s.socket().is_some()));
        })
        .unwrap();
    let port = listen(&server);
    lp.enter(|| {
        let client = connect(&format!("http://127.0.0.1:{port}"), ConnectOptions::default()).unwrap();
        let (l, c, s) = (log.clone(), client.clone(), server.clone());
        client
            .on("connect", move || {
                let socket = c.socket();
                l.borrow_mut().push(format!("client type {} socket {}", c.session_type() == NGHTTP2_SESSION_CLIENT, socket.is_some()));
                let (l2, sock) = (l.clone(), socket.unwrap());
                c.on("close", move || l2.borrow_mut().push(format!("closed; socket destroyed {}", sock.destroyed()))).unwrap();
                c.close(None);
                s.close(None);
            })
            .unwrap();
    });
    lp.run().unwrap();
    assert_eq!(*log.borrow(), ["server type true socket true", "client type true socket true", "closed; socket destroyed true"]);
}

/// Runs a server whose sessions get their socket destroyed with an error (`ETEST`) once the
/// first request arrives; `setup` adds listeners to the server and each session. Returns the
/// log. The client swallows its own errors: only the server side is under test.
fn socket_error_case(setup: impl Fn(&Http2Server, &http2::ServerHttp2Session, &Log) + 'static, server_listens: bool) -> Vec<String> {
    let lp = EventLoop::new().unwrap();
    let server = server_on(&lp);
    let log: Log = Default::default();
    let setup = Rc::new(setup);
    if server_listens {
        let l = log.clone();
        server
            .on("socketError", move |e: Error, s: http2::ServerHttp2Session| {
                l.borrow_mut().push(format!("server socketError {} (session destroyed: {})", e.code(), s.destroyed()));
            })
            .unwrap();
    }
    let (l, srv) = (log.clone(), server.clone());
    server
        .on("session", move |session: http2::ServerHttp2Session| {
            setup(&srv, &session, &l);
            let (l2, srv2) = (l.clone(), srv.clone());
            session.on("close", move || {
                l2.borrow_mut().push("session close".into());
                srv2.close(None);
            })
            .unwrap();
        })
        .unwrap();
    let l = log.clone();
    server
        .on("stream", move |stream: ServerHttp2Stream, _h: Headers, _f: u32| -> Result<(), Error> {
            // A session destroyed with an error destroys its streams with it (as Node does).
            let l2 = l.clone();
            stream.on("error", move |e: Error| l2.borrow_mut().push(format!("stream error {}", e.code())))?;
            let session = stream.session().expect("a live stream has its session");
            let socket = session.socket().expect("a live session has its socket");
            socket.destroy(Some(Error::new("ETEST", "socket failed under test")));
            Ok(())
        })
        .unwrap();
    let port = listen(&server);
    lp.enter(|| {
        let client = connect(&format!("http://127.0.0.1:{port}"), ConnectOptions::default()).unwrap();
        client.on("error", |_e: Error| {}).unwrap();
        let req = client.request(headers! { ":path" => "/" }, RequestOptions::default()).unwrap();
        req.on("error", |_e: Error| {}).unwrap();
        let c = client.clone();
        req.on("close", move || c.destroy(None)).unwrap();
    });
    lp.run().unwrap();
    let out = log.borrow().clone();
    out
}

/// SES-10 (seed: "'socketError' is emitted when an 'error' is emitted on the Socket"): the
/// session's own listener gets the error, and the server's is not called.
#[test]
fn ses_10_socket_error_reaches_the_session_listener() {
    let log = socket_error_case(
        |_srv, session, log| {
            let l = log.clone();
            session.on("socketError", move |e: Error| l.borrow_mut().push(format!("session socketError {} {}", e.code(), e.message()))).unwrap();
        },
        true,
    );
    assert_eq!(log, ["session socketError ETEST socket failed under test", "session close"]);
}

/// SES-10 (seed: "for ServerHttp2Session instances, a 'socketError' event listener is always
/// registered that will, by default, forward the event on to the owning Http2Server"): with
/// no session listener, the server's `'socketError'` gets the error and the session.
#[test]
fn ses_10_socket_error_is_forwarded_to_the_server() {
    let log = socket_error_case(|_srv, _session, _log| {}, true);
    assert_eq!(log, ["server socketError ETEST (session destroyed: false)", "session close"]);
}

/// SES-10 with nobody listening: the session is destroyed with the error (Node 20's
/// `socketOnError`): its streams are destroyed with it first, then the session's `'error'`
/// carries it before `'close'`.
#[test]
fn ses_10_unhandled_socket_error_destroys_the_session_with_it() {
    let log = socket_error_case(
        |_srv, session, log| {
            let l = log.clone();
            session.on("error", move |e: Error| l.borrow_mut().push(format!("session error {}", e.code()))).unwrap();
        },
        false,
    );
    assert_eq!(log, ["stream error ETEST", "session error ETEST", "session close"]);
}

/// Runs a server whose client sends GOAWAY with ENHANCE_YOUR_CALM (0xb) as soon as it is
/// connected, so the server's session is destroyed with `ERR_HTTP2_SESSION_ERROR` (Node's
/// `onGoawayData`, RFC 9113 §6.8); `setup` adds listeners to the server and each session.
/// Returns the log.
fn session_error_case(setup: impl Fn(&Http2Server, &http2::ServerHttp2Session, &Log) + 'static) -> Vec<String> {
    let lp = EventLoop::new().unwrap();
    let server = server_on(&lp);
    let log: Log = Default::default();
    let (l, srv) = (log.clone(), server.clone());
    server
        .on("session", move |session: http2::ServerHttp2Session| {
            setup(&srv, &session, &l);
            let (l2, srv2) = (l.clone(), srv.clone());
            session.on("close", move || {
                l2.borrow_mut().push("session close".into());
                srv2.close(None);
            })
            .unwrap();
        })
        .unwrap();
    let port = listen(&server);
    lp.enter(|| {
        let client = connect(&format!("http://127.0.0.1:{port}"), ConnectOptions::default()).unwrap();
        client.on("error", |_e: Error| {}).unwrap();
        let c = client.clone();
        client.on("connect", move || c.send_goaway(0xb, None, b"").unwrap()).unwrap();
    });
    lp.run().unwrap();
    let out = log.borrow().clone();
    out
}

/// SRV-1 `'sessionError'`: a session's own `'error'` listener gets its error; the server's
/// `'sessionError'` is not called.
#[test]
fn srv_1_session_error_reaches_the_session_listener() {
    let log = session_error_case(|srv, session, log| {
        let l = log.clone();
        session.on("error", move |e: Error| l.borrow_mut().push(format!("session error {}", e.code()))).unwrap();
        let l = log.clone();
        srv.on("sessionError", move |e: Error, _s: http2::ServerHttp2Session| l.borrow_mut().push(format!("server sessionError {}", e.code())))
            .unwrap();
    });
    assert_eq!(log, ["session error ERR_HTTP2_SESSION_ERROR", "session close"]);
}

/// SRV-1 (seed: "'sessionError' is emitted when an 'error' event is emitted by an
/// Http2Session object associated with the Http2Server"): with no session listener, the
/// server's `'sessionError'` gets the error and the session.
#[test]
fn srv_1_session_error_is_forwarded_to_the_server() {
    let log = session_error_case(|srv, session, log| {
        let (l, mine) = (log.clone(), session.clone());
        srv.on("sessionError", move |e: Error, s: http2::ServerHttp2Session| {
            l.borrow_mut().push(format!("server sessionError {} {} (its session: {})", e.code(), e.message(), s.same(&mine)));
        })
        .unwrap();
    });
    assert_eq!(log, ["server sessionError ERR_HTTP2_SESSION_ERROR Session closed with error code 11 (its session: true)", "session close"]);
}

/// SRV-1: with no `'sessionError'` listener, the server's own `'error'` listeners get it.
#[test]
fn srv_1_session_error_falls_back_to_the_server_error_event() {
    let log = session_error_case(|srv, _session, log| {
        let l = log.clone();
        srv.on("error", move |e: Error| l.borrow_mut().push(format!("server error {}", e.code()))).unwrap();
    });
    assert_eq!(log, ["server error ERR_HTTP2_SESSION_ERROR", "session close"]);
}

/// SRV-1 with nobody listening anywhere: one misbehaving client never takes the server down
/// (the error is logged, not raised out of the loop), and its session still closes.
#[test]
fn srv_1_unhandled_session_error_does_not_stop_the_server() {
    let log = session_error_case(|_srv, _session, _log| {});
    assert_eq!(log, ["session close"]);
}

/// SST-4 / PUSH-1: a push names only its `:path`; its `:authority` and `:scheme` default to
/// those of the request it is pushed on (Node's `kAuthority` and `kProtocol`), and `:method`
/// to GET, as the client sees in the promise.
#[test]
fn sst_4_push_defaults_to_the_request_authority_and_scheme() {
    let lp = EventLoop::new().unwrap();
    let server = server_on(&lp);
    server
        .on("stream", |stream: ServerHttp2Stream, _headers: Headers| -> Result<(), Error> {
            let parent = stream.clone();
            stream.push_stream(headers! { ":path" => "/pushed.css" }, http2::PriorityOptions::default(), move |r: Result<ServerHttp2Stream, Error>| {
                let push = r.unwrap();
                push.respond(headers! { ":status" => 200 }, RespondOptions::default()).unwrap();
                push.end_with("p");
                parent.respond(headers! { ":status" => 200 }, RespondOptions::default()).unwrap();
                parent.end_with("page");
            })?;
            Ok(())
        })
        .unwrap();
    let port = listen(&server);
    let log: Log = Default::default();
    lp.enter(|| {
        let client = connect(&format!("http://127.0.0.1:{port}"), ConnectOptions::default()).unwrap();
        let l = log.clone();
        client
            .on("stream", move |_pushed: ClientHttp2Stream, h: Headers| {
                l.borrow_mut().push(format!("{} {} {} {}", h.get(":method").unwrap_or("?"), h.get(":scheme").unwrap_or("?"), h.get(":authority").unwrap_or("?"), h.get(":path").unwrap_or("?")));
            })
            .unwrap();
        let req = client.request(headers! { ":path" => "/", ":authority" => "example.test:8080" }, RequestOptions::default()).unwrap();
        req.resume();
        let (c, s) = (client.clone(), server.clone());
        req.on("end", move || {
            c.destroy(None);
            s.close(None);
        })
        .unwrap();
    });
    lp.run().unwrap();
    assert_eq!(*log.borrow(), ["GET http example.test:8080 /pushed.css"]);
}
