//! `Http2Stream` (STR-*), `ServerHttp2Stream` (SST-*) and `ClientHttp2Stream` (CST-*).
//!
//! A stream is a Node Duplex (`stream::Duplex`) whose underlying object talks to the session's
//! core: `write` queues DATA and completes when the core reports it sent; `end` sends
//! END_STREAM (or the trailers `getTrailers` fills); reading releases flow-control window as
//! the application consumes data, so a paused reader pushes back on its peer; `destroy`
//! resets the stream. Closing follows Node's `closeStream` / `onStreamClose` / `_destroy`.

use std::cell::{Cell, RefCell};
use std::ops::Deref;
use std::rc::{Rc, Weak};

use bytes::Bytes;
use emitter::{Emitter, EventEmitter, Listener};

use crate::constants::{NGHTTP2_CANCEL, NGHTTP2_INTERNAL_ERROR, NGHTTP2_NO_ERROR};
use crate::frame::{ErrorCode, StreamId};
use crate::hpack::{Field, FieldBytes};
use crate::options::{GetTrailers, PriorityOptions, RequestOptions, RespondOptions};
use crate::proto::{HeaderList, HeadersKind, Priority, StreamStateInfo};
use crate::rt::Timeout;
use crate::session::{Http2Session, WeakSession};
use crate::stream::{Duplex, DuplexOptions, Stream, Underlying, DUPLEX_EVENTS};
use crate::validate::{SendChecker, SendKind};
use crate::{Error, Headers};

emitter::event_table! {
    /// Events of every HTTP/2 stream (STR-4..STR-9), besides the Duplex ones.
    pub static HTTP2_STREAM_EVENTS: "Http2Stream" extends DUPLEX_EVENTS {
        "aborted" => (),
        "frameError" => (u8, i32, u32),
        "streamClosed" => (u32),
        "timeout" => (),
        "trailers" => (Headers, u32),
        "ready" => (),
    }
}

emitter::event_table! {
    pub static SERVER_STREAM_EVENTS: "ServerHttp2Stream" extends HTTP2_STREAM_EVENTS {}
}

emitter::event_table! {
    /// CST-1..CST-3.
    pub static CLIENT_STREAM_EVENTS: "ClientHttp2Stream" extends HTTP2_STREAM_EVENTS {
        "headers" => (Headers, u32),
        "push" => (Headers, u32),
        "response" => (Headers, u32),
    }
}

/// Node's `kNoRstStream` / `kSubmitRstStream` / `kForceRstStream`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Rst {
    No,
    Submit,
    Force,
}

/// Which side created the stream object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StreamRole {
    Server,
    Client,
}

#[derive(Default)]
struct StreamFlags {
    headers_sent: bool,
    /// Our HEADERS carried END_STREAM: `end()` has nothing left to send.
    ended_on_headers: bool,
    rst_code: Option<u32>,
    aborted: bool,
    /// Node's STREAM_FLAGS_CLOSED: `closeStream` ran.
    closed: bool,
    head_request: bool,
    /// A client request waiting for the session to connect.
    pending_request: Option<(HeaderList, RequestOptions)>,
    /// Bytes handed to the core and not yet reported sent.
    in_flight: usize,
    /// A write or `end` made before the stream had an id.
    waiting_write: Option<Bytes>,
    waiting_final: bool,
    /// Received bytes not yet given back to flow control (the reader has not asked).
    held: usize,
    get_trailers: Option<GetTrailers>,
    timeout: Option<Timeout>,
    did_read: bool,
    /// END_STREAM was already queued (Node's `shutdownWritableCalled`).
    shutdown_sent: bool,
    /// A `respondWithFile`/`respondWithFD` body being sent.
    file: Option<crate::file::FileBody>,
    /// A server stream's request `:authority` and `:scheme`, which pushes default to (Node's
    /// `kAuthority` and `kProtocol`): kept alone, so the request's headers object goes when
    /// its listeners are done with it.
    request_origin: (Option<crate::headers::HeaderStr>, Option<crate::headers::HeaderStr>),
    /// The session's `'stream'` event for this stream, waiting for its next tick.
    stream_event: Option<(Http2Session, Headers, u32)>,
}

pub(crate) struct StreamInner {
    /// Itself, for the `Underlying` calls its Duplex makes.
    this: Weak<StreamInner>,
    duplex: Duplex,
    session: RefCell<Option<Http2Session>>,
    weak_session: WeakSession,
    id: Cell<Option<u32>>,
    role: StreamRole,
    pushed: Cell<bool>,
    flags: RefCell<StreamFlags>,
}

/// An HTTP/2 stream (STR-*). Cheap to clone; clones are the same stream.
#[derive(Clone)]
pub struct Http2Stream {
    inner: Rc<StreamInner>,
}

/// `StreamInner`'s own next-tick steps (`rt::TickTarget`): no closure is boxed for them.
const STEP_SHUTDOWN_AFTER_WRITE: u8 = 0;
const STEP_EMIT_STREAM_EVENT: u8 = 1;

impl crate::rt::TickTarget for StreamInner {
    fn run_tick(self: Rc<Self>, step: u8) -> Result<(), emitter::Error> {
        let stream = Http2Stream { inner: self };
        match step {
            STEP_SHUTDOWN_AFTER_WRITE => stream.shutdown_after_write(),
            STEP_EMIT_STREAM_EVENT => {
                let pending = stream.inner.flags.borrow_mut().stream_event.take();
                if let Some((session, headers, flags)) = pending {
                    session.emit_stream_event(stream, headers, flags);
                }
            }
            _ => {}
        }
        Ok(())
    }
}

impl std::fmt::Debug for Http2Stream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Http2Stream").field("id", &self.id()).field("destroyed", &self.destroyed()).finish()
    }
}

impl Emitter for Http2Stream {
    fn event_emitter(&self) -> &EventEmitter {
        self.inner.duplex.event_emitter()
    }
}

impl Stream for Http2Stream {
    fn duplex(&self) -> &Duplex {
        self.duplex_ref()
    }
}

/// A server-side stream (SST-*).
#[derive(Clone, Debug)]
pub struct ServerHttp2Stream(pub(crate) Http2Stream);

/// A client-side stream (CST-*).
#[derive(Clone, Debug)]
pub struct ClientHttp2Stream(pub(crate) Http2Stream);

macro_rules! stream_newtype {
    ($t:ty) => {
        impl Deref for $t {
            type Target = Http2Stream;
            fn deref(&self) -> &Http2Stream {
                &self.0
            }
        }
        impl Emitter for $t {
            fn event_emitter(&self) -> &EventEmitter {
                self.0.event_emitter()
            }
        }
        impl Stream for $t {
            fn duplex(&self) -> &Duplex {
                self.0.duplex_ref()
            }
        }
    };
}
stream_newtype!(ServerHttp2Stream);
stream_newtype!(ClientHttp2Stream);

/// What a stream's Duplex calls once the stream itself is gone (its `Duplex` handle outlived
/// it): reads stop, writes fail with `ERR_HTTP2_INVALID_STREAM`, end and destroy complete.
struct StreamGone;

static STREAM_GONE: StreamGone = StreamGone;

impl Underlying for StreamGone {
    fn read(&self, _duplex: &Duplex, _size: usize) {}

    fn write(&self, duplex: &Duplex, _chunk: Bytes) {
        duplex.write_done(Some(Error::new("ERR_HTTP2_INVALID_STREAM", "The stream has been destroyed")));
    }

    fn final_(&self, duplex: &Duplex) {
        duplex.final_done(None);
    }

    fn destroy(&self, duplex: &Duplex, error: Option<Error>) {
        duplex.destroy_done(error);
    }
}

