//! What to open: a file, an interface or a built-in sample ([`SourceSpec`]), and the settings of
//! the capture ([`CaptureOptions`]: filter, snapshot length, promiscuous mode, savefile, `-Z`).

use std::path::PathBuf;

/// Where to read frames from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceSpec {
    /// A saved capture file (.pcap or .pcapng).
    File(PathBuf),
    /// A live interface by name; `None` means libpcap's default device.
    Live(Option<String>),
    /// A capture built into the program (`portlens demo`): a name for messages, and its bytes.
    Builtin {
        name: &'static str,
        bytes: &'static [u8],
    },
}

/// Settings for opening a capture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaptureOptions {
    pub source: SourceSpec,
    /// BPF filter expression, as tcpdump takes it.
    pub filter: Option<String>,
    pub snaplen: i32,
    pub promiscuous: bool,
    /// Also write every frame read to this file (classic pcap format).
    pub savefile: Option<PathBuf>,
    /// Once the capture is open, become this user (`-Z`); the savefile is created as that user.
    pub run_as: Option<String>,
}

impl Default for CaptureOptions {
    fn default() -> Self {
        CaptureOptions {
            source: SourceSpec::Live(None),
            filter: None,
            snaplen: 262_144,
            promiscuous: true,
            savefile: None,
            run_as: None,
        }
    }
}
