//! Load client for the echo benchmark (bench/echo/run.sh): opens `--conns` connections
//! (default 100) and keeps each one ping-ponging a 64-byte message (send, wait for the 64
//! bytes back, send again) for `--secs` seconds (default 10) after a 1 s warm-up, then
//! prints the round trips per second (and the total, warm-up included). One thread, mio, so
//! it can be pinned to one core.
//!
//! `cargo run --release --example echo_load -- --port 9201 [--conns 100] [--secs 10]`

use std::io::{self, Read, Write};
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use mio::net::TcpStream;
use mio::{Events, Interest, Poll, Token};

const MSG: usize = 64;

struct Conn {
    stream: TcpStream,
    /// Bytes of the current reply received so far.
    got: usize,
}

fn arg(name: &str, default: u64) -> u64 {
    let args: Vec<String> = std::env::args().collect();
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn main() -> io::Result<()> {
    let port = arg("--port", 9201) as u16;
    let conns = arg("--conns", 100) as usize;
    let secs = arg("--secs", 10);
    let addr: SocketAddr = ([127, 0, 0, 1], port).into();
    let message = [b'x'; MSG];
    let mut poll = Poll::new()?;
    let mut all = Vec::with_capacity(conns);
    for i in 0..conns {
        let std_stream = std::net::TcpStream::connect(addr)?;
        std_stream.set_nodelay(true)?;
        std_stream.set_nonblocking(true)?;
        let mut stream = TcpStream::from_std(std_stream);
        poll.registry().register(&mut stream, Token(i), Interest::READABLE)?;
        stream.write_all(&message)?;
        all.push(Conn { stream, got: 0 });
    }
    let mut events = Events::with_capacity(1024);
    let mut buf = [0u8; 4096];
    let start = Instant::now();
    let warm = start + Duration::from_secs(1);
    let end = warm + Duration::from_secs(secs);
    let mut counted: u64 = 0;
    let mut total: u64 = 0;
    let mut measuring = false;
    loop {
        let now = Instant::now();
        if now >= end {
            break;
        }
        if !measuring && now >= warm {
            measuring = true;
            counted = 0;
        }
        poll.poll(&mut events, Some(end - now))?;
        for ev in events.iter() {
            let Some(c) = all.get_mut(ev.token().0) else { continue };
            loop {
                match c.stream.read(&mut buf) {
                    Ok(0) => return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "server closed a connection")),
                    Ok(n) => {
                        if buf[..n].iter().any(|&b| b != b'x') {
                            return Err(io::Error::new(io::ErrorKind::InvalidData, "echo changed the bytes"));
                        }
                        c.got += n;
                        while c.got >= MSG {
                            c.got -= MSG;
                            counted += 1;
                            total += 1;
                            c.stream.write_all(&message)?;
                        }
                        if n < buf.len() {
                            // Drained (Linux, edge-triggered): skip the read that would say so.
                            break;
                        }
                    }
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(e),
                }
            }
        }
    }
    let rate = counted as f64 / secs as f64;
    // `total` includes the warm-up: run.sh divides the server's CPU time by it.
    println!("connections {conns}, message {MSG} B, {secs} s: {counted} round trips, rate {rate:.0} msg/s, total {total}");
    Ok(())
}
