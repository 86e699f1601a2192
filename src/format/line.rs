//! The in-place line buffer: a block of memory and a cursor, so that the many short pieces of a
//! line (digits, separators) are written where they go rather than through calls that copy
//! memory. The one-line view builds each packet's line in one, reused for the whole run.

use super::Sink;
use std::fmt;

/// A line under construction.
pub struct Line {
    bytes: Vec<u8>,
    len: usize,
}

impl Line {
    pub fn new() -> Line {
        Line {
            bytes: vec![0; 1024],
            len: 0,
        }
    }

    pub fn clear(&mut self) {
        self.len = 0;
    }

    /// The next `count` bytes of the line, to be written (the block grows when needed).
    #[inline]
    fn room(&mut self, count: usize) -> &mut [u8] {
        let start = self.len;
        if start + count > self.bytes.len() {
            let size = (start + count).max(2 * self.bytes.len());
            self.bytes.resize(size, 0);
        }
        self.len += count;
        &mut self.bytes[start..start + count]
    }

    #[inline]
    pub fn push(&mut self, byte: u8) {
        self.room(1)[0] = byte;
    }

    #[inline]
    pub fn extend_from_slice(&mut self, bytes: &[u8]) {
        self.room(bytes.len()).copy_from_slice(bytes);
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }
}

impl Default for Line {
    fn default() -> Line {
        Line::new()
    }
}

impl fmt::Write for Line {
    #[inline]
    fn write_str(&mut self, text: &str) -> fmt::Result {
        self.extend_from_slice(text.as_bytes());
        Ok(())
    }
}

impl Sink for Line {
    #[inline]
    fn push_ascii(&mut self, ascii: &[u8]) {
        self.extend_from_slice(ascii);
    }

    #[inline]
    fn push_ascii_with(&mut self, count: usize, fill: impl FnOnce(&mut [u8])) {
        fill(self.room(count));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_grows_past_its_first_block() {
        let mut line = Line::new();
        for _ in 0..300 {
            line.text("abcd").push(b'.');
        }
        assert_eq!(line.len(), 1500);
        assert_eq!(&line.as_bytes()[1495..], b"abcd.");
        line.clear();
        assert!(line.is_empty() && line.as_bytes().is_empty());
    }
}
