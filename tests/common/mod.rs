//! Helpers shared by the interop and example tests: external tools with time limits, free
//! ports, our examples as child processes, an in-process server on a loop thread, test
//! certificates and the body pattern and checksum the Node scripts (`tests/node/`) use too.
#![allow(dead_code)]

use std::io::Read;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Once};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long any child process or loop may run before the test gives up on it.
pub const LIMIT: Duration = Duration::from_secs(60);

/// Panics with a clear message when a peer tool is missing (`.ci/run` installs them).
pub fn require_tool(name: &str) {
    let ok = Command::new(name).arg("--version").stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok();
    assert!(ok, "`{name}` is not installed: the interop tests need nghttp2-client, nghttp2-server, curl and nodejs (run .ci/run)");
}

/// A port nobody listens on now (bound and released).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// The folder of this crate.
pub fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh empty folder under the system's temporary folder, removed when dropped.
pub fn temp_dir(name: &str) -> TempDir {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!("http2-test-{}-{}-{}", name, std::process::id(), N.fetch_add(1, Ordering::SeqCst)));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    TempDir(dir)
}

/// A temporary folder (see [`temp_dir`]); derefs to its path.
#[derive(Debug)]
pub struct TempDir(PathBuf);

impl std::ops::Deref for TempDir {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for TempDir {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// What a finished child process left.
#[derive(Debug)]
pub struct Output {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
    pub stdout_bytes: Vec<u8>,
}

impl Output {
    pub fn success(&self) -> bool {
        self.status.success()
    }
}

fn collect(mut child: Child, what: &str, limit: Duration) -> Output {
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let t_out = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out.read_to_end(&mut v);
        v
    });
    let t_err = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err.read_to_end(&mut v);
        v
    });
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            let stdout = t_out.join().unwrap_or_default();
            let stderr = t_err.join().unwrap_or_default();
            panic!(
                "{what} did not finish within {limit:?}; killed.\nstdout: {}\nstderr: {}",
                String::from_utf8_lossy(&stdout),
                String::from_utf8_lossy(&stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stdout_bytes = t_out.join().unwrap_or_default();
    let stderr = t_err.join().unwrap_or_default();
    Output { status, stdout: String::from_utf8_lossy(&stdout_bytes).into_owned(), stderr: String::from_utf8_lossy(&stderr).into_owned(), stdout_bytes }
}

/// Runs `cmd` to the end (killed after [`LIMIT`]) and returns its output.
pub fn run(cmd: &mut Command) -> Output {
    run_for(cmd, LIMIT)
}

/// Runs `cmd` to the end, killed after `limit`.
pub fn run_for(cmd: &mut Command, limit: Duration) -> Output {
    let what = format!("{cmd:?}");
    let child = cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap_or_else(|e| panic!("cannot start {what}: {e}"));
    collect(child, &what, limit)
}

/// Runs `cmd`, which must succeed; returns its stdout.
pub fn run_ok(cmd: &mut Command) -> Output {
    let what = format!("{cmd:?}");
    let out = run(cmd);
    assert!(out.success(), "{what} failed ({}).\nstdout: {}\nstderr: {}", out.status, out.stdout, out.stderr);
    out
}

/// A background process (a server) killed when dropped, whatever the test's outcome.
pub struct Background {
    child: Option<Child>,
    what: String,
}

impl Background {
    pub fn spawn(cmd: &mut Command) -> Background {
        let what = format!("{cmd:?}");
        let child = cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap_or_else(|e| panic!("cannot start {what}: {e}"));
        Background { child: Some(child), what }
    }

    /// Waits until `port` on localhost accepts connections (the server is ready).
    pub fn wait_for_port(&mut self, port: u16) {
        let start = Instant::now();
        loop {
            if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return;
            }
            if let Some(status) = self.child.as_mut().unwrap().try_wait().unwrap() {
                let out = collect(self.child.take().unwrap(), &self.what, LIMIT);
                panic!("{} exited ({status}) before listening on {port}.\nstdout: {}\nstderr: {}", self.what, out.stdout, out.stderr);
            }
            assert!(start.elapsed() < LIMIT, "{} is not listening on {port} after {LIMIT:?}", self.what);
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    /// Stops the process and returns what it printed.
    pub fn stop(mut self) -> Output {
        let mut child = self.child.take().unwrap();
        let _ = child.kill();
        collect(child, &self.what, LIMIT)
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

// ----- our examples ------------------------------------------------------------------------

/// Builds the examples once per test binary (`cargo build --examples`, same profile as the
/// tests) and returns the folder that holds them.
pub fn examples_dir() -> PathBuf {
    static BUILD: Once = Once::new();
    // target/<profile>/deps/<test binary> → target/<profile>/examples
    let exe = std::env::current_exe().unwrap();
    let profile_dir = exe.parent().and_then(Path::parent).unwrap().to_path_buf();
    BUILD.call_once(|| {
        let mut cmd = Command::new(env!("CARGO"));
        cmd.args(["build", "--examples", "-q", "-j2"]).current_dir(manifest_dir());
        // Not the variables cargo set for this test: build scripts that watch them (ring's
        // watches CARGO_MANIFEST_DIR) would rerun, and everything above them would be rebuilt
        // here and again by the next `cargo test`.
        for (key, _) in std::env::vars_os() {
            let key = key.to_string_lossy().into_owned();
            let set_by_cargo = key.starts_with("CARGO_PKG_")
                || matches!(key.as_str(), "CARGO_MANIFEST_DIR" | "CARGO_MANIFEST_PATH" | "CARGO_CRATE_NAME" | "CARGO_PRIMARY_PACKAGE" | "CARGO_TARGET_TMPDIR");
            if set_by_cargo {
                cmd.env_remove(&key);
            }
        }
        match profile_dir.file_name().and_then(|n| n.to_str()) {
            Some("debug") | None => {}
            Some("release") => {
                cmd.arg("--release");
            }
            Some(other) => {
                cmd.args(["--profile", other]);
            }
        }
        let out = run_for(&mut cmd, Duration::from_secs(900));
        assert!(out.success(), "cargo build --examples failed:\n{}", out.stderr);
    });
    profile_dir.join("examples")
}

/// A command running the example `name`.
pub fn example(name: &str) -> Command {
    let path = examples_dir().join(name);
    assert!(path.exists(), "example binary {} missing", path.display());
    let mut cmd = Command::new(path);
    cmd.env_remove("PORT").env_remove("CA").env_remove("INSECURE").env_remove("FILE");
    cmd
}

/// Starts the server example `name` on a free port (`--port`) with `args`, and waits until
/// it listens.
pub fn example_server(name: &str, args: &[&str]) -> (Background, u16) {
    let port = free_port();
    let mut cmd = example(name);
    cmd.arg("--port").arg(port.to_string()).args(args);
    let mut bg = Background::spawn(&mut cmd);
    bg.wait_for_port(port);
    (bg, port)
}

// ----- Node scripts ------------------------------------------------------------------------

/// A `node` command running `tests/node/<script>`.
pub fn node(script: &str) -> Command {
    require_tool("node");
    let mut cmd = Command::new("node");
    cmd.arg(manifest_dir().join("tests/node").join(script));
    cmd
}

/// Starts `tests/node/server.js` on a free port (h2c, or TLS with `cert`/`key`) and waits
/// until it listens.
pub fn node_server(args: &[&str]) -> (Background, u16) {
    let port = free_port();
    let mut cmd = node("server.js");
    cmd.arg("--port").arg(port.to_string()).args(args);
    let mut bg = Background::spawn(&mut cmd);
    bg.wait_for_port(port);
    (bg, port)
}

// ----- certificates --------------------------------------------------------------------------

/// A self-signed certificate for localhost and 127.0.0.1 (not a CA: usable as its own
/// trust anchor by rustls, curl and Node), written to `dir` as `server-cert.pem` and
/// `server-key.pem` (the names the seed's secure server reads).
pub fn write_cert(dir: &Path) -> (PathBuf, PathBuf) {
    let made = rcgen::generate_simple_self_signed(vec!["localhost".to_string(), "127.0.0.1".to_string()]).unwrap();
    let cert = dir.join("server-cert.pem");
    let key = dir.join("server-key.pem");
    std::fs::write(&cert, made.cert.pem()).unwrap();
    std::fs::write(&key, made.key_pair.serialize_pem()).unwrap();
    (cert, key)
}

// ----- bodies ----------------------------------------------------------------------------------

/// The body pattern of the big transfers (tests/node/common.js `pattern`): byte `i` is
/// `i % 251`, so a lost, doubled or reordered chunk changes the checksum.
pub fn pattern(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i % 251) as u8).collect()
}

/// FNV-1a (32 bits) of `data`, as tests/node/common.js `checksum` computes it.
pub fn checksum(data: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in data {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// An incremental [`checksum`].
#[derive(Clone, Copy, Debug)]
pub struct Checksum {
    pub hash: u32,
    pub len: usize,
}

impl Default for Checksum {
    fn default() -> Self {
        Checksum { hash: 0x811c_9dc5, len: 0 }
    }
}

impl Checksum {
    pub fn update(&mut self, data: &[u8]) {
        for &b in data {
            self.hash ^= u32::from(b);
            self.hash = self.hash.wrapping_mul(0x0100_0193);
        }
        self.len += data.len();
    }
}

// ----- an in-process server on its own loop thread ------------------------------------------

/// Our server running on an event loop in a background thread, for external clients.
pub struct LoopThread {
    pub port: u16,
    waker: http2::rt::LoopWaker,
    handle: Option<JoinHandle<Result<(), String>>>,
}

thread_local! {
    static SERVER: std::cell::RefCell<Option<http2::Http2Server>> = const { std::cell::RefCell::new(None) };
}

impl LoopThread {
    /// Runs `setup` on a new loop thread; it returns the server, which is made to listen on
    /// 127.0.0.1 with a free port.
    pub fn start(setup: impl FnOnce() -> http2::Http2Server + Send + 'static) -> LoopThread {
        let (tx, rx) = mpsc::channel();
        let handle = std::thread::spawn(move || -> Result<(), String> {
            let lp = http2::rt::EventLoop::new().map_err(|e| e.to_string())?;
            lp.enter(|| {
                let server = setup();
                server.listen(0, "127.0.0.1", None::<fn()>).unwrap();
                let port = server.address().unwrap().port;
                SERVER.with(|s| *s.borrow_mut() = Some(server));
                tx.send((port, lp.waker())).unwrap();
            });
            lp.run().map_err(|e| format!("{e:?}"))
        });
        let (port, waker) = rx.recv_timeout(LIMIT).expect("server thread did not start");
        LoopThread { port, waker, handle: Some(handle) }
    }

    /// Closes the server and its sessions, and waits for the loop to finish; `Err` is an
    /// uncaught error of the loop.
    pub fn stop(mut self) -> Result<(), String> {
        self.stop_inner()
    }

    fn stop_inner(&mut self) -> Result<(), String> {
        let Some(handle) = self.handle.take() else { return Ok(()) };
        let _ = self.waker.post(|| {
            let server = SERVER.with(|s| s.borrow_mut().take());
            if let Some(server) = server {
                for session in server.sessions() {
                    session.destroy(None);
                }
                server.close(None);
            }
        });
        let start = Instant::now();
        while !handle.is_finished() {
            if start.elapsed() > LIMIT {
                return Err("server loop did not stop".into());
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        handle.join().map_err(|_| "server loop panicked".to_string())?
    }
}

impl Drop for LoopThread {
    fn drop(&mut self) {
        if self.handle.is_some() && !std::thread::panicking() {
            let _ = self.stop_inner();
        }
    }
}

/// Runs `lp` until it finishes; after [`LIMIT`] `on_limit` runs on the loop (it should tear
/// everything down) and the test fails.
pub fn run_loop(lp: &http2::rt::EventLoop, on_limit: impl FnOnce() + 'static) {
    let timed_out = std::rc::Rc::new(std::cell::Cell::new(false));
    let t = timed_out.clone();
    let timer = lp.set_timeout(
        move || {
            t.set(true);
            on_limit();
        },
        LIMIT.as_millis() as u64,
    );
    timer.unref();
    let r = lp.run();
    timer.clear();
    assert!(!timed_out.get(), "the client loop did not finish within {LIMIT:?}");
    r.unwrap();
}
