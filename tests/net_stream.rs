//! NET-1, NET-2: Node stream semantics on TCP sockets over loopback: half-close, backpressure
//! and `'drain'`, `pipe` between sockets, re-entrant listeners, `unref`, addresses. Orders
//! are Node 20's (tests/node/net_stream.js prints them).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use bytes::Bytes;
use emitter::Listener;
use http2::net::{self, Server, Socket};
use http2::rt::{self, EventLoop};
use http2::stream::{Chunk, Readable, Stream, Writable};
use http2::{Emitter, Error};

type Log = Rc<RefCell<Vec<String>>>;

fn push(log: &Log, s: impl Into<String>) {
    log.borrow_mut().push(s.into());
}

fn trace(name: &'static str, s: &Socket, log: &Log) {
    for e in ["end", "finish"] {
        let l = log.clone();
        s.on(e, move || push(&l, format!("{name} {e}"))).unwrap();
    }
    let l = log.clone();
    s.on("close", move |h: bool| push(&l, format!("{name} close {h}"))).unwrap();
    let l = log.clone();
    s.on("error", move |e: Error| push(&l, format!("{name} error {}", e.code()))).unwrap();
    let l = log.clone();
    s.on("data", move |c: Chunk| push(&l, format!("{name} data {c}"))).unwrap();
}

fn port(server: &Server) -> u16 {
    server.address().map(|a| a.port).unwrap_or(0)
}

/// A server on 127.0.0.1 whose `'listening'` runs `then(port)`.
fn listen(on_connection: impl Fn(Socket) + 'static, then: impl Fn(Server, u16) + 'static) -> Server {
    let server = net::create_server(Some(Listener::new(on_connection)));
    let srv = server.clone();
    server.listen(0, "127.0.0.1", Some(Listener::new(move || then(srv.clone(), port(&srv))))).unwrap();
    server
}

#[test]
fn net_2_half_close_allow_half_open_false_ends_the_other_side() {
    let lp = EventLoop::new().unwrap();
    let log: Log = Default::default();
    let l = log.clone();
    let l2 = log.clone();
    listen(
        move |s| {
            trace("S", &s, &l);
            push(&l, format!("S rs={}", s.ready_state()));
        },
        move |srv, port| {
            let c = Socket::new();
            let (l3, c2) = (l2.clone(), c.clone());
            c.connect_with(port, "127.0.0.1", move || {
                c2.end_with("bye");
                push(&l3, format!("C rs after end={}", c2.ready_state()));
            });
            trace("C", &c, &l2);
            c.on("close", move || {
                srv.close(None);
            })
            .unwrap();
        },
    );
    lp.run().unwrap();
    assert_eq!(
        *log.borrow(),
        ["S rs=open", "C rs after end=readOnly", "C finish", "S data bye", "S end", "S finish", "S close false", "C end", "C close false"]
    );
}

#[test]
fn net_2_reentrant_listeners_destroy_write_and_close_the_server() {
    // A 'connection' listener closes its server; a 'data' listener destroys its socket and
    // writes to it afterwards. Node's order, and no panic.
    let lp = EventLoop::new().unwrap();
    let log: Log = Default::default();
    let l = log.clone();
    let server: Rc<RefCell<Option<Server>>> = Default::default();
    let srv_slot = server.clone();
    let l2 = log.clone();
    let s = listen(
        move |s| {
            push(&l, "connection");
            let l3 = l.clone();
            if let Some(srv) = srv_slot.borrow().as_ref() {
                srv.close(Some(Box::new(move |_| push(&l3, "server close cb"))));
            }
            let (l4, s2) = (l.clone(), s.clone());
            s.on("data", move |c: Chunk| {
                push(&l4, format!("S data {c} then destroy"));
                s2.destroy(None);
                let l5 = l4.clone();
                s2.write_with("ignored", move |e| push(&l5, format!("write cb {}", e.map(|e| e.code().to_string()).unwrap_or_default())));
            })
            .unwrap();
            let l6 = l.clone();
            s.on("error", move |e: Error| push(&l6, format!("S error {}", e.code()))).unwrap();
            let l7 = l.clone();
            s.on("close", move |h: bool| push(&l7, format!("S close {h}"))).unwrap();
        },
        move |_, port| {
            let c = Socket::new();
            let c2 = c.clone();
            c.connect_with(port, "127.0.0.1", move || {
                c2.write("x");
            });
            let l3 = l2.clone();
            c.on("end", move || push(&l3, "C end")).unwrap();
            let l4 = l2.clone();
            c.on("close", move |h: bool| push(&l4, format!("C close {h}"))).unwrap();
        },
    );
    *server.borrow_mut() = Some(s);
    lp.run().unwrap();
    server.borrow_mut().take();
    assert_eq!(
        *log.borrow(),
        [
            "connection",
            "S data x then destroy",
            "server close cb",
            "write cb ERR_STREAM_DESTROYED",
            "S close false",
            "C end",
            "C close false"
        ]
    );
}