impl Http2Stream {
    pub(crate) fn new(session: &Http2Session, role: StreamRole, id: Option<u32>, pushed: bool) -> Http2Stream {
        let table = match role {
            StreamRole::Server => &SERVER_STREAM_EVENTS,
            StreamRole::Client => &CLIENT_STREAM_EVENTS,
        };
        // The stream is its Duplex's underlying object, reached through a weak handle made
        // before the stream exists (`new_cyclic`): the stream owns its Duplex directly.
        // Listeners often hold their stream (Node's GC collects such cycles; `Rc` cannot):
        // they are dropped once the stream has emitted 'close'.
        // A finished stream of this session that nothing reaches any more, reset (see
        // `into_spare`): the same objects, no allocation.
        if let Some(inner) = session.take_spare_stream().filter(|s| s.role == role) {
            inner.id.set(id);
            inner.pushed.set(pushed);
            *inner.session.borrow_mut() = Some(session.clone());
            return Http2Stream { inner };
        }
        let options = stream_duplex_options();
        let inner = Rc::new_cyclic(|weak: &Weak<StreamInner>| {
            let owner: Weak<dyn Underlying> = weak.clone();
            let duplex = Duplex::owned_by(session.event_loop(), table, options, owner, &STREAM_GONE);
            StreamInner {
                this: weak.clone(),
                duplex,
                session: RefCell::new(Some(session.clone())),
                weak_session: session.downgrade(),
                id: Cell::new(id),
                role,
                pushed: Cell::new(pushed),
                flags: RefCell::new(StreamFlags::default()),
            }
        });
        Http2Stream { inner }
    }

    /// The stream's objects for its session's next stream, reset as `new` makes them, when
    /// nothing but this handle reaches them: no other handle, no weak handle but the stream's
    /// own two (itself, its Duplex's link to its owner), and the same for its Duplex (see
    /// `Duplex::reset_if_unshared`). `None` (and the stream dropped as usual) otherwise.
    /// The session calls it once the stream's close has run.
    pub(crate) fn into_spare(self) -> Option<Rc<StreamInner>> {
        let inner = self.inner;
        if Rc::strong_count(&inner) != 1 || Rc::weak_count(&inner) != 2 {
            return None;
        }
        if !inner.duplex.reset_if_unshared(stream_duplex_options()) {
            return None;
        }
        // What the old stream held goes now. Its flags are dropped in place: nothing in them
        // reaches this stream (no other handle to it exists), so their drop cannot borrow them.
        let session = inner.session.borrow_mut().take();
        drop(session);
        *inner.flags.borrow_mut() = StreamFlags::default();
        inner.id.set(None);
        inner.pushed.set(false);
        Some(inner)
    }

    fn duplex_ref(&self) -> &Duplex {
        &self.inner.duplex
    }

    fn upgrade(inner: &Weak<StreamInner>) -> Option<Http2Stream> {
        inner.upgrade().map(|inner| Http2Stream { inner })
    }

