//! `Http2Server` and `Http2SecureServer` (SRV-1, SRV-2), `create_server` and
//! `create_secure_server` (FN-1, FN-2): a `net`/`tls` server whose connections become
//! `ServerHttp2Session`s, with their `'stream'` events forwarded to the server.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use emitter::{Emitter, EventEmitter, IntoListener};

use crate::http2_stream::ServerHttp2Stream;
use crate::net::{self, AddressInfo, Socket};
use crate::options::SessionOptions;
use crate::proto::Role;
use crate::rt::EventLoop;
use crate::session::{Http2Session, ServerHttp2Session, WeakSession};
use crate::stream::Stream;
use crate::tls::TlsServerOptions;
use crate::{Error, Headers};

emitter::event_table! {
    /// SRV-1.
    pub static HTTP2_SERVER_EVENTS: "Http2Server" extends net::SERVER_EVENTS {
        "session" => (ServerHttp2Session),
        "sessionError" => (Error, ServerHttp2Session),
        "socketError" => (Error, ServerHttp2Session),
        "stream" => (ServerHttp2Stream, Headers, u32),
        "timeout" => (ServerHttp2Session),
    }
}

emitter::event_table! {
    /// SRV-2: the same, plus `'unknownProtocol'`.
    pub static HTTP2_SECURE_SERVER_EVENTS: "Http2SecureServer" extends HTTP2_SERVER_EVENTS {
        "unknownProtocol" => (Socket),
        "secureConnection" => (Socket),
        "tlsClientError" => (Error, Socket),
    }
}

/// `create_server` options (FN-1).
#[derive(Clone, Debug, Default)]
pub struct ServerOptions {
    pub session: SessionOptions,
}

/// `create_secure_server` options (FN-2): the session options, the TLS identity, and
/// `allowHTTP1` (default false).
#[derive(Clone)]
pub struct SecureServerOptions {
    pub session: SessionOptions,
    pub tls: TlsServerOptions,
    pub allow_http1: bool,
}

pub(crate) struct ServerInner {
    emitter: EventEmitter,
    net: net::Server,
    options: SessionOptions,
    secure: bool,
    allow_http1: bool,
    timeout_ms: Cell<u64>,
    sessions: RefCell<Vec<WeakSession>>,
    /// The server holds itself from `listen()` until `'close'`: as in Node (whose handle
    /// keeps a listening server and its connections' server alive), dropping every handle
    /// does not stop a server that is listening or still has connections.
    keep: RefCell<Option<Http2Server>>,
}

/// An HTTP/2 server (plain or TLS). Cheap to clone.
#[derive(Clone)]
pub struct Http2Server {
    inner: Rc<ServerInner>,
}

/// Node's name for the TLS flavour.
pub type Http2SecureServer = Http2Server;

#[derive(Clone)]
pub(crate) struct WeakServer(Weak<ServerInner>);

impl WeakServer {
    pub(crate) fn upgrade(&self) -> Option<Http2Server> {
        self.0.upgrade().map(|inner| Http2Server { inner })
    }
}

impl Emitter for Http2Server {
    fn event_emitter(&self) -> &EventEmitter {
        &self.inner.emitter
    }
}

impl std::fmt::Debug for Http2Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Http2Server").field("secure", &self.inner.secure).field("address", &self.address()).finish()
    }
}

/// FN-1: a plain-TCP HTTP/2 server (h2c with prior knowledge) on the current loop.
pub fn create_server(options: ServerOptions) -> Result<Http2Server, Error> {
    create_server_on(&EventLoop::current(), options)
}

/// `create_server` on a given loop.
pub fn create_server_on(lp: &EventLoop, options: ServerOptions) -> Result<Http2Server, Error> {
    options.session.validate()?;
    Ok(Http2Server::build(net::Server::with_loop(lp), options.session, false, false, &HTTP2_SERVER_EVENTS))
}

/// FN-2: a TLS HTTP/2 server negotiating `h2` by ALPN (and `http/1.1` with `allow_http1`).
pub fn create_secure_server(options: SecureServerOptions) -> Result<Http2Server, Error> {
    create_secure_server_on(&EventLoop::current(), options)
}

