//! Connection core conformance, RFC 9113 §8: HTTP message rules (§8.1 framing and
//! content-length, §8.2 field names and values, connection-specific fields and `te`, §8.3
//! pseudo-header fields, §8.4 push, §8.5 CONNECT). A malformed message is a stream error of
//! type PROTOCOL_ERROR (§8.1.1): the core answers RST_STREAM(PROTOCOL_ERROR), never delivers
//! the block, and the connection goes on.

mod support;

use http2::frame::StreamId;
use http2::proto::{Event, HeadersKind};
use support::harness::{fields, state, status, Harness};
use support::wire::{self, code};

const EH: u8 = wire::END_HEADERS;
const ES: u8 = wire::END_STREAM;

const GET: [(&str, &str); 4] = [
    (":method", "GET"),
    (":scheme", "https"),
    (":authority", "example.com"),
    (":path", "/"),
];

/// Feeds a request block to a fresh server and checks it is refused as malformed: RST_STREAM
/// PROTOCOL_ERROR on stream 1, no request reported, the connection still usable.
fn assert_malformed_request(block: &[(&str, &str)]) {
    let mut h = Harness::server();
    h.feed(&wire::headers(1, &wire::block(block), EH | ES));
    h.expect_rst(1, code::PROTOCOL_ERROR);
    assert!(
        !h.saw(|e| matches!(e, Event::Headers { .. })),
        "malformed request delivered: {block:?}"
    );
    assert_eq!(h.state(1), None);
    h.open(3, true);
    h.expect_no_error();
}

/// A fresh server accepts this request block.
fn assert_valid_request(block: &[(&str, &str)]) -> Harness {
    let mut h = Harness::server();
    h.feed(&wire::headers(1, &wire::block(block), EH | ES));
    h.expect_no_error();
    assert!(
        h.saw(|e| matches!(
            e,
            Event::Headers {
                kind: HeadersKind::Request,
                ..
            }
        )),
        "valid request not delivered: {block:?}"
    );
    h
}

/// GET plus extra regular fields.
fn get_with(extra: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
    let mut v = GET.to_vec();
    v.extend_from_slice(extra);
    v
}

/// A client whose request 1 (END_STREAM) is waiting for its response.
fn client_waiting() -> (Harness, u32) {
    let mut h = Harness::client();
    let id = h.request(true);
    h.sent();
    (h, id)
}

fn assert_malformed_response(block: &[(&str, &str)]) {
    let (mut h, id) = client_waiting();
    h.feed(&wire::headers(id, &wire::block(block), EH | ES));
    h.expect_rst(id, code::PROTOCOL_ERROR);
    assert!(
        !h.saw(|e| matches!(e, Event::Headers { .. })),
        "malformed response delivered: {block:?}"
    );
}

// ----- §8.1 HTTP message framing ------------------------------------------------------------

/// RFC 9113 §8.1: a request is HEADERS, DATA*, optional trailers; events keep wire order.
#[test]
fn rfc9113_8_1_request_with_body_and_trailers() {
    let mut h = Harness::server();
    h.feed(&wire::headers(
        1,
        &wire::block(&[
            (":method", "POST"),
            (":scheme", "https"),
            (":authority", "a"),
            (":path", "/up"),
        ]),
        EH,
    ));
    h.feed(&wire::data(1, b"part1", false));
    h.feed(&wire::data(1, b"part2", false));
    h.feed(&wire::headers(
        1,
        &wire::block(&[("x-digest", "abc")]),
        EH | ES,
    ));
    h.expect_no_error();
    let ev = h.events();
    assert!(
        matches!(
            &ev[..],
            [
                Event::Headers {
                    kind: HeadersKind::Request,
                    ..
                },
                Event::Data { .. },
                Event::Data { .. },
                Event::Headers {
                    kind: HeadersKind::Trailers,
                    end_stream: true,
                    ..
                }
            ]
        ),
        "{ev:?}"
    );
}

/// RFC 9113 §8.1.1: "A request or response is also malformed if the value of a content-length
/// header field does not equal the sum of the DATA frame payload lengths": body too short at
/// END_STREAM.
#[test]
fn rfc9113_8_1_1_content_length_longer_than_body() {
    let mut h = Harness::server();
    h.feed(&wire::headers(
        1,
        &wire::block(&get_with(&[("content-length", "10")])),
        EH,
    ));
    h.feed(&wire::data(1, b"12345", true));
    h.expect_rst(1, code::PROTOCOL_ERROR);
}

