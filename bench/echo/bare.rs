//! The ceiling for the echo benchmark: a bare mio echo loop with no streams, emitter or
//! event loop (one `recv` and one `send` per message, as our server and Node's do), so
//! bench/echo/run.sh can show how much of the server's cost is the kernel's.
//!
//! `cargo run --release --example echo_bare -- [port]` (default 9203), on 127.0.0.1.

use std::io::{self, Read, Write};

use mio::net::{TcpListener, TcpStream};
use mio::{Events, Interest, Poll, Token};

const LISTENER: Token = Token(usize::MAX);

fn main() -> io::Result<()> {
    let port: u16 = std::env::args().nth(1).and_then(|p| p.parse().ok()).unwrap_or(9203);
    let mut poll = Poll::new()?;
    let mut listener = TcpListener::bind(([127, 0, 0, 1], port).into())?;
    poll.registry().register(&mut listener, LISTENER, Interest::READABLE)?;
    let mut conns: Vec<Option<TcpStream>> = Vec::new();
    let mut events = Events::with_capacity(1024);
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        poll.poll(&mut events, None)?;
        for ev in events.iter() {
            if ev.token() == LISTENER {
                while let Ok((mut s, _)) = listener.accept() {
                    poll.registry().register(&mut s, Token(conns.len()), Interest::READABLE)?;
                    conns.push(Some(s));
                }
                continue;
            }
            let Some(slot) = conns.get_mut(ev.token().0) else { continue };
            let Some(s) = slot.as_mut() else { continue };
            loop {
                match s.read(&mut buf) {
                    Ok(0) | Err(_) => {
                        if let Some(mut s) = slot.take() {
                            let _ = poll.registry().deregister(&mut s);
                        }
                        break;
                    }
                    Ok(n) => {
                        // 64-byte replies always fit the send buffer in this benchmark.
                        if s.write_all(&buf[..n]).is_err() || n < buf.len() {
                            break;
                        }
                    }
                }
            }
        }
    }
}
