//! The I/O half of a socket (NET-1, NET-2, NET-3): Node's `_read`, `_write`/`_writev`,
//! `_final` and `_destroy` over a non-blocking mio `TcpStream`, optionally through a TLS
//! session. [`Socket`](super::Socket) is the handle users hold; `Conn` is what its `Duplex`
//! drives and what the loop calls on readiness.
//!
//! Readiness is edge-triggered (mio), so:
//! - reads go on until the socket is drained or the stream pushes back. A read that fills less
//!   than the space offered means drained: on Linux the next data raises a new edge (libuv's
//!   `uv__read` and tokio's `poll_read` rely on the same). After a push-back, the next `_read`
//!   reads at once, because data already waiting raises no new edge;
//! - writes are tried at once; what the kernel does not take waits for a writable edge (a
//!   short write means the send buffer is full, as tokio's `poll_write` assumes);
//! - the descriptor is registered once for both directions: no `epoll_ctl` per write.
//!
//! No `RefCell` borrow of the state is held while the `Duplex` or a listener runs: each step
//! works under the borrow, drops it, then reports (`push`, `write_done`, emits).

use std::cell::{Cell, RefCell};
use std::io::{self, Read};
use std::net::{Shutdown, SocketAddr};
use std::rc::{Rc, Weak};

use bytes::{Bytes, BytesMut};
use emitter::EmitArgs;
use mio::net::TcpStream;
use mio::Interest;

use super::addr;
use super::error::{connect_error, is_errno, sys_error};
use super::server::ServerInner;
use super::write::{write_plain, write_tls, Pending};
use super::Socket;
use crate::rt::{EventLoop, IoToken, KeepAlive, Readiness, Timeout};
use crate::stream::{Duplex, Underlying};
use crate::tls::session::TlsSession;
use crate::{Emitter, Error};

/// Bytes offered to each `read(2)` (libuv's and Node's 64 KiB).
const READ_SIZE: usize = 64 * 1024;
/// Below this much room left in the read buffer, start a fresh one.
const MIN_READ_SPACE: usize = 4 * 1024;

/// Where the socket is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Phase {
    /// `new Socket()`: no descriptor yet, no `connect()` (Node's `pending`).
    Idle,
    /// `connect()` called: resolving, or waiting for the TCP handshake.
    Connecting,
    /// Connected (a TLS session may still be handshaking).
    Open,
    /// Destroyed: the descriptor is closed.
    Closed,
}

/// A write handed to us by the `Duplex` (its `_write`/`_writev`), until `write_done`.
struct Job {
    pending: Pending,
    len: usize,
}

/// What a flush achieved.
enum Flushed {
    /// Nothing (more) to write; `progress` if some bytes went out.
    Idle { progress: bool },
    /// The current job has been written entirely.
    JobDone,
    /// The kernel is full: wait for a writable edge.
    Blocked { progress: bool },
    /// The write failed; `had_job` if a job was in flight (it gets the error).
    Failed { error: io::Error, had_job: bool },
}

/// What one read produced, reported after the state borrow is dropped.
#[derive(Default)]
struct ReadStep {
    data: Option<Bytes>,
    eof: bool,
    secured: bool,
    flush: bool,
    error: Option<Error>,
}

/// The connect target while `connect()` runs: the resolved addresses, tried in order.
struct Target {
    host: String,
    addrs: Vec<SocketAddr>,
    next: usize,
    last_error: Option<(io::Error, SocketAddr)>,
}