    /// Whether two handles are the same stream.
    pub fn same(&self, other: &Http2Stream) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner)
    }

    /// `stream.id`: `None` until the stream has one (a client request before `'ready'`).
    pub fn id(&self) -> Option<u32> {
        self.inner.id.get()
    }

    /// `stream.session` (STR-10): `None` once destroyed.
    pub fn session(&self) -> Option<Http2Session> {
        self.inner.session.borrow().clone()
    }

    /// `stream.aborted` (STR-10).
    pub fn aborted(&self) -> bool {
        self.inner.flags.borrow().aborted
    }

    /// `stream.rstCode` (STR-10): the RST_STREAM code once closed.
    pub fn rst_code(&self) -> Option<u32> {
        self.inner.flags.borrow().rst_code
    }

    /// `stream.closed`.
    pub fn closed(&self) -> bool {
        self.inner.flags.borrow().closed
    }

    /// `stream.pending`: no id yet.
    pub fn pending(&self) -> bool {
        self.inner.id.get().is_none()
    }

    /// `stream.headersSent` (SST-2).
    pub fn headers_sent(&self) -> bool {
        self.inner.flags.borrow().headers_sent
    }

    /// `stream.state` (STR-14).
    pub fn state(&self) -> Option<StreamStateInfo> {
        let id = self.id()?;
        let session = self.session()?;
        let info = session.conn().borrow().stream_state(StreamId::new(id));
        info
    }

    /// Queues the session's `'stream'` event for this stream on the next tick (Node emits it
    /// there), without boxing a closure for it.
    pub(crate) fn queue_stream_event(&self, session: &Http2Session, headers: Headers, flags: u32) {
        self.inner.flags.borrow_mut().stream_event = Some((session.clone(), headers, flags));
        self.duplex_ref().event_loop().next_tick_step(self.inner.clone(), STEP_EMIT_STREAM_EVENT);
    }

    pub(crate) fn role(&self) -> StreamRole {
        self.inner.role
    }

    pub(crate) fn set_head_request(&self) {
        self.inner.flags.borrow_mut().head_request = true;
    }

    pub(crate) fn head_request(&self) -> bool {
        self.inner.flags.borrow().head_request
    }

    /// A request stream's method and origin (noted while its headers object was built, or
    /// read from a push's headers object).
    pub(crate) fn set_request(&self, summary: RequestSummary) {
        let mut f = self.inner.flags.borrow_mut();
        f.head_request = summary.head;
        f.request_origin = (summary.authority, summary.scheme);
    }

    fn loop_check(&self, r: Result<bool, Error>) {
        self.duplex_ref().event_loop().check(r);
    }

    fn touch(&self) {
        if let Some(t) = &self.inner.flags.borrow().timeout {
            t.refresh();
        }
    }

    // ----- events from the session --------------------------------------------------------

    pub(crate) fn on_headers(&self, kind: HeadersKind, headers: Headers, flags: u32, end_stream: bool) {
        self.touch();
        let event = match kind {
            HeadersKind::Informational => "headers",
            HeadersKind::Trailers => "trailers",
            HeadersKind::Response if self.inner.pushed.get() => "push",
            HeadersKind::Response | HeadersKind::Request => "response",
        };
        let me = self.clone();
        // Node emits header events on the next tick.
        self.duplex_ref().event_loop().next_tick(move || {
            let r = me.emit(event, (headers, flags));
            me.loop_check(r);
        });
        if end_stream {
            self.push_end();
        }
    }

    pub(crate) fn on_data(&self, data: Bytes, end_stream: bool) {
        self.touch();
        let len = data.len();
        let more = self.duplex_ref().push(Some(data));
        // Flow control: bytes the reader took count as consumed; bytes left buffered past the
        // high-water mark are released only when the reader asks for more (`read`).
        if more {
            self.release(len);
        } else {
            self.inner.flags.borrow_mut().held += len;
        }
        if end_stream {
            self.push_end();
        }
    }

    fn release(&self, n: usize) {
        if n == 0 {
            return;
        }
        let (Some(id), Some(session)) = (self.id(), self.session()) else { return };
        session.conn().borrow_mut().consume(StreamId::new(id), n);
        session.schedule_flush();
    }

    pub(crate) fn push_end(&self) {
        self.duplex_ref().push(None);
    }

    pub(crate) fn on_data_sent(&self, bytes: usize) {
        self.touch();
        let file = self.inner.flags.borrow_mut().file.take();
        if let Some(mut body) = file {
            body.in_flight = body.in_flight.saturating_sub(bytes);
            self.continue_file(body);
            return;
        }
        let done = {
            let mut f = self.inner.flags.borrow_mut();
            if f.in_flight == 0 {
                false
            } else {
                f.in_flight = f.in_flight.saturating_sub(bytes);
                f.in_flight == 0
            }
        };
        if done {
            self.duplex_ref().write_done(None);
        }
    }

    /// Starts sending a file body (SST-6, SST-7): the writable side ends without sending
    /// anything itself; the body comes from the file.
    pub(crate) fn start_file_body(&self, body: crate::file::FileBody) {
        {
            let mut f = self.inner.flags.borrow_mut();
            f.ended_on_headers = true;
            // Node sets `_final = null` here: ending the writable side shuts nothing down (the
            // file sends END_STREAM) and hooks no kMaybeDestroy on 'finish', which would reset
            // the stream while the file is still being sent.
            f.shutdown_sent = true;
        }
        self.duplex_ref().end();
        self.continue_file(body);
    }

    fn continue_file(&self, mut body: crate::file::FileBody) {
        match self.pump_file(&mut body) {
            Ok(true) if body.in_flight() == 0 => {}
            Ok(_) => self.inner.flags.borrow_mut().file = Some(body),
            Err(e) => {
                // SST-6: a read error closes the stream with INTERNAL_ERROR.
                log::debug!("file body failed: {e:?}");
                let _ = self.rst_stream(NGHTTP2_INTERNAL_ERROR);
            }
        }
    }

    pub(crate) fn on_frame_error(&self, frame_type: u8, code: i32) {
        let r = self.emit("frameError", (frame_type, code, self.id().unwrap_or(0)));
        self.loop_check(r);
        // STR-6: the stream is closed with the code (the core has reset it) and destroyed.
        self.on_stream_close(u32::try_from(code).unwrap_or(crate::constants::NGHTTP2_INTERNAL_ERROR));
    }

    /// Node's `onStreamClose(code)`: the core closed the stream (RST_STREAM either way, or
    /// both sides ended).
    pub(crate) fn on_stream_close(&self, code: u32) {
        if self.destroyed() {
            return;
        }
        if !self.closed() {
            self.close_stream(code, Rst::No);
        }
        if !self.duplex_ref().readable() || code != NGHTTP2_NO_ERROR {
            // "If errored or ended, we can destroy immediately."
            self.destroy_with(None);
        } else {
            // Wait for the reader to see 'end', then destroy.
            let _ = self.on("end", Listener::from_object(self.inner.clone()));
            self.push_end();
            let (server, did_read) = (self.inner.role == StreamRole::Server, self.inner.flags.borrow().did_read);
            if server && !did_read && self.duplex_ref().readable_flowing().is_none() {
                // Nobody reads a server stream's body: drain it so the stream can go.
                self.duplex_ref().resume();
            } else {
                self.duplex_ref().read(Some(0));
            }
        }
    }

    /// Node's `kMaybeDestroy`: the stream goes once it is closed, its writable side has
    /// finished and its readable side has ended (or at once for an error code).
    fn maybe_destroy(&self, code: u32) {
        if code != NGHTTP2_NO_ERROR {
            self.destroy_with(None);
            return;
        }
        if !self.duplex_ref().writable_finished() {
            return;
        }
        if !self.duplex_ref().readable() && self.closed() {
            self.destroy_with(None);
            return;
        }
        // A server stream that answered without reading the request body: close it, after
        // the pushes queued meanwhile (setImmediate, as Node does for browsers' sake).
        let quiet_server = {
            let f = self.inner.flags.borrow();
            self.inner.role == StreamRole::Server && f.headers_sent && f.get_trailers.is_none() && !f.did_read
        };
        if quiet_server && self.duplex_ref().readable_flowing().is_none() && self.session().is_some() {
            let me = self.clone();
            self.duplex_ref().event_loop().set_immediate(move || {
                let _ = me.rst_stream(NGHTTP2_NO_ERROR);
            });
        }
    }

    /// Node's `closeStream`: marks the stream closed with `code`, emits `'aborted'` if the
    /// writable side was still open, ends it, and (unless `Rst::No`) sends RST_STREAM — at
    /// once, or after `'finish'` for a graceful NO_ERROR close of a stream still writing.
    fn close_stream(&self, code: u32, rst: Rst) {
        {
            let mut f = self.inner.flags.borrow_mut();
            f.closed = true;
            f.rst_code = Some(code);
            if let Some(t) = f.timeout.take() {
                t.clear();
            }
        }
        self.remove_all_listeners(Some("timeout"));
        let ending = self.duplex_ref().writable_ended();
        if !ending {
            let emit = {
                let mut f = self.inner.flags.borrow_mut();
                let first = !f.aborted;
                f.aborted = true;
                first
            };
            if emit {
                let r = self.emit("aborted", ());
                self.loop_check(r);
            }
            // Close the writable side: as in Node, `end()` runs `_final`, whose END_STREAM
            // goes out just before the RST_STREAM (a peer reading the body sees its end) —
            // unless no headers went out, when there is nothing to end on the wire.
            if self.inner.role == StreamRole::Server && !self.headers_sent() {
                self.inner.flags.borrow_mut().ended_on_headers = true;
            }
            self.duplex_ref().end();
        }
        if rst != Rst::No {
            if !ending || self.duplex_ref().writable_finished() || code != NGHTTP2_NO_ERROR || rst == Rst::Force {
                self.send_rst(code);
            } else {
                let me = self.clone();
                let _ = self.once("finish", move || me.send_rst(code));
            }
        }
    }

    /// Node's `finishCloseStream` / `submitRstStream`.
    fn send_rst(&self, code: u32) {
        if self.pending() {
            self.push_end();
            return;
        }
        if let (Some(id), Some(session)) = (self.id(), self.session()) {
            // A session being destroyed ends its streams with its GOAWAY alone: Node's
            // RST_STREAMs submitted from the destroy never go out before the session
            // terminates, so the peer's streams see the session's error.
            if session.destroyed() {
                return;
            }
            session.conn().borrow_mut().reset(StreamId::new(id), ErrorCode(code));
            session.schedule_flush();
        }
    }

    /// The session is going away: destroy the stream with its error (or the session's code).
    pub(crate) fn destroy_from_session(&self, error: Option<Error>) {
        self.destroy_with(error);
    }

    /// `stream.destroy([error])` with Node's `_destroy` rules for the code sent.
    pub fn destroy_with(&self, error: Option<Error>) {
        self.duplex_ref().destroy(error);
    }

    // ----- commands ------------------------------------------------------------------------

    fn usable(&self) -> Result<(Http2Session, u32), Error> {
        if self.destroyed() || self.closed() {
            return Err(Error::new("ERR_HTTP2_INVALID_STREAM", "The stream has been destroyed"));
        }
        let session = self.session().ok_or_else(|| Error::new("ERR_HTTP2_INVALID_STREAM", "The stream has been destroyed"))?;
        let id = self.id().ok_or_else(|| Error::new("ERR_HTTP2_INVALID_STREAM", "The stream has no id yet"))?;
        Ok((session, id))
    }

    /// STR-12, SES-15: `stream.rstStream(code)` (Node 20's `close(code)`): RST_STREAM, and
    /// the stream closes on both sides.
    pub fn rst_stream(&self, code: u32) -> Result<(), Error> {
        if self.destroyed() || self.closed() {
            return Ok(());
        }
        if self.pending() {
            // Not on the wire yet: just forget the request.
            if let Some(s) = self.session() {
                s.remove_pending(self);
            }
            self.close_stream(code, Rst::No);
            self.destroy_with(None);
            return Ok(());
        }
        self.close_stream(code, Rst::Submit);
        Ok(())
    }

    /// `rstWithNoError()` (STR-12): RST_STREAM with NO_ERROR (0x0).
    pub fn rst_with_no_error(&self) -> Result<(), Error> {
        self.rst_stream(NGHTTP2_NO_ERROR)
    }
    /// `rstWithProtocolError()` (0x1).
    pub fn rst_with_protocol_error(&self) -> Result<(), Error> {
        self.rst_stream(crate::constants::NGHTTP2_PROTOCOL_ERROR)
    }
    /// `rstWithCancel()` (0x8).
    pub fn rst_with_cancel(&self) -> Result<(), Error> {
        self.rst_stream(NGHTTP2_CANCEL)
    }
    /// `rstWithRefuse()` (0x7).
    pub fn rst_with_refuse(&self) -> Result<(), Error> {
        self.rst_stream(crate::constants::NGHTTP2_REFUSED_STREAM)
    }
    /// `rstWithInternalError()` (0x2).
    pub fn rst_with_internal_error(&self) -> Result<(), Error> {
        self.rst_stream(NGHTTP2_INTERNAL_ERROR)
    }

    /// STR-11: `stream.priority(options)`.
    pub fn priority(&self, options: PriorityOptions) -> Result<(), Error> {
        let (session, id) = self.usable()?;
        let weight = validate_weight(options.weight)?;
        if options.parent == id {
            // Node ignores a self-dependency here.
            return Ok(());
        }
        let p = Priority { parent: StreamId::new(options.parent), weight, exclusive: options.exclusive };
        session.conn().borrow_mut().set_priority(StreamId::new(id), p, options.silent)?;
        session.schedule_flush();
        Ok(())
    }

    /// STR-13: `stream.setTimeout(ms, cb)`: `'timeout'` after `ms` without activity.
    pub fn set_timeout<Args, L: emitter::IntoListener<Args>>(&self, ms: u64, callback: Option<L>) -> Result<(), Error> {
        if let Some(cb) = callback {
            self.on("timeout", cb)?;
        }
        if let Some(t) = self.inner.flags.borrow_mut().timeout.take() {
            t.clear();
        }
        if ms == 0 || self.destroyed() {
            return Ok(());
        }
        let weak = Rc::downgrade(&self.inner);
        let t = self.duplex_ref().event_loop().set_interval(
            move || {
                if let Some(s) = Http2Stream::upgrade(&weak) {
                    if !s.destroyed() {
                        let r = s.emit("timeout", ());
                        s.loop_check(r);
                    }
                }
            },
            ms,
        );
        t.unref();
        self.inner.flags.borrow_mut().timeout = Some(t);
        Ok(())
    }

    fn set_get_trailers(&self, f: Option<GetTrailers>) {
        self.inner.flags.borrow_mut().get_trailers = f;
    }

    /// Sends a client request made before the session connected (STR-2).
    pub(crate) fn send_pending_request(&self) {
        let pending = self.inner.flags.borrow_mut().pending_request.take();
        let Some((headers, options)) = pending else { return };
        let Some(session) = self.session() else { return };
        match open_request(&session, self, headers, &options) {
            Ok(()) => {
                let r = self.emit("ready", ());
                self.loop_check(r);
                self.flush_waiting();
            }
            Err(e) => self.destroy_with(Some(e)),
        }
    }

    /// A write or `end` that waited for the id goes out now.
    fn flush_waiting(&self) {
        let (chunk, fin) = {
            let mut f = self.inner.flags.borrow_mut();
            (f.waiting_write.take(), std::mem::take(&mut f.waiting_final))
        };
        if let Some(chunk) = chunk {
            self.do_write(chunk);
        }
        if fin {
            self.do_final();
        }
    }

    fn do_write(&self, chunk: Bytes) {
        let Some(session) = self.session() else {
            self.duplex_ref().write_done(Some(Error::new("ERR_HTTP2_INVALID_STREAM", "The stream has been destroyed")));
            return;
        };
        let Some(id) = self.id() else { return };
        if chunk.is_empty() {
            self.duplex_ref().write_done(None);
            return;
        }
        let len = chunk.len();
        self.inner.flags.borrow_mut().in_flight = len;
        let r = session.conn().borrow_mut().send_data(StreamId::new(id), chunk, false);
        match r {
            Ok(()) => {
                // Node: "Shutdown write stream right after last chunk is sent so final DATA
                // frame can include END_STREAM flag": if end() was called and nothing else
                // waits, END_STREAM goes with this chunk.
                self.duplex_ref().event_loop().next_tick_step(self.inner.clone(), STEP_SHUTDOWN_AFTER_WRITE);
                session.schedule_flush();
            }
            Err(e) => {
                self.inner.flags.borrow_mut().in_flight = 0;
                self.duplex_ref().write_done(Some(e));
            }
        }
    }

    /// The tick after a chunk was queued: END_STREAM goes with it if `end()` was called and
    /// nothing else waits (no trailers to ask for, nothing buffered behind it).
    fn shutdown_after_write(&self) {
        let ready = {
            let f = self.inner.flags.borrow();
            !f.shutdown_sent && !f.ended_on_headers && f.get_trailers.is_none()
        };
        if ready && self.duplex_ref().writable_ended() && self.duplex_ref().writable_buffered() == 0 {
            self.shutdown_writable();
        }
    }

    /// Node's `shutdownWritable`: once per stream, END_STREAM is queued (unless the HEADERS
    /// already carried it), and `'finish'` will let the stream go (`afterShutdown`).
    fn shutdown_writable(&self) {
        if std::mem::replace(&mut self.inner.flags.borrow_mut().shutdown_sent, true) {
            return;
        }
        let already_ended = self.inner.flags.borrow().ended_on_headers;
        if !already_ended {
            if let (Some(session), Some(id)) = (self.session(), self.id()) {
                let r = session.conn().borrow_mut().send_data(StreamId::new(id), Bytes::new(), true);
                if let Err(e) = r {
                    log::debug!("END_STREAM not sent: {e:?}");
                }
                session.schedule_flush();
            }
        }
        // Node's afterShutdown: `stream.on('finish', () => stream[kMaybeDestroy]())`.
        let _ = self.on("finish", Listener::from_object(self.inner.clone()));
    }

    /// The writable side ended: trailers from `getTrailers`, or an empty END_STREAM.
    fn do_final(&self) {
        let (skip, get_trailers) = {
            let f = self.inner.flags.borrow();
            (f.ended_on_headers, f.get_trailers.clone())
        };
        let (Some(session), Some(id)) = (self.session(), self.id()) else {
            self.duplex_ref().final_done(None);
            return;
        };
        if skip {
            self.shutdown_writable();
        } else {
            let mut sent = false;
            if let Some(cb) = get_trailers {
                let mut trailers = Headers::new();
                // User code: no borrow of the session or stream is held.
                cb(&mut trailers);
                if !trailers.is_empty() {
                    match headers_to_fields(&trailers, SendKind::Trailers) {
                        Ok(fields) => {
                            let r = session.conn().borrow_mut().send_trailers(StreamId::new(id), fields);
                            if let Err(e) = r {
                                log::debug!("trailers not sent: {e:?}");
                            }
                            sent = true;
                        }
                        Err(e) => {
                            // SES-14, SST-5: pseudo-headers in trailers are an 'error'.
                            self.duplex_ref().final_done(None);
                            self.destroy_with(Some(e));
                            return;
                        }
                    }
                }
            }
            if !sent {
                self.shutdown_writable();
            }
            session.schedule_flush();
        }
        self.duplex_ref().final_done(None);
    }

    // ----- server side ---------------------------------------------------------------------

    pub(crate) fn respond_inner(&self, headers: &Headers, options: &RespondOptions, end_after: bool) -> Result<(), Error> {
        if self.destroyed() || self.closed() {
            return Err(Error::new("ERR_HTTP2_INVALID_STREAM", "The stream has been destroyed"));
        }
        if self.headers_sent() {
            return Err(Error::new("ERR_HTTP2_HEADERS_SENT", "Response has already been initiated."));
        }
        let status = response_status(headers)?;
        let list = self.session().map(|s| s.conn().borrow_mut().take_field_list()).unwrap_or_default();
        let fields = fields_from(headers, SendKind::Response, Some((status, self.duplex_ref().event_loop().now())), list)?;
        let (session, id) = self.usable()?;
        // No body for HEAD requests and for 204, 205 and 304 (Node closes the writable side).
        let no_body = options.end_stream || end_after || matches!(status, 204 | 205 | 304) || self.inner.flags.borrow().head_request;
        session.conn().borrow_mut().send_headers(StreamId::new(id), fields, no_body)?;
        {
            let mut f = self.inner.flags.borrow_mut();
            f.headers_sent = true;
            f.ended_on_headers = no_body;
        }
        self.set_get_trailers(options.get_trailers.clone());
        self.touch();
        session.schedule_flush();
        if no_body {
            self.duplex_ref().end();
        }
        Ok(())
    }
}

