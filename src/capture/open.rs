//! Opening a capture: a file (nanosecond precision; a missing, empty or unreadable file explained
//! before libpcap's terse words), a live interface (immediate mode, woken when a stop is asked
//! for) or a built-in sample; then, in this order, the BPF filter, the change of user (`-Z`) and
//! the savefile, so that the savefile belongs to that user.

use super::{
    CaptureError, CaptureOptions, Frame, LinkType, SaveFile, Source, SourceSpec, io_message,
    memory, pcap_message,
};
use pcap::{Activated, Capture, Precision};
use std::path::Path;

impl Source {
    /// Opens the capture described by `options`: the file or interface and the filter; then, with
    /// `run_as`, becomes that user; then creates the savefile.
    pub fn open(options: &CaptureOptions) -> Result<Source, CaptureError> {
        let run_as = match &options.run_as {
            Some(name) => Some(crate::privileges::TargetUser::look_up(name)?),
            None => None,
        };
        let (mut capture, live, description) = open_source(options)?;
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
            Some(path) => Some(create_savefile(path, options, link_type)?),
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
}

/// Opens the file, interface or built-in sample: the handle, whether it is live, and its name
/// for messages.
fn open_source(
    options: &CaptureOptions,
) -> Result<(Capture<dyn Activated>, bool, String), CaptureError> {
    Ok(match &options.source {
        SourceSpec::File(path) => (open_file(path)?.into(), false, path.display().to_string()),
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
    })
}

/// Creates the savefile of `-w`: the input's link type and, for a classic pcap input, its FCS
/// bits; a live capture's snapshot length, or the largest for a file.
fn create_savefile(
    path: &Path,
    options: &CaptureOptions,
    link_type: LinkType,
) -> Result<SaveFile, CaptureError> {
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
    SaveFile::create(path, link_type.number() | fcs_bits, snaplen)
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
