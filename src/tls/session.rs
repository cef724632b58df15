//! One TLS session inside a socket (NET-3): the rustls connection, fed with the ciphertext the
//! socket reads and drained into the ciphertext it writes. The socket's I/O code (`net::conn`)
//! calls this between its reads and writes; nothing here touches the descriptor or the loop.
//!
//! A server session starts as a rustls `Acceptor`, which reads the ClientHello before a
//! configuration is chosen: that is where the ALPN policy lives (see [`ServerConfigs::choose`]).

use std::io::{self, BufRead, Write};
use std::sync::Arc;

use bytes::BytesMut;
use rustls::server::{AcceptedAlert, Acceptor, ClientHello};
use rustls::{Connection, ServerConfig};

use super::cert::{is_self_signed, PeerCertificate};
use super::verify::VerifyOutcome;
use crate::Error;

/// A TLS server's two configurations, identical but for ALPN.
pub(crate) struct ServerConfigs {
    pub(crate) with_alpn: Arc<ServerConfig>,
    pub(crate) without_alpn: Arc<ServerConfig>,
}

impl ServerConfigs {
    /// RFC 7301 §3.2: a server that supports none of the client's protocols "MUST respond with
    /// a fatal no_application_protocol alert", and rustls does. Node's HTTP/2 server instead
    /// completes the handshake and lets the layer above decide (`'unknownProtocol'`, or
    /// HTTP/1.1 with `allowHTTP1`). So when the client offers ALPN and none of its protocols
    /// is ours, the handshake continues with a configuration that has no ALPN protocols:
    /// rustls then ignores the client's list and selects nothing (`alpn_protocol()` is `None`).
    fn choose(&self, hello: &ClientHello<'_>) -> Arc<ServerConfig> {
        let ours = &self.with_alpn.alpn_protocols;
        let common = hello.alpn().is_some_and(|mut theirs| theirs.any(|p| ours.iter().any(|o| o.as_slice() == p)));
        if common || hello.alpn().is_none() {
            self.with_alpn.clone()
        } else {
            self.without_alpn.clone()
        }
    }
}

enum State {
    Accepting { acceptor: Box<Acceptor>, configs: Arc<ServerConfigs> },
    Active(Box<Connection>),
    Failed,
}

/// What one batch of received ciphertext produced.
#[derive(Default)]
pub(crate) struct Received {
    /// The handshake finished during this batch.
    pub(crate) secured: bool,
    /// The peer closed the TLS session (close_notify, or a TCP close after the handshake).
    pub(crate) closed: bool,
}

pub(crate) struct TlsSession {
    state: State,
    /// An alert from a failed accept, sent before the socket closes.
    alert: Option<AcceptedAlert>,
    secured: bool,
    is_server: bool,
    /// The client's certificate check (`authorized`, `authorization_error`).
    verify: Option<Arc<VerifyOutcome>>,
    servername: Option<String>,
}

impl TlsSession {
    pub(crate) fn client(conn: rustls::ClientConnection, verify: Arc<VerifyOutcome>, servername: Option<String>) -> TlsSession {
        TlsSession {
            state: State::Active(Box::new(Connection::Client(conn))),
            alert: None,
            secured: false,
            is_server: false,
            verify: Some(verify),
            servername,
        }
    }

    pub(crate) fn server(configs: Arc<ServerConfigs>) -> TlsSession {
        TlsSession {
            state: State::Accepting { acceptor: Box::default(), configs },
            alert: None,
            secured: false,
            is_server: true,
            verify: None,
            servername: None,
        }
    }

    pub(crate) fn is_server(&self) -> bool {
        self.is_server
    }

    /// Until `'secure'`: application data waits.
    pub(crate) fn handshaking(&self) -> bool {
        !self.secured
    }

    fn connection(&self) -> Option<&Connection> {
        match &self.state {
            State::Active(c) => Some(c),
            _ => None,
        }
    }

    /// Feeds ciphertext the socket read; appends the plaintext it decrypts to `out`.
    pub(crate) fn receive(&mut self, mut input: &[u8], out: &mut BytesMut) -> Result<Received, Error> {
        let mut received = Received::default();
        while !input.is_empty() {
            if let State::Accepting { acceptor, configs } = &mut self.state {
                if acceptor.read_tls(&mut input).map_err(|e| io_failure(&e))? == 0 {
                    break;
                }
                let accepted = match acceptor.accept() {
                    Ok(None) => continue,
                    Ok(Some(accepted)) => {
                        let config = configs.choose(&accepted.client_hello());
                        accepted.into_connection(config)
                    }
                    Err(failure) => Err(failure),
                };
                match accepted {
                    Ok(conn) => self.state = State::Active(Box::new(Connection::Server(conn))),
                    Err((e, alert)) => {
                        self.alert = Some(alert);
                        self.state = State::Failed;
                        return Err(self.failure(&e));
                    }
                }
            }
            let State::Active(conn) = &mut self.state else {
                return Err(super::error::server_hang_up());
            };
            if input.is_empty() {
                // Reading an empty slice would tell rustls the peer closed.
                break;
            }
            match conn.read_tls(&mut input) {
                // Only after close_notify: rustls reads nothing more.
                Ok(0) => break,
                Ok(_) => {}
                Err(e) => return Err(io_failure(&e)),
            }
            self.process(out, &mut received)?;
        }
        if let State::Active(_) = self.state {
            // Whatever was buffered when the Acceptor handed over still needs processing.
            self.process(out, &mut received)?;
        }
        Ok(received)
    }

