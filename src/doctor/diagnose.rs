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

/// What every question asks about first: who runs portlens, which privileges it holds, and the
/// command that grants the missing ones to this binary.
struct Context<'f> {
    facts: &'f Facts,
    /// The running binary's path, as messages name it.
    binary: String,
    /// The `setcap` command that gives this binary both capabilities.
    setcap: String,
    root: bool,
    /// CAP_NET_RAW is not even in the bounding set: neither sudo nor setcap can bring it back.
    bounded_out: bool,
}

impl<'f> Context<'f> {
    fn new(facts: &'f Facts) -> Context<'f> {
        let binary = facts.binary.display().to_string();
        let setcap = format!(
            "sudo setcap cap_net_raw,cap_net_admin=eip {}",
            shell_quote(&binary)
        );
        Context {
            facts,
            binary,
            setcap,
            root: facts.euid == 0,
            bounded_out: facts
                .capabilities
                .is_some_and(|caps| !caps.bounding_has(NET_RAW)),
        }
    }

    /// Whether `capability` is in effect (for root when the sets could not be read).
    fn has(&self, capability: u32) -> bool {
        match self.facts.capabilities {
            Some(caps) => caps.effective_has(capability),
            None => self.root,
        }
    }
}

/// Decides every check from the facts, one question at a time, then the verdict.
pub fn diagnose(facts: &Facts) -> Diagnosis {
    let context = Context::new(facts);
    let raw = capture_privilege(&context);
    let raw_missing = raw.status == Status::Missing;
    let mut checks = vec![
        user(&context),
        raw,
        interface_settings(&context),
        file_capabilities(&context),
    ];
    checks.extend(no_new_privs(&context));
    checks.extend(nosuid_mount(&context));
    checks.push(interfaces(facts));
    checks.push(live_capture_opens(&context, raw_missing));
    checks.push(process_lookup(&context));
    let can_capture = matches!(facts.open_test, OpenTest::Opened { .. });
    let verdict = verdict(can_capture, &checks);
    Diagnosis {
        checks,
        can_capture,
        verdict,
        why: WHY,
    }
}

/// Who runs portlens: root, or a user who needs the capabilities below.
fn user(context: &Context) -> Check {
    Check {
        title: "User",
        status: Status::Info,
        detail: if context.root {
            "portlens runs as root (uid 0), which holds every capability.".to_string()
        } else {
            format!(
                "portlens runs as uid {}, not root: it can capture only with the capabilities \
                 below.",
                context.facts.euid
            )
        },
        fix: None,
    }
}

/// May portlens open packet sockets (CAP_NET_RAW), and if not, can anything here grant it?
fn capture_privilege(context: &Context) -> Check {
    const TITLE: &str = "Capture privilege (CAP_NET_RAW)";
    if context.has(NET_RAW) {
        Check {
            title: TITLE,
            status: Status::Ok,
            detail: "in effect: the kernel lets portlens open packet sockets.".to_string(),
            fix: None,
        }
    } else if context.bounded_out {
        Check {
            title: TITLE,
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
            title: TITLE,
            status: Status::Missing,
            detail: "not in effect: the kernel will refuse to open a packet socket.".to_string(),
            fix: Some(format!(
                "{}   (or run it as root: sudo {} -i IFACE)",
                context.setcap,
                shell_quote(&context.binary)
            )),
        }
    }
}

/// May libpcap change interface settings (CAP_NET_ADMIN)?
fn interface_settings(context: &Context) -> Check {
    const TITLE: &str = "Interface settings (CAP_NET_ADMIN)";
    if context.has(NET_ADMIN) {
        Check {
            title: TITLE,
            status: Status::Ok,
            detail: "in effect: libpcap may change interface settings such as promiscuous mode."
                .to_string(),
            fix: None,
        }
    } else {
        Check {
            title: TITLE,
            status: Status::Warning,
            detail: "not in effect: capture can work without it, but libpcap cannot change \
                     interface settings (promiscuous mode on some systems, monitor mode, \
                     hardware timestamps)."
                .to_string(),
            fix: (!context.bounded_out).then(|| context.setcap.clone()),
        }
    }
}

/// Which file capabilities the binary carries (what `getcap` reports).
fn file_capabilities(context: &Context) -> Check {
    let binary = &context.binary;
    Check {
        title: "File capabilities of the binary",
        status: Status::Info,
        detail: match &context.facts.file_capabilities {
            Some(caps) => format!("{binary} carries {caps} (getcap)."),
            None => format!("{binary} carries none that getcap reports."),
        },
        fix: None,
    }
}

/// Does no_new_privs keep setcap's capabilities from being granted? Asked only of a user.
fn no_new_privs(context: &Context) -> Option<Check> {
    (context.facts.no_new_privs && !context.root).then(|| Check {
        title: "no_new_privs",
        status: Status::Warning,
        detail: "set for this process (by a container or service manager): file \
                 capabilities given with setcap are not granted when portlens starts."
            .to_string(),
        fix: Some(
            "run portlens outside that sandbox, or give the capabilities to the sandbox itself"
                .to_string(),
        ),
    })
}

/// Does the binary's mount ignore file capabilities (nosuid)? Asked only of a user.
fn nosuid_mount(context: &Context) -> Option<Check> {
    (context.facts.binary_on_nosuid_mount && !context.root).then(|| Check {
        title: "Mount of the binary",
        status: Status::Warning,
        detail: format!(
            "{} lives on a filesystem mounted nosuid, where the kernel ignores file \
             capabilities.",
            context.binary
        ),
        fix: Some(
            "install portlens elsewhere first, e.g. `sudo install target/release/portlens \
             /usr/local/bin/`, then run setcap on that copy"
                .to_string(),
        ),
    })
}

/// Which interfaces libpcap sees.
fn interfaces(facts: &Facts) -> Check {
    const TITLE: &str = "Interfaces libpcap sees";
    match &facts.interfaces {
        Ok(names) if !names.is_empty() => Check {
            title: TITLE,
            status: Status::Ok,
            detail: format!("{}.", names.join(", ")),
            fix: None,
        },
        Ok(_) => Check {
            title: TITLE,
            status: Status::Missing,
            detail: "none.".to_string(),
            fix: Some("check `ip link`; in a container, the container may have no network".into()),
        },
        Err(message) => Check {
            title: TITLE,
            status: Status::Missing,
            detail: format!("libpcap cannot list them: {message}."),
            fix: None,
        },
    }
}

/// Did a live capture really open? When it was refused for want of CAP_NET_RAW, the fix is setcap.
fn live_capture_opens(context: &Context, raw_missing: bool) -> Check {
    const TITLE: &str = "Opening a live capture";
    match &context.facts.open_test {
        OpenTest::Opened { interface } => Check {
            title: TITLE,
            status: Status::Ok,
            detail: format!("opened one on {interface} and closed it at once, unread."),
            fix: None,
        },
        OpenTest::Refused { interface, message } => Check {
            title: TITLE,
            status: Status::Missing,
            detail: format!("libpcap refused to open {interface}: {message}."),
            fix: raw_missing.then(|| context.setcap.clone()),
        },
        OpenTest::NoInterface => Check {
            title: TITLE,
            status: Status::Missing,
            detail: "not tried: there is no interface to open.".to_string(),
            fix: None,
        },
    }
}

/// Can the sockets seen be tied to the programs that own them (/proc readable, and how much)?
fn process_lookup(context: &Context) -> Check {
    const TITLE: &str = "Process lookup (/proc)";
    let facts = context.facts;
    let visibility = facts.process_visibility;
    if !facts.proc_net_readable {
        Check {
            title: TITLE,
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
            title: TITLE,
            status: Status::Warning,
            detail: format!(
                "the open sockets of {} of {} processes are visible; the others belong to other \
                 users, so their sockets cannot be tied to a program{hidden}.",
                visibility.readable, visibility.processes
            ),
            fix: Some(format!(
                "run portlens as root to see every program: sudo {} -i IFACE",
                shell_quote(&context.binary)
            )),
        }
    } else {
        Check {
            title: TITLE,
            status: Status::Ok,
            detail: format!(
                "the open sockets of all {} processes are visible, so each connection can be \
                 tied to its program.",
                visibility.processes
            ),
            fix: None,
        }
    }
}

/// Can live capture work, and if not, the first fix to apply.
fn verdict(can_capture: bool, checks: &[Check]) -> String {
    if can_capture {
        return "live capture works here.".to_string();
    }
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
