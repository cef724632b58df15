//! NET-1, NET-2: socket and server events over loopback, compared with Node 20 running the
//! same scenarios (tests/node/net_events.js prints the expected lists, `--` between them).

use std::cell::RefCell;
use std::rc::Rc;

use emitter::Listener;
use http2::net::{self, Server, Socket};
use http2::rt::EventLoop;
use http2::stream::{Chunk, Readable, Stream, Writable};
use http2::{Emitter, Error};

type Log = Rc<RefCell<Vec<String>>>;

fn log() -> Log {
    Rc::new(RefCell::new(Vec::new()))
}

fn push(log: &Log, s: impl Into<String>) {
    log.borrow_mut().push(s.into());
}

/// Logs a socket's events as the JS `trace` does.
fn trace(name: &'static str, s: &Socket, log: &Log) {
    for e in ["connect", "ready", "end", "finish", "timeout"] {
        let l = log.clone();
        s.on(e, move || push(&l, format!("{name} {e}"))).unwrap();
    }
    let l = log.clone();
    s.on("close", move |had_error: bool| push(&l, format!("{name} close {had_error}"))).unwrap();
    let l = log.clone();
    s.on("error", move |e: Error| push(&l, format!("{name} error {}", e.code()))).unwrap();
    let l = log.clone();
    s.on("data", move |c: Chunk| push(&l, format!("{name} data {c}"))).unwrap();
}

fn port(server: &Server) -> u16 {
    server.address().map(|a| a.port).unwrap_or(0)
}

#[test]
fn net_1_echo_through_pipe_matches_node_order() {
    let lp = EventLoop::new().unwrap();
    let log = log();
    let l = log.clone();
    let server = net::create_server(Some(Listener::new(move |s: Socket| {
        push(&l, format!("server connection pending={} rs={}", s.pending(), s.ready_state()));
        trace("S", &s, &l);
        s.pipe(&s);
    })));
    let l = log.clone();
    server.on("close", move || push(&l, "server close")).unwrap();
    let (l, srv) = (log.clone(), server.clone());
    server
        .listen(
            0,
            "127.0.0.1",
            Some(Listener::new(move || {
                push(&l, "listening");
                let l2 = l.clone();
                let c = net::create_connection(port(&srv), "127.0.0.1", Some(Listener::new(move || push(&l2, "connect cb"))));
                push(&l, format!("client pending={} connecting={} rs={}", c.pending(), c.connecting(), c.ready_state()));
                trace("C", &c, &l);
                c.write("hello");
                c.end();
                let srv = srv.clone();
                c.on("close", move || {
                    srv.close(None);
                })
                .unwrap();
            })),
        )
        .unwrap();
    lp.run().unwrap();
    assert_eq!(
        *log.borrow(),
        [
            "listening",
            "client pending=true connecting=true rs=opening",
            "server connection pending=false rs=open",
            "connect cb",
            "C connect",
            "C ready",
            "C finish",
            "S data hello",
            "S end",
            "C data hello",
            "S finish",
            "S close false",
            "C end",
            "C close false",
            "server close",
        ]
    );
}

/// Runs `client` against a server whose sockets are traced as "S"; the server closes once
/// its socket has closed.
fn with_server(lp: &EventLoop, log: &Log, client: impl Fn(u16) + 'static) {
    let l = log.clone();
    let server = net::create_server(Some(Listener::new(move |s: Socket| trace("S", &s, &l))));
    let srv = server.clone();
    server
        .listen(
            0,
            "127.0.0.1",
            Some(Listener::new(move || {
                client(port(&srv));
                let srv = srv.clone();
                srv.clone()
                    .on("connection", move |s: Socket| {
                        let srv = srv.clone();
                        s.on("close", move || {
                            srv.close(None);
                        })
                        .unwrap();
                    })
                    .unwrap();
            })),
        )
        .unwrap();
    lp.run().unwrap();
}

#[test]
fn net_2_destroy_without_error_closes_false_and_the_peer_ends() {
    let lp = EventLoop::new().unwrap();
    let log = log();
    let l = log.clone();
    with_server(&lp, &log, move |port| {
        let l2 = l.clone();
        let c = Socket::new();
        let c2 = c.clone();
        c.connect_with(port, "127.0.0.1", move || {
            push(&l2, "C destroy()");
            c2.destroy(None);
            push(&l2, format!("destroyed={} rs={}", c2.destroyed(), c2.ready_state()));
        });
        trace("C", &c, &l);
    });
    assert_eq!(
        *log.borrow(),
        ["C destroy()", "destroyed=true rs=closed", "C connect", "C ready", "C close false", "S end", "S finish", "S close false"]
    );
}

#[test]
fn net_2_destroy_with_error_emits_error_then_close_true() {
    let lp = EventLoop::new().unwrap();
    let log = log();
    let l = log.clone();
    with_server(&lp, &log, move |port| {
        let c = Socket::new();
        let c2 = c.clone();
        c.connect_with(port, "127.0.0.1", move || c2.destroy(Some(Error::new("ERR_BOOM", "boom"))));
        trace("C", &c, &l);
    });
    assert_eq!(*log.borrow(), ["C connect", "C ready", "C error ERR_BOOM", "C close true", "S end", "S finish", "S close false"]);
}

