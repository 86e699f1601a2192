//! Clean stops, for real: a live capture with `-w` inside a network namespace the test creates,
//! real traffic (ping on the namespace's loopback), then a real SIGINT or SIGTERM. portlens must
//! exit 0, print its end-of-run summary, and leave a savefile in which tcpdump reads exactly the
//! packets portlens showed. Needs root, a network namespace, `ip`, `ping` and `tcpdump`: without
//! them a test fails under CI and is skipped elsewhere (`helpers::require`).

use crate::helpers::{Missing, program, require, root_for};
use crate::netns::{Namespace, TempDir, drain};
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Packets portlens must have shown before the signal is sent.
const BEFORE_SIGNAL: usize = 6;
const DEADLINE: Duration = Duration::from_secs(20);

/// A fresh network namespace and the paths of `ping` and `tcpdump`, or what is missing.
pub(crate) fn lab() -> Result<(Namespace, PathBuf, PathBuf), Missing> {
    root_for("a live capture in a network namespace")?;
    let (ip, ping, tcpdump) = (program("ip")?, program("ping")?, program("tcpdump")?);
    Ok((Namespace::create(&ip)?, ping, tcpdump))
}

/// Starts portlens in the namespace with `arguments`, its standard output piped; returns its
/// index among the namespace's children and a thread that collects its standard error.
fn spawn_portlens(
    namespace: &mut Namespace,
    arguments: &[std::ffi::OsString],
) -> (usize, std::thread::JoinHandle<String>) {
    let mut capture = namespace.command(env!("CARGO_BIN_EXE_portlens"));
    capture
        .args(arguments)
        .env("LC_ALL", "C.UTF-8")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let portlens = namespace.spawn(capture);
    let err = drain(namespace.children[portlens].stderr.take().expect("stderr"));
    (portlens, err)
}

