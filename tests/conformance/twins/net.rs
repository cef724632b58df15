//! Twins of the `net_*` and `tls_*` scenarios (NET-1, NET-2, NET-3): a server and a client in
//! one loop over loopback. Where both sides print, each side's lines are collected apart and
//! printed at the end (server, then client), as the scripts do: how two endpoints in one
//! process interleave depends on socket timing, not on the API.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use bytes::Bytes;
use emitter::Listener;
use http2::net::{self, Server, Socket};
use http2::rt::EventLoop;
use http2::stream::{Chunk, Duplex, DuplexOptions, Readable, Stream, Underlying, Writable, DUPLEX_EVENTS};
use http2::tls::{self, TlsConnectOptions, TlsServerOptions};
use http2::{Emitter, Error};

use super::{js_bool, json_str};
use crate::trace::Trace;

/// One side's lines (`S` or `C` in the scripts). Clones share the lines.
#[derive(Clone, Default)]
struct Side(Rc<RefCell<Vec<String>>>);

impl Side {
    fn push(&self, line: impl Into<String>) {
        self.0.borrow_mut().push(line.into());
    }
}

/// Prints `server:`, the server's lines, `client:`, the client's lines.
fn print_sides(t: &Trace, s: &Side, c: &Side) {
    t.line("server:");
    for l in s.0.borrow().iter() {
        t.line(l.clone());
    }
    t.line("client:");
    for l in c.0.borrow().iter() {
        t.line(l.clone());
    }
}

/// Adds a listener, failing the scenario if it does not fit the event.
fn on<E: Emitter, Args>(e: &E, event: &'static str, f: impl emitter::IntoListener<Args>) {
    e.on(event, f).unwrap();
}

fn port(server: &Server) -> u16 {
    server.address().map(|a| a.port).unwrap_or(0)
}

/// `${x}` for an optional error code (`err && err.code`).
fn code_or_undefined(e: &Option<Error>) -> String {
    e.as_ref().map_or_else(|| "undefined".to_string(), |e| e.code().to_string())
}

/// `${err}` for an optional error: `undefined` or `Error: message`.
fn error_or_undefined(e: &Option<Error>) -> String {
    e.as_ref().map_or_else(|| "undefined".to_string(), |e| format!("Error: {}", e.message()))
}

/// Runs `setup` inside a fresh loop, then the loop to completion.
fn run(setup: impl FnOnce()) {
    let lp = EventLoop::new().unwrap();
    lp.enter(setup);
    lp.run().unwrap();
}

