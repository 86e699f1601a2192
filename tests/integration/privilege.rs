//! Least privilege, for real: `portlens doctor` as root, as an unprivileged user (who must be
//! given the exact setcap command for the binary they ran), and as that user once the binary
//! carries the capabilities; `-Z nobody` on a live capture in a network namespace, checking the
//! process's ids while it captures and the owner of the file it writes. A test or part that needs
//! root or a tool that is missing fails under CI and is skipped elsewhere (`helpers::require`).

use crate::helpers::{Missing, portlens, program, require, require_part, root_for, stdout};
use crate::live::{public_copy_of_portlens, run_clean, unprivileged};
use crate::netns::{TempDir, drain};
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The id of the user nobody, which every Debian and Ubuntu system has.
const NOBODY: u32 = 65534;

#[test]
fn doctor_as_root_finds_that_live_capture_works() {
    if require(root_for("the root part of doctor")).is_none() {
        return;
    }
    let output = run_clean({
        let mut command = portlens();
        command.arg("doctor");
        command
    });
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    for needle in [
        "runs as root",
        "Capture privilege (CAP_NET_RAW): in effect",
        "Opening a live capture: opened one on",
        "Verdict: live capture works here.",
        "Why a sniffer needs privilege",
    ] {
        assert!(text.contains(needle), "expected {needle:?} in:\n{text}");
    }
}

#[test]
fn doctor_gives_an_unprivileged_user_the_exact_fix_and_it_works() {
    let dir = TempDir::new("doctor");
    let copy = public_copy_of_portlens(&dir);
    let Some(mut command) = require(unprivileged(&copy)) else {
        return;
    };
    command.arg("doctor").current_dir(&dir.0);
    let output = run_clean(command);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    let fix = format!(
        "sudo setcap cap_net_raw,cap_net_admin=eip {}",
        copy.display()
    );
    assert!(text.contains(&fix), "expected {fix:?} in:\n{text}");
    assert!(text.contains("MISSING"), "{text}");
    assert!(
        text.contains("Verdict: live capture cannot work yet."),
        "{text}"
    );
    assert!(text.contains("CAP_NET_RAW"), "{text}");

    // Now follow the advice (as root, on the copy) and ask again as the same user.
    if require_part("the setcap part", grant_capabilities(&copy)).is_none() {
        return;
    }
    let mut command = unprivileged(&copy).expect("worked a moment ago");
    command.arg("doctor").current_dir(&dir.0);
    let output = run_clean(command);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(text.contains("runs as uid 65534"), "{text}");
    assert!(text.contains("cap_net_admin,cap_net_raw=eip"), "{text}");
    assert!(text.contains("Verdict: live capture works here."), "{text}");
}

/// Gives `binary` the capabilities doctor advises, as root with `setcap`; what is missing when
/// that cannot be done here.
fn grant_capabilities(binary: &Path) -> Result<(), Missing> {
    root_for("granting file capabilities")?;
    let granted = Command::new(program("setcap")?)
        .args(["cap_net_raw,cap_net_admin=eip"])
        .arg(binary)
        .output()
        .expect("run setcap");
    if granted.status.success() {
        return Ok(());
    }
    Err(Missing::new(
        format!(
            "this filesystem keeps no file capabilities ({})",
            String::from_utf8_lossy(&granted.stderr).trim()
        ),
        "run the tests from a filesystem with extended attributes, such as ext4, as CI does",
    ))
}

