//! HPACK throughput and size against `loona-hpack`, over every `raw-data` story.
//! Run: `cargo bench --bench hpack` (a benchmark, not a test: it prints, asserts nothing).
//!
//! Each implementation encodes every story with one encoder per story (sharing context as a
//! connection would). Decoding is measured on the same wire bytes for both decoders: the
//! blocks our encoder made (Huffman strings) and the blocks loona's made (raw strings), one
//! decoder per story. The two implementations run in alternating 50 ms slices, 40 rounds
//! (`HPACK_ROUNDS=n` to change): the rates printed are each one's best slice, the ratios the
//! median of the rounds' ratios, so a change of load on the machine hits both alike.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use bytes::{Bytes, BytesMut};
use http2::hpack::{DecodeLimits, Decoder, Encoder};

type Story = Vec<Vec<(Vec<u8>, Vec<u8>)>>;

fn root() -> PathBuf {
    if let Ok(dir) = std::env::var("HPACK_TEST_CASE_DIR") {
        return PathBuf::from(dir);
    }
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = manifest.join("../shared/hpack-test-case");
    if shared.is_dir() {
        shared
    } else {
        manifest.join("tests/data/hpack-test-case")
    }
}

fn load() -> Vec<Story> {
    let dir = root().join("raw-data");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir).expect("raw-data folder").filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
            v["cases"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| {
                    c["headers"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .flat_map(|h| h.as_object().unwrap().iter().map(|(k, v)| (k.as_bytes().to_vec(), v.as_str().unwrap().as_bytes().to_vec())))
                        .collect()
                })
                .collect()
        })
        .collect()
}

