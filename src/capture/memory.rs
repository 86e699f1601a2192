//! Captures held in memory (the samples built into portlens), read by the real libpcap. libpcap
//! reads only files, so the bytes go to a private temporary file (created new, readable only by
//! this user), libpcap opens it, and the file is removed at once: libpcap goes on reading through
//! the handle it holds, and nothing is left behind even if the run is interrupted.

use super::CaptureError;
use pcap::{Capture, Offline, Precision};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Opens `bytes` (a pcap or pcapng capture) with libpcap. `label` names the capture in errors.
pub(super) fn open(label: &str, bytes: &[u8]) -> Result<Capture<Offline>, CaptureError> {
    let directory = std::env::temp_dir();
    let file = PrivateFile::create(&directory, bytes).map_err(|error| CaptureError::TempFile {
        directory: directory.clone(),
        message: super::io_message(&error),
    })?;
    let opened = Capture::from_file_with_precision(file.path(), Precision::Nano);
    drop(file);
    opened.map_err(|error| CaptureError::NotACapture {
        path: PathBuf::from(label),
        message: super::pcap_message(&error),
    })
}

/// A file only this user may read, holding a copy of some bytes; removed when dropped.
struct PrivateFile {
    path: PathBuf,
}

impl PrivateFile {
    fn create(directory: &Path, bytes: &[u8]) -> io::Result<PrivateFile> {
        static CREATED: AtomicU64 = AtomicU64::new(0);
        let mut last_error = None;
        for _ in 0..64 {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.subsec_nanos())
                .unwrap_or(0);
            let path = directory.join(format!(
                "portlens-{}-{}-{nanos}.pcap",
                std::process::id(),
                CREATED.fetch_add(1, Ordering::Relaxed)
            ));
            let mut options = fs::OpenOptions::new();
            // `create_new` refuses an existing path, symbolic links included.
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            match options.open(&path) {
                Ok(mut file) => {
                    let file_guard = PrivateFile { path };
                    file.write_all(bytes)?;
                    file.flush()?;
                    return Ok(file_guard);
                }
                Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {
                    last_error = Some(error);
                }
                Err(error) => return Err(error),
            }
        }
        Err(last_error.unwrap_or_else(|| io::Error::other("no free temporary file name")))
    }

    fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for PrivateFile {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch_directory(tag: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("portlens-memory-test-{tag}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn private_file_holds_the_bytes_only_for_its_owner_and_goes_away() {
        let dir = scratch_directory("private");
        let file = PrivateFile::create(&dir, b"some bytes").unwrap();
        assert_eq!(fs::read(file.path()).unwrap(), b"some bytes");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(file.path()).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let path = file.path().to_path_buf();
        drop(file);
        assert!(!path.exists());
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn libpcap_reads_every_packet_and_no_file_is_left() {
        let bytes = include_bytes!("../../samples/ping.pcap");
        let mut capture = open("ping", bytes).unwrap();
        let mut packets = 0;
        while capture.next_packet().is_ok() {
            packets += 1;
        }
        assert_eq!(packets, 6);
    }

    #[test]
    fn bytes_that_are_not_a_capture_are_refused_clearly() {
        let error = open(
            "the built-in sample junk",
            b"definitely not a pcap file at all",
        )
        .err()
        .expect("refused");
        let text = error.to_string();
        assert!(
            text.starts_with("the built-in sample junk is not a capture file"),
            "{text}"
        );
    }
}