/// NET-1, NET-2: an echo server and a client writing lines one at a time.
pub fn net_echo(t: &Trace) {
    let (s, c) = (Side::default(), Side::default());
    run(|| {
        let s1 = s.clone();
        let server = net::create_server(Some(Listener::new(move |sock: Socket| {
            s1.push(format!("connection readyState {} pending {}", sock.ready_state(), sock.pending()));
            sock.set_encoding("utf8").unwrap();
            let (s2, echo) = (s1.clone(), sock.clone());
            on(&sock, "data", move |d: Chunk| {
                s2.push(format!("data {}", json_str(&d.as_str())));
                echo.write(d);
            });
            for e in ["end", "finish"] {
                let (s2, w) = (s1.clone(), sock.downgrade());
                on(&sock, e, move || s2.push(format!("{e} readyState {}", w.upgrade().map_or("gone", |w| w.ready_state()))));
            }
            let (s2, w) = (s1.clone(), sock.downgrade());
            on(&sock, "close", move |had_error: bool| {
                s2.push(format!("close {had_error} destroyed {}", w.upgrade().is_some_and(|w| w.destroyed())))
            });
        })));
        let (t1, s1, c1) = (t.clone(), s.clone(), c.clone());
        on(&server, "close", move || {
            s1.push("server close");
            print_sides(&t1, &s1, &c1);
        });
        let (srv, c1) = (server.clone(), c.clone());
        let listening = Listener::new(move || {
            let lines = Rc::new(RefCell::new(VecDeque::from(["one\n", "two\n", "three\n"])));
            let cl = net::connect(port(&srv), "127.0.0.1");
            c1.push(format!("connecting {} pending {} readyState {}", cl.connecting(), cl.pending(), cl.ready_state()));
            cl.set_encoding("utf8").unwrap();
            for e in ["connect", "ready"] {
                let (c2, w) = (c1.clone(), cl.downgrade());
                on(&cl, e, move || c2.push(format!("{e} readyState {}", w.upgrade().map_or("gone", |w| w.ready_state()))));
            }
            let (l2, w) = (lines.clone(), cl.clone());
            on(&cl, "connect", move || {
                let first = l2.borrow_mut().pop_front();
                if let Some(line) = first {
                    w.write(line);
                }
            });
            let (c2, w) = (c1.clone(), cl.clone());
            on(&cl, "data", move |d: Chunk| {
                c2.push(format!("data {}", json_str(&d.as_str())));
                let next = lines.borrow_mut().pop_front();
                match next {
                    Some(line) => {
                        w.write(line);
                    }
                    None => {
                        w.end();
                        c2.push(format!("end() readyState {}", w.ready_state()));
                    }
                }
            });
            for e in ["end", "finish"] {
                let (c2, w) = (c1.clone(), cl.downgrade());
                on(&cl, e, move || c2.push(format!("{e} readyState {}", w.upgrade().map_or("gone", |w| w.ready_state()))));
            }
            let (c2, w, srv2) = (c1.clone(), cl.downgrade(), srv.clone());
            on(&cl, "close", move |had_error: bool| {
                let (read, written) = w.upgrade().map_or((0, 0), |w| (w.bytes_read(), w.bytes_written()));
                c2.push(format!("close {had_error} bytesRead {read} bytesWritten {written}"));
                srv2.close(None);
            });
        });
        server.listen(0, "127.0.0.1", Some(listening)).unwrap();
    });
}

/// NET-1, NET-2: allowHalfOpen on the server; the client ends first, the server replies after.
pub fn net_half_close(t: &Trace) {
    let (s, c) = (Side::default(), Side::default());
    run(|| {
        let s1 = s.clone();
        let options = net::ServerOptions { allow_half_open: true };
        let server = net::create_server_with(
            options,
            Some(Listener::new(move |sock: Socket| {
                s1.push(format!("connection allowHalfOpen {}", sock.allow_half_open()));
                sock.set_encoding("utf8").unwrap();
                let s2 = s1.clone();
                on(&sock, "data", move |d: Chunk| s2.push(format!("data {}", json_str(&d.as_str()))));
                let (s2, w) = (s1.clone(), sock.clone());
                on(&sock, "end", move || {
                    s2.push(format!("end readyState {} writable {} readable {}", w.ready_state(), w.writable(), w.readable()));
                    let ok = w.write("reply");
                    s2.push(format!("write returned {ok}"));
                    let s3 = s2.clone();
                    w.end_with_callback(None, move |_| s3.push("end callback"));
                    s2.push(format!("end() readyState {} writableEnded {}", w.ready_state(), w.writable_ended()));
                });
                let (s2, w) = (s1.clone(), sock.downgrade());
                on(&sock, "finish", move || {
                    let (rs, destroyed) = w.upgrade().map_or(("gone", true), |w| (w.ready_state(), w.destroyed()));
                    s2.push(format!("finish readyState {rs} destroyed {destroyed}"));
                });
                let s2 = s1.clone();
                on(&sock, "close", move |had_error: bool| s2.push(format!("close {had_error}")));
            })),
        );
        let (t1, s1, c1) = (t.clone(), s.clone(), c.clone());
        on(&server, "close", move || print_sides(&t1, &s1, &c1));
        let (srv, c1) = (server.clone(), c.clone());
        let listening = Listener::new(move || {
            let cl = Socket::new();
            let (c2, w) = (c1.clone(), cl.clone());
            cl.connect_with(port(&srv), "127.0.0.1", move || {
                c2.push(format!("connect allowHalfOpen {}", w.allow_half_open()));
                w.end_with("request");
                c2.push(format!("end() readyState {} writable {}", w.ready_state(), w.writable()));
            });
            cl.set_encoding("utf8").unwrap();
            let (c2, w) = (c1.clone(), cl.downgrade());
            on(&cl, "finish", move || c2.push(format!("finish readyState {}", w.upgrade().map_or("gone", |w| w.ready_state()))));
            let c2 = c1.clone();
            on(&cl, "data", move |d: Chunk| c2.push(format!("data {}", json_str(&d.as_str()))));
            let (c2, w) = (c1.clone(), cl.downgrade());
            on(&cl, "end", move || c2.push(format!("end readyState {}", w.upgrade().map_or("gone", |w| w.ready_state()))));
            let (c2, srv2) = (c1.clone(), srv.clone());
            on(&cl, "close", move |had_error: bool| {
                c2.push(format!("close {had_error}"));
                srv2.close(None);
            });
        });
        server.listen(0, "127.0.0.1", Some(listening)).unwrap();
    });
}

