//! NET-2: Node stream semantics of `Duplex`, compared event for event with Node 20's
//! `stream.Duplex` running the same script (the expected lists below are its output; the
//! script is tests/node/stream_duplex.js; `node tests/node/stream_duplex.js` prints them).

use std::cell::RefCell;
use std::rc::Rc;

use bytes::Bytes;
use http2::rt::EventLoop;
use http2::stream::{Chunk, Duplex, DuplexOptions, Underlying, DUPLEX_EVENTS};
use http2::{Emitter, Error};

type Log = Rc<RefCell<Vec<String>>>;

struct Mock {
    log: Log,
    async_writes: bool,
}

impl Underlying for Mock {
    fn read(&self, _d: &Duplex, _size: usize) {
        self.log.borrow_mut().push("_read".into());
    }
    fn write(&self, d: &Duplex, chunk: Bytes) {
        self.log.borrow_mut().push(format!("_write {}", String::from_utf8_lossy(&chunk)));
        if self.async_writes {
            let d = d.clone();
            d.event_loop().clone().set_timeout(move || d.write_done(None), 1);
        } else {
            d.write_done(None);
        }
    }
    fn final_(&self, d: &Duplex) {
        self.log.borrow_mut().push("_final".into());
        d.final_done(None);
    }
}

fn mk(lp: &EventLoop, log: &Log, opts: DuplexOptions, async_writes: bool) -> Duplex {
    let l = log.clone();
    let d = Duplex::new(lp, &DUPLEX_EVENTS, opts, move |_| Rc::new(Mock { log: l, async_writes }));
    for e in ["end", "finish", "prefinish", "close", "drain", "pause", "resume"] {
        let l = log.clone();
        d.on(e, move || l.borrow_mut().push(e.to_string())).unwrap();
    }
    let l = log.clone();
    d.on("data", move |c: Chunk| l.borrow_mut().push(format!("data {}", c))).unwrap();
    let l = log.clone();
    d.on("error", move |e: Error| l.borrow_mut().push(format!("error {}", e.code()))).unwrap();
    d
}

fn take(log: &Log) -> Vec<String> {
    std::mem::take(&mut *log.borrow_mut())
}

fn push(log: &Log, s: String) {
    log.borrow_mut().push(s);
}

#[test]
fn net_2_write_end_push_finish_end_close_order() {
    let lp = EventLoop::new().unwrap();
    let log: Log = Default::default();
    let d = mk(&lp, &log, DuplexOptions::default(), false);
    push(&log, format!("write {}", d.write("a")));
    d.push(Some(Bytes::from_static(b"x")));
    d.push(None);
    d.end_with("b");
    push(&log, "sync done".into());
    lp.run().unwrap();
    assert_eq!(
        take(&log),
        ["_write a", "write true", "_write b", "_final", "prefinish", "sync done", "resume", "data x", "finish", "end", "close"]
    );
}

#[test]
fn net_2_high_water_mark_and_drain_with_async_writes() {
    let lp = EventLoop::new().unwrap();
    let log: Log = Default::default();
    let opts = DuplexOptions { readable_high_water_mark: 4, writable_high_water_mark: 4, ..Default::default() };
    let d = mk(&lp, &log, opts, true);
    push(&log, format!("w {}", d.write("abc")));
    push(&log, format!("w {}", d.write("de")));
    push(&log, format!("w {}", d.write("f")));
    lp.run().unwrap();
    d.end();
    lp.run().unwrap();
    assert_eq!(
        take(&log),
        ["_write abc", "w true", "w false", "w false", "_read", "resume", "_write de", "_write f", "drain", "_final", "prefinish", "finish"]
    );
}

#[test]
fn net_2_write_after_end_destroys_with_err_stream_write_after_end() {
    let lp = EventLoop::new().unwrap();
    let log: Log = Default::default();
    let d = mk(&lp, &log, DuplexOptions::default(), false);
    d.end();
    let l = log.clone();
    d.write_with("late", move |e| l.borrow_mut().push(format!("cb {}", e.map(|e| e.code().to_string()).unwrap_or_default())));
    lp.run().unwrap();
    assert_eq!(
        take(&log),
        ["_final", "prefinish", "resume", "finish", "cb ERR_STREAM_WRITE_AFTER_END", "error ERR_STREAM_WRITE_AFTER_END", "close"]
    );
}

#[test]
fn net_2_destroy_with_error_emits_error_then_close() {
    let lp = EventLoop::new().unwrap();
    let log: Log = Default::default();
    let d = mk(&lp, &log, DuplexOptions::default(), false);
    d.destroy(Some(Error::new("ERR_BOOM", "boom")));
    push(&log, format!("destroyed {}", d.destroyed()));
    lp.run().unwrap();
    assert_eq!(take(&log), ["destroyed true", "resume", "error ERR_BOOM", "close"]);
}

