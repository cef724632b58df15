//! The sans-I/O HTTP/2 connection core (issue 4): bytes and commands in, frames and events
//! out, time passed in. It never touches a socket, a clock or user code; the API layer wraps
//! it to give Node's `Http2Session`.

mod budget;
mod config;
mod connection;
mod events;
mod flow;
mod priority;
mod recv;
mod send;
mod state;
mod store;
mod stream;

pub use budget::Budget;
pub use config::{Config, Limits, PaddingStrategy, Role};
pub use connection::{Connection, SessionState, StreamStateInfo, PREFACE};
pub use events::{Event, HeaderList, HeadersKind};
pub use flow::{RecvFlow, SendFlow, Window, DEFAULT_WINDOW, MAX_WINDOW};
pub use priority::{Priority, PriorityTree, DEFAULT_WEIGHT};
pub use send::{Transmit, NGHTTP2_ERR_FRAME_SIZE_ERROR, ZERO_COPY_MIN};
pub use state::{transition, Input, Refusal, StreamState};
pub use store::IdMap;
