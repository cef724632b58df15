//! The event-conformance harness: every event fires as Node's docs say, in Node's order.
//!
//! Each scenario is `NAME.js` (a Node script printing one line per event), `NAME.trace` (the
//! golden: what `node NAME.js` prints, or a hand-written trace marked `# written by hand:`), and
//! a Rust twin `twins::<group>::NAME(&Trace)` registered in [`scenarios!`] below, which must
//! print the same lines. Tests here:
//! - `twin::NAME`: the twin's lines equal the golden (a line diff on mismatch);
//! - `every_scenario_has_js_trace_and_twin`: no `.js` without a twin or golden, no twin without
//!   a `.js`/`.trace`, each `.js` names its API IDs on its first line;
//! - `goldens_match_node`: `node NAME.js` still prints `NAME.trace` (for goldens not written by
//!   hand), so goldens cannot rot; fails if `node` is missing unless `CONFORMANCE_SKIP_NODE=1`.
//!
//! How to add a scenario, regenerate goldens, and what "written by hand" means: README.md here.

mod harness;
mod trace;
mod twins;

use trace::Trace;

/// Registers twins: one line `group::name` per scenario. Builds the table [`SCENARIOS`] and one
/// `#[test]` per scenario (`twin::name`), so a failure names its scenario.
macro_rules! scenarios {
    ($($group:ident :: $name:ident),* $(,)?) => {
        /// Every scenario: (name, twin).
        pub const SCENARIOS: &[(&str, fn(&Trace))] = &[$((stringify!($name), twins::$group::$name)),*];

        mod twin {
            $(
                #[test]
                fn $name() {
                    super::check_twin(stringify!($name), super::twins::$group::$name);
                }
            )*
        }
    };
}

scenarios! {
    emitter::emitter_on_once_prepend_order,
    emitter::emitter_once_removed_by_original,
    emitter::emitter_new_listener_before_adding,
    emitter::emitter_remove_listener_events,
    emitter::emitter_copy_on_emit,
    emitter::emitter_reentrant_emit,
    emitter::emitter_error_event,
    emitter::emitter_max_listeners_warning,
    emitter::emitter_listener_count_event_names,
    emitter::emitter_leading_arguments,
    timers::timers_equal_delays_in_insertion_order,
    timers::timers_timeout_0_is_1,
    timers::timers_next_tick_before_timers_and_immediates,
    timers::timers_next_tick_inside_next_tick,
    timers::timers_ticks_drain_after_each_timer,
    timers::timers_immediate_vs_timeout_in_timer,
    timers::timers_immediate_vs_timeout_in_io,
    timers::timers_immediates_queued_in_check_wait,
    timers::timers_interval_cleared_in_callback,
    timers::timers_unref_does_not_keep_alive,
    timers::timers_clear_timeout_before_fire,
    streams::stream_write_end_finish_close,
    streams::stream_high_water_mark_drain,
    streams::stream_write_after_end,
    streams::stream_destroy_without_error,
    streams::stream_destroy_with_error,
    streams::stream_destroy_error_without_listener,
    streams::stream_destroy_calls_back_pending_writes,
    streams::stream_pause_resume,
    streams::stream_set_encoding_split_utf8,
    streams::stream_set_encoding_counts_utf16_units,
    streams::stream_pipe_backpressure,
    streams::stream_pipe_destination_error,
    http2_basic::http2_request_response,
    http2_lifecycle::http2_post_body,
    http2_lifecycle::http2_rst_codes,
    http2_lifecycle::http2_client_cancel,
    http2_lifecycle::http2_stream_destroy,
    http2_lifecycle::http2_session_destroy,
    http2_lifecycle::http2_goaway_from_server,
    http2_lifecycle::http2_goaway_from_client,
    http2_features::http2_trailers,
    http2_features::http2_request_trailers,
    http2_features::http2_push,
    http2_features::http2_push_disabled,
    http2_features::http2_settings_events,
    http2_features::http2_ping,
    http2_features::http2_additional_headers,
    http2_features::http2_head_and_204,
    http2_features::http2_headers_errors,
    http2_features::http2_goaway_with_error,
    http2_more::http2_stream_timeout,
    http2_more::http2_session_timeout,
    http2_more::http2_server_timeout,
    http2_more::http2_frame_error,
    http2_more::http2_concurrency_limit,
    http2_more::http2_stream_state,
    http2_more::http2_respond_with_file,
    http2_more::http2_respond_with_file_304,
    http2_more::http2_respond_with_file_range,
    http2_more::http2_respond_with_file_missing,
    http2_more::http2_respond_with_fd,
    http2_more::http2_request_aborted,
    http2_more::http2_server_session_destroy,
    http2_more::http2_rst_shortcuts,
    http2_more::http2_stream_closed_event,
    http2_more::http2_shutdown_graceful,
    http2_more::http2_connect_refused,
    http2_more::http2_large_bodies,
    http2_more::http2_close_waits_for_streams,
    http2_more::http2_priority_and_flags,
    http2_more::http2_settings_validation,
    http2_more::http2_client_destroy_before_connect,
    http2_more::http2_push_cancelled_by_client,
    net::net_echo,
    net::net_half_close,
    net::net_backpressure_drain,
    net::net_pipe,
    net::net_connection_refused,
    net::net_address_in_use,
    net::net_destroy_without_error,
    net::net_destroy_with_error,
    net::net_server_close_waits_for_connections,
    net::tls_echo,
}

