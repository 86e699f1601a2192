//! Terminal safety: text that comes from the wire or the system (host names, banners, interface
//! descriptions) is made inert before it reaches a terminal. Control characters become tcpdump's
//! caret notation (`^[` for ESC), C1 controls and Unicode bidirectional controls become visible
//! `<U+XXXX>` marks, so no packet can move the cursor, recolour the screen or reorder a line.
//! JSON output gets the same protection through [`JsonSafeFormatter`], and
//! [`audit_terminal_output`] checks finished output (tests and fuzz targets use it).

use std::borrow::Cow;
use std::fmt;
use std::io;

/// Returns `text` unchanged when it is already safe, or an escaped copy.
pub fn terminal_safe(text: &str) -> Cow<'_, str> {
    if !any_needs_escape(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_escaped(&mut out, c);
    }
    Cow::Owned(out)
}

/// Appends `text` to `out`, escaped as [`terminal_safe`] would, without a copy of its own.
pub fn push_terminal_safe(out: &mut String, text: &str) {
    if any_needs_escape(text) {
        for c in text.chars() {
            push_escaped(out, c);
        }
    } else {
        out.push_str(text);
    }
}

/// Escapes, in place, what was appended to `out` from byte `start` on (see [`terminal_safe`]).
pub fn make_tail_safe(out: &mut String, start: usize) {
    if out.is_char_boundary(start) && any_needs_escape(&out[start..]) {
        let tail = out.split_off(start);
        for c in tail.chars() {
            push_escaped(out, c);
        }
    }
}

/// Decodes bytes from a packet as UTF-8 (invalid sequences become `\xNN`) and escapes the result.
pub fn bytes_safe(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            push_escaped(&mut out, c);
        }
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02x}"));
        }
    }
    out
}

/// Whether any character of `text` needs escaping, read from its UTF-8 bytes: every sentence of
/// the tree passes through here, and most are plain ASCII or use a few arrows and dots. Only these
/// encodings need escaping: bytes below 0x20 and 0x7F; C1 controls U+0080–U+009F (C2 80–C2 9F);
/// the bidirectional controls U+061C (D8 9C), U+200E–U+200F (E2 80 8E–8F), U+202A–U+202E
/// (E2 80 AA–AE) and U+2066–U+2069 (E2 81 A6–A9). In valid UTF-8 the lead bytes C2, D8 and E2
/// never appear inside another character, so the scan cannot be misled.
fn any_needs_escape(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Sixteen bytes at a time, each with the byte after it, without branches (the compiler turns
    // the inner loop into vector instructions): it flags the one-byte controls and the first two
    // bytes of every sequence above, which the arrows, dots and dashes of the sentences
    // (E2 86 92, C2 B7, E2 80 93) do not match. Only a flagged block is read character by
    // character.
    let n = bytes.len();
    if n < 17 {
        // Short text (a JSON key, a number, a name): printable ASCII is the common case.
        if bytes.iter().all(|&b| b.wrapping_sub(0x20) < 0x5f) {
            return false;
        }
        return escapes_between(bytes, 0, n);
    }
    // The last window overlaps the one before it, so that every byte but the last is covered.
    let mut at = 0;
    loop {
        let start = at.min(n - 17);
        if let Ok(window) = <&[u8; 17]>::try_from(&bytes[start..start + 17]) {
            let mut flagged = 0u8;
            for i in 0..16 {
                flagged |= u8::from(suspicious(window[i], window[i + 1]));
            }
            if flagged != 0 && escapes_between(bytes, start, start + 16) {
                return true;
            }
        }
        if start == n - 17 {
            break;
        }
        at += 16;
    }
    // The last byte has no byte after it: only a one-byte control matters there.
    matches!(bytes[n - 1], 0x00..=0x1f | 0x7f)
}

/// Whether a character that needs escaping starts in `bytes[from..to]`.
fn escapes_between(bytes: &[u8], from: usize, to: usize) -> bool {
    (from..to).any(|at| match bytes[at] {
        0x00..=0x1f | 0x7f => true,
        0xc2 | 0xd8 | 0xe2 => escapes_at(bytes, at),
        _ => false,
    })
}

/// Whether the byte `b`, followed by `next`, may start a character that needs escaping.
#[inline(always)]
fn suspicious(b: u8, next: u8) -> bool {
    (b < 0x20)
        | (b == 0x7f)
        | ((b == 0xc2) & (next & 0xe0 == 0x80))
        | ((b == 0xd8) & (next == 0x9c))
        | ((b == 0xe2) & (next & 0xfe == 0x80))
}

/// Whether the character that starts at byte `at` (C2, D8 or E2) must be escaped.
fn escapes_at(bytes: &[u8], at: usize) -> bool {
    let next = |n: usize| bytes.get(at + n).copied().unwrap_or(0);
    match bytes[at] {
        0xc2 => (0x80..=0x9f).contains(&next(1)),
        0xd8 => next(1) == 0x9c,
        0xe2 => match next(1) {
            0x80 => matches!(next(2), 0x8e | 0x8f | 0xaa..=0xae),
            0x81 => matches!(next(2), 0xa6..=0xa9),
            _ => false,
        },
        _ => false,
    }
}

/// The rule, character by character (the byte scan above must agree with it).
fn needs_escape(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '\u{0}'..='\u{1F}' => {
            out.push('^');
            out.push((c as u8 + 0x40) as char);
        }
        '\u{7F}' => out.push_str("^?"),
        c if c.is_control() || is_bidi_control(c) => {
            out.push_str(&format!("<U+{:04X}>", c as u32));
        }
        c => out.push(c),
    }
}

