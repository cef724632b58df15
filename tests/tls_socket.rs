//! NET-3: TLS sockets and servers on rustls over loopback, with certificates made by rcgen:
//! echo, event order (Node 20's: client `'connect'`, `'ready'`, `'secureConnect'`,
//! `'secure'`; server `'connection'`, then `'secureConnection'`), ALPN, peer certificates,
//! `reject_unauthorized`, a large transfer with backpressure, handshake failures.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use emitter::Listener;
use http2::net::{self, Server, Socket};
use http2::rt::EventLoop;
use http2::stream::{Chunk, Readable, Stream, Writable};
use http2::tls::{self, TlsConnectOptions, TlsServerOptions};
use http2::{Emitter, Error};

type Log = Rc<RefCell<Vec<String>>>;

fn push(log: &Log, s: impl Into<String>) {
    log.borrow_mut().push(s.into());
}

/// A self-signed certificate for `localhost` (CN "rcgen self signed cert"): (cert PEM, key PEM, DER).
fn self_signed() -> (String, String, Vec<u8>) {
    let ck = rcgen::generate_simple_self_signed(vec!["localhost".to_string()]).unwrap();
    (ck.cert.pem(), ck.key_pair.serialize_pem(), ck.cert.der().to_vec())
}

/// A CA ("test CA") and a leaf for `localhost` (CN "localhost") it signed:
/// (CA PEM, leaf PEM, leaf key PEM, leaf DER).
fn ca_and_leaf() -> (String, String, String, Vec<u8>) {
    let ca_key = rcgen::KeyPair::generate().unwrap();
    let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    ca_params.distinguished_name.push(rcgen::DnType::CommonName, "test CA");
    let ca = ca_params.self_signed(&ca_key).unwrap();
    let leaf_key = rcgen::KeyPair::generate().unwrap();
    let mut leaf_params = rcgen::CertificateParams::new(vec!["localhost".to_string()]).unwrap();
    leaf_params.distinguished_name.push(rcgen::DnType::CommonName, "localhost");
    let leaf = leaf_params.signed_by(&leaf_key, &ca, &ca_key).unwrap();
    (ca.pem(), leaf.pem(), leaf_key.serialize_pem(), leaf.der().to_vec())
}

fn port(server: &Server) -> u16 {
    server.address().map(|a| a.port).unwrap_or(0)
}

fn client_options(port: u16, ca: Option<&str>) -> TlsConnectOptions {
    TlsConnectOptions {
        host: "127.0.0.1".into(),
        port,
        servername: Some("localhost".into()),
        ca: ca.map(|c| c.as_bytes().to_vec()),
        ..TlsConnectOptions::default()
    }
}

/// A TLS echo server (`pipe` to itself) whose events go to `log` as "S ...".
fn echo_server(options: TlsServerOptions, log: &Log) -> Server {
    let l = log.clone();
    let server = tls::create_server(
        options,
        Some(Listener::new(move |s: Socket| {
            push(&l, format!("S secureConnection alpn={:?} authorized={} encrypted={}", s.alpn_protocol(), s.authorized(), s.encrypted()));
            s.pipe(&s);
        })),
    )
    .unwrap();
    let l = log.clone();
    server.on("connection", move |_s: Socket| push(&l, "S connection")).unwrap();
    let l = log.clone();
    server
        .on("tlsClientError", move |e: Error, s: Socket| push(&l, format!("S tlsClientError {} secured={}", e.code(), s.secured())))
        .unwrap();
    server
}

fn trace(name: &'static str, s: &Socket, log: &Log) {
    for e in ["connect", "ready", "secureConnect", "secure", "end", "finish"] {
        let l = log.clone();
        s.on(e, move || push(&l, format!("{name} {e}"))).unwrap();
    }
    let l = log.clone();
    s.on("data", move |c: Chunk| push(&l, format!("{name} data {c}"))).unwrap();
    let l = log.clone();
    s.on("error", move |e: Error| push(&l, format!("{name} error {}", e.code()))).unwrap();
    let l = log.clone();
    s.on("close", move |h: bool| push(&l, format!("{name} close {h}"))).unwrap();
}

