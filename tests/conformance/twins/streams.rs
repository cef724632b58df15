//! Twins of the `stream_*` scenarios (NET-2): a `Duplex` over [`Spec`], a mock underlying built
//! from closures the way the scripts build `new stream.Duplex({ read, write, final, destroy })`.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use bytes::Bytes;
use http2::rt::EventLoop;
use http2::stream::{Chunk, Duplex, DuplexOptions, Readable, Underlying, DUPLEX_EVENTS};
use http2::{Emitter, Error};

use super::{js_bool, json_str};
use crate::trace::Trace;

type ReadFn = Box<dyn Fn(&Duplex, usize)>;
type WriteFn = Box<dyn Fn(&Duplex, Bytes)>;
type FinalFn = Box<dyn Fn(&Duplex)>;
type DestroyFn = Box<dyn Fn(&Duplex, Option<Error>)>;

/// Node's `new Duplex({ read, write, final, destroy })`: each closure left out behaves as
/// Node's default (no `read` reads nothing, `final` and `destroy` call back at once).
#[derive(Default)]
struct Spec {
    read: Option<ReadFn>,
    write: Option<WriteFn>,
    final_: Option<FinalFn>,
    destroy: Option<DestroyFn>,
}

impl Underlying for Spec {
    fn read(&self, d: &Duplex, size: usize) {
        if let Some(f) = &self.read {
            f(d, size);
        }
    }
    fn write(&self, d: &Duplex, chunk: Bytes) {
        match &self.write {
            Some(f) => f(d, chunk),
            None => d.write_done(None),
        }
    }
    fn final_(&self, d: &Duplex) {
        match &self.final_ {
            Some(f) => f(d),
            None => d.final_done(None),
        }
    }
    fn destroy(&self, d: &Duplex, error: Option<Error>) {
        match &self.destroy {
            Some(f) => f(d, error),
            None => d.destroy_done(error),
        }
    }
}

fn duplex(lp: &EventLoop, options: DuplexOptions, spec: Spec) -> Duplex {
    let spec = Rc::new(spec);
    Duplex::new(lp, &DUPLEX_EVENTS, options, move |_| spec)
}

/// Prints `prefix + event` for each argument-less event in `events`.
fn log_events(t: &Trace, d: &Duplex, prefix: &'static str, events: &[&'static str]) {
    for &e in events {
        let t = t.clone();
        d.on(e, move || t.line(format!("{prefix}{e}"))).unwrap();
    }
}

fn text(chunk: &[u8]) -> String {
    String::from_utf8_lossy(chunk).into_owned()
}

fn code(e: &Option<Error>) -> String {
    e.as_ref().map_or_else(|| "undefined".to_string(), |e| e.code().to_string())
}

/// `_write` that prints and completes at once; `_final` likewise.
fn sync_writes(t: &Trace) -> Spec {
    let (t1, t2) = (t.clone(), t.clone());
    Spec {
        write: Some(Box::new(move |d, chunk| {
            t1.line(format!("_write {}", text(&chunk)));
            d.write_done(None);
        })),
        final_: Some(Box::new(move |d| {
            t2.line("_final");
            d.final_done(None);
        })),
        ..Spec::default()
    }
}

/// NET-2: write/end/finish/close order.
pub fn stream_write_end_finish_close(t: &Trace) {
    let lp = EventLoop::new().unwrap();
    let t0 = t.clone();
    let spec = Spec { read: Some(Box::new(move |_, _| t0.line("_read"))), ..sync_writes(t) };
    let d = duplex(&lp, DuplexOptions::default(), spec);
    log_events(t, &d, "", &["resume", "prefinish", "finish", "end", "close"]);
    let t1 = t.clone();
    d.on("data", move |c: Chunk| t1.line(format!("data {c}"))).unwrap();
    let t2 = t.clone();
    t.line(format!("write returned {}", d.write_with("a", move |_| t2.line("write callback"))));
    d.push(Some(Bytes::from_static(b"x")));
    d.push(None);
    let t3 = t.clone();
    d.end_with_callback(Some(Bytes::from_static(b"b")), move |_| t3.line("end callback"));
    t.line(format!("writableEnded {} writableFinished {}", d.writable_ended(), d.writable_finished()));
    t.line("sync done");
    lp.run().unwrap();
    t.line(format!("exit destroyed {}", d.destroyed()));
}