/// NET-1, NET-2: write() false once the kernel is full, 'drain' after the server resumes.
pub fn net_backpressure_drain(t: &Trace) {
    const CHUNK: usize = 4096;
    let (s, c) = (Side::default(), Side::default());
    let server_socket: Rc<RefCell<Option<Socket>>> = Rc::default();
    let (received, written) = (Rc::new(Cell::new(0usize)), Rc::new(Cell::new(0usize)));
    run(|| {
        let (s1, slot, rx, tx) = (s.clone(), server_socket.clone(), received.clone(), written.clone());
        let server = net::create_server(Some(Listener::new(move |sock: Socket| {
            *slot.borrow_mut() = Some(sock.clone());
            sock.pause();
            s1.push(format!("connection paused {}", sock.is_paused()));
            let rx1 = rx.clone();
            on(&sock, "data", move |d: Chunk| rx1.set(rx1.get() + d.len()));
            let s2 = s1.clone();
            on(&sock, "resume", move || s2.push("resume"));
            let (s2, rx1, tx1) = (s1.clone(), rx.clone(), tx.clone());
            on(&sock, "end", move || s2.push(format!("end received all {}", rx1.get() == tx1.get())));
            let s2 = s1.clone();
            on(&sock, "finish", move || s2.push("finish"));
            let s2 = s1.clone();
            on(&sock, "close", move |had_error: bool| s2.push(format!("close {had_error}")));
        })));
        let (t1, s1, c1) = (t.clone(), s.clone(), c.clone());
        on(&server, "close", move || print_sides(&t1, &s1, &c1));
        let (srv, c1, slot, tx) = (server.clone(), c.clone(), server_socket.clone(), written.clone());
        let listening = Listener::new(move || {
            let cl = Socket::new();
            let (c2, w, slot, tx) = (c1.clone(), cl.clone(), slot.clone(), tx.clone());
            cl.connect_with(port(&srv), "127.0.0.1", move || {
                c2.push(format!("connect writableHighWaterMark {}", w.duplex().writable_high_water_mark()));
                let chunk = Bytes::from(vec![b'x'; CHUNK]);
                let mut ok = true;
                while ok {
                    ok = w.write(chunk.clone());
                    tx.set(tx.get() + CHUNK);
                }
                c2.push(format!(
                    "write returned false writableNeedDrain {} writableLength >= hwm {}",
                    w.writable_need_drain(),
                    w.writable_length() >= w.duplex().writable_high_water_mark()
                ));
                let (c3, w3, slot3) = (c2.clone(), w.clone(), slot.clone());
                w.event_loop().set_immediate(move || {
                    c3.push(format!("still waiting writableNeedDrain {}", w3.writable_need_drain()));
                    let sock = slot3.borrow_mut().take();
                    if let Some(sock) = sock {
                        sock.resume();
                    }
                });
                let (c3, w3) = (c2.clone(), w.downgrade());
                w.once("drain", move || {
                    let Some(w3) = w3.upgrade() else { return };
                    c3.push(format!("drain writableNeedDrain {} writableLength {}", w3.writable_need_drain(), w3.writable_length()));
                    w3.end();
                })
                .unwrap();
            });
            for e in ["finish", "end"] {
                let c2 = c1.clone();
                on(&cl, e, move || c2.push(e));
            }
            let (c2, srv2) = (c1.clone(), srv.clone());
            on(&cl, "close", move |had_error: bool| {
                c2.push(format!("close {had_error}"));
                srv2.close(None);
            });
        });
        server.listen(0, "127.0.0.1", Some(listening)).unwrap();
    });
}

