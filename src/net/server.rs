//! `Server` (NET-1, NET-3): Node's `net.Server`, and with TLS configurations `tls.Server`.
//!
//! `listen` binds at once and reports `'listening'` (or `'error'`, e.g. `EADDRINUSE`) on the
//! next tick, or on the tick after when a host is given, as Node does. Each readable edge
//! accepts until the kernel has no connection left. `close()` stops accepting; `'close'` comes once the last connection has closed.
//! While listening, the loop's I/O handler holds the server, so a listening server lives
//! (and keeps `run()` going, unless `unref`'d) without a user handle, as in Node.

use std::cell::RefCell;
use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::rc::{Rc, Weak};
use std::sync::Arc;

use emitter::{EmitArgs, EventEmitter, Listener};
use mio::net::{TcpListener, TcpStream};
use mio::Interest;

use super::addr::{self, AddressInfo};
use super::error::{listen_error, sys_error};
use super::socket::{SOCKET_EVENTS, TLS_SOCKET_EVENTS};
use super::Socket;
use crate::rt::{EventLoop, IoToken, KeepAlive};
use crate::stream::Stream;
use crate::tls::session::{ServerConfigs, TlsSession};
use crate::{Emitter, Error};

emitter::event_table! {
    /// Events of a `net.Server`.
    pub static SERVER_EVENTS: "Server" {
        "listening" => (),
        "connection" => (Socket),
        "close" => (),
    }
}

emitter::event_table! {
    /// Events of a `tls.Server`.
    pub static TLS_SERVER_EVENTS: "TLSServer" extends SERVER_EVENTS {
        "secureConnection" => (Socket),
        "tlsClientError" => (Error, Socket),
    }
}

/// Options of `net.createServer([options])`.
#[derive(Clone, Copy, Debug, Default)]
pub struct ServerOptions {
    /// Node's `allowHalfOpen` (default false): an accepted socket stays writable after the
    /// client's FIN (`'end'`) until it is ended itself; when false, the FIN ends it.
    pub allow_half_open: bool,
}

struct ServerState {
    listener: Option<(TcpListener, IoToken)>,
    local: Option<SocketAddr>,
    keep_alive: Option<KeepAlive>,
    referenced: bool,
    connections: usize,
    max_connections: Option<usize>,
}

pub(crate) struct ServerInner {
    emitter: EventEmitter,
    lp: EventLoop,
    me: Weak<ServerInner>,
    st: RefCell<ServerState>,
    tls: Option<Arc<ServerConfigs>>,
    /// Node's `allowHalfOpen` server option, given to each accepted socket.
    allow_half_open: bool,
}

/// A TCP (or TLS) server. Clones are the same server.
#[derive(Clone)]
pub struct Server {
    inner: Rc<ServerInner>,
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let st = self.inner.st.borrow();
        f.debug_struct("Server").field("local", &st.local).field("connections", &st.connections).finish()
    }
}

impl Emitter for Server {
    fn event_emitter(&self) -> &EventEmitter {
        &self.inner.emitter
    }
}

impl Server {
    /// `net.createServer()` on a given loop, without a connection listener.
    pub fn with_loop(lp: &EventLoop) -> Server {
        Server::build(lp, None)
    }

    /// `net.createServer(options)` on a given loop, without a connection listener.
    pub fn with_loop_options(lp: &EventLoop, options: ServerOptions) -> Server {
        Server::build_with(lp, None, options)
    }

    pub(crate) fn build(lp: &EventLoop, tls: Option<Arc<ServerConfigs>>) -> Server {
        Server::build_with(lp, tls, ServerOptions::default())
    }

    fn build_with(lp: &EventLoop, tls: Option<Arc<ServerConfigs>>, options: ServerOptions) -> Server {
        let table = if tls.is_some() { &TLS_SERVER_EVENTS } else { &SERVER_EVENTS };
        Server {
            inner: Rc::new_cyclic(|me| ServerInner {
                emitter: EventEmitter::with_events(table),
                lp: lp.clone(),
                me: me.clone(),
                st: RefCell::new(ServerState {
                    listener: None,
                    local: None,
                    keep_alive: None,
                    referenced: true,
                    connections: 0,
                    max_connections: None,
                }),
                tls,
                allow_half_open: options.allow_half_open,
            }),
        }
    }