/// NET-2: highWaterMark, write returning false, 'drain'.
pub fn stream_high_water_mark_drain(t: &Trace) {
    let lp = EventLoop::new().unwrap();
    let (t1, t2) = (t.clone(), t.clone());
    let spec = Spec {
        write: Some(Box::new(move |d, chunk| {
            t1.line(format!("_write {} writableLength {}", text(&chunk), d.writable_length()));
            let d = d.clone();
            d.event_loop().clone().set_immediate(move || d.write_done(None));
        })),
        final_: Some(Box::new(move |d| {
            t2.line("_final");
            d.final_done(None);
        })),
        ..Spec::default()
    };
    let options = DuplexOptions { readable: false, writable_high_water_mark: 4, ..DuplexOptions::default() };
    let d = duplex(&lp, options, spec);
    log_events(t, &d, "", &["prefinish", "finish", "close"]);
    for s in ["abc", "de", "f"] {
        let t3 = t.clone();
        let ok = d.write_with(s, move |_| t3.line(format!("callback {s}")));
        t.line(format!("write {s} returned {ok}"));
    }
    t.line(format!("needDrain {} writableLength {}", d.writable_need_drain(), d.writable_length()));
    let (t4, d4) = (t.clone(), d.clone());
    d.once("drain", move || {
        t4.line(format!("drain needDrain {} writableLength {}", d4.writable_need_drain(), d4.writable_length()));
        t4.line(format!("write g returned {}", d4.write("g")));
        d4.end();
    })
    .unwrap();
    lp.run().unwrap();
}

/// NET-2: write after end.
pub fn stream_write_after_end(t: &Trace) {
    let lp = EventLoop::new().unwrap();
    let d = duplex(&lp, DuplexOptions::default(), sync_writes(t));
    log_events(t, &d, "", &["prefinish", "finish", "end", "close"]);
    let t1 = t.clone();
    d.on("error", move |e: Error| t1.line(format!("error {}", e.code()))).unwrap();
    d.end();
    let t2 = t.clone();
    let ok = d.write_with("late", move |e| t2.line(format!("write callback {}", code(&e))));
    t.line(format!("write returned {ok}"));
    t.line(format!("destroyed {} writable {}", d.destroyed(), d.writable()));
    lp.run().unwrap();
}

/// `_destroy` that prints the error it got and calls back with it.
fn printing_destroy(t: &Trace) -> Option<DestroyFn> {
    let t = t.clone();
    Some(Box::new(move |d, err| {
        t.line(format!("_destroy {}", err.as_ref().map_or("no error", |e| e.message())));
        d.destroy_done(err);
    }))
}

/// NET-2: destroy() without an error.
pub fn stream_destroy_without_error(t: &Trace) {
    let lp = EventLoop::new().unwrap();
    let t0 = t.clone();
    let spec = Spec { read: Some(Box::new(move |_, _| t0.line("_read"))), destroy: printing_destroy(t), ..sync_writes(t) };
    let d = duplex(&lp, DuplexOptions::default(), spec);
    log_events(t, &d, "", &["finish", "end", "close"]);
    let t1 = t.clone();
    d.on("error", move |e: Error| t1.line(format!("error {}", e.message()))).unwrap();
    d.destroy(None);
    t.line(format!("destroyed {}", d.destroyed()));
    d.destroy(None);
    let t2 = t.clone();
    let ok = d.write_with("x", move |e| t2.line(format!("write callback {}", code(&e))));
    t.line(format!("write returned {ok}"));
    let t3 = t.clone();
    lp.next_tick(move || t3.line("tick"));
    lp.run().unwrap();
}