#[test]
fn net_3_echo_over_tls_with_node_event_order() {
    let lp = EventLoop::new().unwrap();
    let (cert, key, _) = self_signed();
    let log: Log = Default::default();
    let server = echo_server(TlsServerOptions::from_pem(cert.as_bytes(), key.as_bytes()).unwrap(), &log);
    server.listen(0, "127.0.0.1", None).unwrap();
    let (l, c_slot) = (log.clone(), Rc::new(RefCell::new(None::<Socket>)));
    let c2 = c_slot.clone();
    let c = tls::connect(
        client_options(port(&server), Some(&cert)),
        Some(Listener::new(move || {
            let c = c2.borrow().clone();
            if let Some(c) = c {
                push(&l, format!("cb authorized={} encrypted={} alpn={:?}", c.authorized(), c.encrypted(), c.alpn_protocol()));
                c.end_with("hello");
            }
        })),
    )
    .unwrap();
    *c_slot.borrow_mut() = Some(c.clone());
    trace("C", &c, &log);
    let srv = server.clone();
    c.on("close", move || {
        srv.close(None);
    })
    .unwrap();
    lp.run().unwrap();
    c_slot.borrow_mut().take();
    let log = log.borrow();
    // The server's 'connection' and the client's 'connect' come from one poll, in the
    // kernel's order; the rest is Node's order.
    let client: Vec<&String> = log.iter().filter(|e| e.starts_with("C ") || e.starts_with("cb")).collect();
    assert_eq!(
        client,
        [
            "C connect",
            "C ready",
            "cb authorized=true encrypted=true alpn=None",
            "C secureConnect",
            "C secure",
            "C finish",
            "C data hello",
            "C end",
            "C close false"
        ]
    );
    let server_events: Vec<&String> = log.iter().filter(|e| e.starts_with("S ")).collect();
    assert_eq!(server_events, ["S connection", "S secureConnection alpn=None authorized=false encrypted=true"]);
}

/// Connects a client offering `offer` to a server preferring `ours`; returns what the
/// client and the server saw as the ALPN protocol once secure (`None`: no handshake).
#[allow(clippy::type_complexity)]
fn negotiate(ours: &[&str], offer: &[&str]) -> (Option<Option<String>>, Option<Option<String>>) {
    // Called more than once per test thread: use the thread's loop each time.
    let lp = EventLoop::current();
    let (cert, key, _) = self_signed();
    let seen: Rc<RefCell<(Option<Option<String>>, Option<Option<String>>)>> = Default::default();
    let s1 = seen.clone();
    let options = TlsServerOptions::from_pem(cert.as_bytes(), key.as_bytes()).unwrap().with_alpn(ours);
    let server = tls::create_server(options, Some(Listener::new(move |s: Socket| s1.borrow_mut().1 = Some(s.alpn_protocol())))).unwrap();
    server.listen(0, "127.0.0.1", None).unwrap();
    let mut opts = client_options(port(&server), Some(&cert));
    opts.alpn_protocols = offer.iter().map(|p| p.as_bytes().to_vec()).collect();
    let c = tls::connect(opts, None).unwrap();
    let (s2, c2, srv) = (seen.clone(), c.clone(), server.clone());
    c.on("secureConnect", move || {
        s2.borrow_mut().0 = Some(c2.alpn_protocol());
        c2.end();
    })
    .unwrap();
    c.on("close", move || {
        srv.close(None);
    })
    .unwrap();
    lp.run().unwrap();
    let seen = seen.borrow().clone();
    seen
}

