//! Comparing whole outputs: when a text is not the one expected, the failure shows a unified diff
//! of all of it (every change, with three lines of context), made by the `similar` crate; and the
//! text of a coloured output with its escapes removed.
//!
//! Shared like `environment`: the unit tests reach it as `crate::test_fixtures::text`, the
//! integration tests through tests/integration/helpers.rs (`#[path]`).

#![allow(dead_code)]

use similar::TextDiff;

/// The unified diff that turns `expected` into `actual`, line by line, headed by their names.
pub fn unified_diff(
    expected: &str,
    actual: &str,
    expected_name: &str,
    actual_name: &str,
) -> String {
    let diff = TextDiff::from_lines(expected, actual)
        .unified_diff()
        .context_radius(3)
        .header(expected_name, actual_name)
        .to_string();
    if diff.is_empty() && expected != actual {
        // Not a difference of lines (cannot happen with text split at newlines); show both.
        return format!("--- {expected_name}\n{expected:?}\n+++ {actual_name}\n{actual:?}\n");
    }
    diff
}

/// Fails, showing the unified diff, when `actual` is not `expected` byte for byte. `what` names
/// the output in the message.
#[track_caller]
pub fn assert_same_text(expected: &str, actual: &str, what: &str) {
    if expected != actual {
        panic!(
            "{what} is not what was expected:\n{}",
            unified_diff(expected, actual, "expected", "actual")
        );
    }
}

/// `text` with every escape sequence (ESC up to the next letter) removed: what a terminal that
/// shows no colour would show.
pub fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for d in chars.by_ref() {
                if d.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}