/// NET-2: destroy(err) with a write in progress and one buffered.
pub fn stream_destroy_with_error(t: &Trace) {
    let lp = EventLoop::new().unwrap();
    let t0 = t.clone();
    let spec = Spec {
        write: Some(Box::new(move |d, chunk| {
            t0.line(format!("_write {}", text(&chunk)));
            let (d, t) = (d.clone(), t0.clone());
            d.event_loop().clone().set_immediate(move || {
                t.line(format!("_write done {}", text(&chunk)));
                d.write_done(None);
            });
        })),
        destroy: printing_destroy(t),
        ..Spec::default()
    };
    let d = duplex(&lp, DuplexOptions::default(), spec);
    log_events(t, &d, "", &["finish", "end", "close", "drain"]);
    let t1 = t.clone();
    d.on("error", move |e: Error| t1.line(format!("error {}", e.message()))).unwrap();
    // Node's callback prints `err.code || err.message`.
    let outcome = |e: Option<Error>| match e {
        None => "ok".to_string(),
        Some(e) if e.code().is_empty() => e.message().to_string(),
        Some(e) => e.code().to_string(),
    };
    for name in ["a", "b"] {
        let t2 = t.clone();
        d.write_with(name, move |e| t2.line(format!("callback {name} {}", outcome(e))));
    }
    // The script's `new Error('boom')` has no code.
    d.destroy(Some(Error::new("", "boom")));
    t.line(format!("destroyed {} errored {}", d.destroyed(), d.errored().map_or("null".to_string(), |e| e.message().to_string())));
    lp.run().unwrap();
    t.line("exit");
}

/// NET-2: pause and resume.
pub fn stream_pause_resume(t: &Trace) {
    let lp = EventLoop::new().unwrap();
    let t0 = t.clone();
    let spec = Spec { read: Some(Box::new(move |_, _| t0.line("_read"))), ..Spec::default() };
    let d = duplex(&lp, DuplexOptions::default(), spec);
    log_events(t, &d, "", &["pause", "resume", "end", "close"]);
    d.pause();
    let t1 = t.clone();
    d.on("data", move |c: Chunk| t1.line(format!("data {c}"))).unwrap();
    t.line(format!("isPaused {} flowing {}", d.is_paused(), js_bool(d.readable_flowing())));
    d.push(Some(Bytes::from_static(b"1")));
    d.push(Some(Bytes::from_static(b"2")));
    t.line(format!("readableLength {}", d.readable_length()));
    let (t2, d2, lp2) = (t.clone(), d.clone(), lp.clone());
    lp.set_immediate(move || {
        t2.line("resume()");
        d2.resume();
        t2.line(format!("isPaused {} flowing {}", d2.is_paused(), js_bool(d2.readable_flowing())));
        let (t3, d3, lp3) = (t2.clone(), d2.clone(), lp2.clone());
        lp2.set_immediate(move || {
            d3.push(Some(Bytes::from_static(b"3")));
            t3.line("pause()");
            d3.pause();
            d3.push(Some(Bytes::from_static(b"4")));
            d3.push(None);
            let (t4, d4) = (t3.clone(), d3.clone());
            lp3.set_immediate(move || {
                t4.line("resume() again");
                d4.resume();
            });
        });
    });
    lp.run().unwrap();
}

/// NET-2: setEncoding('utf8') with a character split across pushes.
pub fn stream_set_encoding_split_utf8(t: &Trace) {
    let lp = EventLoop::new().unwrap();
    let d = duplex(&lp, DuplexOptions::default(), Spec::default());
    d.set_encoding("utf8").unwrap();
    let t1 = t.clone();
    d.on("data", move |c: Chunk| {
        let kind = if c.is_text() { "string" } else { "object" };
        t1.line(format!("data {kind} {}", json_str(&c.as_str())));
    })
    .unwrap();
    log_events(t, &d, "", &["end"]);
    let euro = "€".as_bytes();
    let pushes: VecDeque<Bytes> = [vec![b'a', euro[0], euro[1]], vec![euro[2], b'b'], vec![0xc3], vec![0xa9], vec![0xf0, 0x9f]]
        .into_iter()
        .map(Bytes::from)
        .collect();
    fn next(d: Duplex, t: Trace, pushes: Rc<RefCell<VecDeque<Bytes>>>) {
        let Some(b) = pushes.borrow_mut().pop_front() else {
            d.push(None);
            return;
        };
        t.line(format!("push {} bytes", b.len()));
        d.push(Some(b));
        let lp = d.event_loop().clone();
        lp.set_immediate(move || next(d, t, pushes));
    }
    let (d1, t1, p1) = (d.clone(), t.clone(), Rc::new(RefCell::new(pushes)));
    lp.set_immediate(move || next(d1, t1, p1));
    lp.run().unwrap();
}