/// A raw control character found in output that should have none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnsafeOutput {
    /// Byte offset of the character in the output.
    pub offset: usize,
    /// The character (ESC, a C1 control, a bidirectional control, …).
    pub character: char,
}

impl fmt::Display for UnsafeOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "raw control character U+{:04X} at byte {} of the output",
            self.character as u32, self.offset
        )
    }
}

/// Checks finished output for characters that could act on a terminal: every control character
/// except the line feed, C1 controls, and bidirectional controls. With `allow_colour`, ESC is
/// allowed only as the start of a colour code (`ESC [ digits/semicolons m`, an SGR sequence), the
/// only escape sequence portlens itself writes.
pub fn audit_terminal_output(output: &str, allow_colour: bool) -> Result<(), UnsafeOutput> {
    let bytes = output.as_bytes();
    let mut chars = output.char_indices().peekable();
    while let Some((offset, character)) = chars.next() {
        if character == '\n' || !needs_escape(character) {
            continue;
        }
        if character == '\u{1b}' && allow_colour {
            let rest = &bytes[offset + 1..];
            let body = rest
                .iter()
                .skip(1)
                .take_while(|b| b.is_ascii_digit() || **b == b';')
                .count();
            if rest.first() == Some(&b'[') && rest.get(1 + body) == Some(&b'm') {
                // Skip the colour code: all of it is ASCII, one char per byte.
                for _ in 0..body + 2 {
                    chars.next();
                }
                continue;
            }
        }
        return Err(UnsafeOutput { offset, character });
    }
    Ok(())
}

/// A compact `serde_json` formatter that, beyond what JSON requires (quotes, backslashes and
/// U+0000–U+001F are always escaped), also writes DEL, C1 controls and bidirectional controls as
/// `\uXXXX`. The text means the same to any JSON reader, and `cat` of the output cannot act on a
/// terminal.
#[derive(Debug, Clone, Copy, Default)]
pub struct JsonSafeFormatter;

impl serde_json::ser::Formatter for JsonSafeFormatter {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        // Most fragments need nothing: the byte scan says so without decoding characters.
        if !any_needs_escape(fragment) {
            return writer.write_all(fragment.as_bytes());
        }
        let mut start = 0;
        for (index, character) in fragment.char_indices() {
            if needs_escape(character) {
                writer.write_all(&fragment.as_bytes()[start..index])?;
                write!(writer, "\\u{:04x}", character as u32)?;
                start = index + character.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(terminal_safe("www.example.com"), Cow::Borrowed(_)));
    }

