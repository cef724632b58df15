//! `Http2Session` (SES-*): one HTTP/2 connection over a `net`/`tls` socket, on the loop.
//!
//! This is the glue between the sans-I/O core (`proto::Connection`) and the Node API: socket
//! bytes go into the core, the core's events become emits on the session and its streams in
//! Node's order, and the core's output is flushed to the socket when it can take it. Every
//! emit happens with no `RefCell` borrow held: events are taken out of the core first, then
//! dispatched, so any listener may call back into the session or its streams.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::ops::Deref;
use std::rc::{Rc, Weak};
use std::time::Instant;

use bytes::{Bytes, BytesMut};
use emitter::{Emitter, EventEmitter};

use crate::constants::{NGHTTP2_NO_ERROR, NGHTTP2_SESSION_CLIENT, NGHTTP2_SESSION_SERVER};
use crate::frame::{ErrorCode, StreamId};
use crate::http2_stream::{ClientHttp2Stream, Http2Stream, ServerHttp2Stream, StreamRole};
use crate::net::Socket;
use crate::options::{PriorityOptions, SessionOptions, ShutdownOptions};
use crate::proto::{Connection, Event, HeadersKind, Role, SessionState, Transmit};
use crate::rt::{EventLoop, Timeout};
use crate::server::WeakServer;
use crate::settings::Settings;
use crate::stream::{Chunk, Readable, Stream, Writable};
use crate::{Error, Headers};

emitter::event_table! {
    /// Events of every session (SES-2..SES-11).
    pub static SESSION_EVENTS: "Http2Session" {
        "close" => (),
        "connect" => (Http2Session, Socket),
        "frameError" => (u8, i32, u32),
        "goaway" => (u32, u32, Bytes),
        "localSettings" => (Settings),
        "remoteSettings" => (Settings),
        "socketError" => (Error),
        "timeout" => (),
        "ping" => (Bytes),
    }
}

emitter::event_table! {
    /// A server session's `'stream'`: each request (SES-9).
    pub static SERVER_SESSION_EVENTS: "ServerHttp2Session" extends SESSION_EVENTS {
        "stream" => (ServerHttp2Stream, Headers, u32),
    }
}

emitter::event_table! {
    /// A client session's `'stream'`: each pushed stream (SES-9, PUSH-1).
    pub static CLIENT_SESSION_EVENTS: "ClientHttp2Session" extends SESSION_EVENTS {
        "stream" => (ClientHttp2Stream, Headers, u32),
    }
}

/// nghttp2's HEADERS flags as Node passes them to `'stream'`, `'response'`, … listeners.
pub(crate) fn header_flags(end_stream: bool, priority: bool) -> u32 {
    let mut f = u32::from(crate::frame::flags::END_HEADERS);
    if end_stream {
        f |= u32::from(crate::frame::flags::END_STREAM);
    }
    if priority {
        f |= u32::from(crate::frame::flags::PRIORITY);
    }
    f
}

type SettingsCallback = Box<dyn FnOnce(Option<Error>, Settings)>;
type PingCallback = Box<dyn FnOnce(Option<Error>, f64, Bytes)>;

pub(crate) struct SessionInner {
    pub(crate) emitter: EventEmitter,
    pub(crate) lp: EventLoop,
    pub(crate) role: Role,
    pub(crate) options: SessionOptions,
    pub(crate) conn: RefCell<Connection>,
    pub(crate) socket: RefCell<Option<Socket>>,
    pub(crate) streams: RefCell<crate::proto::IdMap<Http2Stream>>,
    /// Client requests made before the socket connected (STR-2): sent on connect.
    pub(crate) pending: RefCell<Vec<Http2Stream>>,
    pub(crate) connecting: Cell<bool>,
    pub(crate) closed: Cell<bool>,
    pub(crate) destroyed: Cell<bool>,
    flush_scheduled: Cell<bool>,
    flushing: Cell<bool>,
    /// The socket's `write` returned false: wait for its `'drain'`.
    blocked: Cell<bool>,
    /// We paused the socket because the core's output is backed up.
    paused: Cell<bool>,
    out: RefCell<BytesMut>,
    timeout: RefCell<Option<(u64, Timeout)>>,
    pub(crate) server: RefCell<Option<WeakServer>>,
    /// Client: the `:scheme` and `:authority` requests default to.
    pub(crate) origin: RefCell<Option<(String, String)>>,
    settings_callbacks: RefCell<VecDeque<Option<SettingsCallback>>>,
    ping_callbacks: RefCell<VecDeque<([u8; 8], Instant, PingCallback)>>,
    goaway_code: Cell<Option<u32>>,
    goaway_last_stream: Cell<Option<u32>>,
    destroy_code: Cell<u32>,
    ping_seq: Cell<u64>,
    /// Stream writes the core reported sent, completed after the socket write (as libuv's
    /// write callback comes after nghttp2's send step in Node).
    sent: RefCell<Vec<(StreamId, usize)>>,
    /// Events are being dispatched: a nested `dispatch_all` (user code calling back into
    /// the session) leaves new events to the outer loop.
    dispatching: Cell<bool>,
    /// A `maybe_destroy_after_close` immediate is queued: streams closing before it runs
    /// share it (each of Node's would make the same check when the first one runs).
    destroy_check_queued: Cell<bool>,
    /// Streams forgotten since that immediate was queued: when it runs, each that nothing else
    /// reaches any more is reset and kept in `spare_streams` instead of freed.
    retiring: RefCell<Vec<Http2Stream>>,
    /// Finished streams' objects (the stream, its Duplex and emitter), reset, for the next
    /// streams of this session: a stream then costs no allocation. At most `MAX_SPARE_STREAMS`.
    spare_streams: RefCell<Vec<Rc<crate::http2_stream::StreamInner>>>,
}

