//! The Linux [`ProcessSource`]: reads the socket tables /proc/net/{tcp,tcp6,udp,udp6}, the open
//! files of every process (`/proc/<pid>/fd/*` → `socket:[inode]`), their names
//! (`/proc/<pid>/comm`) and this host's addresses (/proc/net/if_inet6 and /proc/net/fib_trie).
//! The proc root is configurable so tests can point it at a fake tree. Odd content is skipped,
//! never a panic.
//!
//! /proc/net is the network namespace of the reading process, so the sockets and addresses are
//! those of the namespace portlens runs in.

use super::{
    HostAddresses, OwnerScan, ProcessInfo, ProcessSource, ProcsError, SocketEntry, Transport,
    canonical,
};
use std::io::ErrorKind;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::path::{Path, PathBuf};

/// Reads sockets and processes from a proc file system (normally /proc).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinuxProcs {
    root: PathBuf,
}

impl Default for LinuxProcs {
    fn default() -> LinuxProcs {
        LinuxProcs::new()
    }
}

/// The four socket tables: file name, transport.
const TABLES: [(&str, Transport); 4] = [
    ("tcp", Transport::Tcp),
    ("tcp6", Transport::Tcp),
    ("udp", Transport::Udp),
    ("udp6", Transport::Udp),
];

impl LinuxProcs {
    /// Reads the real /proc.
    pub fn new() -> LinuxProcs {
        LinuxProcs::with_root("/proc")
    }