/// `create_secure_server` on a given loop.
pub fn create_secure_server_on(lp: &EventLoop, options: SecureServerOptions) -> Result<Http2Server, Error> {
    options.session.validate()?;
    let mut alpn = vec!["h2"];
    if options.allow_http1 {
        alpn.push("http/1.1");
    }
    let tls = options.tls.with_alpn(&alpn);
    let net = crate::tls::create_server_on(lp, tls, None)?;
    Ok(Http2Server::build(net, options.session, true, options.allow_http1, &HTTP2_SECURE_SERVER_EVENTS))
}

impl Http2Server {
    fn build(net: net::Server, options: SessionOptions, secure: bool, allow_http1: bool, table: &'static emitter::EventTable) -> Http2Server {
        let server = Http2Server {
            inner: Rc::new(ServerInner {
                emitter: EventEmitter::with_events(table),
                net,
                options,
                secure,
                allow_http1,
                timeout_ms: Cell::new(0),
                sessions: RefCell::new(Vec::new()),
                keep: RefCell::new(None),
            }),
        };
        let weak = WeakServer(Rc::downgrade(&server.inner));
        let lp = server.inner.net.event_loop().clone();
        let report = |r: Result<emitter::Listener, Error>| {
            if let Err(e) = r {
                log::error!("server listener refused: {e:?}");
            }
        };
        let conn_event = if secure { "secureConnection" } else { "connection" };
        report(server.inner.net.on(conn_event, {
            let weak = weak.clone();
            move |socket: Socket| {
                if let Some(s) = weak.upgrade() {
                    s.on_socket(socket);
                }
            }
        }));
        // The net server's own events, re-emitted as the HTTP/2 server's.
        for event in ["listening", "close"] {
            let weak = weak.clone();
            let lp = lp.clone();
            report(server.inner.net.on(event, move || {
                if let Some(s) = weak.upgrade() {
                    lp.check(s.inner.emitter.emit(event, ()));
                    if event == "close" {
                        s.inner.keep.borrow_mut().take();
                    }
                }
            }));
        }
        report(server.inner.net.on("error", {
            let weak = weak.clone();
            move |e: Error| -> Result<(), Error> {
                match weak.upgrade() {
                    Some(s) => s.inner.emitter.emit("error", (e,)).map(|_| ()),
                    None => Ok(()),
                }
            }
        }));
        if secure {
            report(server.inner.net.on("tlsClientError", {
                let weak = weak.clone();
                move |e: Error, socket: Socket| {
                    if let Some(s) = weak.upgrade() {
                        let r = s.inner.emitter.emit("tlsClientError", (e, socket));
                        s.inner.net.event_loop().check(r);
                    }
                }
            }));
        }
        server
    }

    pub(crate) fn downgrade(&self) -> WeakServer {
        WeakServer(Rc::downgrade(&self.inner))
    }

    /// The loop the server runs on.
    pub fn event_loop(&self) -> &EventLoop {
        self.inner.net.event_loop()
    }

    fn on_socket(&self, socket: Socket) {
        if self.inner.secure {
            let alpn = socket.alpn_protocol();
            if alpn.as_deref() != Some("h2") {
                // SRV-2: no usable protocol. `allowHTTP1` connections are the compatibility
                // API's (a later issue); until then they are unknown protocols too.
                if self.inner.emitter.listener_count("unknownProtocol") > 0 {
                    let r = self.inner.emitter.emit("unknownProtocol", (socket,));
                    self.event_loop().check(r);
                } else {
                    // "If no listener is registered for this event, the connection is terminated."
                    socket.destroy(None);
                }
                let _ = self.inner.allow_http1;
                return;
            }
        }
        let session = Http2Session::new(self.event_loop(), Role::Server, socket, self.inner.options.clone());
        *session.inner.server.borrow_mut() = Some(self.downgrade());
        self.inner.sessions.borrow_mut().retain(|w| w.upgrade().is_some());
        self.inner.sessions.borrow_mut().push(session.downgrade());
        let weak = self.downgrade();
        // The server's own 'stream' forwarding comes first, as in Node.
        let r = session.on("stream", move |stream: ServerHttp2Stream, headers: Headers, flags: u32| -> Result<(), Error> {
            match weak.upgrade() {
                Some(s) => s.inner.emitter.emit("stream", (stream, headers, flags)).map(|_| ()),
                None => Ok(()),
            }
        });
        if let Err(e) = r {
            log::error!("session 'stream' listener refused: {e:?}");
        }
        let ms = self.inner.timeout_ms.get();
        if ms > 0 {
            let _ = session.set_timeout(ms, None::<emitter::Listener>);
        }
        let r = self.inner.emitter.emit("session", (ServerHttp2Session(session),));
        self.event_loop().check(r);
    }

