//! Every example ported from the seed, built and run as its own process on a free port, and
//! checked with a real peer: curl (h2c with prior knowledge, h2 over TLS), nghttp (frames:
//! trailers, padding, GOAWAY), Node, or the seed's client examples against its servers.

mod common;

use common::{example, example_server, node_server, require_tool, run_ok, temp_dir, write_cert, Background};

fn curl(args: &[&str]) -> String {
    require_tool("curl");
    run_ok(std::process::Command::new("curl").args(["-sS", "--max-time", "30"]).args(args)).stdout
}

fn curl_h2c(port: u16, path: &str, extra: &[&str]) -> String {
    let url = format!("http://localhost:{port}{path}");
    let mut args = vec!["--http2-prior-knowledge", "-i"];
    args.extend_from_slice(extra);
    args.push(&url);
    curl(&args)
}

fn nghttp(port: u16, path: &str, extra: &[&str]) -> String {
    require_tool("nghttp");
    let url = format!("http://localhost:{port}{path}");
    run_ok(std::process::Command::new("nghttp").args(["-v", "-t", "30"]).args(extra).arg(url)).stdout
}

/// The seed's client example `name` against `port`: must exit 0; returns its stdout.
fn client(name: &str, port: u16, env: &[(&str, &str)]) -> String {
    let mut cmd = example(name);
    cmd.env("PORT", port.to_string());
    for (k, v) in env {
        cmd.env(k, v);
    }
    run_ok(&mut cmd).stdout
}

fn stop(server: Background) -> String {
    server.stop().stdout
}

fn lines(s: &str) -> Vec<&str> {
    s.lines().map(str::trim_end).collect()
}

#[test]
fn hello_server_answers_curl_and_the_seed_client() {
    let (server, port) = example_server("hello_server", &[]);
    let out = curl_h2c(port, "/", &[]);
    assert!(out.starts_with("HTTP/2 200"), "{out}");
    assert!(out.contains("content-type: text/html"), "{out}");
    assert!(out.ends_with("<h1>Hello World</h1>"), "{out}");

    // seed_client prints :status, date, then (our addition) the body.
    let out = client("seed_client", port, &[]);
    let l = lines(&out);
    assert_eq!(l.len(), 3, "{out}");
    assert_eq!(l[0], "200");
    assert!(l[1].ends_with(" GMT"), "a date: {out}");
    assert_eq!(l[2], "<h1>Hello World</h1>");
    drop(server);
}

#[test]
fn hello_server_takes_its_port_from_the_environment() {
    let port = common::free_port();
    let mut cmd = example("hello_server");
    cmd.env("PORT", port.to_string());
    let mut server = Background::spawn(&mut cmd);
    server.wait_for_port(port);
    assert!(curl_h2c(port, "/", &[]).ends_with("<h1>Hello World</h1>"));
}

#[test]
fn stream_with_constants_writes_then_ends() {
    let (server, port) = example_server("stream_with_constants", &[]);
    let out = curl_h2c(port, "/some/path?q=1", &[]);
    assert!(out.starts_with("HTTP/2 200"), "{out}");
    assert!(out.contains("content-type: text/plain"), "{out}");
    assert!(out.ends_with("hello world"), "{out}");
    assert_eq!(lines(&stop(server)), ["GET /some/path?q=1"]);
}

#[test]
fn session_stream_event_answers_from_the_session_listener() {
    let (server, port) = example_server("session_stream_event", &[]);
    let out = curl_h2c(port, "/x", &["-X", "DELETE"]);
    assert!(out.ends_with("hello world"), "{out}");
    let out = curl_h2c(port, "/y", &[]);
    assert!(out.ends_with("hello world"), "{out}");
    assert_eq!(lines(&stop(server)), ["DELETE /x", "GET /y"]);
}

