//! Configuration of a `Connection`: Node's session options and the protection limits.
//!
//! Every queue or counter a peer can grow has a named cap here, with the attack it stops.
//! Defaults are safe for the open Internet and generous to legitimate clients; each one is an
//! option.

use crate::settings::Settings;

/// Which end of the connection we are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Client,
    Server,
}

/// Node's `paddingStrategy` (OBJ-3): how much padding DATA and HEADERS frames carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum PaddingStrategy {
    /// `PADDING_STRATEGY_NONE`.
    #[default]
    None,
    /// `PADDING_STRATEGY_MAX`: pad every frame to the largest size allowed.
    Max,
    /// `PADDING_STRATEGY_CALLBACK`: ask the application (`selectPadding`) for each frame;
    /// the core pauses output at each paddable frame (see `Connection::poll_transmit`).
    Callback,
}

/// The protections of issue 4 item 7. Rates are per second; a `Budget` refills with time.
#[derive(Clone, Debug)]
pub struct Limits {
    /// SETTINGS_MAX_CONCURRENT_STREAMS we enforce for the peer's streams when our settings
    /// give none (the seed's default of 100); streams over it get REFUSED_STREAM.
    pub max_concurrent_streams: u32,
    /// Decoded header-list size we accept (each field charged name + value + 32: the 2026
    /// "HTTP/2 bomb", CVE-2026-49975, pins many tiny indexed fields in memory).
    pub max_header_list_size: u32,
    /// Fields per header block (Node's `maxHeaderListPairs`, default 128).
    pub max_header_fields: usize,
    /// CONTINUATION frames per header block (CONTINUATION flood, 2024).
    pub max_continuation_frames: usize,
    /// Encoded bytes per header block, all fragments together (CONTINUATION flood, 2024).
    pub max_header_block_bytes: usize,
    /// Streams the peer opens and then resets: burst and refill rate (Rapid Reset,
    /// CVE-2023-44487).
    pub reset_burst: u32,
    pub reset_rate: u32,
    /// RST_STREAMs the peer provokes us into sending with stream errors (MadeYouReset,
    /// CVE-2025-8671).
    pub provoked_reset_burst: u32,
    pub provoked_reset_rate: u32,
    /// SETTINGS and PING acknowledgements queued and not yet sent (SETTINGS flood
    /// CVE-2019-9515, PING flood CVE-2019-9512): the peer sends faster than it reads.
    pub max_pending_acks: usize,
    /// Entries in one SETTINGS frame (CVE-2019-9515).
    pub max_settings_entries: usize,
    /// Empty or tiny DATA, HEADERS and CONTINUATION frames (CVE-2019-9518; the 2026
    /// small-DATA-frame advisory): burst and rate; each KiB of payload received also earns a
    /// token back, so a peer streaming real data is never cut off.
    pub tiny_frame_burst: u32,
    pub tiny_frame_rate: u32,
    /// A DATA frame with less payload than this (and no END_STREAM) counts as tiny.
    pub tiny_frame_size: usize,
    /// Bytes of output we hold before we stop reading (CVE-2019-9511, -9517: make the
    /// server queue responses to a peer that does not read).
    pub outbound_soft_limit: usize,
    /// Bytes of control-frame output past which the connection is closed.
    pub outbound_hard_limit: usize,
    /// Nodes in the priority tree, and of those, idle ones created by PRIORITY frames
    /// (CVE-2019-9513); PRIORITY frames per second.
    pub max_priority_nodes: usize,
    pub max_idle_priority_nodes: usize,
    pub priority_burst: u32,
    pub priority_rate: u32,
    /// Closed streams remembered for RFC 9113 §5.1's STREAM_CLOSED decisions.
    pub max_closed_streams: usize,
    /// PINGs we sent and still wait for (Node's `maxOutstandingPings`).
    pub max_outstanding_pings: usize,
    /// SETTINGS we sent and still wait for (Node's `maxOutstandingSettings`).
    pub max_outstanding_settings: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_concurrent_streams: 100,
            max_header_list_size: 65_535,
            max_header_fields: 128,
            max_continuation_frames: 128,
            max_header_block_bytes: 65_535 + 4096,
            reset_burst: 1000,
            reset_rate: 33,
            provoked_reset_burst: 1000,
            provoked_reset_rate: 33,
            max_pending_acks: 64,
            max_settings_entries: 32,
            tiny_frame_burst: 10_000,
            tiny_frame_rate: 1000,
            tiny_frame_size: 16,
            outbound_soft_limit: 1 << 20,
            outbound_hard_limit: 8 << 20,
            max_priority_nodes: 1000,
            max_idle_priority_nodes: 100,
            priority_burst: 1000,
            priority_rate: 500,
            max_closed_streams: 1000,
            max_outstanding_pings: 10,
            max_outstanding_settings: 10,
        }
    }
}

/// Node's session options that the core needs.
#[derive(Clone, Debug)]
pub struct Config {
    pub role: Role,
    /// The SETTINGS we send at the start (Node's `settings` option).
    pub settings: Settings,
    /// Node's `maxDeflateDynamicTableSize` (default 4 KiB): our encoder's table cap.
    pub max_deflate_dynamic_table_size: usize,
    /// Node's `maxSendHeaderBlockLength`: a header block larger than this is not sent; the
    /// stream gets `'frameError'` and is destroyed (SES-5, STR-6).
    pub max_send_header_block_length: Option<usize>,
    pub padding_strategy: PaddingStrategy,
    /// Node's `peerMaxConcurrentStreams` (default 100): assumed until the peer's SETTINGS.
    pub peer_max_concurrent_streams: u32,
    /// Node's `maxReservedRemoteStreams` (client; default 200): pushes beyond it are refused.
    pub max_reserved_remote_streams: u32,
    pub limits: Limits,
}

impl Config {
    pub fn new(role: Role) -> Config {
        Config {
            role,
            settings: Settings::default(),
            max_deflate_dynamic_table_size: 4096,
            max_send_header_block_length: None,
            padding_strategy: PaddingStrategy::None,
            peer_max_concurrent_streams: 100,
            max_reserved_remote_streams: 200,
            limits: Limits::default(),
        }
    }
}