/// Spare stream objects a session keeps at most, about 1.1 KiB each (so at most ~140 KiB per
/// session; never more than it had streams finishing at once). One connection with 100
/// streams in flight needs about 100 of them to allocate nothing per stream (`-c 1 -m 100`:
/// 18 192 instructions per request with 128, 18 925 with 32).
const MAX_SPARE_STREAMS: usize = 128;

/// A session handle (SES-*). Cheap to clone; clones are the same session.
#[derive(Clone)]
pub struct Http2Session {
    pub(crate) inner: Rc<SessionInner>,
}

#[derive(Clone)]
pub(crate) struct WeakSession(Weak<SessionInner>);

impl WeakSession {
    pub(crate) fn upgrade(&self) -> Option<Http2Session> {
        self.0.upgrade().map(|inner| Http2Session { inner })
    }
}

impl Emitter for Http2Session {
    fn event_emitter(&self) -> &EventEmitter {
        &self.inner.emitter
    }
}

impl std::fmt::Debug for Http2Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Http2Session").field("type", &self.session_type()).field("destroyed", &self.destroyed()).finish()
    }
}

/// A server-side session.
#[derive(Clone, Debug)]
pub struct ServerHttp2Session(pub(crate) Http2Session);

/// A client-side session: `request()` lives here (SES-14).
#[derive(Clone, Debug)]
pub struct ClientHttp2Session(pub(crate) Http2Session);

impl Deref for ServerHttp2Session {
    type Target = Http2Session;
    fn deref(&self) -> &Http2Session {
        &self.0
    }
}

impl Deref for ClientHttp2Session {
    type Target = Http2Session;
    fn deref(&self) -> &Http2Session {
        &self.0
    }
}

impl Emitter for ServerHttp2Session {
    fn event_emitter(&self) -> &EventEmitter {
        &self.0.inner.emitter
    }
}

impl Emitter for ClientHttp2Session {
    fn event_emitter(&self) -> &EventEmitter {
        &self.0.inner.emitter
    }
}

impl Http2Session {
    /// A session over `socket` (already connected for servers; maybe still connecting for
    /// clients).
    pub(crate) fn new(lp: &EventLoop, role: Role, socket: Socket, options: SessionOptions) -> Http2Session {
        let table = match role {
            Role::Server => &SERVER_SESSION_EVENTS,
            Role::Client => &CLIENT_SESSION_EVENTS,
        };
        let conn = Connection::new(options.config(role), lp.now());
        let session = Http2Session {
            inner: Rc::new(SessionInner {
                emitter: EventEmitter::with_events(table),
                lp: lp.clone(),
                role,
                conn: RefCell::new(conn),
                socket: RefCell::new(Some(socket.clone())),
                streams: RefCell::new(Default::default()),
                pending: RefCell::new(Vec::new()),
                connecting: Cell::new(role == Role::Client),
                closed: Cell::new(false),
                destroyed: Cell::new(false),
                flush_scheduled: Cell::new(false),
                flushing: Cell::new(false),
                blocked: Cell::new(false),
                paused: Cell::new(false),
                out: RefCell::new(BytesMut::with_capacity(16 * 1024)),
                timeout: RefCell::new(None),
                server: RefCell::new(None),
                origin: RefCell::new(None),
                settings_callbacks: RefCell::new(VecDeque::from([None])),
                ping_callbacks: RefCell::new(VecDeque::new()),
                goaway_code: Cell::new(None),
                goaway_last_stream: Cell::new(None),
                destroy_code: Cell::new(NGHTTP2_NO_ERROR),
                ping_seq: Cell::new(0),
                sent: RefCell::new(Vec::new()),
                dispatching: Cell::new(false),
                destroy_check_queued: Cell::new(false),
                retiring: RefCell::new(Vec::new()),
                spare_streams: RefCell::new(Vec::new()),
                options,
            }),
        };
        session.attach_socket(&socket);
        session
    }

    pub(crate) fn downgrade(&self) -> WeakSession {
        WeakSession(Rc::downgrade(&self.inner))
    }