/// The real, effective, saved and filesystem ids on a `Uid:` or `Gid:` line of /proc/PID/status.
fn ids(pid: u32, field: &str) -> Vec<u32> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix(field))
        .map(|rest| {
            rest.split_whitespace()
                .filter_map(|v| v.parse().ok())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn dash_z_drops_to_the_user_after_opening_and_the_savefile_is_theirs() {
    let Some((mut namespace, ping, tcpdump)) = require(crate::stops::lab()) else {
        return;
    };
    let dir = TempDir::new("dash-z");
    // nobody must be able to create the savefile there, as with tcpdump -Z.
    std::fs::set_permissions(&dir.0, std::os::unix::fs::PermissionsExt::from_mode(0o1777))
        .expect("chmod");
    let savefile = dir.0.join("as-nobody.pcap");
    let mut capture = namespace.command(env!("CARGO_BIN_EXE_portlens"));
    capture
        .args(["-i", "lo", "-Z", "nobody", "-c", "4", "--json", "-w"])
        .arg(&savefile)
        .arg("icmp")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let portlens = namespace.spawn(capture);
    let pid = namespace.children[portlens].id();
    let out = drain(namespace.children[portlens].stdout.take().expect("stdout"));
    let err = drain(namespace.children[portlens].stderr.take().expect("stderr"));

    // Before any traffic, the capture is open and the process must already be nobody.
    let started = Instant::now();
    let (uids, gids) = loop {
        let uids = ids(pid, "Uid:");
        if uids.iter().all(|&id| id == NOBODY) && uids.len() == 4 {
            break (uids, ids(pid, "Gid:"));
        }
        if started.elapsed() > Duration::from_secs(10) {
            panic!("portlens (pid {pid}) is still uid {uids:?} 10 s after starting");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(
        uids, [NOBODY; 4],
        "real, effective, saved and filesystem uid"
    );
    let nogroup = group_of_nobody();
    assert!(gids.iter().all(|&g| g == nogroup), "gids {gids:?}");

    namespace.ping_loopback(&ping);
    let status = loop {
        if let Some(status) = namespace.children[portlens].try_wait().expect("poll") {
            break status;
        }
        if started.elapsed() > Duration::from_secs(20) {
            let _ = namespace.children[portlens].kill();
            panic!("portlens -Z nobody -c 4 did not finish within 20 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let (out, err) = (out.join().unwrap(), err.join().unwrap());
    assert!(status.success(), "{status}: {err}");
    assert_eq!(out.lines().count(), 4, "{out}");
    let meta = std::fs::metadata(&savefile).expect("the savefile exists");
    assert_eq!(meta.uid(), NOBODY, "the savefile belongs to nobody");
    let read = Command::new(tcpdump)
        .args(["-n", "-r"])
        .arg(&savefile)
        .output()
        .expect("run tcpdump");
    assert!(read.status.success());
    assert_eq!(String::from_utf8_lossy(&read.stdout).lines().count(), 4);
}

/// nobody's primary group, from the group field of /etc/passwd.
fn group_of_nobody() -> u32 {
    std::fs::read_to_string("/etc/passwd")
        .unwrap_or_default()
        .lines()
        .find_map(|line| {
            let fields: Vec<&str> = line.split(':').collect();
            (fields.first() == Some(&"nobody")).then(|| fields.get(3)?.parse().ok())?
        })
        .unwrap_or(NOBODY)
}

#[test]
fn dash_z_errors_are_clear() {
    // A user that does not exist: refused before anything is opened.
    let output = run_clean({
        let mut command = portlens();
        command.args(["-i", "lo", "-Z", "portlens-no-such-user", "-c", "1"]);
        command
    });
    let text = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(
        text.contains("no user named \"portlens-no-such-user\""),
        "{text}"
    );

    if require_part("the root part", root_for("switching to nobody with -Z")).is_none() {
        return;
    }
    // As root, -Z nobody with a savefile nobody may not create: the switch happens first, so
    // the savefile is refused, with a message that names -Z.
    let dir = TempDir::new("dash-z-denied");
    std::fs::set_permissions(&dir.0, std::os::unix::fs::PermissionsExt::from_mode(0o755))
        .expect("chmod");
    let sample = crate::helpers::root().join("samples/arp.pcap");
    let output = run_clean({
        let mut command = portlens();
        command
            .args(["-r", sample.to_str().unwrap(), "-Z", "nobody", "-w"])
            .arg(dir.0.join("denied.pcap"));
        command
    });
    let text = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(text.contains("cannot write the capture file"), "{text}");
    assert!(text.contains("Permission denied"), "{text}");
    assert!(text.contains("-Z"), "{text}");
}
