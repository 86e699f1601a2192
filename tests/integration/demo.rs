//! `portlens demo`: the built-in samples replay exactly like the files they were made from, are
//! listed with one line each, and need no privilege and no file of the user's.

use crate::helpers::{
    Missing, assert_same_text, is_root, name, portlens, program, require, root, run, samples,
    stderr, stdout,
};
use std::path::{Path, PathBuf};
use std::process::Command;

fn stem(path: &Path) -> String {
    name(path).trim_end_matches(".pcap").to_string()
}

#[test]
fn demo_list_names_every_sample_with_its_packet_count() {
    let output = run(&["demo", "--list"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    for sample in samples() {
        let sample_name = stem(&sample);
        let line = text
            .lines()
            .find(|line| line.split_whitespace().next() == Some(sample_name.as_str()))
            .unwrap_or_else(|| panic!("{sample_name} is not listed:\n{text}"));
        let packets = stdout(&run(&["-r", sample.to_str().unwrap(), "--json"]))
            .lines()
            .count();
        assert!(
            line.contains(&format!("({packets} packets")),
            "{sample_name} has {packets} packets: {line}"
        );
    }
    assert!(
        text.contains("browse") && text.contains("the default"),
        "{text}"
    );
}

#[test]
fn every_demo_prints_exactly_what_reading_its_file_prints() {
    for sample in samples() {
        let sample_name = stem(&sample);
        for format in [&["--json"][..], &["--color", "never"][..]] {
            let from_demo = run(&[&["demo", &sample_name][..], format].concat());
            let from_file = run(&[&["-r", sample.to_str().unwrap()][..], format].concat());
            assert!(from_demo.status.success(), "{}", stderr(&from_demo));
            assert!(!from_demo.stdout.is_empty());
            assert_same_text(
                &stdout(&from_file),
                &stdout(&from_demo),
                &format!("demo {sample_name} {format:?}"),
            );
        }
    }
}

#[test]
fn demo_alone_replays_browse_and_takes_filters_and_counts() {
    let browse = root().join("samples/browse.pcap");
    assert_same_text(
        &stdout(&run(&["-r", browse.to_str().unwrap(), "--json"])),
        &stdout(&run(&["demo", "--json"])),
        "demo --json",
    );
    // Options before or after `demo`, and a filter after the name, as with -r.
    let filtered = run(&["--json", "demo", "browse", "-c", "3", "tcp", "port", "443"]);
    assert!(filtered.status.success(), "{}", stderr(&filtered));
    let expected = run(&[
        "-r",
        browse.to_str().unwrap(),
        "--json",
        "-c",
        "3",
        "tcp",
        "port",
        "443",
    ]);
    assert_same_text(
        &stdout(&expected),
        &stdout(&filtered),
        "demo browse -c 3 tcp port 443",
    );
    assert_eq!(stdout(&filtered).lines().count(), 3);
}

#[test]
fn an_unknown_sample_is_a_usage_error_that_lists_the_names() {
    let output = run(&["demo", "nosuch"]);
    assert_eq!(output.status.code(), Some(2));
    let text = stderr(&output);
    assert!(
        text.contains("no built-in sample named \"nosuch\""),
        "{text}"
    );
    for sample in samples() {
        assert!(text.contains(&stem(&sample)), "{text}");
    }
    assert!(text.contains("portlens demo --list"), "{text}");
    let output = run(&["-r", "samples/arp.pcap", "demo", "arp"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("cannot be combined with -r"));
}

/// A scratch directory anyone may write to, like /tmp, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(tag: &str) -> Scratch {
        use std::os::unix::fs::PermissionsExt;
        let dir = std::env::temp_dir().join(format!("portlens-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o1777)).unwrap();
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The path of `setpriv`, once it has dropped to the user nobody with no capability here.
fn drop_to_nobody() -> Result<PathBuf, Missing> {
    let setpriv = program("setpriv")?;
    let probe = Command::new(&setpriv)
        .args(["--reuid=nobody", "--regid=nogroup", "--clear-groups"])
        .args(["--inh-caps=-all", "--bounding-set=-all", "true"])
        .output();
    if probe.is_ok_and(|o| o.status.success()) {
        Ok(setpriv)
    } else {
        Err(Missing::new(
            "setpriv cannot drop to the user nobody and group nogroup here",
            "scripts/setup.sh installs setpriv (util-linux); nobody and nogroup must exist",
        ))
    }
}

/// `portlens demo` as a user with no capture privilege, in a directory without samples, with a
/// private TMPDIR that must be left empty.
#[test]
fn demo_needs_no_privilege_no_files_and_leaves_nothing_behind() {
    use std::os::unix::fs::PermissionsExt;
    let scratch = Scratch::new("demo-unprivileged");
    let bin = scratch.0.join("bin");
    let tmp = scratch.0.join("tmp");
    let work = scratch.0.join("work");
    for dir in [&bin, &tmp, &work] {
        std::fs::create_dir_all(dir).unwrap();
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o1777)).unwrap();
    }
    // A copy of the binary, so that the unprivileged user can run it wherever the build lives,
    // and so that it carries no file capabilities.
    let copy = bin.join("portlens");
    std::fs::copy(env!("CARGO_BIN_EXE_portlens"), &copy).unwrap();
    std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o755)).unwrap();

    let mut command = if is_root() {
        let Some(setpriv) = require(drop_to_nobody()) else {
            return;
        };
        let mut command = Command::new(setpriv);
        command
            .args(["--reuid=nobody", "--regid=nogroup", "--clear-groups"])
            .args(["--inh-caps=-all", "--bounding-set=-all"])
            .arg(&copy);
        command
    } else {
        // Already unprivileged.
        Command::new(&copy)
    };
    let output = command
        .args(["demo", "arp", "--json"])
        .current_dir(&work)
        .env("TMPDIR", &tmp)
        .env("LC_ALL", "C.UTF-8")
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let expected = run(&[
        "-r",
        root().join("samples/arp.pcap").to_str().unwrap(),
        "--json",
    ]);
    assert_same_text(&stdout(&expected), &stdout(&output), "demo arp as nobody");
    let left: Vec<_> = std::fs::read_dir(&tmp).unwrap().collect();
    assert!(left.is_empty(), "temporary files left behind: {left:?}");
}

#[test]
fn an_unwritable_temporary_directory_is_a_clear_error() {
    let output = portlens()
        .args(["demo", "ping"])
        .env("TMPDIR", "/nonexistent/portlens-tmp")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    assert!(
        text.contains("cannot write the built-in sample to a private temporary file in /nonexistent/portlens-tmp"),
        "{text}"
    );
    assert!(text.contains("Set TMPDIR"), "{text}");
}