    /// Reads a proc tree rooted elsewhere (tests build fake ones).
    pub fn with_root(root: impl Into<PathBuf>) -> LinuxProcs {
        LinuxProcs { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Reads a file, `Ok(None)` when it does not exist.
    fn read_optional(&self, path: PathBuf) -> Result<Option<String>, ProcsError> {
        match std::fs::read(&path) {
            Ok(bytes) => Ok(Some(String::from_utf8_lossy(&bytes).into_owned())),
            Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
            Err(source) => Err(ProcsError::Read { path, source }),
        }
    }
}

impl ProcessSource for LinuxProcs {
    fn sockets(&mut self) -> Result<Vec<SocketEntry>, ProcsError> {
        let mut sockets = Vec::new();
        let mut found_any = false;
        for (file, transport) in TABLES {
            // A kernel without IPv6 has no tcp6/udp6; only all four missing is an error.
            if let Some(text) = self.read_optional(self.root.join("net").join(file))? {
                found_any = true;
                sockets.extend(parse_socket_table(&text, transport));
            }
        }
        if !found_any {
            let path = self.root.join("net").join("tcp");
            return Err(ProcsError::Read {
                path,
                source: std::io::Error::from(ErrorKind::NotFound),
            });
        }
        Ok(sockets)
    }

    fn owners(&mut self) -> Result<OwnerScan, ProcsError> {
        let entries = std::fs::read_dir(&self.root).map_err(|source| ProcsError::Read {
            path: self.root.clone(),
            source,
        })?;
        let mut scan = OwnerScan {
            // /proc/self belongs to the reading process's effective user.
            reader_uid: std::fs::metadata(self.root.join("self"))
                .ok()
                .map(|meta| std::os::unix::fs::MetadataExt::uid(&meta)),
            ..OwnerScan::default()
        };
        for entry in entries.flatten() {
            let Some(pid) = entry
                .file_name()
                .to_str()
                .and_then(|n| n.parse::<u32>().ok())
            else {
                continue;
            };
            let process_dir = entry.path();
            let (inodes, denied) = socket_inodes(&process_dir.join("fd"));
            if denied {
                scan.unreadable += 1;
            }
            if inodes.is_empty() {
                continue;
            }
            // The process may exit between reading its files and its name: then it holds nothing.
            let Ok(comm) = std::fs::read(process_dir.join("comm")) else {
                continue;
            };
            let name = parse_comm(&comm);
            for inode in inodes {
                scan.holders.entry(inode).or_default().push(ProcessInfo {
                    pid,
                    name: name.clone(),
                });
            }
        }
        for holders in scan.holders.values_mut() {
            holders.sort();
            holders.dedup();
        }
        Ok(scan)
    }

    fn host_addresses(&mut self) -> Result<HostAddresses, ProcsError> {
        let mut addresses = HostAddresses::default();
        if let Some(text) = self.read_optional(self.root.join("net/if_inet6"))? {
            addresses
                .unicast
                .extend(parse_if_inet6(&text).into_iter().map(IpAddr::V6));
        }
        if let Some(text) = self.read_optional(self.root.join("net/fib_trie"))? {
            let (local, broadcast) = parse_fib_trie(&text);
            addresses.unicast.extend(local.into_iter().map(IpAddr::V4));
            addresses
                .broadcast
                .extend(broadcast.into_iter().map(IpAddr::V4));
        }
        Ok(addresses)
    }
}

/// The socket inodes among a process's open files, and whether some could not be read for lack
/// of permission. A process that vanished meanwhile simply holds nothing.
fn socket_inodes(fd_dir: &Path) -> (Vec<u64>, bool) {
    let entries = match std::fs::read_dir(fd_dir) {
        Ok(entries) => entries,
        Err(e) => return (Vec::new(), e.kind() == ErrorKind::PermissionDenied),
    };
    let mut inodes = Vec::new();
    let mut denied = false;
    for entry in entries.flatten() {
        match std::fs::read_link(entry.path()) {
            Ok(target) => {
                if let Some(inode) = target.to_str().and_then(parse_socket_link) {
                    inodes.push(inode);
                }
            }
            Err(e) if e.kind() == ErrorKind::PermissionDenied => denied = true,
            Err(_) => {}
        }
    }
    (inodes, denied)
}

/// The inode of an fd link's target `socket:[12345]`; `None` for files, pipes and the rest.
pub fn parse_socket_link(target: &str) -> Option<u64> {
    target
        .strip_prefix("socket:[")?
        .strip_suffix(']')?
        .parse()
        .ok()
}

/// A process name from `/proc/<pid>/comm`: the bytes without the final newline, invalid UTF-8
/// replaced; control characters are kept (they are escaped when shown).
pub fn parse_comm(bytes: &[u8]) -> String {
    let bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    String::from_utf8_lossy(bytes).into_owned()
}

/// Parses one socket table (/proc/net/tcp, tcp6, udp or udp6). The first line is a header; a
/// line that does not parse is skipped.
pub fn parse_socket_table(text: &str, transport: Transport) -> Vec<SocketEntry> {
    text.lines()
        .skip(1)
        .filter_map(|line| parse_socket_line(line, transport))
        .collect()
}

/// One row: `sl local rem st tx:rx tr:when retrnsmt uid timeout inode ...`.
fn parse_socket_line(line: &str, transport: Transport) -> Option<SocketEntry> {
    let fields: Vec<&str> = line.split_whitespace().collect();
    if fields.len() < 10 || !fields[0].ends_with(':') {
        return None;
    }
    Some(SocketEntry {
        transport,
        local: parse_socket_address(fields[1])?,
        remote: parse_socket_address(fields[2])?,
        state: u8::from_str_radix(fields[3], 16).ok()?,
        uid: fields[7].parse().ok()?,
        inode: fields[9].parse().ok()?,
    })
}

/// `ADDRESS:PORT` in the kernel's hex: the port is a plain hex number; the address is printed
/// as 32-bit words (one for IPv4, four for IPv6), each word being the bytes of the address in
/// network order read as a number in the host's byte order. So on x86 (little-endian)
/// 127.0.0.1 is `0100007F`. Addresses come back in [`canonical`] form.
pub fn parse_socket_address(text: &str) -> Option<SocketAddr> {
    let (address, port) = text.split_once(':')?;
    let port = u16::from_str_radix(port, 16).ok()?;
    if !address.is_ascii() {
        return None;
    }
    let words = match address.len() {
        8 | 32 => address
            .as_bytes()
            .chunks(8)
            .map(|word| {
                let word = std::str::from_utf8(word).ok()?;
                u32::from_str_radix(word, 16).ok().map(u32::to_ne_bytes)
            })
            .collect::<Option<Vec<[u8; 4]>>>()?,
        _ => return None,
    };
    let ip = if let [word] = words[..] {
        IpAddr::V4(Ipv4Addr::from(word))
    } else {
        let mut bytes = [0u8; 16];
        for (chunk, word) in bytes.chunks_mut(4).zip(&words) {
            chunk.copy_from_slice(word);
        }
        IpAddr::V6(Ipv6Addr::from(bytes))
    };
    Some(SocketAddr::new(canonical(ip), port))
}

/// IPv6 addresses from /proc/net/if_inet6: each line starts with the address as 32 hex digits in
/// network order (no word swapping here, unlike the socket tables).
pub fn parse_if_inet6(text: &str) -> Vec<Ipv6Addr> {
    text.lines()
        .filter_map(|line| {
            let hex = line.split_whitespace().next()?;
            if hex.len() != 32 {
                return None;
            }
            u128::from_str_radix(hex, 16).ok().map(Ipv6Addr::from)
        })
        .collect()
}

/// This host's IPv4 addresses and broadcast addresses from /proc/net/fib_trie: a leaf line
/// `|-- 192.0.2.2` followed by `/32 host LOCAL` is an address of this host; followed by
/// `/32 link BROADCAST`, a broadcast address.
pub fn parse_fib_trie(text: &str) -> (Vec<Ipv4Addr>, Vec<Ipv4Addr>) {
    let mut local = Vec::new();
    let mut broadcast = Vec::new();
    let mut leaf: Option<Ipv4Addr> = None;
    for line in text.lines() {
        let line = line.trim();
        if let Some(address) = line.strip_prefix("|--") {
            leaf = address.trim().parse().ok();
            continue;
        }
        let mut words = line.split_whitespace();
        let (Some(prefix), Some(_scope), Some(kind)) = (words.next(), words.next(), words.next())
        else {
            continue;
        };
        let Some(address) = leaf else { continue };
        if prefix != "/32" {
            continue;
        }
        match kind {
            "LOCAL" => local.push(address),
            "BROADCAST" => broadcast.push(address),
            _ => {}
        }
    }
    local.sort();
    local.dedup();
    broadcast.sort();
    broadcast.dedup();
    (local, broadcast)
}