/// NET-2: with an encoding set, lengths count UTF-16 code units, as a JavaScript string's do.
pub fn stream_set_encoding_counts_utf16_units(t: &Trace) {
    let lp = EventLoop::new().unwrap();
    let d = duplex(&lp, DuplexOptions::default(), Spec::default());
    d.push(Some(Bytes::from("aé€")));
    t.line(format!("bytes buffered {}", d.readable_length()));
    d.set_encoding("utf8").unwrap();
    t.line(format!("after setEncoding {}", d.readable_length()));
    d.push(Some(Bytes::from("😀xy")));
    d.push(Some(Bytes::from("z")));
    t.line(format!("after pushing 7 more bytes {}", d.readable_length()));
    for (label, n) in [("read(2)", Some(2)), ("read(3)", Some(3)), ("read()", None)] {
        let got = d.read(n).map(|c| c.as_str().into_owned()).unwrap_or_default();
        t.line(format!("{label} {} {}", json_str(&got), d.readable_length()));
    }
    let options = DuplexOptions { readable_high_water_mark: 4, ..DuplexOptions::default() };
    let small = duplex(&lp, options, Spec::default());
    small.set_encoding("utf8").unwrap();
    let ok = small.push(Some(Bytes::from("é€")));
    t.line(format!("push 5 bytes, 2 characters -> {ok} {}", small.readable_length()));
    let ok = small.push(Some(Bytes::from("ab")));
    t.line(format!("push 2 more characters -> {ok} {}", small.readable_length()));
    lp.run().unwrap();
}

/// NET-2: pipe between two Duplexes with backpressure.
pub fn stream_pipe_backpressure(t: &Trace) {
    let lp = EventLoop::new().unwrap();
    let chunks = RefCell::new(VecDeque::from(["a1", "b2", "c3", "d4"]));
    let t0 = t.clone();
    let src_spec = Spec {
        read: Some(Box::new(move |d, _| {
            let c = chunks.borrow_mut().pop_front();
            t0.line(format!("src _read -> {}", c.unwrap_or("null")));
            d.push(c.map(|s| Bytes::from_static(s.as_bytes())));
        })),
        ..Spec::default()
    };
    let src = duplex(&lp, DuplexOptions { writable: false, ..DuplexOptions::default() }, src_spec);
    let (t1, t2) = (t.clone(), t.clone());
    let dst_spec = Spec {
        write: Some(Box::new(move |d, chunk| {
            t1.line(format!("dst _write {} writableLength {}", text(&chunk), d.writable_length()));
            let d = d.clone();
            d.event_loop().clone().set_immediate(move || d.write_done(None));
        })),
        final_: Some(Box::new(move |d| {
            t2.line("dst _final");
            d.final_done(None);
        })),
        ..Spec::default()
    };
    let dst_options = DuplexOptions { readable: false, writable_high_water_mark: 3, ..DuplexOptions::default() };
    let dst = duplex(&lp, dst_options, dst_spec);
    log_events(t, &src, "src ", &["pause", "resume", "end", "close"]);
    log_events(t, &dst, "dst ", &["drain", "finish", "close"]);
    for event in ["pipe", "unpipe"] {
        let (t3, src3) = (t.clone(), src.downgrade());
        dst.on(event, move |s: Duplex| {
            let same = src3.upgrade().is_some_and(|src| src.same(&s));
            t3.line(format!("dst {event} {same}"));
        })
        .unwrap();
    }
    let returned = src.pipe(&dst);
    t.line(format!("pipe returned dst {}", returned.same(&dst)));
    lp.run().unwrap();
}

