//! EM-1: emitting costs no allocation per listener call in the common case
//! (counted with a global allocator; this file holds only this test so nothing else allocates
//! on the test thread while it counts).

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};

use emitter::{event_table, EventEmitter};

struct Counting;
static ALLOCS: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

#[derive(Clone)]
struct Chunk(Rc<[u8]>);

event_table! {
    static EVENTS: "Readable" {
        "data" => (Chunk),
    }
}

#[test]
fn em_1_emit_allocates_nothing_per_listener_call() {
    let e = EventEmitter::with_events(&EVENTS);
    let total = Rc::new(Cell::new(0usize));
    for _ in 0..5 {
        let t = total.clone();
        e.on("data", move |c: Chunk| t.set(t.get() + c.0.len())).unwrap();
    }
    let chunk = Chunk(Rc::from(&b"hello"[..]));
    e.emit("data", (chunk.clone(),)).unwrap(); // warm up
    let before = ALLOCS.load(Ordering::Relaxed);
    for _ in 0..1000 {
        e.emit("data", (chunk.clone(),)).unwrap();
    }
    let after = ALLOCS.load(Ordering::Relaxed);
    assert_eq!(after - before, 0, "emit allocated");
    assert_eq!(total.get(), 5 * 5 * 1001);
}