pub(crate) struct ConnState {
    pub(crate) phase: Phase,
    io: Option<(TcpStream, IoToken)>,
    pub(crate) tls: Option<Box<TlsSession>>,
    /// A read-readiness edge has not been drained yet.
    readable: bool,
    /// The peer's FIN (or an error) was seen: read until EOF, a short read proves nothing.
    peer_closed: bool,
    read_eof: bool,
    /// The stream asked for data (`_read`) and has not pushed back since (Node's `handle.reading`).
    want_read: bool,
    rbuf: BytesMut,
    /// Decrypted bytes of a TLS socket, before they are pushed.
    pbuf: BytesMut,
    job: Option<Job>,
    /// `_final` arrived; the FIN (after close_notify) goes once all output has left.
    final_pending: bool,
    keep_alive: Option<KeepAlive>,
    pub(crate) referenced: bool,
    pub(crate) idle: Option<(u64, Timeout)>,
    pub(crate) bytes_read: u64,
    /// Bytes of writes completed (`write_done`); Node's `bytesWritten` adds what is queued.
    pub(crate) bytes_written: u64,
    pub(crate) remote: Option<SocketAddr>,
    pub(crate) local: Option<SocketAddr>,
    no_delay: Option<bool>,
    keep_alive_option: Option<(bool, u64)>,
    target: Option<Target>,
    /// The server that accepted this socket: told when it closes, and of `'secure'`.
    server: Option<Weak<ServerInner>>,
}

pub(crate) struct Conn {
    lp: EventLoop,
    me: Weak<Conn>,
    pub(crate) st: RefCell<ConnState>,
    /// Set while `pump_read` runs: a nested `_read` (a `'data'` listener calling `read`) only
    /// records the request, and the running loop picks it up.
    pumping: Cell<bool>,
}

impl Conn {
    pub(crate) fn new(lp: &EventLoop, tls: Option<Box<TlsSession>>) -> Rc<Conn> {
        Rc::new_cyclic(|me| Conn {
            lp: lp.clone(),
            me: me.clone(),
            st: RefCell::new(ConnState {
                phase: Phase::Idle,
                io: None,
                tls,
                readable: false,
                peer_closed: false,
                read_eof: false,
                want_read: false,
                rbuf: BytesMut::new(),
                pbuf: BytesMut::new(),
                job: None,
                final_pending: false,
                keep_alive: None,
                referenced: true,
                idle: None,
                bytes_read: 0,
                bytes_written: 0,
                remote: None,
                local: None,
                no_delay: None,
                keep_alive_option: None,
                target: None,
                server: None,
            }),
            pumping: Cell::new(false),
        })
    }

    fn socket(&self, d: &Duplex) -> Option<Socket> {
        self.me.upgrade().map(|conn| Socket { duplex: d.clone(), conn })
    }

    fn emit<A: EmitArgs>(&self, d: &Duplex, event: &str, args: A) {
        let r = d.emit(event, args);
        self.lp.check(r);
    }

    pub(crate) fn phase(&self) -> Phase {
        self.st.borrow().phase
    }

    /// Registers the descriptor for both directions; the handler owns the stream's handles,
    /// so an open socket lives while the loop watches it, as in Node.
    fn register(&self, d: &Duplex, stream: &mut TcpStream) -> io::Result<IoToken> {
        let Some(conn) = self.me.upgrade() else { return Err(io::ErrorKind::NotConnected.into()) };
        let duplex = d.clone();
        self.lp.register_io(stream, Interest::READABLE | Interest::WRITABLE, move |r| conn.on_ready(&duplex, r))
    }

    // ----- opening --------------------------------------------------------------------

    /// An accepted connection: open at once.
    pub(crate) fn adopt(&self, d: &Duplex, mut stream: TcpStream, peer: SocketAddr, server: Weak<ServerInner>) -> io::Result<()> {
        let token = self.register(d, &mut stream)?;
        let mut st = self.st.borrow_mut();
        st.local = stream.local_addr().ok();
        st.remote = Some(peer);
        st.io = Some((stream, token));
        st.phase = Phase::Open;
        st.server = Some(server);
        if st.referenced {
            st.keep_alive = Some(self.lp.keep_alive());
        }
        Ok(())
    }

