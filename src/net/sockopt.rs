//! Socket options mio does not expose: TCP keep-alive (Node's `setKeepAlive`), via `libc`.

use std::io;
use std::os::fd::AsRawFd;

use mio::net::TcpStream;

fn set_int(stream: &TcpStream, level: libc::c_int, name: libc::c_int, value: libc::c_int) -> io::Result<()> {
    let len = std::mem::size_of::<libc::c_int>() as libc::socklen_t;
    // SAFETY: the descriptor is open for as long as `stream` is borrowed, and the option value
    // is a live `c_int` whose size is passed with it.
    let rc = unsafe { libc::setsockopt(stream.as_raw_fd(), level, name, (&value as *const libc::c_int).cast(), len) };
    if rc == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// `SO_KEEPALIVE`, and the idle time before the first probe (libuv's `uv_tcp_keepalive`,
/// whole seconds, at least 1) when `initial_delay_ms` is not 0.
pub(crate) fn set_keepalive(stream: &TcpStream, enable: bool, initial_delay_ms: u64) -> io::Result<()> {
    set_int(stream, libc::SOL_SOCKET, libc::SO_KEEPALIVE, libc::c_int::from(enable))?;
    #[cfg(any(target_os = "linux", target_os = "android"))]
    if enable && initial_delay_ms > 0 {
        let secs = libc::c_int::try_from((initial_delay_ms / 1000).max(1)).unwrap_or(libc::c_int::MAX);
        set_int(stream, libc::IPPROTO_TCP, libc::TCP_KEEPIDLE, secs)?;
    }
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    let _ = initial_delay_ms;
    Ok(())
}
