//! The facts `portlens doctor` decides from, read from the system: /proc/self/status (user ids,
//! capability sets, no_new_privs), the binary's path, its file capabilities (`getcap`), the
//! mount it lives on, libpcap's interface list, a real attempt to open a live capture, and how
//! much of /proc this process can read. Plain data, so diagnosis needs no system.

use serde::Serialize;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The three capability sets of a process that matter here, as bit masks (bit N = capability N).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Capabilities {
    /// What the process can use right now.
    pub effective: u64,
    /// What it may make effective.
    pub permitted: u64,
    /// The limit nothing (not even file capabilities) can go beyond.
    pub bounding: u64,
}

impl Capabilities {
    pub fn effective_has(&self, capability: u32) -> bool {
        self.effective & (1 << capability) != 0
    }

    pub fn bounding_has(&self, capability: u32) -> bool {
        self.bounding & (1 << capability) != 0
    }
}

/// The result of really opening a live capture.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum OpenTest {
    /// The capture on this interface opened (and was closed at once, unread).
    Opened { interface: String },
    /// libpcap refused, with its message.
    Refused { interface: String, message: String },
    /// There was no interface to try.
    NoInterface,
}

/// How many processes' open files this process can see (what process lookup needs).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ProcessVisibility {
    /// Processes listed in /proc.
    pub processes: usize,
    /// Of those, processes whose /proc/PID/fd could be read.
    pub readable: usize,
}

/// Everything the diagnosis needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Facts {
    /// The running binary, as the setcap command must name it.
    pub binary: PathBuf,
    pub uid: u32,
    pub euid: u32,
    /// `None` when /proc/self/status could not be read (not Linux, or /proc missing).
    pub capabilities: Option<Capabilities>,
    /// The no_new_privs flag: when set, file capabilities are not granted on exec.
    pub no_new_privs: bool,
    /// `getcap`'s report of the binary's file capabilities, e.g. "cap_net_admin,cap_net_raw=eip";
    /// `None` when it has none or `getcap` is not installed.
    pub file_capabilities: Option<String>,
    /// True when the binary's filesystem is mounted nosuid (file capabilities are then ignored).
    pub binary_on_nosuid_mount: bool,
    /// The interfaces libpcap lists, or libpcap's error.
    pub interfaces: Result<Vec<String>, String>,
    pub open_test: OpenTest,
    /// /proc/net/tcp readable: sockets can be listed.
    pub proc_net_readable: bool,
    pub process_visibility: ProcessVisibility,
    /// /proc is mounted with hidepid: other users' processes are hidden.
    pub proc_hidepid: bool,
}

/// Reads the facts from this system. Opens (and at once closes) a live capture on `any` when
/// libpcap lists it, otherwise on the first interface; no packet is read.
pub fn gather() -> Facts {
    let binary = std::env::current_exe()
        .map(|path| path.canonicalize().unwrap_or(path))
        .unwrap_or_else(|_| PathBuf::from("portlens"));
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let (uid, euid) = ids(&status, "Uid:").unwrap_or((u32::MAX, u32::MAX));
    let interfaces = pcap::Device::list()
        .map(|list| list.into_iter().map(|d| d.name).collect::<Vec<_>>())
        .map_err(|error| error.to_string());
    let open_test = match &interfaces {
        Ok(names) => match names.iter().find(|n| *n == "any").or_else(|| names.first()) {
            Some(name) => try_open(name),
            None => OpenTest::NoInterface,
        },
        Err(_) => OpenTest::NoInterface,
    };
    let mountinfo = std::fs::read_to_string("/proc/self/mountinfo").unwrap_or_default();
    Facts {
        file_capabilities: file_capabilities(&binary),
        binary_on_nosuid_mount: mount_of(&mountinfo, &binary).is_some_and(|m| m.nosuid),
        binary,
        uid,
        euid,
        capabilities: capabilities(&status),
        no_new_privs: field(&status, "NoNewPrivs:").is_some_and(|v| v.trim() == "1"),
        interfaces,
        open_test,
        proc_net_readable: std::fs::read_to_string("/proc/net/tcp").is_ok(),
        process_visibility: process_visibility(),
        proc_hidepid: mount_of(&mountinfo, Path::new("/proc")).is_some_and(|m| m.hidepid),
    }
}

/// The value after `name` on its line of /proc/self/status.
fn field<'a>(status: &'a str, name: &str) -> Option<&'a str> {
    status
        .lines()
        .find_map(|line| line.strip_prefix(name))
        .map(str::trim)
}

/// Real and effective ids from a `Uid:` or `Gid:` line.
fn ids(status: &str, name: &str) -> Option<(u32, u32)> {
    let mut values = field(status, name)?.split_whitespace();
    let real = values.next()?.parse().ok()?;
    let effective = values.next()?.parse().ok()?;
    Some((real, effective))
}