    #[test]
    fn escape_sequences_become_caret_notation() {
        let hostile = "evil\u{1b}[31mred\u{7}\r\n";
        let safe = terminal_safe(hostile);
        assert_eq!(safe, "evil^[[31mred^G^M^J");
        assert!(!safe.contains('\u{1b}'));
    }

    #[test]
    fn c1_and_bidi_controls_are_made_visible() {
        assert_eq!(terminal_safe("a\u{9b}b"), "a<U+009B>b");
        assert_eq!(terminal_safe("abc\u{202E}txt.exe"), "abc<U+202E>txt.exe");
    }

    #[test]
    fn the_byte_scan_agrees_with_the_character_rules_for_every_character() {
        let mut buffer = [0u8; 4];
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let text: &str = c.encode_utf8(&mut buffer);
            assert_eq!(
                any_needs_escape(text),
                needs_escape(c),
                "U+{:04X}",
                c as u32
            );
            let framed = format!("a→{c}·b");
            assert_eq!(
                any_needs_escape(&framed),
                needs_escape(c),
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn the_block_scan_finds_a_character_at_every_position_of_long_text() {
        // Long text is scanned sixteen bytes at a time, the last block overlapping the one before:
        // a character must be found wherever it falls, across block edges and at the very end.
        let mut buffer = [0u8; 4];
        for c in (0..0x3000).filter_map(char::from_u32) {
            let encoded: &str = c.encode_utf8(&mut buffer);
            for before in 0..=36 {
                for after in [0, 1, 2, 15, 16, 17] {
                    let text = format!("{}{encoded}{}", "→".repeat(before / 3), "a".repeat(after))
                        .replacen("", &"x".repeat(before % 3), 1);
                    assert_eq!(
                        any_needs_escape(&text),
                        needs_escape(c),
                        "U+{:04X} in {text:?}",
                        c as u32
                    );
                }
            }
        }
    }

    #[test]
    fn invalid_utf8_is_shown_as_hex() {
        assert_eq!(bytes_safe(b"ok\xff\x1b"), "ok\\xff^[");
    }

    #[test]
    fn audit_finds_raw_controls_and_allows_only_colour_codes() {
        assert_eq!(audit_terminal_output("plain\nlines\n", false), Ok(()));
        let raw = audit_terminal_output("a\u{1b}]0;title\u{7}", true).unwrap_err();
        assert_eq!((raw.offset, raw.character), (1, '\u{1b}'));
        assert!(audit_terminal_output("\u{1b}[1;31mred\u{1b}[0m", false).is_err());
        assert_eq!(
            audit_terminal_output("\u{1b}[1;31mred\u{1b}[0m\n", true),
            Ok(())
        );
        // A cursor movement is not a colour code.
        assert!(audit_terminal_output("\u{1b}[2J", true).is_err());
        assert!(audit_terminal_output("x\u{1b}", true).is_err());
        assert!(audit_terminal_output("tab\there", false).is_err());
        assert!(audit_terminal_output("csi\u{9b}31m", true).is_err());
        assert!(audit_terminal_output("left\u{202e}right", true).is_err());
        assert!(audit_terminal_output("한국어 → ok ▸", false).is_ok());
    }

    #[test]
    fn json_escapes_every_control_and_reads_back_the_same() {
        use serde::Serialize;
        let hostile = "host\u{1b}[31m\u{7}\u{7f}\u{9b}\u{202e}exe\"\\ é";
        let mut out = Vec::new();
        hostile
            .serialize(&mut serde_json::Serializer::with_formatter(
                &mut out,
                JsonSafeFormatter,
            ))
            .unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "\"host\\u001b[31m\\u0007\\u007f\\u009b\\u202eexe\\\"\\\\ é\""
        );
        assert_eq!(audit_terminal_output(&text, false), Ok(()));
        let back: String = serde_json::from_str(&text).unwrap();
        assert_eq!(back, hostile);
    }
}