fn validate_weight(weight: Option<u16>) -> Result<u16, Error> {
    match weight {
        None => Ok(crate::proto::DEFAULT_WEIGHT),
        Some(w) if (1..=256).contains(&w) => Ok(w),
        Some(w) => Err(Error::range_error("ERR_OUT_OF_RANGE", format!("The value of \"options.weight\" is out of range. It must be >= 1 && <= 256. Received {w}"))),
    }
}

/// Node's `processHeaders` for a response: `:status` defaults to 200 and must be 200-599.
fn response_status(headers: &Headers) -> Result<u16, Error> {
    let parsed = match headers.get(":status") {
        None => None,
        // Three digits, as nearly every status is given: no trim and no general parse.
        Some(s) if s.len() == 3 && s.bytes().all(|b| b.is_ascii_digit()) => Some(s.bytes().fold(0u16, |n, b| n * 10 + u16::from(b - b'0'))),
        Some(s) => s.trim().parse::<u16>().ok(),
    };
    let status = parsed.filter(|&n| n != 0).unwrap_or(200);
    if !(200..=599).contains(&status) {
        return Err(Error::range_error("ERR_HTTP2_STATUS_INVALID", format!("Invalid status code: {status}")));
    }
    Ok(status)
}

/// Node's `mapToHeaders`: a headers object to wire fields, pseudo-headers first, names
/// lower-case, every rule of OBJ-5 and RFC 9113 §8.2 checked (`Err` with Node's code).
pub(crate) fn headers_to_fields(headers: &Headers, kind: SendKind) -> Result<HeaderList, Error> {
    fields_from(headers, kind, None, Vec::new())
}

