//! rustls errors as Node's TLS errors (NET-3). Node's codes come from OpenSSL; rustls fails
//! in other places and words things its own way, so this is a mapping, not an identity:
//!
//! | rustls                               | Node code                                   |
//! |--------------------------------------|---------------------------------------------|
//! | `InvalidCertificate(UnknownIssuer)`  | `DEPTH_ZERO_SELF_SIGNED_CERT` if the leaf is self-signed, else `UNABLE_TO_VERIFY_LEAF_SIGNATURE` |
//! | `InvalidCertificate(Expired…)`       | `CERT_HAS_EXPIRED`                          |
//! | `InvalidCertificate(NotValidYet…)`   | `CERT_NOT_YET_VALID`                        |
//! | `InvalidCertificate(NotValidForName…)` | `ERR_TLS_CERT_ALTNAME_INVALID`            |
//! | `InvalidCertificate(Revoked)`        | `CERT_REVOKED`                              |
//! | `InvalidCertificate(BadSignature)`   | `CERT_SIGNATURE_FAILURE`                    |
//! | other `InvalidCertificate`           | `CERT_REJECTED`                             |
//! | `AlertReceived(x)`                   | OpenSSL's `ERR_SSL_SSLV3_ALERT_…`/`ERR_SSL_TLSV1_ALERT_…` for `x` |
//! | `NoApplicationProtocol`              | `ERR_SSL_NO_APPLICATION_PROTOCOL`           |
//! | `InvalidMessage` (not TLS at all)    | `ERR_SSL_WRONG_VERSION_NUMBER`              |
//! | `PeerIncompatible`                   | `ERR_SSL_NO_SHARED_CIPHER`                  |
//! | `DecryptError`                       | `ERR_SSL_DECRYPTION_FAILED_OR_BAD_RECORD_MAC` |
//! | anything else                        | `ERR_SSL_PROTOCOL_ERROR`                    |
//!
//! A TCP close during the handshake is `ECONNRESET`, worded as Node words it on each side.

use rustls::{AlertDescription, CertificateError};

use crate::Error;

/// The client's TCP connection closed before the handshake finished (Node's wording).
pub(crate) fn client_disconnected() -> Error {
    Error::new("ECONNRESET", "Client network socket disconnected before secure TLS connection was established")
}

/// The server saw the client go away during the handshake (Node's `tlsClientError`).
pub(crate) fn server_hang_up() -> Error {
    Error::new("ECONNRESET", "socket hang up")
}

/// A certificate verification failure as Node names it (`socket.authorizationError`).
pub(crate) fn certificate_error(e: &CertificateError, self_signed: bool) -> Error {
    let (code, message) = match e {
        CertificateError::UnknownIssuer if self_signed => ("DEPTH_ZERO_SELF_SIGNED_CERT", "self-signed certificate"),
        CertificateError::UnknownIssuer => ("UNABLE_TO_VERIFY_LEAF_SIGNATURE", "unable to verify the first certificate"),
        CertificateError::Expired | CertificateError::ExpiredContext { .. } => ("CERT_HAS_EXPIRED", "certificate has expired"),
        CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
            ("CERT_NOT_YET_VALID", "certificate is not yet valid")
        }
        CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => {
            ("ERR_TLS_CERT_ALTNAME_INVALID", "Hostname/IP does not match certificate's altnames")
        }
        CertificateError::Revoked => ("CERT_REVOKED", "certificate revoked"),
        CertificateError::BadSignature => ("CERT_SIGNATURE_FAILURE", "certificate signature failure"),
        _ => ("CERT_REJECTED", "certificate rejected"),
    };
    Error::new(code, message)
}