    /// Whether two handles are the same server.
    pub fn same(&self, other: &Server) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner)
    }

    /// The loop this server lives on.
    pub fn event_loop(&self) -> &EventLoop {
        &self.inner.lp
    }

    /// `server.listen(port, host[, callback])`: port 0 picks a free port; an empty host
    /// listens on every address (`::`, or `0.0.0.0` without IPv6). `callback` is a
    /// `'listening'` listener. Bind errors arrive as `'error'` on the next tick (the tick
    /// after it when a host is given, as Node's lookup adds one); calling `listen` on a
    /// listening server is `ERR_SERVER_ALREADY_LISTEN`. Unlike Node, the bind itself is done
    /// at once, so `address()` and `listening()` are set on return even with a host.
    pub fn listen(&self, port: u16, host: &str, callback: Option<Listener>) -> Result<&Self, Error> {
        if self.listening() {
            return Err(Error::new("ERR_SERVER_ALREADY_LISTEN", "Listen method has been called more than once without closing."));
        }
        if let Some(cb) = callback {
            self.once("listening", cb)?;
        }
        let bound = if host.is_empty() {
            // Node: the unspecified IPv6 address (dual-stack), else the IPv4 one.
            self.bind(SocketAddr::new(IpAddr::V6(Ipv6Addr::UNSPECIFIED), port))
                .or_else(|_| self.bind(SocketAddr::new(IpAddr::V4(Ipv4Addr::UNSPECIFIED), port)))
        } else {
            match addr::resolve(host, port) {
                Ok(addrs) => match addrs.first() {
                    Some(a) => self.bind(*a),
                    None => Err(super::error::lookup_error(host)),
                },
                Err(e) => Err(e),
            }
        };
        let server = self.clone();
        let report: Box<dyn FnOnce()> = match bound {
            Ok(()) => Box::new(move || {
                // Closed before the tick: Node still emits 'listening' only while listening.
                if server.listening() {
                    server.inner.emit("listening", ());
                }
            }),
            Err(e) => Box::new(move || server.inner.emit("error", (e,))),
        };
        if host.is_empty() {
            self.inner.lp.next_tick(report);
        } else {
            // Node looks a given host up first (`dns.lookup`, which calls back on a tick even
            // for an IP address), binds in that callback and reports on the tick after: ticks
            // queued right after `listen()` run before `'listening'` or `'error'`.
            let lp = self.inner.lp.clone();
            self.inner.lp.next_tick(move || lp.next_tick(report));
        }
        Ok(self)
    }

    fn bind(&self, addr: SocketAddr) -> Result<(), Error> {
        let mut listener = TcpListener::bind(addr).map_err(|e| listen_error(&e, &addr.ip().to_string(), addr.port()))?;
        let server = self.clone();
        let token = self
            .inner
            .lp
            .register_io(&mut listener, Interest::READABLE, move |_| server.inner.accept_all())
            .map_err(|e| listen_error(&e, &addr.ip().to_string(), addr.port()))?;
        let mut st = self.inner.st.borrow_mut();
        st.local = listener.local_addr().ok();
        st.listener = Some((listener, token));
        if st.referenced {
            st.keep_alive = Some(self.inner.lp.keep_alive());
        }
        Ok(())
    }

    /// `server.close([callback])`: stops accepting. `'close'` follows once every connection
    /// has closed; `callback` runs then, with `ERR_SERVER_NOT_RUNNING` if the server was not
    /// listening (Node emits `'close'` in that case too).
    pub fn close(&self, callback: Option<Box<dyn FnOnce(Option<Error>)>>) -> &Self {
        let listener = {
            let mut st = self.inner.st.borrow_mut();
            st.keep_alive = None;
            st.listener.take()
        };
        if let Some(cb) = callback {
            let error = listener.is_none().then(|| Error::new("ERR_SERVER_NOT_RUNNING", "Server is not running."));
            let cb = RefCell::new(Some(cb));
            let r = self.once("close", move || {
                let cb = cb.borrow_mut().take();
                if let Some(cb) = cb {
                    cb(error.clone());
                }
            });
            self.inner.lp.check(r);
        }
        if let Some((mut l, token)) = listener {
            let _ = self.inner.lp.deregister_io(&mut l, token);
        }
        self.inner.emit_close_if_drained();
        self
    }

    /// `server.address()`: where it listens, or `None` when not listening.
    pub fn address(&self) -> Option<AddressInfo> {
        let st = self.inner.st.borrow();
        st.listener.as_ref().and(st.local.as_ref()).map(AddressInfo::from_socket_addr)
    }

    /// `server.listening`.
    pub fn listening(&self) -> bool {
        self.inner.st.borrow().listener.is_some()
    }

    /// `server.getConnections()`: open connections accepted by this server.
    pub fn get_connections(&self) -> usize {
        self.inner.st.borrow().connections
    }

    /// `server.maxConnections`: connections beyond it are closed as soon as accepted.
    pub fn set_max_connections(&self, max: Option<usize>) -> &Self {
        self.inner.st.borrow_mut().max_connections = max;
        self
    }

    pub fn max_connections(&self) -> Option<usize> {
        self.inner.st.borrow().max_connections
    }

    /// `server.ref()`.
    pub fn ref_(&self) -> &Self {
        let mut st = self.inner.st.borrow_mut();
        st.referenced = true;
        if st.listener.is_some() && st.keep_alive.is_none() {
            st.keep_alive = Some(self.inner.lp.keep_alive());
        }
        drop(st);
        self
    }

    /// `server.unref()`: a listening server alone no longer keeps `run()` going.
    pub fn unref(&self) -> &Self {
        let mut st = self.inner.st.borrow_mut();
        st.referenced = false;
        st.keep_alive = None;
        drop(st);
        self
    }
}