/// RFC 9113 §8.1.1: body longer than content-length is malformed at the DATA that overflows.
#[test]
fn rfc9113_8_1_1_content_length_shorter_than_body() {
    let mut h = Harness::server();
    h.feed(&wire::headers(
        1,
        &wire::block(&get_with(&[("content-length", "3")])),
        EH,
    ));
    h.feed(&wire::data(1, b"12", false));
    h.expect_no_error();
    h.events();
    h.feed(&wire::data(1, b"34", false));
    h.expect_rst(1, code::PROTOCOL_ERROR);
    assert!(!h.saw(|e| matches!(e, Event::Data { .. })));
}

/// RFC 9113 §8.1.1: a matching content-length over several DATA frames is fine.
#[test]
fn rfc9113_8_1_1_content_length_matching() {
    let mut h = Harness::server();
    h.feed(&wire::headers(
        1,
        &wire::block(&get_with(&[("content-length", "6")])),
        EH,
    ));
    h.feed(&wire::data(1, b"123", false));
    h.feed(&wire::padded_data(1, b"456", 9, true));
    h.expect_no_error();
    assert_eq!(h.state(1), Some(state::HALF_CLOSED_REMOTE));
}

/// RFC 9113 §8.1.1: a nonzero content-length with END_STREAM on the HEADERS (no body at all).
#[test]
fn rfc9113_8_1_1_content_length_without_body() {
    assert_malformed_request(&get_with(&[("content-length", "1")]));
}

/// RFC 9113 §8.1.1: content-length 0 with END_STREAM on the HEADERS is fine.
#[test]
fn rfc9113_8_1_1_content_length_zero_without_body() {
    assert_valid_request(&get_with(&[("content-length", "0")]));
}

/// RFC 9110 §8.6 (via §8.1.1): a content-length that is not a number is malformed.
#[test]
fn rfc9113_8_1_1_content_length_not_a_number() {
    assert_malformed_request(&get_with(&[("content-length", "12a")]));
}

/// RFC 9110 §8.6: two content-length fields that disagree.
#[test]
fn rfc9113_8_1_1_content_length_values_disagree() {
    assert_malformed_request(&get_with(&[
        ("content-length", "0"),
        ("content-length", "1"),
    ]));
}

/// RFC 9110 §8.6: two content-length fields that agree are accepted.
#[test]
fn rfc9113_8_1_1_content_length_values_agree() {
    assert_valid_request(&get_with(&[
        ("content-length", "0"),
        ("content-length", "0"),
    ]));
}

/// RFC 9113 §8.1.1: the response's content-length is checked by the client as well.
#[test]
fn rfc9113_8_1_1_response_content_length_mismatch() {
    let (mut h, id) = client_waiting();
    h.feed(&wire::headers(
        id,
        &wire::block(&[(":status", "200"), ("content-length", "4")]),
        EH,
    ));
    h.feed(&wire::data(id, b"12345", true));
    h.expect_rst(id, code::PROTOCOL_ERROR);
}

/// RFC 9113 §8.1.1, RFC 9110 §9.3.2: a response to HEAD has no body whatever its
/// content-length says; END_STREAM on the HEADERS is fine.
#[test]
fn rfc9113_8_1_1_head_response_without_body() {
    let mut h = Harness::client();
    let id = h
        .conn
        .send_request(
            fields(&[
                (":method", "HEAD"),
                (":scheme", "https"),
                (":authority", "a"),
                (":path", "/"),
            ]),
            true,
            None,
        )
        .unwrap()
        .get();
    h.sent();
    h.feed(&wire::headers(
        id,
        &wire::block(&[(":status", "200"), ("content-length", "1000")]),
        EH | ES,
    ));
    h.expect_no_error();
    assert_eq!(h.state(id), None);
}

/// RFC 9110 §9.3.2: a body on a HEAD response is malformed.
#[test]
fn rfc9113_8_1_1_head_response_with_body() {
    let mut h = Harness::client();
    let id = h
        .conn
        .send_request(
            fields(&[
                (":method", "HEAD"),
                (":scheme", "https"),
                (":authority", "a"),
                (":path", "/"),
            ]),
            true,
            None,
        )
        .unwrap()
        .get();
    h.sent();
    h.feed(&wire::headers(id, &wire::block(&[(":status", "200")]), EH));
    h.feed(&wire::data(id, b"x", true));
    h.expect_rst(id, code::PROTOCOL_ERROR);
}

