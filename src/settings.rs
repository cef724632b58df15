//! The settings object of Node's API (API OBJ-2) and the module functions over it:
//! `get_default_settings` (FN-5), `get_packed_settings` / `get_unpacked_settings` (FN-6).
//!
//! Ranges follow the seed (v8.4 docs) where it differs from Node 20: `maxConcurrentStreams` is
//! at most 2^31-1 (Node 20 allows 2^32-1), and `get_default_settings` has only the four
//! defaults the seed lists (Node 20 adds maxConcurrentStreams, maxHeaderListSize, …). The seed
//! says `initialWindowSize` may go to 2^32-1, but RFC 9113 §6.5.2 makes any value above 2^31-1
//! a FLOW_CONTROL_ERROR at the peer, and API.md, Node 20 and nghttp2 all cap it at 2^31-1: so
//! do we. Packing order and unpacking (no range checks, unknown ids ignored, `enablePush` is
//! `value != 0`) are Node 20's, checked with `node -e`.

use crate::frame::setting;
use crate::Error;

/// An HTTP/2 settings object. `None` means "not set" (the JS object lacks the key).
/// JS names: headerTableSize, enablePush, initialWindowSize, maxFrameSize,
/// maxConcurrentStreams, maxHeaderListSize.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Settings {
    /// SETTINGS_HEADER_TABLE_SIZE (0x1): 0..=2^32-1, default 4096.
    pub header_table_size: Option<u32>,
    /// SETTINGS_ENABLE_PUSH (0x2): default true.
    pub enable_push: Option<bool>,
    /// SETTINGS_INITIAL_WINDOW_SIZE (0x4): 0..=2^31-1, default 65535.
    pub initial_window_size: Option<u32>,
    /// SETTINGS_MAX_FRAME_SIZE (0x5): 16384..=2^24-1, default 16384.
    pub max_frame_size: Option<u32>,
    /// SETTINGS_MAX_CONCURRENT_STREAMS (0x3): 0..=2^31-1, no default.
    pub max_concurrent_streams: Option<u32>,
    /// SETTINGS_MAX_HEADER_LIST_SIZE (0x6): 0..=2^32-1, no default.
    pub max_header_list_size: Option<u32>,
}

/// Largest `initialWindowSize` (RFC 9113 §6.5.2) and `maxConcurrentStreams` (the seed).
pub const MAX_INITIAL_WINDOW_SIZE: u32 = (1 << 31) - 1;
pub const MAX_CONCURRENT_STREAMS: u32 = (1 << 31) - 1;
/// `maxFrameSize` bounds (RFC 9113 §6.5.2).
pub const MIN_MAX_FRAME_SIZE: u32 = 16384;
pub const MAX_MAX_FRAME_SIZE: u32 = (1 << 24) - 1;

/// The JS name of a setting identifier (`"maxFrameSize"`), for the ones this object holds.
pub fn setting_name(id: u16) -> Option<&'static str> {
    Some(match id {
        setting::HEADER_TABLE_SIZE => "headerTableSize",
        setting::ENABLE_PUSH => "enablePush",
        setting::MAX_CONCURRENT_STREAMS => "maxConcurrentStreams",
        setting::INITIAL_WINDOW_SIZE => "initialWindowSize",
        setting::MAX_FRAME_SIZE => "maxFrameSize",
        setting::MAX_HEADER_LIST_SIZE => "maxHeaderListSize",
        _ => return None,
    })
}

fn invalid(name: &str, value: u32) -> Error {
    Error::range_error(
        "ERR_HTTP2_INVALID_SETTING_VALUE",
        format!("Invalid value for setting \"{name}\": {value}"),
    )
}

fn check(name: &str, value: Option<u32>, min: u32, max: u32) -> Result<(), Error> {
    match value {
        Some(v) if v < min || v > max => Err(invalid(name, v)),
        _ => Ok(()),
    }
}

impl Settings {
    /// Node's range checks (OBJ-2), in Node's order, so the first bad setting is the one
    /// named: `RangeError [ERR_HTTP2_INVALID_SETTING_VALUE]: Invalid value for setting
    /// "maxFrameSize": 1`. headerTableSize and maxHeaderListSize take any u32.
    pub fn validate(&self) -> Result<(), Error> {
        check(
            "initialWindowSize",
            self.initial_window_size,
            0,
            MAX_INITIAL_WINDOW_SIZE,
        )?;
        check(
            "maxFrameSize",
            self.max_frame_size,
            MIN_MAX_FRAME_SIZE,
            MAX_MAX_FRAME_SIZE,
        )?;
        check(
            "maxConcurrentStreams",
            self.max_concurrent_streams,
            0,
            MAX_CONCURRENT_STREAMS,
        )?;
        Ok(())
    }