/// The wire spelling of a name: the static table's bytes when it has the name, so the
/// common fields cost no allocation.
fn name_bytes(name: &str) -> FieldBytes {
    match crate::hpack::static_name(name.as_bytes()) {
        Some(s) => FieldBytes::from_static(s.as_bytes()),
        None => FieldBytes::copy_from_slice(name.as_bytes()),
    }
}

/// The Duplex options of every HTTP/2 stream: both sides open apart (Node's
/// `allowHalfOpen`), destroyed by the stream's own rules, listeners released after `'close'`.
fn stream_duplex_options() -> DuplexOptions {
    DuplexOptions { allow_half_open: true, auto_destroy: false, release_listeners_on_close: true, ..DuplexOptions::default() }
}

/// Every three-digit status, "100101102…999", so a status's text is a slice of one static
/// string: no formatting and no UTF-8 check per response, and no copy when it is sent.
static STATUS_TEXT: &str = {
    const DIGITS: [u8; 2700] = {
        let mut out = [0u8; 2700];
        let mut n = 100;
        while n <= 999 {
            let at = (n - 100) * 3;
            out[at] = b'0' + (n / 100) as u8;
            out[at + 1] = b'0' + (n / 10 % 10) as u8;
            out[at + 2] = b'0' + (n % 10) as u8;
            n += 1;
        }
        out
    };
    match std::str::from_utf8(&DIGITS) {
        Ok(text) => text,
        Err(_) => panic!("digits are ASCII"),
    }
};

/// The text of a status in 100..=999.
fn status_text(status: u16) -> Option<&'static str> {
    let at = usize::from(status.checked_sub(100)?) * 3;
    STATUS_TEXT.get(at..at + 3)
}

/// A copy of an outgoing value: inline when short (no allocation), else in a chunk shared
/// with the long values around it (no allocation per value while the chunk has room; it is
/// reclaimed once they are all sent).
fn sent_value(v: &[u8]) -> FieldBytes {
    if let Some(inline) = FieldBytes::inline(v) {
        return inline;
    }
    SENT_VALUES.with(|chunk| {
        let mut chunk = chunk.borrow_mut();
        if chunk.capacity() - chunk.len() < v.len() {
            chunk.reserve(v.len().max(SENT_VALUES_CHUNK));
        }
        chunk.extend_from_slice(v);
        FieldBytes::from(chunk.split().freeze())
    })
}

thread_local! {
    /// The chunk long values of outgoing header blocks are copied into until the block is
    /// encoded.
    static SENT_VALUES: RefCell<bytes::BytesMut> = RefCell::new(bytes::BytesMut::new());
}

/// The room sent values are cut from, reserved a chunk at a time.
const SENT_VALUES_CHUNK: usize = 4096;

/// `headers_to_fields`, and for a response (`status` given) Node's `processHeaders` too:
/// `:status` is sent as the normalized number (added first when missing) and a `date` field
/// is added at the end when the object has none.
/// `response` is a response's status and the loop's time of this turn (for its `date`).
/// The fields go into `list` (empty; a spent block's list, so no allocation per block).
fn fields_from(headers: &Headers, kind: SendKind, response: Option<(u16, std::time::Instant)>, mut list: HeaderList) -> Result<HeaderList, Error> {
    let status = response.map(|(status, _)| status);
    let mut checker = SendChecker::new(kind);
    // Room for a typical request too: once sent, the core hands the list to the next
    // received block.
    list.clear();
    list.reserve((headers.len() + 2).max(8));
    // RFC 9113 §8.3: pseudo-header fields come before regular ones, each group in order.
    let mut pseudo = 0;
    let status_str = status.map(|n| status_text(n).unwrap_or("200"));
    let mut status_seen = false;
    // Whether the object has a `date` (stored names are lower-case): noted on the way, not
    // looked up again after.
    let mut date_seen = false;
    for (name, value) in headers.entries() {
        date_seen |= name == "date";
        let one: [&str; 1];
        let many: Vec<&str>;
        let values: &[&str] = match (value, status_str) {
            (_, Some(st)) if name == ":status" => {
                status_seen = true;
                one = [st];
                &one
            }
            (crate::HeaderValue::One(v), _) => {
                one = [v.as_str()];
                &one
            }
            (crate::HeaderValue::Many(v), _) => {
                many = v.iter().map(crate::headers::HeaderStr::as_str).collect();
                &many
            }
        };
        if !checker.header(name, values)? {
            continue;
        }
        let sensitive = headers.is_sensitive(name);
        let wire_name = name_bytes(name);
        for (i, v) in values.iter().enumerate() {
            let value = match (status_str, value) {
                (Some(st), _) if name == ":status" => FieldBytes::from_static(st.as_bytes()),
                (_, crate::HeaderValue::One(h)) => h.to_field_bytes(sent_value),
                (_, crate::HeaderValue::Many(list)) => list.get(i).map_or_else(|| sent_value(v.as_bytes()), |h| h.to_field_bytes(sent_value)),
            };
            let f = Field { name: wire_name.clone(), value, sensitive };
            if name.starts_with(':') {
                list.insert(pseudo, f);
                pseudo += 1;
            } else {
                list.push(f);
            }
        }
    }
    if let Some(st) = status_str {
        if !status_seen {
            list.insert(0, Field { name: FieldBytes::from_static(b":status"), value: FieldBytes::from_static(st.as_bytes()), sensitive: false });
        }
        if let (false, Some((_, now))) = (date_seen, response) {
            list.push(Field { name: FieldBytes::from_static(b"date"), value: crate::date::http_date_bytes_at(now), sensitive: false });
        }
    }
    Ok(list)
}

