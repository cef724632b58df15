//! `respondWithFD` and `respondWithFile` (SST-6, SST-7): a response whose body is read from a
//! file. The stream's writable side is closed (Node: "the Duplex interface will be closed
//! automatically"); the body is read in chunks and handed to the core as flow control lets
//! it go, so a slow peer never makes us read the whole file into memory. A read error resets
//! the stream with INTERNAL_ERROR.

use std::fs::File;
use std::io::Read;
use std::os::fd::AsFd;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};

use bytes::{Bytes, BytesMut};

use crate::http2_stream::{Http2Stream, ServerHttp2Stream};
use crate::options::{RespondOptions, RespondWithFileOptions};
use crate::stream::Stream;
use crate::{Error, Headers};

/// How much file data one stream keeps queued in the core.
const QUEUE_TARGET: usize = 64 * 1024;
const CHUNK: usize = 16 * 1024;

/// The body being sent from a file.
pub(crate) struct FileBody {
    file: File,
    /// Next byte to read.
    offset: u64,
    /// Bytes still to read.
    remaining: u64,
    /// Bytes queued in the core and not yet sent.
    pub(crate) in_flight: usize,
    get_trailers: Option<crate::options::GetTrailers>,
}

impl FileBody {
    pub(crate) fn in_flight(&self) -> usize {
        self.in_flight
    }
}

fn send_file_error(is_dir: bool) -> Error {
    if is_dir {
        Error::new("ERR_HTTP2_SEND_FILE", "Directories cannot be sent")
    } else {
        Error::new("ERR_HTTP2_SEND_FILE_NOSEEK", "Offset or length can only be specified for regular files")
    }
}

impl ServerHttp2Stream {
    /// SST-7: `stream.respondWithFile(path, headers, options)`. The path must name a regular
    /// file, else `'error'` (`ERR_HTTP2_SEND_FILE` for a directory) is emitted on the stream;
    /// `content-length` is set; `statCheck` may add headers or return false to cancel (for
    /// example after responding 304 itself); `offset`/`length` send a range.
    pub fn respond_with_file(&self, path: impl AsRef<Path>, headers: Headers, options: RespondWithFileOptions) -> Result<(), Error> {
        self.check_file_response(&headers)?;
        let path: PathBuf = path.as_ref().to_path_buf();
        let me = self.clone();
        // Node opens the file asynchronously: the outcome arrives in a later loop phase.
        self.duplex().event_loop().set_immediate(move || match File::open(&path) {
            Ok(file) => me.send_file(file, headers, options, true),
            Err(e) => me.0.destroy_with(Some(crate::net::error::fs_error(&e, "open", &path))),
        });
        Ok(())
    }

    /// SST-6: `stream.respondWithFD(fd, headers, options)`: the body is read from an open
    /// file descriptor (not closed by us). No validation of the descriptor beyond `fstat`;
    /// as in Node, `content-length` is set only when a `statCheck` is given.
    pub fn respond_with_fd(&self, fd: impl AsFd, headers: Headers, options: RespondWithFileOptions) -> Result<(), Error> {
        self.check_file_response(&headers)?;
        let owned = fd.as_fd().try_clone_to_owned().map_err(|e| crate::net::error::sys_error(&e, "dup"))?;
        let file = File::from(owned);
        let me = self.clone();
        // Node fstats a descriptor (and sets content-length) only for a statCheck.
        let with_length = options.stat_check.is_some();
        self.duplex().event_loop().set_immediate(move || me.send_file(file, headers, options, with_length));
        Ok(())
    }

