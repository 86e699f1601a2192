//! Procs: which local program owns the socket a packet belongs to, like `netstat -ano` or
//! `ss -p`. The operating system is reached only through the [`ProcessSource`] trait (socket
//! tables, socket → process map, this host's addresses), so tests can supply fakes;
//! [`LinuxProcs`] reads them from /proc. [`ProcessLookup`] keeps a snapshot of them, answers each
//! packet from it, and refreshes it (rate-limited) when a socket it does not know appears.
//!
//! Every answer is an [`Outcome`]: the owning process, or `Unknown` with the [`Reason`] it cannot
//! be known. This module holds no teaching text; the explainer turns reasons into sentences.

mod linux;
mod lookup;

pub use linux::LinuxProcs;
pub use lookup::{
    DEFAULT_MAX_AGE, DEFAULT_MISS_TTL, DEFAULT_SCAN_BURST, DEFAULT_SCAN_INTERVAL, ProcessLookup,
};

use crate::decode::{Connection, Transport};
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use thiserror::Error;

/// Returns the IPv4 address inside an IPv4-mapped IPv6 address (`::ffff:192.0.2.1`), and any
/// other address unchanged. A dual-stack IPv6 socket that talks to an IPv4 peer is listed in
/// /proc/net/tcp6 with mapped addresses while the packets on the wire carry plain IPv4, so both
/// sides are compared in this form.
pub fn canonical(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(v6),
        },
        v4 => v4,
    }
}

/// One socket seen from this host: its transport, its own (local) address and port, and the
/// peer's (remote) address and port. For a packet this host receives, local is the destination.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct SocketKey {
    pub transport: Transport,
    pub local_address: IpAddr,
    pub local_port: u16,
    pub remote_address: IpAddr,
    pub remote_port: u16,
}

impl SocketKey {
    /// A key whose addresses are in [`canonical`] form (IPv4-mapped IPv6 becomes IPv4).
    pub fn new(transport: Transport, local: SocketAddr, remote: SocketAddr) -> SocketKey {
        SocketKey {
            transport,
            local_address: canonical(local.ip()),
            local_port: local.port(),
            remote_address: canonical(remote.ip()),
            remote_port: remote.port(),
        }
    }
}

impl SocketKey {
    /// The socket of a packet's source end, if the source is local: local = source, remote =
    /// destination.
    pub fn of_source(packet: &Connection) -> SocketKey {
        let (local, remote) = (packet.source, packet.destination);
        SocketKey::new(packet.transport, local.socket_addr(), remote.socket_addr())
    }

    /// The socket of a packet's destination end: local = destination, remote = source.
    pub fn of_destination(packet: &Connection) -> SocketKey {
        let (local, remote) = (packet.destination, packet.source);
        SocketKey::new(packet.transport, local.socket_addr(), remote.socket_addr())
    }
}

/// A process: its id and its program name as `/proc/<pid>/comm` gives it (at most 15 bytes, chosen
/// by the program itself, so it may hold any character: pass it through
/// [`crate::sanitize::terminal_safe`] before showing it).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct ProcessInfo {
    pub pid: u32,
    pub name: String,
}

/// What kind of socket matched: a connection's own socket, a listening TCP socket (the packet
/// opens or belongs to a connection not yet accepted), or an unconnected UDP socket that receives
/// from anyone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SocketKind {
    Connected,
    Listening,
    Unconnected,
}

/// The process (or processes) that hold the socket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Owner {
    /// The holder with the lowest pid (usually the only one).
    pub process: ProcessInfo,
    /// Other processes holding the same socket (a server's workers forked with it, a shell's
    /// child that inherited it), sorted by pid.
    pub shared_with: Vec<ProcessInfo>,
    pub socket: SocketKind,
    /// The socket's inode number, as `ss -e` and `/proc/<pid>/fd` show it.
    pub inode: u64,
}

/// Why the owning process cannot be named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// This end's address is not one of this host's (the packet is between two other hosts, or
    /// this end is the remote one): only the processes of this host can be looked up.
    NotLocal,
    /// The address is this host's but no socket matches the ports: the program already exited,
    /// the port is closed (the packet will be refused), or the socket lives in another network
    /// namespace (a container) whose sockets this one cannot see.
    NoSocket,
    /// A socket matches, but no process holds it any more: the program closed the connection
    /// and the kernel keeps it a little longer (TIME_WAIT, or finishing its goodbye), or the
    /// connection is complete but the server program has not accepted it yet.
    NoOwner,
    /// A socket matches, but the process holding it could not be seen: reading other users'
    /// `/proc/<pid>/fd` needs root (or the CAP_SYS_PTRACE / CAP_DAC_READ_SEARCH capability).
    NotPermitted,
    /// A socket matches and every process could be read, yet none holds it: the holder is in
    /// another PID namespace (a container sharing this network), or exited a moment ago.
    OwnerNotVisible,
    /// The packets come from a capture file: the processes that sent them are gone, and this
    /// host's sockets have nothing to do with them.
    OfflineFile,
    /// The socket tables could not be read (not Linux, or /proc is not mounted).
    Unavailable,
}

impl Reason {
    /// The reason's name as used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::NotLocal => "not_local",
            Reason::NoSocket => "no_socket",
            Reason::NoOwner => "no_owner",
            Reason::NotPermitted => "not_permitted",
            Reason::OwnerNotVisible => "owner_not_visible",
            Reason::OfflineFile => "offline_file",
            Reason::Unavailable => "unavailable",
        }
    }
}