    /// SRV-1 `'sessionError'`: else the server's `'error'` if it has listeners, else the
    /// error is logged — a server never crashes because one client misbehaved.
    pub(crate) fn forward_session_error(&self, e: Error, session: &Http2Session) {
        let r = if self.inner.emitter.listener_count("sessionError") > 0 {
            self.inner.emitter.emit("sessionError", (e, ServerHttp2Session(session.clone())))
        } else if self.inner.emitter.listener_count("error") > 0 {
            self.inner.emitter.emit("error", (e,))
        } else {
            log::warn!("HTTP/2 session error: {e:?}");
            Ok(false)
        };
        self.event_loop().check(r);
    }

    /// SES-10: a session's socket error goes to the server's `'socketError'` if it listens.
    pub(crate) fn forward_socket_error(&self, e: Error, session: &Http2Session) -> bool {
        if self.inner.emitter.listener_count("socketError") == 0 {
            return false;
        }
        let r = self.inner.emitter.emit("socketError", (e, ServerHttp2Session(session.clone())));
        self.event_loop().check(r);
        true
    }

    /// A session timed out: the server's `'timeout'` listeners get it, if any.
    pub(crate) fn forward_timeout(&self, session: &Http2Session) -> bool {
        if self.inner.emitter.listener_count("timeout") == 0 {
            return false;
        }
        let r = self.inner.emitter.emit("timeout", (ServerHttp2Session(session.clone()),));
        self.event_loop().check(r);
        true
    }

    /// `server.listen(port, host, cb)`; port 0 picks a free port. `cb` becomes a
    /// `'listening'` listener.
    pub fn listen<Args, L: IntoListener<Args>>(&self, port: u16, host: &str, callback: Option<L>) -> Result<&Self, Error> {
        if let Some(cb) = callback {
            self.inner.emitter.once("listening", cb)?;
        }
        self.inner.net.listen(port, host, None)?;
        *self.inner.keep.borrow_mut() = Some(self.clone());
        Ok(self)
    }

    /// `server.address()`.
    pub fn address(&self) -> Option<AddressInfo> {
        self.inner.net.address()
    }

    /// `server.listening`.
    pub fn listening(&self) -> bool {
        self.inner.net.listening()
    }

    /// `server.close([cb])`: stops accepting; `'close'` once the open sessions have ended.
    /// As in Node 20, open sessions are left alone (close them with `session.close()`).
    pub fn close(&self, callback: Option<Box<dyn FnOnce(Option<Error>)>>) -> &Self {
        self.inner.net.close(callback);
        self
    }

    /// SRV-1 `server.setTimeout(ms, cb)`: sessions idle for `ms` get `'timeout'` on the server
    /// (`cb` is a listener); with no listener anywhere the session is destroyed.
    pub fn set_timeout<Args, L: IntoListener<Args>>(&self, ms: u64, callback: Option<L>) -> Result<&Self, Error> {
        if let Some(cb) = callback {
            self.inner.emitter.on("timeout", cb)?;
        }
        self.inner.timeout_ms.set(ms);
        Ok(self)
    }

    /// `server.timeout`.
    pub fn timeout(&self) -> u64 {
        self.inner.timeout_ms.get()
    }

    /// `server.ref()`.
    pub fn ref_(&self) -> &Self {
        self.inner.net.ref_();
        self
    }

    /// `server.unref()`.
    pub fn unref(&self) -> &Self {
        self.inner.net.unref();
        self
    }

    /// The open sessions.
    pub fn sessions(&self) -> Vec<ServerHttp2Session> {
        self.inner.sessions.borrow().iter().filter_map(WeakSession::upgrade).map(ServerHttp2Session).collect()
    }
}