/// Node's `toHeaderObject`: wire fields to a headers object. Repeated fields become lists,
/// except `cookie` (joined with `; `) and single-value fields (the first wins);
/// `set-cookie` is always a list.
pub(crate) fn to_headers(fields: &HeaderList) -> Headers {
    to_request_headers(fields).0
}

/// What a server stream keeps of its request, read while its headers object is built:
/// whether it is a HEAD request, and the `:authority` and `:scheme` pushes default to.
#[derive(Default)]
pub(crate) struct RequestSummary {
    pub(crate) head: bool,
    pub(crate) authority: Option<crate::headers::HeaderStr>,
    pub(crate) scheme: Option<crate::headers::HeaderStr>,
}

impl RequestSummary {
    /// The summary of a headers object built by a caller (a push's request).
    fn of(headers: &Headers) -> RequestSummary {
        let first = |name: &str| match headers.value(name) {
            Some(crate::HeaderValue::One(s)) => Some(s.clone()),
            Some(crate::HeaderValue::Many(list)) => list.first().cloned(),
            None => None,
        };
        RequestSummary { head: headers.get(":method") == Some("HEAD"), authority: first(":authority"), scheme: first(":scheme") }
    }
}

// Static-name ids of the names `to_request_headers` treats apart.
const ID_METHOD: u8 = crate::hpack::static_name_id_of(":method");
const ID_AUTHORITY: u8 = crate::hpack::static_name_id_of(":authority");
const ID_SCHEME: u8 = crate::hpack::static_name_id_of(":scheme");
const ID_SET_COOKIE: u8 = crate::hpack::static_name_id_of("set-cookie");
const ID_COOKIE: u8 = crate::hpack::static_name_id_of("cookie");

/// `to_headers`, noting the request's method, `:authority` and `:scheme` on the way.
pub(crate) fn to_request_headers(fields: &HeaderList) -> (Headers, RequestSummary) {
    // Built as a plain list, in the object's own (reused) list: no copy-on-write check per field.
    Headers::from_received(|entries, sensitive| {
        let mut summary = RequestSummary::default();
        entries.reserve(fields.len());
        // Static table names seen so far, by their index (there are 52): a repeat of one is found
        // without a scan of the fields before it.
        let mut seen_static = 0u64;
        for f in fields {
            // A static name, known by its address as the decoder hands them on (else by its
            // bytes), and its id.
            let (known, id) = match crate::hpack::static_name_id_by_address(&f.name) {
                Some(id) => (crate::hpack::static_name_by_id(id), Some(id)),
                None => {
                    let id = crate::hpack::static_name_id(&f.name);
                    (id.and_then(crate::hpack::static_name_by_id), id)
                }
            };
            // Valid UTF-8 is the rule; the lossy conversion only runs for the odd field.
            let name = match known {
                Some(s) => std::borrow::Cow::Borrowed(s),
                None => String::from_utf8_lossy(&f.name),
            };
            let value = crate::headers::HeaderStr::from_wire(&f.value);
            match id {
                Some(ID_METHOD) => summary.head = value.as_str() == "HEAD",
                Some(ID_AUTHORITY) if summary.authority.is_none() => summary.authority = Some(value.clone()),
                Some(ID_SCHEME) if summary.scheme.is_none() => summary.scheme = Some(value.clone()),
                _ => {}
            }
            if f.sensitive {
                let lower = name.to_ascii_lowercase();
                if !sensitive.contains(&lower) {
                    sensitive.push(lower);
                }
            }
            let first_of_its_name = match id {
                Some(id) => {
                    let bit = 1u64 << id;
                    let first = seen_static & bit == 0;
                    seen_static |= bit;
                    first
                }
                None => !entries.iter().any(|(n, _)| *n == *name),
            };
            let existing = if first_of_its_name { None } else { entries.iter().position(|(n, _)| *n == *name) };
            match existing {
                None => {
                    // Names on the wire are lower-case (the core rejects others, RFC 9113 §8.2.1).
                    let value = if id == Some(ID_SET_COOKIE) { crate::HeaderValue::Many(vec![value]) } else { crate::HeaderValue::One(value) };
                    let name: crate::headers::Name = match known {
                        Some(s) => std::borrow::Cow::Borrowed(s),
                        None => std::borrow::Cow::Owned(name.into_owned()),
                    };
                    entries.push((name, value));
                }
                Some(i) => {
                    if crate::validate::is_single_value_header(&name) {
                        continue;
                    }
                    let slot = &mut entries[i].1;
                    if id == Some(ID_COOKIE) {
                        let joined = format!("{}; {}", slot.first().unwrap_or(""), value);
                        *slot = joined.into();
                    } else {
                        slot.push(value);
                    }
                }
            }
        }
        summary
    })
}

/// Sends a client request on the core and registers the stream under its new id.
pub(crate) fn open_request(session: &Http2Session, stream: &Http2Stream, fields: HeaderList, options: &RequestOptions) -> Result<(), Error> {
    let weight = validate_weight(options.weight)?;
    let priority = (options.parent != 0 || options.weight.is_some() || options.exclusive).then(|| Priority { parent: StreamId::new(options.parent), weight, exclusive: options.exclusive });
    let end_stream = options.end_stream.unwrap_or(false);
    let id = session.conn().borrow_mut().send_request(fields, end_stream, priority)?;
    stream.inner.id.set(Some(id.get()));
    if end_stream {
        stream.inner.flags.borrow_mut().ended_on_headers = true;
    }
    session.register_stream(id.get(), stream);
    session.schedule_flush();
    Ok(())
}

pub(crate) fn new_client_stream(session: &Http2Session, fields: HeaderList, options: RequestOptions) -> Result<ClientHttp2Stream, Error> {
    let stream = Http2Stream::new(session, StreamRole::Client, None, false);
    if fields.iter().any(|f| &f.name[..] == b":method" && &f.value[..] == b"HEAD") {
        stream.set_head_request();
    }
    stream.set_get_trailers(options.get_trailers.clone());
    let end = options.end_stream.unwrap_or(false);
    if session.is_connecting() {
        stream.inner.flags.borrow_mut().pending_request = Some((fields, options));
        session.add_pending(&stream);
    } else {
        open_request(session, &stream, fields, &options)?;
        // Node emits 'ready' even when the id was available at once.
        let s = stream.clone();
        session.event_loop().next_tick(move || {
            let r = s.emit("ready", ());
            s.loop_check(r);
        });
    }
    if end {
        stream.inner.flags.borrow_mut().ended_on_headers = true;
        stream.duplex_ref().end();
    }
    Ok(ClientHttp2Stream(stream))
}

impl ServerHttp2Stream {
    /// SST-5: `stream.respond(headers, options)`.
    pub fn respond(&self, headers: Headers, options: RespondOptions) -> Result<(), Error> {
        self.0.respond_inner(&headers, &options, false)
    }

    /// SST-1: `stream.additionalHeaders(headers)`: an informational (1xx) HEADERS frame.
    pub fn additional_headers(&self, headers: Headers) -> Result<(), Error> {
        if self.destroyed() || self.closed() {
            return Err(Error::new("ERR_HTTP2_INVALID_STREAM", "The stream has been destroyed"));
        }
        if self.headers_sent() {
            return Err(Error::new("ERR_HTTP2_HEADERS_AFTER_RESPOND", "Cannot specify additional headers after response initiated"));
        }
        let status: u32 = headers.get(":status").and_then(|s| s.parse().ok()).unwrap_or(0);
        crate::validate::check_info_status(status)?;
        let fields = headers_to_fields(&headers, SendKind::Response)?;
        let (session, id) = self.0.usable()?;
        session.conn().borrow_mut().send_headers(StreamId::new(id), fields, false)?;
        session.schedule_flush();
        Ok(())
    }