/// The capability sets from /proc/self/status (hexadecimal masks).
pub(crate) fn capabilities(status: &str) -> Option<Capabilities> {
    let mask = |name: &str| u64::from_str_radix(field(status, name)?, 16).ok();
    Some(Capabilities {
        effective: mask("CapEff:")?,
        permitted: mask("CapPrm:")?,
        bounding: mask("CapBnd:")?,
    })
}

/// `getcap`'s answer for the binary, without the path it repeats.
fn file_capabilities(binary: &Path) -> Option<String> {
    let output = Command::new("getcap")
        .arg(binary)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&output.stdout);
    let line = text.lines().next()?.trim();
    let caps = line
        .strip_prefix(&*binary.to_string_lossy())
        .unwrap_or(line)
        .trim()
        .trim_start_matches('=')
        .trim();
    (!caps.is_empty()).then(|| caps.to_string())
}

/// Options of the mount that holds `path`, from /proc/self/mountinfo.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct MountOptions {
    pub nosuid: bool,
    pub hidepid: bool,
}

/// The mount with the longest mount point that contains `path`.
pub(crate) fn mount_of(mountinfo: &str, path: &Path) -> Option<MountOptions> {
    mountinfo
        .lines()
        .filter_map(|line| {
            // id parent major:minor root mount-point mount-options … - type source super-options
            let mut fields = line.split_whitespace();
            let mount_point = fields.nth(4)?.replace("\\040", " ");
            let options = fields.next()?;
            let super_options = line.rsplit(' ').next().unwrap_or("");
            path.starts_with(&mount_point).then(|| {
                let all = || options.split(',').chain(super_options.split(','));
                (
                    mount_point.len(),
                    MountOptions {
                        nosuid: options.split(',').any(|o| o == "nosuid"),
                        hidepid: all().any(|o| {
                            o.starts_with("hidepid=") && o != "hidepid=0" && o != "hidepid=off"
                        }),
                    },
                )
            })
        })
        .max_by_key(|(length, _)| *length)
        .map(|(_, options)| options)
}

/// Opens a live capture on `interface` without promiscuous mode and closes it unread.
fn try_open(interface: &str) -> OpenTest {
    let opened = pcap::Capture::from_device(interface).and_then(|capture| {
        capture
            .promisc(false)
            .snaplen(64)
            .immediate_mode(true)
            .timeout(1)
            .open()
    });
    match opened {
        Ok(_) => OpenTest::Opened {
            interface: interface.to_string(),
        },
        Err(error) => OpenTest::Refused {
            interface: interface.to_string(),
            message: match error {
                pcap::Error::PcapError(message) => message,
                other => other.to_string(),
            },
        },
    }
}

/// Counts the processes in /proc and those whose open files this process may list.
fn process_visibility() -> ProcessVisibility {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return ProcessVisibility::default();
    };
    let mut visibility = ProcessVisibility::default();
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        if !name.to_string_lossy().bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        visibility.processes += 1;
        if std::fs::read_dir(entry.path().join("fd")).is_ok() {
            visibility.readable += 1;
        }
    }
    visibility
}

#[cfg(test)]
mod tests {
    use super::*;

    const STATUS: &str = "Name:\tportlens\nUid:\t1000\t1000\t1000\t1000\nCapInh:\t0000000000000000\n\
CapPrm:\t0000000000003000\nCapEff:\t0000000000003000\nCapBnd:\t000001ffffffffff\nNoNewPrivs:\t0\n";

    #[test]
    fn reads_ids_and_capability_sets() {
        assert_eq!(ids(STATUS, "Uid:"), Some((1000, 1000)));
        let caps = capabilities(STATUS).unwrap();
        assert!(caps.effective_has(super::super::capability::NET_RAW));
        assert!(caps.effective_has(super::super::capability::NET_ADMIN));
        assert!(!caps.effective_has(super::super::capability::SYS_PTRACE));
        assert!(caps.bounding_has(super::super::capability::SYS_PTRACE));
    }

    #[test]
    fn finds_the_mount_of_a_path() {
        let info = "22 1 0:21 / / rw,relatime shared:1 - ext4 /dev/vda rw\n\
23 22 0:22 / /proc rw,nosuid,nodev,noexec,relatime shared:2 - proc proc rw,hidepid=invisible\n\
24 22 0:23 / /home/me/bin rw,nosuid,relatime shared:3 - ext4 /dev/vdb rw\n";
        let home = mount_of(info, Path::new("/home/me/bin/portlens")).unwrap();
        assert!(home.nosuid && !home.hidepid);
        let usr = mount_of(info, Path::new("/usr/bin/portlens")).unwrap();
        assert!(!usr.nosuid);
        let proc = mount_of(info, Path::new("/proc")).unwrap();
        assert!(proc.hidepid);
    }

    #[test]
    fn this_system_gives_facts_without_panicking() {
        let facts = gather();
        assert!(!facts.binary.as_os_str().is_empty());
        assert!(facts.process_visibility.readable <= facts.process_visibility.processes);
    }
}
