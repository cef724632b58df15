//! API OBJ-2 (settings object), FN-5 (`get_default_settings`), FN-6 (`get_packed_settings`,
//! `get_unpacked_settings`). Expected bytes were taken from Node 20 (`node -e`); where node is
//! installed, one test also asks it directly.

use http2::settings::{
    get_default_settings, get_packed_settings, get_unpacked_settings, setting_name, Settings,
};
use http2::ErrorKind;
use std::process::Command;

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn base64(data: &[u8]) -> String {
    let mut out = String::new();
    for c in data.chunks(3) {
        let n = (u32::from(c[0]) << 16)
            | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
            | u32::from(*c.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= c.len() {
                out.push(B64[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

fn all_set() -> Settings {
    Settings {
        header_table_size: Some(1),
        enable_push: Some(true),
        initial_window_size: Some(3),
        max_frame_size: Some(16385),
        max_concurrent_streams: Some(5),
        max_header_list_size: Some(6),
    }
}

#[test]
fn fn_6_enable_push_false_packs_to_seed_example() {
    let s = Settings {
        enable_push: Some(false),
        ..Settings::default()
    };
    let packed = get_packed_settings(&s).unwrap();
    assert_eq!(base64(&packed), "AAIAAAAA");
}

#[test]
fn fn_6_packing_order_is_node20s() {
    // node -e "h.getPackedSettings({headerTableSize:1,enablePush:true,initialWindowSize:3,
    //   maxFrameSize:16385,maxConcurrentStreams:5,maxHeaderListSize:6}).toString('hex')"
    let want = hex("000100000001000200000001000300000005000400000003000500004001000600000006");
    assert_eq!(get_packed_settings(&all_set()).unwrap(), want);
    assert_eq!(
        get_packed_settings(&Settings::default()).unwrap(),
        Vec::<u8>::new()
    );
}

#[test]
fn fn_6_unpack_reverses_pack() {
    let s = all_set();
    assert_eq!(
        get_unpacked_settings(&get_packed_settings(&s).unwrap()).unwrap(),
        s
    );
    let d = get_default_settings();
    assert_eq!(
        get_unpacked_settings(&get_packed_settings(&d).unwrap()).unwrap(),
        d
    );
}

#[test]
fn fn_6_unpack_length_not_multiple_of_6_is_range_error() {
    let e = get_unpacked_settings(&[0, 2, 0, 0, 0]).unwrap_err();
    assert_eq!(e.code(), "ERR_HTTP2_INVALID_PACKED_SETTINGS_LENGTH");
    assert_eq!(e.kind(), ErrorKind::RangeError);
    assert_eq!(
        e.message(),
        "Packed settings length must be a multiple of six"
    );
    assert_eq!(get_unpacked_settings(&[]).unwrap(), Settings::default());
}

#[test]
fn fn_6_unpack_is_like_node20_unknown_ignored_values_unchecked_last_wins() {
    // Node 20: 00ff00000001 → only customSettings; 000500000001 → { maxFrameSize: 1 };
    // 000480000000 → { initialWindowSize: 2147483648 }; 000200000002 → { enablePush: true };
    // 000100000001000100000002 → { headerTableSize: 2 }; 000800000001 → enableConnectProtocol.
    assert_eq!(
        get_unpacked_settings(&hex("00ff00000001")).unwrap(),
        Settings::default()
    );
    assert_eq!(
        get_unpacked_settings(&hex("000800000001")).unwrap(),
        Settings::default()
    );
    assert_eq!(
        get_unpacked_settings(&hex("000500000001"))
            .unwrap()
            .max_frame_size,
        Some(1)
    );
    assert_eq!(
        get_unpacked_settings(&hex("000480000000"))
            .unwrap()
            .initial_window_size,
        Some(1 << 31)
    );
    assert_eq!(
        get_unpacked_settings(&hex("000200000002"))
            .unwrap()
            .enable_push,
        Some(true)
    );
    assert_eq!(
        get_unpacked_settings(&hex("000200000000"))
            .unwrap()
            .enable_push,
        Some(false)
    );
    assert_eq!(
        get_unpacked_settings(&hex("000100000001000100000002"))
            .unwrap()
            .header_table_size,
        Some(2)
    );
}

fn rejects(s: Settings, message: &str) {
    let e = get_packed_settings(&s).unwrap_err();
    assert_eq!(e.code(), "ERR_HTTP2_INVALID_SETTING_VALUE");
    assert_eq!(e.kind(), ErrorKind::RangeError);
    assert_eq!(e.message(), message);
    assert_eq!(s.validate().unwrap_err(), e);
}

#[test]
fn obj_2_setting_ranges() {
    rejects(
        Settings {
            max_frame_size: Some(1),
            ..Default::default()
        },
        "Invalid value for setting \"maxFrameSize\": 1",
    );
    rejects(
        Settings {
            max_frame_size: Some(1 << 24),
            ..Default::default()
        },
        "Invalid value for setting \"maxFrameSize\": 16777216",
    );
    rejects(
        Settings {
            initial_window_size: Some(1 << 31),
            ..Default::default()
        },
        "Invalid value for setting \"initialWindowSize\": 2147483648",
    );
    // The seed caps maxConcurrentStreams at 2^31-1 (Node 20 would allow up to 2^32-1).
    rejects(
        Settings {
            max_concurrent_streams: Some(1 << 31),
            ..Default::default()
        },
        "Invalid value for setting \"maxConcurrentStreams\": 2147483648",
    );
    // Node checks initialWindowSize before maxFrameSize before maxConcurrentStreams.
    rejects(
        Settings {
            max_concurrent_streams: Some(u32::MAX),
            max_frame_size: Some(0),
            initial_window_size: Some(u32::MAX),
            ..Default::default()
        },
        "Invalid value for setting \"initialWindowSize\": 4294967295",
    );
    let edges = Settings {
        header_table_size: Some(u32::MAX),
        enable_push: Some(false),
        initial_window_size: Some((1 << 31) - 1),
        max_frame_size: Some((1 << 24) - 1),
        max_concurrent_streams: Some((1 << 31) - 1),
        max_header_list_size: Some(u32::MAX),
    };
    assert!(edges.validate().is_ok());
    let low = Settings {
        header_table_size: Some(0),
        initial_window_size: Some(0),
        max_frame_size: Some(16384),
        max_concurrent_streams: Some(0),
        max_header_list_size: Some(0),
        enable_push: Some(true),
    };
    assert!(get_packed_settings(&low).is_ok());
}

#[test]
fn fn_5_default_settings_are_the_seeds_and_fresh_each_call() {
    let mut a = get_default_settings();
    assert_eq!(a.header_table_size, Some(4096));
    assert_eq!(a.enable_push, Some(true));
    assert_eq!(a.initial_window_size, Some(65535));
    assert_eq!(a.max_frame_size, Some(16384));
    assert_eq!(a.max_concurrent_streams, None);
    assert_eq!(a.max_header_list_size, None);
    a.enable_push = Some(false);
    assert_ne!(a, get_default_settings());
    assert_eq!(get_default_settings().enable_push, Some(true));
}

#[test]
fn obj_2_entries_apply_and_update() {
    let s = Settings {
        max_concurrent_streams: Some(100),
        initial_window_size: Some(1 << 20),
        ..Default::default()
    };
    assert_eq!(
        s.entries().collect::<Vec<_>>(),
        vec![(3, 100), (4, 1 << 20)]
    );
    let mut t = Settings::default();
    for (id, v) in s.entries() {
        assert!(t.apply(id, v));
    }
    assert!(
        !t.apply(0x8, 1),
        "ENABLE_CONNECT_PROTOCOL is not part of the object"
    );
    assert!(!t.apply(0xabcd, 1));
    assert_eq!(t, s);
    let mut base = get_default_settings();
    base.update(&Settings {
        max_frame_size: Some(32768),
        ..Default::default()
    });
    assert_eq!(base.max_frame_size, Some(32768));
    assert_eq!(base.header_table_size, Some(4096));
    assert_eq!(setting_name(4), Some("initialWindowSize"));
    assert_eq!(setting_name(8), None);
}

#[test]
fn fn_6_packing_matches_node20_when_available() {
    let cases = [
        Settings {
            enable_push: Some(false),
            ..Default::default()
        },
        all_set(),
        get_default_settings(),
        Settings {
            header_table_size: Some(0),
            max_header_list_size: Some(u32::MAX),
            ..Default::default()
        },
    ];
    let js: Vec<String> = cases
        .iter()
        .map(|s| {
            let mut parts = Vec::new();
            for (id, v) in s.entries() {
                let name = setting_name(id).unwrap();
                parts.push(if id == 2 {
                    format!("{name}:{}", v != 0)
                } else {
                    format!("{name}:{v}")
                });
            }
            format!("{{{}}}", parts.join(","))
        })
        .collect();
    let script = format!(
        "const h=require('http2');for(const s of [{}])console.log(h.getPackedSettings(s).toString('base64'))",
        js.join(",")
    );
    let Ok(out) = Command::new("node").arg("-e").arg(&script).output() else {
        eprintln!("node not found: skipped");
        return;
    };
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let node: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    let ours: Vec<String> = cases
        .iter()
        .map(|s| base64(&get_packed_settings(s).unwrap()))
        .collect();
    assert_eq!(ours, node);
}
