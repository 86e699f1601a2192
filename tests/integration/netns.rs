//! The test lab: a private network namespace whose processes and loopback the tests own (Drop
//! kills every process and deletes the namespace, pass or fail, so no packet ever leaves it), a
//! private temporary directory, and a pipe reader for chatty children.

use crate::helpers::{Missing, stderr};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread::JoinHandle;

/// A private directory under the system temp directory, removed by `TempDir`'s Drop.
pub(crate) struct TempDir(pub(crate) PathBuf);

impl TempDir {
    pub(crate) fn new(tag: &str) -> TempDir {
        use std::os::unix::fs::PermissionsExt;
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let dir =
            std::env::temp_dir().join(format!("portlens-{tag}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("create a temp dir");
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755))
            .expect("temp dir permissions");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A network namespace of this test and the processes started in it; Drop kills them all and
/// deletes the namespace, whether the test passed or failed.
pub(crate) struct Namespace {
    ip: PathBuf,
    name: String,
    pub(crate) children: Vec<Child>,
}

impl Namespace {
    /// Creates the namespace and brings its loopback up; what is missing when not possible.
    pub(crate) fn create(ip: &Path) -> Result<Namespace, Missing> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let name = format!("portlens-live-{}-{nanos}", std::process::id());
        let unavailable = |why: String| {
            Missing::new(
                format!("a network namespace cannot be made here ({why})"),
                "scripts/setup.sh installs iproute2; the tests must run as root on a kernel \
                 with network namespaces, as in CI",
            )
        };
        let added = Command::new(ip)
            .args(["netns", "add", &name])
            .output()
            .map_err(|e| unavailable(format!("cannot run ip: {e}")))?;
        if !added.status.success() {
            return Err(unavailable(format!(
                "`ip netns add` failed: {}",
                stderr(&added).trim()
            )));
        }
        // From here on, Drop deletes the namespace.
        let namespace = Namespace {
            ip: ip.to_path_buf(),
            name,
            children: Vec::new(),
        };
        let up = namespace
            .command("ip")
            .args(["link", "set", "lo", "up"])
            .output()
            .map_err(|e| unavailable(format!("cannot run ip netns exec: {e}")))?;
        if !up.status.success() {
            return Err(unavailable(format!(
                "cannot bring lo up in the namespace: {}",
                stderr(&up).trim()
            )));
        }
        Ok(namespace)
    }

    /// The namespace's name, for `ip link … netns NAME`.
    pub(crate) fn name(&self) -> &str {
        &self.name
    }

    /// A command that runs `program` inside the namespace, with no proxy settings inherited
    /// (so nothing can be sent to an address outside the namespace).
    pub(crate) fn command(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut command = Command::new(&self.ip);
        command.args(["netns", "exec", &self.name]).arg(program);
        for proxy in [
            "http_proxy",
            "https_proxy",
            "all_proxy",
            "HTTP_PROXY",
            "HTTPS_PROXY",
            "ALL_PROXY",
        ] {
            command.env_remove(proxy);
        }
        command
    }

    /// Starts `ping` sending to 127.0.0.1 five times a second, until the namespace is dropped.
    pub(crate) fn ping_loopback(&mut self, ping: &Path) {
        let mut pinger = self.command(ping);
        pinger
            .args(["-n", "-i", "0.2", "127.0.0.1"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        self.spawn(pinger);
    }

    /// Starts a long-running process in the namespace and keeps it for cleanup; returns its
    /// index in `children`.
    pub(crate) fn spawn(&mut self, mut command: Command) -> usize {
        let child = command.spawn().expect("spawn a process in the namespace");
        self.children.push(child);
        self.children.len() - 1
    }
}

impl Drop for Namespace {
    fn drop(&mut self) {
        for child in &mut self.children {
            let _ = child.kill();
            let _ = child.wait();
        }
        // Anything else still running in our namespace was started by this test (e.g. a
        // grandchild of a wrapper script): end it by its id before deleting the namespace.
        if let Ok(pids) = Command::new(&self.ip)
            .args(["netns", "pids", &self.name])
            .output()
        {
            for pid in String::from_utf8_lossy(&pids.stdout).split_whitespace() {
                if pid.chars().all(|c| c.is_ascii_digit()) {
                    let _ = Command::new("kill")
                        .args(["-KILL", pid])
                        .stderr(Stdio::null())
                        .status();
                }
            }
        }
        let _ = Command::new(&self.ip)
            .args(["netns", "del", &self.name])
            .status();
    }
}

/// Reads a pipe to its end on a thread, so a chatty child never blocks on a full pipe.
pub(crate) fn drain(pipe: impl Read + Send + 'static) -> JoinHandle<String> {
    std::thread::spawn(move || {
        let mut reader = pipe;
        let mut bytes = Vec::new();
        let _ = reader.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    })
}