/// RFC 9110 §6.4.1: a 204 response has no content; DATA on it is malformed.
#[test]
fn rfc9113_8_1_1_no_content_response_with_body() {
    let (mut h, id) = client_waiting();
    h.feed(&wire::headers(id, &wire::block(&[(":status", "204")]), EH));
    h.feed(&wire::data(id, b"x", true));
    h.expect_rst(id, code::PROTOCOL_ERROR);
}

/// RFC 9113 §8.1: trailers "MUST NOT include pseudo-header fields".
#[test]
fn rfc9113_8_1_trailers_with_pseudo_header() {
    let mut h = Harness::server();
    h.open(1, false);
    h.feed(&wire::headers(1, &wire::block(&[(":path", "/x")]), EH | ES));
    h.expect_rst(1, code::PROTOCOL_ERROR);
}

/// RFC 9113 §8.1, SST-5: our response: HEADERS then DATA then trailers with END_STREAM.
#[test]
fn rfc9113_8_1_sst_5_response_with_trailers() {
    let mut h = Harness::server();
    h.open(1, true);
    h.conn
        .send_headers(StreamId::new(1), status("200"), false)
        .unwrap();
    h.conn
        .send_data(StreamId::new(1), "hello".into(), false)
        .unwrap();
    h.conn
        .send_trailers(StreamId::new(1), fields(&[("x-done", "1")]))
        .unwrap();
    let frames = h.sent();
    let kinds: Vec<(u8, bool)> = frames.iter().map(|f| (f.kind, f.has(ES))).collect();
    assert_eq!(
        kinds,
        vec![
            (wire::HEADERS, false),
            (wire::DATA, false),
            (wire::HEADERS, true)
        ]
    );
    assert_eq!(h.state(1), None);
}

/// RFC 9113 §8.1, SST-1: an informational response never ends the stream (API refuses).
#[test]
fn rfc9113_8_1_sst_1_informational_cannot_end_stream() {
    let mut h = Harness::server();
    h.open(1, true);
    let err = h
        .conn
        .send_headers(StreamId::new(1), status("103"), true)
        .unwrap_err();
    assert_eq!(err.code(), "ERR_HTTP2_INVALID_INFO_STATUS");
    h.conn
        .send_headers(StreamId::new(1), status("103"), false)
        .unwrap();
    h.conn
        .send_headers(StreamId::new(1), status("200"), true)
        .unwrap();
    let hs: Vec<bool> = h
        .sent()
        .iter()
        .filter(|f| f.is(wire::HEADERS))
        .map(|f| f.has(ES))
        .collect();
    assert_eq!(hs, vec![false, true]);
    let err = h
        .conn
        .send_headers(StreamId::new(1), status("200"), true)
        .unwrap_err();
    assert_eq!(err.code(), "ERR_HTTP2_INVALID_STREAM");
}

/// RFC 9113 §8.1: a final response can only be sent once.
#[test]
fn rfc9113_8_1_sst_5_headers_sent_twice() {
    let mut h = Harness::server();
    h.open(1, false);
    h.conn
        .send_headers(StreamId::new(1), status("200"), false)
        .unwrap();
    let err = h
        .conn
        .send_headers(StreamId::new(1), status("200"), false)
        .unwrap_err();
    assert_eq!(err.code(), "ERR_HTTP2_HEADERS_SENT");
}

// ----- §8.2 HTTP fields ---------------------------------------------------------------------

/// RFC 9113 §8.2.1: "A field name MUST NOT contain characters in the ranges 0x41 to 0x5a
/// (A to Z)" — "a request or response that contains uppercase characters in field names MUST
/// be treated as malformed."
#[test]
fn rfc9113_8_2_uppercase_field_name() {
    assert_malformed_request(&get_with(&[("X-Upper", "1")]));
}

/// RFC 9113 §8.2.1: a space in a field name.
#[test]
fn rfc9113_8_2_1_space_in_field_name() {
    assert_malformed_request(&get_with(&[("x y", "1")]));
}

/// RFC 9113 §8.2.1: a byte above 0x7e in a field name.
#[test]
fn rfc9113_8_2_1_non_ascii_in_field_name() {
    assert_malformed_request(&get_with(&[("x-\u{e9}", "1")]));
}

