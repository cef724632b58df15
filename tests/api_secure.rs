//! SRV-2: the secure server's `'unknownProtocol'`. A TLS client that negotiates no usable
//! protocol by ALPN (RFC 7301; RFC 9113 §3.2: "h2" over TLS) gets no HTTP/2 session: the
//! server emits `'unknownProtocol'` with the socket, and with nobody listening the connection
//! is closed. A client that negotiates "h2" on the same server gets a session as usual.

use std::cell::RefCell;
use std::rc::Rc;

use http2::net::Socket;
use http2::prelude::*;
use http2::rt::EventLoop;
use http2::stream::Chunk;
use http2::tls::{self, TlsConnectOptions, TlsServerOptions};
use http2::{create_secure_server, headers, Error, Http2Server, RespondOptions, SecureServerOptions, ServerHttp2Session, ServerHttp2Stream};

type Log = Rc<RefCell<Vec<String>>>;

fn push(log: &Log, line: impl Into<String>) {
    log.borrow_mut().push(line.into());
}

/// A secure HTTP/2 server with a fresh self-signed certificate for `localhost`, listening on
/// an ephemeral port, logging `'session'` and answering every stream with 200: (server,
/// port, certificate PEM).
fn secure_server(lp: &EventLoop, log: &Log) -> (Http2Server, u16, String) {
    let ck = rcgen::generate_simple_self_signed(vec!["localhost".to_string()]).unwrap();
    let (cert, key) = (ck.cert.pem(), ck.key_pair.serialize_pem());
    let tls = TlsServerOptions::from_pem(cert.as_bytes(), key.as_bytes()).unwrap();
    let server = lp.enter(|| create_secure_server(SecureServerOptions { session: Default::default(), tls, allow_http1: false }).unwrap());
    let l = log.clone();
    server.on("session", move |_s: ServerHttp2Session| push(&l, "S session")).unwrap();
    server
        .on("stream", |stream: ServerHttp2Stream, _h: http2::Headers, _f: u32| -> Result<(), Error> {
            stream.respond(headers! { ":status" => 200 }, RespondOptions::default())?;
            stream.end_with("ok");
            Ok(())
        })
        .unwrap();
    server.listen(0, "127.0.0.1", None::<fn()>).unwrap();
    let port = server.address().unwrap().port;
    (server, port, cert)
}

/// A TLS client offering `alpn` that trusts `cert`, sends an HTTP/1.1 request once the
/// handshake is done, and logs what it receives and when it closes. Closes `server` when it
/// is closed itself.
fn tls_client(lp: &EventLoop, port: u16, cert: &str, alpn: &[&str], log: &Log, server: &Http2Server) -> Socket {
    let options = TlsConnectOptions {
        host: "127.0.0.1".into(),
        port,
        servername: Some("localhost".into()),
        ca: Some(cert.as_bytes().to_vec()),
        alpn_protocols: alpn.iter().map(|p| p.as_bytes().to_vec()).collect(),
        ..TlsConnectOptions::default()
    };
    let c = tls::connect_on(lp, options, None).unwrap();
    // A server that never closes the connection would leave this loop running: fail instead.
    // (Unreferenced, the timer does not keep the loop alive itself.)
    lp.set_timeout(|| -> Result<(), Error> { panic!("the connection was still open after 10 s") }, 10_000).unref();
    let (l, c2) = (log.clone(), c.clone());
    c.on("secureConnect", move || {
        push(&l, format!("C secureConnect alpn={:?}", c2.alpn_protocol()));
        c2.write("GET / HTTP/1.1\r\nhost: localhost\r\n\r\n");
    })
    .unwrap();
    let l = log.clone();
    c.on("data", move |d: Chunk| push(&l, format!("C data {} bytes", d.len()))).unwrap();
    let l = log.clone();
    c.on("error", move |e: Error| push(&l, format!("C error {}", e.code()))).unwrap();
    let (l, srv) = (log.clone(), server.clone());
    c.on("close", move || {
        push(&l, "C close");
        srv.close(None);
    })
    .unwrap();
    c
}

#[test]
fn srv_2_unknown_protocol_is_emitted_with_the_socket() {
    let lp = EventLoop::new().unwrap();
    let log: Log = Default::default();
    let (server, port, cert) = secure_server(&lp, &log);
    let l = log.clone();
    server
        .on("unknownProtocol", move |socket: Socket| {
            push(&l, format!("S unknownProtocol alpn={:?} encrypted={}", socket.alpn_protocol(), socket.encrypted()));
            // The listener owns the socket now: here it answers in HTTP/1.1, ends its side, and
            // reads (discarding the request) so that it sees the client's end and closes.
            socket.end_with("HTTP/1.1 505 HTTP Version Not Supported\r\ncontent-length: 0\r\n\r\n");
            socket.resume();
        })
        .unwrap();
    tls_client(&lp, port, &cert, &["http/1.1"], &log, &server);
    lp.run().unwrap();
    let log = log.borrow();
    // (TLS 1.3: the client may finish its handshake before the server does, so the two
    // sides' first events come in either order.)
    assert_eq!(log.iter().filter(|l| l.starts_with("S unknownProtocol")).count(), 1, "{log:?}");
    assert!(log.contains(&"S unknownProtocol alpn=None encrypted=true".to_string()), "{log:?}");
    assert!(log.contains(&"C secureConnect alpn=None".to_string()), "{log:?}");
    assert!(log.iter().any(|l| l.starts_with("C data ")), "the listener's answer arrives: {log:?}");
    assert_eq!(log.last().map(String::as_str), Some("C close"), "{log:?}");
    assert!(!log.contains(&"S session".to_string()), "no HTTP/2 session: {log:?}");
}

#[test]
fn srv_2_without_a_listener_the_connection_is_closed() {
    for alpn in [&["http/1.1"][..], &[]] {
        let lp = EventLoop::new().unwrap();
        let log: Log = Default::default();
        let (server, port, cert) = secure_server(&lp, &log);
        tls_client(&lp, port, &cert, alpn, &log, &server);
        lp.run().unwrap();
        let log = log.borrow();
        assert!(!log.iter().any(|l| l.starts_with("C data ")), "offer {alpn:?}: nothing is answered: {log:?}");
        assert!(!log.contains(&"S session".to_string()), "offer {alpn:?}: no HTTP/2 session: {log:?}");
        assert_eq!(log.last().map(String::as_str), Some("C close"), "offer {alpn:?}: the server closed it: {log:?}");
    }
}

#[test]
fn srv_2_an_h2_client_on_the_same_server_gets_a_session() {
    let lp = EventLoop::new().unwrap();
    let log: Log = Default::default();
    let (server, port, cert) = secure_server(&lp, &log);
    let l = log.clone();
    server.on("unknownProtocol", move |_s: Socket| push(&l, "S unknownProtocol")).unwrap();
    let options = http2::ConnectOptions { ca: Some(cert.into_bytes()), servername: Some("localhost".into()), ..Default::default() };
    lp.enter(|| {
        let client = http2::connect(&format!("https://127.0.0.1:{port}"), options).unwrap();
        let req = client.request(headers! { ":path" => "/" }, http2::RequestOptions::default()).unwrap();
        let l = log.clone();
        req.on("response", move |h: http2::Headers, _f: u32| push(&l, format!("C response {}", h.get(":status").unwrap_or("?")))).unwrap();
        req.resume();
        let (c, s) = (client.clone(), server.clone());
        req.on("end", move || {
            c.destroy(None);
            s.close(None);
        })
        .unwrap();
    });
    lp.run().unwrap();
    assert_eq!(*log.borrow(), ["S session", "C response 200"]);
}
