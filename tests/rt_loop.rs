//! RT-1, RT-2, RT-3: the event loop's phases, timers, ticks, immediates and embedding.

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;
use std::time::{Duration, Instant};

use http2::rt::{self, EventLoop};
use http2::Error;
use mio::Interest;

type Log = Rc<RefCell<Vec<String>>>;

fn new_log() -> Log {
    Rc::new(RefCell::new(Vec::new()))
}

fn pusher(log: &Log) -> impl Fn(&str) + Clone + 'static {
    let log = log.clone();
    move |s: &str| log.borrow_mut().push(s.to_string())
}

#[test]
fn rt_1_next_tick_before_timers_and_immediates() {
    let lp = EventLoop::new().unwrap();
    let log = new_log();
    let p = pusher(&log);
    let (p1, p2, p3) = (p.clone(), p.clone(), p.clone());
    lp.set_timeout(move || p1("timeout"), 0);
    lp.set_immediate(move || p2("immediate"));
    lp.next_tick(move || p3("tick"));
    p("main");
    lp.run().unwrap();
    assert_eq!(log.borrow()[..2], ["main", "tick"]);
    assert!(log.borrow().contains(&"timeout".to_string()));
    assert!(log.borrow().contains(&"immediate".to_string()));
}

#[test]
fn rt_1_ticks_drain_after_every_callback() {
    let lp = EventLoop::new().unwrap();
    let log = new_log();
    let p = pusher(&log);
    let lp2 = lp.clone();
    let (pa, pb) = (p.clone(), p.clone());
    lp.set_timeout(
        move || {
            pa("t1");
            let pa2 = pa.clone();
            lp2.next_tick(move || pa2("tick from t1"));
        },
        1,
    );
    lp.set_timeout(move || pb("t2"), 1);
    lp.run().unwrap();
    assert_eq!(*log.borrow(), ["t1", "tick from t1", "t2"]);
}

#[test]
fn rt_2_equal_timeouts_fire_in_insertion_order_and_shorter_first() {
    let lp = EventLoop::new().unwrap();
    let log = new_log();
    let p = pusher(&log);
    for (name, ms) in [("a10", 10), ("b1", 1), ("c10", 10), ("d0", 0), ("e5", 5)] {
        let p = p.clone();
        lp.set_timeout(move || p(name), ms);
    }
    lp.run().unwrap();
    // 0 is clamped to 1 ms and queued after the earlier 1 ms timer.
    assert_eq!(*log.borrow(), ["b1", "d0", "e5", "a10", "c10"]);
}

#[test]
fn rt_1_immediate_before_timeout_when_scheduled_from_a_timer() {
    let lp = EventLoop::new().unwrap();
    let log = new_log();
    let p = pusher(&log);
    let lp2 = lp.clone();
    lp.set_timeout(
        move || {
            let (pa, pb) = (p.clone(), p.clone());
            lp2.set_timeout(move || pa("timeout"), 0);
            lp2.set_immediate(move || pb("immediate"));
        },
        1,
    );
    lp.run().unwrap();
    assert_eq!(*log.borrow(), ["immediate", "timeout"]);
}

#[test]
fn rt_1_immediate_before_timeout_when_scheduled_from_an_io_callback() {
    let lp = EventLoop::new().unwrap();
    let log = new_log();
    let p = pusher(&log);
    let (mut a, mut b) = mio::net::UnixStream::pair().unwrap();
    let lp2 = lp.clone();
    let fired = Rc::new(std::cell::Cell::new(false));
    let keep = Rc::new(RefCell::new(Some(lp.keep_alive())));
    let keep2 = keep.clone();
    let token = lp
        .register_io(&mut b, Interest::READABLE, move |r| {
            if !r.readable || fired.replace(true) {
                return;
            }
            let (pa, pb) = (p.clone(), p.clone());
            lp2.set_timeout(move || pa("timeout"), 0);
            lp2.set_immediate(move || pb("immediate"));
            keep2.borrow_mut().take();
        })
        .unwrap();
    a.write_all(b"x").unwrap();
    lp.run().unwrap();
    assert_eq!(*log.borrow(), ["immediate", "timeout"]);
    lp.deregister_io(&mut b, token).unwrap();
    drop(keep);
}

#[test]
fn rt_1_immediates_queued_during_the_check_phase_wait_a_turn() {
    let lp = EventLoop::new().unwrap();
    let log = new_log();
    let p = pusher(&log);
    let lp2 = lp.clone();
    let (pa, pb, pc) = (p.clone(), p.clone(), p.clone());
    lp.set_immediate(move || {
        pa("i1");
        let pa2 = pa.clone();
        lp2.set_immediate(move || pa2("i1-child"));
    });
    lp.set_immediate(move || pb("i2"));
    let lp3 = lp.clone();
    lp.set_immediate(move || {
        pc("i3");
        let pc2 = pc.clone();
        // A timer due now runs in the next turn's timer phase, before the child immediate.
        lp3.set_timeout(move || pc2("timer"), 1);
        std::thread::sleep(Duration::from_millis(3));
    });
    lp.run().unwrap();
    assert_eq!(*log.borrow(), ["i1", "i2", "i3", "timer", "i1-child"]);
}

