//! Options of `create_server`, `create_secure_server` and `connect` (FN-1..FN-3), and the
//! stream options of `request`, `respond` and `push_stream`.

use std::fmt;
use std::rc::Rc;

use crate::proto::{Config, Limits, PaddingStrategy, Role};
use crate::settings::Settings;
use crate::{Error, Headers};

/// Node's `selectPadding(frameLen, maxFrameLen)` (OBJ-3).
pub type SelectPadding = Rc<dyn Fn(usize, usize) -> usize>;

/// Session options shared by servers and clients (FN-1, FN-3).
#[derive(Clone, Default)]
pub struct SessionOptions {
    /// `maxDeflateDynamicTableSize` (default 4 KiB).
    pub max_deflate_dynamic_table_size: Option<usize>,
    /// `maxSendHeaderBlockLength`: larger header blocks give `'frameError'`.
    pub max_send_header_block_length: Option<usize>,
    /// `paddingStrategy`: `constants::PADDING_STRATEGY_NONE`, `_MAX` or `_CALLBACK`.
    pub padding_strategy: Option<u32>,
    /// `peerMaxConcurrentStreams` (default 100).
    pub peer_max_concurrent_streams: Option<u32>,
    /// `selectPadding`, used with `PADDING_STRATEGY_CALLBACK`.
    pub select_padding: Option<SelectPadding>,
    /// `settings`: the initial SETTINGS sent to the peer.
    pub settings: Settings,
    /// `maxReservedRemoteStreams` (clients; default 200).
    pub max_reserved_remote_streams: Option<u32>,
    /// `maxHeaderListPairs` (default 128).
    pub max_header_list_pairs: Option<usize>,
    /// The protections of the connection core (safe defaults).
    pub limits: Option<Limits>,
}

impl fmt::Debug for SessionOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SessionOptions")
            .field("settings", &self.settings)
            .field("padding_strategy", &self.padding_strategy)
            .field("select_padding", &self.select_padding.is_some())
            .finish_non_exhaustive()
    }
}

impl SessionOptions {
    /// Checks the values Node checks when a session is created (`ERR_HTTP2_INVALID_SETTING_VALUE`,
    /// `ERR_INVALID_ARG_VALUE`).
    pub fn validate(&self) -> Result<(), Error> {
        self.settings.validate()?;
        if let Some(p) = self.padding_strategy {
            if p > crate::constants::PADDING_STRATEGY_MAX {
                return Err(Error::range_error("ERR_OUT_OF_RANGE", format!("The value of \"options.paddingStrategy\" is out of range. It must be >= 0 && <= 2. Received {p}")));
            }
        }
        Ok(())
    }

    pub(crate) fn padding(&self) -> PaddingStrategy {
        match self.padding_strategy {
            Some(crate::constants::PADDING_STRATEGY_MAX) => PaddingStrategy::Max,
            // Node 20: CALLBACK and ALIGNED share the value 1; with a selectPadding callback
            // the seed's callback strategy applies.
            Some(crate::constants::PADDING_STRATEGY_CALLBACK) if self.select_padding.is_some() => PaddingStrategy::Callback,
            _ => PaddingStrategy::None,
        }
    }

    pub(crate) fn config(&self, role: Role) -> Config {
        let mut c = Config::new(role);
        c.settings = self.settings.clone();
        if let Some(n) = self.max_deflate_dynamic_table_size {
            c.max_deflate_dynamic_table_size = n;
        }
        c.max_send_header_block_length = self.max_send_header_block_length;
        c.padding_strategy = self.padding();
        if let Some(n) = self.peer_max_concurrent_streams {
            c.peer_max_concurrent_streams = n;
        }
        if let Some(n) = self.max_reserved_remote_streams {
            c.max_reserved_remote_streams = n;
        }
        if let Some(l) = &self.limits {
            c.limits = l.clone();
        }
        if let Some(n) = self.max_header_list_pairs {
            c.limits.max_header_fields = n;
        }
        if let Some(n) = self.settings.max_concurrent_streams {
            c.limits.max_concurrent_streams = n;
        }
        if let Some(n) = self.settings.max_header_list_size {
            c.limits.max_header_list_size = n;
        }
        c
    }
}

/// Called after the last chunk is queued to fill in trailing headers (SES-14, SST-5).
pub type GetTrailers = Rc<dyn Fn(&mut Headers)>;

/// `session.request(headers, options)` options (SES-14).
#[derive(Clone, Default)]
pub struct RequestOptions {
    /// The writable side starts ended (no body). Default: true for GET, HEAD and DELETE.
    pub end_stream: Option<bool>,
    pub exclusive: bool,
    /// The stream this one depends on (0: none).
    pub parent: u32,
    /// 1..=256 (default 16).
    pub weight: Option<u16>,
    pub get_trailers: Option<GetTrailers>,
}

/// `stream.respond(headers, options)` options (SST-5).
#[derive(Clone, Default)]
pub struct RespondOptions {
    /// The response has no body.
    pub end_stream: bool,
    pub get_trailers: Option<GetTrailers>,
}

/// `stream.pushStream(headers, options, cb)` and `priority()` options (SST-4, SES-20, STR-11).
#[derive(Clone, Copy, Debug, Default)]
pub struct PriorityOptions {
    pub exclusive: bool,
    pub parent: u32,
    pub weight: Option<u16>,
    /// Change the priority locally without sending PRIORITY.
    pub silent: bool,
}

/// `session.shutdown(options, cb)` options (SES-17).
#[derive(Clone, Debug, Default)]
pub struct ShutdownOptions {
    pub graceful: bool,
    /// The HTTP/2 error code for the GOAWAY (default NO_ERROR).
    pub error_code: u32,
    pub last_stream_id: Option<u32>,
    pub opaque_data: Option<bytes::Bytes>,
}

/// `statCheck(stat, headers)`: return false to cancel the send (SST-6, SST-7).
pub type StatCheck = Rc<dyn Fn(&std::fs::Metadata, &mut Headers) -> bool>;

/// `respondWithFD` / `respondWithFile` options (SST-6, SST-7).
#[derive(Clone, Default)]
pub struct RespondWithFileOptions {
    pub stat_check: Option<StatCheck>,
    pub get_trailers: Option<GetTrailers>,
    /// Where to start reading.
    pub offset: Option<u64>,
    /// How much to send.
    pub length: Option<u64>,
}