/// A `new Writable({ write, final })` that collects what it is given.
struct Sink {
    got: RefCell<Vec<u8>>,
    side: Side,
}

impl Underlying for Sink {
    fn read(&self, _: &Duplex, _: usize) {}
    fn write(&self, d: &Duplex, chunk: Bytes) {
        self.got.borrow_mut().extend_from_slice(&chunk);
        d.write_done(None);
    }
    fn final_(&self, d: &Duplex) {
        self.side.push(format!("sink _final got {}", json_str(&String::from_utf8_lossy(&self.got.borrow()))));
        d.final_done(None);
    }
}

/// NET-1, NET-2: an accepted socket piped into a Writable.
pub fn net_pipe(t: &Trace) {
    let (s, c) = (Side::default(), Side::default());
    run(|| {
        let s1 = s.clone();
        let server = net::create_server(Some(Listener::new(move |sock: Socket| {
            let sink = Rc::new(Sink { got: RefCell::new(Vec::new()), side: s1.clone() });
            let options = DuplexOptions { readable: false, ..DuplexOptions::default() };
            let sink = Duplex::new(sock.event_loop(), &DUPLEX_EVENTS, options, move |_| sink);
            for e in ["pipe", "unpipe"] {
                let (s2, w) = (s1.clone(), sock.downgrade());
                on(&sink, e, move |src: Duplex| {
                    let same = w.upgrade().is_some_and(|w| w.duplex().same(&src));
                    s2.push(format!("sink {e} src is socket {same}"));
                });
            }
            for e in ["finish", "close"] {
                let s2 = s1.clone();
                on(&sink, e, move || s2.push(format!("sink {e}")));
            }
            for e in ["end", "finish"] {
                let s2 = s1.clone();
                on(&sock, e, move || s2.push(format!("socket {e}")));
            }
            let s2 = s1.clone();
            on(&sock, "close", move |had_error: bool| s2.push(format!("socket close {had_error}")));
            let r = sock.pipe(&sink);
            s1.push(format!("pipe returned sink {} flowing {}", r.same(&sink), js_bool(sock.readable_flowing())));
        })));
        let (t1, s1, c1) = (t.clone(), s.clone(), c.clone());
        on(&server, "close", move || print_sides(&t1, &s1, &c1));
        let (srv, c1) = (server.clone(), c.clone());
        let listening = Listener::new(move || {
            let cl = Socket::new();
            let (c2, w) = (c1.clone(), cl.clone());
            cl.connect_with(port(&srv), "127.0.0.1", move || {
                for word in ["alpha ", "beta ", "gamma"] {
                    let ok = w.write(word);
                    c2.push(format!("write {} returned {ok}", word.trim()));
                }
                w.end();
            });
            for e in ["end", "finish"] {
                let c2 = c1.clone();
                on(&cl, e, move || c2.push(e));
            }
            let (c2, srv2) = (c1.clone(), srv.clone());
            on(&cl, "close", move |had_error: bool| {
                c2.push(format!("close {had_error}"));
                srv2.close(None);
            });
        });
        server.listen(0, "127.0.0.1", Some(listening)).unwrap();
    });
}

