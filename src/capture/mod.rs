//! Capture: where frames come from. A live interface or a saved .pcap/.pcapng file, read through
//! libpcap (the `pcap` crate), optionally filtered by a BPF expression and copied to a savefile.
//! This module knows nothing about protocols: it yields [`Frame`]s and clear errors.
//!
//! The files, one job each: `options.rs` (what to open: [`SourceSpec`], [`CaptureOptions`]),
//! `open.rs` (opening a file, an interface or a built-in sample, then the filter, `-Z` and the
//! savefile), `reader.rs` (the [`Source`] that yields frames), `frame.rs` (the [`Frame`] and its
//! [`Timestamp`]), `counters.rs` (the end-of-run counts), `error.rs` (every failure as a
//! sentence), and beside them the interface list, link types, in-memory samples and savefile.

mod counters;
mod devices;
mod error;
mod frame;
pub mod linktype;
mod memory;
mod open;
mod options;
mod reader;
mod savefile;

pub use counters::{CaptureStats, LengthAnomalies};
pub use devices::{Interface, InterfaceAddress, list_interfaces};
pub use error::CaptureError;
pub(crate) use error::io_message;
use error::pcap_message;
pub use frame::{Frame, Timestamp};
pub use linktype::LinkType;
pub use options::{CaptureOptions, SourceSpec};
pub use reader::Source;
pub use savefile::SaveFile;
