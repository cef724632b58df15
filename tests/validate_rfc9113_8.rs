//! RFC 9113 §8.1-§8.5 (and OBJ-5's "an invalid name closes the stream with a protocol error"):
//! the receiving-side `BlockChecker`, one test per rule.

use http2::validate::{BlockChecker, BlockInfo, BlockKind, Malformed, Method};

fn run(kind: BlockKind, fields: &[(&str, &str)]) -> Result<BlockInfo, Malformed> {
    let mut c = BlockChecker::new(kind);
    for (n, v) in fields {
        c.field(n.as_bytes(), v.as_bytes())?;
    }
    c.finish()
}

const GET: &[(&str, &str)] = &[
    (":method", "GET"),
    (":scheme", "https"),
    (":authority", "a.example"),
    (":path", "/"),
];

fn with(
    base: &[(&'static str, &'static str)],
    extra: &[(&'static str, &'static str)],
) -> Vec<(&'static str, &'static str)> {
    base.iter().chain(extra).copied().collect()
}

fn malformed(kind: BlockKind, fields: &[(&str, &str)], rule: &str) {
    match run(kind, fields) {
        Err(m) => assert!(
            m.reason.contains(rule),
            "{fields:?}: reason {:?} lacks {rule:?}",
            m.reason
        ),
        Ok(i) => panic!("{fields:?} accepted as {i:?}, expected {rule}"),
    }
}

#[test]
fn rfc9113_8_3_1_valid_request() {
    let info = run(
        BlockKind::Request,
        &with(
            GET,
            &[("accept", "*/*"), ("cookie", "a=1"), ("cookie", "b=2")],
        ),
    )
    .unwrap();
    assert_eq!(info.method, Some(Method::Get));
    assert!(!info.is_connect() && !info.is_head());
    assert_eq!(info.status, None);
    assert_eq!(info.content_length, None);
    assert!(!info.has_protocol);
}

#[test]
fn rfc9113_8_2_1_uppercase_field_name_is_malformed() {
    malformed(
        BlockKind::Request,
        &with(GET, &[("Content-Type", "x")]),
        "§8.2.1",
    );
}

#[test]
fn rfc9113_8_2_1_field_name_characters() {
    for name in [
        "a b",
        "a\u{0}b",
        "x\u{7f}",
        "caf\u{e9}",
        "a\tb",
        "a:b",
        "\u{1}",
    ] {
        malformed(BlockKind::Request, &with(GET, &[(name, "v")]), "§8.2.1");
    }
    // Characters outside tchar but allowed by §8.2.1's ranges are accepted (the RFC's rule).
    assert!(run(
        BlockKind::Request,
        &with(GET, &[("x-a\"b", "v"), ("x{}", "v")])
    )
    .is_ok());
    malformed(
        BlockKind::Request,
        &with(GET, &[("", "v")]),
        "empty field name",
    );
}

#[test]
fn rfc9113_8_2_1_field_value_nul_cr_lf_are_malformed() {
    for v in ["a\0b", "a\rb", "a\nb"] {
        malformed(BlockKind::Request, &with(GET, &[("x", v)]), "§8.2.1");
    }
    malformed(
        BlockKind::Request,
        &[(":method", "GET\r"), (":scheme", "https"), (":path", "/")],
        "§8.2.1",
    );
}

#[test]
fn rfc9113_8_2_1_field_value_leading_or_trailing_whitespace_is_malformed() {
    for v in [" a", "a ", "\ta", "a\t", " "] {
        malformed(BlockKind::Request, &with(GET, &[("x", v)]), "§8.2.1");
    }
    assert!(run(
        BlockKind::Request,
        &with(GET, &[("x", "a b\tc"), ("y", "")])
    )
    .is_ok());
}

#[test]
fn rfc9113_8_2_2_connection_specific_fields_are_malformed() {
    for name in [
        "connection",
        "proxy-connection",
        "keep-alive",
        "transfer-encoding",
        "upgrade",
    ] {
        malformed(BlockKind::Request, &with(GET, &[(name, "x")]), "§8.2.2");
        malformed(
            BlockKind::Response,
            &[(":status", "200"), (name, "x")],
            "§8.2.2",
        );
    }
}

