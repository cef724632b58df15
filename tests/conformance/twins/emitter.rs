//! Twins of the `emitter_*` scenarios (EM-1, EM-2, EM-3). These are synchronous, like their
//! scripts, so only the one that waits for a (next-tick) warning runs a loop.

use std::rc::Rc;

use emitter::{Error, EventEmitter, Listener};
use http2::rt::EventLoop;

use super::json_strings;
use crate::trace::{capture_warnings, take_warnings, Trace};

/// EM-1: on / once / prepend order.
pub fn emitter_on_once_prepend_order(t: &Trace) {
    let e = EventEmitter::new();
    let p = |label: &'static str| {
        let t = t.clone();
        move |n: u32| t.line(format!("{label} {n}"))
    };
    e.on("x", p("on a")).unwrap();
    e.once("x", p("once b")).unwrap();
    e.prepend_listener("x", p("prepend c")).unwrap();
    e.prepend_once_listener("x", p("prependOnce d")).unwrap();
    e.add_listener("x", p("addListener e")).unwrap();
    t.line(format!("count {}", e.listener_count("x")));
    t.line(format!("emit 1 returned {}", e.emit("x", (1u32,)).unwrap()));
    t.line(format!("count {}", e.listener_count("x")));
    t.line(format!("emit 2 returned {}", e.emit("x", (2u32,)).unwrap()));
    t.line(format!("emit y returned {}", e.emit("y", (3u32,)).unwrap()));
}

/// EM-1: a once registration answers to its original listener.
pub fn emitter_once_removed_by_original(t: &Trace) {
    let e = EventEmitter::new();
    let t1 = t.clone();
    let f = Listener::new(move || t1.line("f called"));
    e.once("x", &f).unwrap();
    t.line(format!("listeners[0] is f {}", e.listeners("x")[0].same(&f)));
    let raw = e.raw_listeners("x")[0].clone();
    t.line(format!("rawListeners[0] wraps f {}", raw.once && raw.listener.same(&f)));
    let (t2, f2) = (t.clone(), f.clone());
    e.on("removeListener", move |name: String, l: Listener| t2.line(format!("removeListener {name} is f {}", l.same(&f2)))).unwrap();
    e.remove_listener("x", &f);
    t.line(format!("count after removeListener(f) {}", e.listener_count("x")));
    t.line(format!("emit returned {}", e.emit("x", ()).unwrap()));
    e.on("x", &f).unwrap();
    e.once("x", &f).unwrap();
    e.off("x", &f);
    let left = e.raw_listeners("x");
    t.line(format!("left {} plain f {}", left.len(), !left[0].once && left[0].listener.same(&f)));
    t.line(format!("emit returned {}", e.emit("x", ()).unwrap()));
    t.line(format!("emit returned {}", e.emit("x", ()).unwrap()));
}

/// EM-1: 'newListener' fires before adding; a listener added inside it lands first.
pub fn emitter_new_listener_before_adding(t: &Trace) {
    let e = EventEmitter::new();
    let (t1, e1) = (t.clone(), e.clone());
    e.once("newListener", move |name: String| {
        t1.line(format!("newListener {name} count before add {}", e1.listener_count(&name)));
        let t2 = t1.clone();
        e1.on(name, move || t2.line("added inside newListener")).unwrap();
    })
    .unwrap();
    let t3 = t.clone();
    e.on("x", move || t3.line("original")).unwrap();
    t.line(format!("count {}", e.listener_count("x")));
    e.emit("x", ()).unwrap();
    let g = Listener::new(|| ());
    let (t4, g4) = (t.clone(), g.clone());
    e.on("newListener", move |name: String, l: Listener| t4.line(format!("watcher {name} is g {}", l.same(&g4)))).unwrap();
    e.on("y", &g).unwrap();
    e.once("y", &g).unwrap();
    let t5 = t.clone();
    e.prepend_listener("newListener", move || t5.line("prepended watcher")).unwrap();
    e.on("z", &g).unwrap();
    t.line(format!("names {}", e.event_names().join(",")));
}

