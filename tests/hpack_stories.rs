//! Interop with the HPACK test stories (https://github.com/http2jp/hpack-test-case): every
//! story in every encoder's folder decodes to the expected headers (sharing one decoder per
//! story, as its README says), and our encoder re-encodes every `raw-data` story and decodes
//! it back.
//!
//! The root is `$HPACK_TEST_CASE_DIR` if set, else `../shared/hpack-test-case` beside the
//! checkout if it exists, else the vendored copy in `tests/data/hpack-test-case`. Any folder
//! laid out the same way can be checked: one subfolder of `story_*.json` per encoder; a
//! folder whose cases have no `wire` is encoder input.

use std::path::{Path, PathBuf};

use bytes::{Bytes, BytesMut};
use http2::hpack::{DecodeLimits, Decoder, Encoder};
use serde_json::Value;

fn root() -> PathBuf {
    if let Ok(dir) = std::env::var("HPACK_TEST_CASE_DIR") {
        return PathBuf::from(dir);
    }
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = manifest.join("../shared/hpack-test-case");
    if shared.is_dir() {
        return shared;
    }
    manifest.join("tests/data/hpack-test-case")
}

/// A header list as (name, value) bytes.
type Fields = Vec<(Vec<u8>, Vec<u8>)>;

fn unhex(s: &str) -> Result<Bytes, String> {
    if !s.len().is_multiple_of(2) {
        return Err("odd hex length".into());
    }
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).map_err(|e| e.to_string())).collect::<Result<Vec<u8>, _>>().map(Bytes::from)
}

fn expected(case: &Value) -> Result<Fields, String> {
    let list = case["headers"].as_array().ok_or("no headers")?;
    let mut out = Vec::new();
    for h in list {
        let obj = h.as_object().ok_or("header is not an object")?;
        for (k, v) in obj {
            out.push((k.as_bytes().to_vec(), v.as_str().ok_or("value is not a string")?.as_bytes().to_vec()));
        }
    }
    Ok(out)
}

fn decode_all(d: &mut Decoder, block: &Bytes) -> Result<Fields, String> {
    let mut got = Vec::new();
    d.decode(block, &DecodeLimits::UNLIMITED, |n, v, _| got.push((n.to_vec(), v.to_vec()))).map_err(|e| e.to_string())?;
    Ok(got)
}

/// Checks one story file; returns the number of cases.
fn check_story(path: &Path) -> Result<usize, String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let story: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    let cases = story["cases"].as_array().ok_or("no cases")?;
    let mut decoder = Decoder::new(4096);
    let mut encoder = Encoder::new(4096);
    let mut check_decoder = Decoder::new(4096);
    for (i, case) in cases.iter().enumerate() {
        let want = expected(case).map_err(|e| format!("case {i}: {e}"))?;
        match case.get("wire").and_then(Value::as_str) {
            Some(wire) => {
                if let Some(size) = case.get("header_table_size").and_then(Value::as_u64) {
                    decoder.set_max_table_size(size as usize);
                }
                let block = unhex(wire).map_err(|e| format!("case {i}: {e}"))?;
                let got = decode_all(&mut decoder, &block).map_err(|e| format!("seqno {i}: {e}"))?;
                if got != want {
                    return Err(format!("seqno {i}: decoded headers differ"));
                }
            }
            None => {
                let mut out = BytesMut::new();
                encoder.encode(want.iter().map(|(n, v)| (n.as_slice(), v.as_slice(), false)), &mut out);
                let got = decode_all(&mut check_decoder, &out.freeze()).map_err(|e| format!("seqno {i}: our block does not decode: {e}"))?;
                if got != want {
                    return Err(format!("seqno {i}: round trip differs"));
                }
            }
        }
    }
    Ok(cases.len())
}

/// Checks every story under `root`; returns (files, cases) or the failures.
fn check_root(root: &Path) -> Result<(usize, usize), Vec<String>> {
    let mut failures = Vec::new();
    let (mut files, mut cases) = (0, 0);
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root).map_err(|e| vec![format!("{}: {e}", root.display())])?.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_dir()).collect();
    dirs.sort();
    for dir in dirs {
        let mut stories: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("story_") && n.ends_with(".json"))).collect())
            .unwrap_or_default();
        stories.sort();
        for story in stories {
            files += 1;
            match check_story(&story) {
                Ok(n) => cases += n,
                Err(e) => failures.push(format!("{}: {e}", story.strip_prefix(root).unwrap_or(&story).display())),
            }
        }
    }
    if failures.is_empty() {
        Ok((files, cases))
    } else {
        Err(failures)
    }
}

#[test]
fn rfc7541_interop_every_story_in_every_folder() {
    let root = root();
    eprintln!("hpack stories from {}", root.display());
    match check_root(&root) {
        Ok((files, cases)) => {
            eprintln!("{files} stories, {cases} header blocks");
            // 5 folders of 32 stories in the shared set; any other set must hold something.
            assert!(files > 0 && cases > 0, "no stories found under {}", root.display());
        }
        Err(failures) => panic!("{} stories failed:\n{}", failures.len(), failures.join("\n")),
    }
}

#[test]
fn story_checker_reports_a_corrupted_story() {
    let dir = std::env::temp_dir().join(format!("hpack-stories-{}", std::process::id()));
    let enc = dir.join("broken-encoder");
    std::fs::create_dir_all(&enc).unwrap();
    // A valid first case, then a wire block that decodes to different headers.
    std::fs::write(
        enc.join("story_00.json"),
        r#"{"cases":[{"seqno":0,"wire":"82","headers":[{":method":"GET"}]},{"seqno":1,"wire":"83","headers":[{":method":"GET"}]}]}"#,
    )
    .unwrap();
    std::fs::write(enc.join("story_01.json"), r#"{"cases":[{"seqno":0,"wire":"80","headers":[]}]}"#).unwrap();
    let result = check_root(&dir);
    std::fs::remove_dir_all(&dir).ok();
    let failures = result.expect_err("corrupted stories must fail");
    assert_eq!(failures.len(), 2, "{failures:?}");
    assert!(failures[0].contains("seqno 1"), "{failures:?}");
}