#[test]
fn net_1_connection_refused_is_econnrefused_error_then_close_true() {
    let lp = EventLoop::new().unwrap();
    let log = log();
    // Port 1 on loopback: nothing listens there (tcpmux is long dead).
    let c = net::connect(1, "127.0.0.1");
    trace("C", &c, &log);
    let l = log.clone();
    c.on("error", move |e: Error| {
        push(
            &l,
            format!(
                "message={} errno={} syscall={} address={} port={}",
                e.message(),
                e.errno().unwrap_or(0),
                e.syscall().unwrap_or(""),
                e.address().unwrap_or(""),
                e.port().unwrap_or(0)
            ),
        )
    })
    .unwrap();
    lp.run().unwrap();
    assert_eq!(
        *log.borrow(),
        [
            "C error ECONNREFUSED",
            "message=connect ECONNREFUSED 127.0.0.1:1 errno=-111 syscall=connect address=127.0.0.1 port=1",
            "C close true",
        ]
    );
}

#[test]
fn net_1_server_close_waits_for_its_connections_like_node() {
    let lp = EventLoop::new().unwrap();
    let log = log();
    let l = log.clone();
    let server = net::create_server(Some(Listener::new(move |s: Socket| trace("S", &s, &l))));
    let l = log.clone();
    server.on("close", move || push(&l, "server close")).unwrap();
    let (l, srv) = (log.clone(), server.clone());
    server
        .listen(
            0,
            "127.0.0.1",
            Some(Listener::new(move || {
                let c = Socket::new();
                let (l2, srv2, c2) = (l.clone(), srv.clone(), c.clone());
                c.connect_with(port(&srv), "127.0.0.1", move || {
                    let l3 = l2.clone();
                    srv2.close(Some(Box::new(move |e: Option<Error>| {
                        push(&l3, format!("close cb {}", e.map(|e| e.code().to_string()).unwrap_or("undefined".into())))
                    })));
                    push(&l2, format!("listening={} address={:?}", srv2.listening(), srv2.address()));
                    let (l4, c3) = (l2.clone(), c2.clone());
                    http2::rt::set_timeout(
                        move || {
                            push(&l4, "client end");
                            c3.end();
                        },
                        20,
                    );
                });
                trace("C", &c, &l);
                let (l5, srv3) = (l.clone(), srv.clone());
                http2::rt::set_timeout(
                    move || {
                        let l6 = l5.clone();
                        srv3.close(Some(Box::new(move |e: Option<Error>| {
                            push(&l6, format!("second close cb {}", e.map(|e| e.code().to_string()).unwrap_or_default()))
                        })));
                    },
                    100,
                );
            })),
        )
        .unwrap();
    lp.run().unwrap();
    assert_eq!(
        *log.borrow(),
        [
            "listening=false address=None",
            "C connect",
            "C ready",
            "client end",
            "C finish",
            "S end",
            "S finish",
            "server close",
            "close cb undefined",
            "S close false",
            "C end",
            "C close false",
            "server close",
            "second close cb ERR_SERVER_NOT_RUNNING",
        ]
    );
}

#[test]
fn net_1_idle_timeout_emits_timeout_once_without_destroying() {
    let lp = EventLoop::new().unwrap();
    let log = log();
    let server = net::create_server(Some(Listener::new(|s: Socket| {
        let s2 = s.clone();
        s.on("end", move || s2.end()).unwrap();
    })));
    let (l, srv) = (log.clone(), server.clone());
    server
        .listen(
            0,
            "127.0.0.1",
            Some(Listener::new(move || {
                let c = net::connect(port(&srv), "127.0.0.1");
                c.set_timeout(30, None);
                let (l2, c2) = (l.clone(), c.clone());
                c.on("timeout", move || {
                    push(&l2, format!("timeout destroyed={} rs={}", c2.destroyed(), c2.ready_state()));
                    let c3 = c2.clone();
                    http2::rt::set_timeout(move || c3.end(), 60);
                })
                .unwrap();
                let (l3, srv2) = (l.clone(), srv.clone());
                c.on("close", move |had_error: bool| {
                    push(&l3, format!("close {had_error}"));
                    srv2.close(None);
                })
                .unwrap();
            })),
        )
        .unwrap();
    lp.run().unwrap();
    assert_eq!(*log.borrow(), ["timeout destroyed=false rs=open", "close false"]);
}

#[test]
fn net_1_address_in_use_is_an_error_event_with_node_message() {
    let lp = EventLoop::new().unwrap();
    let log = log();
    let first = net::create_server(None);
    first.listen(0, "127.0.0.1", None).unwrap();
    let taken = port(&first);
    let second = net::create_server(None);
    let (l, s2) = (log.clone(), second.clone());
    second
        .on("error", move |e: Error| {
            push(&l, format!("{}|{}|{:?}|{:?}", e.code(), e.message(), e.errno(), e.syscall()));
            push(&l, format!("listening={} address={:?}", s2.listening(), s2.address()));
        })
        .unwrap();
    let l = log.clone();
    second.on("listening", move || push(&l, "listening")).unwrap();
    second.listen(taken, "127.0.0.1", None).unwrap();
    push(&log, "after listen");
    let f = first.clone();
    lp.set_timeout(
        move || {
            f.close(None);
        },
        20,
    );
    lp.run().unwrap();
    assert_eq!(
        *log.borrow(),
        [
            "after listen".to_string(),
            format!("EADDRINUSE|listen EADDRINUSE: address already in use 127.0.0.1:{taken}|Some(-98)|Some(\"listen\")"),
            "listening=false address=None".to_string(),
        ]
    );
}

#[test]
fn net_1_listen_twice_is_err_server_already_listen() {
    let lp = EventLoop::new().unwrap();
    let server = net::create_server(None);
    server.listen(0, "127.0.0.1", None).unwrap();
    let again = server.listen(0, "127.0.0.1", None).err().map(|e| e.code().to_string());
    assert_eq!(again.as_deref(), Some("ERR_SERVER_ALREADY_LISTEN"));
    server.close(None);
    lp.run().unwrap();
}
