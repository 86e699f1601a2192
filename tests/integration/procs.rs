//! Process lookup for real: the test starts its own server (a socket in this test process) and
//! real clients (curl, bash), then asks the library's Linux `ProcessLookup` who owns each end and
//! checks the pids and names; it also captures the same kind of connection live on loopback and
//! looks up every captured packet, and (as root) checks that a user who may not read another
//! user's processes gets `not_permitted`. Only loopback is used.

use crate::helpers::{Missing, program, require, root_for};
use portlens::capture::{CaptureOptions, Source, SourceSpec};
use portlens::decode::{Connection, Endpoint, Transport};
use portlens::procs::{Outcome, PacketOwners, ProcessLookup, Reason, SocketKey, SocketKind};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

/// The longest any wait in these tests may take.
const DEADLINE: Duration = Duration::from_secs(15);

/// The name the kernel gives this test process: its executable's file name, cut to 15 bytes.
fn own_process_name() -> String {
    let exe = std::env::current_exe().expect("current exe");
    let name = exe.file_name().expect("file name").to_string_lossy();
    name.bytes().take(15).map(char::from).collect()
}

/// A child process that is killed and reaped when the test ends, passed or failed.
struct Reaped(Child);

impl Drop for Reaped {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `curl` fetching `http://SERVER/` (never through a proxy); killed when dropped.
fn start_curl(curl: &Path, server: SocketAddr) -> Reaped {
    let child = Command::new(curl)
        .args([
            "-s",
            "-o",
            "/dev/null",
            "--max-time",
            "30",
            "--noproxy",
            "*",
        ])
        .arg(format!("http://{server}/"))
        .stdin(Stdio::null())
        .spawn()
        .expect("start curl");
    Reaped(child)
}

/// Accepts one connection within the deadline.
fn accept(listener: &TcpListener) -> (TcpStream, SocketAddr) {
    listener.set_nonblocking(true).unwrap();
    let start = Instant::now();
    loop {
        match listener.accept() {
            Ok((stream, peer)) => {
                stream.set_nonblocking(false).unwrap();
                return (stream, peer);
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                assert!(start.elapsed() < DEADLINE, "the client never connected");
                std::thread::sleep(Duration::from_millis(10));
            }
            Err(e) => panic!("accept failed: {e}"),
        }
    }
}

/// Reads an HTTP request head (up to the blank line).
fn read_request(stream: &mut TcpStream) -> String {
    stream.set_read_timeout(Some(DEADLINE)).unwrap();
    let mut request = Vec::new();
    let mut byte = [0u8; 1];
    while !request.ends_with(b"\r\n\r\n") {
        let n = stream.read(&mut byte).expect("read the request");
        assert!(n == 1, "the client closed before its request ended");
        request.push(byte[0]);
    }
    String::from_utf8_lossy(&request).into_owned()
}

/// Asks `lookup` about `key` until `expected` holds (a rescan may be needed after a change).
fn eventually(
    lookup: &mut ProcessLookup<portlens::procs::LinuxProcs>,
    key: &SocketKey,
    expected: impl Fn(&Outcome) -> bool,
) -> Outcome {
    let start = Instant::now();
    loop {
        let outcome = lookup.lookup(key);
        if expected(&outcome) || start.elapsed() > DEADLINE {
            return outcome;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn found(outcome: &Outcome) -> (u32, String, SocketKind) {
    match outcome {
        Outcome::Found(owner) => (owner.process.pid, owner.process.name.clone(), owner.socket),
        Outcome::Unknown(reason) => panic!("expected an owner, got {reason:?}"),
    }
}

#[test]
fn curl_and_this_test_own_the_two_ends_of_their_connection() {
    let Some(curl) = require(program("curl")) else {
        return;
    };
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
    let server = listener.local_addr().unwrap();
    let mut child = start_curl(&curl, server);
    let curl_pid = child.0.id();
    let (mut stream, client) = accept(&listener);
    let request = read_request(&mut stream);
    assert!(request.starts_with("GET / HTTP/1.1"), "{request}");

    let mut lookup = ProcessLookup::linux().expect("/proc is readable");
    // A packet of curl's request: the source is curl, the destination this test.
    let request_packet = Connection {
        transport: Transport::Tcp,
        source: client.into(),
        destination: server.into(),
    };
    let owners = lookup.lookup_packet(&request_packet);
    assert_eq!(
        found(&owners.source),
        (curl_pid, "curl".to_string(), SocketKind::Connected)
    );
    assert_eq!(
        found(&owners.destination),
        (
            std::process::id(),
            own_process_name(),
            SocketKind::Connected
        )
    );
    // A new client's SYN would reach the listening socket, also this test's.
    let syn = SocketKey::new(Transport::Tcp, server, "127.0.0.1:9".parse().unwrap());
    assert_eq!(
        found(&lookup.lookup(&syn)),
        (
            std::process::id(),
            own_process_name(),
            SocketKind::Listening
        )
    );
    // Nobody listens on a port no socket uses: bind one, note it, free it.
    let free = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let closed = SocketKey::new(Transport::Tcp, free, client);
    assert_eq!(
        eventually(&mut lookup, &closed, |o| *o
            == Outcome::Unknown(Reason::NoSocket)),
        Outcome::Unknown(Reason::NoSocket)
    );

    // curl exits: its end of the connection is closed by the kernel and belongs to nobody
    // (FIN_WAIT, then TIME_WAIT), while this test still holds its own end.
    child.0.kill().expect("kill curl");
    child.0.wait().expect("reap curl");
    let curl_end = SocketKey::of_source(&request_packet);
    let after = eventually(&mut lookup, &curl_end, |o| {
        matches!(o, Outcome::Unknown(Reason::NoOwner | Reason::NoSocket))
    });
    assert!(
        matches!(after, Outcome::Unknown(Reason::NoOwner | Reason::NoSocket)),
        "curl exited but its socket is still said to be owned: {after:?}"
    );
    let ours = lookup.lookup(&SocketKey::of_destination(&request_packet));
    assert_eq!(found(&ours).0, std::process::id());
    drop(stream);
}

#[test]
fn a_udp_socket_shared_by_a_shell_and_its_subshell_then_gone() {
    let Some(bash) = require(program("bash")) else {
        return;
    };
    let receiver = UdpSocket::bind("127.0.0.1:0").expect("bind a loopback port");
    receiver.set_read_timeout(Some(DEADLINE)).unwrap();
    let port = receiver.local_addr().unwrap().port();
    // bash opens a connected UDP socket (fd 3), says hello, and starts a subshell that inherits
    // it; both wait on stdin, so closing stdin ends them.
    let script = format!(
        "exec 3<>/dev/udp/127.0.0.1/{port}; printf hello >&3; exec 4<&0; \
         (read -r line <&4) & echo $!; read -r line; wait"
    );
    let child = Command::new(bash)
        .args(["-c", &script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("start bash");
    let mut child = Reaped(child);
    let bash_pid = child.0.id();
    let mut line = String::new();
    BufReader::new(child.0.stdout.take().unwrap())
        .read_line(&mut line)
        .expect("read the subshell's pid");
    let subshell_pid: u32 = line.trim().parse().expect("a pid");
    let mut buffer = [0u8; 16];
    let (n, sender) = receiver.recv_from(&mut buffer).expect("bash's datagram");
    assert_eq!(&buffer[..n], b"hello");

    let mut lookup = ProcessLookup::linux().expect("/proc is readable");
    let datagram = Connection {
        transport: Transport::Udp,
        source: sender.into(),
        destination: receiver.local_addr().unwrap().into(),
    };
    let owners = lookup.lookup_packet(&datagram);
    let owner = owners.source.owner().expect("bash's socket is found");
    let mut holders: Vec<(u32, &str)> = std::iter::once(&owner.process)
        .chain(&owner.shared_with)
        .map(|p| (p.pid, p.name.as_str()))
        .collect();
    holders.sort();
    let mut expected = vec![(bash_pid, "bash"), (subshell_pid, "bash")];
    expected.sort();
    assert_eq!(holders, expected);
    assert_eq!(owner.socket, SocketKind::Connected);
    assert_eq!(
        found(&owners.destination),
        (
            std::process::id(),
            own_process_name(),
            SocketKind::Unconnected
        )
    );

    // Close stdin: both shells end, and a UDP socket disappears with its last holder.
    drop(child.0.stdin.take());
    let status = child.0.wait().expect("reap bash");
    assert!(status.success(), "bash ended with {status}");
    let gone = eventually(&mut lookup, &SocketKey::of_source(&datagram), |o| {
        *o == Outcome::Unknown(Reason::NoSocket)
    });
    assert_eq!(gone, Outcome::Unknown(Reason::NoSocket));
}

/// A capture of loopback on a thread that looks up each packet as it arrives, as a live run of
/// portlens would, and reports (packet ends, data bytes, owners); it stops after the flag is set
/// and one more packet arrives.
fn look_up_live(
    filter: String,
) -> (
    mpsc::Receiver<(Connection, usize, PacketOwners)>,
    Arc<AtomicBool>,
) {
    let options = CaptureOptions {
        source: SourceSpec::Live(Some("lo".to_string())),
        filter: Some(filter),
        ..CaptureOptions::default()
    };
    let mut capture = Source::open(&options).expect("open a live capture on lo");
    let stop = Arc::new(AtomicBool::new(false));
    let (sender, packets) = mpsc::channel();
    let stop_flag = stop.clone();
    std::thread::spawn(move || {
        let mut lookup = ProcessLookup::linux().expect("/proc is readable");
        while !stop_flag.load(Ordering::Relaxed) {
            let Ok(Some(frame)) = capture.next_frame() else {
                return;
            };
            let dissection = portlens::decode::decode(frame.link_type, &frame.data);
            let Some(ends) = dissection.connection() else {
                continue;
            };
            let payload = dissection.payload.map_or(0, |span| span.len());
            let owners = lookup.lookup_packet(&ends);
            if sender.send((ends, payload, owners)).is_err() {
                return;
            }
        }
    });
    (packets, stop)
}

#[test]
fn every_captured_loopback_packet_names_its_processes() {
    let needs = root_for("live capture on loopback").and_then(|()| program("curl"));
    let Some(curl) = require(needs) else {
        return;
    };
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
    let server = listener.local_addr().unwrap();

    let (packets, stop) = look_up_live(format!("tcp port {}", server.port()));
    let mut child = start_curl(&curl, server);
    let curl_pid = child.0.id();
    let (mut stream, client) = accept(&listener);
    read_request(&mut stream);
    let (client, server) = (Endpoint::from(client), Endpoint::from(server));

    // Handshake (3 packets) and the request with its acknowledgement: wait until the request
    // itself was seen; curl is still waiting for the answer, so every socket is alive.
    let mut seen = Vec::new();
    let start = Instant::now();
    while !seen
        .iter()
        .any(|(ends, payload, _): &(Connection, usize, _)| ends.source == client && *payload > 0)
    {
        let left = DEADLINE.saturating_sub(start.elapsed());
        match packets.recv_timeout(left) {
            Ok(packet) => seen.push(packet),
            Err(_) => panic!("the capture did not see curl's request; saw {seen:?}"),
        }
    }
    stop.store(true, Ordering::Relaxed);
    assert!(seen.len() >= 4, "handshake and request: {seen:?}");
    let me = (std::process::id(), own_process_name());
    for (ends, _, owners) in &seen {
        let (curl_end, server_end) = if ends.source == client {
            (&owners.source, &owners.destination)
        } else {
            assert_eq!(ends.source, server, "only this connection was captured");
            (&owners.destination, &owners.source)
        };
        let (pid, name, _) = found(curl_end);
        assert_eq!((pid, name.as_str()), (curl_pid, "curl"), "{ends:?}");
        let (pid, name, _) = found(server_end);
        assert_eq!((pid, name), me.clone(), "{ends:?}");
    }
    // The first packet is curl's SYN. (Which of this test's sockets it matched, the listener or
    // the accepted connection, depends on whether the lookup ran before or after `accept`: the
    // answer describes the tables at lookup time; the owner is the same either way.)
    assert_eq!(seen[0].0.source, client);
    // Ending the connection wakes the capture thread so it sees the stop flag.
    stream
        .write_all(b"HTTP/1.1 204 No Content\r\n\r\n")
        .unwrap();
    let _ = child.0.wait();
}

/// A command that runs this test binary's `procs::not_permitted_probe` as the user nobody (65534),
/// or what is missing to do so here.
fn probe_as_nobody(port: u16) -> Result<Command, Missing> {
    root_for("switching to another user")?;
    let setpriv = program("setpriv")?;
    let exe = std::env::current_exe().expect("the test binary's path");
    let as_nobody = |program: &Path| {
        let mut command = Command::new(&setpriv);
        command
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(program);
        command
    };
    // The test binary must be reachable by nobody (not so when the target dir is under /root).
    let reachable = as_nobody(Path::new("test"))
        .arg("-x")
        .arg(&exe)
        .status()
        .expect("run test -x as nobody");
    if !reachable.success() {
        return Err(Missing::new(
            format!("the user nobody cannot run {}", exe.display()),
            "build in a folder every user may enter, as CI's checkout is",
        ));
    }
    let mut probe = as_nobody(&exe);
    probe
        .args([
            "--exact",
            "procs::not_permitted_probe",
            "--ignored",
            "--nocapture",
        ])
        .env("PORTLENS_PROBE_PORT", port.to_string());
    Ok(probe)
}

#[test]
fn another_users_process_is_not_permitted_but_ones_own_is_found() {
    // This test (root) holds a listening socket; the probe, as nobody, may not read root's
    // /proc/<pid>/fd, so it must say not_permitted; its own socket it must find.
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
    let port = listener.local_addr().unwrap().port();
    let Some(mut probe) = require(probe_as_nobody(port)) else {
        return;
    };
    let output = probe.output().expect("run the probe as nobody");
    let text = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "the probe failed:\n{text}");
    let line = |tag: &str| {
        text.lines()
            .find_map(|line| line.strip_prefix(tag))
            .unwrap_or_else(|| panic!("no {tag} line in the probe's output:\n{text}"))
            .to_string()
    };
    let root_socket: serde_json::Value = serde_json::from_str(&line("PROBE other: ")).unwrap();
    assert_eq!(root_socket["status"], "unknown", "{root_socket}");
    assert_eq!(root_socket["reason"], "not_permitted", "{root_socket}");
    let own_socket: serde_json::Value = serde_json::from_str(&line("PROBE own: ")).unwrap();
    assert_eq!(own_socket["status"], "found", "{own_socket}");
    assert_eq!(own_socket["pid"].to_string(), line("PROBE pid: "));
    drop(listener);
}

/// Run only by the test above, as another user: looks up the port it was given and a socket of
/// its own, and prints both outcomes as JSON.
#[test]
#[ignore = "run by another_users_process_is_not_permitted_but_ones_own_is_found"]
fn not_permitted_probe() {
    let port: u16 = std::env::var("PORTLENS_PROBE_PORT")
        .expect("PORTLENS_PROBE_PORT")
        .parse()
        .expect("a port");
    let own = TcpListener::bind("127.0.0.1:0").unwrap();
    let mut lookup = ProcessLookup::linux().expect("/proc is readable");
    let peer: SocketAddr = "127.0.0.1:9".parse().unwrap();
    let other = lookup.lookup(&SocketKey::new(
        Transport::Tcp,
        SocketAddr::from(([127, 0, 0, 1], port)),
        peer,
    ));
    let mine = lookup.lookup(&SocketKey::new(
        Transport::Tcp,
        own.local_addr().unwrap(),
        peer,
    ));
    println!("PROBE other: {}", serde_json::to_string(&other).unwrap());
    println!("PROBE own: {}", serde_json::to_string(&mine).unwrap());
    println!("PROBE pid: {}", std::process::id());
}
