//! Node's `tls` module (NET-3) on rustls 0.23 with the ring provider.
//!
//! TLS is a layer inside the same socket machinery as `net`, not a stack of its own: a TLS
//! socket is a [`Socket`] whose transport runs through a rustls session ([`TlsSocket`] is the
//! same type; `socket.encrypted()` tells them apart), so the HTTP/2 layer treats both alike.
//! A TLS server is a [`Server`] with server configurations.
//!
//! Events: client sockets emit `'connect'` (TCP), then `'secureConnect'` and `'secure'`;
//! server sockets `'secure'`, and the server `'connection'` (at accept), `'secureConnection'`
//! (after the handshake) and `'tlsClientError'(error, socket)` when a handshake fails.
//! Differences from Node/OpenSSL, on purpose:
//! - a client offering ALPN protocols none of which the server has still completes the
//!   handshake, with no protocol (`alpn_protocol()` is `None`), so the HTTP/2 layer can emit
//!   `'unknownProtocol'` (see `session::ServerConfigs::choose`);
//! - rustls checks the server certificate inside the handshake, so a rejected certificate
//!   fails before `'secure'`; error codes are mapped as listed in `error.rs`;
//! - without `ca`, the client trusts the system bundle if one is found at a usual path
//!   (Node uses its bundled Mozilla roots).

mod cert;
mod error;
pub(crate) mod session;
mod verify;

use std::cell::OnceCell;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use emitter::Listener;
use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName};
use rustls::{ClientConfig, RootCertStore, ServerConfig};

pub use cert::PeerCertificate;

use crate::net::{Server, Socket, TLS_SOCKET_EVENTS};
use crate::rt::EventLoop;
use crate::{Emitter, Error};
use session::{ServerConfigs, TlsSession};
use verify::{NodeVerifier, VerifyOutcome};

/// A TLS socket is a [`Socket`] with a TLS session inside.
pub type TlsSocket = Socket;
/// A TLS server is a [`Server`] with TLS configurations.
pub type TlsServer = Server;

fn provider() -> Arc<CryptoProvider> {
    static PROVIDER: OnceLock<Arc<CryptoProvider>> = OnceLock::new();
    PROVIDER.get_or_init(|| Arc::new(rustls::crypto::ring::default_provider())).clone()
}

fn config_error(e: impl std::fmt::Display) -> Error {
    Error::new("ERR_TLS_INVALID_CONFIG", e.to_string())
}

/// Options of `tls.createServer`: the certificate chain and key, and ALPN protocols.
pub struct TlsServerOptions {
    cert_chain: Vec<CertificateDer<'static>>,
    key: PrivateKeyDer<'static>,
    /// Protocols in order of preference, e.g. `vec![b"h2".to_vec()]` (Node's `ALPNProtocols`).
    pub alpn_protocols: Vec<Vec<u8>>,
}

impl Clone for TlsServerOptions {
    fn clone(&self) -> Self {
        TlsServerOptions { cert_chain: self.cert_chain.clone(), key: self.key.clone_key(), alpn_protocols: self.alpn_protocols.clone() }
    }
}

impl std::fmt::Debug for TlsServerOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TlsServerOptions")
            .field("certificates", &self.cert_chain.len())
            .field("alpn_protocols", &self.alpn_protocols)
            .finish()
    }
}

impl TlsServerOptions {
    /// From DER: the chain (leaf first) and its private key.
    pub fn from_der(cert_chain: Vec<CertificateDer<'static>>, key: PrivateKeyDer<'static>) -> TlsServerOptions {
        TlsServerOptions { cert_chain, key, alpn_protocols: Vec::new() }
    }

    /// From PEM bytes (Node's `cert` and `key` options): every certificate in `cert`, and the
    /// first private key in `key` (PKCS#8, PKCS#1 or SEC1).
    pub fn from_pem(cert: &[u8], key: &[u8]) -> Result<TlsServerOptions, Error> {
        let cert_chain = parse_certificates(cert)?;
        let key =
            PrivateKeyDer::from_pem_slice(key).map_err(|e| Error::new("ERR_OSSL_PEM_NO_START_LINE", format!("no private key: {e}")))?;
        Ok(TlsServerOptions::from_der(cert_chain, key))
    }

    /// From PEM files.
    pub fn from_pem_files(cert: impl AsRef<Path>, key: impl AsRef<Path>) -> Result<TlsServerOptions, Error> {
        let read =
            |p: &Path| std::fs::read(p).map_err(|e| crate::net::error::sys_error(&e, "open").with_address(p.display().to_string(), None));
        TlsServerOptions::from_pem(&read(cert.as_ref())?, &read(key.as_ref())?)
    }

    /// Sets the ALPN protocols (`["h2", "http/1.1"]`).
    pub fn with_alpn(mut self, protocols: &[&str]) -> TlsServerOptions {
        self.alpn_protocols = protocols.iter().map(|p| p.as_bytes().to_vec()).collect();
        self
    }

    fn configs(&self) -> Result<ServerConfigs, Error> {
        let build = |alpn: Vec<Vec<u8>>| -> Result<Arc<ServerConfig>, Error> {
            let mut config = ServerConfig::builder_with_provider(provider())
                .with_safe_default_protocol_versions()
                .map_err(config_error)?
                .with_no_client_auth()
                .with_single_cert(self.cert_chain.clone(), self.key.clone_key())
                .map_err(|e| match e {
                    rustls::Error::InconsistentKeys(_) => Error::new("ERR_OSSL_X509_KEY_VALUES_MISMATCH", "key values mismatch"),
                    e => config_error(e),
                })?;
            config.alpn_protocols = alpn;
            Ok(Arc::new(config))
        };
        Ok(ServerConfigs { with_alpn: build(self.alpn_protocols.clone())?, without_alpn: build(Vec::new())? })
    }
}