/// NET-1: connecting to a closed port: 'error' ECONNREFUSED, then 'close'(true).
pub fn net_connection_refused(t: &Trace) {
    run(|| {
        let server = net::create_server(None);
        let (t1, srv) = (t.clone(), server.clone());
        let listening = Listener::new(move || {
            let port = port(&srv);
            let t2 = t1.clone();
            srv.close(Some(Box::new(move |_| {
                t2.line("server closed");
                let cl = net::connect(port, "127.0.0.1");
                t2.line(format!("connecting {} readyState {}", cl.connecting(), cl.ready_state()));
                for e in ["connect", "ready", "end", "finish", "lookup"] {
                    let t3 = t2.clone();
                    on(&cl, e, move || t3.line(e));
                }
                let t3 = t2.clone();
                cl.write_with("lost", move |e| t3.line(format!("write callback {}", code_or_undefined(&e))));
                let (t3, w) = (t2.clone(), cl.downgrade());
                on(&cl, "error", move |e: Error| {
                    t3.line(format!(
                        "error {} syscall {} errno {} address {} port {}",
                        e.code(),
                        e.syscall().unwrap_or("undefined"),
                        e.errno().map_or("undefined".to_string(), |n| n.to_string()),
                        e.address() == Some("127.0.0.1"),
                        e.port() == Some(port)
                    ));
                    t3.line(format!("message names the address {}", e.message() == format!("connect ECONNREFUSED 127.0.0.1:{port}")));
                    if let Some(w) = w.upgrade() {
                        t3.line(format!("in error: destroyed {} connecting {} readyState {}", w.destroyed(), w.connecting(), w.ready_state()));
                    }
                });
                let (t3, w) = (t2.clone(), cl.downgrade());
                on(&cl, "close", move |had_error: bool| {
                    t3.line(format!("close {had_error} destroyed {}", w.upgrade().is_some_and(|w| w.destroyed())))
                });
            })));
        });
        server.listen(0, "127.0.0.1", Some(listening)).unwrap();
    });
}

/// NET-1: a second listen on a port in use: 'error' EADDRINUSE on the second server.
pub fn net_address_in_use(t: &Trace) {
    run(|| {
        let first = net::create_server(None);
        let (t1, f) = (t.clone(), first.clone());
        let listening = Listener::new(move || {
            let port = port(&f);
            t1.line(format!("first listening {}", f.listening()));
            let second = net::create_server(None);
            let t2 = t1.clone();
            on(&second, "listening", move || t2.line("second listening"));
            let (t2, sec, f2) = (t1.clone(), second.clone(), f.clone());
            on(&second, "error", move |e: Error| {
                t2.line(format!(
                    "second error {} syscall {} errno {} address {} port {}",
                    e.code(),
                    e.syscall().unwrap_or("undefined"),
                    e.errno().map_or("undefined".to_string(), |n| n.to_string()),
                    e.address() == Some("127.0.0.1"),
                    e.port() == Some(port)
                ));
                t2.line(format!("message {}", e.message() == format!("listen EADDRINUSE: address already in use 127.0.0.1:{port}")));
                t2.line(format!("second listening {} address {}", sec.listening(), sec.address().map_or("null".to_string(), |a| format!("{a:?}"))));
                let (t3, f3) = (t2.clone(), f2.clone());
                sec.close(Some(Box::new(move |e| {
                    t3.line(format!("second close callback {}", code_or_undefined(&e)));
                    let t4 = t3.clone();
                    f3.close(Some(Box::new(move |e| t4.line(format!("first close callback {}", error_or_undefined(&e))))));
                })));
            });
            let t2 = t1.clone();
            on(&second, "close", move || t2.line("second close"));
            let t2 = t1.clone();
            on(&f, "close", move || t2.line("first close"));
            second.listen(port, "127.0.0.1", None).unwrap();
            t1.line(format!("after listen(): second listening {}", second.listening()));
            let t2 = t1.clone();
            f.event_loop().next_tick(move || t2.line("tick after listen()"));
        });
        first.listen(0, "127.0.0.1", Some(listening)).unwrap();
    });
}