    /// SST-3: `stream.pushAllowed`: the peer's latest SETTINGS_ENABLE_PUSH.
    pub fn push_allowed(&self) -> bool {
        self.session().is_some_and(|s| s.remote_settings().enable_push != Some(false))
    }

    /// SST-4: `stream.pushStream(headers, options, cb)`. `:method` defaults to GET,
    /// `:authority` and `:scheme` to the request's, `:path` to `/`.
    pub fn push_stream(&self, headers: Headers, options: PriorityOptions, callback: impl FnOnce(Result<ServerHttp2Stream, Error>) + 'static) -> Result<(), Error> {
        let (session, id) = self.0.usable()?;
        if self.0.inner.pushed.get() {
            return Err(Error::new("ERR_HTTP2_NESTED_PUSH", "A push stream cannot initiate another push stream."));
        }
        if !self.push_allowed() {
            return Err(Error::new("ERR_HTTP2_PUSH_DISABLED", "HTTP/2 client has disabled push streams"));
        }
        validate_weight(options.weight)?;
        let mut headers = headers;
        if !headers.contains(":method") {
            headers.set(":method", "GET");
        }
        let (authority, scheme) = {
            let f = self.0.inner.flags.borrow();
            let (authority, scheme) = &f.request_origin;
            (authority.as_ref().map(|a| a.as_str().to_string()), scheme.as_ref().map(|s| s.as_str().to_string()))
        };
        if !headers.contains(":authority") {
            if let Some(a) = authority {
                headers.set(":authority", a);
            }
        }
        if !headers.contains(":scheme") {
            headers.set(":scheme", scheme.unwrap_or_else(|| "https".to_string()));
        }
        if !headers.contains(":path") {
            headers.set(":path", "/");
        }
        let fields = headers_to_fields(&headers, SendKind::Request)?;
        let promised = session.conn().borrow_mut().push_promise(StreamId::new(id), fields)?;
        let pushed = Http2Stream::new(&session, StreamRole::Server, Some(promised.get()), true);
        pushed.set_request(RequestSummary::of(&headers));
        // The client never sends on a pushed stream: its readable side is already over.
        pushed.push_end();
        session.register_stream(promised.get(), &pushed);
        session.schedule_flush();
        let pushed = ServerHttp2Stream(pushed);
        session.event_loop().next_tick(move || callback(Ok(pushed)));
        Ok(())
    }
}

/// The listener Node's own code adds to a stream's `'end'` (onStreamClose) and `'finish'`
/// (afterShutdown): `kMaybeDestroy`. The stream itself is that listener, so adding it
/// allocates no closure.
impl emitter::ObjectListener for StreamInner {
    fn on_event(&self) -> Result<(), Error> {
        if let Some(s) = Http2Stream::upgrade(&self.this) {
            s.maybe_destroy(NGHTTP2_NO_ERROR);
        }
        Ok(())
    }
}

/// The stream is its Duplex's `_read`/`_write`/`_final`/`_destroy` (`Duplex::owned_by`).
impl Underlying for StreamInner {
    fn read(&self, _duplex: &Duplex, _size: usize) {
        let Some(s) = Http2Stream::upgrade(&self.this) else { return };
        let held = {
            let mut f = s.inner.flags.borrow_mut();
            f.did_read = true;
            std::mem::take(&mut f.held)
        };
        s.release(held);
    }

    fn write(&self, duplex: &Duplex, chunk: Bytes) {
        let Some(s) = Http2Stream::upgrade(&self.this) else { return STREAM_GONE.write(duplex, chunk) };
        // Node: writing before respond() responds with the defaults (:status 200).
        if s.inner.role == StreamRole::Server && !s.headers_sent() {
            if let Err(e) = s.respond_inner(&Headers::new(), &RespondOptions::default(), false) {
                duplex.write_done(Some(e));
                return;
            }
        }
        if s.pending() {
            s.inner.flags.borrow_mut().waiting_write = Some(chunk);
            return;
        }
        s.do_write(chunk);
    }

    fn final_(&self, duplex: &Duplex) {
        let Some(s) = Http2Stream::upgrade(&self.this) else { return STREAM_GONE.final_(duplex) };
        if s.inner.role == StreamRole::Server && !s.headers_sent() && !s.closed() {
            // end() without respond(): respond with the defaults and no body.
            if let Err(e) = s.respond_inner(&Headers::new(), &RespondOptions::default(), true) {
                duplex.final_done(Some(e));
                return;
            }
        }
        if s.pending() {
            s.inner.flags.borrow_mut().waiting_final = true;
            return;
        }
        s.do_final();
    }

    fn destroy(&self, duplex: &Duplex, error: Option<Error>) {
        let Some(s) = Http2Stream::upgrade(&self.this) else { return STREAM_GONE.destroy(duplex, error) };
        let session = s.session();
        let session_code = session.as_ref().map_or(NGHTTP2_NO_ERROR, |x| x.session_error_code());
        // Node's _destroy: the code sent with RST_STREAM.
        let mut code = if s.closed() { s.rst_code().unwrap_or(NGHTTP2_NO_ERROR) } else { session_code };
        if error.is_some() {
            code = if session_code != NGHTTP2_NO_ERROR { session_code } else { NGHTTP2_INTERNAL_ERROR };
        }
        if !s.closed() {
            s.close_stream(code, if s.pending() { Rst::No } else { Rst::Force });
        }
        s.push_end();
        if let Some(session) = &session {
            match s.id() {
                Some(id) => session.forget_stream(id),
                None => session.remove_pending(&s),
            }
        }
        // RST code 8 (CANCEL) is not an error: clients use it to abort (Node).
        let error = match error {
            Some(e) => Some(e),
            None if code != NGHTTP2_NO_ERROR && code != NGHTTP2_CANCEL => Some(stream_error(code)),
            None => None,
        };
        // The seed's 'streamClosed'(code) (STR-7), just before 'error'/'close'.
        let r = s.emit("streamClosed", (code,));
        s.loop_check(r);
        s.inner.session.borrow_mut().take();
        let _ = &s.inner.weak_session;
        duplex.destroy_done(error);
    }
}

