//! `Socket` (NET-1, NET-2, NET-3): Node's `net.Socket` (and `tls.TLSSocket`, the same type
//! with a TLS session inside), a cheap-clone handle over a [`Duplex`] whose I/O is a
//! [`Conn`](super::conn::Conn).
//!
//! The Duplex is Node's default for sockets: `allowHalfOpen: false` (when the peer ends, we
//! end), and no `'close'` of its own: the socket emits `'close'(hadError)` from the loop's
//! close phase, where libuv runs a handle's close callback. The stream surface (`write`,
//! `end`, `pipe`, `pause`, `resume`, `set_encoding`, `destroy`, …) comes from the
//! [`Readable`](crate::stream::Readable)/[`Writable`](crate::stream::Writable) traits.
//!
//! After `'close'` a socket drops its listeners: they often hold the socket itself (an echo
//! handler writes back to the socket it reads), a cycle Node's GC collects and `Rc` does not.

use std::net::SocketAddr;
use std::rc::{Rc, Weak};

use emitter::{EventEmitter, EventTable, Listener};

use super::addr::{family, AddressInfo};
use super::conn::{Conn, Phase};
use crate::rt::EventLoop;
use crate::stream::{Duplex, DuplexOptions, Stream, WeakDuplex, DUPLEX_EVENTS};
use crate::tls::session::TlsSession;
use crate::tls::PeerCertificate;
use crate::{Emitter, Error};

emitter::event_table! {
    /// Events of a `net.Socket`.
    pub static SOCKET_EVENTS: "Socket" extends DUPLEX_EVENTS {
        "close" => (bool),
        "connect" => (),
        "ready" => (),
        "timeout" => (),
        "lookup" => (Option<Error>, String, u8, String),
    }
}

emitter::event_table! {
    /// Events of a `tls.TLSSocket`.
    pub static TLS_SOCKET_EVENTS: "TLSSocket" extends SOCKET_EVENTS {
        "secure" => (),
        "secureConnect" => (),
    }
}

/// A TCP (or TLS) socket. Clones are the same socket.
#[derive(Clone)]
pub struct Socket {
    pub(crate) duplex: Duplex,
    pub(crate) conn: Rc<Conn>,
}

/// A weak handle to a socket, for listeners that must not keep it alive.
#[derive(Clone)]
pub struct WeakSocket {
    duplex: WeakDuplex,
    conn: Weak<Conn>,
}

impl WeakSocket {
    pub fn upgrade(&self) -> Option<Socket> {
        Some(Socket { duplex: self.duplex.upgrade()?, conn: self.conn.upgrade()? })
    }
}

impl std::fmt::Debug for Socket {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let st = self.conn.st.borrow();
        f.debug_struct("Socket")
            .field("phase", &st.phase)
            .field("local", &st.local)
            .field("remote", &st.remote)
            .field("encrypted", &st.tls.is_some())
            .finish()
    }
}

impl Emitter for Socket {
    fn event_emitter(&self) -> &EventEmitter {
        self.duplex.event_emitter()
    }
}

impl Stream for Socket {
    fn duplex(&self) -> &Duplex {
        &self.duplex
    }
}

impl Default for Socket {
    fn default() -> Self {
        Socket::new()
    }
}

impl Socket {
    /// `new net.Socket()` on the current loop: not connected (`pending()`), writes wait.
    pub fn new() -> Socket {
        Socket::with_loop(&EventLoop::current())
    }

    /// `new net.Socket()` on a given loop.
    pub fn with_loop(lp: &EventLoop) -> Socket {
        Socket::build(lp, None, &SOCKET_EVENTS)
    }

    pub(crate) fn build(lp: &EventLoop, tls: Option<Box<TlsSession>>, table: &'static EventTable) -> Socket {
        Socket::build_with(lp, tls, table, false)
    }

    /// `allow_half_open`: Node's `allowHalfOpen` option (false by default): when false, the
    /// peer's FIN ends our side too.
    pub(crate) fn build_with(lp: &EventLoop, tls: Option<Box<TlsSession>>, table: &'static EventTable, allow_half_open: bool) -> Socket {
        let conn = Conn::new(lp, tls);
        let underlying = conn.clone();
        let options = DuplexOptions { allow_half_open, emit_close: false, ..DuplexOptions::default() };
        let duplex = Duplex::new(lp, table, options, move |_| underlying);
        Socket { duplex, conn }
    }