#[test]
fn net_2_data_listener_pausing_and_writing_back_is_reentrant_safe() {
    // Every 'data' listener pauses the socket, writes back at once, and resumes on a timer.
    let lp = EventLoop::new().unwrap();
    let received = Rc::new(RefCell::new(Vec::new()));
    let r = received.clone();
    listen(
        |s| {
            let s2 = s.clone();
            s.on("data", move |c: Chunk| {
                s2.pause();
                s2.write(c);
                let s3 = s2.clone();
                rt::set_timeout(move || s3.resume(), 1);
            })
            .unwrap();
        },
        move |srv, port| {
            let c = net::connect(port, "127.0.0.1");
            for i in 0..20 {
                c.write(format!("{i:02}"));
            }
            let (r, c2) = (r.clone(), c.clone());
            c.on("data", move |chunk: Chunk| {
                r.borrow_mut().extend_from_slice(&chunk);
                if r.borrow().len() == 40 {
                    c2.end();
                }
            })
            .unwrap();
            c.on("close", move || {
                srv.close(None);
            })
            .unwrap();
        },
    );
    lp.run().unwrap();
    let expected: String = (0..20).map(|i| format!("{i:02}")).collect();
    assert_eq!(String::from_utf8_lossy(&received.borrow()), expected);
}

/// A pattern that shows lost, duplicated or reordered bytes.
fn pattern(offset: usize, len: usize) -> Vec<u8> {
    (offset..offset + len).map(|i| (i % 251) as u8).collect()
}

#[test]
fn net_2_backpressure_write_returns_false_then_drain_and_nothing_is_lost() {
    // The server reads slowly (paused, resumed every few ms); the client writes 8 MiB in
    // 256 KiB chunks, waiting for 'drain' whenever write() returns false.
    const CHUNK: usize = 256 * 1024;
    const TOTAL: usize = 32 * CHUNK;
    let lp = EventLoop::new().unwrap();
    let got = Rc::new(RefCell::new(Vec::with_capacity(TOTAL)));
    let falses = Rc::new(Cell::new(0usize));
    let drains = Rc::new(Cell::new(0usize));
    let g = got.clone();
    let (f, dr) = (falses.clone(), drains.clone());
    listen(
        move |s| {
            s.pause();
            let s2 = s.clone();
            let tick = rt::set_interval(
                move || {
                    s2.resume();
                    let s3 = s2.clone();
                    rt::set_immediate(move || s3.pause());
                },
                2,
            );
            let g = g.clone();
            s.on("data", move |c: Chunk| g.borrow_mut().extend_from_slice(&c)).unwrap();
            let s4 = s.clone();
            s.on("end", move || {
                tick.clear();
                s4.resume();
            })
            .unwrap();
        },
        move |srv, port| {
            let c = net::connect(port, "127.0.0.1");
            let sent = Rc::new(Cell::new(0usize));
            let write_more: Rc<dyn Fn()> = {
                let (c, sent, f) = (c.clone(), sent.clone(), f.clone());
                Rc::new(move || {
                    while sent.get() < TOTAL {
                        let ok = c.write(pattern(sent.get(), CHUNK));
                        sent.set(sent.get() + CHUNK);
                        if !ok {
                            f.set(f.get() + 1);
                            return;
                        }
                    }
                    c.end();
                })
            };
            let (w, dr) = (write_more.clone(), dr.clone());
            c.on("drain", move || {
                dr.set(dr.get() + 1);
                w();
            })
            .unwrap();
            write_more();
            c.on("close", move || {
                srv.close(None);
            })
            .unwrap();
        },
    );
    lp.run().unwrap();
    assert!(falses.get() > 0, "write() never returned false");
    assert_eq!(falses.get(), drains.get(), "each false write is followed by one 'drain'");
    let got = got.borrow();
    assert_eq!(got.len(), TOTAL);
    assert!(*got == pattern(0, TOTAL), "bytes arrived changed");
}