/// Any rustls error; `self_signed` says whether the peer's leaf certificate signed itself.
pub(crate) fn tls_error(e: &rustls::Error, self_signed: bool) -> Error {
    match e {
        rustls::Error::InvalidCertificate(ce) => certificate_error(ce, self_signed),
        rustls::Error::AlertReceived(alert) => alert_error(*alert),
        rustls::Error::NoApplicationProtocol => Error::new("ERR_SSL_NO_APPLICATION_PROTOCOL", "no application protocol"),
        rustls::Error::InvalidMessage(_) => Error::new("ERR_SSL_WRONG_VERSION_NUMBER", format!("wrong version number ({e})")),
        rustls::Error::PeerIncompatible(_) => Error::new("ERR_SSL_NO_SHARED_CIPHER", e.to_string()),
        rustls::Error::DecryptError => Error::new("ERR_SSL_DECRYPTION_FAILED_OR_BAD_RECORD_MAC", e.to_string()),
        _ => Error::new("ERR_SSL_PROTOCOL_ERROR", e.to_string()),
    }
}

/// OpenSSL's reason string for an alert the peer sent (`SSL_R_*_ALERT_*`).
fn alert_reason(alert: AlertDescription) -> &'static str {
    match u8::from(alert) {
        0x00 => "sslv3 alert close notify",
        0x0a => "sslv3 alert unexpected message",
        0x14 => "sslv3 alert bad record mac",
        0x15 => "tlsv1 alert decryption failed",
        0x16 => "tlsv1 alert record overflow",
        0x1e => "sslv3 alert decompression failure",
        0x28 => "sslv3 alert handshake failure",
        0x29 => "sslv3 alert no certificate",
        0x2a => "sslv3 alert bad certificate",
        0x2b => "sslv3 alert unsupported certificate",
        0x2c => "sslv3 alert certificate revoked",
        0x2d => "sslv3 alert certificate expired",
        0x2e => "sslv3 alert certificate unknown",
        0x2f => "sslv3 alert illegal parameter",
        0x30 => "tlsv1 alert unknown ca",
        0x31 => "tlsv1 alert access denied",
        0x32 => "tlsv1 alert decode error",
        0x33 => "tlsv1 alert decrypt error",
        0x3c => "tlsv1 alert export restriction",
        0x46 => "tlsv1 alert protocol version",
        0x47 => "tlsv1 alert insufficient security",
        0x50 => "tlsv1 alert internal error",
        0x56 => "tlsv1 alert inappropriate fallback",
        0x5a => "tlsv1 alert user cancelled",
        0x64 => "tlsv1 alert no renegotiation",
        0x6d => "tlsv13 alert missing extension",
        0x6e => "tlsv1 unsupported extension",
        0x6f => "tlsv1 certificate unobtainable",
        0x70 => "tlsv1 unrecognized name",
        0x71 => "tlsv1 bad certificate status response",
        0x72 => "tlsv1 bad certificate hash value",
        0x73 => "tlsv1 alert unknown psk identity",
        0x74 => "tlsv13 alert certificate required",
        0x78 => "tlsv1 alert no application protocol",
        _ => "unknown alert type",
    }
}

/// `ERR_SSL_TLSV1_ALERT_UNKNOWN_CA` with message `tlsv1 alert unknown ca`.
fn alert_error(alert: AlertDescription) -> Error {
    let reason = alert_reason(alert);
    let code = format!("ERR_SSL_{}", reason.to_ascii_uppercase().replace(' ', "_"));
    Error::new(code, reason)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn net_3_alerts_get_openssl_codes() {
        let e = tls_error(&rustls::Error::AlertReceived(AlertDescription::UnknownCA), false);
        assert_eq!((e.code(), e.message()), ("ERR_SSL_TLSV1_ALERT_UNKNOWN_CA", "tlsv1 alert unknown ca"));
        let e = tls_error(&rustls::Error::AlertReceived(AlertDescription::HandshakeFailure), false);
        assert_eq!(e.code(), "ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE");
    }

    #[test]
    fn net_3_unknown_issuer_is_named_by_whether_the_leaf_signed_itself() {
        let unknown = rustls::Error::InvalidCertificate(CertificateError::UnknownIssuer);
        assert_eq!(tls_error(&unknown, true).code(), "DEPTH_ZERO_SELF_SIGNED_CERT");
        assert_eq!(tls_error(&unknown, false).code(), "UNABLE_TO_VERIFY_LEAF_SIGNATURE");
    }
}
