//! The client's server-certificate check with Node's `rejectUnauthorized`.
//!
//! Node completes the handshake, then checks the chain: with `rejectUnauthorized: false` the
//! connection goes on and `socket.authorized` is false with the reason in
//! `authorizationError`. rustls checks inside the handshake, so this verifier runs webpki's
//! check itself, records the outcome for the socket, and either fails the handshake (the
//! default) or lets it continue. Handshake signatures are always checked: a peer must still
//! prove it holds the key of the certificate it sent.

use std::sync::{Arc, Mutex};

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::WebPkiServerVerifier;
use rustls::crypto::{verify_tls12_signature, verify_tls13_signature, CryptoProvider, WebPkiSupportedAlgorithms};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, RootCertStore, SignatureScheme};

use super::cert::is_self_signed;
use crate::Error;

/// What the check found, read by the socket after the handshake (or its failure).
#[derive(Debug, Default)]
pub(crate) struct VerifyOutcome {
    failure: Mutex<Option<Error>>,
}

impl VerifyOutcome {
    /// `socket.authorizationError`: `None` once the chain checked out.
    pub(crate) fn failure(&self) -> Option<Error> {
        self.failure.lock().ok().and_then(|f| f.clone())
    }
    fn record(&self, error: Error) {
        if let Ok(mut f) = self.failure.lock() {
            *f = Some(error);
        }
    }
}

#[derive(Debug)]
pub(crate) struct NodeVerifier {
    /// `None` when there are no trusted roots at all: every chain then has an unknown issuer.
    webpki: Option<Arc<WebPkiServerVerifier>>,
    algorithms: WebPkiSupportedAlgorithms,
    reject_unauthorized: bool,
    outcome: Arc<VerifyOutcome>,
}

impl NodeVerifier {
    pub(crate) fn new(
        roots: Arc<RootCertStore>,
        provider: &Arc<CryptoProvider>,
        reject_unauthorized: bool,
        outcome: Arc<VerifyOutcome>,
    ) -> NodeVerifier {
        let webpki =
            if roots.is_empty() { None } else { WebPkiServerVerifier::builder_with_provider(roots, provider.clone()).build().ok() };
        NodeVerifier { webpki, algorithms: provider.signature_verification_algorithms, reject_unauthorized, outcome }
    }
}

impl ServerCertVerifier for NodeVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let checked = match &self.webpki {
            Some(v) => v.verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now),
            None => Err(rustls::Error::InvalidCertificate(CertificateError::UnknownIssuer)),
        };
        match checked {
            Ok(ok) => Ok(ok),
            Err(e) => {
                self.outcome.record(super::error::tls_error(&e, is_self_signed(end_entity)));
                if self.reject_unauthorized {
                    Err(e)
                } else {
                    Ok(ServerCertVerified::assertion())
                }
            }
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(message, cert, dss, &self.algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(message, cert, dss, &self.algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms.supported_schemes()
    }
}
