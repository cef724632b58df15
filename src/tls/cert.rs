//! The peer certificate as `socket.get_peer_certificate()` returns it: the DER, and the
//! subject's and issuer's common names read with a minimal DER walk (RFC 5280 §4.1), enough
//! to show who the peer is and to tell a self-signed leaf. The walk reads peer-controlled bytes:
//! every step is checked and a malformed certificate gives `None`, never a panic.

/// Node's `getPeerCertificate()`, reduced to what we can give without an X.509 library.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PeerCertificate {
    /// The certificate as DER bytes (Node's `raw`).
    pub der: Vec<u8>,
    /// The subject's common name (Node's `subject.CN`), if present.
    pub subject_cn: Option<String>,
    /// The issuer's common name (Node's `issuer.CN`), if present.
    pub issuer_cn: Option<String>,
}

impl PeerCertificate {
    pub(crate) fn from_der(der: &[u8]) -> PeerCertificate {
        let names = issuer_and_subject(der);
        PeerCertificate {
            der: der.to_vec(),
            subject_cn: names.and_then(|(_, subject)| common_name(subject)),
            issuer_cn: names.and_then(|(issuer, _)| common_name(issuer)),
        }
    }
}

/// Whether the certificate names itself as its issuer (a self-signed leaf).
pub(crate) fn is_self_signed(der: &[u8]) -> bool {
    issuer_and_subject(der).is_some_and(|(issuer, subject)| issuer == subject)
}

const SEQUENCE: u8 = 0x30;
const SET: u8 = 0x31;
const OID: u8 = 0x06;
const VERSION_TAG: u8 = 0xA0;
/// id-at-commonName, 2.5.4.3 (RFC 5280 Appendix A).
const CN_OID: &[u8] = &[0x55, 0x04, 0x03];

/// One DER TLV at the start of `input`: (tag, contents, rest). Definite lengths only (DER).
fn tlv(input: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, rest) = input.split_first()?;
    let (&first, rest) = rest.split_first()?;
    let (len, rest) = if first < 0x80 {
        (usize::from(first), rest)
    } else {
        let n = usize::from(first & 0x7f);
        if n == 0 || n > 4 {
            return None;
        }
        let bytes = rest.get(..n)?;
        let len = bytes.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
        (usize::try_from(len).ok()?, rest.get(n..)?)
    };
    Some((tag, rest.get(..len)?, rest.get(len..)?))
}

fn expect(input: &[u8], tag: u8) -> Option<(&[u8], &[u8])> {
    let (t, contents, rest) = tlv(input)?;
    (t == tag).then_some((contents, rest))
}

/// RFC 5280 §4.1: Certificate ::= SEQUENCE { tbsCertificate, ... }; TBSCertificate ::=
/// SEQUENCE { [0] version OPTIONAL, serialNumber, signature, issuer, validity, subject, ... }.
fn issuer_and_subject(der: &[u8]) -> Option<(&[u8], &[u8])> {
    let (cert, _) = expect(der, SEQUENCE)?;
    let (tbs, _) = expect(cert, SEQUENCE)?;
    let mut rest = tbs;
    if let Some((VERSION_TAG, _, after)) = tlv(rest) {
        rest = after;
    }
    let (_, _, rest) = tlv(rest)?; // serialNumber
    let (_, _, rest) = tlv(rest)?; // signature AlgorithmIdentifier
    let (issuer, rest) = expect(rest, SEQUENCE)?;
    let (_, _, rest) = tlv(rest)?; // validity
    let (subject, _) = expect(rest, SEQUENCE)?;
    Some((issuer, subject))
}

/// Name ::= SEQUENCE OF RelativeDistinguishedName (SET OF AttributeTypeAndValue).
fn common_name(name: &[u8]) -> Option<String> {
    let mut rdns = name;
    while !rdns.is_empty() {
        let (set, rest) = expect(rdns, SET)?;
        rdns = rest;
        let mut atvs = set;
        while !atvs.is_empty() {
            let (atv, rest) = expect(atvs, SEQUENCE)?;
            atvs = rest;
            let (oid, value) = expect(atv, OID)?;
            if oid == CN_OID {
                let (_, text, _) = tlv(value)?;
                return Some(String::from_utf8_lossy(text).into_owned());
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn net_3_malformed_der_gives_none_not_a_panic() {
        for input in [&[][..], &[0x30], &[0x30, 0x85, 1, 2, 3, 4, 5], &[0x30, 0x02, 0x30, 0x10], &[0x30, 0x81]] {
            assert_eq!(issuer_and_subject(input), None);
            assert!(!is_self_signed(input));
            assert_eq!(PeerCertificate::from_der(input).subject_cn, None);
        }
    }

    #[test]
    fn net_3_common_name_is_found_in_a_name() {
        // SEQUENCE { SET { SEQUENCE { OID 2.5.4.3, UTF8String "hi" } } }
        let name = [0x31, 0x0b, 0x30, 0x09, 0x06, 0x03, 0x55, 0x04, 0x03, 0x0c, 0x02, b'h', b'i'];
        assert_eq!(common_name(&name).as_deref(), Some("hi"));
    }
}