    /// `socket.connect(port, host)`: resolution and the connect run on the next tick, as
    /// Node defers them, so listeners added right after `connect()` see every event.
    pub(crate) fn connect(&self, d: &Duplex, port: u16, host: String) -> Result<(), Error> {
        {
            let mut st = self.st.borrow_mut();
            match st.phase {
                Phase::Idle => {}
                Phase::Connecting => return Err(Error::new("ERR_SOCKET_CONNECTING", "Socket is already connecting")),
                // Node can reconnect a closed socket object; ours are single-use.
                Phase::Open | Phase::Closed => return Err(Error::new("ERR_SOCKET_CLOSED", "Socket is closed or already connected")),
            }
            st.phase = Phase::Connecting;
            if st.referenced {
                st.keep_alive = Some(self.lp.keep_alive());
            }
        }
        let Some(conn) = self.me.upgrade() else { return Ok(()) };
        let duplex = d.clone();
        self.lp.next_tick(move || conn.resolve_and_connect(&duplex, &host, port));
        Ok(())
    }

    fn resolve_and_connect(&self, d: &Duplex, host: &str, port: u16) {
        if self.phase() != Phase::Connecting {
            return;
        }
        let is_name = addr::parse_ip(host).is_none();
        match addr::resolve(host, port) {
            Err(e) => {
                if is_name {
                    self.emit(d, "lookup", (Some(e.clone()), String::new(), 0u8, host.to_string()));
                }
                d.destroy(Some(e));
            }
            Ok(addrs) => {
                if is_name {
                    if let Some(first) = addrs.first() {
                        let family = if first.is_ipv4() { 4u8 } else { 6u8 };
                        self.emit(d, "lookup", (None::<Error>, first.ip().to_string(), family, host.to_string()));
                    }
                }
                self.st.borrow_mut().target = Some(Target { host: host.to_string(), addrs, next: 0, last_error: None });
                self.try_next_address(d);
            }
        }
    }

    /// Starts a connect to the next resolved address; when none is left, the last error
    /// destroys the socket (Node 20 tries each address in turn, `autoSelectFamily`).
    fn try_next_address(&self, d: &Duplex) {
        loop {
            let next = {
                let mut st = self.st.borrow_mut();
                if st.phase != Phase::Connecting {
                    return;
                }
                let Some(target) = st.target.as_mut() else { return };
                let addr = target.addrs.get(target.next).copied();
                target.next += 1;
                addr.ok_or_else(|| (target.last_error.take(), std::mem::take(&mut target.host)))
            };
            let addr = match next {
                Ok(addr) => addr,
                Err((last, host)) => {
                    let error = match last {
                        Some((e, addr)) => connect_error(&e, &addr),
                        None => super::error::lookup_error(&host),
                    };
                    d.destroy(Some(error));
                    return;
                }
            };
            let attempt = TcpStream::connect(addr).and_then(|mut stream| {
                let token = self.register(d, &mut stream)?;
                Ok((stream, token))
            });
            let mut st = self.st.borrow_mut();
            match attempt {
                Ok(io) => {
                    st.io = Some(io);
                    st.remote = Some(addr);
                    return;
                }
                Err(e) => {
                    log::debug!("connect to {addr} failed at once: {e}");
                    if let Some(t) = st.target.as_mut() {
                        t.last_error = Some((e, addr));
                    }
                }
            }
        }
    }

    fn on_connect_ready(&self, d: &Duplex, r: Readiness) {
        if !(r.writable || r.error || r.read_closed || r.write_closed) {
            return;
        }
        let result = {
            let st = self.st.borrow();
            let Some((stream, _)) = &st.io else { return };
            match stream.take_error() {
                Ok(Some(e)) | Err(e) => Err(e),
                Ok(None) => match stream.peer_addr() {
                    Ok(peer) => Ok(peer),
                    // mio: not connected yet; another edge will come.
                    Err(e) if e.kind() == io::ErrorKind::NotConnected || is_errno(&e, libc::EINPROGRESS) => return,
                    Err(e) => Err(e),
                },
            }
        };
        match result {
            Ok(peer) => self.on_connected(d, peer, r),
            Err(e) => {
                let failed = {
                    let mut st = self.st.borrow_mut();
                    let addr = st.remote.take();
                    if let (Some(t), Some(addr)) = (st.target.as_mut(), addr) {
                        t.last_error = Some((e, addr));
                    }
                    st.io.take()
                };
                if let Some((mut stream, token)) = failed {
                    let _ = self.lp.deregister_io(&mut stream, token);
                }
                self.try_next_address(d);
            }
        }
    }

