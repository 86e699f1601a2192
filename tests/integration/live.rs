//! Live capture: portlens captures a real TCP connection to a real HTTP server and explains that
//! destination port 80 selects HTTP. Everything happens inside a private network namespace that
//! the test creates and always deletes, so no packet ever leaves it. Also: the errors of live
//! capture (an interface that does not exist, no privilege to capture). Needs root, a network
//! namespace, `ip`, `curl` and `python3`: without them the test fails under CI and is skipped
//! elsewhere (`helpers::require`).

use crate::helpers::{Missing, is_root, program, require, require_part, root_for, stderr, which};
use crate::netns::{Namespace, TempDir, drain};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// How many packets the live capture waits for: a few whole HTTP connections on loopback.
const PACKETS: usize = 30;
/// The longest the live test may take before it gives up.
const DEADLINE: Duration = Duration::from_secs(20);

fn flags(packet: &Value) -> Vec<&str> {
    packet["transport"]["tcp_flags"]
        .as_array()
        .map(|list| list.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

/// A fresh network namespace and the paths of `curl` and `python3`, or what is missing.
fn live_lab() -> Result<(Namespace, PathBuf, PathBuf), Missing> {
    root_for("a live capture in a network namespace")?;
    let (ip, curl, python) = (program("ip")?, program("curl")?, program("python3")?);
    Ok((Namespace::create(&ip)?, curl, python))
}

/// `curl` in the namespace fetching http://127.0.0.1/, giving up after `seconds`.
fn fetch(namespace: &Namespace, curl: &Path, seconds: u32) -> Output {
    namespace
        .command(curl)
        .args(["-s", "--noproxy", "*", "--max-time"])
        .arg(seconds.to_string())
        .arg("http://127.0.0.1/")
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .expect("run curl")
}

#[test]
fn live_capture_explains_that_port_80_selects_http() {
    let Some((mut namespace, curl, python)) = require(live_lab()) else {
        return;
    };
    let site = TempDir::new("live-www");
    let server_pid = start_web_server(&mut namespace, &curl, &python, &site);
    let run = capture_while_fetching(&mut namespace, &curl, &python);
    let packets: Vec<Value> = run
        .out
        .lines()
        .map(|line| {
            serde_json::from_str(line).unwrap_or_else(|e| panic!("bad JSON line {line}: {e}"))
        })
        .collect();
    let context = &run.context;
    assert_eq!(
        packets.len(),
        PACKETS,
        "-c {PACKETS} prints that many packets; {context}"
    );
    eprintln!("live: {} packets; {}", packets.len(), run.summary);
    check_the_syn(&packets, server_pid, &run.client_pids, context);
    let syn_ack = packets
        .iter()
        .find(|p| {
            let f = flags(p);
            f.contains(&"SYN") && f.contains(&"ACK") && p["transport"]["source_port"] == 80
        })
        .unwrap_or_else(|| panic!("no SYN-ACK from port 80 among the captured packets; {context}"));
    let service = &syn_ack["service"];
    assert_eq!(service["port"], 80, "SYN-ACK service: {service}");
    assert_eq!(service["name"], "HTTP", "SYN-ACK service: {service}");
    assert_eq!(
        service["server_side"], "source",
        "SYN-ACK service: {service}"
    );
}

/// Starts a real HTTP server (python3's) on port 80 of the namespace's loopback, serving `site`,
/// and waits until it answers, so that every captured connection finds its socket. Its pid.
fn start_web_server(namespace: &mut Namespace, curl: &Path, python: &Path, site: &TempDir) -> u32 {
    std::fs::write(
        site.0.join("index.html"),
        "<!doctype html><title>portlens</title><p>Hello from port 80.</p>\n",
    )
    .expect("write index.html");
    let mut server = namespace.command(python);
    server
        .args(["-m", "http.server", "80", "--bind", "127.0.0.1"])
        .arg("--directory")
        .arg(&site.0)
        .current_dir(&site.0)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let server = namespace.spawn(server);
    let ready = Instant::now();
    while ready.elapsed() < DEADLINE {
        if fetch(namespace, curl, 1).status.success() {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    namespace.children[server].id()
}

/// What a live capture printed, and what the test did meanwhile.
struct LiveRun {
    out: String,
    /// The pids of the clients that kept their connection open.
    client_pids: Vec<u32>,
    /// The traffic and the time it took, for the test's log.
    summary: String,
    /// The summary with portlens's standard error and output, for failure messages.
    context: String,
}

/// Runs `portlens -i lo -c PACKETS --json tcp port 80` in the namespace while fetching the page
/// (the first requests may come before the capture is ready, which is fine) and, each time, a
/// client that keeps its connection open for a second after the reply, so that its socket still
/// exists whenever portlens looks up who owns it. Fails the test when portlens does not finish.
fn capture_while_fetching(namespace: &mut Namespace, curl: &Path, python: &Path) -> LiveRun {
    let mut capture = namespace.command(env!("CARGO_BIN_EXE_portlens"));
    capture
        .args(["-i", "lo", "-c", &PACKETS.to_string(), "--json"])
        .args(["tcp", "port", "80"])
        .env_remove("NO_COLOR")
        .env("LC_ALL", "C.UTF-8")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let portlens = namespace.spawn(capture);
    let child = &mut namespace.children[portlens];
    let out = drain(child.stdout.take().expect("stdout pipe"));
    let err = drain(child.stderr.take().expect("stderr pipe"));
    let started = Instant::now();
    let (mut fetched, mut attempts, mut client_pids) = (0, 0, Vec::new());
    let status = loop {
        let child = &mut namespace.children[portlens];
        if let Some(status) = child.try_wait().expect("poll portlens") {
            break Some(status);
        }
        if started.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        attempts += 1;
        let got = fetch(namespace, curl, 2);
        if got.status.success()
            && String::from_utf8_lossy(&got.stdout).contains("Hello from port 80")
        {
            fetched += 1;
        }
        let mut holder = namespace.command(python);
        holder
            .args([
                "-c",
                "import socket, time\n\
                 s = socket.create_connection(('127.0.0.1', 80))\n\
                 s.sendall(b'GET / HTTP/1.0\\r\\nHost: lab\\r\\n\\r\\n')\n\
                 s.recv(65536)\n\
                 time.sleep(1)\n",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let holder = namespace.spawn(holder);
        client_pids.push(namespace.children[holder].id());
        std::thread::sleep(Duration::from_millis(300));
    };
    let (out, err) = (
        out.join().expect("stdout reader"),
        err.join().expect("stderr reader"),
    );
    let summary = format!(
        "{attempts} curl attempt(s), {fetched} page(s) fetched, {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let context = format!("{summary}\nstderr: {err}\nstdout: {out}");
    let Some(status) = status else {
        panic!("portlens did not capture {PACKETS} packets within {DEADLINE:?}; {context}");
    };
    assert!(status.success(), "portlens failed ({status}); {context}");
    assert!(
        !err.contains("panicked") && !out.contains("panicked"),
        "{context}"
    );
    LiveRun {
        out,
        client_pids,
        summary,
        context,
    }
}

/// The SYN to port 80: its service is HTTP on the destination side, its explanation says so,
/// the last step of its chain names the server program that owns the listening socket, and some
/// packet to port 80 names the client that sent it.
fn check_the_syn(packets: &[Value], server_pid: u32, client_pids: &[u32], context: &str) {
    let syn = packets
        .iter()
        .find(|p| flags(p) == ["SYN"] && p["transport"]["destination_port"] == 80)
        .unwrap_or_else(|| panic!("no SYN to port 80 among the captured packets; {context}"));
    let service = &syn["service"];
    assert_eq!(service["port"], 80, "SYN service: {service}");
    assert_eq!(service["name"], "HTTP", "SYN service: {service}");
    assert_eq!(
        service["server_side"], "destination",
        "SYN service: {service}"
    );
    let explanation: Vec<&str> = syn["explanation"]
        .as_array()
        .map(|list| list.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    assert!(
        explanation.iter().any(|sentence| sentence.contains("HTTP")),
        "the SYN's explanation never mentions HTTP: {explanation:#?}"
    );
    let last = syn["chain"]
        .as_array()
        .and_then(|chain| chain.last())
        .unwrap_or_else(|| panic!("the SYN has no chain: {syn}"));
    assert_eq!(last["layer"], "tcp", "last chain step: {last}");
    assert_eq!(last["field"], "destination port", "last chain step: {last}");
    assert_eq!(last["value"], "80", "last chain step: {last}");
    // The last step names the service and, live, the program that owns the socket.
    assert_eq!(
        last["next"],
        format!("HTTP, socket of python3 (pid {server_pid})"),
        "last chain step: {last}; process: {}; explanation: {:#?}",
        syn["process"],
        explanation
    );
    let owner = &syn["process"]["destination"];
    assert_eq!(owner["status"], "found", "SYN's destination owner: {owner}");
    assert_eq!(owner["name"], "python3", "SYN's destination owner: {owner}");
    assert_eq!(owner["pid"], server_pid, "SYN's destination owner: {owner}");
    assert_eq!(
        owner["socket"], "listening",
        "SYN's destination owner: {owner}"
    );
    // The client that holds its connection open is named as the sender of its packets.
    let to_server = || {
        packets
            .iter()
            .filter(|p| p["transport"]["destination_port"] == 80)
    };
    assert!(
        to_server().any(|p| p["process"]["source"]["name"] == "python3"
            && p["process"]["source"]["pid"]
                .as_u64()
                .is_some_and(|pid| client_pids.contains(&(pid as u32)))),
        "no packet to port 80 names its client's pid {client_pids:?} as its sender: {:?}; {context}",
        to_server()
            .map(|p| p["process"]["source"].to_string())
            .collect::<Vec<_>>()
    );
}

/// The names of the network interfaces of this machine.
fn interface_names() -> Vec<String> {
    std::fs::read_dir("/sys/class/net")
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// Copies the binary under test to a directory every user may read, mode 755 (the copy also
/// carries no file capabilities, so it really runs unprivileged).
pub(crate) fn public_copy_of_portlens(dir: &TempDir) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let copy = dir.0.join("portlens");
    std::fs::copy(env!("CARGO_BIN_EXE_portlens"), &copy).expect("copy the binary");
    std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o755)).expect("chmod 755");
    copy
}

/// A command that runs `program` as the unprivileged user nobody (65534), or the reason none
/// exists. When this process is not root it is unprivileged already.
pub(crate) fn unprivileged(program: &Path) -> Result<Command, Missing> {
    if !is_root() {
        return Ok(Command::new(program));
    }
    let works = |mut probe: Command| {
        probe.output().is_ok_and(|o| {
            o.status.success() && String::from_utf8_lossy(&o.stdout).trim() == "65534"
        })
    };
    if let Some(setpriv) = which("setpriv") {
        let drop = ["--reuid=65534", "--regid=65534", "--clear-groups"];
        let mut probe = Command::new(&setpriv);
        probe.args(drop).args(["id", "-u"]);
        if works(probe) {
            let mut command = Command::new(setpriv);
            command.args(drop).arg(program);
            return Ok(command);
        }
    }
    if let Some(runuser) = which("runuser") {
        let mut probe = Command::new(&runuser);
        probe.args(["-u", "nobody", "--", "id", "-u"]);
        if works(probe) {
            let mut command = Command::new(runuser);
            command.args(["-u", "nobody", "--"]).arg(program);
            return Ok(command);
        }
    }
    Err(Missing::new(
        "neither `setpriv` nor `runuser` can drop to the user nobody (65534)",
        "scripts/setup.sh installs setpriv (util-linux); the user nobody must exist",
    ))
}

pub(crate) fn run_clean(mut command: Command) -> Output {
    command
        .env_remove("NO_COLOR")
        .env("LC_ALL", "C.UTF-8")
        .stdin(Stdio::null())
        .output()
        .expect("portlens runs")
}

#[test]
fn live_capture_errors_name_the_interface_and_the_missing_privilege() {
    // An interface that does not exist: named, with the real ones listed and `-D` suggested.
    let missing = "portlens-nosuch0";
    let output = run_clean({
        let mut command = crate::helpers::portlens();
        command.args(["-i", missing, "-c", "1"]);
        command
    });
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "stderr: {text}");
    assert!(!text.contains("panicked"), "{text}");
    assert!(
        text.contains(missing),
        "the message should name {missing}: {text}"
    );
    assert!(
        text.contains("-D"),
        "the message should point to `portlens -D`: {text}"
    );
    let real = interface_names();
    let listed: Vec<&String> = real
        .iter()
        .filter(|name| {
            text.split(|c: char| !(c.is_alphanumeric() || "-_.@".contains(c)))
                .any(|word| word == name.as_str())
        })
        .collect();
    assert!(
        real.is_empty() || !listed.is_empty(),
        "the message should list the real interfaces ({real:?}): {text}"
    );
    if real.iter().any(|name| name == "lo") {
        assert!(
            listed.iter().any(|name| *name == "lo"),
            "lo is not listed: {text}"
        );
    }

    // A live capture without privilege: exit 1, and say both ways to get it.
    let dir = TempDir::new("unprivileged");
    let copy = public_copy_of_portlens(&dir);
    let Some(mut command) = require_part("the unprivileged part", unprivileged(&copy)) else {
        return;
    };
    command.args(["-i", "lo", "-c", "1"]).current_dir(&dir.0);
    let output = run_clean(command);
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "stderr: {text}");
    assert!(!text.contains("panicked"), "{text}");
    assert!(
        text.contains("sudo"),
        "the message should suggest sudo: {text}"
    );
    assert!(
        text.contains("setcap cap_net_raw,cap_net_admin=eip"),
        "the message should give the setcap command: {text}"
    );
}