    /// The `(identifier, value)` entries for a SETTINGS frame, in identifier order (Node 20's
    /// packing order); unset settings are left out.
    pub fn entries(&self) -> impl Iterator<Item = (u16, u32)> {
        [
            (setting::HEADER_TABLE_SIZE, self.header_table_size),
            (setting::ENABLE_PUSH, self.enable_push.map(u32::from)),
            (setting::MAX_CONCURRENT_STREAMS, self.max_concurrent_streams),
            (setting::INITIAL_WINDOW_SIZE, self.initial_window_size),
            (setting::MAX_FRAME_SIZE, self.max_frame_size),
            (setting::MAX_HEADER_LIST_SIZE, self.max_header_list_size),
        ]
        .into_iter()
        .filter_map(|(id, v)| v.map(|v| (id, v)))
    }

    /// Records one received entry (RFC 9113 §6.5.3: in order, a later value wins). Returns
    /// false for identifiers this object does not hold, which are ignored (§6.5.2). No range
    /// check: the frame decoder has done the RFC's.
    pub fn apply(&mut self, id: u16, value: u32) -> bool {
        match id {
            setting::HEADER_TABLE_SIZE => self.header_table_size = Some(value),
            // Node 20's unpacking: any nonzero value is true.
            setting::ENABLE_PUSH => self.enable_push = Some(value != 0),
            setting::MAX_CONCURRENT_STREAMS => self.max_concurrent_streams = Some(value),
            setting::INITIAL_WINDOW_SIZE => self.initial_window_size = Some(value),
            setting::MAX_FRAME_SIZE => self.max_frame_size = Some(value),
            setting::MAX_HEADER_LIST_SIZE => self.max_header_list_size = Some(value),
            _ => return false,
        }
        true
    }

    /// Overwrites the settings `newer` sets, keeping the others (successive
    /// `session.settings()` calls, SES-21).
    pub fn update(&mut self, newer: &Settings) {
        for (id, value) in newer.entries() {
            self.apply(id, value);
        }
    }
}

/// FN-5: a fresh settings object with the seed's defaults: headerTableSize 4096, enablePush
/// true, initialWindowSize 65535, maxFrameSize 16384.
pub fn get_default_settings() -> Settings {
    Settings {
        header_table_size: Some(4096),
        enable_push: Some(true),
        initial_window_size: Some(65535),
        max_frame_size: Some(16384),
        max_concurrent_streams: None,
        max_header_list_size: None,
    }
}

/// FN-6: the settings as the payload of a SETTINGS frame, as used in the `HTTP2-Settings`
/// header (`{enablePush: false}` → base64 `AAIAAAAA`). Validates first.
pub fn get_packed_settings(settings: &Settings) -> Result<Vec<u8>, Error> {
    settings.validate()?;
    let mut out = Vec::with_capacity(6 * 6);
    for (id, value) in settings.entries() {
        out.extend_from_slice(&id.to_be_bytes());
        out.extend_from_slice(&value.to_be_bytes());
    }
    Ok(out)
}

/// FN-6: the settings object a packed buffer describes. Like Node 20: a length that is not a
/// multiple of 6 is a RangeError `ERR_HTTP2_INVALID_PACKED_SETTINGS_LENGTH`; unknown
/// identifiers are ignored; values are not range-checked; a repeated id keeps the last value.
pub fn get_unpacked_settings(buf: &[u8]) -> Result<Settings, Error> {
    if !buf.len().is_multiple_of(6) {
        return Err(Error::range_error(
            "ERR_HTTP2_INVALID_PACKED_SETTINGS_LENGTH",
            "Packed settings length must be a multiple of six",
        ));
    }
    let mut s = Settings::default();
    for entry in buf.chunks_exact(6) {
        if let [a, b, v0, v1, v2, v3] = *entry {
            s.apply(
                u16::from_be_bytes([a, b]),
                u32::from_be_bytes([v0, v1, v2, v3]),
            );
        }
    }
    Ok(s)
}