#[test]
fn net_3_alpn_h2_is_chosen() {
    let h2 = Some(Some("h2".to_string()));
    assert_eq!(negotiate(&["h2", "http/1.1"], &["h2", "http/1.1"]), (h2.clone(), h2.clone()));
    // The server's preference wins (RFC 7301 §3.2).
    assert_eq!(negotiate(&["h2", "http/1.1"], &["http/1.1", "h2"]), (h2.clone(), h2));
}

#[test]
fn net_3_alpn_without_a_common_protocol_completes_with_none() {
    // rustls (and OpenSSL) would abort with no_application_protocol; the HTTP/2 server needs
    // the handshake to complete so it can emit 'unknownProtocol'.
    assert_eq!(negotiate(&["h2"], &["http/1.1"]), (Some(None), Some(None)));
    assert_eq!(negotiate(&["h2"], &[]), (Some(None), Some(None)));
    assert_eq!(negotiate(&["h2", "http/1.1"], &["http/1.1"]), (Some(Some("http/1.1".into())), Some(Some("http/1.1".into()))));
}

#[test]
fn net_3_peer_certificate_der_and_names() {
    let lp = EventLoop::new().unwrap();
    let (ca, leaf, key, leaf_der) = ca_and_leaf();
    let log: Log = Default::default();
    let server = echo_server(TlsServerOptions::from_pem(leaf.as_bytes(), key.as_bytes()).unwrap(), &log);
    server.listen(0, "127.0.0.1", None).unwrap();
    let c = tls::connect(client_options(port(&server), Some(&ca)), None).unwrap();
    let got = Rc::new(RefCell::new(None));
    let (g, c2, srv) = (got.clone(), c.clone(), server.clone());
    c.on("secureConnect", move || {
        *g.borrow_mut() = Some((c2.get_peer_certificate(), c2.authorized(), c2.servername()));
        c2.destroy(None);
        srv.close(None);
    })
    .unwrap();
    lp.run().unwrap();
    let (cert, authorized, servername) = got.borrow_mut().take().unwrap();
    let cert = cert.unwrap();
    assert_eq!(cert.der, leaf_der);
    assert_eq!(cert.subject_cn.as_deref(), Some("localhost"));
    assert_eq!(cert.issuer_cn.as_deref(), Some("test CA"));
    assert!(authorized);
    assert_eq!(servername.as_deref(), Some("localhost"));
}

#[test]
fn net_3_untrusted_certificate_is_rejected_by_default() {
    let lp = EventLoop::new().unwrap();
    let (cert, key, _) = self_signed();
    let (other_ca, _, _, _) = ca_and_leaf();
    let log: Log = Default::default();
    let server = echo_server(TlsServerOptions::from_pem(cert.as_bytes(), key.as_bytes()).unwrap(), &log);
    server.listen(0, "127.0.0.1", None).unwrap();
    let c = tls::connect(client_options(port(&server), Some(&other_ca)), None).unwrap();
    trace("C", &c, &log);
    let srv = server.clone();
    c.on("close", move || {
        srv.close(None);
    })
    .unwrap();
    lp.run().unwrap();
    let log = log.borrow();
    let client: Vec<&String> = log.iter().filter(|e| e.starts_with("C ")).collect();
    assert_eq!(client, ["C connect", "C ready", "C error DEPTH_ZERO_SELF_SIGNED_CERT", "C close true"]);
    // rustls tells the server why with an alert (OpenSSL's client just hangs up).
    assert!(log.contains(&"S tlsClientError ERR_SSL_TLSV1_ALERT_UNKNOWN_CA secured=false".to_string()), "{log:?}");
    assert!(!log.iter().any(|e| e.starts_with("S secureConnection")));
}

