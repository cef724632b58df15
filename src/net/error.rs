//! Turns `io::Error`s from sockets into Node's system errors: the code (`ECONNREFUSED`), the
//! negative errno libuv reports (`-111`), the syscall and, where Node gives them, the address
//! and libuv's description, worded as Node 20 words them:
//! - `connect ECONNREFUSED 127.0.0.1:1` (`exceptionWithHostPort`),
//! - `listen EADDRINUSE: address already in use 127.0.0.1:8000` (`uvExceptionWithHostPort`),
//! - `read ECONNRESET`, `write EPIPE` (`errnoException`),
//! - `getaddrinfo ENOTFOUND nowhere.invalid` (`dnsException`).

use std::io;
use std::net::SocketAddr;

use crate::Error;

/// libuv's `UV_EAI_NONAME`: Node's errno for `ENOTFOUND`.
const UV_EAI_NONAME: i32 = -3008;

/// The Node code and libuv description of an OS errno.
fn errno_name(errno: i32) -> Option<(&'static str, &'static str)> {
    Some(match errno {
        libc::ECONNREFUSED => ("ECONNREFUSED", "connection refused"),
        libc::ECONNRESET => ("ECONNRESET", "connection reset by peer"),
        libc::EPIPE => ("EPIPE", "broken pipe"),
        libc::EADDRINUSE => ("EADDRINUSE", "address already in use"),
        libc::EADDRNOTAVAIL => ("EADDRNOTAVAIL", "address not available"),
        libc::EACCES => ("EACCES", "permission denied"),
        libc::EPERM => ("EPERM", "operation not permitted"),
        libc::ETIMEDOUT => ("ETIMEDOUT", "connection timed out"),
        libc::ECONNABORTED => ("ECONNABORTED", "software caused connection abort"),
        libc::ENETUNREACH => ("ENETUNREACH", "network is unreachable"),
        libc::ENETDOWN => ("ENETDOWN", "network is down"),
        libc::EHOSTUNREACH => ("EHOSTUNREACH", "host is unreachable"),
        libc::EHOSTDOWN => ("EHOSTDOWN", "host is down"),
        libc::ENOTCONN => ("ENOTCONN", "socket is not connected"),
        libc::EISCONN => ("EISCONN", "socket is already connected"),
        libc::EAFNOSUPPORT => ("EAFNOSUPPORT", "address family not supported"),
        libc::EINVAL => ("EINVAL", "invalid argument"),
        libc::EMFILE => ("EMFILE", "too many open files"),
        libc::ENFILE => ("ENFILE", "file table overflow"),
        libc::ENOBUFS => ("ENOBUFS", "no buffer space available"),
        libc::ENOMEM => ("ENOMEM", "not enough memory"),
        libc::EAGAIN => ("EAGAIN", "resource temporarily unavailable"),
        libc::EALREADY => ("EALREADY", "connection already in progress"),
        libc::EBADF => ("EBADF", "bad file descriptor"),
        // For certificate and key files (`TlsServerOptions::from_pem_files`).
        libc::ENOENT => ("ENOENT", "no such file or directory"),
        libc::EISDIR => ("EISDIR", "illegal operation on a directory"),
        _ => return None,
    })
}

/// Code, errno and description of an error, from its OS errno or, for errors that have none
/// (a TLS layer's, a zero-length write), from its kind.
fn classify(e: &io::Error) -> (&'static str, i32, &'static str) {
    if let Some(errno) = e.raw_os_error() {
        return match errno_name(errno) {
            Some((code, desc)) => (code, -errno, desc),
            None => ("UNKNOWN", -errno, "unknown error"),
        };
    }
    let errno = |n: i32| -n;
    match e.kind() {
        io::ErrorKind::ConnectionRefused => ("ECONNREFUSED", errno(libc::ECONNREFUSED), "connection refused"),
        io::ErrorKind::ConnectionReset => ("ECONNRESET", errno(libc::ECONNRESET), "connection reset by peer"),
        io::ErrorKind::ConnectionAborted => ("ECONNABORTED", errno(libc::ECONNABORTED), "software caused connection abort"),
        io::ErrorKind::BrokenPipe | io::ErrorKind::WriteZero => ("EPIPE", errno(libc::EPIPE), "broken pipe"),
        io::ErrorKind::UnexpectedEof => ("ECONNRESET", errno(libc::ECONNRESET), "connection reset by peer"),
        io::ErrorKind::TimedOut => ("ETIMEDOUT", errno(libc::ETIMEDOUT), "connection timed out"),
        io::ErrorKind::AddrInUse => ("EADDRINUSE", errno(libc::EADDRINUSE), "address already in use"),
        io::ErrorKind::AddrNotAvailable => ("EADDRNOTAVAIL", errno(libc::EADDRNOTAVAIL), "address not available"),
        io::ErrorKind::PermissionDenied => ("EACCES", errno(libc::EACCES), "permission denied"),
        io::ErrorKind::InvalidInput => ("EINVAL", errno(libc::EINVAL), "invalid argument"),
        _ => ("UNKNOWN", -4094, "unknown error"),
    }
}