impl ServerInner {
    fn emit<A: EmitArgs>(&self, event: &str, args: A) {
        let r = self.emitter.emit(event, args);
        self.lp.check(r);
    }

    /// Accepts until the kernel has no pending connection (edge-triggered).
    fn accept_all(&self) {
        loop {
            let accepted = {
                let st = self.st.borrow();
                match &st.listener {
                    Some((l, _)) => l.accept(),
                    None => return,
                }
            };
            match accepted {
                Ok((stream, peer)) => self.on_connection(stream, peer),
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return,
                Err(e) if matches!(e.kind(), io::ErrorKind::Interrupted | io::ErrorKind::ConnectionAborted) => {}
                Err(e) => {
                    // EMFILE and the like: Node emits them on the server.
                    self.emit("error", (sys_error(&e, "accept"),));
                    return;
                }
            }
        }
    }

    fn on_connection(&self, stream: TcpStream, peer: SocketAddr) {
        let full = {
            let st = self.st.borrow();
            st.max_connections.is_some_and(|max| st.connections >= max)
        };
        if full {
            log::debug!("maxConnections reached: closing the connection from {peer}");
            return;
        }
        let tls = self.tls.as_ref().map(|c| Box::new(TlsSession::server(c.clone())));
        let table = if tls.is_some() { &TLS_SOCKET_EVENTS } else { &SOCKET_EVENTS };
        let socket = Socket::build_with(&self.lp, tls, table, self.allow_half_open);
        if let Err(e) = socket.conn.adopt(&socket.duplex, stream, peer, self.me.clone()) {
            log::debug!("could not watch the connection from {peer}: {e}");
            return;
        }
        self.st.borrow_mut().connections += 1;
        if self.tls.is_some() {
            self.forward_handshake_errors(&socket);
        }
        // Node's Socket constructor starts reading at once.
        socket.duplex().read(Some(0));
        self.emit("connection", (socket,));
    }

    /// Node's `onSocketTLSError`: an error before the handshake completes is the server's
    /// `'tlsClientError'`; the listener also keeps such errors from being unhandled.
    fn forward_handshake_errors(&self, socket: &Socket) {
        let (server, weak) = (self.me.clone(), socket.downgrade());
        let r = socket.on("error", move |e: Error| -> Result<(), Error> {
            let (Some(server), Some(socket)) = (server.upgrade(), weak.upgrade()) else { return Ok(()) };
            if socket.secured() {
                return Ok(());
            }
            server.emitter.emit("tlsClientError", (e, socket)).map(|_| ())
        });
        self.lp.check(r);
    }

    /// The TLS handshake of an accepted socket completed.
    pub(crate) fn secure_connection(&self, socket: Socket) {
        self.emit("secureConnection", (socket,));
    }

    /// An accepted socket was destroyed (Node's `_destroy` → `server._connections--`).
    pub(crate) fn connection_closed(&self) {
        {
            let mut st = self.st.borrow_mut();
            st.connections = st.connections.saturating_sub(1);
        }
        self.emit_close_if_drained();
    }

    /// Node's `_emitCloseIfDrained`: `'close'` on the next tick once nothing is left.
    fn emit_close_if_drained(&self) {
        {
            let st = self.st.borrow();
            if st.listener.is_some() || st.connections > 0 {
                return;
            }
        }
        let Some(me) = self.me.upgrade() else { return };
        self.lp.next_tick(move || me.emit("close", ()));
    }
}