    fn check_file_response(&self, headers: &Headers) -> Result<(), Error> {
        if self.destroyed() || self.closed() {
            return Err(Error::new("ERR_HTTP2_INVALID_STREAM", "The stream has been destroyed"));
        }
        if self.headers_sent() {
            return Err(Error::new("ERR_HTTP2_HEADERS_SENT", "Response has already been initiated."));
        }
        // Node: no payload for 204, 205, 304, nor for a HEAD request (whose response
        // HEADERS end the stream).
        let status = headers.get(":status").and_then(|s| s.parse::<u16>().ok());
        if matches!(status, Some(204 | 205 | 304)) || self.0.head_request() {
            let status = status.unwrap_or(200);
            return Err(Error::new("ERR_HTTP2_PAYLOAD_FORBIDDEN", format!("Responses with {status} status must not have a payload")));
        }
        Ok(())
    }

    fn send_file(&self, file: File, mut headers: Headers, options: RespondWithFileOptions, with_length: bool) {
        if self.destroyed() || self.closed() {
            return;
        }
        let stat = match file.metadata() {
            Ok(m) => m,
            Err(e) => {
                self.0.destroy_with(Some(crate::net::error::sys_error(&e, "fstat")));
                return;
            }
        };
        let ranged = options.offset.is_some() || options.length.is_some();
        if !stat.is_file() && (stat.is_dir() || ranged) {
            self.0.destroy_with(Some(send_file_error(stat.is_dir())));
            return;
        }
        if let Some(check) = &options.stat_check {
            // User code; returning false cancels (it may have responded itself, e.g. 304).
            if !check(&stat, &mut headers) {
                return;
            }
        }
        if self.headers_sent() || self.destroyed() {
            return;
        }
        let offset = options.offset.unwrap_or(0);
        let length = if stat.is_file() {
            let available = stat.len().saturating_sub(offset);
            let len = options.length.map_or(available, |l| l.min(available));
            if with_length {
                headers.set("content-length", len);
            }
            len
        } else {
            u64::MAX
        };
        let respond = RespondOptions { end_stream: length == 0 && options.get_trailers.is_none(), get_trailers: None };
        if let Err(e) = self.0.respond_inner(&headers, &respond, false) {
            self.0.destroy_with(Some(e));
            return;
        }
        if respond.end_stream {
            return;
        }
        self.0.start_file_body(FileBody { file, offset, remaining: length, in_flight: 0, get_trailers: options.get_trailers });
    }
}

impl Http2Stream {
    /// Reads more of the file into the core while less than `QUEUE_TARGET` is queued.
    pub(crate) fn pump_file(&self, body: &mut FileBody) -> Result<bool, Error> {
        let (Some(session), Some(id)) = (self.session(), self.id()) else { return Ok(true) };
        let id = crate::frame::StreamId::new(id);
        while body.in_flight < QUEUE_TARGET && body.remaining > 0 {
            let want = (CHUNK as u64).min(body.remaining) as usize;
            let mut buf = BytesMut::zeroed(want);
            let n = if body.remaining == u64::MAX {
                // Not a regular file (a pipe): read sequentially until EOF.
                body.file.read(&mut buf)
            } else {
                body.file.read_at(&mut buf, body.offset)
            }
            .map_err(|e| crate::net::error::sys_error(&e, "read"))?;
            if n == 0 {
                // The file is shorter than it said (or a pipe ended): finish here.
                body.remaining = 0;
                break;
            }
            buf.truncate(n);
            body.offset += n as u64;
            if body.remaining != u64::MAX {
                body.remaining -= n as u64;
            }
            body.in_flight += n;
            let last = body.remaining == 0 && body.get_trailers.is_none();
            session.conn().borrow_mut().send_data(id, buf.freeze(), last)?;
        }
        if body.remaining == 0 {
            if let Some(cb) = body.get_trailers.take() {
                let mut trailers = Headers::new();
                cb(&mut trailers);
                if trailers.is_empty() {
                    session.conn().borrow_mut().send_data(id, Bytes::new(), true)?;
                } else {
                    let fields = crate::http2_stream::headers_to_fields(&trailers, crate::validate::SendKind::Trailers)?;
                    session.conn().borrow_mut().send_trailers(id, fields)?;
                }
            }
            session.schedule_flush();
            return Ok(true);
        }
        session.schedule_flush();
        Ok(false)
    }
}
