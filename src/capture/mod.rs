//! Capture: where frames come from. A live interface or a saved .pcap/.pcapng file, read through
//! libpcap (the `pcap` crate), optionally filtered by a BPF expression and copied to a savefile.
//! This module knows nothing about protocols: it yields [`Frame`]s and clear errors.

mod devices;
mod error;
pub mod linktype;
mod memory;
mod savefile;

pub use devices::{Interface, InterfaceAddress, list_interfaces};
pub use error::CaptureError;
pub use linktype::LinkType;
pub use savefile::SaveFile;

use pcap::{Activated, Capture, Precision};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// A capture time: seconds and nanoseconds since the Unix epoch, in UTC. Serialized as its
/// RFC 3339 text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Timestamp {
    pub seconds: i64,
    pub nanoseconds: u32,
}

impl Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.rfc3339())
    }
}

impl Timestamp {
    /// Seconds from `earlier` to this time (never negative).
    pub fn seconds_since(&self, earlier: Timestamp) -> f64 {
        let nanos = (i128::from(self.seconds) - i128::from(earlier.seconds)) * 1_000_000_000
            + i128::from(self.nanoseconds)
            - i128::from(earlier.nanoseconds);
        nanos.max(0) as f64 / 1e9
    }

    /// The timestamp as RFC 3339 text in UTC: microseconds when the nanoseconds are a whole number
    /// of microseconds (what most captures hold), nanoseconds otherwise.
    pub fn rfc3339(&self) -> String {
        crate::format::rfc3339(self.seconds, self.nanoseconds)
    }
}

/// One captured frame, exactly as libpcap handed it over.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Frame {
    /// 1-based position of the frame in this run (after filtering), like tshark's frame number.
    pub number: u64,
    pub timestamp: Timestamp,
    pub link_type: LinkType,
    /// Bytes present in `data` (may be less than `original_length` when the snapshot length cut it).
    pub captured_length: u32,
    /// Length of the frame on the wire.
    pub original_length: u32,
    pub data: Vec<u8>,
}

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

/// Counts reported at the end of a live capture, as tcpdump prints them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CaptureStats {
    pub received: u32,
    pub dropped_by_kernel: u32,
    pub dropped_by_interface: u32,
}

/// Records of a file whose header says more bytes were captured than the packet had on the wire
/// (captured length > original length): impossible for a real capture, so the file was damaged
/// or forged. libpcap hands them over as they are; tcpdump prints `[Invalid header]` for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LengthAnomalies {
    /// How many records say so.
    pub records: u64,
    /// The first of them: its number, captured length and original length.
    pub first_frame: u64,
    pub captured_length: u32,
    pub original_length: u32,
}

impl std::fmt::Display for LengthAnomalies {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "packet {} says {} bytes were captured of a packet {} bytes long on the wire. A record \
             cannot hold more than the packet had, so this record header is wrong (tcpdump prints \
             `[Invalid header]` for it); portlens decoded the bytes the record holds.",
            self.first_frame, self.captured_length, self.original_length
        )?;
        if self.records > 1 {
            write!(f, " {} records of this file are like it.", self.records)?;
        }
        Ok(())
    }
}