    /// Whether two handles are the same socket.
    pub fn same(&self, other: &Socket) -> bool {
        self.duplex.same(&other.duplex)
    }

    pub fn downgrade(&self) -> WeakSocket {
        WeakSocket { duplex: self.duplex.downgrade(), conn: Rc::downgrade(&self.conn) }
    }

    /// The loop this socket lives on.
    pub fn event_loop(&self) -> &EventLoop {
        self.duplex.event_loop()
    }

    /// `socket.connect(port, host)`. Host names are resolved with the system resolver, which
    /// blocks (see [`crate::net`]). Failures arrive as `'error'` then `'close'(true)`.
    /// Connecting a socket that is connecting, open or closed is reported as an uncaught
    /// error (Node throws `ERR_SOCKET_CONNECTING`; Node can reuse a closed socket, we cannot).
    pub fn connect(&self, port: u16, host: &str) -> &Self {
        let r = self.conn.connect(&self.duplex, port, host.to_string());
        self.event_loop().check(r);
        self
    }

    /// `socket.connect(port, host, connectListener)`: the listener is added with `once('connect')`.
    pub fn connect_with(&self, port: u16, host: &str, on_connect: impl Fn() + 'static) -> &Self {
        let r = self.once("connect", on_connect);
        self.event_loop().check(r);
        self.connect(port, host)
    }

    /// `socket.allowHalfOpen`: whether the socket stays writable after the peer's FIN
    /// (`'end'`); false unless its server was created with `allow_half_open`.
    pub fn allow_half_open(&self) -> bool {
        self.duplex.allow_half_open()
    }

    /// `socket.setTimeout(ms[, callback])`: `'timeout'` after `ms` of inactivity (no bytes
    /// read or written); the socket is not destroyed. 0 disables it (and removes `callback`).
    pub fn set_timeout(&self, ms: u64, callback: Option<Listener>) -> &Self {
        if let Some(cb) = callback {
            if ms == 0 {
                self.off("timeout", &cb);
            } else {
                let r = self.once("timeout", cb);
                self.event_loop().check(r);
            }
        }
        self.conn.set_idle_timeout(&self.duplex, ms);
        self
    }

    /// `socket.timeout`: the idle timeout set with `set_timeout`, if any.
    pub fn timeout(&self) -> Option<u64> {
        self.conn.st.borrow().idle.as_ref().map(|(ms, _)| *ms)
    }

    /// `socket.setNoDelay(noDelay)`: disables Nagle's algorithm (applied at connect if pending).
    pub fn set_no_delay(&self, no_delay: bool) -> &Self {
        self.conn.set_no_delay(no_delay);
        self
    }

    /// `socket.setKeepAlive(enable, initialDelay)`: TCP keep-alive probes after
    /// `initial_delay_ms` of idleness (0 keeps the system default).
    pub fn set_keep_alive(&self, enable: bool, initial_delay_ms: u64) -> &Self {
        self.conn.set_keep_alive(enable, initial_delay_ms);
        self
    }

    fn remote(&self) -> Option<SocketAddr> {
        let st = self.conn.st.borrow();
        // Node clears the remote address of a socket that never connected.
        if matches!(st.phase, Phase::Idle | Phase::Connecting) {
            return None;
        }
        st.remote
    }

