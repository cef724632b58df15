//! The machinery behind the conformance tests: where scenarios live, how a golden is read (and
//! what "written by hand" means), the line diff shown on a mismatch, and running `node NAME.js`.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// First line of a golden that was written from the docs instead of printed by Node 20.
pub const HAND_WRITTEN: &str = "# written by hand:";

/// How long one `node NAME.js` may run before it counts as hung.
const NODE_TIME_LIMIT: Duration = Duration::from_secs(30);

/// The folder holding the scenarios (`NAME.js`, `NAME.trace`).
pub fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("conformance")
}

/// Scenario names that have a file with this extension in the folder, sorted. Files whose
/// name starts with `_` are shared helpers (`_h2.js`), not scenarios.
pub fn names_with(ext: &str) -> Vec<String> {
    let mut names = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir()) else { return names };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) == Some(ext) {
            if let Some(stem) = path.file_stem().and_then(|s| s.to_str()).filter(|s| !s.starts_with('_')) {
                names.push(stem.to_string());
            }
        }
    }
    names.sort();
    names
}

/// A golden trace as stored.
pub struct Golden {
    /// `Some(reason)` when its first line is `# written by hand: <reason>`.
    pub hand_written: Option<String>,
    /// The expected lines (without the hand-written marker).
    pub lines: Vec<String>,
    /// The file exactly as stored, to compare with Node's stdout byte for byte.
    pub raw: String,
}

pub fn read_golden(name: &str) -> Result<Golden, String> {
    let path = dir().join(format!("{name}.trace"));
    let raw = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Ok(parse_golden(raw))
}

pub fn parse_golden(raw: String) -> Golden {
    let mut lines: Vec<String> = raw.lines().map(str::to_string).collect();
    let hand_written = match lines.first() {
        Some(first) if first.starts_with(HAND_WRITTEN) => {
            let reason = first[HAND_WRITTEN.len()..].trim().to_string();
            lines.remove(0);
            Some(reason)
        }
        _ => None,
    };
    Golden { hand_written, lines, raw }
}

/// `Ok` if `actual` equals `expected`, else a readable line diff: `  ` common, `- ` expected only
/// (the golden), `+ ` actual only.
pub fn compare(expected: &[String], actual: &[String]) -> Result<(), String> {
    if expected == actual {
        return Ok(());
    }
    let mut out = String::from("--- golden (expected)\n+++ actual\n");
    for (tag, line) in diff(expected, actual) {
        out.push_str(tag);
        out.push_str(line);
        out.push('\n');
    }
    Err(out)
}

/// A longest-common-subsequence diff; traces are short, so the quadratic table is fine.
fn diff<'a>(a: &'a [String], b: &'a [String]) -> Vec<(&'static str, &'a str)> {
    let (n, m) = (a.len(), b.len());
    // lcs[i][j] = length of the LCS of a[i..] and b[j..].
    let mut lcs = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            out.push(("  ", a[i].as_str()));
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
            out.push(("- ", a[i].as_str()));
            i += 1;
        } else {
            out.push(("+ ", b[j].as_str()));
            j += 1;
        }
    }
    out
}

/// What running a scenario under Node gave.
pub enum NodeRun {
    /// Its stdout.
    Output(String),
    /// `node` is not installed.
    Missing,
    /// It failed: exit status, stderr, or a hang.
    Failed(String),
}

/// Runs `node NAME.js` in the scenario folder, as regen.sh does.
pub fn run_node(name: &str) -> NodeRun {
    let spawned = Command::new("node")
        .arg(format!("{name}.js"))
        .current_dir(dir())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match spawned {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return NodeRun::Missing,
        Err(e) => return NodeRun::Failed(format!("cannot start node: {e}")),
    };
    // Read the pipes on threads so a chatty script cannot block on a full pipe.
    let mut stdout = child.stdout.take();
    let mut stderr = child.stderr.take();
    let out = std::thread::spawn(move || {
        let mut s = String::new();
        if let Some(p) = stdout.as_mut() {
            let _ = p.read_to_string(&mut s);
        }
        s
    });
    let err = std::thread::spawn(move || {
        let mut s = String::new();
        if let Some(p) = stderr.as_mut() {
            let _ = p.read_to_string(&mut s);
        }
        s
    });
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() > NODE_TIME_LIMIT => {
                let _ = child.kill();
                let _ = child.wait();
                return NodeRun::Failed(format!("node {name}.js did not finish within {NODE_TIME_LIMIT:?}"));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => return NodeRun::Failed(format!("waiting for node {name}.js: {e}")),
        }
    };
    let stdout = out.join().unwrap_or_default();
    let stderr = err.join().unwrap_or_default();
    if !status.success() {
        return NodeRun::Failed(format!("node {name}.js exited with {status}\nstderr:\n{stderr}"));
    }
    NodeRun::Output(stdout)
}

/// `node --version`, for messages.
pub fn node_version() -> String {
    Command::new("node")
        .arg("--version")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_else(|| "unknown".to_string())
}

/// The API IDs named on a scenario's first comment line (`// EM-1, RT-2: ...`).
pub fn api_ids(first_line: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let bytes = first_line.as_bytes();
    for prefix in
        ["EM-", "RT-", "NET-", "SES-", "STR-", "CST-", "SST-", "SRV-", "FN-", "OBJ-", "PUSH-", "CONN-", "COMPAT-", "REQ-", "RES-", "ALPN-"]
    {
        let mut from = 0;
        while let Some(pos) = first_line[from..].find(prefix) {
            let start = from + pos;
            let digits_at = start + prefix.len();
            let digits = bytes[digits_at..].iter().take_while(|b| b.is_ascii_digit()).count();
            // A whole word: not the tail of a longer name (`XEM-1`).
            let standalone = start == 0 || !bytes[start - 1].is_ascii_alphanumeric();
            if digits > 0 && standalone {
                ids.push(first_line[start..digits_at + digits].to_string());
            }
            from = digits_at;
        }
    }
    ids
}
