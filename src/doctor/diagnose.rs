//! The doctor's reasoning: [`Facts`] → checks, each with a status, what it means, and the exact
//! command that fixes it; and the verdict (can a live capture open here?). Pure functions.

use super::capability::{NET_ADMIN, NET_RAW};
use super::facts::{Facts, OpenTest};
use serde::Serialize;

/// How a check came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// In place.
    Ok,
    /// Missing, and live capture needs it.
    Missing,
    /// Missing or limited, but live capture can work without it.
    Warning,
    /// Worth knowing, neither good nor bad.
    Info,
}

/// One thing the doctor looked at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    pub title: &'static str,
    pub status: Status,
    pub detail: String,
    /// The command (or action) that fixes it, when something is missing.
    pub fix: Option<String>,
}

/// Everything the doctor has to say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnosis {
    pub checks: Vec<Check>,
    /// True when a live capture really opened.
    pub can_capture: bool,
    pub verdict: String,
    /// Why a sniffer needs the privilege at all.
    pub why: &'static str,
}

/// Why capture needs privilege, and why the fix is the narrowest one.
pub const WHY: &str = "A packet socket sees every frame that crosses an interface: other programs' \
traffic, other users' unencrypted passwords. So the kernel opens one only for root or for a \
program that holds CAP_NET_RAW; CAP_NET_ADMIN lets libpcap change interface settings, such as \
promiscuous mode, in which the card also keeps frames addressed to other machines. `setcap` grants \
exactly these two privileges to this one binary, which is far narrower than running it as root; \
anyone who may run the binary can then capture, so limit who may (Wireshark's dumpcap is \
installed for a `wireshark` group, mode 750, for this reason). `-Z USER` goes further: portlens \
drops root as soon as the capture is open. Reading saved captures (`portlens -r FILE`) needs no \
privilege at all.";

/// Quotes a path for a shell command line when it needs it.
fn shell_quote(path: &str) -> String {
    if !path.is_empty()
        && path
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/._-+,:@".contains(&b))
    {
        path.to_string()
    } else {
        format!("'{}'", path.replace('\'', "'\\''"))
    }
}