/// NET-1, NET-2: the server destroy()s a connected socket without an error.
pub fn net_destroy_without_error(t: &Trace) {
    let (s, c) = (Side::default(), Side::default());
    run(|| {
        let server_slot: Rc<RefCell<Option<Server>>> = Rc::default();
        let (s1, slot) = (s.clone(), server_slot.clone());
        let server = net::create_server(Some(Listener::new(move |sock: Socket| {
            sock.set_encoding("utf8").unwrap();
            for e in ["end", "finish"] {
                let s2 = s1.clone();
                on(&sock, e, move || s2.push(e));
            }
            let s2 = s1.clone();
            on(&sock, "error", move |e: Error| s2.push(format!("error {}", e.message())));
            let (s2, w) = (s1.clone(), sock.clone());
            on(&sock, "data", move |d: Chunk| {
                s2.push(format!("data {}", json_str(&d.as_str())));
                w.destroy(None);
                s2.push(format!(
                    "destroy() destroyed {} readyState {} writable {} readable {}",
                    w.destroyed(),
                    w.ready_state(),
                    w.writable(),
                    w.readable()
                ));
                let s3 = s2.clone();
                let ok = w.write_with("late", move |e| s3.push(format!("write callback {}", code_or_undefined(&e))));
                s2.push(format!("write returned {ok}"));
                let s3 = s2.clone();
                w.event_loop().next_tick(move || s3.push("tick"));
            });
            let (s2, slot2) = (s1.clone(), slot.clone());
            on(&sock, "close", move |had_error: bool| {
                s2.push(format!("close {had_error}"));
                let server = slot2.borrow_mut().take();
                if let Some(server) = server {
                    server.close(None);
                }
            });
        })));
        *server_slot.borrow_mut() = Some(server.clone());
        let s1 = s.clone();
        on(&server, "close", move || s1.push("server close"));
        let (t1, srv, s1, c1) = (t.clone(), server.clone(), s.clone(), c.clone());
        let listening = Listener::new(move || {
            let cl = Socket::new();
            let w = cl.clone();
            cl.connect_with(port(&srv), "127.0.0.1", move || {
                w.write("hello");
            });
            cl.set_encoding("utf8").unwrap();
            for e in ["connect", "ready", "end", "finish"] {
                let c2 = c1.clone();
                on(&cl, e, move || c2.push(e));
            }
            let c2 = c1.clone();
            on(&cl, "data", move |d: Chunk| c2.push(format!("data {}", json_str(&d.as_str()))));
            let c2 = c1.clone();
            on(&cl, "error", move |e: Error| c2.push(format!("error {}", e.code())));
            let (t2, s2, c2) = (t1.clone(), s1.clone(), c1.clone());
            on(&cl, "close", move |had_error: bool| {
                c2.push(format!("close {had_error}"));
                print_sides(&t2, &s2, &c2);
            });
        });
        server.listen(0, "127.0.0.1", Some(listening)).unwrap();
    });
}

/// NET-1, NET-2: the client destroy(err)s a connected socket after reading the reply.
pub fn net_destroy_with_error(t: &Trace) {
    let (s, c) = (Side::default(), Side::default());
    run(|| {
        let server_slot: Rc<RefCell<Option<Server>>> = Rc::default();
        let (s1, slot) = (s.clone(), server_slot.clone());
        let server = net::create_server(Some(Listener::new(move |sock: Socket| {
            sock.set_encoding("utf8").unwrap();
            let (s2, w) = (s1.clone(), sock.clone());
            on(&sock, "data", move |d: Chunk| {
                s2.push(format!("data {}", json_str(&d.as_str())));
                w.write("bye");
            });
            for e in ["end", "finish"] {
                let s2 = s1.clone();
                on(&sock, e, move || s2.push(e));
            }
            let s2 = s1.clone();
            on(&sock, "error", move |e: Error| s2.push(format!("error {}", e.code())));
            let (s2, slot2) = (s1.clone(), slot.clone());
            on(&sock, "close", move |had_error: bool| {
                s2.push(format!("close {had_error}"));
                let server = slot2.borrow_mut().take();
                if let Some(server) = server {
                    server.close(None);
                }
            });
        })));
        *server_slot.borrow_mut() = Some(server.clone());
        let (t1, s1, c1) = (t.clone(), s.clone(), c.clone());
        on(&server, "close", move || {
            s1.push("server close");
            print_sides(&t1, &s1, &c1);
        });
        let (srv, c1) = (server.clone(), c.clone());
        let listening = Listener::new(move || {
            let cl = Socket::new();
            let w = cl.clone();
            cl.connect_with(port(&srv), "127.0.0.1", move || {
                w.write("hello");
            });
            cl.set_encoding("utf8").unwrap();
            for e in ["connect", "ready", "end", "finish"] {
                let c2 = c1.clone();
                on(&cl, e, move || c2.push(e));
            }
            let (c2, w) = (c1.clone(), cl.clone());
            on(&cl, "data", move |d: Chunk| {
                c2.push(format!("data {}", json_str(&d.as_str())));
                w.destroy(Some(Error::new("", "boom")));
                c2.push(format!(
                    "destroy(err) destroyed {} errored {} readyState {}",
                    w.destroyed(),
                    w.duplex().errored().map_or("null".to_string(), |e| e.message().to_string()),
                    w.ready_state()
                ));
                let c3 = c2.clone();
                let ok = w.write_with("late", move |e| c3.push(format!("write callback {}", code_or_undefined(&e))));
                c2.push(format!("write returned {ok}"));
                let c3 = c2.clone();
                w.event_loop().next_tick(move || c3.push("tick"));
            });
            let (c2, w) = (c1.clone(), cl.downgrade());
            on(&cl, "error", move |e: Error| {
                c2.push(format!("error {} destroyed {}", e.message(), w.upgrade().is_some_and(|w| w.destroyed())))
            });
            let c2 = c1.clone();
            on(&cl, "close", move |had_error: bool| c2.push(format!("close {had_error}")));
        });
        server.listen(0, "127.0.0.1", Some(listening)).unwrap();
    });
}