#[test]
fn rfc9113_8_2_2_te_only_trailers() {
    assert!(run(BlockKind::Request, &with(GET, &[("te", "trailers")])).is_ok());
    malformed(BlockKind::Request, &with(GET, &[("te", "gzip")]), "§8.2.2");
    malformed(
        BlockKind::Request,
        &with(GET, &[("te", "trailers, gzip")]),
        "§8.2.2",
    );
}

#[test]
fn rfc9113_8_3_pseudo_header_after_regular_field_is_malformed() {
    malformed(
        BlockKind::Request,
        &[
            (":method", "GET"),
            (":scheme", "https"),
            ("x", "1"),
            (":path", "/"),
        ],
        "§8.3",
    );
}

#[test]
fn rfc9113_8_3_duplicate_pseudo_header_is_malformed() {
    malformed(
        BlockKind::Request,
        &with(GET, &[(":path", "/again")]),
        "duplicated",
    );
    malformed(
        BlockKind::Response,
        &[(":status", "200"), (":status", "204")],
        "duplicated",
    );
}

#[test]
fn rfc9113_8_3_unknown_pseudo_header_is_malformed() {
    malformed(
        BlockKind::Request,
        &[
            (":foo", "x"),
            (":method", "GET"),
            (":scheme", "https"),
            (":path", "/"),
        ],
        "§8.3",
    );
    malformed(BlockKind::Request, &[(":status", "200")], "§8.3");
    malformed(
        BlockKind::Response,
        &[(":status", "200"), (":path", "/")],
        "§8.3",
    );
    malformed(BlockKind::Request, &[(":", "x")], "§8.3");
}

#[test]
fn rfc9113_8_1_pseudo_header_in_trailers_is_malformed() {
    malformed(BlockKind::Trailers, &[(":status", "200")], "§8.1");
    malformed(BlockKind::Trailers, &[("x", "1"), (":path", "/")], "§8.3");
    let info = run(BlockKind::Trailers, &[("grpc-status", "0")]).unwrap();
    assert_eq!(info, BlockInfo::default());
    assert!(run(BlockKind::Trailers, &[]).is_ok());
}

#[test]
fn rfc9113_8_3_1_request_needs_method_scheme_path() {
    malformed(
        BlockKind::Request,
        &[(":scheme", "https"), (":path", "/")],
        ":method",
    );
    malformed(
        BlockKind::Request,
        &[(":method", "GET"), (":path", "/")],
        ":scheme",
    );
    malformed(
        BlockKind::Request,
        &[(":method", "GET"), (":scheme", "https")],
        ":path",
    );
    // :authority is optional (a Host field may stand in for it).
    assert!(run(
        BlockKind::Request,
        &[
            (":method", "GET"),
            (":scheme", "http"),
            (":path", "/"),
            ("host", "h")
        ]
    )
    .is_ok());
}

#[test]
fn rfc9113_8_3_1_empty_path_for_http_is_malformed() {
    malformed(
        BlockKind::Request,
        &[(":method", "GET"), (":scheme", "https"), (":path", "")],
        "empty :path",
    );
    // Other schemes may have an empty path.
    assert!(run(
        BlockKind::Request,
        &[(":method", "GET"), (":scheme", "foo"), (":path", "")]
    )
    .is_ok());
    assert!(run(
        BlockKind::Request,
        &[(":method", "OPTIONS"), (":scheme", "http"), (":path", "*")]
    )
    .is_ok());
}

#[test]
fn rfc9110_9_1_method_must_be_a_token() {
    malformed(
        BlockKind::Request,
        &[(":method", "G T"), (":scheme", "https"), (":path", "/")],
        "token",
    );
    malformed(
        BlockKind::Request,
        &[(":method", ""), (":scheme", "https"), (":path", "/")],
        "token",
    );
    let info = run(
        BlockKind::Request,
        &[
            (":method", "PROPFIND"),
            (":scheme", "https"),
            (":path", "/"),
        ],
    )
    .unwrap();
    assert_eq!(info.method, Some(Method::Other));
}