/// How fast `a` and `b` are, measured in alternating slices of about 50 ms, `HPACK_ROUNDS`
/// rounds (40 unless set), taking turns at going first: each one's best slice (items/s), and
/// the median over the rounds of the ratio of `a`'s slice to `b`'s slice in the same round.
/// The ratio is the figure to compare: a slow spell of a shared host that outlasts a round
/// hits both of its slices alike and cancels out of its ratio, and the median drops the
/// rounds one hit unevenly. (The ratio of the best slices, which this
/// bench printed before 2026-11-25, swung from 1.4× to 2.4× between runs minutes apart.)
fn rates(items_per_pass: usize, mut a: impl FnMut(), mut b: impl FnMut()) -> (f64, f64, f64) {
    fn slice(items: usize, f: &mut dyn FnMut()) -> f64 {
        let start = Instant::now();
        let mut passes = 0usize;
        while start.elapsed() < Duration::from_millis(50) {
            f();
            passes += 1;
        }
        (passes * items) as f64 / start.elapsed().as_secs_f64()
    }
    let (mut ra, mut rb) = (0f64, 0f64);
    let rounds: usize = std::env::var("HPACK_ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(40).max(1);
    let mut ratios = Vec::with_capacity(rounds);
    for round in 0..rounds {
        let (x, y) = if round % 2 == 0 {
            let x = slice(items_per_pass, &mut a);
            (x, slice(items_per_pass, &mut b))
        } else {
            let y = slice(items_per_pass, &mut b);
            (slice(items_per_pass, &mut a), y)
        };
        ra = ra.max(x);
        rb = rb.max(y);
        ratios.push(x / y);
        // HPACK_TRACE=1: every round's two rates and ratio, to see the host's noise.
        if std::env::var_os("HPACK_TRACE").is_some() {
            eprintln!("round {round}: {x:.0} vs {y:.0} items/s, {:.2}x", x / y);
        }
    }
    ratios.sort_by(f64::total_cmp);
    let median = (ratios[(rounds - 1) / 2] + ratios[rounds / 2]) / 2.0;
    (ra, rb, median)
}

/// Encoding into one reused buffer per story, as a connection writes frames: what the
/// throughput figures measure for both encoders.
fn ours_encode_reusing(stories: &[Story]) -> usize {
    let mut total = 0;
    let mut out = BytesMut::with_capacity(16 * 1024);
    for s in stories {
        let mut e = Encoder::new(4096);
        for list in s {
            e.encode(list.iter().map(|(n, v)| (n.as_slice(), v.as_slice(), false)), &mut out);
            total += out.len();
            out.clear();
        }
    }
    total
}

fn loona_encode_reusing(stories: &[Story]) -> usize {
    let mut total = 0;
    let mut out: Vec<u8> = Vec::with_capacity(16 * 1024);
    for s in stories {
        let mut e = loona_hpack::Encoder::new();
        for list in s {
            e.encode_into(list.iter().map(|(n, v)| (n.as_slice(), v.as_slice())), &mut out).unwrap();
            total += out.len();
            out.clear();
        }
    }
    total
}

fn ours_encode(stories: &[Story]) -> Vec<Vec<Bytes>> {
    stories
        .iter()
        .map(|s| {
            let mut e = Encoder::new(4096);
            s.iter()
                .map(|list| {
                    let mut out = BytesMut::new();
                    e.encode(list.iter().map(|(n, v)| (n.as_slice(), v.as_slice(), false)), &mut out);
                    out.freeze()
                })
                .collect()
        })
        .collect()
}

fn loona_encode(stories: &[Story]) -> Vec<Vec<Vec<u8>>> {
    stories
        .iter()
        .map(|s| {
            let mut e = loona_hpack::Encoder::new();
            s.iter().map(|list| e.encode(list.iter().map(|(n, v)| (n.as_slice(), v.as_slice())))).collect()
        })
        .collect()
}

fn main() {
    let stories = load();
    let headers: usize = stories.iter().flatten().map(Vec::len).sum();
    let blocks: usize = stories.iter().map(Vec::len).sum();
    println!("raw-data: {} stories, {} header blocks, {} headers", stories.len(), blocks, headers);

    let ours = ours_encode(&stories);
    let theirs = loona_encode(&stories);
    // Both decode what they encoded, so the comparison is like for like.
    for (s, enc) in stories.iter().zip(&ours) {
        let mut d = Decoder::new(4096);
        for (list, block) in s.iter().zip(enc) {
            let mut n = 0;
            d.decode(block, &DecodeLimits::UNLIMITED, |_, _, _| n += 1).unwrap();
            assert_eq!(n, list.len());
        }
    }
    // HPACK_PROFILE=decode|encode|encode-loona|none: run only that, HPACK_PASSES times (20
    // unless set), for a profiler (callgrind, perf).
    if let Ok(what) = std::env::var("HPACK_PROFILE") {
        for _ in 0..std::env::var("HPACK_PASSES").ok().and_then(|s| s.parse().ok()).unwrap_or(20) {
            if what == "decode" {
                for enc in &ours {
                    let mut d = Decoder::new(4096);
                    for block in enc {
                        d.decode(block, &DecodeLimits::UNLIMITED, |n, v, s| {
                            black_box((n, v, s));
                        })
                        .unwrap();
                    }
                }
            } else if what == "encode-loona" {
                black_box(loona_encode_reusing(black_box(&stories)));
            } else if what == "none" {
                black_box(&stories);
            } else {
                black_box(ours_encode_reusing(black_box(&stories)));
            }
        }
        return;
    }
    let size_ours: usize = ours.iter().flatten().map(Bytes::len).sum();
    let size_theirs: usize = theirs.iter().flatten().map(Vec::len).sum();

    let (enc_ours, enc_theirs, enc_ratio) = rates(
        headers,
        || {
            black_box(ours_encode_reusing(black_box(&stories)));
        },
        || {
            black_box(loona_encode_reusing(black_box(&stories)));
        },
    );
    // Decoding the same wire bytes with both decoders: first our encoding (Huffman strings,
    // which loona must decode too), then loona's (raw strings only).
    let decode_ours = |blocks: &[Vec<&[u8]>]| {
        for enc in blocks {
            let mut d = Decoder::new(4096);
            for block in enc {
                d.decode(block, &DecodeLimits::UNLIMITED, |n, v, s| {
                    black_box((n, v, s));
                })
                .unwrap();
            }
        }
    };
    let decode_loona = |blocks: &[Vec<&[u8]>]| {
        for enc in blocks {
            let mut d = loona_hpack::Decoder::new();
            for block in enc {
                d.decode_with_cb(block, |n, v| {
                    black_box((n, v));
                })
                .unwrap();
            }
        }
    };
    let our_blocks: Vec<Vec<&[u8]>> = ours.iter().map(|s| s.iter().map(|b| &b[..]).collect()).collect();
    let their_blocks: Vec<Vec<&[u8]>> = theirs.iter().map(|s| s.iter().map(|b| &b[..]).collect()).collect();
    let (dec_ours, dec_theirs, dec_ratio) = rates(headers, || decode_ours(&our_blocks), || decode_loona(&our_blocks));
    let (dec_ours_raw, dec_theirs_raw, dec_raw_ratio) = rates(headers, || decode_ours(&their_blocks), || decode_loona(&their_blocks));

    // Rates: each one's best slice; ratio: the median of the rounds' ratios (see `rates`).
    println!("{:<28}{:>16}{:>16}{:>10}", "", "http2::hpack", "loona-hpack", "ratio");
    println!("{:<28}{:>16.0}{:>16.0}{:>9.2}x", "encode (headers/s)", enc_ours, enc_theirs, enc_ratio);
    println!("{:<28}{:>16.0}{:>16.0}{:>9.2}x", "decode ours' blocks (h/s)", dec_ours, dec_theirs, dec_ratio);
    println!("{:<28}{:>16.0}{:>16.0}{:>9.2}x", "decode loona's blocks (h/s)", dec_ours_raw, dec_theirs_raw, dec_raw_ratio);
    println!(
        "{:<28}{:>16}{:>16}{:>9.1}%",
        "encoded size (bytes)",
        size_ours,
        size_theirs,
        100.0 * (1.0 - size_ours as f64 / size_theirs as f64)
    );
}
