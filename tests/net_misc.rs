//! NET-1: a peer that resets the connection, `maxConnections`, `destroySoon`, socket options
//! on a pending socket, and connecting twice. Over loopback on the real loop.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use emitter::Listener;
use http2::net::{self, Server, Socket};
use http2::rt::{self, EventLoop};
use http2::stream::{Chunk, Readable, Stream, Writable};
use http2::{Emitter, Error};

fn port(server: &Server) -> u16 {
    server.address().map(|a| a.port).unwrap_or(0)
}

#[test]
fn net_1_peer_reset_is_an_error_with_a_node_code_then_close_true() {
    // The server stops reading, then destroys the connection with unread data in its receive
    // queue, so the kernel answers with a reset. The client, still writing, sees ECONNRESET
    // (on a read) or EPIPE (on a write): an 'error' and 'close'(true), never a panic.
    let lp = EventLoop::new().unwrap();
    let server = net::create_server(Some(Listener::new(|s: Socket| {
        s.pause();
        let s2 = s.clone();
        rt::set_timeout(move || s2.destroy(None), 30);
    })));
    server.listen(0, "127.0.0.1", None).unwrap();
    let c = net::connect(port(&server), "127.0.0.1");
    let seen = Rc::new(RefCell::new(Vec::new()));
    let c2 = c.clone();
    let writer = rt::set_interval(
        move || {
            if c2.writable() {
                c2.write(vec![7u8; 64 * 1024]);
            }
        },
        1,
    );
    let s1 = seen.clone();
    c.on("error", move |e: Error| s1.borrow_mut().push(format!("error {} {}", e.code(), e.syscall().unwrap_or("")))).unwrap();
    let (s2, srv) = (seen.clone(), server.clone());
    c.on("close", move |had_error: bool| {
        s2.borrow_mut().push(format!("close {had_error}"));
        writer.clear();
        srv.close(None);
    })
    .unwrap();
    lp.run().unwrap();
    let seen = seen.borrow();
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert!(["error ECONNRESET read", "error EPIPE write", "error ECONNRESET write"].contains(&seen[0].as_str()), "{seen:?}");
    assert_eq!(seen[1], "close true");
}

#[test]
fn net_1_max_connections_closes_the_extra_connection() {
    let lp = EventLoop::new().unwrap();
    let accepted = Rc::new(Cell::new(0));
    let kept: Rc<RefCell<Vec<Socket>>> = Default::default();
    let (a, k) = (accepted.clone(), kept.clone());
    let server = net::create_server(Some(Listener::new(move |s: Socket| {
        a.set(a.get() + 1);
        k.borrow_mut().push(s);
    })));
    server.set_max_connections(Some(1));
    server.listen(0, "127.0.0.1", None).unwrap();
    let first = net::connect(port(&server), "127.0.0.1");
    let srv = server.clone();
    let (k2, f2) = (kept.clone(), first.clone());
    first
        .on("connect", move || {
            // The second connection is accepted by the kernel, then closed by the server.
            let second = net::connect(port(&srv), "127.0.0.1");
            let (srv, k3, f3) = (srv.clone(), k2.clone(), f2.clone());
            second
                .on("close", move |had_error: bool| {
                    assert!(!had_error);
                    assert_eq!(srv.get_connections(), 1);
                    f3.destroy(None);
                    for s in k3.borrow().iter() {
                        s.destroy(None);
                    }
                    srv.close(None);
                })
                .unwrap();
            second.resume();
        })
        .unwrap();
    lp.run().unwrap();
    assert_eq!(accepted.get(), 1);
    assert_eq!(server.get_connections(), 0);
    kept.borrow_mut().clear();
}

#[test]
fn net_1_destroy_soon_ends_then_destroys_after_finish() {
    let lp = EventLoop::new().unwrap();
    let log = Rc::new(RefCell::new(Vec::new()));
    let got = Rc::new(RefCell::new(Vec::new()));
    let g = got.clone();
    let server = net::create_server(Some(Listener::new(move |s: Socket| {
        let g = g.clone();
        s.on("data", move |c: Chunk| g.borrow_mut().extend_from_slice(&c)).unwrap();
    })));
    server.listen(0, "127.0.0.1", None).unwrap();
    let c = net::connect(port(&server), "127.0.0.1");
    let c2 = c.clone();
    c.on("connect", move || {
        c2.write("last words");
        c2.destroy_soon();
    })
    .unwrap();
    for e in ["finish", "end"] {
        let l = log.clone();
        c.on(e, move || l.borrow_mut().push(e.to_string())).unwrap();
    }
    let (l, srv, c3) = (log.clone(), server.clone(), c.clone());
    c.on("close", move |had_error: bool| {
        l.borrow_mut().push(format!("close {had_error} destroyed={}", c3.destroyed()));
        srv.close(None);
    })
    .unwrap();
    lp.run().unwrap();
    // Destroyed at 'finish': the peer's end never arrives as 'end'.
    assert_eq!(*log.borrow(), ["finish", "close false destroyed=true"]);
    assert_eq!(&got.borrow()[..], b"last words");
}

#[test]
fn net_1_options_set_before_connect_and_connecting_twice() {
    let lp = EventLoop::new().unwrap();
    let server = net::create_server(Some(Listener::new(|s: Socket| s.end_with("ok"))));
    server.listen(0, "127.0.0.1", None).unwrap();
    let c = Socket::new();
    assert!(c.pending() && !c.connecting());
    assert_eq!(c.ready_state(), "closed");
    c.set_no_delay(true).set_keep_alive(true, 1000).set_timeout(0, None);
    assert_eq!(c.timeout(), None);
    c.connect(port(&server), "127.0.0.1");
    let data = Rc::new(RefCell::new(String::new()));
    let d = data.clone();
    c.on("data", move |chunk: Chunk| d.borrow_mut().push_str(&chunk.as_str())).unwrap();
    let srv = server.clone();
    c.on("close", move || {
        srv.close(None);
    })
    .unwrap();
    // A second connect() while connecting is Node's ERR_SOCKET_CONNECTING, an uncaught error.
    c.connect(port(&server), "127.0.0.1");
    let err = lp.run().err().map(|e| e.code().to_string());
    assert_eq!(err.as_deref(), Some("ERR_SOCKET_CONNECTING"));
    // The loop stopped at the uncaught error; the first connect goes on.
    lp.run().unwrap();
    assert_eq!(*data.borrow(), "ok");
}