/// EM-1: 'removeListener' after each removal; removeAllListeners order.
pub fn emitter_remove_listener_events(t: &Trace) {
    let e = EventEmitter::new();
    let named = |n: &'static str| {
        let t = t.clone();
        (Listener::new(move || t.line(format!("called {n}"))), n)
    };
    let all = Rc::new(vec![named("a"), named("b"), named("c"), named("d")]);
    let [a, b, c, d] = [0, 1, 2, 3].map(|i| all[i].0.clone());
    e.on("x", &a).unwrap();
    e.on("x", &b).unwrap();
    e.on("y", &c).unwrap();
    e.once("y", &d).unwrap();
    let (t1, e1) = (t.clone(), e.clone());
    e.on("removeListener", move |name: String, l: Listener| {
        let who = all.iter().find(|(x, _)| x.same(&l)).map_or("watcher", |(_, n)| *n);
        t1.line(format!("removeListener {name} {who} left {}", e1.listener_count(&name)));
    })
    .unwrap();
    t.line(format!("off a {}", e.listener_count("x")));
    e.remove_listener("x", &a);
    t.line("off a again");
    e.remove_listener("x", &a);
    t.line("emit y");
    e.emit("y", ()).unwrap();
    e.on("x", &a).unwrap();
    t.line("removeAllListeners x");
    e.remove_all_listeners(Some("x"));
    e.on("z", &a).unwrap();
    e.on("x", &b).unwrap();
    t.line(format!("names {}", e.event_names().join(",")));
    t.line("removeAllListeners");
    e.remove_all_listeners(None);
    t.line(format!("names {}", json_strings(&e.event_names())));
}

/// EM-3: copy-on-emit.
pub fn emitter_copy_on_emit(t: &Trace) {
    let e = EventEmitter::new();
    let t0 = t.clone();
    let second = Listener::new(move || t0.line("second"));
    let (t1, e1, s1) = (t.clone(), e.clone(), second.clone());
    e.on("x", move || {
        t1.line("first");
        e1.remove_listener("x", &s1);
        let t2 = t1.clone();
        e1.on("x", move || t2.line("added")).unwrap();
    })
    .unwrap();
    e.on("x", &second).unwrap();
    e.emit("x", ()).unwrap();
    t.line("--");
    e.emit("x", ()).unwrap();
    t.line("--");
    e.emit("x", ()).unwrap();
    t.line("--");
    let o = EventEmitter::new();
    let t3 = t.clone();
    let late = Listener::new(move || t3.line("late once"));
    let (t4, o4, l4) = (t.clone(), o.clone(), late.clone());
    o.on("y", move || {
        t4.line("removes late");
        o4.remove_listener("y", &l4);
    })
    .unwrap();
    o.once("y", &late).unwrap();
    o.emit("y", ()).unwrap();
    t.line(format!("count {}", o.listener_count("y")));
    o.emit("y", ()).unwrap();
    t.line("--");
    let s = EventEmitter::new();
    let (t5, s5) = (t.clone(), s.clone());
    s.on("z", move || {
        t5.line("only");
        let t6 = t5.clone();
        s5.on("z", move || t6.line("added to single")).unwrap();
    })
    .unwrap();
    s.emit("z", ()).unwrap();
    t.line("--");
    s.emit("z", ()).unwrap();
}

/// EM-3: emit inside a listener.
pub fn emitter_reentrant_emit(t: &Trace) {
    let e = EventEmitter::new();
    let (t1, e1) = (t.clone(), e.clone());
    e.on("x", move |depth: u32| {
        t1.line(format!("enter {depth}"));
        if depth < 2 {
            e1.emit("x", (depth + 1,)).unwrap();
        }
        t1.line(format!("leave {depth}"));
    })
    .unwrap();
    let t2 = t.clone();
    e.once("x", move |depth: u32| t2.line(format!("once {depth}"))).unwrap();
    let t3 = t.clone();
    e.on("x", move |depth: u32| t3.line(format!("last {depth}"))).unwrap();
    e.emit("x", (0u32,)).unwrap();
    t.line("--");
    let (t4, e4) = (t.clone(), e.clone());
    e.on("y", move || {
        t4.line("y emits x");
        e4.emit("x", (2u32,)).unwrap();
        t4.line("y done");
    })
    .unwrap();
    e.emit("y", ()).unwrap();
}