/// NET-1: server.close() with a connection open: 'close' waits for it.
pub fn net_server_close_waits_for_connections(t: &Trace) {
    let (s, c) = (Side::default(), Side::default());
    run(|| {
        let server_slot: Rc<RefCell<Option<Server>>> = Rc::default();
        let (s1, slot) = (s.clone(), server_slot.clone());
        let server = net::create_server(Some(Listener::new(move |sock: Socket| {
            s1.push("connection");
            let server = slot.borrow().clone();
            if let Some(server) = server {
                let s2 = s1.clone();
                server.close(Some(Box::new(move |e| s2.push(format!("close callback {}", error_or_undefined(&e))))));
                s1.push(format!(
                    "close() listening {} address {}",
                    server.listening(),
                    server.address().map_or("null".to_string(), |a| format!("{a:?}"))
                ));
                // Node's getConnections(cb) calls back on the next tick.
                let (s2, srv2) = (s1.clone(), server.clone());
                server.event_loop().next_tick(move || s2.push(format!("getConnections {}", srv2.get_connections())));
            }
            sock.set_encoding("utf8").unwrap();
            let s2 = s1.clone();
            on(&sock, "data", move |d: Chunk| s2.push(format!("data {}", json_str(&d.as_str()))));
            for e in ["end", "finish"] {
                let s2 = s1.clone();
                on(&sock, e, move || s2.push(format!("socket {e}")));
            }
            let s2 = s1.clone();
            on(&sock, "close", move |had_error: bool| s2.push(format!("socket close {had_error}")));
        })));
        *server_slot.borrow_mut() = Some(server.clone());
        let s1 = s.clone();
        on(&server, "close", move || s1.push("server close"));
        let (t1, srv, s1, c1, slot) = (t.clone(), server.clone(), s.clone(), c.clone(), server_slot.clone());
        let listening = Listener::new(move || {
            let port = port(&srv);
            let cl = net::connect(port, "127.0.0.1");
            for e in ["connect", "end", "finish"] {
                let c2 = c1.clone();
                on(&cl, e, move || c2.push(e));
            }
            let (t2, s2, c2, slot2) = (t1.clone(), s1.clone(), c1.clone(), slot.clone());
            on(&cl, "close", move |had_error: bool| {
                c2.push(format!("close {had_error}"));
                slot2.borrow_mut().take();
                let late = net::connect(port, "127.0.0.1");
                let c3 = c2.clone();
                on(&late, "connect", move || c3.push("late connect"));
                let c3 = c2.clone();
                on(&late, "error", move |e: Error| c3.push(format!("late error {}", e.code())));
                let (t3, s3, c3) = (t2.clone(), s2.clone(), c2.clone());
                on(&late, "close", move |had_error: bool| {
                    c3.push(format!("late close {had_error}"));
                    print_sides(&t3, &s3, &c3);
                });
            });
            let w = cl.clone();
            on(&cl, "connect", move || w.end_with("last words"));
        });
        server.listen(0, "127.0.0.1", Some(listening)).unwrap();
    });
}