    /// Whether two handles are the same session.
    pub fn same(&self, other: &Http2Session) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner)
    }

    pub(crate) fn event_loop(&self) -> &EventLoop {
        &self.inner.lp
    }

    /// Binds the session to its socket (SES-1). As in Node, each holds the other: the
    /// socket's listeners own the session, and the socket drops its listeners once it has
    /// closed, which breaks the cycle.
    fn attach_socket(&self, socket: &Socket) {
        socket.set_no_delay(true);
        let check = |r: Result<emitter::Listener, Error>| {
            if let Err(e) = r {
                log::error!("session socket listener refused: {e:?}");
            }
        };
        check(socket.on("data", {
            let s = self.clone();
            move |chunk: Chunk| s.receive(chunk.as_bytes())
        }));
        check(socket.on("drain", {
            let s = self.clone();
            move || {
                s.inner.blocked.set(false);
                s.schedule_flush();
            }
        }));
        check(socket.on("error", {
            let s = self.clone();
            move |e: Error| -> Result<(), Error> { s.on_socket_error(e) }
        }));
        check(socket.on("close", {
            let s = self.clone();
            move |_had_error: bool| s.on_socket_close()
        }));
        if self.inner.role == Role::Client && (socket.connecting() || socket.pending()) {
            let event = if socket.encrypted() { "secureConnect" } else { "connect" };
            check(socket.once(event, {
                let s = self.clone();
                move || s.on_connected()
            }));
        } else {
            // A server session (or a client over a connected socket) is ready now; Node
            // emits 'connect' on the next tick.
            let s = self.clone();
            self.inner.lp.next_tick(move || s.on_connected());
        }
        self.schedule_flush();
    }

    /// The socket is connected: send what waited, and emit `'connect'` (SES-3).
    fn on_connected(&self) {
        if self.inner.destroyed.get() {
            return;
        }
        self.inner.connecting.set(false);
        // 'connect' first: Node sends requests made while connecting from a 'connect'
        // listener added after the user's.
        let socket = self.inner.socket.borrow().clone();
        if let Some(socket) = socket {
            let r = self.inner.emitter.emit("connect", (self.clone(), socket));
            self.inner.lp.check(r);
        }
        let pending = std::mem::take(&mut *self.inner.pending.borrow_mut());
        for stream in pending {
            stream.send_pending_request();
        }
        self.flush();
    }

    /// SES-10: `'socketError'`; else, for a server session, the server's `'socketError'`;
    /// else the session is destroyed with the error.
    fn on_socket_error(&self, e: Error) -> Result<(), Error> {
        // Node: "We can ignore ECONNRESET after GOAWAY was received as there's nothing we
        // can do and the other side is fully within its rights to do so."
        if e.code() == "ECONNRESET" && self.inner.goaway_code.get().is_some() {
            self.destroy(None);
            return Ok(());
        }
        if self.inner.emitter.listener_count("socketError") > 0 {
            self.inner.emitter.emit("socketError", (e,))?;
            return Ok(());
        }
        let server = self.inner.server.borrow().as_ref().and_then(WeakServer::upgrade);
        if let Some(server) = server {
            if server.forward_socket_error(e.clone(), self) {
                return Ok(());
            }
        }
        self.destroy(Some(e));
        Ok(())
    }

    // ----- input -------------------------------------------------------------------------

    fn receive(&self, data: &[u8]) {
        if self.inner.destroyed.get() {
            return;
        }
        self.refresh_timeout();
        // Frame by frame: each frame's events are dispatched (each followed by the ticks it
        // queued, as Node's MakeCallback drains them) before the next frame is read, so
        // listeners see the state nghttp2's callbacks would show Node's.
        self.inner.conn.borrow_mut().handle_bytes_stepwise(data, self.inner.lp.now());
        loop {
            self.dispatch_all(true);
            if self.inner.destroyed.get() {
                break;
            }
            let more = self.inner.conn.borrow_mut().continue_input();
            if !more {
                break;
            }
        }
        self.schedule_flush();
        self.update_reading();
    }

    /// Takes the core's events one at a time (no borrow kept) and dispatches them. Like
    /// Node's native layer, which calls into JavaScript once per nghttp2 callback and drains
    /// the next-tick queue after each, the ticks an event queued run before the next event —
    /// so a response's `'response'` comes before the DATA that arrived with it.
    ///
    /// Only the outermost call dispatches: commands made from listeners leave their events
    /// queued (Node's commands only submit; their effects come back later from the native
    /// layer). Ticks are drained (`drain`) only from top-level contexts — the socket's read,
    /// an immediate of our own — never in the middle of user code.
    fn dispatch_all(&self, drain: bool) {
        if self.inner.dispatching.replace(true) {
            return;
        }
        loop {
            let event = self.inner.conn.borrow_mut().poll_event();
            let Some(event) = event else { break };
            self.dispatch(event);
            if drain {
                self.inner.lp.drain_next_ticks();
            }
        }
        self.inner.dispatching.set(false);
    }

    fn stream(&self, id: StreamId) -> Option<Http2Stream> {
        self.inner.streams.borrow().get(&id.get()).cloned()
    }

    pub(crate) fn register_stream(&self, id: u32, stream: &Http2Stream) {
        self.inner.streams.borrow_mut().insert(id, stream.clone());
    }

    pub(crate) fn forget_stream(&self, id: u32) {
        let removed = self.inner.streams.borrow_mut().remove(&id);
        if let Some(stream) = removed {
            self.inner.retiring.borrow_mut().push(stream);
        }
        // Node's stream `_destroy`: "Delay with setImmediate so we don't do it on the nghttp2
        // stack" — the stream's own 'close' comes first.
        if !self.inner.destroy_check_queued.replace(true) {
            let me = self.clone();
            self.inner.lp.set_immediate(move || {
                me.inner.destroy_check_queued.set(false);
                me.retire_streams();
                me.maybe_destroy_after_close();
            });
        }
    }

    /// The forgotten streams, once their own close has run: those nothing else reaches are
    /// reset and kept as spares (`Http2Stream::into_spare`), the others dropped as usual.
    fn retire_streams(&self) {
        let retiring = std::mem::take(&mut *self.inner.retiring.borrow_mut());
        let keep = !self.inner.destroyed.get();
        for stream in retiring {
            let spare = if keep { stream.into_spare() } else { None };
            if let Some(inner) = spare {
                let mut spares = self.inner.spare_streams.borrow_mut();
                let rejected = if spares.len() < MAX_SPARE_STREAMS {
                    spares.push(inner);
                    None
                } else {
                    Some(inner)
                };
                // One the pool has no room for goes after the borrow.
                drop(spares);
                drop(rejected);
            }
        }
    }

    /// A spare stream object of this session (see `retire_streams`).
    pub(crate) fn take_spare_stream(&self) -> Option<Rc<crate::http2_stream::StreamInner>> {
        self.inner.spare_streams.borrow_mut().pop()
    }

    fn dispatch(&self, event: Event) {
        match event {
            Event::RemoteSettings(settings) => {
                let r = self.inner.emitter.emit("remoteSettings", (settings,));
                self.inner.lp.check(r);
            }
            Event::LocalSettingsAcked(settings) => {
                let cb = self.inner.settings_callbacks.borrow_mut().pop_front().flatten();
                if let Some(cb) = cb {
                    cb(None, settings.clone());
                }
                let r = self.inner.emitter.emit("localSettings", (settings,));
                self.inner.lp.check(r);
            }
            Event::Headers { stream, kind, headers, end_stream, priority } => {
                let flags = header_flags(end_stream, priority.is_some());
                let (obj, request) = match kind {
                    HeadersKind::Request => {
                        let (obj, summary) = crate::http2_stream::to_request_headers(&headers);
                        (obj, Some(summary))
                    }
                    _ => (crate::http2_stream::to_headers(&headers), None),
                };
                // The list goes back to the core for the next block.
                self.conn().borrow_mut().give_field_list(headers);
                match (kind, request) {
                    (HeadersKind::Request, Some(summary)) => self.on_request(stream, obj, summary, flags, end_stream),
                    _ => {
                        if let Some(s) = self.stream(stream) {
                            s.on_headers(kind, obj, flags, end_stream);
                        }
                    }
                }
            }
            Event::PushPromise { parent, promised, headers } => self.on_push_promise(parent, promised, &headers),
            Event::Data { stream, data, end_stream } => match self.stream(stream) {
                Some(s) => s.on_data(data, end_stream),
                None => self.inner.conn.borrow_mut().consume(stream, data.len()),
            },
            Event::DataSent { stream, bytes } => self.inner.sent.borrow_mut().push((stream, bytes)),
            Event::Reset { stream, code, .. } => {
                if let Some(s) = self.stream(stream) {
                    s.on_stream_close(code.0);
                }
            }
            Event::Closed { stream } => {
                if let Some(s) = self.stream(stream) {
                    s.on_stream_close(NGHTTP2_NO_ERROR);
                }
            }
            Event::FrameError { stream, frame_type, code } => {
                // SES-5, STR-6: on the stream if it has one (which is then destroyed), else
                // on the session (which is then shut down).
                match self.stream(stream) {
                    Some(s) => s.on_frame_error(frame_type, code),
                    None => {
                        let r = self.inner.emitter.emit("frameError", (frame_type, code, stream.get()));
                        self.inner.lp.check(r);
                        self.destroy(None);
                    }
                }
            }
            Event::PingAck { payload } => {
                let pos = self.inner.ping_callbacks.borrow().iter().position(|(p, _, _)| *p == payload);
                let entry = pos.and_then(|i| self.inner.ping_callbacks.borrow_mut().remove(i));
                if let Some((_, sent, cb)) = entry {
                    let ms = Instant::now().duration_since(sent).as_secs_f64() * 1000.0;
                    cb(None, ms, Bytes::copy_from_slice(&payload));
                }
            }
            Event::Ping { payload } => {
                let r = self.inner.emitter.emit("ping", (Bytes::copy_from_slice(&payload),));
                self.inner.lp.check(r);
            }
            Event::GoAway { code, last_stream_id, debug } => self.on_goaway(code.0, last_stream_id.get(), debug),
            Event::ConnectionError { code, reason } => {
                log::debug!("session failed: {:?} {}", code, reason);
                self.flush();
                let err = Error::new("ERR_HTTP2_ERROR", format!("Protocol error: {reason}"));
                self.inner.destroy_code.set(code.0);
                self.destroy(Some(err));
            }
        }
    }

    fn on_request(&self, id: StreamId, headers: Headers, request: crate::http2_stream::RequestSummary, flags: u32, end_stream: bool) {
        let stream = Http2Stream::new(self, StreamRole::Server, Some(id.get()), false);
        stream.set_request(request);
        self.register_stream(id.get(), &stream);
        // Node: the 'stream' event is emitted on the next tick.
        stream.queue_stream_event(self, headers, flags);
        if end_stream {
            stream.push_end();
        }
    }

    fn on_push_promise(&self, _parent: StreamId, promised: StreamId, headers: &crate::proto::HeaderList) {
        let stream = Http2Stream::new(self, StreamRole::Client, Some(promised.get()), true);
        // A pushed stream is never written to by the client (§8.4).
        stream.duplex().end();
        self.register_stream(promised.get(), &stream);
        let obj = crate::http2_stream::to_headers(headers);
        let flags = header_flags(false, false);
        stream.queue_stream_event(self, obj, flags);
    }

    /// `'stream'` with the stream as its side's type: a server's request stream, or a
    /// client's pushed stream.
    pub(crate) fn emit_stream_event(&self, stream: Http2Stream, headers: Headers, flags: u32) {
        let r = if stream.role() == StreamRole::Client {
            self.inner.emitter.emit("stream", (ClientHttp2Stream(stream), headers, flags))
        } else {
            self.inner.emitter.emit("stream", (ServerHttp2Stream(stream), headers, flags))
        };
        self.inner.lp.check(r);
    }

    /// SES-6: `'goaway'`, then the session shuts itself down: gracefully for NO_ERROR,
    /// destroyed with `ERR_HTTP2_SESSION_ERROR` otherwise.
    fn on_goaway(&self, code: u32, last: u32, debug: Bytes) {
        self.inner.goaway_code.set(Some(code));
        self.inner.goaway_last_stream.set(Some(last));
        let r = self.inner.emitter.emit("goaway", (code, last, debug));
        self.inner.lp.check(r);
        if code == NGHTTP2_NO_ERROR {
            self.close(None);
        } else {
            self.destroy_with_code(Some(session_error(code)), NGHTTP2_NO_ERROR);
        }
    }

    // ----- output ------------------------------------------------------------------------

    /// Flushes in the loop's check phase, as Node's `MaybeScheduleWrite` does with
    /// `SetImmediate`: everything the current turn's callbacks and ticks queued (the END_STREAM
    /// an `end()` adds to the last chunk, several streams' frames) goes out in one write.
    pub(crate) fn schedule_flush(&self) {
        if self.inner.flush_scheduled.replace(true) {
            return;
        }
        let w = self.downgrade();
        self.inner.lp.set_immediate(move || {
            if let Some(s) = w.upgrade() {
                s.inner.flush_scheduled.set(false);
                s.flush_inner(true);
            }
        });
    }

    /// Writes the core's output to the socket until it is empty or the socket pushes back.
    pub(crate) fn flush(&self) {
        self.flush_inner(false)
    }

    fn flush_inner(&self, top: bool) {
        if self.inner.flushing.replace(true) {
            return;
        }
        // Effects of commands made since the last turn (a reset stream, …).
        self.dispatch_all(top);
        loop {
            if self.inner.blocked.get() {
                break;
            }
            let Some(socket) = self.inner.socket.borrow().clone() else { break };
            // A socket whose writable side ended (the peer's FIN ends it, as Node's
            // allowHalfOpen=false sockets do) takes nothing more: Node's native layer would
            // fail the write quietly, not emit ERR_STREAM_WRITE_AFTER_END.
            if socket.destroyed() || !socket.writable() {
                break;
            }
            let Some(chunk) = self.next_output() else { break };
            if chunk.is_empty() {
                continue;
            }
            self.refresh_timeout();
            let more = if self.inner.closed.get() {
                // Closing: once this is written, the session may be done.
                let me = self.clone();
                chunk.write_with(&socket, move |_| me.maybe_destroy_after_close())
            } else {
                chunk.write(&socket)
            };
            if !more {
                self.inner.blocked.set(true);
            }
            self.dispatch_all(top);
            // The socket took the bytes: complete the stream writes they carried (which
            // may queue more, for the next round of this loop).
            let mut sent = std::mem::take(&mut *self.inner.sent.borrow_mut());
            for (id, bytes) in sent.drain(..) {
                if let Some(s) = self.stream(id) {
                    s.on_data_sent(bytes);
                }
                if top {
                    self.inner.lp.drain_next_ticks();
                }
            }
            // The emptied list goes back for the next round (no regrowing it every flush),
            // unless one was started meanwhile.
            let mut slot = self.inner.sent.borrow_mut();
            if slot.is_empty() && sent.capacity() <= 1024 {
                *slot = sent;
            }
        }
        self.inner.flushing.set(false);
        self.update_reading();
    }

    /// The core's next output: `None` once it has nothing more, an empty chunk when it only
    /// paused (for the padding callback).
    fn next_output(&self) -> Option<Output> {
        let mut buf = std::mem::take(&mut *self.inner.out.borrow_mut());
        let mut segments = Vec::new();
        let transmit = self.inner.conn.borrow_mut().poll_transmit_segments(&mut buf, &mut segments, 64 * 1024);
        if let Transmit::NeedPadding { frame_len, max_frame_len } = transmit {
            // OBJ-3: the application picks the padding; no borrow is held while it runs.
            let chosen = match &self.inner.options.select_padding {
                Some(f) => f(frame_len, max_frame_len),
                None => frame_len,
            };
            self.inner.conn.borrow_mut().set_padding(chosen);
        }
        if !segments.is_empty() {
            // Large DATA payloads went by without a copy: the pieces, then the rest.
            if !buf.is_empty() {
                segments.push(buf.split().freeze());
            }
            *self.inner.out.borrow_mut() = buf;
            return Some(Output::Many(segments));
        }
        if buf.is_empty() {
            *self.inner.out.borrow_mut() = buf;
            return if transmit == Transmit::Done { None } else { Some(Output::One(Bytes::new())) };
        }
        let chunk = buf.split().freeze();
        *self.inner.out.borrow_mut() = buf;
        Some(Output::One(chunk))
    }

    /// Stops reading from the socket while the core's output is backed up (the peer is
    /// not reading: CVE-2019-9511, -9517), and resumes when it drains.
    fn update_reading(&self) {
        let wants = self.inner.conn.borrow().wants_read();
        let Some(socket) = self.inner.socket.borrow().clone() else { return };
        if !wants && !self.inner.paused.get() {
            self.inner.paused.set(true);
            socket.pause();
        } else if wants && self.inner.paused.get() {
            self.inner.paused.set(false);
            socket.resume();
        }
    }

    // ----- timeouts ----------------------------------------------------------------------

    fn refresh_timeout(&self) {
        if let Some((_, t)) = &*self.inner.timeout.borrow() {
            t.refresh();
        }
    }

    /// SES-16: `session.setTimeout(ms, cb)`; `cb` becomes a `'timeout'` listener, 0 turns
    /// the timeout off.
    pub fn set_timeout<Args, L: emitter::IntoListener<Args>>(&self, ms: u64, callback: Option<L>) -> Result<(), Error> {
        if let Some(cb) = callback {
            self.inner.emitter.on("timeout", cb)?;
        }
        if let Some((_, t)) = self.inner.timeout.borrow_mut().take() {
            t.clear();
        }
        if ms == 0 || self.inner.destroyed.get() {
            return Ok(());
        }
        let w = self.downgrade();
        let t = self.inner.lp.set_interval(
            move || {
                if let Some(s) = w.upgrade() {
                    s.on_timeout();
                }
            },
            ms,
        );
        t.unref();
        *self.inner.timeout.borrow_mut() = Some((ms, t));
        Ok(())
    }

    fn on_timeout(&self) {
        if self.inner.destroyed.get() {
            return;
        }
        let server = self.inner.server.borrow().as_ref().and_then(WeakServer::upgrade);
        let listened = self.inner.emitter.listener_count("timeout") > 0;
        let r = self.inner.emitter.emit("timeout", ());
        self.inner.lp.check(r);
        // A server's timeout: the server's 'timeout' listeners decide; with none anywhere the
        // session is destroyed (Node's rule).
        if let Some(server) = server {
            if !server.forward_timeout(self) && !listened {
                self.destroy(None);
            }
        }
    }

    // ----- commands ----------------------------------------------------------------------

    fn check_usable(&self) -> Result<(), Error> {
        if self.inner.destroyed.get() {
            return Err(Error::new("ERR_HTTP2_INVALID_SESSION", "The session has been destroyed"));
        }
        Ok(())
    }

    /// SES-21: sends new SETTINGS; they apply when acknowledged (`'localSettings'`).
    pub fn settings(&self, settings: Settings) -> Result<(), Error> {
        self.settings_with(settings, None::<fn(Option<Error>, Settings)>)
    }

    /// `settings(settings, callback)`: `callback` runs at the acknowledgement.
    pub fn settings_with(&self, settings: Settings, callback: Option<impl FnOnce(Option<Error>, Settings) + 'static>) -> Result<(), Error> {
        self.check_usable()?;
        settings.validate()?;
        self.inner.conn.borrow_mut().send_settings(settings)?;
        self.inner.settings_callbacks.borrow_mut().push_back(callback.map(|c| Box::new(c) as SettingsCallback));
        self.schedule_flush();
        Ok(())
    }

    /// `session.pendingSettingsAck` (SES-13).
    pub fn pending_settings_ack(&self) -> bool {
        self.inner.conn.borrow().pending_settings_ack()
    }

    /// `session.localSettings` (SES-13).
    pub fn local_settings(&self) -> Settings {
        self.inner.conn.borrow().local_settings().clone()
    }

    /// `session.remoteSettings` (SES-13).
    pub fn remote_settings(&self) -> Settings {
        self.inner.conn.borrow().remote_settings().clone()
    }

    /// `session.type` (SES-22): `NGHTTP2_SESSION_SERVER` or `NGHTTP2_SESSION_CLIENT`.
    pub fn session_type(&self) -> u32 {
        match self.inner.role {
            Role::Server => NGHTTP2_SESSION_SERVER,
            Role::Client => NGHTTP2_SESSION_CLIENT,
        }
    }

    /// `session.state` (SES-19).
    pub fn state(&self) -> SessionState {
        self.inner.conn.borrow().session_state()
    }

    /// `session.socket` (SES-18): for inspection; reading or writing it breaks the session.
    pub fn socket(&self) -> Option<Socket> {
        self.inner.socket.borrow().clone()
    }

    /// `session.destroyed` (SES-12).
    pub fn destroyed(&self) -> bool {
        self.inner.destroyed.get()
    }

    /// `session.closed`: `close()` or a GOAWAY started the shutdown.
    pub fn closed(&self) -> bool {
        self.inner.closed.get()
    }

    /// `session.connecting`: the socket is not connected yet.
    pub fn connecting(&self) -> bool {
        self.inner.connecting.get()
    }

    /// `session.encrypted`.
    pub fn encrypted(&self) -> bool {
        self.socket().is_some_and(|s| s.encrypted())
    }

    /// `session.alpnProtocol`: `h2`, or `h2c` on a plain socket.
    pub fn alpn_protocol(&self) -> Option<String> {
        let s = self.socket()?;
        if s.encrypted() {
            s.alpn_protocol()
        } else {
            Some("h2c".to_string())
        }
    }

    /// `session.goawayCode` / `goawayLastStreamID` of a GOAWAY received.
    pub fn goaway(&self) -> Option<(u32, u32)> {
        Some((self.inner.goaway_code.get()?, self.inner.goaway_last_stream.get().unwrap_or(0)))
    }

    /// SES-15: `session.rstStream(stream, code)`.
    pub fn rst_stream(&self, stream: &Http2Stream, code: u32) -> Result<(), Error> {
        stream.rst_stream(code)
    }

    /// SES-20: `session.priority(stream, options)`.
    pub fn priority(&self, stream: &Http2Stream, options: PriorityOptions) -> Result<(), Error> {
        stream.priority(options)
    }

    /// `session.ping([payload], cb)`: `cb(err, durationMs, payload)` at the acknowledgement.
    pub fn ping(&self, payload: Option<[u8; 8]>, callback: impl FnOnce(Option<Error>, f64, Bytes) + 'static) -> Result<(), Error> {
        self.check_usable()?;
        let payload = payload.unwrap_or_else(|| {
            let n = self.inner.ping_seq.get() + 1;
            self.inner.ping_seq.set(n);
            n.to_be_bytes()
        });
        self.inner.conn.borrow_mut().ping(payload)?;
        self.inner.ping_callbacks.borrow_mut().push_back((payload, Instant::now(), Box::new(callback)));
        self.schedule_flush();
        Ok(())
    }

    /// Node 20's `session.goaway(code, lastStreamID, opaqueData)`: sends a GOAWAY only.
    pub fn send_goaway(&self, code: u32, last_stream_id: Option<u32>, opaque_data: &[u8]) -> Result<(), Error> {
        self.check_usable()?;
        self.inner.conn.borrow_mut().go_away(ErrorCode(code), last_stream_id.map(StreamId::new), opaque_data);
        self.schedule_flush();
        Ok(())
    }

    /// SES-17: `session.shutdown(options, cb)`. Graceful: a GOAWAY with last stream 2^31-1,
    /// then on the next loop turn a second GOAWAY with the last processed stream. Does not
    /// destroy the session; `cb` runs once the GOAWAY frames are sent.
    pub fn shutdown(&self, options: ShutdownOptions, callback: Option<impl FnOnce() + 'static>) -> Result<(), Error> {
        self.check_usable()?;
        let data = options.opaque_data.clone().unwrap_or_default();
        if options.graceful {
            self.inner.conn.borrow_mut().go_away(ErrorCode(NGHTTP2_NO_ERROR), Some(StreamId::MAX), &data);
            self.flush();
            let w = self.downgrade();
            let cb = callback.map(|c| Box::new(c) as Box<dyn FnOnce()>);
            self.inner.lp.set_immediate(move || {
                if let Some(s) = w.upgrade() {
                    if !s.destroyed() {
                        let last = options.last_stream_id.map(StreamId::new);
                        s.inner.conn.borrow_mut().go_away(ErrorCode(options.error_code), last, &data);
                        s.flush();
                    }
                }
                if let Some(cb) = cb {
                    cb();
                }
            });
        } else {
            let last = options.last_stream_id.map(StreamId::new);
            self.inner.conn.borrow_mut().go_away(ErrorCode(options.error_code), last, &data);
            self.flush();
            if let Some(cb) = callback {
                self.inner.lp.next_tick(cb);
            }
        }
        Ok(())
    }

    /// Node 20's `session.close([cb])`: no new streams; a GOAWAY; destroyed once the open
    /// streams have closed.
    pub fn close(&self, callback: Option<Box<dyn FnOnce()>>) {
        if self.inner.closed.get() || self.inner.destroyed.get() {
            return;
        }
        self.inner.closed.set(true);
        if let Some(cb) = callback {
            // A `once` listener is an `Fn`: the callback is taken out of a cell when it fires.
            let cb = RefCell::new(Some(cb));
            let _ = self.inner.emitter.once("close", move || {
                if let Some(cb) = cb.borrow_mut().take() {
                    cb();
                }
            });
        }
        // Requests not yet sent can never be.
        let pending = std::mem::take(&mut *self.inner.pending.borrow_mut());
        for s in pending {
            s.destroy_with(Some(Error::new("ERR_HTTP2_GOAWAY_SESSION", "New streams cannot be created after receiving a GOAWAY")));
        }
        self.inner.conn.borrow_mut().go_away(ErrorCode(NGHTTP2_NO_ERROR), None, &[]);
        // Node: the GOAWAY is written on a later turn, and the session is destroyed once
        // its output is written ("graceful close complete"), not from inside close().
        self.schedule_flush();
        self.maybe_destroy_after_close();
    }

    /// Node's `kMaybeDestroy`: a closed session with no open or pending streams and nothing
    /// left to write is destroyed.
    fn maybe_destroy_after_close(&self) {
        if self.inner.closed.get()
            && !self.inner.destroyed.get()
            && self.inner.streams.borrow().is_empty()
            && self.inner.pending.borrow().is_empty()
            && !self.has_pending_data()
        {
            self.destroy(None);
        }
    }

    /// Node's `handle.hasPendingData()`: output the core holds or the socket has not
    /// written yet (nothing, once the socket is gone).
    fn has_pending_data(&self) -> bool {
        let socket = self.inner.socket.borrow().clone();
        match socket {
            Some(s) if !s.destroyed() => s.writable_length() > 0 || self.inner.conn.borrow().wants_write(),
            _ => false,
        }
    }

    /// Node's `socketOnClose`: the socket is gone, so every stream closes with CANCEL, the
    /// session closes, and it is destroyed (with `ERR_SOCKET_CLOSED` if it never connected).
    fn on_socket_close(&self) {
        if self.inner.destroyed.get() {
            return;
        }
        let error = self.inner.connecting.get().then(|| Error::new("ERR_SOCKET_CLOSED", "Socket is closed"));
        let streams: Vec<Http2Stream> = self.inner.streams.borrow().values().cloned().collect();
        let pending: Vec<Http2Stream> = self.inner.pending.borrow().clone();
        for stream in streams.iter().chain(pending.iter()) {
            let _ = stream.rst_stream(crate::constants::NGHTTP2_CANCEL);
        }
        self.close(None);
        match error {
            Some(e) => self.destroy(Some(e)),
            None => self.maybe_destroy_after_close(),
        }
    }

    /// SES-12: destroys the session and its socket at once; `'error'` (if `error`) then
    /// `'close'` follow on the next tick.
    pub fn destroy(&self, error: Option<Error>) {
        let code = if error.is_some() { crate::constants::NGHTTP2_INTERNAL_ERROR } else { NGHTTP2_NO_ERROR };
        self.destroy_with_code(error, code)
    }

    pub(crate) fn destroy_with_code(&self, error: Option<Error>, code: u32) {
        if self.inner.destroyed.replace(true) {
            return;
        }
        if self.inner.destroy_code.get() == NGHTTP2_NO_ERROR {
            self.inner.destroy_code.set(code);
        }
        if let Some((_, t)) = self.inner.timeout.borrow_mut().take() {
            t.clear();
        }
        self.inner.emitter.remove_all_listeners(Some("timeout"));
        // Pending and open streams are destroyed: pending with a cancel error, open ones
        // with the session's error (Node's order).
        let pending = std::mem::take(&mut *self.inner.pending.borrow_mut());
        for s in pending {
            // Node 20: "The pending stream has been canceled (caused by: <error's message>)".
            let message = match &error {
                Some(e) => format!("The pending stream has been canceled (caused by: {})", e.message()),
                None => "The pending stream has been canceled".to_string(),
            };
            s.destroy_with(Some(Error::new("ERR_HTTP2_STREAM_CANCEL", message)));
        }
        let streams: Vec<Http2Stream> = self.inner.streams.borrow().values().cloned().collect();
        for s in streams {
            s.destroy_from_session(error.clone());
        }
        self.inner.streams.borrow_mut().clear();
        // Tell the peer, then let go of the socket.
        let socket = self.inner.socket.borrow().clone();
        if let Some(socket) = &socket {
            if !socket.destroyed() && !self.inner.conn.borrow().is_failed() {
                // Node's Http2Session::Close sends a GOAWAY with the destroy code, even after
                // close() sent one.
                self.inner.conn.borrow_mut().go_away(ErrorCode(self.inner.destroy_code.get()), None, &[]);
            }
            // The GOAWAY goes out with what is queued (the socket writes what the kernel takes
            // at once), then the socket is destroyed, as Node's finishSessionDestroy does.
            // Written here directly: an outer flush may be running (user code called
            // destroy from inside it) and would only look again after the socket is gone.
            let mut last: Option<Output> = None;
            while let Some(chunk) = self.next_output() {
                if !chunk.is_empty() && !socket.destroyed() && socket.writable() {
                    if let Some(prev) = last.replace(chunk) {
                        prev.write(socket);
                    }
                }
            }
            if let Some(chunk) = last {
                // Node's handle waits for its last write before `finishSessionDestroy`
                // destroys the socket; a peer that does not read gets a short grace period.
                let once = Rc::new(Cell::new(false));
                let (me, e2, o2) = (self.clone(), error.clone(), once.clone());
                chunk.write_with(socket, move |_| {
                    if !o2.replace(true) {
                        me.finish_destroy(e2);
                    }
                });
                let (weak, e3) = (Rc::downgrade(&self.inner), error);
                self.inner
                    .lp
                    .set_timeout(
                        move || {
                            if let Some(inner) = weak.upgrade() {
                                if !once.replace(true) {
                                    Http2Session { inner }.finish_destroy(e3);
                                }
                            }
                        },
                        DESTROY_GRACE_MS,
                    )
                    .unref();
                return;
            }
        }
        self.finish_destroy(error);
    }

    /// Node's `finishSessionDestroy`: the socket is destroyed, then `'error'` (if any) and
    /// `'close'` follow on the next tick.
    fn finish_destroy(&self, error: Option<Error>) {
        let socket = self.inner.socket.borrow().clone();
        if let Some(socket) = socket.filter(|s| !s.destroyed()) {
            socket.destroy(error.clone());
        }
        let me = self.clone();
        self.inner.lp.next_tick(move || {
            if let Some(e) = error {
                me.emit_error(e);
            }
            let r = me.inner.emitter.emit("close", ());
            me.inner.lp.check(r);
            // Break the reference cycles through the socket's listeners, and let the streams
            // waiting to retire (which hold the session) go.
            me.inner.socket.borrow_mut().take();
            let retiring = std::mem::take(&mut *me.inner.retiring.borrow_mut());
            let spares = std::mem::take(&mut *me.inner.spare_streams.borrow_mut());
            drop((retiring, spares));
        });
    }

    /// An `'error'` on the session: a server session forwards it to the server's
    /// `'sessionError'`; with no listener anywhere it is an uncaught error.
    pub(crate) fn emit_error(&self, e: Error) {
        if self.inner.emitter.listener_count("error") == 0 {
            let server = self.inner.server.borrow().as_ref().and_then(WeakServer::upgrade);
            if let Some(server) = server {
                server.forward_session_error(e, self);
                return;
            }
        }
        let r = self.inner.emitter.emit("error", (e,));
        self.inner.lp.check(r);
    }

    pub(crate) fn conn(&self) -> &RefCell<Connection> {
        &self.inner.conn
    }

    pub(crate) fn is_connecting(&self) -> bool {
        self.inner.connecting.get()
    }

    pub(crate) fn add_pending(&self, stream: &Http2Stream) {
        self.inner.pending.borrow_mut().push(stream.clone());
    }

    pub(crate) fn remove_pending(&self, stream: &Http2Stream) {
        self.inner.pending.borrow_mut().retain(|s| !s.same(stream));
    }

    pub(crate) fn session_error_code(&self) -> u32 {
        self.inner.goaway_code.get().filter(|&c| c != NGHTTP2_NO_ERROR).unwrap_or(self.inner.destroy_code.get())
    }
}