/// Decides every check from the facts.
pub fn diagnose(facts: &Facts) -> Diagnosis {
    let binary = facts.binary.display().to_string();
    let setcap = format!(
        "sudo setcap cap_net_raw,cap_net_admin=eip {}",
        shell_quote(&binary)
    );
    let root = facts.euid == 0;
    let has = |capability: u32| match facts.capabilities {
        Some(caps) => caps.effective_has(capability),
        None => root,
    };
    let bounded_out = facts
        .capabilities
        .is_some_and(|caps| !caps.bounding_has(NET_RAW));
    let mut checks = Vec::new();

    checks.push(Check {
        title: "User",
        status: Status::Info,
        detail: if root {
            "portlens runs as root (uid 0), which holds every capability.".to_string()
        } else {
            format!(
                "portlens runs as uid {}, not root: it can capture only with the capabilities \
                 below.",
                facts.euid
            )
        },
        fix: None,
    });

    let raw = if has(NET_RAW) {
        Check {
            title: "Capture privilege (CAP_NET_RAW)",
            status: Status::Ok,
            detail: "in effect: the kernel lets portlens open packet sockets.".to_string(),
            fix: None,
        }
    } else if bounded_out {
        Check {
            title: "Capture privilege (CAP_NET_RAW)",
            status: Status::Missing,
            detail: "not in effect, and not even in this process's bounding set: whatever \
                     started portlens (a container runtime, a service manager) took it away, so \
                     neither sudo inside it nor setcap can bring it back."
                .to_string(),
            fix: Some(
                "start the container with `--cap-add=NET_RAW --cap-add=NET_ADMIN` (Docker, \
                 Podman), or capture on the host"
                    .to_string(),
            ),
        }
    } else {
        Check {
            title: "Capture privilege (CAP_NET_RAW)",
            status: Status::Missing,
            detail: "not in effect: the kernel will refuse to open a packet socket.".to_string(),
            fix: Some(format!(
                "{setcap}   (or run it as root: sudo {} -i IFACE)",
                shell_quote(&binary)
            )),
        }
    };
    let raw_missing = raw.status == Status::Missing;
    checks.push(raw);

    checks.push(if has(NET_ADMIN) {
        Check {
            title: "Interface settings (CAP_NET_ADMIN)",
            status: Status::Ok,
            detail: "in effect: libpcap may change interface settings such as promiscuous mode."
                .to_string(),
            fix: None,
        }
    } else {
        Check {
            title: "Interface settings (CAP_NET_ADMIN)",
            status: Status::Warning,
            detail: "not in effect: capture can work without it, but libpcap cannot change \
                     interface settings (promiscuous mode on some systems, monitor mode, \
                     hardware timestamps)."
                .to_string(),
            fix: (!bounded_out).then(|| setcap.clone()),
        }
    });

    checks.push(Check {
        title: "File capabilities of the binary",
        status: Status::Info,
        detail: match &facts.file_capabilities {
            Some(caps) => format!("{binary} carries {caps} (getcap)."),
            None => format!("{binary} carries none that getcap reports."),
        },
        fix: None,
    });
    if facts.no_new_privs && !root {
        checks.push(Check {
            title: "no_new_privs",
            status: Status::Warning,
            detail: "set for this process (by a container or service manager): file \
                     capabilities given with setcap are not granted when portlens starts."
                .to_string(),
            fix: Some(
                "run portlens outside that sandbox, or give the capabilities to the sandbox itself"
                    .to_string(),
            ),
        });
    }
    if facts.binary_on_nosuid_mount && !root {
        checks.push(Check {
            title: "Mount of the binary",
            status: Status::Warning,
            detail: format!(
                "{binary} lives on a filesystem mounted nosuid, where the kernel ignores file \
                 capabilities."
            ),
            fix: Some(
                "install portlens elsewhere first, e.g. `sudo install target/release/portlens \
                 /usr/local/bin/`, then run setcap on that copy"
                    .to_string(),
            ),
        });
    }

    checks.push(match &facts.interfaces {
        Ok(names) if !names.is_empty() => Check {
            title: "Interfaces libpcap sees",
            status: Status::Ok,
            detail: format!("{}.", names.join(", ")),
            fix: None,
        },
        Ok(_) => Check {
            title: "Interfaces libpcap sees",
            status: Status::Missing,
            detail: "none.".to_string(),
            fix: Some("check `ip link`; in a container, the container may have no network".into()),
        },
        Err(message) => Check {
            title: "Interfaces libpcap sees",
            status: Status::Missing,
            detail: format!("libpcap cannot list them: {message}."),
            fix: None,
        },
    });

    let can_capture = matches!(facts.open_test, OpenTest::Opened { .. });
    checks.push(match &facts.open_test {
        OpenTest::Opened { interface } => Check {
            title: "Opening a live capture",
            status: Status::Ok,
            detail: format!("opened one on {interface} and closed it at once, unread."),
            fix: None,
        },
        OpenTest::Refused { interface, message } => Check {
            title: "Opening a live capture",
            status: Status::Missing,
            detail: format!("libpcap refused to open {interface}: {message}."),
            fix: raw_missing.then(|| setcap.clone()),
        },
        OpenTest::NoInterface => Check {
            title: "Opening a live capture",
            status: Status::Missing,
            detail: "not tried: there is no interface to open.".to_string(),
            fix: None,
        },
    });

    let visibility = facts.process_visibility;
    checks.push(if !facts.proc_net_readable {
        Check {
            title: "Process lookup (/proc)",
            status: Status::Warning,
            detail: "/proc/net/tcp cannot be read, so no socket can be tied to the program that \
                     owns it."
                .to_string(),
            fix: Some("mount /proc (Linux), or run portlens on the host".to_string()),
        }
    } else if visibility.readable < visibility.processes {
        let hidden = if facts.proc_hidepid {
            " (/proc is also mounted with hidepid, which hides other users' processes)"
        } else {
            ""
        };
        Check {
            title: "Process lookup (/proc)",
            status: Status::Warning,
            detail: format!(
                "the open sockets of {} of {} processes are visible; the others belong to other \
                 users, so their sockets cannot be tied to a program{hidden}.",
                visibility.readable, visibility.processes
            ),
            fix: Some(format!(
                "run portlens as root to see every program: sudo {} -i IFACE",
                shell_quote(&binary)
            )),
        }
    } else {
        Check {
            title: "Process lookup (/proc)",
            status: Status::Ok,
            detail: format!(
                "the open sockets of all {} processes are visible, so each connection can be \
                 tied to its program.",
                visibility.processes
            ),
            fix: None,
        }
    });

    let verdict = if can_capture {
        "live capture works here.".to_string()
    } else {
        match checks
            .iter()
            .find(|c| c.status == Status::Missing && c.fix.is_some())
        {
            Some(check) => format!(
                "live capture cannot work yet. The fix: {}",
                check.fix.as_deref().unwrap_or_default()
            ),
            None => "live capture cannot work yet; see the checks above.".to_string(),
        }
    };
    Diagnosis {
        checks,
        can_capture,
        verdict,
        why: WHY,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doctor::{Capabilities, ProcessVisibility};
    use std::path::PathBuf;

    const ALL: u64 = (1 << 41) - 1;

    fn facts(euid: u32, effective: u64, bounding: u64, opened: bool) -> Facts {
        Facts {
            binary: PathBuf::from("/home/student/bin/portlens"),
            uid: euid,
            euid,
            capabilities: Some(Capabilities {
                effective,
                permitted: effective,
                bounding,
            }),
            no_new_privs: false,
            file_capabilities: None,
            binary_on_nosuid_mount: false,
            interfaces: Ok(vec!["eth0".into(), "any".into(), "lo".into()]),
            open_test: if opened {
                OpenTest::Opened {
                    interface: "any".into(),
                }
            } else {
                OpenTest::Refused {
                    interface: "any".into(),
                    message: "socket: Operation not permitted".into(),
                }
            },
            proc_net_readable: true,
            process_visibility: ProcessVisibility {
                processes: 120,
                readable: if euid == 0 { 120 } else { 14 },
            },
            proc_hidepid: false,
        }
    }

    fn check<'a>(diagnosis: &'a Diagnosis, title: &str) -> &'a Check {
        diagnosis
            .checks
            .iter()
            .find(|c| c.title.starts_with(title))
            .unwrap_or_else(|| panic!("no check {title}"))
    }

    #[test]
    fn root_can_capture_and_see_every_process() {
        let d = diagnose(&facts(0, ALL, ALL, true));
        assert!(d.can_capture);
        assert_eq!(check(&d, "Capture privilege").status, Status::Ok);
        assert_eq!(check(&d, "Process lookup").status, Status::Ok);
        assert_eq!(d.verdict, "live capture works here.");
        assert!(d.checks.iter().all(|c| c.status != Status::Missing));
    }

    #[test]
    fn a_plain_user_is_given_the_exact_setcap_command() {
        let d = diagnose(&facts(1000, 0, ALL, false));
        assert!(!d.can_capture);
        let raw = check(&d, "Capture privilege");
        assert_eq!(raw.status, Status::Missing);
        let command = "sudo setcap cap_net_raw,cap_net_admin=eip /home/student/bin/portlens";
        assert!(raw.fix.as_deref().unwrap().starts_with(command), "{raw:?}");
        assert!(d.verdict.contains(command), "{}", d.verdict);
        let lookup = check(&d, "Process lookup");
        assert_eq!(lookup.status, Status::Warning);
        assert!(lookup.detail.contains("14 of 120"), "{lookup:?}");
    }

    #[test]
    fn capabilities_in_effect_are_enough_without_root() {
        let granted = (1 << NET_RAW) | (1 << NET_ADMIN);
        let d = diagnose(&facts(1000, granted, ALL, true));
        assert!(d.can_capture);
        assert_eq!(check(&d, "Capture privilege").status, Status::Ok);
        assert_eq!(check(&d, "Interface settings").status, Status::Ok);
    }

    #[test]
    fn a_container_without_the_capability_is_told_that_setcap_cannot_help() {
        let bounding = ALL & !(1 << NET_RAW) & !(1 << NET_ADMIN);
        let d = diagnose(&facts(0, bounding, bounding, false));
        let raw = check(&d, "Capture privilege");
        assert_eq!(raw.status, Status::Missing);
        assert!(raw.detail.contains("bounding set"), "{raw:?}");
        assert!(raw.fix.as_deref().unwrap().contains("--cap-add=NET_RAW"));
        assert!(d.verdict.contains("--cap-add=NET_RAW"), "{}", d.verdict);
    }

    #[test]
    fn paths_with_spaces_are_quoted_for_the_shell() {
        assert_eq!(shell_quote("/usr/bin/portlens"), "/usr/bin/portlens");
        assert_eq!(shell_quote("/home/a b/portlens"), "'/home/a b/portlens'");
        assert_eq!(shell_quote("/tmp/it's"), "'/tmp/it'\\''s'");
    }

    #[test]
    fn no_new_privs_and_nosuid_explain_why_setcap_would_not_apply() {
        let mut f = facts(1000, 0, ALL, false);
        f.no_new_privs = true;
        f.binary_on_nosuid_mount = true;
        let d = diagnose(&f);
        assert_eq!(check(&d, "no_new_privs").status, Status::Warning);
        assert!(check(&d, "Mount of the binary").detail.contains("nosuid"));
    }
}
