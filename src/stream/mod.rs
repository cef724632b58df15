//! Node stream semantics (NET-2) shared by TCP and TLS sockets and HTTP/2 streams:
//! [`Duplex`] holds Node's Readable/Writable state machines; types that are streams implement
//! [`Stream`] and get the [`Readable`] and [`Writable`] surface from it.

mod chunk;
mod duplex;
mod pipe;

use emitter::Emitter;

pub use chunk::{Chunk, Encoding, IntoChunk};
pub use duplex::{Duplex, DuplexOptions, Underlying, WeakDuplex, DEFAULT_HIGH_WATER_MARK, DUPLEX_EVENTS};

use crate::Error;

/// A type that is a Node stream: it owns a [`Duplex`]. Implementing this (and [`Emitter`])
/// gives the type the whole [`Readable`] and [`Writable`] surface.
pub trait Stream: Emitter {
    fn duplex(&self) -> &Duplex;

    /// `stream.destroy([error])`: tears the stream down; `'error'` (if given) then `'close'`.
    fn destroy(&self, error: Option<Error>) {
        self.duplex().destroy(error)
    }
    /// `stream.destroyed`.
    fn destroyed(&self) -> bool {
        self.duplex().destroyed()
    }
}

impl Stream for Duplex {
    fn duplex(&self) -> &Duplex {
        self
    }
}

/// Node's Readable surface.
pub trait Readable: Stream {
    /// `readable.pause()`.
    fn pause(&self) {
        self.duplex().pause()
    }
    /// `readable.resume()`.
    fn resume(&self) {
        self.duplex().resume()
    }
    /// `readable.isPaused()`.
    fn is_paused(&self) -> bool {
        self.duplex().is_paused()
    }
    /// `readable.setEncoding(encoding)`: `'utf8'`, `'latin1'`, `'ascii'`, `'hex'`, `'base64'`.
    fn set_encoding(&self, encoding: &str) -> Result<(), Error> {
        self.duplex().set_encoding(encoding)
    }
    /// `readable.read([size])`.
    fn read(&self, size: Option<usize>) -> Option<Chunk> {
        self.duplex().read(size)
    }
    /// `readable.pipe(destination)`: writes everything read to `destination`, pausing when it
    /// asks for it (`write` returned false) until its `'drain'`, and ends it at `'end'`.
    fn pipe<D: Stream + Clone>(&self, destination: &D) -> D {
        pipe::pipe(self.duplex(), destination.duplex(), true);
        destination.clone()
    }
    /// `readable.pipe(destination, { end: false })` and the like.
    fn pipe_with<D: Stream + Clone>(&self, destination: &D, end: bool) -> D {
        pipe::pipe(self.duplex(), destination.duplex(), end);
        destination.clone()
    }
    /// `readable.unpipe([destination])`.
    fn unpipe<D: Stream>(&self, destination: Option<&D>) {
        pipe::unpipe(self.duplex(), destination.map(|d| d.duplex()))
    }
    /// `readable.readable`.
    fn readable(&self) -> bool {
        self.duplex().readable()
    }
    /// `readable.readableEnded`.
    fn readable_ended(&self) -> bool {
        self.duplex().readable_ended()
    }
    /// `readable.readableFlowing`.
    fn readable_flowing(&self) -> Option<bool> {
        self.duplex().readable_flowing()
    }
    /// `readable.readableLength`.
    fn readable_length(&self) -> usize {
        self.duplex().readable_length()
    }
}

/// Node's Writable surface.
pub trait Writable: Stream {
    /// `writable.write(chunk)`: false means wait for `'drain'`.
    fn write(&self, chunk: impl IntoChunk) -> bool {
        self.duplex().write(chunk.into_bytes())
    }
    /// `writable.write(chunk, callback)`.
    fn write_with(&self, chunk: impl IntoChunk, callback: impl FnOnce(Option<Error>) + 'static) -> bool {
        self.duplex().write_with(chunk.into_bytes(), callback)
    }
    /// `writable.end()`.
    fn end(&self) {
        self.duplex().end()
    }
    /// `writable.end(chunk)`.
    fn end_with(&self, chunk: impl IntoChunk) {
        self.duplex().end_with(chunk.into_bytes())
    }
    /// `writable.end([chunk], callback)`.
    fn end_with_callback(&self, chunk: Option<bytes::Bytes>, callback: impl FnOnce(Option<Error>) + 'static) {
        self.duplex().end_with_callback(chunk, callback)
    }
    /// `writable.cork()`.
    fn cork(&self) {
        self.duplex().cork()
    }
    /// `writable.uncork()`.
    fn uncork(&self) {
        self.duplex().uncork()
    }
    /// `writable.writable`.
    fn writable(&self) -> bool {
        self.duplex().writable()
    }
    /// `writable.writableEnded`.
    fn writable_ended(&self) -> bool {
        self.duplex().writable_ended()
    }
    /// `writable.writableFinished`.
    fn writable_finished(&self) -> bool {
        self.duplex().writable_finished()
    }
    /// `writable.writableLength`.
    fn writable_length(&self) -> usize {
        self.duplex().writable_length()
    }
    /// `writable.writableNeedDrain`.
    fn writable_need_drain(&self) -> bool {
        self.duplex().writable_need_drain()
    }
}

impl<T: Stream + ?Sized> Readable for T {}
impl<T: Stream + ?Sized> Writable for T {}