/// How long a destroyed session's socket may take to write its last bytes (the GOAWAY).
const DESTROY_GRACE_MS: u64 = 1000;

/// `ERR_HTTP2_SESSION_ERROR`: "Session closed with error code N".
pub(crate) fn session_error(code: u32) -> Error {
    Error::new("ERR_HTTP2_SESSION_ERROR", format!("Session closed with error code {code}"))
}

impl ClientHttp2Session {
    /// SES-14: opens a stream with a request. Until the session is connected the stream has
    /// no `id` and its operations wait (STR-2).
    pub fn request(&self, headers: Headers, options: crate::options::RequestOptions) -> Result<ClientHttp2Stream, Error> {
        crate::client::request(self, headers, options)
    }

    pub fn as_session(&self) -> &Http2Session {
        &self.0
    }
}

impl ServerHttp2Session {
    pub fn as_session(&self) -> &Http2Session {
        &self.0
    }
}

/// One poll of the core's output: usually one chunk; with large DATA payloads handed on
/// uncopied, the pieces in order, written together (corked, so one `writev`).
enum Output {
    One(Bytes),
    Many(Vec<Bytes>),
}

impl Output {
    fn is_empty(&self) -> bool {
        match self {
            Output::One(b) => b.is_empty(),
            Output::Many(v) => v.iter().all(Bytes::is_empty),
        }
    }

    /// `socket.write`: whether the socket wants more now.
    fn write(self, socket: &Socket) -> bool {
        match self {
            Output::One(b) => socket.write(b),
            Output::Many(pieces) => {
                socket.cork();
                let mut more = true;
                for piece in pieces {
                    more = socket.write(piece);
                }
                socket.uncork();
                more
            }
        }
    }

    /// `socket.write(…, cb)`, the callback on the last piece.
    fn write_with(self, socket: &Socket, cb: impl FnOnce(Option<Error>) + 'static) -> bool {
        match self {
            Output::One(b) => socket.write_with(b, cb),
            Output::Many(mut pieces) => {
                let Some(last) = pieces.pop() else { return socket.write_with(Bytes::new(), cb) };
                socket.cork();
                for piece in pieces {
                    socket.write(piece);
                }
                let more = socket.write_with(last, cb);
                socket.uncork();
                more
            }
        }
    }
}