    fn on_connected(&self, d: &Duplex, peer: SocketAddr, r: Readiness) {
        {
            let mut st = self.st.borrow_mut();
            st.phase = Phase::Open;
            st.target = None;
            st.remote = Some(peer);
            st.readable = r.readable || r.read_closed;
            st.peer_closed = r.read_closed;
            let (no_delay, keep_alive) = (st.no_delay, st.keep_alive_option);
            if let Some((stream, _)) = &st.io {
                let local = stream.local_addr().ok();
                if let Some(nd) = no_delay {
                    let _ = stream.set_nodelay(nd);
                }
                if let Some((enable, delay)) = keep_alive {
                    let _ = super::sockopt::set_keepalive(stream, enable, delay);
                }
                st.local = local;
            }
        }
        self.touch(d);
        // Node emits both even when a 'connect' listener destroyed the socket.
        self.emit(d, "connect", ());
        self.emit(d, "ready", ());
        if d.destroyed() {
            return;
        }
        // Held writes, a held end(), a TLS ClientHello.
        self.flush(d);
        // Node's afterConnect: "start the first read, or get an immediate EOF".
        if !d.is_paused() {
            d.read(Some(0));
        }
        self.pump_read(d);
    }

    // ----- readiness ------------------------------------------------------------------

    fn on_ready(&self, d: &Duplex, r: Readiness) {
        match self.phase() {
            Phase::Connecting => self.on_connect_ready(d, r),
            Phase::Open => {
                if r.readable || r.read_closed || r.error {
                    let mut st = self.st.borrow_mut();
                    st.readable = true;
                    st.peer_closed |= r.read_closed || r.error;
                }
                if (r.writable || r.error || r.write_closed) && self.st.borrow().has_output() {
                    self.flush(d);
                }
                self.pump_read(d);
            }
            Phase::Idle | Phase::Closed => {}
        }
    }

    /// Reads while there is data and someone wants it (or a TLS handshake needs it).
    fn pump_read(&self, d: &Duplex) {
        if self.pumping.replace(true) {
            return;
        }
        loop {
            let step = {
                let mut st = self.st.borrow_mut();
                if st.phase != Phase::Open || !st.readable || st.read_eof {
                    break;
                }
                let handshaking = st.tls.as_ref().is_some_and(|t| t.handshaking());
                if !st.want_read && !handshaking {
                    break;
                }
                st.read_once()
            };
            if !self.apply(d, step) {
                break;
            }
        }
        self.pumping.set(false);
    }

    /// Reports one read step; false when reading is over (end or error).
    fn apply(&self, d: &Duplex, step: ReadStep) -> bool {
        if step.flush {
            self.flush(d);
        }
        if step.secured {
            self.on_secure(d);
        }
        if let Some(data) = step.data {
            self.touch(d);
            if !d.push(Some(data)) {
                self.st.borrow_mut().want_read = false;
            }
        }
        if let Some(e) = step.error {
            d.destroy(Some(e));
            return false;
        }
        if step.eof {
            // Node's onStreamRead: push(null) then read(0), so 'end' comes even with nobody
            // reading, once the buffer is empty.
            d.push(None);
            d.read(Some(0));
            return false;
        }
        !d.destroyed()
    }

    /// The TLS handshake finished. Node's order: on a client, `'secureConnect'` (emitted by
    /// the first `'secure'` listener, which Node adds itself) then `'secure'`; on a server,
    /// `'secure'` then the server's `'secureConnection'`.
    fn on_secure(&self, d: &Duplex) {
        let (is_server, server) = {
            let st = self.st.borrow();
            (st.tls.as_ref().is_some_and(|t| t.is_server()), st.server.clone())
        };
        if is_server {
            self.emit(d, "secure", ());
            if let (Some(server), Some(socket), false) = (server.and_then(|s| s.upgrade()), self.socket(d), d.destroyed()) {
                server.secure_connection(socket);
            }
        } else {
            self.emit(d, "secureConnect", ());
            if !d.destroyed() {
                self.emit(d, "secure", ());
            }
        }
        // Writes and an end() held during the handshake can go now.
        if !d.destroyed() {
            self.flush(d);
        }
    }