#[test]
fn secure_server_reads_the_seeds_pem_files_and_serves_h2_over_tls() {
    let dir = temp_dir("secure-server");
    let (cert, _key) = write_cert(&dir);
    let port = common::free_port();
    let mut cmd = example("secure_server");
    cmd.arg("--port").arg(port.to_string()).current_dir(&dir);
    let mut server = Background::spawn(&mut cmd);
    server.wait_for_port(port);

    // curl verifying against the certificate the server read from server-cert.pem.
    let out = curl(&["--http2", "-i", "--cacert", cert.to_str().unwrap(), &format!("https://localhost:{port}/")]);
    assert!(out.starts_with("HTTP/2 200"), "{out}");
    assert!(out.ends_with("<h1>Hello World</h1>"), "{out}");
    // And with -k, as one does with a self-signed certificate.
    let out = curl(&["-k", "--http2", &format!("https://127.0.0.1:{port}/")]);
    assert_eq!(out, "<h1>Hello World</h1>");

    // The seed's https clients, trusting the certificate (CA=FILE).
    let ca = cert.to_str().unwrap();
    let out = client("client_request", port, &[("CA", ca)]);
    assert_eq!(lines(&out), ["200", "<h1>Hello World</h1>"]);
    let out = client("client_response", port, &[("CA", ca)]);
    assert_eq!(lines(&out), ["200"]);
    let out = client("client_connect", port, &[("CA", ca)]);
    assert_eq!(out, "");
    // Without trusting it, the request fails with the certificate error and a non-zero exit.
    let mut cmd = example("client_response");
    cmd.env("PORT", port.to_string());
    let out = common::run(&mut cmd);
    assert!(!out.success(), "an untrusted certificate must fail: {out:?}");
}

#[test]
fn secure_stream_with_constants_uses_cert_and_key_flags() {
    let dir = temp_dir("secure-constants");
    let (cert, key) = write_cert(&dir);
    let (server, port) = example_server("secure_stream_with_constants", &["--cert", cert.to_str().unwrap(), "--key", key.to_str().unwrap()]);
    let out = curl(&["-k", "--http2", "-i", &format!("https://localhost:{port}/tls")]);
    assert!(out.starts_with("HTTP/2 200"), "{out}");
    assert!(out.contains("content-type: text/plain"), "{out}");
    assert!(out.ends_with("hello world"), "{out}");
    assert_eq!(lines(&stop(server)), ["GET /tls"]);
}

#[test]
fn push_stream_pushes_to_the_seeds_push_client_and_not_to_curl() {
    let (server, port) = example_server("push_stream", &[]);
    let out = client("client_push", port, &[]);
    let l = lines(&out);
    for want in ["pushed /", "push 200", "pushed data: some pushed data", "data: some data"] {
        assert!(l.contains(&want), "{want:?} missing from {out}");
    }
    // curl disables push (SETTINGS_ENABLE_PUSH 0): the example does not push, and answers.
    let out = curl_h2c(port, "/", &[]);
    assert!(out.starts_with("HTTP/2 200") && out.ends_with("some data"), "{out}");
    // nghttp sees the PUSH_PROMISE for "/".
    let out = nghttp(port, "/", &[]);
    assert!(out.contains("recv PUSH_PROMISE frame"), "{out}");
    assert!(out.contains("promised_stream_id=2"), "{out}");
    drop(server);
}

#[test]
fn respond_sends_status_and_body() {
    let (_server, port) = example_server("respond", &[]);
    let out = curl_h2c(port, "/", &[]);
    assert!(out.starts_with("HTTP/2 200"), "{out}");
    assert!(out.contains("date: "), "a date header is added: {out}");
    assert!(out.ends_with("some data"), "{out}");
}

/// The trailer HEADERS frame comes after the body's DATA and ends the stream.
fn assert_trailer_after_body(out: &str, body: &str) {
    let body_at = out.find(body).unwrap_or_else(|| panic!("body {body:?} missing: {out}"));
    let trailer_at = out.find("abc: some value to send").unwrap_or_else(|| panic!("trailer missing: {out}"));
    assert!(body_at < trailer_at, "trailer before the body: {out}");
    let last_headers = out.rfind("recv HEADERS frame").unwrap();
    assert!(out[last_headers..].contains("END_STREAM | END_HEADERS"), "the trailers end the stream: {out}");
}

