//! What the environment says about the output: whether standard output is a terminal, whether
//! NO_COLOR asks for no colour, and which language the locale asks for. Read here, passed to
//! [`Cli::into_action`](super::Cli::into_action) as values, so that validation stays testable.

use crate::lang::Lang;
use std::io::IsTerminal;

/// Whether the environment asks for no colour (<https://no-color.org>: set and not empty).
pub fn no_color_requested() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// The language the locale asks for: LC_ALL, then LC_MESSAGES, then LANG (see
/// [`Lang::from_locale`]).
pub fn locale_lang() -> Lang {
    let read = |name: &str| std::env::var_os(name).map(|v| v.to_string_lossy().into_owned());
    let (lc_all, lc_messages, lang) = (read("LC_ALL"), read("LC_MESSAGES"), read("LANG"));
    Lang::from_locale(lc_all.as_deref(), lc_messages.as_deref(), lang.as_deref())
}

/// Whether standard output is a terminal.
pub fn stdout_is_terminal() -> bool {
    std::io::stdout().is_terminal()
}