#[test]
fn rt_2_interval_repeats_until_cleared_from_its_own_callback() {
    let lp = EventLoop::new().unwrap();
    let count = Rc::new(std::cell::Cell::new(0));
    let c = count.clone();
    let handle: Rc<RefCell<Option<rt::Timeout>>> = Rc::new(RefCell::new(None));
    let h = handle.clone();
    let t = lp.set_interval(
        move || {
            c.set(c.get() + 1);
            if c.get() == 3 {
                h.borrow().as_ref().unwrap().clear();
            }
        },
        1,
    );
    *handle.borrow_mut() = Some(t.clone());
    lp.run().unwrap();
    assert_eq!(count.get(), 3);
    assert!(!t.is_active());
}

#[test]
fn rt_2_clear_timeout_prevents_the_callback() {
    let lp = EventLoop::new().unwrap();
    let log = new_log();
    let p = pusher(&log);
    let t = lp.set_timeout(move || p("fired"), 1);
    rt::clear_timeout(&t);
    lp.run().unwrap();
    assert!(log.borrow().is_empty());
}

#[test]
fn rt_2_unref_timer_lets_run_return_and_ref_keeps_it() {
    let lp = EventLoop::new().unwrap();
    let log = new_log();
    let p = pusher(&log);
    let t = lp.set_timeout(move || p("unref'd fired"), 50);
    t.unref();
    assert!(!t.has_ref());
    let start = Instant::now();
    lp.run().unwrap();
    assert!(log.borrow().is_empty(), "an unref'd timer alone does not keep the loop alive");
    assert!(start.elapsed() < Duration::from_millis(50));
    t.ref_();
    assert!(t.has_ref());
    lp.run().unwrap();
    assert_eq!(*log.borrow(), ["unref'd fired"]);
}

#[test]
fn rt_2_refresh_restarts_the_delay() {
    let lp = EventLoop::new().unwrap();
    let log = new_log();
    let p = pusher(&log);
    let p2 = p.clone();
    let t = lp.set_timeout(move || p("late"), 30);
    let t2 = t.clone();
    lp.set_timeout(
        move || {
            p2("refresh");
            t2.refresh();
        },
        20,
    );
    let start = Instant::now();
    lp.run().unwrap();
    assert_eq!(*log.borrow(), ["refresh", "late"]);
    assert!(start.elapsed() >= Duration::from_millis(50), "fires 30 ms after the refresh at 20 ms");
}

#[test]
fn rt_1_uncaught_error_ends_run_with_that_error() {
    let lp = EventLoop::new().unwrap();
    let log = new_log();
    let p = pusher(&log);
    lp.set_timeout(|| -> Result<(), Error> { Err(Error::new("ERR_TEST", "boom")) }, 1);
    lp.set_timeout(move || p("after"), 5);
    let err = lp.run().unwrap_err();
    assert_eq!(err.code(), "ERR_TEST");
    assert!(log.borrow().is_empty());
}

#[test]
fn rt_1_report_uncaught_from_a_listener_stops_after_that_callback() {
    let lp = EventLoop::new().unwrap();
    let e = emitter::EventEmitter::new();
    let lp2 = lp.clone();
    lp.set_immediate(move || {
        // An 'error' with no listener, as library code reports it.
        lp2.check(e.emit("error", (Error::new("ECONNRESET", "read ECONNRESET"),)));
    });
    assert_eq!(lp.run().unwrap_err().code(), "ECONNRESET");
}

#[test]
fn rt_3_run_once_honours_its_time_limit() {
    let lp = EventLoop::new().unwrap();
    let _t = lp.set_timeout(|| (), 10_000);
    let start = Instant::now();
    let alive = lp.run_once(Some(Duration::from_millis(20))).unwrap();
    assert!(alive);
    assert!(start.elapsed() < Duration::from_secs(5));
}

#[test]
fn rt_3_waker_wakes_and_posts_from_another_thread() {
    let lp = EventLoop::new().unwrap();
    let _t = lp.set_timeout(|| (), 60_000);
    let waker = lp.waker();
    let got = Rc::new(std::cell::Cell::new(false));
    let (tx, rx) = std::sync::mpsc::channel::<u32>();
    let th = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(20));
        waker.post(move || tx.send(7).unwrap()).unwrap();
    });
    let start = Instant::now();
    while !got.get() && start.elapsed() < Duration::from_secs(10) {
        lp.run_once(None).unwrap();
        if let Ok(v) = rx.try_recv() {
            assert_eq!(v, 7);
            got.set(true);
        }
    }
    th.join().unwrap();
    assert!(got.get());
    assert!(start.elapsed() < Duration::from_secs(10));
}

#[test]
fn rt_3_two_loops_on_one_thread_share_nothing() {
    let a = EventLoop::new().unwrap();
    let b = EventLoop::new().unwrap();
    let log = new_log();
    let (pa, pb) = (pusher(&log), pusher(&log));
    a.set_timeout(move || pa("a"), 1);
    b.enter(|| rt::set_timeout(move || pb("b"), 1));
    b.run().unwrap();
    assert_eq!(*log.borrow(), ["b"]);
    a.run().unwrap();
    assert_eq!(*log.borrow(), ["b", "a"]);
}

#[test]
fn rt_3_run_inside_a_callback_is_refused() {
    let lp = EventLoop::new().unwrap();
    let lp2 = lp.clone();
    let seen = Rc::new(RefCell::new(None));
    let s = seen.clone();
    lp.set_immediate(move || *s.borrow_mut() = Some(lp2.run().unwrap_err().code().to_string()));
    lp.run().unwrap();
    assert_eq!(seen.borrow().as_deref(), Some("ERR_LOOP_RUNNING"));
}
