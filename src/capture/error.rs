//! Capture errors: every way opening or reading a capture can fail, each as a sentence that says
//! what happened and what to do next.

use crate::sanitize::terminal_safe;
use std::path::PathBuf;
use thiserror::Error;

/// Why a capture could not be opened or read.
#[derive(Debug, Error)]
pub enum CaptureError {
    #[error("cannot open {}: {message}. {}.", .path.display(), file_open_hint(*.kind))]
    FileOpen {
        path: PathBuf,
        message: String,
        kind: std::io::ErrorKind,
    },

    #[error(
        "{} is empty (0 bytes), so it holds no capture. A capture file starts with a pcap or pcapng \
         header; record one with `portlens -w FILE` or `tcpdump -w FILE`.",
        .path.display()
    )]
    EmptyFile { path: PathBuf },

    #[error(
        "{} is not a capture file that libpcap can read (libpcap says: {message}). portlens reads \
         .pcap and .pcapng files as written by tcpdump, Wireshark, dumpcap or `portlens -w`.",
        .path.display()
    )]
    NotACapture { path: PathBuf, message: String },

    #[error("{}", truncated_text(.path, *.after_frame, .message))]
    Truncated {
        path: PathBuf,
        after_frame: u64,
        message: String,
    },

    #[error("{}", damaged_text(.path, *.after_frame, .message))]
    Damaged {
        path: PathBuf,
        after_frame: u64,
        message: String,
    },

    #[error(
        "libpcap rejected the filter \"{}\": {message}. Filters use tcpdump's syntax, for example \
         `tcp port 80` or `host 192.0.2.1 and udp` (see `man pcap-filter`).",
        terminal_safe(.expression)
    )]
    Filter { expression: String, message: String },

    #[error(
        "you do not have permission to capture on {} (libpcap says: {message}). Capturing live \
         traffic needs root or the raw-capture capabilities: run `sudo {binary} -i {}`, or grant \
         them once with `sudo setcap cap_net_raw,cap_net_admin=eip {binary}`. Reading saved \
         captures needs no privilege: `portlens -r FILE`.",
        terminal_safe(.interface), terminal_safe(.interface)
    )]
    Permission {
        interface: String,
        message: String,
        binary: String,
    },

    #[error(
        "there is no interface named \"{}\". Interfaces on this machine: {}. `portlens -D` lists \
         them with their addresses.",
        terminal_safe(.name), list_names(.available)
    )]
    NoSuchInterface {
        name: String,
        available: Vec<String>,
    },

    #[error(
        "no interface was named and libpcap found no default one ({message}). Name one with `-i`, \
         for example `-i lo`; `portlens -D` lists them."
    )]
    NoDefaultInterface { message: String },

    #[error("capture on {} failed: {message}.", terminal_safe(.interface))]
    Live { interface: String, message: String },

    #[error(
        "cannot write the capture file {}: {message}. Check that its directory exists, that you \
         may write there (with -Z, the user you switch to must), and that the disk has room.",
        .path.display()
    )]
    Savefile { path: PathBuf, message: String },

    #[error(
        "cannot write the built-in sample to a private temporary file in {} ({message}); libpcap \
         reads captures only from files. Set TMPDIR to a directory you may write to, for example \
         `TMPDIR=$HOME portlens demo`.",
        .directory.display()
    )]
    TempFile { directory: PathBuf, message: String },

    #[error(transparent)]
    Privileges(#[from] crate::privileges::PrivilegeError),
}

impl CaptureError {
    /// Classifies an error from `pcap_activate` on `interface`.
    pub(crate) fn from_activation(interface: &str, message: String) -> CaptureError {
        let lower = message.to_ascii_lowercase();
        if lower.contains("permission") || lower.contains("operation not permitted") {
            CaptureError::Permission {
                interface: interface.to_string(),
                message,
                binary: std::env::current_exe()
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|_| "portlens".to_string()),
            }
        } else if lower.contains("no such device") {
            CaptureError::NoSuchInterface {
                name: interface.to_string(),
                available: pcap::Device::list()
                    .unwrap_or_default()
                    .into_iter()
                    .map(|d| d.name)
                    .collect(),
            }
        } else {
            CaptureError::Live {
                interface: interface.to_string(),
                message,
            }
        }
    }
}

fn truncated_text(path: &std::path::Path, after_frame: u64, message: &str) -> String {
    if after_frame == 0 && message.contains("file header") {
        format!(
            "{} ends inside its file header (libpcap says: {message}), so it holds no packet. \
             The file was probably cut short while it was being written or copied.",
            path.display()
        )
    } else if after_frame == 0 {
        format!(
            "{} ends in the middle of its first record (libpcap says: {message}), before any \
             packet could be read. The file was probably cut short while it was being written \
             or copied.",
            path.display()
        )
    } else {
        format!(
            "{} ends in the middle of a record after packet {after_frame} (libpcap says: \
             {message}). The file was probably cut short while it was being written or copied; \
             every packet before that point was decoded above.",
            path.display()
        )
    }
}

fn damaged_text(path: &std::path::Path, after_frame: u64, message: &str) -> String {
    let place = match after_frame {
        0 => "its first record".to_string(),
        n => format!("the record after packet {n}"),
    };
    let decoded = match after_frame {
        0 => "No packet could be read",
        _ => "Every packet before it was decoded above",
    };
    format!(
        "{} is damaged: libpcap cannot read {place} ({message}). {decoded}; libpcap, and so \
         tcpdump too, cannot read past a damaged record. Check where the file came from, or try \
         to repair it with a tool such as `pcapfix`.",
        path.display()
    )
}

fn file_open_hint(kind: std::io::ErrorKind) -> &'static str {
    match kind {
        std::io::ErrorKind::NotFound => {
            "Check the path; the samples/ folder of portlens holds example captures to start with"
        }
        std::io::ErrorKind::PermissionDenied => {
            "Check the file's permissions with `ls -l`, or read it as a user who may"
        }
        _ => "Check that the path names a readable capture file",
    }
}

fn list_names(names: &[String]) -> String {
    if names.is_empty() {
        "none that libpcap can see".to_string()
    } else {
        names
            .iter()
            .map(|n| terminal_safe(n).into_owned())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// An I/O error's own words without Rust's " (os error N)" suffix.
pub(crate) fn io_message(error: &std::io::Error) -> String {
    let text = error.to_string();
    match text.find(" (os error") {
        Some(cut) => text[..cut].to_string(),
        None => text,
    }
}

/// libpcap's own words for an error, without the crate's Debug wrapping.
pub(super) fn pcap_message(error: &pcap::Error) -> String {
    match error {
        pcap::Error::PcapError(message) => message.clone(),
        other => other.to_string(),
    }
}