#[test]
fn net_2_pipe_between_two_sockets_through_a_proxy() {
    // client → proxy (pipes each accepted socket to an upstream connection and back) →
    // echo server. 1 MiB goes through and comes back unchanged; the client ends only then
    // (with allowHalfOpen false, an early end would end the proxy's side before the echo,
    // in Node too).
    const TOTAL: usize = 1024 * 1024;
    let lp = EventLoop::new().unwrap();
    let echo = listen(|s| drop(s.pipe(&s)), |_, _| {});
    let echo_port = port(&echo);
    assert!(echo_port > 0);
    let got = Rc::new(RefCell::new(Vec::new()));
    let g = got.clone();
    let echo2 = echo.clone();
    listen(
        move |downstream| {
            let upstream = net::connect(echo_port, "127.0.0.1");
            downstream.pipe(&upstream);
            upstream.pipe(&downstream);
        },
        move |proxy, port| {
            let c = net::connect(port, "127.0.0.1");
            c.write(pattern(0, TOTAL));
            let (g, c2) = (g.clone(), c.clone());
            c.on("data", move |chunk: Chunk| {
                g.borrow_mut().extend_from_slice(&chunk);
                if g.borrow().len() >= TOTAL {
                    c2.end();
                }
            })
            .unwrap();
            let echo = echo2.clone();
            c.on("close", move || {
                proxy.close(None);
                echo.close(None);
            })
            .unwrap();
        },
    );
    lp.run().unwrap();
    assert!(*got.borrow() == pattern(0, TOTAL));
}

#[test]
fn net_1_unref_server_lets_run_return() {
    let lp = EventLoop::new().unwrap();
    let server = net::create_server(None);
    server.listen(0, "127.0.0.1", None).unwrap();
    server.unref();
    // With the server ref'd this would never return.
    lp.run().unwrap();
    assert!(server.listening());
    server.ref_();
    server.close(None);
    lp.run().unwrap();
    assert!(!server.listening());
}

#[test]
fn net_1_unref_socket_lets_run_return_while_connected() {
    let lp = EventLoop::new().unwrap();
    // The accepted side is an open socket too: unref it as well.
    let accepted: Rc<RefCell<Option<Socket>>> = Default::default();
    let a = accepted.clone();
    let server = net::create_server(Some(Listener::new(move |s: Socket| {
        s.unref();
        *a.borrow_mut() = Some(s);
    })));
    server.listen(0, "127.0.0.1", None).unwrap();
    server.unref();
    let c = net::connect(port(&server), "127.0.0.1");
    let connected = Rc::new(Cell::new(false));
    let (k, c2) = (connected.clone(), c.clone());
    c.on("connect", move || {
        k.set(true);
        c2.unref();
    })
    .unwrap();
    lp.run().unwrap();
    assert!(connected.get());
    assert_eq!(c.ready_state(), "open");
    assert!(accepted.borrow().as_ref().is_some_and(|s| s.ready_state() == "open"));
    c.destroy(None);
    server.close(None);
    lp.run().unwrap();
}

#[test]
fn net_1_addresses_ports_and_byte_counts() {
    let lp = EventLoop::new().unwrap();
    let seen = Rc::new(RefCell::new(Vec::new()));
    let (s1, s0) = (seen.clone(), seen.clone());
    listen(
        move |s| {
            let (s1, s2) = (s1.clone(), s.clone());
            s.on("end", move || {
                s1.borrow_mut().push(format!(
                    "server: remote={:?} family={:?} local={:?} read={}",
                    s2.remote_address(),
                    s2.remote_family(),
                    s2.local_address(),
                    s2.bytes_read()
                ));
            })
            .unwrap();
            s.resume();
        },
        move |srv, port| {
            let c = net::connect(port, "127.0.0.1");
            let (seen, c2) = (s0.clone(), c.clone());
            seen.borrow_mut().push(format!("before: remote={:?} address={:?} pending={}", c.remote_address(), c.address(), c.pending()));
            c.on("connect", move || {
                c2.write("12345");
                seen.borrow_mut().push(format!(
                    "client: remote={:?}:{:?} local_port_set={} address_port_matches={} written={}",
                    c2.remote_address(),
                    c2.remote_port(),
                    c2.local_port().is_some_and(|p| p > 0),
                    c2.address().map(|a| a.port) == c2.local_port(),
                    c2.bytes_written()
                ));
                c2.end();
            })
            .unwrap();
            c.on("close", move || {
                srv.close(None);
            })
            .unwrap();
        },
    );
    lp.run().unwrap();
    let seen = seen.borrow();
    assert_eq!(seen[0], "before: remote=None address=None pending=true");
    assert!(seen[1].starts_with("client: remote=Some(\"127.0.0.1\"):Some("), "{}", seen[1]);
    assert!(seen[1].ends_with("local_port_set=true address_port_matches=true written=5"), "{}", seen[1]);
    assert_eq!(seen[2], "server: remote=Some(\"127.0.0.1\") family=Some(\"IPv4\") local=Some(\"127.0.0.1\") read=5");
}