#[test]
fn net_3_reject_unauthorized_false_accepts_and_reports_why() {
    let lp = EventLoop::new().unwrap();
    let (cert, key, _) = self_signed();
    let log: Log = Default::default();
    let server = echo_server(TlsServerOptions::from_pem(cert.as_bytes(), key.as_bytes()).unwrap(), &log);
    server.listen(0, "127.0.0.1", None).unwrap();
    let mut opts = client_options(port(&server), None);
    opts.reject_unauthorized = false;
    let c = tls::connect(opts, None).unwrap();
    let (l, c2, srv) = (log.clone(), c.clone(), server.clone());
    c.on("secureConnect", move || {
        push(&l, format!("authorized={} error={:?}", c2.authorized(), c2.authorization_error().map(|e| e.code().to_string())));
        c2.end_with("ping");
    })
    .unwrap();
    let l = log.clone();
    c.on("data", move |d: Chunk| push(&l, format!("C data {d}"))).unwrap();
    c.on("close", move || {
        srv.close(None);
    })
    .unwrap();
    lp.run().unwrap();
    let log = log.borrow();
    assert!(log.contains(&"authorized=false error=Some(\"DEPTH_ZERO_SELF_SIGNED_CERT\")".to_string()), "{log:?}");
    assert!(log.contains(&"C data ping".to_string()), "{log:?}");
}

#[test]
fn net_3_wrong_host_name_is_err_tls_cert_altname_invalid() {
    let lp = EventLoop::new().unwrap();
    let (cert, key, _) = self_signed();
    let log: Log = Default::default();
    let server = echo_server(TlsServerOptions::from_pem(cert.as_bytes(), key.as_bytes()).unwrap(), &log);
    server.listen(0, "127.0.0.1", None).unwrap();
    let mut opts = client_options(port(&server), Some(&cert));
    opts.servername = Some("elsewhere.example".into());
    let c = tls::connect(opts, None).unwrap();
    trace("C", &c, &log);
    let srv = server.clone();
    c.on("close", move || {
        srv.close(None);
    })
    .unwrap();
    lp.run().unwrap();
    assert!(log.borrow().contains(&"C error ERR_TLS_CERT_ALTNAME_INVALID".to_string()), "{:?}", log.borrow());
}

#[test]
fn net_3_large_transfer_with_backpressure() {
    // 8 MiB through a TLS echo; the client honours write() == false and 'drain'.
    const CHUNK: usize = 128 * 1024;
    const TOTAL: usize = 64 * CHUNK;
    let lp = EventLoop::new().unwrap();
    let (cert, key, _) = self_signed();
    let log: Log = Default::default();
    let server = echo_server(TlsServerOptions::from_pem(cert.as_bytes(), key.as_bytes()).unwrap(), &log);
    server.listen(0, "127.0.0.1", None).unwrap();
    let data: Rc<Vec<u8>> = Rc::new((0..TOTAL).map(|i| (i % 253) as u8).collect());
    let c = tls::connect(client_options(port(&server), Some(&cert)), None).unwrap();
    let (sent, falses) = (Rc::new(Cell::new(0usize)), Rc::new(Cell::new(0usize)));
    let write_more: Rc<dyn Fn()> = {
        let (c, sent, falses, data) = (c.clone(), sent.clone(), falses.clone(), data.clone());
        Rc::new(move || {
            while sent.get() < TOTAL {
                let at = sent.get();
                let ok = c.write(data[at..at + CHUNK].to_vec());
                sent.set(at + CHUNK);
                if !ok {
                    falses.set(falses.get() + 1);
                    return;
                }
            }
        })
    };
    let w = write_more.clone();
    c.on("drain", move || w()).unwrap();
    let w = write_more.clone();
    c.on("secureConnect", move || w()).unwrap();
    let got = Rc::new(RefCell::new(Vec::with_capacity(TOTAL)));
    let (g, c2) = (got.clone(), c.clone());
    c.on("data", move |d: Chunk| {
        g.borrow_mut().extend_from_slice(&d);
        if g.borrow().len() >= TOTAL {
            c2.end();
        }
    })
    .unwrap();
    let srv = server.clone();
    c.on("close", move || {
        srv.close(None);
    })
    .unwrap();
    lp.run().unwrap();
    assert!(falses.get() > 0, "write() never returned false");
    assert!(*got.borrow() == *data, "echoed bytes differ ({} of {TOTAL})", got.borrow().len());
}