/// Runs one twin and compares its lines with the golden.
fn check_twin(name: &str, twin: fn(&Trace)) {
    let golden = match harness::read_golden(name) {
        Ok(g) => g,
        Err(e) => panic!("scenario {name}: {e} (run tests/conformance/regen.sh {name})"),
    };
    let t = Trace::new();
    twin(&t);
    if let Err(diff) = harness::compare(&golden.lines, &t.lines()) {
        panic!("scenario {name}: the Rust twin's trace differs from {name}.trace\n{diff}");
    }
}

#[test]
fn every_scenario_has_js_trace_and_twin() {
    let js = harness::names_with("js");
    let traces = harness::names_with("trace");
    let twins: Vec<&str> = SCENARIOS.iter().map(|(n, _)| *n).collect();
    let mut problems = Vec::new();
    for name in &js {
        if !twins.contains(&name.as_str()) {
            problems.push(format!("{name}.js has no Rust twin registered in scenarios! (tests/conformance/main.rs)"));
        }
        if !traces.contains(name) {
            problems.push(format!("{name}.js has no golden {name}.trace (run tests/conformance/regen.sh {name})"));
        }
        let source = std::fs::read_to_string(harness::dir().join(format!("{name}.js"))).unwrap_or_default();
        let first = source.lines().next().unwrap_or("");
        if !first.starts_with("//") || harness::api_ids(first).is_empty() {
            problems.push(format!("{name}.js: the first line must be a comment naming the API IDs it covers, e.g. `// RT-1: ...`"));
        }
    }
    for name in &twins {
        if !js.iter().any(|j| j == name) {
            problems.push(format!("twin {name} has no {name}.js"));
        }
        if !traces.iter().any(|t| t == name) {
            problems.push(format!("twin {name} has no {name}.trace"));
        }
    }
    for name in &traces {
        if !js.contains(name) {
            problems.push(format!("{name}.trace has no {name}.js"));
        }
        match harness::read_golden(name) {
            Ok(g) if g.hand_written.as_deref() == Some("") => {
                problems.push(format!("{name}.trace: `{}` must be followed by the reason", harness::HAND_WRITTEN))
            }
            Ok(g) if g.lines.is_empty() => problems.push(format!("{name}.trace is empty")),
            Ok(_) => {}
            Err(e) => problems.push(e),
        }
    }
    let mut seen = std::collections::HashSet::new();
    for name in &twins {
        if !seen.insert(name) {
            problems.push(format!("twin {name} is registered twice"));
        }
    }
    assert!(problems.is_empty(), "scenario files are out of step:\n{}", problems.join("\n"));
}

#[test]
fn goldens_match_node() {
    if std::env::var_os("CONFORMANCE_SKIP_NODE").is_some_and(|v| v == "1") {
        eprintln!("CONFORMANCE_SKIP_NODE=1: goldens not checked against Node");
        return;
    }
    let mut problems = Vec::new();
    let mut checked = 0;
    for name in harness::names_with("js") {
        let golden = match harness::read_golden(&name) {
            Ok(g) => g,
            Err(e) => {
                problems.push(e);
                continue;
            }
        };
        if golden.hand_written.is_some() {
            continue;
        }
        match harness::run_node(&name) {
            harness::NodeRun::Missing => panic!(
                "`node` (Node 20) is not installed, so the goldens cannot be checked against it: \
                 install it (`apt-get install nodejs`) or set CONFORMANCE_SKIP_NODE=1 to skip this test"
            ),
            harness::NodeRun::Failed(e) => problems.push(format!("{name}: {e}")),
            harness::NodeRun::Output(out) => {
                checked += 1;
                if out != golden.raw {
                    let node_lines: Vec<String> = out.lines().map(str::to_string).collect();
                    let diff = harness::compare(&golden.lines, &node_lines)
                        .err()
                        .unwrap_or_else(|| "(the lines are equal; whitespace or the final newline differs)".to_string());
                    problems.push(format!(
                        "{name}: `node {name}.js` no longer prints {name}.trace (node {}); if Node is right, run regen.sh {name}\n{diff}",
                        harness::node_version()
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
    assert!(checked > 0, "no scenario was checked against Node");
}

#[test]
fn harness_diff_shows_missing_and_extra_lines() {
    let golden: Vec<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
    let actual: Vec<String> = ["a", "c", "d"].iter().map(|s| s.to_string()).collect();
    let diff = harness::compare(&golden, &actual).unwrap_err();
    assert!(diff.contains("\n  a\n- b\n  c\n+ d\n"), "{diff}");
    assert!(harness::compare(&golden, &golden).is_ok());
}

#[test]
fn harness_reads_hand_written_marker_and_api_ids() {
    assert_eq!(harness::api_ids("// EM-1, RT-2 and NET-2: x"), ["EM-1", "RT-2", "NET-2"]);
    assert!(harness::api_ids("// nothing here, XEM-1").is_empty());
    let g = harness::parse_golden("# written by hand: Node 20 differs\nfirst\nsecond\n".to_string());
    assert_eq!(g.hand_written.as_deref(), Some("Node 20 differs"));
    assert_eq!(g.lines, ["first", "second"]);
    let g = harness::parse_golden("first\n# written by hand: not on line 1\n".to_string());
    assert!(g.hand_written.is_none());
    assert_eq!(g.lines.len(), 2);
}
