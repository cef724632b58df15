//! What a Rust twin writes to: the [`Trace`] of printed lines, and a test logger that records the
//! `log::warn!` records of the current thread (the emitter's max-listeners warning goes there,
//! where Node prints a process warning).

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Once;

/// The lines a twin prints, in order: the Rust side of `console.log`. Clones share the lines, so
/// a callback can hold one.
#[derive(Clone, Default)]
pub struct Trace(Rc<RefCell<Vec<String>>>);

impl Trace {
    pub fn new() -> Trace {
        Trace::default()
    }

    /// Prints one line (Node: `console.log(...)`).
    pub fn line(&self, line: impl Into<String>) {
        self.0.borrow_mut().push(line.into());
    }

    pub fn lines(&self) -> Vec<String> {
        self.0.borrow().clone()
    }
}

thread_local! {
    static WARNINGS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

struct ThreadLogger;

impl log::Log for ThreadLogger {
    fn enabled(&self, metadata: &log::Metadata) -> bool {
        metadata.level() <= log::Level::Warn
    }
    fn log(&self, record: &log::Record) {
        // Tests run on several threads; each twin sees only the warnings of its own thread.
        if record.level() == log::Level::Warn {
            WARNINGS.with(|w| w.borrow_mut().push(record.args().to_string()));
        }
    }
    fn flush(&self) {}
}

static LOGGER: ThreadLogger = ThreadLogger;
static INSTALL: Once = Once::new();

/// Installs the recording logger (once per process) and forgets this thread's earlier warnings.
pub fn capture_warnings() {
    INSTALL.call_once(|| {
        // Another logger may already be installed by a test harness; then nothing is recorded
        // and the scenario that needs warnings fails visibly.
        if log::set_logger(&LOGGER).is_ok() {
            log::set_max_level(log::LevelFilter::Warn);
        }
    });
    WARNINGS.with(|w| w.borrow_mut().clear());
}

/// The `log::warn!` messages recorded on this thread since the last call.
pub fn take_warnings() -> Vec<String> {
    WARNINGS.with(|w| std::mem::take(&mut *w.borrow_mut()))
}