#[test]
fn net_3_destroy_during_handshake() {
    let lp = EventLoop::new().unwrap();
    let (cert, key, _) = self_signed();
    let log: Log = Default::default();
    let server = echo_server(TlsServerOptions::from_pem(cert.as_bytes(), key.as_bytes()).unwrap(), &log);
    server.listen(0, "127.0.0.1", None).unwrap();
    let c = tls::connect(client_options(port(&server), Some(&cert)), None).unwrap();
    trace("C", &c, &log);
    let c2 = c.clone();
    // 'connect' is TCP: the handshake has only begun.
    c.on("connect", move || c2.destroy(None)).unwrap();
    let (l, srv) = (log.clone(), server.clone());
    server
        .on("connection", move |s: Socket| {
            let srv = srv.clone();
            let l = l.clone();
            s.on("close", move |h: bool| {
                push(&l, format!("S close {h}"));
                srv.close(None);
            })
            .unwrap();
        })
        .unwrap();
    lp.run().unwrap();
    let log = log.borrow();
    let client: Vec<&String> = log.iter().filter(|e| e.starts_with("C ")).collect();
    assert_eq!(client, ["C connect", "C ready", "C close false"]);
    // Node: tlsClientError ECONNRESET ("socket hang up") on the server.
    assert!(log.contains(&"S tlsClientError ECONNRESET secured=false".to_string()), "{log:?}");
    assert!(log.contains(&"S close true".to_string()), "{log:?}");
}

#[test]
fn net_3_plain_tcp_client_to_a_tls_server_is_a_tls_client_error() {
    let lp = EventLoop::new().unwrap();
    let (cert, key, _) = self_signed();
    let log: Log = Default::default();
    let server = echo_server(TlsServerOptions::from_pem(cert.as_bytes(), key.as_bytes()).unwrap(), &log);
    server.listen(0, "127.0.0.1", None).unwrap();
    let c = net::connect(port(&server), "127.0.0.1");
    c.write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
    let l = log.clone();
    c.on("error", move |e: Error| push(&l, format!("C error {}", e.code()))).unwrap();
    let srv = server.clone();
    c.on("close", move || {
        srv.close(None);
    })
    .unwrap();
    c.resume();
    lp.run().unwrap();
    let log = log.borrow();
    assert!(log.iter().any(|e| e.starts_with("S tlsClientError ERR_SSL_")), "{log:?}");
}

#[test]
fn net_3_bad_pem_is_refused_when_the_server_is_created() {
    let e = TlsServerOptions::from_pem(b"not a certificate", b"nor a key").unwrap_err();
    assert_eq!(e.code(), "ERR_OSSL_PEM_NO_START_LINE");
    let (cert, _, _) = self_signed();
    let (_, other_key, _) = self_signed();
    let _lp = EventLoop::new().unwrap();
    let mismatched = TlsServerOptions::from_pem(cert.as_bytes(), other_key.as_bytes()).unwrap();
    let e = tls::create_server(mismatched, None).err().map(|e| e.code().to_string());
    assert_eq!(e.as_deref(), Some("ERR_OSSL_X509_KEY_VALUES_MISMATCH"));
}

#[test]
fn net_3_pem_files_are_read_and_a_missing_one_is_enoent() {
    let dir = std::env::temp_dir().join(format!("http2-tls-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (cert, key, _) = self_signed();
    std::fs::write(dir.join("cert.pem"), &cert).unwrap();
    std::fs::write(dir.join("key.pem"), &key).unwrap();
    let ok = TlsServerOptions::from_pem_files(dir.join("cert.pem"), dir.join("key.pem"));
    let missing = TlsServerOptions::from_pem_files(dir.join("nope.pem"), dir.join("key.pem")).err().map(|e| e.code().to_string());
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(ok.is_ok());
    assert_eq!(missing.as_deref(), Some("ENOENT"));
}