fn parse_certificates(pem: &[u8]) -> Result<Vec<CertificateDer<'static>>, Error> {
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(pem)
        .collect::<Result<_, _>>()
        .map_err(|e| Error::new("ERR_OSSL_PEM_NO_START_LINE", format!("bad certificate PEM: {e}")))?;
    if certs.is_empty() {
        return Err(Error::new("ERR_OSSL_PEM_NO_START_LINE", "no certificate found in PEM"));
    }
    Ok(certs)
}

/// `tls.createServer(options[, secureConnectionListener])` on the current loop. Fails (as
/// Node throws) when the certificate or key cannot be used.
pub fn create_server(options: TlsServerOptions, on_secure_connection: Option<Listener>) -> Result<Server, Error> {
    create_server_on(&EventLoop::current(), options, on_secure_connection)
}

/// `tls.createServer` on a given loop.
pub fn create_server_on(lp: &EventLoop, options: TlsServerOptions, on_secure_connection: Option<Listener>) -> Result<Server, Error> {
    let server = Server::build(lp, Some(Arc::new(options.configs()?)));
    if let Some(cb) = on_secure_connection {
        server.on("secureConnection", cb)?;
    }
    Ok(server)
}

/// Options of `tls.connect`.
#[derive(Clone, Debug)]
pub struct TlsConnectOptions {
    pub host: String,
    pub port: u16,
    /// The SNI name and the name the certificate must carry; defaults to `host` (an IP
    /// address is then checked against the certificate's IP names, and no SNI is sent).
    pub servername: Option<String>,
    /// Trusted roots as PEM (Node's `ca`); `None` uses the system bundle if one is found.
    pub ca: Option<Vec<u8>>,
    /// Node's `rejectUnauthorized` (default true): false completes the handshake with any
    /// certificate and reports the check in `authorized()`/`authorization_error()`.
    pub reject_unauthorized: bool,
    /// Node's `ALPNProtocols`.
    pub alpn_protocols: Vec<Vec<u8>>,
}

impl Default for TlsConnectOptions {
    fn default() -> Self {
        TlsConnectOptions {
            host: "localhost".to_string(),
            port: 443,
            servername: None,
            ca: None,
            reject_unauthorized: true,
            alpn_protocols: Vec::new(),
        }
    }
}

/// Paths where Linux distributions keep the system's trusted roots as one PEM bundle.
const SYSTEM_BUNDLES: &[&str] = &["/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/cert.pem"];

fn system_roots() -> Arc<RootCertStore> {
    thread_local! {
        static ROOTS: OnceCell<Arc<RootCertStore>> = const { OnceCell::new() };
    }
    ROOTS.with(|cell| {
        cell.get_or_init(|| {
            let mut store = RootCertStore::empty();
            if let Some(pem) = SYSTEM_BUNDLES.iter().find_map(|p| std::fs::read(p).ok()) {
                let certs = CertificateDer::pem_slice_iter(&pem).filter_map(Result::ok);
                let (added, ignored) = store.add_parsable_certificates(certs);
                log::debug!("system roots: {added} added, {ignored} ignored");
            }
            Arc::new(store)
        })
        .clone()
    })
}

/// `tls.connect(options[, secureConnectListener])` on the current loop. Fails (as Node
/// throws) on an unusable `ca` or server name; connection and handshake failures arrive as
/// `'error'` then `'close'(true)`.
pub fn connect(options: TlsConnectOptions, on_secure_connect: Option<Listener>) -> Result<Socket, Error> {
    connect_on(&EventLoop::current(), options, on_secure_connect)
}

/// `tls.connect` on a given loop.
pub fn connect_on(lp: &EventLoop, options: TlsConnectOptions, on_secure_connect: Option<Listener>) -> Result<Socket, Error> {
    let roots = match &options.ca {
        Some(pem) => {
            let mut store = RootCertStore::empty();
            for cert in parse_certificates(pem)? {
                store.add(cert).map_err(config_error)?;
            }
            Arc::new(store)
        }
        None => system_roots(),
    };
    let outcome = Arc::new(VerifyOutcome::default());
    let provider = provider();
    let verifier = NodeVerifier::new(roots, &provider, options.reject_unauthorized, outcome.clone());
    let mut config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(config_error)?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    config.alpn_protocols = options.alpn_protocols.clone();
    let name = options.servername.clone().unwrap_or_else(|| options.host.clone());
    let bare = name.strip_prefix('[').and_then(|n| n.strip_suffix(']')).unwrap_or(&name).to_string();
    let server_name = ServerName::try_from(bare)
        .map_err(|_| Error::type_error("ERR_INVALID_ARG_VALUE", format!("The argument 'servername' is invalid. Received '{name}'")))?;
    let conn = rustls::ClientConnection::new(Arc::new(config), server_name).map_err(config_error)?;
    let session = TlsSession::client(conn, outcome, options.servername.clone());
    let socket = Socket::build(lp, Some(Box::new(session)), &TLS_SOCKET_EVENTS);
    if let Some(cb) = on_secure_connect {
        socket.once("secureConnect", cb)?;
    }
    socket.connect(options.port, &options.host);
    Ok(socket)
}