#[test]
fn net_2_allow_half_open_false_ends_the_writable_side_at_end() {
    let lp = EventLoop::new().unwrap();
    let log: Log = Default::default();
    let d = mk(&lp, &log, DuplexOptions { allow_half_open: false, ..Default::default() }, false);
    d.push(Some(Bytes::from_static(b"q")));
    d.push(None);
    lp.run().unwrap();
    assert_eq!(take(&log), ["resume", "data q", "end", "_final", "prefinish", "finish", "close"]);
}

#[test]
fn net_2_paused_then_resumed() {
    let lp = EventLoop::new().unwrap();
    let log: Log = Default::default();
    let d = mk(&lp, &log, DuplexOptions::default(), false);
    d.pause();
    d.push(Some(Bytes::from_static(b"1")));
    d.push(Some(Bytes::from_static(b"2")));
    push(&log, format!("len {}", d.readable_length()));
    let d2 = d.clone();
    lp.set_timeout(
        move || {
            d2.resume();
            d2.push(None);
        },
        5,
    );
    lp.run().unwrap();
    assert_eq!(take(&log), ["pause", "len 2", "_read", "resume", "data 1", "data 2", "resume", "end"]);
}

/// NET-2, `read(n)` on text: `n` counts UTF-16 units, and a character above U+FFFF (two
/// units) is never split: an `n` that falls inside it takes all of it, and the length stays
/// in step with what is left, so later reads and data are not held up. (Node's `slice` would
/// split the pair; this is where we differ on purpose.)
#[test]
fn net_2_text_read_never_splits_a_character_above_u_ffff() {
    let lp = EventLoop::new().unwrap();
    let log: Log = Default::default();
    // Paused mode (no 'data' listener), so every chunk waits for `read`.
    let l = log.clone();
    let d = Duplex::new(&lp, &DUPLEX_EVENTS, DuplexOptions::default(), move |_| Rc::new(Mock { log: l, async_writes: false }));
    d.set_encoding("utf8").unwrap();
    d.push(Some(Bytes::from("a😀b")));
    assert_eq!(d.readable_length(), 4);
    let got = d.read(Some(2)).map(|c| c.as_str().into_owned());
    assert_eq!(got.as_deref(), Some("a😀"));
    assert_eq!(d.readable_length(), 1);
    d.push(Some(Bytes::from("😀")));
    assert_eq!(d.readable_length(), 3);
    let got = d.read(Some(2)).map(|c| c.as_str().into_owned());
    assert_eq!(got.as_deref(), Some("b😀"));
    assert_eq!(d.readable_length(), 0);
    // Nothing empty was left at the front: data pushed now flows once a reader attaches
    // (in flowing mode each read takes the front chunk, so an empty one would stall it).
    d.push(Some(Bytes::from("xyz")));
    let l = log.clone();
    d.on("data", move |c: Chunk| l.borrow_mut().push(format!("data {c}"))).unwrap();
    lp.run().unwrap();
    assert_eq!(log.borrow().iter().filter(|l| l.starts_with("data")).cloned().collect::<Vec<_>>(), ["data xyz"]);
    assert_eq!(d.readable_length(), 0);
}

/// What answers for an owner that is gone: a write fails, as an HTTP/2 stream's Duplex does
/// when its stream was dropped while the Duplex handle lived on.
struct Gone;

static GONE: Gone = Gone;

impl Underlying for Gone {
    fn read(&self, _d: &Duplex, _size: usize) {}
    fn write(&self, d: &Duplex, _chunk: Bytes) {
        d.write_done(Some(Error::new("ERR_TEST_GONE", "the owner is gone")));
    }
}

/// NET-2: `Duplex::owned_by` — the Duplex's owner is its underlying object, held weakly: calls
/// reach the owner while it lives, and the stand-in once it is gone (no cycle keeps it).
#[test]
fn net_2_duplex_owned_by_its_underlying_object() {
    let lp = EventLoop::new().unwrap();
    let log: Log = Default::default();
    let owner = Rc::new(Mock { log: log.clone(), async_writes: false });
    let weak: std::rc::Weak<dyn Underlying> = Rc::downgrade(&owner) as std::rc::Weak<Mock>;
    let d = Duplex::owned_by(&lp, &DUPLEX_EVENTS, DuplexOptions::default(), weak, &GONE);
    let l = log.clone();
    d.on("error", move |e: Error| l.borrow_mut().push(format!("error {}", e.code()))).unwrap();
    d.write("a");
    lp.run().unwrap();
    assert_eq!(take(&log), ["_write a"]);
    assert_eq!(Rc::strong_count(&owner), 1, "the Duplex holds its owner weakly");
    drop(owner);
    d.write("b");
    lp.run().unwrap();
    assert_eq!(take(&log), ["error ERR_TEST_GONE"]);
}