    // ----- writing --------------------------------------------------------------------

    /// Writes what is pending (the job, TLS records), then a pending FIN.
    fn flush(&self, d: &Duplex) {
        let outcome = {
            let mut st = self.st.borrow_mut();
            if st.phase != Phase::Open {
                return;
            }
            st.pump_write()
        };
        match outcome {
            Flushed::Idle { progress } | Flushed::Blocked { progress } => {
                if progress {
                    self.touch(d);
                }
            }
            Flushed::JobDone => {
                self.touch(d);
                d.write_done(None);
            }
            Flushed::Failed { error, had_job } => {
                let error = sys_error(&error, "write");
                if had_job {
                    d.write_done(Some(error));
                } else {
                    d.destroy(Some(error));
                }
                return;
            }
        }
        self.try_final(d);
    }

    fn start_job(&self, d: &Duplex, pending: Pending, len: usize) {
        let now = {
            let mut st = self.st.borrow_mut();
            st.job = Some(Job { pending, len });
            // Before 'connect' (Node's pending socket) or 'secure', writes wait.
            st.phase == Phase::Open && !st.tls.as_ref().is_some_and(|t| t.handshaking())
        };
        if now {
            self.flush(d);
        }
    }

    /// `_final`: once all output has left, close_notify (TLS) and the FIN.
    fn try_final(&self, d: &Duplex) {
        let result = {
            let mut st = self.st.borrow_mut();
            if !st.final_pending || st.job.is_some() || st.phase != Phase::Open {
                return;
            }
            if let Some(tls) = st.tls.as_mut() {
                if tls.handshaking() {
                    return;
                }
                tls.send_close_notify();
            }
            match st.pump_write() {
                Flushed::Blocked { .. } => return,
                Flushed::Failed { error, .. } => Err(error),
                Flushed::Idle { .. } | Flushed::JobDone => {
                    st.final_pending = false;
                    match st.io.as_ref().map(|(s, _)| s.shutdown(Shutdown::Write)) {
                        // Node: a peer that is already gone (ENOTCONN) is not an error here.
                        Some(Err(e)) if !is_errno(&e, libc::ENOTCONN) => Err(e),
                        _ => Ok(()),
                    }
                }
            }
        };
        d.final_done(result.err().map(|e| sys_error(&e, "shutdown")));
    }

    /// Restarts the idle timer after activity (Node's `_unrefTimer`); re-arms it if it fired.
    fn touch(&self, d: &Duplex) {
        let rearm = {
            let st = self.st.borrow();
            match &st.idle {
                None => return,
                Some((ms, t)) if !t.is_active() => Some(*ms),
                Some((_, t)) => {
                    t.refresh();
                    None
                }
            }
        };
        if let Some(ms) = rearm {
            self.set_idle_timeout(d, ms);
        }
    }

    /// `socket.setTimeout(ms)`: `'timeout'` after `ms` without reads or writes; 0 disables.
    /// The timer does not keep the loop alive and does not destroy the socket.
    pub(crate) fn set_idle_timeout(&self, d: &Duplex, ms: u64) {
        let old = self.st.borrow_mut().idle.take();
        if let Some((_, t)) = old {
            t.clear();
        }
        if ms == 0 || self.phase() == Phase::Closed {
            return;
        }
        let (conn, duplex) = (self.me.clone(), d.downgrade());
        let timer = self.lp.set_timeout(
            move || {
                if let (Some(conn), Some(d)) = (conn.upgrade(), duplex.upgrade()) {
                    conn.emit(&d, "timeout", ());
                }
            },
            ms,
        );
        timer.unref();
        self.st.borrow_mut().idle = Some((ms, timer));
    }

    pub(crate) fn set_ref(&self, referenced: bool) {
        let mut st = self.st.borrow_mut();
        st.referenced = referenced;
        if !referenced {
            st.keep_alive = None;
        } else if st.keep_alive.is_none() && matches!(st.phase, Phase::Connecting | Phase::Open) {
            st.keep_alive = Some(self.lp.keep_alive());
        }
    }