/// NET-2, EM-3: an 'error' nobody listens to ends run() with it, and 'close' never comes.
pub fn stream_destroy_error_without_listener(t: &Trace) {
    let lp = EventLoop::new().unwrap();
    let d = duplex(&lp, DuplexOptions::default(), Spec::default());
    log_events(t, &d, "", &["close"]);
    d.destroy(Some(Error::new("", "boom")));
    t.line("sync done");
    match lp.run() {
        Err(e) => t.line(format!("uncaught {}", e.message())),
        Ok(()) => t.line("run() ended without an uncaught error"),
    }
    t.line(format!("exit closed {} destroyed {}", d.closed(), d.destroyed()));
}

/// NET-2: destroy(err) calls back a buffered write and a pending end() callback.
pub fn stream_destroy_calls_back_pending_writes(t: &Trace) {
    let lp = EventLoop::new().unwrap();
    fn result(e: Option<Error>) -> String {
        match e {
            None => "ok".to_string(),
            Some(e) if e.code().is_empty() => e.message().to_string(),
            Some(e) => e.code().to_string(),
        }
    }
    fn mk(lp: &EventLoop, t: &Trace, name: &'static str) -> Duplex {
        let (t1, t2) = (t.clone(), t.clone());
        let spec = Spec {
            write: Some(Box::new(move |d, chunk| {
                t1.line(format!("{name} _write {}", text(&chunk)));
                d.write_done(None);
            })),
            // Never calls final_done.
            final_: Some(Box::new(move |_| t2.line(format!("{name} _final (never calls back)")))),
            ..Spec::default()
        };
        let d = duplex(lp, DuplexOptions::default(), spec);
        for e in ["prefinish", "finish", "end", "close"] {
            let t = t.clone();
            d.on(e, move || t.line(format!("{name} {e}"))).unwrap();
        }
        let t3 = t.clone();
        d.on("error", move |e: Error| t3.line(format!("{name} error {}", e.message()))).unwrap();
        d
    }
    let d1 = mk(&lp, t, "d1");
    d1.cork();
    let t1 = t.clone();
    d1.write_with("a", move |e| t1.line(format!("d1 write a callback {}", result(e))));
    d1.destroy(Some(Error::new("", "boom 1")));
    t.line("d1 destroyed");
    let (t2, lp2) = (t.clone(), lp.clone());
    lp.set_immediate(move || {
        let d2 = mk(&lp2, &t2, "d2");
        let t3 = t2.clone();
        d2.end_with_callback(Some(Bytes::from_static(b"b")), move |e| t3.line(format!("d2 end callback {}", result(e))));
        let t4 = t2.clone();
        lp2.set_immediate(move || {
            d2.destroy(Some(Error::new("", "boom 2")));
            t4.line("d2 destroyed");
        });
    });
    lp.run().unwrap();
}

/// NET-2: pipe when the destination fails a write.
pub fn stream_pipe_destination_error(t: &Trace) {
    let lp = EventLoop::new().unwrap();
    let chunks = RefCell::new(VecDeque::from(["a", "b", "c"]));
    let t0 = t.clone();
    let src_spec = Spec {
        read: Some(Box::new(move |d, _| {
            let c = chunks.borrow_mut().pop_front();
            t0.line(format!("src _read {}", c.unwrap_or("null")));
            d.push(c.map(|s| Bytes::from_static(s.as_bytes())));
        })),
        ..Spec::default()
    };
    let src = duplex(&lp, DuplexOptions { writable: false, ..DuplexOptions::default() }, src_spec);
    let t1 = t.clone();
    let dst_spec = Spec {
        write: Some(Box::new(move |d, chunk| {
            t1.line(format!("dst _write {}", text(&chunk)));
            d.write_done(Some(Error::new("", "disk full")));
        })),
        ..Spec::default()
    };
    let dst = duplex(&lp, DuplexOptions { readable: false, ..DuplexOptions::default() }, dst_spec);
    log_events(t, &src, "src ", &["pause", "resume", "end", "close"]);
    log_events(t, &dst, "dst ", &["finish", "close", "unpipe"]);
    let t2 = t.clone();
    dst.on("error", move |e: Error| t2.line(format!("dst error {}", e.message()))).unwrap();
    src.pipe(&dst);
    lp.run().unwrap();
    t.line(format!("exit src destroyed {} flowing {}", src.destroyed(), js_bool(src.readable_flowing())));
}
