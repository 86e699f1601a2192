//! Live capture: portlens captures a real TCP connection to a real HTTP server and explains that
//! destination port 80 selects HTTP. Everything happens inside a private network namespace that
//! the test creates and always deletes, so no packet ever leaves it. Also: the errors of live
//! capture (an interface that does not exist, no privilege to capture). Needs root, a network
//! namespace, `ip`, `curl` and `python3`: without them the test fails under CI and is skipped
//! elsewhere (`helpers::require`).

use crate::helpers::{Missing, is_root, program, require, require_part, root_for, stderr, which};
use serde_json::Value;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How many packets the live capture waits for: a few whole HTTP connections on loopback.
const PACKETS: usize = 30;
/// The longest the live test may take before it gives up.
const DEADLINE: Duration = Duration::from_secs(20);

/// A private directory under the system temp directory, removed by `TempDir`'s Drop.
pub(crate) struct TempDir(pub(crate) PathBuf);

impl TempDir {
    pub(crate) fn new(tag: &str) -> TempDir {
        use std::os::unix::fs::PermissionsExt;
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let dir =
            std::env::temp_dir().join(format!("portlens-{tag}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("create a temp dir");
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755))
            .expect("temp dir permissions");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A network namespace of this test and the processes started in it; Drop kills them all and
/// deletes the namespace, whether the test passed or failed.
pub(crate) struct Namespace {
    ip: PathBuf,
    name: String,
    pub(crate) children: Vec<Child>,
}

impl Namespace {
    /// Creates the namespace and brings its loopback up; what is missing when not possible.
    pub(crate) fn create(ip: &Path) -> Result<Namespace, Missing> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let name = format!("portlens-live-{}-{nanos}", std::process::id());
        let unavailable = |why: String| {
            Missing::new(
                format!("a network namespace cannot be made here ({why})"),
                "scripts/setup.sh installs iproute2; the tests must run as root on a kernel \
                 with network namespaces, as in CI",
            )
        };
        let added = Command::new(ip)
            .args(["netns", "add", &name])
            .output()
            .map_err(|e| unavailable(format!("cannot run ip: {e}")))?;
        if !added.status.success() {
            return Err(unavailable(format!(
                "`ip netns add` failed: {}",
                stderr(&added).trim()
            )));
        }
        // From here on, Drop deletes the namespace.
        let namespace = Namespace {
            ip: ip.to_path_buf(),
            name,
            children: Vec::new(),
        };
        let up = namespace
            .command("ip")
            .args(["link", "set", "lo", "up"])
            .output()
            .map_err(|e| unavailable(format!("cannot run ip netns exec: {e}")))?;
        if !up.status.success() {
            return Err(unavailable(format!(
                "cannot bring lo up in the namespace: {}",
                stderr(&up).trim()
            )));
        }
        Ok(namespace)
    }

    /// A command that runs `program` inside the namespace, with no proxy settings inherited
    /// (so nothing can be sent to an address outside the namespace).
    pub(crate) fn command(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut command = Command::new(&self.ip);
        command.args(["netns", "exec", &self.name]).arg(program);
        for proxy in [
            "http_proxy",
            "https_proxy",
            "all_proxy",
            "HTTP_PROXY",
            "HTTPS_PROXY",
            "ALL_PROXY",
        ] {
            command.env_remove(proxy);
        }
        command
    }

    /// Starts `ping` sending to 127.0.0.1 five times a second, until the namespace is dropped.
    pub(crate) fn ping_loopback(&mut self, ping: &Path) {
        let mut pinger = self.command(ping);
        pinger
            .args(["-n", "-i", "0.2", "127.0.0.1"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        self.spawn(pinger);
    }

    /// Starts a long-running process in the namespace and keeps it for cleanup; returns its
    /// index in `children`.
    pub(crate) fn spawn(&mut self, mut command: Command) -> usize {
        let child = command.spawn().expect("spawn a process in the namespace");
        self.children.push(child);
        self.children.len() - 1
    }
}

impl Drop for Namespace {
    fn drop(&mut self) {
        for child in &mut self.children {
            let _ = child.kill();
            let _ = child.wait();
        }
        // Anything else still running in our namespace was started by this test (e.g. a
        // grandchild of a wrapper script): end it by its id before deleting the namespace.
        if let Ok(pids) = Command::new(&self.ip)
            .args(["netns", "pids", &self.name])
            .output()
        {
            for pid in String::from_utf8_lossy(&pids.stdout).split_whitespace() {
                if pid.chars().all(|c| c.is_ascii_digit()) {
                    let _ = Command::new("kill")
                        .args(["-KILL", pid])
                        .stderr(Stdio::null())
                        .status();
                }
            }
        }
        let _ = Command::new(&self.ip)
            .args(["netns", "del", &self.name])
            .status();
    }
}

/// Reads a pipe to its end on a thread, so a chatty child never blocks on a full pipe.
pub(crate) fn drain(pipe: impl Read + Send + 'static) -> JoinHandle<String> {
    std::thread::spawn(move || {
        let mut reader = pipe;
        let mut bytes = Vec::new();
        let _ = reader.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

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
    let root = TempDir::new("live-www");
    std::fs::write(
        root.0.join("index.html"),
        "<!doctype html><title>portlens</title><p>Hello from port 80.</p>\n",
    )
    .expect("write index.html");

    // A real HTTP server on port 80 of the namespace's loopback.
    let mut server = namespace.command(&python);
    server
        .args([
            "-m",
            "http.server",
            "80",
            "--bind",
            "127.0.0.1",
            "--directory",
        ])
        .arg(&root.0)
        .current_dir(&root.0)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let server = namespace.spawn(server);
    let server_pid = namespace.children[server].id();
    // Wait until the server answers, so that every captured connection finds its socket.
    let ready = Instant::now();
    while ready.elapsed() < DEADLINE {
        if fetch(&namespace, &curl, 1).status.success() {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }

    // portlens capturing the connections to it.
    let mut capture = namespace.command(env!("CARGO_BIN_EXE_portlens"));
    capture
        .args([
            "-i",
            "lo",
            "-c",
            &PACKETS.to_string(),
            "--json",
            "tcp",
            "port",
            "80",
        ])
        .env_remove("NO_COLOR")
        .env("LC_ALL", "C.UTF-8")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let portlens = namespace.spawn(capture);
    let out = drain(
        namespace.children[portlens]
            .stdout
            .take()
            .expect("stdout pipe"),
    );
    let err = drain(
        namespace.children[portlens]
            .stderr
            .take()
            .expect("stderr pipe"),
    );

    // Fetch the page until portlens has seen its packets; the first requests may come before
    // the capture is ready, which is fine.
    let started = Instant::now();
    let mut fetched = 0;
    let mut attempts = 0;
    let mut client_pids = Vec::new();
    let status = loop {
        if let Some(status) = namespace.children[portlens]
            .try_wait()
            .expect("poll portlens")
        {
            break Some(status);
        }
        if started.elapsed() > DEADLINE {
            break None;
        }
        attempts += 1;
        let got = fetch(&namespace, &curl, 2);
        if got.status.success()
            && String::from_utf8_lossy(&got.stdout).contains("Hello from port 80")
        {
            fetched += 1;
        }
        // And a client that keeps its connection open for a second after the reply, so that
        // its socket still exists whenever portlens looks up who owns it (curl may be gone by
        // then: lookups describe the socket tables when they run).
        let mut holder = namespace.command(&python);
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
    if status.is_none() {
        let _ = namespace.children[portlens].kill();
        let _ = namespace.children[portlens].wait();
    }
    let out = out.join().expect("stdout reader");
    let err = err.join().expect("stderr reader");
    let context = format!(
        "{attempts} curl attempt(s), {fetched} page(s) fetched, {:.1} s\nstderr: {err}\nstdout: {out}",
        started.elapsed().as_secs_f64()
    );
    let Some(status) = status else {
        panic!("portlens did not capture {PACKETS} packets within {DEADLINE:?}; {context}");
    };
    assert!(status.success(), "portlens failed ({status}); {context}");
    assert!(
        !err.contains("panicked") && !out.contains("panicked"),
        "{context}"
    );

    let packets: Vec<Value> = out
        .lines()
        .map(|line| {
            serde_json::from_str(line).unwrap_or_else(|e| panic!("bad JSON line {line}: {e}"))
        })
        .collect();
    assert_eq!(
        packets.len(),
        PACKETS,
        "-c {PACKETS} prints that many packets; {context}"
    );
    eprintln!(
        "live: {} packets captured after {attempts} curl attempt(s) ({fetched} fetched) in {:.1} s",
        packets.len(),
        started.elapsed().as_secs_f64()
    );

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
    assert!(
        packets
            .iter()
            .any(|p| p["transport"]["destination_port"] == 80
                && p["process"]["source"]["name"] == "python3"
                && p["process"]["source"]["pid"]
                    .as_u64()
                    .is_some_and(|pid| client_pids.contains(&(pid as u32)))),
        "no packet to port 80 names its client's pid {client_pids:?} as its sender: {:?}; {context}",
        packets
            .iter()
            .filter(|p| p["transport"]["destination_port"] == 80)
            .map(|p| p["process"]["source"].to_string())
            .collect::<Vec<_>>()
    );

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