    pub(crate) fn set_no_delay(&self, no_delay: bool) {
        let mut st = self.st.borrow_mut();
        st.no_delay = Some(no_delay);
        if let (Phase::Open, Some((stream, _))) = (st.phase, &st.io) {
            if let Err(e) = stream.set_nodelay(no_delay) {
                log::debug!("setNoDelay failed: {e}");
            }
        }
    }

    pub(crate) fn set_keep_alive(&self, enable: bool, initial_delay_ms: u64) {
        let mut st = self.st.borrow_mut();
        st.keep_alive_option = Some((enable, initial_delay_ms));
        if let (Phase::Open, Some((stream, _))) = (st.phase, &st.io) {
            if let Err(e) = super::sockopt::set_keepalive(stream, enable, initial_delay_ms) {
                log::debug!("setKeepAlive failed: {e}");
            }
        }
    }
}

impl ConnState {
    /// Whether a writable edge has work: a write, a pending FIN, TLS records.
    fn has_output(&self) -> bool {
        self.job.is_some() || self.final_pending || self.tls.as_ref().is_some_and(|t| t.wants_write())
    }

    /// One `read(2)` and, for TLS, its decryption.
    fn read_once(&mut self) -> ReadStep {
        let ConnState { io, tls, rbuf, pbuf, readable, peer_closed, read_eof, bytes_read, .. } = self;
        let Some((stream, _)) = io.as_mut() else { return ReadStep::default() };
        if rbuf.len() < MIN_READ_SPACE {
            // Reuses the old buffer in place when every chunk cut from it has been dropped.
            rbuf.clear();
            rbuf.reserve(READ_SIZE);
            rbuf.resize(READ_SIZE, 0);
        }
        let space = rbuf.len();
        let n = match stream.read(&mut rbuf[..]) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                *readable = false;
                return ReadStep::default();
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => return ReadStep::default(),
            Err(e) => return ReadStep { error: Some(sys_error(&e, "read")), ..ReadStep::default() },
        };
        if n < space && !*peer_closed {
            *readable = false;
        }
        let Some(tls) = tls.as_mut() else {
            if n == 0 {
                *read_eof = true;
                return ReadStep { eof: true, ..ReadStep::default() };
            }
            *bytes_read += n as u64;
            return ReadStep { data: Some(rbuf.split_to(n).freeze()), ..ReadStep::default() };
        };
        let received = match rbuf.get(..n) {
            Some(_) if n == 0 => {
                *read_eof = true;
                tls.receive_eof(pbuf)
            }
            Some(input) => tls.receive(input, pbuf),
            None => Ok(Default::default()),
        };
        let mut step = ReadStep::default();
        match received {
            Ok(r) => {
                step.secured = r.secured;
                if r.closed {
                    *read_eof = true;
                    step.eof = true;
                }
                step.flush = tls.wants_write();
            }
            Err(e) => {
                // Best effort: the alert rustls queued tells the peer why.
                while tls.wants_write() {
                    if tls.write_tls(stream).map_or(true, |n| n == 0) {
                        break;
                    }
                }
                step.error = Some(e);
            }
        }
        if !pbuf.is_empty() {
            *bytes_read += pbuf.len() as u64;
            step.data = Some(pbuf.split().freeze());
        }
        step
    }

    /// Writes the job (or, for TLS, encrypts it) and any TLS records, until done or full.
    fn pump_write(&mut self) -> Flushed {
        let ConnState { io, tls, job, bytes_written, .. } = self;
        let Some((stream, _)) = io.as_mut() else { return Flushed::Idle { progress: false } };
        let mut progress = false;
        let result = match tls.as_mut() {
            None => match job.as_mut() {
                None => Ok(true),
                Some(j) => write_plain(stream, &mut j.pending, &mut progress),
            },
            Some(tls) => {
                let pending = if tls.handshaking() { None } else { job.as_mut().map(|j| &mut j.pending) };
                write_tls(stream, tls, pending, &mut progress)
            }
        };
        match result {
            Ok(true) => {
                let handshaking = tls.as_ref().is_some_and(|t| t.handshaking());
                match job.take_if(|_| !handshaking) {
                    Some(j) => {
                        *bytes_written += j.len as u64;
                        Flushed::JobDone
                    }
                    None => Flushed::Idle { progress },
                }
            }
            Ok(false) => Flushed::Blocked { progress },
            Err(error) => Flushed::Failed { error, had_job: job.take().is_some() },
        }
    }
}