/// `read ECONNRESET`, `write EPIPE`, `shutdown ENOTCONN`, `accept EMFILE`: Node's
/// `errnoException(err, syscall)`.
pub(crate) fn sys_error(e: &io::Error, syscall: &'static str) -> Error {
    let (code, errno, _) = classify(e);
    Error::system(code, errno, syscall)
}

/// `ENOENT: no such file or directory, open '/some/file'`: Node's `uvException` for a file
/// system call on a path.
pub(crate) fn fs_error(e: &io::Error, syscall: &'static str, path: &std::path::Path) -> Error {
    let (code, errno, desc) = classify(e);
    let message = format!("{code}: {desc}, {syscall} '{}'", path.display());
    Error::system(code, errno, syscall).with_message(message)
}

/// `connect ECONNREFUSED 127.0.0.1:1`: Node's `exceptionWithHostPort(err, 'connect', ...)`.
pub(crate) fn connect_error(e: &io::Error, addr: &SocketAddr) -> Error {
    let (code, errno, _) = classify(e);
    with_host_port(Error::system(code, errno, "connect"), &addr.ip().to_string(), addr.port())
}

/// `listen EADDRINUSE: address already in use 127.0.0.1:8000`: Node's
/// `uvExceptionWithHostPort(err, 'listen', address, port)`.
pub(crate) fn listen_error(e: &io::Error, address: &str, port: u16) -> Error {
    let (code, errno, desc) = classify(e);
    with_host_port(Error::system(code, errno, "listen").with_description(desc), address, port)
}

/// `getaddrinfo ENOTFOUND host`: Node's `dnsException` for a name that does not resolve.
pub(crate) fn lookup_error(host: &str) -> Error {
    Error::system("ENOTFOUND", UV_EAI_NONAME, "getaddrinfo").with_address(host.to_string(), None)
}

/// Node writes ` address:port` after the message when the port is positive, else ` address`.
fn with_host_port(error: Error, address: &str, port: u16) -> Error {
    error.with_address(address.to_string(), (port > 0).then_some(port))
}

/// Whether an error is one the connect loop should try the next resolved address after.
pub(crate) fn is_errno(e: &io::Error, errno: i32) -> bool {
    e.raw_os_error() == Some(errno)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn net_1_errors_are_worded_like_node() {
        let refused = io::Error::from_raw_os_error(libc::ECONNREFUSED);
        let e = connect_error(&refused, &"127.0.0.1:1".parse().unwrap());
        assert_eq!(
            (e.code(), e.message(), e.errno(), e.syscall()),
            ("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:1", Some(-libc::ECONNREFUSED), Some("connect"))
        );
        let in_use = listen_error(&io::Error::from_raw_os_error(libc::EADDRINUSE), "127.0.0.1", 8000);
        assert_eq!(in_use.message(), "listen EADDRINUSE: address already in use 127.0.0.1:8000");
        let reset = sys_error(&io::Error::from_raw_os_error(libc::ECONNRESET), "read");
        assert_eq!((reset.code(), reset.message()), ("ECONNRESET", "read ECONNRESET"));
        let odd = sys_error(&io::Error::from_raw_os_error(libc::ENOTDIR), "read");
        assert_eq!(odd.code(), "UNKNOWN");
        assert_eq!(lookup_error("nowhere.invalid").message(), "getaddrinfo ENOTFOUND nowhere.invalid");
    }
}