/// `ERR_HTTP2_STREAM_ERROR`: "Stream closed with error code NGHTTP2_…".
pub(crate) fn stream_error(code: u32) -> Error {
    let name = crate::frame::ErrorCode(code).name().map_or_else(|| code.to_string(), str::to_string);
    Error::new("ERR_HTTP2_STREAM_ERROR", format!("Stream closed with error code {name}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hpack::{Field, FieldBytes};

    /// SST-5: a response's status as Node's `processHeaders` reads it: 200 when absent or
    /// zero, three digits read directly, other text trimmed and parsed, 200..=599 only.
    #[test]
    fn sst_5_response_status_is_read_as_node_reads_it() {
        let status = |v: Option<&str>| {
            let mut h = Headers::new();
            if let Some(v) = v {
                h.set(":status", v);
            }
            response_status(&h).map_err(|e| e.code().to_string())
        };
        assert_eq!(status(None), Ok(200));
        assert_eq!(status(Some("404")), Ok(404));
        assert_eq!(status(Some("000")), Ok(200));
        assert_eq!(status(Some(" 302 ")), Ok(302));
        assert_eq!(status(Some("abc")), Ok(200));
        assert_eq!(status(Some("2x0")), Ok(200));
        assert_eq!(status(Some("199")), Err("ERR_HTTP2_STATUS_INVALID".to_string()));
        assert_eq!(status(Some("600")), Err("ERR_HTTP2_STATUS_INVALID".to_string()));
        let mut h = Headers::new();
        h.set(":status", 204);
        assert_eq!(response_status(&h).ok(), Some(204));
    }

    fn field(name: &'static str, value: &'static str, sensitive: bool) -> Field {
        // Names as the decoder hands them on: static ones in their shared spelling.
        let name = crate::hpack::static_name(name.as_bytes()).unwrap_or(name);
        Field { name: FieldBytes::from_static(name.as_bytes()), value: FieldBytes::from_static(value.as_bytes()), sensitive }
    }

    /// STR-3, STR-9 (`destroyed`), EM-1: a finished stream's objects serve the session's next
    /// stream only when nothing else reaches them, and come back as new: default max
    /// listeners, no listeners, not flowing, their own id; a stream a handler kept is never
    /// reused and still answers as the stream it was.
    #[test]
    fn str_3_finished_streams_are_reused_only_when_unreachable_and_start_fresh() {
        use crate::prelude::*;
        use crate::{connect, create_server, headers, ConnectOptions, RequestOptions, RespondOptions, ServerOptions};
        type Seen = Rc<RefCell<Vec<(String, usize, String)>>>;
        let lp = crate::rt::EventLoop::new().unwrap();
        let server = lp.enter(|| create_server(ServerOptions::default()).unwrap());
        let seen: Seen = Default::default();
        let kept: Rc<RefCell<Option<ServerHttp2Stream>>> = Default::default();
        let (sn, k) = (seen.clone(), kept.clone());
        server
            .on("stream", move |stream: ServerHttp2Stream, headers: Headers| -> Result<(), Error> {
                let path = headers.get(":path").unwrap_or("").to_string();
                let state = format!(
                    "id {} max {} data {} flowing {:?}",
                    stream.id().unwrap_or(0),
                    stream.get_max_listeners(),
                    stream.listener_count("data"),
                    stream.0.duplex_ref().readable_flowing()
                );
                sn.borrow_mut().push((path.clone(), Rc::as_ptr(&stream.0.inner) as usize, state));
                // Leave state behind that a reused stream must not show.
                stream.set_max_listeners(50);
                stream.on("data", |_: crate::stream::Chunk| {})?;
                stream.0.duplex_ref().set_encoding("utf8")?;
                if path == "/keep" {
                    *k.borrow_mut() = Some(stream.clone());
                }
                stream.respond(headers! { ":status" => 200 }, RespondOptions::default())?;
                stream.end_with("ok");
                Ok(())
            })
            .unwrap();
        server.listen(0, "127.0.0.1", None::<fn()>).unwrap();
        let port = server.address().unwrap().port;
        lp.enter(|| {
            let client = connect(&format!("http://127.0.0.1:{port}"), ConnectOptions::default()).unwrap();
            // One request after another, each once the previous one has ended.
            fn next(client: crate::ClientHttp2Session, server: crate::Http2Server, mut paths: Vec<&'static str>) {
                if paths.is_empty() {
                    client.close(None);
                    server.close(None);
                    return;
                }
                let path = paths.remove(0);
                let req = client.request(headers! { ":path" => path }, RequestOptions::default()).unwrap();
                let (c, s) = (client.clone(), server.clone());
                req.on("end", move || {
                    let (c, s, paths) = (c.clone(), s.clone(), paths.clone());
                    // After the server's streams have retired (its immediates have run).
                    crate::rt::EventLoop::current().set_timeout(move || next(c, s, paths), 20);
                })
                .unwrap();
                req.resume();
            }
            next(client, server.clone(), vec!["/keep", "/a", "/b", "/c"]);
        });
        lp.run().unwrap();
        let seen = seen.borrow();
        let at = |p: &str| seen.iter().find(|(path, _, _)| path == p).map(|(_, a, _)| *a).unwrap();
        assert_ne!(at("/a"), at("/keep"), "a kept stream is not reused");
        assert_eq!(at("/b"), at("/a"), "/a's objects serve /b");
        assert_eq!(at("/c"), at("/b"));
        let states: Vec<&str> = seen.iter().map(|(_, _, s)| s.as_str()).collect();
        assert_eq!(states, ["id 1 max 10 data 0 flowing None", "id 3 max 10 data 0 flowing None", "id 5 max 10 data 0 flowing None", "id 7 max 10 data 0 flowing None"]);
        let kept = kept.borrow();
        let kept = kept.as_ref().unwrap();
        assert_eq!(kept.id(), Some(1));
        assert!(kept.destroyed());
        assert_eq!(kept.get_max_listeners(), 50, "the kept stream is still itself");
    }

    /// SST-5: a response's `:status` text, for every three-digit status and none other.
    #[test]
    fn sst_5_status_text_for_every_three_digit_status() {
        for n in 100..=999u16 {
            assert_eq!(status_text(n), Some(n.to_string()).as_deref());
        }
        for n in [0, 1, 99, 1000, u16::MAX] {
            assert_eq!(status_text(n), None);
        }
    }

    /// SST-4, SST-5: what a request stream keeps of its request, noted while its headers
    /// object is built: HEAD (no body in the response) and the origin pushes default to.
    #[test]
    fn sst_4_request_summary_notes_head_and_origin() {
        let fields = vec![field(":method", "HEAD", false), field(":scheme", "http", false), field(":authority", "a.test", false), field(":path", "/", false)];
        let (h, summary) = to_request_headers(&fields);
        assert!(summary.head);
        assert_eq!(summary.authority.as_ref().map(|a| a.as_str()), Some("a.test"));
        assert_eq!(summary.scheme.as_ref().map(|s| s.as_str()), Some("http"));
        assert_eq!(h.get(":path"), Some("/"));
        let (_, get) = to_request_headers(&vec![field(":method", "GET", false)]);
        assert!(!get.head && get.authority.is_none() && get.scheme.is_none());
    }

    /// OBJ-1 / Node's `toHeaderObject` on a received block: repeats become lists, `cookie`
    /// values are joined with "; ", single-value fields keep the first, `set-cookie` is always
    /// a list, and never-indexed fields are marked sensitive; static and custom names alike.
    #[test]
    fn obj_1_received_block_to_headers_object() {
        let fields = vec![
            field(":method", "GET", false),
            field("cookie", "a=1", false),
            field("x-dup", "1", false),
            field("cookie", "b=2", false),
            field("x-dup", "2", false),
            field("set-cookie", "s1", false),
            field("content-type", "text/a", false),
            field("content-type", "text/b", false),
            field("authorization", "secret", true),
            field("x-token", "t", true),
            field("x-token", "u", true),
            field("accept", "x", false),
            field("accept", "y", false),
        ];
        let h = to_headers(&fields);
        assert_eq!(h.get(":method"), Some("GET"));
        assert_eq!(h.get("cookie"), Some("a=1; b=2"));
        assert_eq!(h.get_all("x-dup"), ["1", "2"]);
        assert!(matches!(h.value("set-cookie"), Some(crate::HeaderValue::Many(v)) if v.len() == 1));
        assert_eq!(h.get_all("content-type"), ["text/a"], "single-value: the first wins");
        assert_eq!(h.get_all("accept"), ["x", "y"]);
        assert_eq!(h.get_all("x-token"), ["t", "u"]);
        assert!(h.is_sensitive("authorization") && h.is_sensitive("x-token") && !h.is_sensitive("cookie"));
        let names: Vec<&str> = h.names().collect();
        assert_eq!(names, [":method", "cookie", "x-dup", "set-cookie", "content-type", "authorization", "x-token", "accept"]);
    }
}