impl Underlying for Conn {
    fn read(&self, d: &Duplex, _size: usize) {
        let go = {
            let mut st = self.st.borrow_mut();
            if st.want_read {
                false
            } else {
                st.want_read = true;
                // The handshake is driven by readiness alone, so no TLS event fires inside `read()`.
                st.phase == Phase::Open && st.readable && !st.read_eof && !st.tls.as_ref().is_some_and(|t| t.handshaking())
            }
        };
        if go {
            self.pump_read(d);
        }
    }

    fn write(&self, d: &Duplex, chunk: Bytes) {
        let len = chunk.len();
        self.start_job(d, Pending::One(chunk), len);
    }

    fn writev(&self, d: &Duplex, chunks: Vec<Bytes>) {
        let len = chunks.iter().map(Bytes::len).sum();
        self.start_job(d, Pending::many(chunks), len);
    }

    fn has_writev(&self) -> bool {
        true
    }

    /// The FIN is sent from a readiness callback, never inside `end()`: libuv performs a
    /// shutdown request when the socket next polls writable, so Node's `'finish'` comes after
    /// the I/O already pending in that poll (a peer's echo is read first).
    fn final_(&self, _d: &Duplex) {
        let mut st = self.st.borrow_mut();
        st.final_pending = true;
        if st.phase == Phase::Open {
            // Re-registering makes epoll report the current readiness again: the writable
            // edge that runs `try_final` comes with the next poll.
            if let Some((stream, token)) = st.io.as_mut() {
                if let Err(e) = self.lp.reregister_io(stream, *token, Interest::READABLE | Interest::WRITABLE) {
                    log::debug!("re-registering for end() failed: {e}");
                }
            }
        }
    }

    /// Node's `_destroy`: the descriptor closes now; `'close'(hadError)` follows in the close
    /// phase, as libuv calls a handle's close callback.
    fn destroy(&self, d: &Duplex, error: Option<Error>) {
        let (io, had_job, server, idle, connecting) = {
            let mut st = self.st.borrow_mut();
            let connecting = st.phase == Phase::Connecting;
            st.phase = Phase::Closed;
            st.keep_alive = None;
            st.target = None;
            st.final_pending = false;
            // A handle may outlive the socket; its buffers need not.
            st.rbuf = BytesMut::new();
            st.pbuf = BytesMut::new();
            (st.io.take(), st.job.take().is_some(), st.server.take(), st.idle.take(), connecting)
        };
        if let Some((_, t)) = idle {
            t.clear();
        }
        if let Some((mut stream, token)) = io {
            let _ = self.lp.deregister_io(&mut stream, token);
        }
        if let Some(server) = server.and_then(|s| s.upgrade()) {
            server.connection_closed();
        }
        let had_error = error.is_some();
        d.destroy_done(error);
        let duplex = d.clone();
        self.lp.queue_close(move || {
            // libuv cancels an unfinished write when the handle closes; Node then completes it.
            // A write held while connecting fails instead (Node's `_writeGeneric` calls it
            // back from a `'close'` listener with ERR_SOCKET_CLOSED_BEFORE_CONNECTION).
            if had_job {
                duplex.write_done(connecting.then(|| {
                    Error::new("ERR_SOCKET_CLOSED_BEFORE_CONNECTION", "Socket closed before the connection was established")
                }));
            }
            let r = duplex.emit("close", (had_error,));
            // The socket is done: its listeners often hold the socket itself (an echo's
            // `'data'` listener writes back), a cycle Node's GC collects and `Rc` does not.
            duplex.event_emitter().release_listeners();
            r.map(|_| ())
        });
    }
}
