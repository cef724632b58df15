//! Twins of the `timers_*` scenarios (RT-1, RT-2): each builds its own loop, schedules what the
//! script schedules, runs the loop to completion and prints `exit` where the script's
//! `process.on('exit')` does.

use std::cell::{Cell, RefCell};
use std::io::Write;
use std::rc::Rc;
use std::time::Duration;

use http2::rt::{EventLoop, IoToken, Readiness, Timeout};
use mio::Interest;

use crate::trace::Trace;

/// A `t.line(label)` callback.
fn say(t: &Trace, label: &'static str) -> impl FnOnce() + 'static {
    let t = t.clone();
    move || t.line(label)
}

/// RT-2: equal delays fire in insertion order, shorter delays first.
pub fn timers_equal_delays_in_insertion_order(t: &Trace) {
    let lp = EventLoop::new().unwrap();
    for (name, ms) in [("a10", 10), ("b1", 1), ("c10", 10), ("d5", 5), ("e1", 1), ("f5", 5)] {
        let t = t.clone();
        lp.set_timeout(move || t.line(format!("timeout {name}")), ms);
    }
    t.line("scheduled");
    lp.run().unwrap();
    t.line("exit");
}

/// RT-2: setTimeout(0) is setTimeout(1).
pub fn timers_timeout_0_is_1(t: &Trace) {
    let lp = EventLoop::new().unwrap();
    lp.set_timeout(say(t, "timeout 1ms first"), 1);
    lp.set_timeout(say(t, "timeout 0ms"), 0);
    lp.set_timeout(say(t, "timeout 1ms last"), 1);
    lp.set_timeout(say(t, "timeout 2ms"), 2);
    lp.run().unwrap();
    t.line("exit");
}

/// RT-1: nextTick runs after the current callback, before timers and immediates.
pub fn timers_next_tick_before_timers_and_immediates(t: &Trace) {
    let lp = EventLoop::new().unwrap();
    let (t1, lp1) = (t.clone(), lp.clone());
    lp.set_timeout(
        move || {
            t1.line("timeout");
            lp1.set_immediate(say(&t1, "immediate"));
            lp1.next_tick(say(&t1, "tick from timeout"));
            t1.line("timeout end");
        },
        0,
    );
    lp.next_tick(say(t, "tick from main"));
    t.line("main end");
    lp.run().unwrap();
    t.line("exit");
}

/// RT-1: a nextTick inside a nextTick runs in the same drain.
pub fn timers_next_tick_inside_next_tick(t: &Trace) {
    let lp = EventLoop::new().unwrap();
    lp.set_immediate(say(t, "immediate"));
    let (t1, lp1) = (t.clone(), lp.clone());
    lp.next_tick(move || {
        t1.line("tick 1");
        let (t2, lp2) = (t1.clone(), lp1.clone());
        lp1.next_tick(move || {
            t2.line("tick 1.1");
            lp2.next_tick(say(&t2, "tick 1.1.1"));
        });
    });
    lp.next_tick(say(t, "tick 2"));
    t.line("main end");
    lp.run().unwrap();
}

/// RT-1: ticks drain after every timer and immediate callback.
pub fn timers_ticks_drain_after_each_timer(t: &Trace) {
    let lp = EventLoop::new().unwrap();
    let (t1, lp1) = (t.clone(), lp.clone());
    lp.set_timeout(
        move || {
            t1.line("timeout 1");
            lp1.next_tick(say(&t1, "tick from timeout 1"));
            let (t2, lp2) = (t1.clone(), lp1.clone());
            lp1.set_immediate(move || {
                t2.line("immediate 1");
                lp2.next_tick(say(&t2, "tick from immediate 1"));
            });
            lp1.set_immediate(say(&t1, "immediate 2"));
        },
        1,
    );
    let (t3, lp3) = (t.clone(), lp.clone());
    lp.set_timeout(
        move || {
            t3.line("timeout 2");
            lp3.next_tick(say(&t3, "tick from timeout 2"));
        },
        1,
    );
    // As the script: both timers are due when the loop starts.
    std::thread::sleep(Duration::from_millis(5));
    lp.run().unwrap();
}

/// RT-1: from a timer callback, setImmediate before setTimeout(0).
pub fn timers_immediate_vs_timeout_in_timer(t: &Trace) {
    let lp = EventLoop::new().unwrap();
    let (t1, lp1) = (t.clone(), lp.clone());
    lp.set_timeout(
        move || {
            t1.line("timeout");
            lp1.set_timeout(say(&t1, "inner timeout 0"), 0);
            lp1.set_immediate(say(&t1, "inner immediate"));
            lp1.next_tick(say(&t1, "inner tick"));
        },
        1,
    );
    lp.run().unwrap();
}

/// RT-1: from an I/O callback, setImmediate before setTimeout(0). The script reads a file; the
/// twin reads one byte from a Unix socket pair registered with the loop.
pub fn timers_immediate_vs_timeout_in_io(t: &Trace) {
    let lp = EventLoop::new().unwrap();
    let (mut writer, reader) = mio::net::UnixStream::pair().unwrap();
    let source = Rc::new(RefCell::new(Some(reader)));
    let token: Rc<Cell<Option<IoToken>>> = Rc::new(Cell::new(None));
    // A registered source does not keep the loop alive by itself; a pending read does in Node.
    let pending = Rc::new(RefCell::new(Some(lp.keep_alive())));
    let (t1, lp1, source1, token1, pending1) = (t.clone(), lp.clone(), source.clone(), token.clone(), pending.clone());
    let handler = move |r: Readiness| {
        if !r.readable {
            return;
        }
        let Some(mut s) = source1.borrow_mut().take() else { return };
        if let Some(tok) = token1.get() {
            lp1.deregister_io(&mut s, tok).unwrap();
        }
        pending1.borrow_mut().take();
        t1.line("io callback");
        lp1.set_timeout(say(&t1, "timeout 0"), 0);
        lp1.set_immediate(say(&t1, "immediate"));
        lp1.next_tick(say(&t1, "tick"));
    };
    let registered = {
        let mut s = source.borrow_mut();
        let s = s.as_mut().unwrap();
        lp.register_io(s, Interest::READABLE, handler).unwrap()
    };
    token.set(Some(registered));
    writer.write_all(b"x").unwrap();
    lp.run().unwrap();
    t.line("exit");
}

/// RT-1: immediates queued during the check phase run next turn.
pub fn timers_immediates_queued_in_check_wait(t: &Trace) {
    let lp = EventLoop::new().unwrap();
    let (t1, lp1) = (t.clone(), lp.clone());
    lp.set_immediate(move || {
        t1.line("immediate 1");
        lp1.set_immediate(say(&t1, "immediate from immediate 1"));
    });
    lp.set_immediate(say(t, "immediate 2"));
    let (t3, lp3) = (t.clone(), lp.clone());
    lp.set_immediate(move || {
        t3.line("immediate 3");
        lp3.set_timeout(say(&t3, "timeout from immediate 3"), 1);
        // As the script: the 1 ms timer is due before the next turn's timers phase.
        std::thread::sleep(Duration::from_millis(5));
    });
    lp.run().unwrap();
}

/// RT-2: an interval cleared from its own callback.
pub fn timers_interval_cleared_in_callback(t: &Trace) {
    let lp = EventLoop::new().unwrap();
    let n = Rc::new(Cell::new(0u32));
    let me: Rc<RefCell<Option<Timeout>>> = Rc::new(RefCell::new(None));
    let (t1, n1, me1) = (t.clone(), n.clone(), me.clone());
    let interval = lp.set_interval(
        move || {
            n1.set(n1.get() + 1);
            t1.line(format!("interval {}", n1.get()));
            if n1.get() == 3 {
                if let Some(i) = me1.borrow().as_ref() {
                    i.clear();
                }
                t1.line("cleared");
            }
        },
        1,
    );
    *me.borrow_mut() = Some(interval);
    lp.run().unwrap();
    t.line(format!("exit after {}", n.get()));
}

/// RT-2: unref'd timers do not keep the loop alive.
pub fn timers_unref_does_not_keep_alive(t: &Trace) {
    let lp = EventLoop::new().unwrap();
    let never = lp.set_timeout(say(t, "never"), 100_000);
    never.unref();
    t.line(format!("never hasRef {}", never.has_ref()));
    let early = lp.set_timeout(say(t, "unref timeout 1 fires"), 1);
    early.unref();
    let t0 = t.clone();
    let interval = lp.set_interval(move || t0.line("never interval"), 100_000);
    interval.unref();
    let back = lp.set_timeout(say(t, "ref again fires"), 2);
    back.unref();
    back.ref_();
    t.line(format!("back hasRef {}", back.has_ref()));
    lp.set_timeout(say(t, "ref timeout 20"), 20);
    lp.run().unwrap();
    t.line("exit");
}

/// RT-2: clearTimeout before a timer fires.
pub fn timers_clear_timeout_before_fire(t: &Trace) {
    let lp = EventLoop::new().unwrap();
    let cleared = lp.set_timeout(say(t, "never: cleared in main"), 1);
    cleared.clear();
    let victim: Rc<RefCell<Option<Timeout>>> = Rc::new(RefCell::new(None));
    let (t1, lp1, victim1) = (t.clone(), lp.clone(), victim.clone());
    let first = lp.set_timeout(
        move || {
            t1.line("first clears the next one");
            if let Some(v) = victim1.borrow().as_ref() {
                v.clear();
            }
            let imm = lp1.set_immediate(say(&t1, "never: cleared immediate"));
            imm.clear();
        },
        1,
    );
    *victim.borrow_mut() = Some(lp.set_timeout(say(t, "never: cleared by first"), 1));
    let t2 = t.clone();
    lp.set_timeout(
        move || {
            t2.line("last");
            first.clear();
        },
        1,
    );
    lp.run().unwrap();
    t.line("exit");
}
