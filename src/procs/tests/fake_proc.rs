//! Fake proc trees in a temporary directory: socket tables written as the kernel prints them, host
//! address files, and processes with their `socket:[inode]` links, for the matching tests.

use super::parsers::{REAL_FIB_TRIE, REAL_IF_INET6};
use super::*;
use std::path::Path;

/// A temp directory removed on drop.
pub(super) struct TempDir(pub(super) PathBuf);

impl TempDir {
    pub(super) fn new(tag: &str) -> TempDir {
        static COUNTER: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("portlens-procs-{tag}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        // A directory made unreadable by a test must be readable again to be removed.
        fn open_up(path: &Path) {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755));
            if let Ok(entries) = std::fs::read_dir(path) {
                for entry in entries.flatten() {
                    if entry.file_type().is_ok_and(|t| t.is_dir()) {
                        open_up(&entry.path());
                    }
                }
            }
        }
        open_up(&self.0);
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// An address as the kernel prints it in the socket tables: 32-bit words in host byte order.
fn kernel_hex(address: SocketAddr) -> String {
    let words: String = match address.ip() {
        IpAddr::V4(v4) => format!("{:08X}", u32::from_ne_bytes(v4.octets())),
        IpAddr::V6(v6) => v6
            .octets()
            .chunks(4)
            .map(|word| format!("{:08X}", u32::from_ne_bytes(word.try_into().unwrap())))
            .collect(),
    };
    format!("{words}:{:04X}", address.port())
}

/// One row to write into a fake table.
pub(super) struct Row {
    table: &'static str,
    local: &'static str,
    remote: &'static str,
    state: u8,
    inode: u64,
}

pub(super) fn row(
    table: &'static str,
    local: &'static str,
    remote: &'static str,
    state: u8,
    inode: u64,
) -> Row {
    Row {
        table,
        local,
        remote,
        state,
        inode,
    }
}

/// Builds a fake proc tree: socket tables, host addresses, processes with their fds.
pub(super) struct FakeProc {
    dir: TempDir,
}

impl FakeProc {
    pub(super) fn new(tag: &str) -> FakeProc {
        let fake = FakeProc {
            dir: TempDir::new(tag),
        };
        std::fs::create_dir_all(fake.root().join("net")).unwrap();
        fake.set_sockets(&[]);
        std::fs::write(fake.root().join("net/if_inet6"), REAL_IF_INET6).unwrap();
        std::fs::write(fake.root().join("net/fib_trie"), REAL_FIB_TRIE).unwrap();
        fake
    }

    pub(super) fn root(&self) -> &Path {
        &self.dir.0
    }

    pub(super) fn source(&self) -> LinuxProcs {
        LinuxProcs::with_root(self.root())
    }

    /// Rewrites all four tables with these rows.
    pub(super) fn set_sockets(&self, rows: &[Row]) {
        for table in ["tcp", "tcp6", "udp", "udp6"] {
            let mut text = String::from(
                "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n",
            );
            for (n, r) in rows.iter().filter(|r| r.table == table).enumerate() {
                text.push_str(&format!(
                    "{n:4}: {} {} {:02X} 00000000:00000000 00:00000000 00000000  1000        0 {} 1 0000000000000000 100 0 0 10 0\n",
                    kernel_hex(addr(r.local)),
                    kernel_hex(addr(r.remote)),
                    r.state,
                    r.inode
                ));
            }
            std::fs::write(self.root().join("net").join(table), text).unwrap();
        }
    }

    /// A process holding these socket inodes (plus a pipe and /dev/null, as real ones do).
    pub(super) fn add_process(&self, pid: u32, name: &str, inodes: &[u64]) {
        let dir = self.root().join(pid.to_string());
        let fd = dir.join("fd");
        std::fs::create_dir_all(&fd).unwrap();
        std::fs::write(dir.join("comm"), format!("{name}\n")).unwrap();
        std::os::unix::fs::symlink("/dev/null", fd.join("0")).unwrap();
        std::os::unix::fs::symlink("pipe:[777]", fd.join("1")).unwrap();
        for (n, inode) in inodes.iter().enumerate() {
            std::os::unix::fs::symlink(format!("socket:[{inode}]"), fd.join((n + 3).to_string()))
                .unwrap();
        }
    }

    pub(super) fn remove_process(&self, pid: u32) {
        std::fs::remove_dir_all(self.root().join(pid.to_string())).unwrap();
    }
}
