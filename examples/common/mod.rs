//! What the seed's examples take for granted and a runnable port has to spell out: the port
//! to listen on or connect to, the TLS identity of a secure server, and the trust settings of
//! an `https://` client. Shared by the seed's examples (`#[path = "common/mod.rs"] mod common;`).
//!
//! - port: `--port N`, else the `PORT` environment variable, else the seed's port;
//! - TLS server: `--cert FILE --key FILE` (or `CERT`/`KEY`), else the seed's `server-cert.pem`
//!   and `server-key.pem` in the current folder, else a self-signed certificate for localhost;
//! - TLS client: `--ca FILE` (or `CA`) to trust a self-signed server, `--insecure` (or
//!   `INSECURE=1`) to accept any certificate;
//! - other values: `--NAME VALUE`, else the environment variable `NAME` in capitals.
#![allow(dead_code)]

use http2::tls::TlsServerOptions;
use http2::{ConnectOptions, Error};

/// The value of `--name VALUE` (or `--name=VALUE`) on the command line, else of the
/// environment variable `NAME`.
pub fn arg(name: &str) -> Option<String> {
    cli_arg(name).or_else(|| std::env::var(name.to_ascii_uppercase().replace('-', "_")).ok().filter(|v| !v.is_empty()))
}

fn cli_arg(name: &str) -> Option<String> {
    let flag = format!("--{name}");
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == flag {
            return args.next();
        }
        if let Some(v) = a.strip_prefix(&format!("{flag}=")) {
            return Some(v.to_string());
        }
    }
    None
}

/// Whether `--name` is on the command line (or the environment variable `NAME` is `1`).
pub fn flag(name: &str) -> bool {
    let flag = format!("--{name}");
    std::env::args().skip(1).any(|a| a == flag) || std::env::var(name.to_ascii_uppercase()).is_ok_and(|v| v == "1")
}

/// The port: `--port N` (or a lone number as the first argument), else `PORT`, else
/// `default` (the seed's).
pub fn port(default: u16) -> u16 {
    let positional = std::env::args().nth(1).filter(|a| a.parse::<u16>().is_ok());
    match cli_arg("port").or(positional).or_else(|| arg("port")) {
        Some(p) => p.parse().unwrap_or_else(|_| {
            eprintln!("bad port {p:?}");
            std::process::exit(2)
        }),
        None => default,
    }
}

/// The identity of a secure server (Node's `key` and `cert` options).
pub fn tls_identity() -> Result<TlsServerOptions, Error> {
    let (cert, key) = match (arg("cert"), arg("key")) {
        (Some(c), Some(k)) => (c, k),
        _ => ("server-cert.pem".to_string(), "server-key.pem".to_string()),
    };
    if std::path::Path::new(&cert).exists() && std::path::Path::new(&key).exists() {
        return TlsServerOptions::from_pem_files(&cert, &key);
    }
    eprintln!("no {cert} / {key}: using a self-signed certificate for localhost");
    let made = rcgen::generate_simple_self_signed(vec!["localhost".to_string(), "127.0.0.1".to_string()])
        .map_err(|e| Error::new("ERR_CERT", format!("cannot make a certificate: {e}")))?;
    TlsServerOptions::from_pem(made.cert.pem().as_bytes(), made.key_pair.serialize_pem().as_bytes())
}

/// `connect` options for an `https://` client: `--ca FILE` trusts that certificate,
/// `--insecure` accepts any.
pub fn client_options() -> ConnectOptions {
    let ca = arg("ca").map(|f| {
        std::fs::read(&f).unwrap_or_else(|e| {
            eprintln!("{f}: {e}");
            std::process::exit(2)
        })
    });
    ConnectOptions { ca, reject_unauthorized: flag("insecure").then_some(false), ..Default::default() }
}

/// Node's `buffer.toString('base64')`.
pub fn to_base64(input: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for group in input.chunks(3) {
        let b = [group[0], *group.get(1).unwrap_or(&0), *group.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            out.push(if i <= group.len() { ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char } else { '=' });
        }
    }
    out
}

/// JavaScript's `date.toUTCString()` (an HTTP date).
pub fn to_utc_string(t: std::time::SystemTime) -> String {
    http2::date::http_date(t)
}