#[test]
fn net_1_localhost_is_looked_up_and_each_address_tried() {
    // "localhost" may resolve to ::1 first; the server is on 127.0.0.1 only, so the
    // connect falls back to the next address, as Node 20's autoSelectFamily does.
    let lp = EventLoop::new().unwrap();
    let lookups = Rc::new(RefCell::new(Vec::new()));
    let l = lookups.clone();
    listen(
        |s| s.end_with("hi"),
        move |srv, port| {
            let c = Socket::new();
            let l2 = l.clone();
            c.on("lookup", move |e: Option<Error>, ip: String, family: u8, host: String| {
                l2.borrow_mut().push(format!("{} {ip} {family} {host}", e.is_none()));
            })
            .unwrap();
            c.connect(port, "localhost");
            let (l3, c2) = (l.clone(), c.clone());
            c.on("data", move |d: Chunk| l3.borrow_mut().push(format!("data {d} from {:?}", c2.remote_address()))).unwrap();
            c.on("close", move || {
                srv.close(None);
            })
            .unwrap();
        },
    );
    lp.run().unwrap();
    let lookups = lookups.borrow();
    assert_eq!(lookups.len(), 2, "{lookups:?}");
    assert!(lookups[0].starts_with("true ") && lookups[0].ends_with(" localhost"), "{}", lookups[0]);
    assert_eq!(lookups[1], "data hi from Some(\"127.0.0.1\")");
}

#[test]
fn net_2_set_encoding_gives_whole_characters_across_reads() {
    let lp = EventLoop::new().unwrap();
    let text = Rc::new(RefCell::new(String::new()));
    let t = text.clone();
    listen(
        |s| {
            // "é€" split inside each character, in separate writes (and likely reads).
            let bytes = "é€".as_bytes();
            let parts = [&bytes[..1], &bytes[1..3], &bytes[3..]];
            let s2 = s.clone();
            for (i, p) in parts.into_iter().enumerate() {
                let (s3, p) = (s2.clone(), Bytes::copy_from_slice(p));
                rt::set_timeout(
                    move || {
                        s3.write(p);
                        if i == 2 {
                            s3.end();
                        }
                    },
                    (i as u64 + 1) * 5,
                );
            }
        },
        move |srv, port| {
            let c = net::connect(port, "127.0.0.1");
            c.set_encoding("utf8").unwrap();
            let t = t.clone();
            c.on("data", move |chunk: Chunk| {
                assert!(chunk.is_text());
                t.borrow_mut().push_str(&chunk.as_str());
            })
            .unwrap();
            c.on("close", move || {
                srv.close(None);
            })
            .unwrap();
        },
    );
    lp.run().unwrap();
    assert_eq!(*text.borrow(), "é€");
}

#[test]
fn net_1_closed_sockets_are_freed_even_when_listeners_hold_them() {
    // An echo listener holds its own socket (a reference cycle through the emitter); after
    // 'close' the socket drops its listeners, so nothing keeps either side alive.
    let lp = EventLoop::new().unwrap();
    let weak: Rc<RefCell<Vec<net::WeakSocket>>> = Default::default();
    let w = weak.clone();
    let server = net::create_server(Some(Listener::new(move |s: Socket| {
        w.borrow_mut().push(s.downgrade());
        let echo = s.clone();
        s.on("data", move |c: Chunk| {
            echo.write(c);
        })
        .unwrap();
    })));
    server.listen(0, "127.0.0.1", None).unwrap();
    let c = net::connect(port(&server), "127.0.0.1");
    weak.borrow_mut().push(c.downgrade());
    let c2 = c.clone();
    c.on("data", move |_c: Chunk| c2.end()).unwrap();
    c.write("ping");
    let srv = server.clone();
    c.on("close", move || {
        srv.close(None);
    })
    .unwrap();
    drop(c);
    lp.run().unwrap();
    assert_eq!(weak.borrow().len(), 2);
    assert!(weak.borrow().iter().all(|w| w.upgrade().is_none()), "a closed socket is still alive");
}
