//! Temporary runner for the HTTP/2 conformance twins until the shared harness lands.
use std::cell::RefCell;
use std::rc::Rc;

#[derive(Clone, Default)]
pub struct Trace(Rc<RefCell<Vec<String>>>);
impl Trace {
    pub fn line(&self, s: impl Into<String>) {
        self.0.borrow_mut().push(s.into());
    }
}

#[path = "conformance/twins/http2_basic.rs"]
mod http2_basic;
#[path = "conformance/twins/http2_lifecycle.rs"]
mod http2_lifecycle;

fn check(name: &str, f: fn(&Trace)) {
    let t = Trace::default();
    f(&t);
    let got = t.0.borrow().join("\n") + "\n";
    let want = std::fs::read_to_string(format!("{}/tests/conformance/{name}.trace", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let want: String = want.lines().filter(|l| !l.starts_with("# written by hand")).map(|l| format!("{l}\n")).collect();
    if got != want {
        panic!("{name}:\n--- want\n{want}--- got\n{got}");
    }
}

#[test]
fn http2_request_response() {
    check("http2_request_response", http2_basic::http2_request_response);
}

#[test]
fn http2_post_body() {
    check("http2_post_body", http2_lifecycle::http2_post_body);
}

#[test]
fn http2_rst_codes() {
    check("http2_rst_codes", http2_lifecycle::http2_rst_codes);
}

#[test]
fn http2_client_cancel() {
    check("http2_client_cancel", http2_lifecycle::http2_client_cancel);
}

#[test]
fn http2_stream_destroy() {
    check("http2_stream_destroy", http2_lifecycle::http2_stream_destroy);
}

#[test]
fn http2_session_destroy() {
    check("http2_session_destroy", http2_lifecycle::http2_session_destroy);
}

#[test]
fn http2_goaway_from_server() {
    check("http2_goaway_from_server", http2_lifecycle::http2_goaway_from_server);
}

#[test]
fn http2_goaway_from_client() {
    check("http2_goaway_from_client", http2_lifecycle::http2_goaway_from_client);
}
