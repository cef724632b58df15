//! Addresses: Node's `{ address, family, port }` objects and host name resolution.
//!
//! IP literals are used as they are. Names go through `std::net::ToSocketAddrs`, which calls
//! the system resolver and *blocks the loop* while it runs: fine for `localhost` and names in
//! `/etc/hosts`, not for a server that connects to arbitrary remote names (Node runs
//! `dns.lookup` on its thread pool instead).

use std::net::{IpAddr, SocketAddr, ToSocketAddrs};

use crate::Error;

/// Node's address object (`server.address()`, `socket.address()`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AddressInfo {
    /// `"127.0.0.1"`, `"::1"`.
    pub address: String,
    /// `"IPv4"` or `"IPv6"`.
    pub family: &'static str,
    pub port: u16,
}

impl AddressInfo {
    pub(crate) fn from_socket_addr(addr: &SocketAddr) -> AddressInfo {
        AddressInfo { address: addr.ip().to_string(), family: family(addr), port: addr.port() }
    }
}

/// `"IPv4"` or `"IPv6"`, as Node 20 spells `family`.
pub(crate) fn family(addr: &SocketAddr) -> &'static str {
    match addr {
        SocketAddr::V4(_) => "IPv4",
        SocketAddr::V6(_) => "IPv6",
    }
}

/// An IP literal, with or without IPv6 brackets (`[::1]`).
pub(crate) fn parse_ip(host: &str) -> Option<IpAddr> {
    let bare = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')).unwrap_or(host);
    bare.parse().ok()
}

/// Resolves `host` to the addresses to try, in the resolver's order (Node 20's `verbatim`
/// order). An empty host means `localhost`, as in Node's `connect`. A name that does not
/// resolve is `ENOTFOUND`.
pub(crate) fn resolve(host: &str, port: u16) -> Result<Vec<SocketAddr>, Error> {
    let host = if host.is_empty() { "localhost" } else { host };
    if let Some(ip) = parse_ip(host) {
        return Ok(vec![SocketAddr::new(ip, port)]);
    }
    match (host, port).to_socket_addrs() {
        Ok(addrs) => {
            let addrs: Vec<SocketAddr> = addrs.collect();
            if addrs.is_empty() {
                Err(super::error::lookup_error(host))
            } else {
                Ok(addrs)
            }
        }
        Err(e) => {
            log::debug!("lookup of {host} failed: {e}");
            Err(super::error::lookup_error(host))
        }
    }
}