/// RFC 9113 §8.2.1: a colon anywhere but at the start of a name.
#[test]
fn rfc9113_8_2_1_colon_inside_field_name() {
    assert_malformed_request(&get_with(&[("x:y", "1")]));
}

/// RFC 9113 §8.2.1: an empty field name.
#[test]
fn rfc9113_8_2_1_empty_field_name() {
    assert_malformed_request(&get_with(&[("", "1")]));
}

/// RFC 9113 §8.2.1: "A field value MUST NOT contain the zero value (ASCII NUL, 0x00), line feed
/// (ASCII LF, 0x0a), or carriage return (ASCII CR, 0x0d) at any position."
#[test]
fn rfc9113_8_2_1_nul_in_field_value() {
    assert_malformed_request(&get_with(&[("x-v", "a\0b")]));
}

/// RFC 9113 §8.2.1: CR LF in a value (header injection).
#[test]
fn rfc9113_8_2_1_crlf_in_field_value() {
    assert_malformed_request(&get_with(&[("x-v", "a\r\nx-evil: 1")]));
}

/// RFC 9113 §8.2.1: "A field value MUST NOT start or end with an ASCII whitespace character".
#[test]
fn rfc9113_8_2_1_leading_whitespace_in_value() {
    assert_malformed_request(&get_with(&[("x-v", " a")]));
}

/// RFC 9113 §8.2.1: trailing tab.
#[test]
fn rfc9113_8_2_1_trailing_tab_in_value() {
    assert_malformed_request(&get_with(&[("x-v", "a\t")]));
}

/// RFC 9113 §8.2.1: whitespace inside a value is fine, and so is an empty value.
#[test]
fn rfc9113_8_2_1_inner_whitespace_and_empty_value_ok() {
    assert_valid_request(&get_with(&[("x-v", "a b\tc"), ("x-empty", "")]));
}

/// RFC 9113 §8.2.2: "An endpoint MUST NOT generate an HTTP/2 message containing
/// connection-specific header fields ... Any message containing connection-specific header
/// fields MUST be treated as malformed" (connection).
#[test]
fn rfc9113_8_2_2_connection_field() {
    assert_malformed_request(&get_with(&[("connection", "keep-alive")]));
}

/// RFC 9113 §8.2.2: keep-alive.
#[test]
fn rfc9113_8_2_2_keep_alive_field() {
    assert_malformed_request(&get_with(&[("keep-alive", "timeout=5")]));
}

/// RFC 9113 §8.2.2: proxy-connection.
#[test]
fn rfc9113_8_2_2_proxy_connection_field() {
    assert_malformed_request(&get_with(&[("proxy-connection", "close")]));
}

/// RFC 9113 §8.2.2: transfer-encoding.
#[test]
fn rfc9113_8_2_2_transfer_encoding_field() {
    assert_malformed_request(&get_with(&[("transfer-encoding", "chunked")]));
}

/// RFC 9113 §8.2.2: upgrade.
#[test]
fn rfc9113_8_2_2_upgrade_field() {
    assert_malformed_request(&get_with(&[("upgrade", "h2c")]));
}

/// RFC 9113 §8.2.2: "The only exception to this is the TE header field, which MAY be present in
/// an HTTP/2 request; when it is, it MUST NOT contain any value other than 'trailers'."
#[test]
fn rfc9113_8_2_2_te_trailers_allowed() {
    assert_valid_request(&get_with(&[("te", "trailers")]));
}

/// RFC 9113 §8.2.2: te with another value.
#[test]
fn rfc9113_8_2_2_te_gzip_malformed() {
    assert_malformed_request(&get_with(&[("te", "gzip")]));
}

/// RFC 9113 §8.2.2: te listing trailers among others is still another value.
#[test]
fn rfc9113_8_2_2_te_list_malformed() {
    assert_malformed_request(&get_with(&[("te", "trailers, deflate")]));
}

/// RFC 9113 §8.2.2: connection-specific fields in a response are malformed too.
#[test]
fn rfc9113_8_2_2_connection_field_in_response() {
    assert_malformed_response(&[(":status", "200"), ("connection", "close")]);
}

/// RFC 9113 §8.2.2: and in trailers.
#[test]
fn rfc9113_8_2_2_connection_field_in_trailers() {
    let mut h = Harness::server();
    h.open(1, false);
    h.feed(&wire::headers(
        1,
        &wire::block(&[("transfer-encoding", "chunked")]),
        EH | ES,
    ));
    h.expect_rst(1, code::PROTOCOL_ERROR);
}