/// Sends `signal` to the namespace's child `index` and waits at most `limit` for it to end.
fn signal_and_wait(
    namespace: &mut Namespace,
    index: usize,
    signal: &str,
    limit: Duration,
) -> ExitStatus {
    let pid = namespace.children[index].id();
    let sent = Command::new("kill")
        .args([format!("-{signal}"), pid.to_string()])
        .status()
        .expect("run kill");
    assert!(sent.success(), "kill -{signal} {pid} failed");
    let sent_at = Instant::now();
    loop {
        if let Some(status) = namespace.children[index].try_wait().expect("poll") {
            return status;
        }
        if sent_at.elapsed() > limit {
            let _ = namespace.children[index].kill();
            panic!("portlens did not stop within {limit:?} of SIG{signal}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// What a live capture stopped by a signal left behind.
struct Stopped {
    status: ExitStatus,
    stdout: String,
    stderr: String,
    savefile: PathBuf,
    tcpdump: PathBuf,
    _dir: TempDir,
}

/// Runs `portlens -i lo -w FILE <view> icmp` in a fresh namespace while ping runs there, waits
/// for `BEFORE_SIGNAL` packets (counted by `is_packet_line`), sends `signal`, and waits for the
/// end. `None` when the test is skipped (`helpers::require`).
fn capture_then_signal(
    signal: &str,
    view: &[&str],
    is_packet_line: fn(&str) -> bool,
) -> Option<Stopped> {
    let (mut namespace, ping, tcpdump) = require(lab())?;
    let dir = TempDir::new("stop");
    let savefile = dir.0.join("capture.pcap");
    let mut arguments = vec![
        "-i".into(),
        "lo".into(),
        "-w".into(),
        savefile.clone().into(),
    ];
    arguments.extend(view.iter().map(Into::into));
    arguments.push("icmp".into());
    let (portlens, err) = spawn_portlens(&mut namespace, &arguments);
    let (lines, seen) = mpsc::channel();
    let reader = BufReader::new(namespace.children[portlens].stdout.take().expect("stdout"));
    let out = std::thread::spawn(move || {
        let mut all = String::new();
        for line in reader.lines().map_while(Result::ok) {
            if is_packet_line(&line) {
                let _ = lines.send(());
            }
            all.push_str(&line);
            all.push('\n');
        }
        all
    });

    namespace.ping_loopback(&ping);

    let started = Instant::now();
    let mut shown = 0;
    while shown < BEFORE_SIGNAL {
        let left = DEADLINE.saturating_sub(started.elapsed());
        match seen.recv_timeout(left) {
            Ok(()) => shown += 1,
            Err(_) => panic!(
                "portlens showed {shown} packets in {DEADLINE:?}, not {BEFORE_SIGNAL}; stderr: {}",
                err.join().unwrap_or_default()
            ),
        }
    }
    let stopped_at = Instant::now();
    let status = signal_and_wait(&mut namespace, portlens, signal, Duration::from_secs(10));
    eprintln!(
        "{signal}: portlens stopped {} ms after the signal",
        stopped_at.elapsed().as_millis()
    );
    Some(Stopped {
        status,
        stdout: out.join().expect("stdout reader"),
        stderr: err.join().expect("stderr reader"),
        savefile,
        tcpdump,
        _dir: dir,
    })
}

/// The number in "portlens: N packets shown; …".
fn packets_in_summary(stderr: &str) -> usize {
    stderr
        .lines()
        .find_map(|line| {
            line.strip_prefix("portlens: ")?
                .split_once(" packets shown")?
                .0
                .parse()
                .ok()
        })
        .unwrap_or_else(|| panic!("no summary line in: {stderr}"))
}

/// How many packets `tcpdump` reads from `file`; fails if tcpdump reports any problem.
fn tcpdump_count(tcpdump: &std::path::Path, file: &std::path::Path) -> usize {
    let output = Command::new(tcpdump)
        .args(["-n", "-r"])
        .arg(file)
        .output()
        .expect("run tcpdump");
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "tcpdump failed: {err}");
    assert!(!err.contains("truncated"), "tcpdump: {err}");
    String::from_utf8_lossy(&output.stdout).lines().count()
}

fn check(stopped: &Stopped, shown: usize) {
    assert!(
        stopped.status.success(),
        "exit status {}; stderr: {}",
        stopped.status,
        stopped.stderr
    );
    assert!(!stopped.stderr.contains("panicked"), "{}", stopped.stderr);
    assert!(
        stopped.stderr.contains("dropped by kernel"),
        "the summary gives the kernel's counts: {}",
        stopped.stderr
    );
    // Each of libpcap's counters is explained in one sentence of its own.
    for counter in [" shown: ", " received by filter: ", " dropped by kernel: "] {
        let sentence = stopped
            .stderr
            .lines()
            .find(|line| line.starts_with("  ") && line.contains(counter))
            .unwrap_or_else(|| panic!("no sentence for{counter}in: {}", stopped.stderr));
        assert!(sentence.ends_with('.'), "one sentence: {sentence}");
    }
    assert!(shown >= BEFORE_SIGNAL, "{shown} packets shown");
    assert_eq!(
        packets_in_summary(&stopped.stderr),
        shown,
        "the summary counts what was shown"
    );
    assert_eq!(
        tcpdump_count(&stopped.tcpdump, &stopped.savefile),
        shown,
        "tcpdump reads every packet that was shown, and no other"
    );
}

#[test]
fn sigint_stops_a_live_capture_cleanly_and_tcpdump_reads_the_savefile() {
    let Some(stopped) = capture_then_signal("INT", &["--json"], |line| line.starts_with('{'))
    else {
        return;
    };
    let shown = stopped.stdout.lines().count();
    for line in stopped.stdout.lines() {
        let packet: serde_json::Value = serde_json::from_str(line).expect("whole JSON lines");
        assert_eq!(packet["transport"]["protocol"], "icmp");
    }
    check(&stopped, shown);
}

#[test]
fn sigterm_stops_a_live_capture_cleanly_and_tcpdump_reads_the_savefile() {
    let Some(stopped) = capture_then_signal("TERM", &["--color", "never"], |line| {
        line.starts_with("packet ")
    }) else {
        return;
    };
    let shown = stopped
        .stdout
        .lines()
        .filter(|line| line.starts_with("packet "))
        .count();
    check(&stopped, shown);
}

/// Ctrl-C must end a capture even when no packet ever comes: libpcap's wait for traffic on an idle
/// interface does not return by itself (TPACKET_V3 waits for a block the kernel never fills), so
/// portlens wakes it with pcap_breakloop.
#[test]
fn sigint_stops_a_capture_of_an_idle_interface() {
    let Some((mut namespace, _, _)) = require(lab()) else {
        return;
    };
    let arguments = ["-i", "lo", "--oneline"].map(std::ffi::OsString::from);
    let (portlens, err) = spawn_portlens(&mut namespace, &arguments);
    // Nothing tells when the capture is open; a second is plenty, and a signal that came before
    // would stop the run as well.
    std::thread::sleep(Duration::from_secs(1));
    let status = signal_and_wait(&mut namespace, portlens, "INT", Duration::from_secs(5));
    let stderr = err.join().unwrap_or_default();
    assert!(status.success(), "exit status {status}; stderr: {stderr}");
    assert!(
        stderr.contains("0 packets shown") && stderr.contains(" dropped by kernel: "),
        "the summary, explained: {stderr}"
    );
}
