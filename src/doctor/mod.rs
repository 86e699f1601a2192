//! `portlens doctor`: can live capture work here, and if not, what exactly is missing? Gathers
//! the facts that decide it (who runs portlens, its capabilities, what libpcap sees, whether a
//! capture really opens, how much of /proc is readable for process lookup) into plain data, then
//! [`diagnose`] turns them into checks, each with what it means and the command that fixes it.
//! Gathering is the only part that touches the system, so the diagnosis is tested with made-up
//! facts.

mod diagnose;
mod facts;

pub use diagnose::{Check, Diagnosis, Status, diagnose};
pub use facts::{Capabilities, Facts, OpenTest, ProcessVisibility, gather};

/// Linux capability numbers (linux/capability.h) that matter to a sniffer.
pub mod capability {
    /// Bypass file read permission checks and directory search checks.
    pub const DAC_READ_SEARCH: u32 = 2;
    /// Change interface settings (promiscuous or monitor mode, hardware timestamps, buffers).
    pub const NET_ADMIN: u32 = 12;
    /// Open raw and packet sockets: the one a sniffer cannot do without.
    pub const NET_RAW: u32 = 13;
    /// Inspect other users' processes, including which sockets they hold.
    pub const SYS_PTRACE: u32 = 19;
}