    /// `socket.remoteAddress`.
    pub fn remote_address(&self) -> Option<String> {
        self.remote().map(|a| a.ip().to_string())
    }
    /// `socket.remotePort`.
    pub fn remote_port(&self) -> Option<u16> {
        self.remote().map(|a| a.port())
    }
    /// `socket.remoteFamily`: `"IPv4"` or `"IPv6"`.
    pub fn remote_family(&self) -> Option<&'static str> {
        self.remote().map(|a| family(&a))
    }
    /// `socket.localAddress`.
    pub fn local_address(&self) -> Option<String> {
        self.conn.st.borrow().local.map(|a| a.ip().to_string())
    }
    /// `socket.localPort`.
    pub fn local_port(&self) -> Option<u16> {
        self.conn.st.borrow().local.map(|a| a.port())
    }
    /// `socket.address()`: the local address.
    pub fn address(&self) -> Option<AddressInfo> {
        self.conn.st.borrow().local.as_ref().map(AddressInfo::from_socket_addr)
    }

    /// `socket.bytesRead` (for TLS: decrypted bytes).
    pub fn bytes_read(&self) -> u64 {
        self.conn.st.borrow().bytes_read
    }

    /// `socket.bytesWritten`: bytes written plus bytes still queued, as Node counts them.
    pub fn bytes_written(&self) -> u64 {
        self.conn.st.borrow().bytes_written + self.duplex.writable_length() as u64
    }

    /// `socket.ref()`: an open socket keeps `run()` going (the default).
    pub fn ref_(&self) -> &Self {
        self.conn.set_ref(true);
        self
    }

    /// `socket.unref()`: this socket alone no longer keeps `run()` going.
    pub fn unref(&self) -> &Self {
        self.conn.set_ref(false);
        self
    }

    /// `socket.destroySoon()`: ends the writable side, and destroys once it has finished.
    pub fn destroy_soon(&self) {
        if self.duplex.writable() {
            self.duplex.end();
        }
        if self.duplex.writable_finished() {
            self.duplex.destroy(None);
        } else {
            let d = self.duplex.downgrade();
            let r = self.once("finish", move || {
                if let Some(d) = d.upgrade() {
                    d.destroy(None);
                }
            });
            self.event_loop().check(r);
        }
    }

    /// `socket.pending`: not connected yet (or no longer: Node's `!this._handle || connecting`).
    pub fn pending(&self) -> bool {
        self.conn.phase() != Phase::Open
    }

    /// `socket.connecting`: `connect()` was called and `'connect'` has not come yet.
    pub fn connecting(&self) -> bool {
        self.conn.phase() == Phase::Connecting
    }

    /// `socket.readyState`: `"opening"`, `"open"`, `"readOnly"`, `"writeOnly"` or `"closed"`.
    pub fn ready_state(&self) -> &'static str {
        match self.conn.phase() {
            Phase::Connecting => "opening",
            Phase::Idle | Phase::Closed => "closed",
            Phase::Open => match (self.duplex.readable(), self.duplex.writable()) {
                (true, true) => "open",
                (true, false) => "readOnly",
                (false, true) => "writeOnly",
                (false, false) => "closed",
            },
        }
    }

    // ----- TLS (NET-3) ------------------------------------------------------------------

    /// `socket.encrypted`: whether this socket carries TLS.
    pub fn encrypted(&self) -> bool {
        self.conn.st.borrow().tls.is_some()
    }

    fn with_tls<R>(&self, f: impl FnOnce(&TlsSession) -> Option<R>) -> Option<R> {
        self.conn.st.borrow().tls.as_deref().and_then(f)
    }

    /// Whether the TLS handshake has completed (`'secure'` was emitted).
    pub fn secured(&self) -> bool {
        self.with_tls(|t| Some(!t.handshaking())).unwrap_or(false)
    }

    /// `socket.alpnProtocol`: the protocol ALPN selected; `None` where Node says `false`.
    pub fn alpn_protocol(&self) -> Option<String> {
        self.with_tls(TlsSession::alpn_protocol)
    }

    /// `socket.getPeerCertificate()`: the peer's leaf certificate.
    pub fn get_peer_certificate(&self) -> Option<PeerCertificate> {
        self.with_tls(TlsSession::peer_certificate)
    }

    /// `socket.authorized`: the peer's certificate checked out against the trusted roots.
    pub fn authorized(&self) -> bool {
        self.with_tls(|t| Some(t.authorized())).unwrap_or(false)
    }

    /// `socket.authorizationError`: why the peer's certificate did not check out
    /// (`DEPTH_ZERO_SELF_SIGNED_CERT`, …); set with `reject_unauthorized: false`.
    pub fn authorization_error(&self) -> Option<Error> {
        self.with_tls(TlsSession::authorization_error)
    }

    /// `socket.servername`: the SNI name sent (client) or received (server).
    pub fn servername(&self) -> Option<String> {
        self.with_tls(TlsSession::servername)
    }
}