    /// The TCP connection reached EOF.
    pub(crate) fn receive_eof(&mut self, out: &mut BytesMut) -> Result<Received, Error> {
        if self.handshaking() {
            return Err(if self.is_server { super::error::server_hang_up() } else { super::error::client_disconnected() });
        }
        let mut received = Received::default();
        if let State::Active(conn) = &mut self.state {
            // Tells rustls about the EOF so its reader reports the end.
            let _ = conn.read_tls(&mut &[][..]);
        }
        self.process(out, &mut received)?;
        // A TCP close without close_notify after the handshake is an end, as in Node.
        received.closed = true;
        Ok(received)
    }

    fn process(&mut self, out: &mut BytesMut, received: &mut Received) -> Result<(), Error> {
        let State::Active(conn) = &mut self.state else { return Ok(()) };
        if let Err(e) = conn.process_new_packets() {
            // rustls queued an alert for the peer; the caller flushes it before closing.
            return Err(self.failure(&e));
        }
        if !self.secured && !conn.is_handshaking() {
            self.secured = true;
            received.secured = true;
        }
        let mut reader = conn.reader();
        loop {
            match reader.fill_buf() {
                Ok([]) => {
                    received.closed = true;
                    break;
                }
                Ok(chunk) => {
                    out.extend_from_slice(chunk);
                    let n = chunk.len();
                    reader.consume(n);
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => {
                    received.closed = true;
                    break;
                }
                Err(e) => return Err(crate::net::error::sys_error(&e, "read")),
            }
        }
        Ok(())
    }

    /// The Node error for a rustls failure; for a client whose certificate check failed, the
    /// reason the check recorded (it knows whether the leaf was self-signed).
    fn failure(&self, e: &rustls::Error) -> Error {
        if let (rustls::Error::InvalidCertificate(_), Some(v)) = (e, &self.verify) {
            if let Some(recorded) = v.failure() {
                return recorded;
            }
        }
        let self_signed = self.peer_certificate_der().is_some_and(is_self_signed);
        super::error::tls_error(e, self_signed)
    }

    /// Whether there is ciphertext (or an alert) to send.
    pub(crate) fn wants_write(&self) -> bool {
        self.alert.is_some() || self.connection().is_some_and(|c| c.wants_write())
    }

    /// Writes queued ciphertext to `w`.
    pub(crate) fn write_tls(&mut self, w: &mut dyn Write) -> io::Result<usize> {
        if let Some(alert) = &mut self.alert {
            let n = alert.write(w)?;
            if n > 0 {
                return Ok(n);
            }
            self.alert = None;
        }
        match &mut self.state {
            State::Active(c) => c.write_tls(w),
            _ => Ok(0),
        }
    }

    /// Encrypts application data; returns how much rustls took (its buffer is bounded).
    pub(crate) fn write_plaintext(&mut self, data: &[u8]) -> io::Result<usize> {
        match &mut self.state {
            State::Active(c) => c.writer().write(data),
            _ => Err(io::ErrorKind::NotConnected.into()),
        }
    }

    /// `end()` on a TLS socket: close_notify goes out before the TCP FIN.
    pub(crate) fn send_close_notify(&mut self) {
        if let State::Active(c) = &mut self.state {
            c.send_close_notify();
        }
    }

    pub(crate) fn alpn_protocol(&self) -> Option<String> {
        self.connection().and_then(|c| c.alpn_protocol()).map(|p| String::from_utf8_lossy(p).into_owned())
    }

    fn peer_certificate_der(&self) -> Option<&[u8]> {
        self.connection().and_then(|c| c.peer_certificates()).and_then(|certs| certs.first()).map(|c| c.as_ref())
    }

    pub(crate) fn peer_certificate(&self) -> Option<PeerCertificate> {
        self.peer_certificate_der().map(PeerCertificate::from_der)
    }

    /// `socket.authorized`: a client whose server certificate checked out. A server does not
    /// ask for client certificates, so it is never authorized (as in Node without `requestCert`).
    pub(crate) fn authorized(&self) -> bool {
        self.secured && self.verify.as_ref().is_some_and(|v| v.failure().is_none())
    }

    pub(crate) fn authorization_error(&self) -> Option<Error> {
        self.verify.as_ref().and_then(|v| v.failure())
    }

    /// The SNI name: what the client sent it as, or what the server received.
    pub(crate) fn servername(&self) -> Option<String> {
        match &self.state {
            State::Active(c) => match &**c {
                Connection::Server(s) => s.server_name().map(str::to_string),
                Connection::Client(_) => self.servername.clone(),
            },
            _ => self.servername.clone(),
        }
    }
}

/// An I/O error from rustls's buffering of received ciphertext.
fn io_failure(e: &io::Error) -> Error {
    // rustls reports a record too large for its buffers as InvalidData.
    if e.kind() == io::ErrorKind::InvalidData {
        return Error::new("ERR_SSL_PROTOCOL_ERROR", e.to_string());
    }
    crate::net::error::sys_error(e, "read")
}