/// NET-3, NET-1: a TLS echo server and client with a certificate the client trusts.
pub fn tls_echo(t: &Trace) {
    let dir = crate::harness::dir();
    let cert = std::fs::read(dir.join("_tls_cert.pem")).unwrap();
    let (s, c) = (Side::default(), Side::default());
    run(|| {
        let options = TlsServerOptions::from_pem_files(dir.join("_tls_cert.pem"), dir.join("_tls_key.pem")).unwrap().with_alpn(&["h2", "http/1.1"]);
        let s1 = s.clone();
        let server = tls::create_server(
            options,
            Some(Listener::new(move |sock: Socket| {
                s1.push(format!(
                    "secureConnection encrypted {} alpnProtocol {} authorized {}",
                    sock.encrypted(),
                    sock.alpn_protocol().unwrap_or_else(|| "false".to_string()),
                    sock.authorized()
                ));
                sock.set_encoding("utf8").unwrap();
                let (s2, w) = (s1.clone(), sock.clone());
                on(&sock, "data", move |d: Chunk| {
                    s2.push(format!("data {}", json_str(&d.as_str())));
                    w.write(d.as_str().to_uppercase());
                });
                for e in ["end", "finish"] {
                    let s2 = s1.clone();
                    on(&sock, e, move || s2.push(e));
                }
                let s2 = s1.clone();
                on(&sock, "close", move |had_error: bool| s2.push(format!("close {had_error}")));
            })),
        )
        .unwrap();
        let s1 = s.clone();
        on(&server, "connection", move || s1.push("connection"));
        let s1 = s.clone();
        on(&server, "tlsClientError", move |e: Error| s1.push(format!("tlsClientError {}", e.code())));
        let (t1, s1, c1) = (t.clone(), s.clone(), c.clone());
        on(&server, "close", move || {
            s1.push("server close");
            print_sides(&t1, &s1, &c1);
        });
        let (srv, c1) = (server.clone(), c.clone());
        let listening = Listener::new(move || {
            let options = TlsConnectOptions {
                host: "127.0.0.1".to_string(),
                port: port(&srv),
                servername: Some("localhost".to_string()),
                ca: Some(cert.clone()),
                alpn_protocols: vec![b"http/1.1".to_vec(), b"h2".to_vec()],
                ..TlsConnectOptions::default()
            };
            let slot: Rc<RefCell<Option<Socket>>> = Rc::default();
            let (c2, slot2) = (c1.clone(), slot.clone());
            let cl = tls::connect(
                options,
                Some(Listener::new(move || {
                    let Some(w) = slot2.borrow().clone() else { return };
                    c2.push(format!(
                        "secureConnect callback authorized {} alpnProtocol {} encrypted {}",
                        w.authorized(),
                        w.alpn_protocol().unwrap_or_else(|| "false".to_string()),
                        w.encrypted()
                    ));
                    w.write("hello");
                })),
            )
            .unwrap();
            *slot.borrow_mut() = Some(cl.clone());
            cl.set_encoding("utf8").unwrap();
            for e in ["connect", "secureConnect", "end", "finish"] {
                let c2 = c1.clone();
                on(&cl, e, move || c2.push(e));
            }
            let (c2, w) = (c1.clone(), cl.clone());
            on(&cl, "data", move |d: Chunk| {
                c2.push(format!("data {}", json_str(&d.as_str())));
                w.end();
            });
            let c2 = c1.clone();
            on(&cl, "error", move |e: Error| c2.push(format!("error {}", e.code())));
            let (c2, srv2) = (c1.clone(), srv.clone());
            on(&cl, "close", move |had_error: bool| {
                c2.push(format!("close {had_error}"));
                slot.borrow_mut().take();
                srv2.close(None);
            });
        });
        server.listen(0, "127.0.0.1", Some(listening)).unwrap();
    });
}