#[test]
fn rfc9113_8_5_connect_has_only_method_and_authority() {
    let info = run(
        BlockKind::Request,
        &[(":method", "CONNECT"), (":authority", "h:443")],
    )
    .unwrap();
    assert!(info.is_connect());
    malformed(BlockKind::Request, &[(":method", "CONNECT")], ":authority");
    malformed(
        BlockKind::Request,
        &[
            (":method", "CONNECT"),
            (":authority", "h:443"),
            (":path", "/"),
        ],
        "§8.5",
    );
    malformed(
        BlockKind::Request,
        &[
            (":method", "CONNECT"),
            (":authority", "h:443"),
            (":scheme", "https"),
        ],
        "§8.5",
    );
}

#[test]
fn rfc8441_4_extended_connect_needs_scheme_and_path() {
    let ext = [
        (":method", "CONNECT"),
        (":protocol", "websocket"),
        (":scheme", "https"),
        (":path", "/chat"),
        (":authority", "h"),
    ];
    let info = run(BlockKind::Request, &ext).unwrap();
    assert!(info.is_connect() && info.has_protocol);
    malformed(BlockKind::Request, &ext[..3], ":path");
    malformed(
        BlockKind::Request,
        &with(GET, &[(":protocol", "websocket")]),
        "RFC 8441",
    );
}

#[test]
fn rfc9113_8_3_2_response_needs_one_three_digit_status() {
    let info = run(BlockKind::Response, &[(":status", "204"), ("server", "x")]).unwrap();
    assert_eq!(info.status, Some(204));
    assert!(!info.is_informational());
    assert!(run(BlockKind::Response, &[(":status", "103")])
        .unwrap()
        .is_informational());
    malformed(BlockKind::Response, &[("server", "x")], ":status");
    for s in ["20", "2000", "abc", "099", "2x0", "+20", ""] {
        malformed(BlockKind::Response, &[(":status", s)], "three digits");
    }
}

#[test]
fn rfc9113_8_6_status_101_is_malformed() {
    malformed(BlockKind::Response, &[(":status", "101")], "§8.6");
}

#[test]
fn rfc9113_8_4_pushed_request_must_be_safe_and_cacheable() {
    for m in ["GET", "HEAD"] {
        let info = run(
            BlockKind::PushPromise,
            &[
                (":method", m),
                (":scheme", "https"),
                (":path", "/p"),
                (":authority", "a"),
            ],
        )
        .unwrap();
        assert!(info.method == Some(Method::Get) || info.is_head());
    }
    for m in ["POST", "PUT", "DELETE", "CONNECT", "OPTIONS"] {
        malformed(
            BlockKind::PushPromise,
            &[
                (":method", m),
                (":scheme", "https"),
                (":path", "/p"),
                (":authority", "a"),
            ],
            "§8.4",
        );
    }
    malformed(BlockKind::PushPromise, &[(":status", "200")], "§8.3");
}

#[test]
fn rfc9113_8_1_1_content_length_is_parsed_and_copies_must_agree() {
    let info = run(
        BlockKind::Response,
        &[
            (":status", "200"),
            ("content-length", "42"),
            ("content-length", "42"),
        ],
    )
    .unwrap();
    assert_eq!(info.content_length, Some(42));
    malformed(
        BlockKind::Response,
        &[
            (":status", "200"),
            ("content-length", "1"),
            ("content-length", "2"),
        ],
        "disagree",
    );
    for v in ["", "-1", "1.0", "0x10", "1,1", "18446744073709551616"] {
        malformed(
            BlockKind::Response,
            &[(":status", "200"), ("content-length", v)],
            "content-length",
        );
    }
    let max = run(
        BlockKind::Request,
        &with(GET, &[("content-length", "18446744073709551615")]),
    )
    .unwrap();
    assert_eq!(max.content_length, Some(u64::MAX));
}

#[test]
fn first_error_is_sticky() {
    let mut c = BlockChecker::new(BlockKind::Request);
    let e = c.field(b"Bad", b"x").unwrap_err();
    assert_eq!(c.field(b":method", b"GET"), Err(e));
    assert_eq!(c.finish(), Err(e));
}