// ----- §8.3 pseudo-header fields ------------------------------------------------------------

/// RFC 9113 §8.3: "Endpoints MUST treat a request or response that contains undefined or
/// invalid pseudo-header fields as malformed."
#[test]
fn rfc9113_8_3_unknown_pseudo_header() {
    assert_malformed_request(&[
        (":method", "GET"),
        (":scheme", "https"),
        (":path", "/"),
        (":foo", "bar"),
    ]);
}

/// RFC 9113 §8.3: "Pseudo-header fields defined for responses MUST NOT appear in requests."
#[test]
fn rfc9113_8_3_status_in_request() {
    assert_malformed_request(&[
        (":method", "GET"),
        (":scheme", "https"),
        (":path", "/"),
        (":status", "200"),
    ]);
}

/// RFC 9113 §8.3: "Pseudo-header fields defined for requests MUST NOT appear in responses."
#[test]
fn rfc9113_8_3_path_in_response() {
    assert_malformed_response(&[(":status", "200"), (":path", "/")]);
}

/// RFC 9113 §8.3: "All pseudo-header fields MUST appear in a field block before all regular
/// field lines."
#[test]
fn rfc9113_8_3_pseudo_after_regular() {
    assert_malformed_request(&[
        (":method", "GET"),
        (":scheme", "https"),
        ("accept", "*/*"),
        (":path", "/"),
    ]);
}

/// RFC 9113 §8.3.1: "The same pseudo-header field name MUST NOT appear more than once".
#[test]
fn rfc9113_8_3_1_duplicated_path() {
    assert_malformed_request(&[
        (":method", "GET"),
        (":scheme", "https"),
        (":path", "/"),
        (":path", "/"),
    ]);
}

/// RFC 9113 §8.3.1: duplicated :method.
#[test]
fn rfc9113_8_3_1_duplicated_method() {
    assert_malformed_request(&[
        (":method", "GET"),
        (":method", "POST"),
        (":scheme", "https"),
        (":path", "/"),
    ]);
}

/// RFC 9113 §8.3.1: "All HTTP/2 requests MUST include exactly one valid value for the :method,
/// :scheme, and :path pseudo-header fields, unless this is a CONNECT request" (no :method).
#[test]
fn rfc9113_8_3_1_missing_method() {
    assert_malformed_request(&[(":scheme", "https"), (":authority", "a"), (":path", "/")]);
}

/// RFC 9113 §8.3.1: no :scheme.
#[test]
fn rfc9113_8_3_1_missing_scheme() {
    assert_malformed_request(&[(":method", "GET"), (":authority", "a"), (":path", "/")]);
}

/// RFC 9113 §8.3.1: no :path.
#[test]
fn rfc9113_8_3_1_missing_path() {
    assert_malformed_request(&[
        (":method", "GET"),
        (":scheme", "https"),
        (":authority", "a"),
    ]);
}

/// RFC 9113 §8.3.1: ":path ... MUST NOT be empty" for http or https URIs.
#[test]
fn rfc9113_8_3_1_empty_path() {
    assert_malformed_request(&[(":method", "GET"), (":scheme", "https"), (":path", "")]);
}

/// RFC 9113 §8.3.1: :authority may be omitted; OPTIONS with `*` is a valid path.
#[test]
fn rfc9113_8_3_1_authority_optional_and_asterisk_path() {
    assert_valid_request(&[(":method", "OPTIONS"), (":scheme", "https"), (":path", "*")]);
}

/// RFC 9113 §8.3.1, RFC 9110 §9.1: a method that is not a token.
#[test]
fn rfc9113_8_3_1_method_not_a_token() {
    assert_malformed_request(&[(":method", "G T"), (":scheme", "https"), (":path", "/")]);
}

/// RFC 9113 §8.3.2: "For HTTP/2 responses, a single :status pseudo-header field is defined ...
/// This pseudo-header field MUST be included in all responses".
#[test]
fn rfc9113_8_3_2_response_without_status() {
    assert_malformed_response(&[("content-type", "text/plain")]);
}

/// RFC 9113 §8.3.2: :status of two digits.
#[test]
fn rfc9113_8_3_2_status_not_three_digits() {
    assert_malformed_response(&[(":status", "20")]);
}

