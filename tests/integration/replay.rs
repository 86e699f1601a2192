//! Classroom replay: `--step` driven by keys in a real terminal (tmux), `--realtime` finishing in
//! order, and both refused with a clear message where there is no terminal or no saved capture.
//! Nothing here measures time: waits only guard against hanging.

use crate::helpers::{root, run, stderr};
use crate::tmux::Tmux;

/// A shell command that runs portlens with `args`, then says how it exited and keeps the terminal
/// open so that the test can read it.
fn in_terminal(args: &str) -> String {
    format!(
        "{} {args}; echo \"portlens exited with status $?\"; sleep 600",
        env!("CARGO_BIN_EXE_portlens")
    )
}

/// The packet numbers whose headings (`packet N · …`) are on screen, top to bottom.
fn headings(screen: &str) -> Vec<u64> {
    screen
        .lines()
        .filter_map(|line| line.strip_prefix("packet "))
        .filter_map(|rest| rest.split(' ').next()?.parse().ok())
        .collect()
}

/// The step-by-step prompt on screen: (packet number, whether it says it is the last one).
fn prompt(screen: &str) -> Option<(u64, bool)> {
    let line = screen.lines().find(|l| l.starts_with("── packet "))?;
    let rest = &line["── packet ".len()..];
    let number = rest
        .split(|c: char| !c.is_ascii_digit())
        .next()?
        .parse()
        .ok()?;
    Some((number, line.contains("the last one")))
}

/// Waits until the terminal shows packet `number` alone, with the prompt under it.
fn wait_for_packet(tmux: &Tmux, number: u64, last: bool) -> String {
    tmux.wait_for(&format!("packet {number} alone"), |screen| {
        headings(screen) == vec![number] && prompt(screen) == Some((number, last))
    })
}

#[test]
fn step_moves_forward_and_back_and_quits_on_q() {
    let Some(tmux) = Tmux::start(&in_terminal("demo ping --step --color never")) else {
        return;
    };
    let first = wait_for_packet(&tmux, 1, false);
    assert!(
        first.contains("Enter, space or n: next · b: back · q: quit"),
        "{first}"
    );
    tmux.keys(&["n"]);
    wait_for_packet(&tmux, 2, false);
    tmux.keys(&["Space"]);
    wait_for_packet(&tmux, 3, false);
    // Back re-shows the packets already seen, the same text as the first time.
    tmux.keys(&["b"]);
    let again = wait_for_packet(&tmux, 2, false);
    assert!(again.contains("echo reply (type 0, code 0)"), "{again}");
    tmux.keys(&["Left"]);
    let back_to_first = wait_for_packet(&tmux, 1, false);
    assert_eq!(
        back_to_first.trim_end(),
        first.trim_end(),
        "going back shows the packet exactly as before"
    );
    // Back on the first packet stays there.
    tmux.keys(&["b", "Enter"]);
    wait_for_packet(&tmux, 2, false);
    tmux.keys(&["q"]);
    let end = tmux.wait_for("portlens exiting", |s| s.contains("portlens exited"));
    assert!(end.contains("portlens exited with status 0"), "{end}");
    assert_eq!(headings(&end), vec![2], "q leaves the packet on screen");
}

#[test]
fn step_reaches_the_end_and_can_still_go_back() {
    let Some(tmux) = Tmux::start(&in_terminal("demo dns-udp --step --color never")) else {
        return;
    };
    wait_for_packet(&tmux, 1, false);
    tmux.keys(&["n"]);
    wait_for_packet(&tmux, 2, false);
    tmux.keys(&["n"]);
    wait_for_packet(&tmux, 2, true);
    tmux.keys(&["b"]);
    wait_for_packet(&tmux, 1, false);
    tmux.keys(&["n"]);
    wait_for_packet(&tmux, 2, true);
    tmux.keys(&["Enter"]);
    let end = tmux.wait_for("portlens exiting", |s| s.contains("portlens exited"));
    assert!(end.contains("portlens exited with status 0"), "{end}");
}

#[test]
fn step_works_on_a_file_with_json() {
    let sample = root().join("samples/arp.pcap");
    let command = in_terminal(&format!("-r {} --step --json", sample.display()));
    let Some(tmux) = Tmux::start(&command) else {
        return;
    };
    tmux.wait_for("the first JSON packet", |s| {
        s.starts_with("{\"number\":1,") && prompt(s) == Some((1, false))
    });
    tmux.keys(&["n"]);
    tmux.wait_for("the second JSON packet", |s| {
        s.starts_with("{\"number\":2,") && prompt(s) == Some((2, false))
    });
    tmux.keys(&["q"]);
    tmux.wait_for("portlens exiting", |s| {
        s.contains("portlens exited with status 0")
    });
}

#[test]
fn realtime_at_high_speed_finishes_with_every_packet_in_order() {
    let Some(tmux) = Tmux::start(&in_terminal(
        "demo ping6 --realtime --speed 1000 --color never",
    )) else {
        return;
    };
    tmux.wait_for("portlens exiting", |s| s.contains("portlens exited"));
    let history = tmux.history();
    assert!(
        history.contains("portlens exited with status 0"),
        "{history}"
    );
    assert_eq!(
        headings(&history),
        (1..=8).collect::<Vec<u64>>(),
        "{history}"
    );
}

#[test]
fn step_without_a_keyboard_is_refused() {
    let Some(tmux) = Tmux::start(&in_terminal("demo ping --step < /dev/null")) else {
        return;
    };
    let screen = tmux.wait_for("portlens exiting", |s| s.contains("portlens exited"));
    assert!(screen.contains("portlens exited with status 2"), "{screen}");
    assert!(
        screen.contains("standard input is not a terminal"),
        "{screen}"
    );
}

#[test]
fn step_and_realtime_are_refused_on_a_pipe() {
    let sample = root().join("samples/ping.pcap");
    let sample = sample.to_str().unwrap();
    for args in [
        &["demo", "ping", "--step"][..],
        &["demo", "ping", "--realtime"],
        &["demo", "ping", "--speed", "4"],
        &["-r", sample, "--step"],
        &["-r", sample, "--realtime", "--json"],
    ] {
        let output = run(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty(), "{args:?} wrote packets");
        let text = stderr(&output);
        assert!(
            text.contains("standard output is not a terminal here (a pipe or a file)"),
            "{args:?}: {text}"
        );
        assert!(text.contains("leave out --"), "{args:?}: {text}");
    }
}

#[test]
fn replaying_a_live_capture_is_refused() {
    for flag in ["--step", "--realtime"] {
        let output = run(&["-i", "lo", flag]);
        assert_eq!(output.status.code(), Some(2), "{flag}");
        let text = stderr(&output);
        assert!(
            text.contains(&format!(
                "{flag} replays a capture file or a built-in sample"
            )),
            "{text}"
        );
    }
}

#[test]
fn bad_speeds_and_mixed_paces_are_usage_errors() {
    for args in [
        &["demo", "--speed", "0"][..],
        &["demo", "--speed", "-2"],
        &["demo", "--speed", "fast"],
        &["demo", "--step", "--realtime"],
        &["demo", "--step", "--speed", "2"],
    ] {
        let output = run(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
    }
    assert!(stderr(&run(&["demo", "--speed", "0"])).contains("the speed is a number above 0"));
}