/// EM-3: 'error' with and without a listener; a listener's `Err` is Node's throw.
pub fn emitter_error_event(t: &Trace) {
    let e = EventEmitter::new();
    if let Err(err) = e.emit("error", (Error::new("ERR_TEST", "boom"),)) {
        t.line(format!("thrown {}", err.message()));
    }
    if let Err(err) = e.emit("error", (42u32,)) {
        t.line(format!("thrown {}", err.code()));
    }
    let t1 = t.clone();
    e.once("error", move |err: Error| t1.line(format!("error listener {}", err.message()))).unwrap();
    t.line(format!("emit returned {}", e.emit("error", (Error::new("ERR_TEST", "handled"),)).unwrap()));
    if let Err(err) = e.emit("error", (Error::new("ERR_TEST", "again"),)) {
        t.line(format!("thrown {}", err.message()));
    }
    let x = EventEmitter::new();
    x.on("x", || -> Result<(), Error> { Err(Error::new("ERR_TEST", "listener threw")) }).unwrap();
    let t2 = t.clone();
    x.on("x", move || t2.line("not reached")).unwrap();
    if let Err(err) = x.emit("x", ()) {
        t.line(format!("thrown {}", err.message()));
    }
    t.line(format!("count {}", x.listener_count("x")));
}

/// EM-1: the max-listeners warning. Node delivers it as a process 'warning' on the next tick;
/// the emitter logs it with `log::warn!` at once, so the twin prints the recorded warnings from a
/// next tick queued when the synchronous part ends (before the script's own tick, as in Node).
pub fn emitter_max_listeners_warning(t: &Trace) {
    capture_warnings();
    let lp = EventLoop::new().unwrap();
    let e = EventEmitter::new();
    t.line(format!("default max {}", e.get_max_listeners()));
    for _ in 0..11 {
        e.on("x", || ()).unwrap();
    }
    t.line("added 11 x");
    e.on("x", || ()).unwrap();
    t.line("added 12th x");
    e.set_max_listeners(1);
    t.line(format!("max {}", e.get_max_listeners()));
    for _ in 0..3 {
        e.on("y", || ()).unwrap();
    }
    t.line("added 3 y");
    let u = EventEmitter::new();
    u.set_max_listeners(0);
    for _ in 0..20 {
        u.on("z", || ()).unwrap();
    }
    t.line("added 20 z with max 0");
    let warnings = take_warnings();
    let t1 = t.clone();
    lp.next_tick(move || {
        for w in warnings {
            t1.line(format!("warning {w}"));
        }
    });
    let t2 = t.clone();
    lp.next_tick(move || t2.line("sync part done"));
    lp.run().unwrap();
}

/// EM-1: listenerCount and eventNames.
pub fn emitter_listener_count_event_names(t: &Trace) {
    let e = EventEmitter::new();
    let show = |what: &str| {
        t.line(format!(
            "{what} {} a {} b {} c {}",
            json_strings(&e.event_names()),
            e.listener_count("a"),
            e.listener_count("b"),
            e.listener_count("c")
        ))
    };
    show("empty");
    let fa = Listener::new(|| ());
    e.on("a", &fa).unwrap();
    e.once("b", || ()).unwrap();
    e.on("c", || ()).unwrap();
    e.on("a", &fa).unwrap();
    show("added");
    e.emit("b", ()).unwrap();
    show("after emit b");
    e.off("a", &fa);
    show("off a once");
    e.off("a", &fa);
    show("off a twice");
    e.on("a", &fa).unwrap();
    show("a again");
    e.remove_all_listeners(Some("c"));
    show("removeAll c");
    e.remove_all_listeners(None);
    show("removeAll");
}

/// EM-2: a listener takes any leading part of the arguments.
pub fn emitter_leading_arguments(t: &Trace) {
    let e = EventEmitter::new();
    let t1 = t.clone();
    e.on("stream", move |id: u32, path: String, flags: u32| t1.line(format!("three {id} {path} {flags}"))).unwrap();
    let t2 = t.clone();
    e.on("stream", move |id: u32, path: String| t2.line(format!("two {id} {path}"))).unwrap();
    let t3 = t.clone();
    e.on("stream", move |id: u32| t3.line(format!("one {id}"))).unwrap();
    let t4 = t.clone();
    e.on("stream", move || t4.line("none")).unwrap();
    t.line(format!("emit returned {}", e.emit("stream", (1u32, String::from("/a"), 5u32)).unwrap()));
}