/// Makes a live capture's wait for traffic return once a stop is requested (Ctrl-C, SIGTERM).
/// libpcap's own timeout does not do it on Linux: with TPACKET_V3 it waits for the kernel to hand
/// over a block of packets, and an idle interface never fills one, so without this a capture of a
/// quiet interface would not notice Ctrl-C. A thread watches the stop flag and calls
/// `pcap_breakloop`, which wakes the wait; the handle is weak, so it does nothing once the capture
/// is closed.
fn wake_on_stop(waker: pcap::BreakLoop) {
    let watcher = std::thread::Builder::new()
        .name("portlens-stop".into())
        .spawn(move || {
            while !crate::stop::requested() {
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            waker.breakloop();
        });
    // Without the thread, a stop is still noticed when the next packet arrives.
    drop(watcher);
}

/// An open capture that yields frames one at a time.
pub struct Source {
    capture: Capture<dyn Activated>,
    link_type: LinkType,
    live: bool,
    description: String,
    savefile: Option<SaveFile>,
    frame: Frame,
    length_anomalies: Option<LengthAnomalies>,
}

impl Source {
    /// Opens the capture described by `options`: the file or interface and the filter; then, with
    /// `run_as`, becomes that user; then creates the savefile.
    pub fn open(options: &CaptureOptions) -> Result<Source, CaptureError> {
        let run_as = match &options.run_as {
            Some(name) => Some(crate::privileges::TargetUser::look_up(name)?),
            None => None,
        };
        let (mut capture, live, description): (Capture<dyn Activated>, bool, String) =
            match &options.source {
                SourceSpec::File(path) => {
                    (open_file(path)?.into(), false, path.display().to_string())
                }
                SourceSpec::Live(name) => {
                    let device = pick_device(name.as_deref())?;
                    let description = device.name.clone();
                    (open_live(device, options)?.into(), true, description)
                }
                SourceSpec::Builtin { name, bytes } => {
                    let description = format!("the built-in sample {name}");
                    (
                        memory::open(&description, bytes)?.into(),
                        false,
                        description,
                    )
                }
            };
        if let Some(expression) = options.filter.as_deref().filter(|f| !f.trim().is_empty()) {
            capture
                .filter(expression, true)
                .map_err(|error| CaptureError::Filter {
                    expression: expression.to_string(),
                    message: pcap_message(&error),
                })?;
        }
        let link_type = LinkType::from_header_field(capture.get_datalink().0 as u32);
        if live {
            wake_on_stop(capture.breakloop_handle());
        }
        if let Some(user) = &run_as {
            user.become_user()?;
        }
        let savefile = match &options.savefile {
            Some(path) => {
                // A classic pcap input keeps the FCS bits of its link-type field: its frames
                // still end in a frame check sequence.
                let fcs_bits = match &options.source {
                    SourceSpec::File(input) => {
                        classic_link_type_field(input).map_or(0, |field| field & FCS_BITS)
                    }
                    SourceSpec::Live(_) | SourceSpec::Builtin { .. } => 0,
                };
                let snaplen = match options.source {
                    SourceSpec::Live(_) => options.snaplen.max(1) as u32,
                    SourceSpec::File(_) | SourceSpec::Builtin { .. } => MAX_SNAPLEN,
                };
                Some(SaveFile::create(
                    path,
                    link_type.number() | fcs_bits,
                    snaplen,
                )?)
            }
            None => None,
        };
        Ok(Source {
            capture,
            link_type,
            live,
            description,
            savefile,
            frame: Frame::default(),
            length_anomalies: None,
        })
    }

    /// The link type of every frame this source yields.
    pub fn link_type(&self) -> LinkType {
        self.link_type
    }

    /// True for a live interface, false for a file.
    pub fn is_live(&self) -> bool {
        self.live
    }

    /// The file path or interface name, for messages.
    pub fn description(&self) -> &str {
        &self.description
    }

    /// Reads the next frame. `Ok(None)` is the clean end of a file. On a live capture this waits
    /// for traffic. The returned frame is reused by the next call.
    pub fn next_frame(&mut self) -> Result<Option<&Frame>, CaptureError> {
        loop {
            match self.capture.next_packet() {
                Ok(packet) => {
                    let header = packet.header;
                    let timestamp = Timestamp {
                        seconds: header.ts.tv_sec,
                        // Files and live captures are opened with nanosecond precision, so libpcap
                        // puts nanoseconds in the `tv_usec` field.
                        nanoseconds: u32::try_from(header.ts.tv_usec)
                            .unwrap_or(0)
                            .min(999_999_999),
                    };
                    if let Some(savefile) = self.savefile.as_mut() {
                        savefile.write(timestamp, header.len, packet.data)?;
                        if self.live {
                            // Packet-buffered, like `tcpdump -U`: what was shown is on disk even
                            // if the process is killed.
                            savefile.flush()?;
                        }
                    }
                    let frame = &mut self.frame;
                    frame.number += 1;
                    frame.timestamp = timestamp;
                    frame.link_type = self.link_type;
                    frame.captured_length = header.caplen;
                    frame.original_length = header.len;
                    frame.data.clear();
                    frame.data.extend_from_slice(packet.data);
                    if header.caplen > header.len {
                        let anomalies = self.length_anomalies.get_or_insert(LengthAnomalies {
                            records: 0,
                            first_frame: frame.number,
                            captured_length: header.caplen,
                            original_length: header.len,
                        });
                        anomalies.records += 1;
                    }
                    return Ok(Some(&self.frame));
                }
                Err(pcap::Error::TimeoutExpired) => {
                    // No traffic for a while: the moment to notice a request to stop.
                    if crate::stop::requested() {
                        return Ok(None);
                    }
                    continue;
                }
                Err(pcap::Error::NoMorePackets) => return Ok(None),
                Err(error) => {
                    let message = pcap_message(&error);
                    let path = PathBuf::from(&self.description);
                    let after_frame = self.frame.number;
                    return Err(if self.live {
                        CaptureError::Live {
                            interface: self.description.clone(),
                            message,
                        }
                    } else if message.contains("truncated") {
                        CaptureError::Truncated {
                            path,
                            after_frame,
                            message,
                        }
                    } else {
                        // A record libpcap refuses: a length beyond any sane limit, a pcapng
                        // block shorter than its own header, a packet on an undeclared interface.
                        CaptureError::Damaged {
                            path,
                            after_frame,
                            message,
                        }
                    });
                }
            }
        }
    }

    /// Writes any buffered frames of the savefile to disk.
    pub fn flush(&mut self) -> Result<(), CaptureError> {
        match self.savefile.as_mut() {
            Some(savefile) => savefile.flush(),
            None => Ok(()),
        }
    }

    /// Records read so far whose captured length exceeds their original length.
    pub fn length_anomalies(&self) -> Option<LengthAnomalies> {
        self.length_anomalies
    }

    /// Kernel counters of a live capture; `None` for files.
    pub fn stats(&mut self) -> Option<CaptureStats> {
        if !self.live {
            return None;
        }
        self.capture.stats().ok().map(|stat| CaptureStats {
            received: stat.received,
            dropped_by_kernel: stat.dropped,
            dropped_by_interface: stat.if_dropped,
        })
    }
}

/// The largest snapshot length libpcap accepts for most link types; a savefile made from a file
/// announces it, so that no record it holds is longer than its header allows.
const MAX_SNAPLEN: u32 = 262_144;

/// The bits of a link-type field that say frames end in a frame check sequence, and how long
/// it is (the "F" bit 26 and the length in 16-bit words, bits 28–31).
const FCS_BITS: u32 = 0xF400_0000;

/// The link-type field of a classic pcap file's header, upper bits (FCS length) included, or
/// `None` for pcapng and anything unreadable.
fn classic_link_type_field(path: &Path) -> Option<u32> {
    use std::io::Read;
    let mut header = [0u8; 24];
    std::fs::File::open(path)
        .ok()?
        .read_exact(&mut header)
        .ok()?;
    let field = [header[20], header[21], header[22], header[23]];
    match [header[0], header[1], header[2], header[3]] {
        [0xd4, 0xc3, 0xb2, 0xa1] | [0x4d, 0x3c, 0xb2, 0xa1] => Some(u32::from_le_bytes(field)),
        [0xa1, 0xb2, 0xc3, 0xd4] | [0xa1, 0xb2, 0x3c, 0x4d] => Some(u32::from_be_bytes(field)),
        _ => None,
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

fn open_file(path: &Path) -> Result<Capture<pcap::Offline>, CaptureError> {
    // libpcap's own messages for a missing file are terse; check first so we can say more.
    match std::fs::metadata(path) {
        Err(error) => {
            return Err(CaptureError::FileOpen {
                path: path.to_path_buf(),
                message: io_message(&error),
                kind: error.kind(),
            });
        }
        Ok(meta) if meta.is_dir() => {
            return Err(CaptureError::FileOpen {
                path: path.to_path_buf(),
                message: "it is a directory".to_string(),
                kind: std::io::ErrorKind::InvalidInput,
            });
        }
        Ok(meta) if meta.len() == 0 => {
            return Err(CaptureError::EmptyFile {
                path: path.to_path_buf(),
            });
        }
        Ok(_) => {}
    }
    if let Err(error) = std::fs::File::open(path) {
        return Err(CaptureError::FileOpen {
            path: path.to_path_buf(),
            message: io_message(&error),
            kind: error.kind(),
        });
    }
    Capture::from_file_with_precision(path, Precision::Nano).map_err(|error| {
        let message = pcap_message(&error);
        if message.contains("unknown file format") || message.contains("bad dump file format") {
            CaptureError::NotACapture {
                path: path.to_path_buf(),
                message,
            }
        } else if message.contains("truncated") {
            CaptureError::Truncated {
                path: path.to_path_buf(),
                after_frame: 0,
                message,
            }
        } else {
            CaptureError::NotACapture {
                path: path.to_path_buf(),
                message,
            }
        }
    })
}

fn pick_device(name: Option<&str>) -> Result<pcap::Device, CaptureError> {
    match name {
        Some(name) => {
            let devices = pcap::Device::list().unwrap_or_default();
            if let Some(device) = devices.iter().find(|d| d.name == name) {
                return Ok(device.clone());
            }
            if devices.is_empty() {
                // libpcap could not list devices (no permission on some systems): let it try.
                return Ok(pcap::Device::from(name));
            }
            Err(CaptureError::NoSuchInterface {
                name: name.to_string(),
                available: devices.into_iter().map(|d| d.name).collect(),
            })
        }
        None => match pcap::Device::lookup() {
            Ok(Some(device)) => Ok(device),
            Ok(None) => Err(CaptureError::NoDefaultInterface {
                message: "libpcap found no interface to capture on".to_string(),
            }),
            Err(error) => Err(CaptureError::NoDefaultInterface {
                message: pcap_message(&error),
            }),
        },
    }
}

fn open_live(
    device: pcap::Device,
    options: &CaptureOptions,
) -> Result<Capture<pcap::Active>, CaptureError> {
    let name = device.name.clone();
    let inactive = Capture::from_device(device).map_err(|error| CaptureError::Live {
        interface: name.clone(),
        message: pcap_message(&error),
    })?;
    inactive
        .promisc(options.promiscuous)
        .snaplen(options.snaplen)
        .immediate_mode(true)
        .timeout(250)
        .precision(Precision::Nano)
        .open()
        .map_err(|error| CaptureError::from_activation(&name, pcap_message(&error)))
}

/// libpcap's own words for an error, without the crate's Debug wrapping.
fn pcap_message(error: &pcap::Error) -> String {
    match error {
        pcap::Error::PcapError(message) => message.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_of_known_instants() {
        let epoch = Timestamp {
            seconds: 0,
            nanoseconds: 0,
        };
        assert_eq!(epoch.rfc3339(), "1970-01-01T00:00:00.000000Z");
        // 2009-02-24T14:05:12.675612Z (the date of tcpdump's print-flags sample era)
        let t = Timestamp {
            seconds: 1_235_484_312,
            nanoseconds: 675_612_000,
        };
        assert_eq!(t.rfc3339(), "2009-02-24T14:05:12.675612Z");
        let leap = Timestamp {
            seconds: 951_782_400,
            nanoseconds: 1,
        };
        assert_eq!(leap.rfc3339(), "2000-02-29T00:00:00.000000001Z");
        let before = Timestamp {
            seconds: -1,
            nanoseconds: 0,
        };
        assert_eq!(before.rfc3339(), "1969-12-31T23:59:59.000000Z");
        let padded = Timestamp {
            seconds: 1_704_070_861,
            nanoseconds: 10_000,
        };
        assert_eq!(padded.rfc3339(), "2024-01-01T01:01:01.000010Z");
        let far = Timestamp {
            seconds: 253_402_300_800,
            nanoseconds: 0,
        };
        assert_eq!(far.rfc3339(), "10000-01-01T00:00:00.000000Z");
        let ancient = Timestamp {
            seconds: -62_135_596_800,
            nanoseconds: 999_999_999,
        };
        assert_eq!(ancient.rfc3339(), "0001-01-01T00:00:00.999999999Z");
    }
}