/// The answer for one socket: its owner, or why it is unknown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Found(Owner),
    Unknown(Reason),
}

impl Outcome {
    /// The owner, when found.
    pub fn owner(&self) -> Option<&Owner> {
        match self {
            Outcome::Found(owner) => Some(owner),
            Outcome::Unknown(_) => None,
        }
    }

    /// The main owning process, when found.
    pub fn process(&self) -> Option<&ProcessInfo> {
        self.owner().map(|owner| &owner.process)
    }

    /// The reason, when unknown.
    pub fn reason(&self) -> Option<Reason> {
        match self {
            Outcome::Found(_) => None,
            Outcome::Unknown(reason) => Some(*reason),
        }
    }
}

/// JSON: `{"status":"found","pid":4242,"name":"curl","socket":"connected","inode":123,
/// "shared_with":[]}` or `{"status":"unknown","reason":"not_permitted"}`.
impl Serialize for Outcome {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Outcome::Found(owner) => {
                let mut out = serializer.serialize_struct("Outcome", 6)?;
                out.serialize_field("status", "found")?;
                out.serialize_field("pid", &owner.process.pid)?;
                out.serialize_field("name", &owner.process.name)?;
                out.serialize_field("socket", &owner.socket)?;
                out.serialize_field("inode", &owner.inode)?;
                out.serialize_field("shared_with", &owner.shared_with)?;
                out.end()
            }
            Outcome::Unknown(reason) => {
                let mut out = serializer.serialize_struct("Outcome", 2)?;
                out.serialize_field("status", "unknown")?;
                out.serialize_field("reason", reason)?;
                out.end()
            }
        }
    }
}

/// The answers for both ends of a packet. On loopback both ends are local and both can be found;
/// for a packet to or from another host, the remote end is `Unknown(NotLocal)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PacketOwners {
    pub source: Outcome,
    pub destination: Outcome,
}

impl PacketOwners {
    /// Both ends unknown for the same reason (an offline file, say).
    pub fn unknown(reason: Reason) -> PacketOwners {
        PacketOwners {
            source: Outcome::Unknown(reason),
            destination: Outcome::Unknown(reason),
        }
    }
}

/// TCP states as /proc/net/tcp numbers them (include/net/tcp_states.h); only the ones the
/// matching needs. UDP reuses them: 1 for a connected socket, 7 for an unconnected one.
pub mod tcp_state {
    pub const ESTABLISHED: u8 = 0x01;
    pub const TIME_WAIT: u8 = 0x06;
    pub const CLOSE: u8 = 0x07;
    pub const LISTEN: u8 = 0x0A;
}

/// One row of a socket table (/proc/net/tcp and its siblings), addresses in [`canonical`] form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SocketEntry {
    pub transport: Transport,
    pub local: SocketAddr,
    pub remote: SocketAddr,
    /// The kernel's state number (see [`tcp_state`]).
    pub state: u8,
    /// The user that owns the socket.
    pub uid: u32,
    /// The socket's inode; 0 when no file refers to it (TIME_WAIT, or not yet accepted).
    pub inode: u64,
}

/// Which processes hold which sockets, from one walk over every process's open files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OwnerScan {
    /// Socket inode → the processes holding it.
    pub holders: HashMap<u64, Vec<ProcessInfo>>,
    /// How many processes' open files could not be read for lack of permission.
    pub unreadable: usize,
    /// The user the walk ran as, when known. A user other than root cannot see the open files
    /// of other users' processes, and with /proc mounted `hidepid=` not even the processes, so
    /// a socket of another user without a visible holder is then "not permitted".
    pub reader_uid: Option<u32>,
}

/// This host's addresses in its network namespace.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HostAddresses {
    /// The addresses assigned to its interfaces (loopback included).
    pub unicast: Vec<IpAddr>,
    /// The IPv4 broadcast addresses of its networks (192.0.2.255 for 192.0.2.0/24).
    pub broadcast: Vec<IpAddr>,
}

/// Access to the operating system's sockets and processes. [`LinuxProcs`] reads /proc; tests
/// supply fakes.
pub trait ProcessSource {
    /// Every TCP and UDP socket of this network namespace, IPv4 and IPv6.
    fn sockets(&mut self) -> Result<Vec<SocketEntry>, ProcsError>;
    /// Which processes hold which socket inodes.
    fn owners(&mut self) -> Result<OwnerScan, ProcsError>;
    /// This host's own addresses (in this network namespace).
    fn host_addresses(&mut self) -> Result<HostAddresses, ProcsError>;
}

/// A failure to read the operating system's socket or process tables.
#[derive(Debug, Error)]
pub enum ProcsError {
    #[error(
        "cannot read {}: {source}. The owning process of each socket comes from the socket \
         tables under /proc/net, which exist on Linux with /proc mounted; without them portlens \
         cannot say which program a packet belongs to.",
        .path.display()
    )]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Every reason an owner can be unknown, for the tests that cover them all.
#[cfg(test)]
pub(crate) const ALL_REASONS: [Reason; 7] = [
    Reason::NotLocal,
    Reason::NoSocket,
    Reason::NoOwner,
    Reason::NotPermitted,
    Reason::OwnerNotVisible,
    Reason::OfflineFile,
    Reason::Unavailable,
];

#[cfg(test)]
mod tests;
