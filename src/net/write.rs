//! Writing to a socket: the bytes of a write the kernel has not taken yet ([`Pending`]) and
//! the two ways to send them, straight (`writev` for batches) or through a TLS session. Both
//! stop at a full send buffer; the caller waits for the next writable edge (see `conn`).

use std::io::{self, IoSlice, Write};

use bytes::{Buf, Bytes};
use mio::net::TcpStream;

use crate::tls::session::TlsSession;

/// Chunks handed to one `writev(2)`.
const MAX_IOVECS: usize = 64;

/// A write the kernel (or the TLS layer) has not taken all of yet.
pub(crate) enum Pending {
    One(Bytes),
    Many { bufs: Vec<Bytes>, next: usize },
}

impl Pending {
    pub(crate) fn many(bufs: Vec<Bytes>) -> Pending {
        let mut p = Pending::Many { bufs, next: 0 };
        p.advance(0);
        p
    }

    pub(crate) fn is_empty(&self) -> bool {
        match self {
            Pending::One(b) => b.is_empty(),
            Pending::Many { bufs, next } => *next >= bufs.len(),
        }
    }

    /// The next contiguous bytes to send.
    fn front(&self) -> &[u8] {
        match self {
            Pending::One(b) => b,
            Pending::Many { bufs, next } => bufs.get(*next).map_or(&[][..], |b| &b[..]),
        }
    }

    /// Drops the first `n` bytes (what a write took), and any empty chunks after them.
    fn advance(&mut self, mut n: usize) {
        match self {
            Pending::One(b) => b.advance(n.min(b.len())),
            Pending::Many { bufs, next } => {
                while let Some(b) = bufs.get_mut(*next) {
                    if n >= b.len() {
                        n -= b.len();
                        // Release the chunk now rather than when the whole write is done.
                        *b = Bytes::new();
                        *next += 1;
                    } else {
                        b.advance(n);
                        break;
                    }
                }
            }
        }
    }
}

/// Writes `pending` to the socket; `Ok(true)` once all of it went out.
pub(crate) fn write_plain(stream: &mut TcpStream, pending: &mut Pending, progress: &mut bool) -> io::Result<bool> {
    loop {
        if pending.is_empty() {
            return Ok(true);
        }
        let (result, asked) = match pending {
            Pending::One(b) => (stream.write(b), b.len()),
            Pending::Many { bufs, next } => {
                let mut slices = [IoSlice::new(&[]); MAX_IOVECS];
                let mut count = 0;
                let mut asked = 0;
                for (slot, b) in slices.iter_mut().zip(bufs.get(*next..).unwrap_or(&[])) {
                    *slot = IoSlice::new(b);
                    asked += b.len();
                    count += 1;
                }
                (stream.write_vectored(slices.get(..count).unwrap_or(&[])), asked)
            }
        };
        match result {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(n) => {
                pending.advance(n);
                *progress = true;
                if n < asked {
                    // A short write: the send buffer is full (see `conn`'s module doc).
                    return Ok(pending.is_empty());
                }
            }
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Ok(false),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

/// Sends TLS records, encrypting `pending` as rustls's bounded buffer allows; `Ok(true)` once
/// all of it is encrypted and every record has left.
pub(crate) fn write_tls(
    stream: &mut TcpStream,
    tls: &mut TlsSession,
    mut pending: Option<&mut Pending>,
    progress: &mut bool,
) -> io::Result<bool> {
    loop {
        while tls.wants_write() {
            match tls.write_tls(stream) {
                Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
                Ok(_) => *progress = true,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Ok(false),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        let Some(p) = pending.as_deref_mut() else { return Ok(true) };
        if p.is_empty() {
            return Ok(true);
        }
        let n = tls.write_plaintext(p.front())?;
        if n == 0 && !tls.wants_write() {
            return Err(io::Error::other("the TLS layer took no data"));
        }
        p.advance(n);
    }
}
