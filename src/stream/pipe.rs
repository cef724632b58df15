//! `readable.pipe(dest)` with backpressure, after Node 20's `Readable.prototype.pipe`:
//! `'data'` → `dest.write`, pausing the source when it returns false until `dest`'s
//! `'drain'`; `'end'` → `dest.end()`; `dest`'s `'close'`/`'finish'`/`'error'` unpipe.
//!
//! The listeners hold weak handles; the source's pipe list owns the link, so a pipe never
//! keeps either stream alive by itself.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use emitter::{Emitter, Listener};

use super::{Chunk, Duplex};
use crate::Error;

pub(super) struct Pipe {
    dest: Duplex,
    /// (on the source?, event, listener) to remove at cleanup.
    listeners: RefCell<Vec<(bool, &'static str, Listener)>>,
    cleaned: Cell<bool>,
}

impl Pipe {
    fn cleanup(&self, src: &Duplex) {
        if self.cleaned.replace(true) {
            return;
        }
        for (on_src, event, l) in self.listeners.borrow_mut().drain(..) {
            if on_src {
                src.off(event, &l);
            } else {
                self.dest.off(event, &l);
            }
        }
    }
}

pub(super) fn pipe(src: &Duplex, dest: &Duplex, end: bool) {
    let link = Rc::new(Pipe { dest: dest.clone(), listeners: RefCell::new(Vec::new()), cleaned: Cell::new(false) });
    src.pipes().borrow_mut().push(link.clone());
    let (ws, wd) = (src.downgrade(), dest.downgrade());
    let mut on_src: Vec<(&'static str, Listener)> = Vec::new();
    let mut on_dest: Vec<(&'static str, Listener)> = Vec::new();

    // 'end' of the source: end the destination, or just unpipe with { end: false }.
    let end_fn = {
        let (ws, wd) = (ws.clone(), wd.clone());
        move || {
            if end {
                if let Some(d) = wd.upgrade() {
                    d.end();
                }
            } else if let (Some(s), Some(d)) = (ws.upgrade(), wd.upgrade()) {
                unpipe(&s, Some(&d));
            }
        }
    };
    if src.readable_ended() {
        src.event_loop().next_tick(end_fn);
    } else if let Ok(l) = src.once("end", end_fn) {
        on_src.push(("end", l));
    }

    let pause = {
        let (ws, wd, link_w) = (ws.clone(), wd.clone(), Rc::downgrade(&link));
        move || {
            let (Some(s), Some(d), Some(link)) = (ws.upgrade(), wd.upgrade(), link_w.upgrade()) else { return };
            s.pause();
            // One 'drain' listener per pipe, added the first time the destination pushes back.
            let already = link.listeners.borrow().iter().any(|(on_src, e, _)| !on_src && *e == "drain");
            if !already && !link.cleaned.get() {
                let ws2 = ws.clone();
                if let Ok(l) = d.on("drain", move || {
                    if let Some(s) = ws2.upgrade() {
                        if s.listener_count("data") > 0 {
                            s.resume();
                        }
                    }
                }) {
                    link.listeners.borrow_mut().push((false, "drain", l));
                }
            }
        }
    };

    if let Ok(l) = src.on("data", {
        let (wd, pause) = (wd.clone(), pause.clone());
        move |chunk: Chunk| {
            if let Some(d) = wd.upgrade() {
                if !d.write(chunk.into_bytes()) {
                    pause();
                }
            }
        }
    }) {
        on_src.push(("data", l));
    }

    // An error on the destination unpipes; if nobody else listens it stays unhandled.
    if let Ok(l) = dest.prepend_listener("error", {
        let (ws, wd) = (ws.clone(), wd.clone());
        move |e: Error| -> Result<(), Error> {
            if let (Some(s), Some(d)) = (ws.upgrade(), wd.upgrade()) {
                unpipe(&s, Some(&d));
                if d.listener_count("error") == 0 {
                    return Err(e);
                }
            }
            Ok(())
        }
    }) {
        on_dest.push(("error", l));
    }
    for event in ["close", "finish"] {
        if let Ok(l) = dest.once(event, {
            let (ws, wd) = (ws.clone(), wd.clone());
            move || {
                if let (Some(s), Some(d)) = (ws.upgrade(), wd.upgrade()) {
                    unpipe(&s, Some(&d));
                }
            }
        }) {
            on_dest.push((event, l));
        }
    }

    {
        let mut ls = link.listeners.borrow_mut();
        ls.extend(on_src.into_iter().map(|(e, l)| (true, e, l)));
        ls.extend(on_dest.into_iter().map(|(e, l)| (false, e, l)));
    }
    let r = dest.emit("pipe", (src.clone(),));
    src.event_loop().check(r);
    if dest.writable_need_drain() {
        pause();
    } else if src.readable_flowing() != Some(true) {
        src.resume();
    }
}

pub(super) fn unpipe(src: &Duplex, dest: Option<&Duplex>) {
    let removed: Vec<Rc<Pipe>> = {
        let mut pipes = src.pipes().borrow_mut();
        match dest {
            Some(d) => match pipes.iter().position(|p| p.dest.same(d)) {
                Some(i) => vec![pipes.remove(i)],
                None => return,
            },
            None => pipes.drain(..).collect(),
        }
    };
    // Node pauses the source once it has no destination left.
    if src.pipes().borrow().is_empty() {
        src.pause();
    }
    for link in removed {
        link.cleanup(src);
        let r = link.dest.emit("unpipe", (src.clone(),));
        src.event_loop().check(r);
    }
}
