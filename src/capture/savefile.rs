//! The savefile of `-w`: every frame read, written as a classic pcap file with nanosecond
//! timestamps (the format tcpdump, Wireshark and libpcap read). Written by hand rather than with
//! libpcap's `pcap_dump`, which cannot report a failed write: here every write is checked, so a
//! full disk or a failing device is a clear error, never silent loss.

use super::{CaptureError, Timestamp};
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// The magic number of a classic pcap file whose timestamps are in nanoseconds.
const NANOSECOND_MAGIC: u32 = 0xa1b2_3c4d;

/// An open savefile.
pub struct SaveFile {
    writer: BufWriter<File>,
    path: PathBuf,
}

impl SaveFile {
    /// Creates (or truncates) `path` and writes the file header. `link_type_field` is written as
    /// the header's link-type field (LINKTYPE_ value, with any FCS bits); `snaplen` must be at
    /// least the longest captured length that will be written, or readers cut longer records.
    pub fn create(
        path: &Path,
        link_type_field: u32,
        snaplen: u32,
    ) -> Result<SaveFile, CaptureError> {
        let file = File::create(path).map_err(|error| savefile_error(path, &error))?;
        let mut savefile = SaveFile {
            writer: BufWriter::with_capacity(64 * 1024, file),
            path: path.to_path_buf(),
        };
        let mut header = [0u8; 24];
        header[0..4].copy_from_slice(&NANOSECOND_MAGIC.to_le_bytes());
        header[4..6].copy_from_slice(&2u16.to_le_bytes());
        header[6..8].copy_from_slice(&4u16.to_le_bytes());
        // Bytes 8..16: time zone offset and timestamp accuracy, both 0 as every writer does.
        header[16..20].copy_from_slice(&snaplen.to_le_bytes());
        header[20..24].copy_from_slice(&link_type_field.to_le_bytes());
        savefile.write_all(&header)?;
        Ok(savefile)
    }

    /// Appends one record.
    pub fn write(
        &mut self,
        timestamp: Timestamp,
        original_length: u32,
        data: &[u8],
    ) -> Result<(), CaptureError> {
        let mut header = [0u8; 16];
        // The classic format has 32-bit seconds; times outside 1970–2106 cannot be written.
        header[0..4].copy_from_slice(&(timestamp.seconds as u32).to_le_bytes());
        header[4..8].copy_from_slice(&timestamp.nanoseconds.to_le_bytes());
        header[8..12].copy_from_slice(&(data.len() as u32).to_le_bytes());
        header[12..16].copy_from_slice(&original_length.to_le_bytes());
        self.write_all(&header)?;
        self.write_all(data)
    }

    /// Pushes everything written so far to the operating system.
    pub fn flush(&mut self) -> Result<(), CaptureError> {
        self.writer
            .flush()
            .map_err(|error| savefile_error(&self.path, &error))
    }

    fn write_all(&mut self, bytes: &[u8]) -> Result<(), CaptureError> {
        self.writer
            .write_all(bytes)
            .map_err(|error| savefile_error(&self.path, &error))
    }
}

fn savefile_error(path: &Path, error: &io::Error) -> CaptureError {
    CaptureError::Savefile {
        path: path.to_path_buf(),
        message: super::io_message(error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_a_nanosecond_pcap_that_reads_back() {
        let dir = std::env::temp_dir().join(format!("portlens-savefile-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("out.pcap");
        let mut savefile = SaveFile::create(&path, 1, 262_144).unwrap();
        let frame = [0xffu8; 60];
        let when = Timestamp {
            seconds: 1_700_000_000,
            nanoseconds: 123_456_789,
        };
        savefile.write(when, 64, &frame).unwrap();
        savefile.flush().unwrap();
        drop(savefile);
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(bytes.len(), 24 + 16 + 60);
        assert_eq!(&bytes[..4], &[0x4d, 0x3c, 0xb2, 0xa1]);
        let mut capture =
            pcap::Capture::from_file_with_precision(&path, pcap::Precision::Nano).unwrap();
        let packet = capture.next_packet().unwrap();
        assert_eq!(packet.header.ts.tv_sec, 1_700_000_000);
        assert_eq!(packet.header.ts.tv_usec, 123_456_789);
        assert_eq!((packet.header.caplen, packet.header.len), (60, 64));
        assert_eq!(packet.data, &frame[..]);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_full_disk_is_an_error() {
        let mut savefile = match SaveFile::create(Path::new("/dev/full"), 1, 262_144) {
            Ok(savefile) => savefile,
            Err(error) => panic!("/dev/full opens for writing: {error}"),
        };
        let frame = vec![0u8; 1500];
        let when = Timestamp::default();
        let mut failure = None;
        for _ in 0..100 {
            if let Err(error) = savefile.write(when, 1500, &frame) {
                failure = Some(error);
                break;
            }
        }
        let failed = match failure {
            Some(error) => error,
            None => savefile.flush().expect_err("writing to /dev/full fails"),
        };
        let text = failed.to_string();
        assert!(text.contains("/dev/full"), "{text}");
        assert!(text.contains("No space left on device"), "{text}");
    }
}
