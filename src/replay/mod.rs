//! Replay pacing for the classroom: how fast rendered packets reach the screen. `--step` shows one
//! packet and waits for a key (next, back, quit); `--realtime` shows each packet when it happened
//! in the capture, `--speed` times faster. The pipeline renders a packet into a page and hands it
//! to [`Replay::show`]; this module decides only *when* the page appears, never what it says.
//! The clock and the keyboard are traits, so the pacing is tested without waiting or a terminal.
//!
//! The files: `pace.rs` (what `--step`, `--realtime` and `--speed` ask for, and whether this run
//! can do it), `clock.rs` (the real-time timeline and the clock it sleeps on), `keys.rs` (the keys
//! of the step-by-step replay) and `pager.rs` (the [`Replay`] the run hands its pages to).

mod clock;
mod keys;
mod pace;
mod pager;

pub use clock::{Clock, SystemClock, Timeline};
pub use keys::{Key, Keys, TerminalKeys, key_for};
pub use pace::{Pace, Refusal, Speed, check, parse_speed};
pub use pager::Replay;

/// What the run does after a packet was shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    Continue,
    /// The learner asked to stop.
    Quit,
}
