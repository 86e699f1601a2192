//! Clean stops: SIGINT (Ctrl-C) and SIGTERM ask the run to stop after the packet in hand, so the
//! savefile is flushed, the end-of-run summary printed and the exit status is 0, as with tcpdump.
//! A second signal, if the first one has not ended the run yet, ends the program at once.
//!
//! The flag is process-wide because signals are: the run loop and the capture's wait for traffic
//! (which wakes up every 250 ms) check [`requested`].

use signal_hook::consts::{SIGINT, SIGTERM};
use std::io;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// Set by the first SIGINT or SIGTERM.
static REQUESTED: AtomicBool = AtomicBool::new(false);
/// The number of the signal that set it.
static SIGNAL: AtomicUsize = AtomicUsize::new(0);

/// Installs the handlers. Until this is called, signals keep their default action.
pub fn install() -> io::Result<()> {
    for signal in [SIGINT, SIGTERM] {
        // Order matters: the second signal finds the flag already set and takes the default
        // action (the program ends, killed by that signal); the first only sets the flag.
        signal_hook::flag::register_conditional_default(signal, &REQUESTED)?;
        signal_hook::flag::register_usize(signal, &SIGNAL, signal as usize)?;
        signal_hook::flag::register(signal, &REQUESTED)?;
    }
    Ok(())
}

/// True once SIGINT or SIGTERM has asked the run to stop.
pub fn requested() -> bool {
    REQUESTED.load(Ordering::SeqCst)
}

/// The name of the signal that asked the run to stop, if one did.
pub fn signal_name() -> Option<&'static str> {
    match SIGNAL.load(Ordering::SeqCst) {
        0 => None,
        n if n == SIGINT as usize => Some("SIGINT"),
        n if n == SIGTERM as usize => Some("SIGTERM"),
        _ => Some("a signal"),
    }
}
