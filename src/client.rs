//! `connect(authority, options, listener)` (FN-3) and `ClientHttp2Session::request` (SES-14).

use crate::http2_stream::{headers_to_fields, new_client_stream, ClientHttp2Stream};
use crate::net;
use crate::options::{RequestOptions, SessionOptions};
use crate::proto::Role;
use crate::rt::EventLoop;
use crate::session::{ClientHttp2Session, Http2Session};
use crate::tls::TlsConnectOptions;
use crate::validate::SendKind;
use crate::{Error, Headers};

/// `connect` options (FN-3): the session options, and for `https://` the TLS trust settings.
#[derive(Clone, Debug, Default)]
pub struct ConnectOptions {
    pub session: SessionOptions,
    /// Root certificates (PEM) to trust, e.g. a test server's self-signed certificate.
    pub ca: Option<Vec<u8>>,
    /// `rejectUnauthorized` (default true): false accepts any certificate.
    pub reject_unauthorized: Option<bool>,
    /// The TLS server name (SNI); defaults to the URL's host.
    pub servername: Option<String>,
}

/// An `http://` or `https://` authority, parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Authority {
    pub scheme: String,
    pub host: String,
    pub port: u16,
}

impl Authority {
    /// Parses `scheme://host[:port][/...]` (IPv6 hosts in brackets). Only http and https.
    pub fn parse(url: &str) -> Result<Authority, Error> {
        let invalid = || Error::type_error("ERR_INVALID_URL", format!("Invalid URL: {url}"));
        let (scheme, rest) = url.split_once("://").ok_or_else(invalid)?;
        let scheme = scheme.to_ascii_lowercase();
        let default_port = match scheme.as_str() {
            "http" => 80,
            "https" => 443,
            _ => return Err(Error::type_error("ERR_HTTP2_UNSUPPORTED_PROTOCOL", format!("protocol \"{scheme}:\" is unsupported."))),
        };
        let hostport = rest.split(['/', '?', '#']).next().unwrap_or("");
        let hostport = hostport.rsplit_once('@').map_or(hostport, |(_, h)| h);
        let (host, port) = if let Some(stripped) = hostport.strip_prefix('[') {
            let (h, after) = stripped.split_once(']').ok_or_else(invalid)?;
            let port = match after.strip_prefix(':') {
                Some(p) => p.parse::<u16>().map_err(|_| invalid())?,
                None if after.is_empty() => default_port,
                None => return Err(invalid()),
            };
            (h.to_string(), port)
        } else {
            match hostport.rsplit_once(':') {
                Some((h, p)) => (h.to_string(), p.parse::<u16>().map_err(|_| invalid())?),
                None => (hostport.to_string(), default_port),
            }
        };
        if host.is_empty() {
            return Err(invalid());
        }
        Ok(Authority { scheme, host, port })
    }

    /// The `:authority` a request carries.
    pub fn header_value(&self) -> String {
        if self.host.contains(':') {
            format!("[{}]:{}", self.host, self.port)
        } else {
            format!("{}:{}", self.host, self.port)
        }
    }
}

/// FN-3: a client session to `authority` (`http://host:port` for h2c with prior knowledge,
/// `https://host:port` for h2 over TLS), on the current loop. `listener`, if given, is a
/// `'connect'` listener.
pub fn connect(authority: &str, options: ConnectOptions) -> Result<ClientHttp2Session, Error> {
    connect_on(&EventLoop::current(), authority, options)
}

/// `connect` on a given loop.
pub fn connect_on(lp: &EventLoop, authority: &str, options: ConnectOptions) -> Result<ClientHttp2Session, Error> {
    options.session.validate()?;
    let auth = Authority::parse(authority)?;
    let socket = if auth.scheme == "https" {
        let tls = TlsConnectOptions {
            host: auth.host.clone(),
            port: auth.port,
            servername: options.servername.clone().or_else(|| (net::is_ip(&auth.host) == 0).then(|| auth.host.clone())),
            ca: options.ca.clone(),
            reject_unauthorized: options.reject_unauthorized.unwrap_or(true),
            alpn_protocols: vec![b"h2".to_vec()],
        };
        crate::tls::connect_on(lp, tls, None)?
    } else {
        let s = net::Socket::with_loop(lp);
        s.connect(auth.port, &auth.host);
        s
    };
    let session = Http2Session::new(lp, Role::Client, socket, options.session);
    *session.inner.origin.borrow_mut() = Some((auth.scheme.clone(), auth.header_value()));
    // Node: an error on a session nobody listens to is uncaught; until the user adds a
    // listener, connection errors (ECONNREFUSED, …) surface through it.
    Ok(ClientHttp2Session(session))
}

/// SES-14: `clientSession.request(headers, options)`. `:method` defaults to GET, `:scheme`
/// and `:authority` to the session's, `:path` to `/` (none of them for CONNECT, which needs
/// `:authority` and must not carry `:path` or `:scheme` — CONN-1). `endStream` defaults to
/// true for GET, HEAD and DELETE, whose requests carry no body (Node).
pub(crate) fn request(session: &ClientHttp2Session, headers: Headers, options: RequestOptions) -> Result<ClientHttp2Stream, Error> {
    if session.destroyed() {
        return Err(Error::new("ERR_HTTP2_INVALID_SESSION", "The session has been destroyed"));
    }
    if session.closed() {
        return Err(Error::new("ERR_HTTP2_GOAWAY_SESSION", "New streams cannot be created after receiving a GOAWAY"));
    }
    let mut h = headers;
    let method = h.get(":method").unwrap_or("GET").to_ascii_uppercase();
    h.set(":method", method.as_str());
    if method == "CONNECT" {
        crate::validate::check_connect_request(h.contains(":authority"), h.contains(":scheme"), h.contains(":path"))?;
    } else {
        let origin = session.inner.origin.borrow().clone();
        if let Some((scheme, authority)) = origin {
            if !h.contains(":authority") {
                h.set(":authority", authority);
            }
            if !h.contains(":scheme") {
                h.set(":scheme", scheme);
            }
        }
        if !h.contains(":path") {
            h.set(":path", "/");
        }
    }
    let mut options = options;
    if options.end_stream.is_none() {
        options.end_stream = Some(matches!(method.as_str(), "GET" | "HEAD" | "DELETE"));
    }
    let fields = headers_to_fields(&h, SendKind::Request)?;
    new_client_stream(session, fields, options)
}
