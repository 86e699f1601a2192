//! Terminal safety: text that comes from the wire or the system (host names, banners, interface
//! descriptions) is made inert before it reaches a terminal. Control characters become tcpdump's
//! caret notation (`^[` for ESC), C1 controls and Unicode bidirectional controls become visible
//! `<U+XXXX>` marks, so no packet can move the cursor, recolour the screen or reorder a line.

use std::borrow::Cow;

/// Returns `text` unchanged when it is already safe, or an escaped copy.
pub fn terminal_safe(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_escaped(&mut out, c);
    }
    Cow::Owned(out)
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
    fn invalid_utf8_is_shown_as_hex() {
        assert_eq!(bytes_safe(b"ok\xff\x1b"), "ok\\xff^[");
    }
}