/// RFC 9113 §8.6: "HTTP/2 removes support for the 101 (Switching Protocols) informational
/// status code".
#[test]
fn rfc9113_8_6_status_101() {
    assert_malformed_response(&[(":status", "101")]);
}

/// RFC 9113 §8.3.2: duplicated :status.
#[test]
fn rfc9113_8_3_2_duplicated_status() {
    assert_malformed_response(&[(":status", "200"), (":status", "204")]);
}

/// RFC 9113 §8.3: a valid request's fields reach the application in wire order.
#[test]
fn rfc9113_8_3_valid_request_fields_in_order() {
    let mut h = Harness::server();
    h.feed(&wire::headers(
        1,
        &wire::block(&get_with(&[
            ("accept", "*/*"),
            ("cookie", "a=1"),
            ("cookie", "b=2"),
        ])),
        EH | ES,
    ));
    h.expect_no_error();
    let ev = h.events();
    let Some(Event::Headers { headers, .. }) = ev.first() else {
        panic!("{ev:?}")
    };
    let names: Vec<&[u8]> = headers.iter().map(|f| &f.name[..]).collect();
    assert_eq!(
        names,
        vec![
            &b":method"[..],
            b":scheme",
            b":authority",
            b":path",
            b"accept",
            b"cookie",
            b"cookie"
        ]
    );
}

// ----- §8.4 server push ---------------------------------------------------------------------

/// RFC 9113 §8.4: "The server MUST include a value in the :authority pseudo-header field" — and
/// the promised request must be complete: a promise without :scheme is refused on the promised
/// stream.
#[test]
fn rfc9113_8_4_promised_request_without_scheme() {
    let (mut h, id) = client_waiting();
    h.feed(&wire::push_promise(
        id,
        2,
        &wire::block(&[(":method", "GET"), (":authority", "a"), (":path", "/")]),
        true,
    ));
    h.expect_rst(2, code::PROTOCOL_ERROR);
    assert!(!h.saw(|e| matches!(e, Event::PushPromise { .. })));
}

/// RFC 9113 §8.4: "Promised requests MUST be cacheable ... MUST be safe ... MUST NOT include a
/// request body": HEAD is allowed.
#[test]
fn rfc9113_8_4_promised_head_request_accepted() {
    let (mut h, id) = client_waiting();
    h.feed(&wire::push_promise(
        id,
        2,
        &wire::block(&[
            (":method", "HEAD"),
            (":scheme", "https"),
            (":authority", "a"),
            (":path", "/"),
        ]),
        true,
    ));
    h.expect_no_error();
    assert_eq!(h.state(2), Some(state::RESERVED_REMOTE));
}

/// RFC 9113 §8.4: a promised DELETE is not safe.
#[test]
fn rfc9113_8_4_promised_delete_refused() {
    let (mut h, id) = client_waiting();
    h.feed(&wire::push_promise(
        id,
        2,
        &wire::block(&[
            (":method", "DELETE"),
            (":scheme", "https"),
            (":authority", "a"),
            (":path", "/"),
        ]),
        true,
    ));
    h.expect_rst(2, code::PROTOCOL_ERROR);
}

/// RFC 9113 §8.4.2: the pushed response to a promised HEAD has no body.
#[test]
fn rfc9113_8_4_pushed_head_response_with_body_malformed() {
    let (mut h, id) = client_waiting();
    h.feed(&wire::push_promise(
        id,
        2,
        &wire::block(&[
            (":method", "HEAD"),
            (":scheme", "https"),
            (":authority", "a"),
            (":path", "/"),
        ]),
        true,
    ));
    h.feed(&wire::headers(2, &wire::block(&[(":status", "200")]), EH));
    h.feed(&wire::data(2, b"x", true));
    h.expect_rst(2, code::PROTOCOL_ERROR);
}

/// RFC 9113 §8.4.1: a malformed pushed response (no :status) is a stream error on the pushed
/// stream only.
#[test]
fn rfc9113_8_4_1_malformed_pushed_response() {
    let (mut h, id) = client_waiting();
    h.feed(&wire::push_promise(id, 2, &wire::get("/p"), true));
    h.feed(&wire::headers(2, &wire::block(&[("x", "y")]), EH));
    h.expect_rst(2, code::PROTOCOL_ERROR);
    assert_eq!(h.state(id), Some(state::HALF_CLOSED_LOCAL));
}

// ----- §8.5 CONNECT -------------------------------------------------------------------------

