//! The keys of the step-by-step replay: what each key means, and where keys come from (a trait,
//! so tests script them; the terminal's, read one press at a time in raw mode).

use std::io;

/// What a key press asks the step-by-step replay to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Next,
    Back,
    Quit,
    /// A key with no meaning here; it is ignored.
    Other,
}

/// Where the step-by-step replay gets its keys.
pub trait Keys {
    fn next_key(&mut self) -> io::Result<Key>;
}

/// Keys read from the terminal, one press at a time (no Enter needed): the terminal is in raw
/// mode only while waiting, so packets are printed by the ordinary terminal rules.
pub struct TerminalKeys;

impl Keys for TerminalKeys {
    fn next_key(&mut self) -> io::Result<Key> {
        use crossterm::event::{Event, KeyEventKind, read};
        crossterm::terminal::enable_raw_mode()?;
        let _restore = RawModeGuard;
        loop {
            match read()? {
                Event::Key(event) if event.kind != KeyEventKind::Release => {
                    return Ok(key_for(event.code, event.modifiers));
                }
                _ => continue,
            }
        }
    }
}

/// Leaves raw mode when dropped, whatever happened while waiting for a key.
struct RawModeGuard;

impl Drop for RawModeGuard {
    fn drop(&mut self) {
        let _ = crossterm::terminal::disable_raw_mode();
    }
}

/// The meaning of a key: Enter, space, n, j, → or ↓ go forward; b, p, k, ←, ↑ or Backspace go
/// back; q, Esc, Ctrl-C or Ctrl-D quit.
pub fn key_for(code: crossterm::event::KeyCode, modifiers: crossterm::event::KeyModifiers) -> Key {
    use crossterm::event::{KeyCode, KeyModifiers};
    if modifiers.contains(KeyModifiers::CONTROL) {
        return match code {
            KeyCode::Char('c' | 'C' | 'd' | 'D') => Key::Quit,
            _ => Key::Other,
        };
    }
    match code {
        KeyCode::Enter | KeyCode::Right | KeyCode::Down | KeyCode::PageDown => Key::Next,
        KeyCode::Left | KeyCode::Up | KeyCode::PageUp | KeyCode::Backspace => Key::Back,
        KeyCode::Esc => Key::Quit,
        KeyCode::Char(c) => match c.to_ascii_lowercase() {
            ' ' | 'n' | 'j' => Key::Next,
            'b' | 'p' | 'k' => Key::Back,
            'q' => Key::Quit,
            _ => Key::Other,
        },
        _ => Key::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyModifiers};

    #[test]
    fn keys_mean_what_the_prompt_says() {
        let none = KeyModifiers::NONE;
        for code in [
            KeyCode::Enter,
            KeyCode::Char(' '),
            KeyCode::Char('n'),
            KeyCode::Right,
        ] {
            assert_eq!(key_for(code, none), Key::Next, "{code:?}");
        }
        for code in [KeyCode::Char('b'), KeyCode::Char('B'), KeyCode::Left] {
            assert_eq!(key_for(code, none), Key::Back, "{code:?}");
        }
        for code in [KeyCode::Char('q'), KeyCode::Esc] {
            assert_eq!(key_for(code, none), Key::Quit, "{code:?}");
        }
        assert_eq!(
            key_for(KeyCode::Char('c'), KeyModifiers::CONTROL),
            Key::Quit
        );
        assert_eq!(key_for(KeyCode::Char('x'), none), Key::Other);
    }
}