#[test]
fn respond_with_trailers_sends_a_trailer_seen_by_nghttp_and_the_seed_client() {
    let (_server, port) = example_server("respond_with_trailers", &[]);
    assert_trailer_after_body(&nghttp(port, "/", &[]), "some data");
    let out = client("client_trailers", port, &[]);
    assert_eq!(lines(&out), ["data: some data", r#"{"abc": "some value to send"}"#]);
}

fn body_file(name: &str) -> (common::TempDir, std::path::PathBuf, Vec<u8>) {
    let dir = temp_dir(name);
    let path = dir.join("some-file.txt");
    // Bigger than one window (64 KiB) and one frame, so flow control is exercised.
    let mut body = b"first line of the file\n".to_vec();
    body.extend(common::pattern(200_000).iter().map(|b| b'a' + b % 26));
    std::fs::write(&path, &body).unwrap();
    (dir, path, body)
}

#[test]
fn respond_with_fd_sends_the_file_to_every_request() {
    let (_dir, path, body) = body_file("fd");
    let (_server, port) = example_server("respond_with_fd", &["--file", path.to_str().unwrap()]);
    for _ in 0..3 {
        let url = format!("http://localhost:{port}/");
        let out = run_ok(std::process::Command::new("curl").args(["-sS", "--http2-prior-knowledge", "-D", "-", "-o", "/dev/null", &url])).stdout;
        assert!(out.contains(&format!("content-length: {}", body.len())), "{out}");
        assert!(out.contains("last-modified: "), "{out}");
        assert!(out.contains("content-type: text/plain"), "{out}");
        let got = run_ok(std::process::Command::new("curl").args(["-sS", "--http2-prior-knowledge", &url])).stdout_bytes;
        assert_eq!(got, body);
    }
}

#[test]
fn respond_with_fd_trailers_sends_the_file_then_the_trailer() {
    let dir = temp_dir("fd-trailers");
    let path = dir.join("f.txt");
    std::fs::write(&path, "fd body").unwrap();
    let (_server, port) = example_server("respond_with_fd_trailers", &["--file", path.to_str().unwrap()]);
    assert_trailer_after_body(&nghttp(port, "/", &[]), "fd body");
}

#[test]
fn respond_with_file_adds_last_modified_from_stat_check() {
    let (_dir, path, body) = body_file("file");
    let (_server, port) = example_server("respond_with_file", &["--file", path.to_str().unwrap()]);
    let url = format!("http://localhost:{port}/");
    let head = run_ok(std::process::Command::new("curl").args(["-sS", "--http2-prior-knowledge", "-D", "-", "-o", "/dev/null", &url])).stdout;
    let mtime = std::fs::metadata(&path).unwrap().modified().unwrap();
    assert!(head.contains(&format!("last-modified: {}", http2::date::http_date(mtime))), "{head}");
    assert!(head.contains(&format!("content-length: {}", body.len())), "{head}");
    let got = run_ok(std::process::Command::new("curl").args(["-sS", "--http2-prior-knowledge", &url])).stdout_bytes;
    assert_eq!(got, body);
}

#[test]
fn respond_with_file_304_cancels_the_send_from_stat_check() {
    let (_dir, path, body) = body_file("file304");
    let (_server, port) = example_server("respond_with_file_304", &["--file", path.to_str().unwrap()]);
    let out = curl_h2c(port, "/", &["-o", "/dev/null", "-D", "-"]);
    assert!(out.starts_with("HTTP/2 200"), "{out}");
    let last_modified = out.lines().find_map(|l| l.strip_prefix("last-modified: ")).expect("last-modified").trim().to_string();
    // A client whose copy is current: 304, no body.
    let out = curl_h2c(port, "/", &["-H", &format!("if-modified-since: {last_modified}")]);
    assert!(out.starts_with("HTTP/2 304"), "{out}");
    assert!(!out.contains("content-length"), "{out}");
    assert!(out.ends_with("\r\n\r\n"), "no body: {out:?}");
    // An older copy: the file again.
    let url = format!("http://localhost:{port}/");
    let got = run_ok(std::process::Command::new("curl").args(["-sS", "--http2-prior-knowledge", "-H", "if-modified-since: Thu, 01 Jan 1970 00:00:01 GMT", &url])).stdout_bytes;
    assert_eq!(got, body);
}

#[test]
fn respond_with_file_trailers_sends_the_file_then_the_trailer() {
    let dir = temp_dir("file-trailers");
    let path = dir.join("f.txt");
    std::fs::write(&path, "file body").unwrap();
    let (_server, port) = example_server("respond_with_file_trailers", &["--file", path.to_str().unwrap()]);
    assert_trailer_after_body(&nghttp(port, "/", &[]), "file body");
}

#[test]
fn headers_object_sends_a_field_with_several_values() {
    let (_server, port) = example_server("headers_object", &[]);
    let out = curl_h2c(port, "/", &[]);
    let l = lines(&out);
    assert_eq!(l[0], "HTTP/2 200");
    assert!(l.contains(&"content-type: text-plain"), "{out}");
    let abc: Vec<&str> = l.iter().filter_map(|l| l.strip_prefix("abc: ")).collect();
    assert_eq!(abc, ["has", "more", "than", "one", "value"]);
}

#[test]
fn request_headers_prints_path_and_abc() {
    let (server, port) = example_server("request_headers", &[]);
    curl_h2c(port, "/some/path", &["-H", "abc: xyz"]);
    curl_h2c(port, "/other", &[]);
    assert_eq!(lines(&stop(server)), ["/some/path", "xyz", "/other", "undefined"]);
}

#[test]
fn select_padding_pads_frames_to_the_maximum() {
    let (_server, port) = example_server("select_padding", &[]);
    let out = nghttp(port, "/", &[]);
    // The response DATA frame: 20 bytes of body padded up to the frame size nghttp allows.
    let data = out.split("recv DATA frame").nth(1).unwrap_or_else(|| panic!("no DATA: {out}"));
    let padlen: usize = data.split("padlen=").nth(1).and_then(|s| s.split(')').next()).and_then(|s| s.parse().ok()).unwrap_or_else(|| panic!("no padlen: {out}"));
    assert!(padlen > 0, "{out}");
    assert!(out.contains("<h1>Hello World</h1>"), "{out}");
    assert_eq!(curl(&["--http2-prior-knowledge", &format!("http://localhost:{port}/")]), "<h1>Hello World</h1>");
}

#[test]
fn graceful_shutdown_sends_goaway_with_opaque_data_and_still_answers() {
    let (_server, port) = example_server("graceful_shutdown", &[]);
    let out = nghttp(port, "/", &[]);
    assert!(out.contains("last_stream_id=2147483647, error_code=NO_ERROR(0x00), opaque_data(28)=[add some debugging data here]"), "{out}");
    assert!(out.contains("goodbye"), "{out}");
    // A new connection is served the same way.
    let out = curl_h2c(port, "/", &[]);
    assert!(out.starts_with("HTTP/2 200") && out.ends_with("goodbye"), "{out}");
    // A Node client stays for the whole sequence: the first GOAWAY (last stream 2^31-1), the
    // response, the second GOAWAY naming the last stream processed (1), then the destroy's.
    let script = r#"
        const http2 = require('http2');
        const c = http2.connect(process.argv[1]);
        c.on('goaway', (code, last, data) => console.log(`goaway ${code} ${last} ${data ? data.toString() : '-'}`));
        c.on('error', (e) => console.log(`session error ${e.code}`));
        c.on('close', () => console.log('session close'));
        const r = c.request({ ':path': '/' });
        r.setEncoding('utf8');
        r.on('data', (d) => console.log(`data ${d}`));
        r.on('close', () => console.log(`stream close ${r.rstCode}`));
    "#;
    let out = run_ok(std::process::Command::new("node").arg("-e").arg(script).arg(format!("http://127.0.0.1:{port}"))).stdout;
    // The stream's 'close' is deferred by Node, so it may come before or after the second
    // GOAWAY; so is its 'data' when the DATA frame reaches the client in one read with the
    // GOAWAY frames after it (a loaded machine), while 'goaway' is emitted at once. The
    // GOAWAY frames and the end are in order.
    let mut l = lines(&out);
    let close = l.iter().position(|x| *x == "stream close 0").unwrap_or_else(|| panic!("{out}"));
    assert!(close > 1, "{out}");
    l.remove(close);
    let data = l.iter().position(|x| *x == "data goodbye").unwrap_or_else(|| panic!("{out}"));
    assert!(data >= 1, "{out}");
    l.remove(data);
    assert_eq!(l, ["goaway 0 2147483647 add some debugging data here", "goaway 0 1 add some debugging data here", "goaway 0 1 -", "session close"], "{out}");
}

#[test]
fn additional_headers_reach_the_seeds_headers_client_before_the_response() {
    let (_server, port) = example_server("additional_headers", &[]);
    let out = client("client_headers", port, &[]);
    assert_eq!(lines(&out), [r#"{":status": "103", "link": "</style.css>; rel=preload; as=style"}"#, "response 200", "data: final response"]);
    let out = nghttp(port, "/", &[]);
    let info = out.find(":status: 103").unwrap_or_else(|| panic!("{out}"));
    let fin = out.find(":status: 200").unwrap_or_else(|| panic!("{out}"));
    assert!(info < fin, "{out}");
}

#[test]
fn settings_client_sees_its_settings_acknowledged() {
    let (_server, port) = example_server("hello_server", &[]);
    let out = client("settings", port, &[]);
    let l = lines(&out);
    assert_eq!(l[0], "pendingSettingsAck: true", "{out}");
    let remote: Vec<&&str> = l.iter().filter(|l| l.starts_with("remoteSettings: ")).collect();
    assert_eq!(remote.len(), 1, "{out}");
    let local: Vec<&&str> = l.iter().filter(|l| l.starts_with("localSettings: ")).collect();
    assert_eq!(local.len(), 2, "the initial SETTINGS and ours are acknowledged: {out}");
    assert!(local[1].contains("enable_push: Some(false)"), "{out}");
}

#[test]
fn session_set_timeout_fires_on_an_idle_client_session() {
    let (_server, port) = example_server("hello_server", &[]);
    let out = client("session_set_timeout", port, &[]);
    assert_eq!(lines(&out), ["timeout"]);
}

#[test]
fn stream_set_timeout_cancels_a_request_nobody_answers() {
    let (_server, port) = node_server(&["--silent"]);
    let out = client("stream_set_timeout", port, &[]);
    assert_eq!(lines(&out), ["stream closed, rstCode 8"]);
}

#[test]
fn packed_settings_prints_the_seeds_base64() {
    let out = run_ok(&mut example("packed_settings")).stdout;
    assert_eq!(out, "AAIAAAAA\n");
}

#[test]
fn respond_with_file_sends_whole_files_on_many_concurrent_streams() {
    // Ten 1 MB responses at once share the connection window: each must arrive whole (the
    // stream must not be reset when its writable side finishes while the file is still
    // being sent).
    let dir = temp_dir("file-many");
    let path = dir.join("big.bin");
    let n = 1_000_000;
    std::fs::write(&path, common::pattern(n)).unwrap();
    for name in ["respond_with_file", "respond_with_fd"] {
        let (_server, port) = example_server(name, &["--file", path.to_str().unwrap()]);
        let url = format!("http://127.0.0.1:{port}");
        let out = run_ok(common::node("client.js").args(["many", &url, "--streams", "10"])).stdout;
        let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
        assert_eq!(v["ok"], 10, "{name}: {v}");
        assert_eq!(v["lens"][n.to_string()], 10, "{name}: every body whole: {v}");
    }
}

#[test]
fn main_server_and_fetch_client_over_tls_and_h2c() {
    // The main job: files under a folder, the hello page at /, 304 and ranges; the fetch
    // tool prints the body on stdout.
    let dir = temp_dir("main-server");
    let body = common::pattern(300_000);
    std::fs::write(dir.join("data.bin"), &body).unwrap();
    let folder = dir.to_str().unwrap();

    // HTTPS with the self-signed certificate made at start-up.
    let (server, port) = example_server("server", &[folder]);
    let mut cmd = example("client");
    cmd.args(["--insecure", &format!("https://localhost:{port}/data.bin")]);
    assert!(run_ok(&mut cmd).stdout_bytes == body, "the fetched file differs");
    let out = curl(&["-k", "--http2", "-i", &format!("https://localhost:{port}/")]);
    assert!(out.starts_with("HTTP/2 200") && out.ends_with("<h1>Hello World</h1>"), "{out}");
    let out = curl(&["-k", "--http2", "-i", "-H", "range: bytes=10-19", &format!("https://localhost:{port}/data.bin")]);
    assert!(out.starts_with("HTTP/2 206"), "{out}");
    assert!(out.contains("content-range: bytes 10-19/300000"), "{out}");
    drop(server);

    // h2c with --plain; a copy that is current gets 304.
    let (_server, port) = example_server("server", &["--plain", folder]);
    let mut cmd = example("client");
    cmd.arg(format!("http://localhost:{port}/data.bin"));
    assert!(run_ok(&mut cmd).stdout_bytes == body, "the fetched file differs");
    let out = curl_h2c(port, "/data.bin", &["-o", "/dev/null", "-D", "-"]);
    let last_modified = out.lines().find_map(|l| l.strip_prefix("last-modified: ")).expect("last-modified").trim().to_string();
    let out = curl_h2c(port, "/data.bin", &["-H", &format!("if-modified-since: {last_modified}")]);
    assert!(out.starts_with("HTTP/2 304"), "{out}");
    let mut cmd = example("client");
    cmd.arg(format!("http://localhost:{port}/missing"));
    assert!(!common::run(&mut cmd).success(), "a 404 exits non-zero");
}