/// RFC 9113 §8.5: "The :method pseudo-header field is set to CONNECT. The :scheme and :path
/// pseudo-header fields MUST be omitted. The :authority pseudo-header field contains the host
/// and port to connect to"; DATA then carries the tunnel (no content-length rules).
#[test]
fn rfc9113_8_5_connect_accepted_and_tunnels_data() {
    let mut h = Harness::server();
    h.feed(&wire::headers(
        1,
        &wire::block(&[(":method", "CONNECT"), (":authority", "example.com:443")]),
        EH,
    ));
    h.conn
        .send_headers(StreamId::new(1), status("200"), false)
        .unwrap();
    h.feed(&wire::data(1, b"\x16\x03\x01 tls bytes", false));
    h.expect_no_error();
    assert!(h.saw(|e| matches!(e, Event::Data { data, .. } if data.starts_with(b"\x16\x03"))));
    assert_eq!(h.state(1), Some(state::OPEN));
}

/// RFC 9113 §8.5: CONNECT with :path is malformed.
#[test]
fn rfc9113_8_5_connect_with_path() {
    assert_malformed_request(&[
        (":method", "CONNECT"),
        (":authority", "a:443"),
        (":path", "/"),
    ]);
}

/// RFC 9113 §8.5: CONNECT with :scheme is malformed.
#[test]
fn rfc9113_8_5_connect_with_scheme() {
    assert_malformed_request(&[
        (":method", "CONNECT"),
        (":scheme", "https"),
        (":authority", "a:443"),
    ]);
}

/// RFC 9113 §8.5: CONNECT without :authority is malformed.
#[test]
fn rfc9113_8_5_connect_without_authority() {
    assert_malformed_request(&[(":method", "CONNECT")]);
}

/// RFC 8441 §4: :protocol only on CONNECT.
#[test]
fn rfc9113_8_5_protocol_on_get() {
    assert_malformed_request(&[
        (":method", "GET"),
        (":protocol", "websocket"),
        (":scheme", "https"),
        (":path", "/"),
    ]);
}

/// RFC 9113 §8.5: a client CONNECT request goes out with :method and :authority only, and the
/// tunnel DATA flows both ways.
#[test]
fn rfc9113_8_5_client_connect_tunnel() {
    let mut h = Harness::client();
    let id = h
        .conn
        .send_request(
            fields(&[(":method", "CONNECT"), (":authority", "proxy:443")]),
            false,
            None,
        )
        .unwrap();
    h.conn.send_data(id, "ping".into(), false).unwrap();
    let frames = h.sent();
    assert!(
        frames
            .iter()
            .any(|f| f.is(wire::DATA) && f.payload == b"ping"),
        "{frames:?}"
    );
    h.feed(&wire::headers(
        id.get(),
        &wire::block(&[(":status", "200")]),
        EH,
    ));
    h.feed(&wire::data(id.get(), b"pong", false));
    h.expect_no_error();
    assert_eq!(h.state(id.get()), Some(state::OPEN));
}

/// RFC 9113 §8.1: a request block received and its response block sent pass through field
/// lists the core hands around: the list given back after the request block is the one the
/// response takes, the response's spent list comes back once encoded, and neither the
/// request's fields nor the response on the wire are touched by the reuse.
#[test]
fn rfc9113_8_1_field_lists_are_passed_around_not_reallocated() {
    let mut h = Harness::server();
    h.feed(&wire::headers(1, &wire::block(&GET), EH | ES));
    let events = h.events();
    let Some(Event::Headers { headers, .. }) = events.into_iter().find(|e| matches!(e, Event::Headers { .. })) else {
        panic!("no request")
    };
    assert_eq!(headers.len(), 4);
    let at = headers.as_ptr();
    h.conn.give_field_list(headers);
    let mut list = h.conn.take_field_list();
    assert!(list.is_empty());
    assert_eq!(list.as_ptr(), at, "the request's list, reused");
    list.extend(status("200"));
    h.conn.send_headers(StreamId::new(1), list, true).unwrap();
    let sent = h.expect_no_error();
    assert!(!sent.is_empty());
    let again = h.conn.take_field_list();
    assert!(again.is_empty());
    assert_eq!(again.as_ptr(), at, "the response's spent list, back once encoded");
    // A list too large to keep is dropped, not kept.
    h.conn.give_field_list(Vec::with_capacity(1000));
    assert!(h.conn.take_field_list().capacity() < 1000);
}
