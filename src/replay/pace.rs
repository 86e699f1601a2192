//! What pace a run asks for (`--step`, `--realtime`, `--speed`), and whether this run can use it:
//! a replay needs a saved capture and a terminal to watch.

use thiserror::Error;

/// How fast a run shows its packets.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Pace {
    /// As fast as they are decoded (the default, and the only pace of a live capture).
    #[default]
    Continuous,
    /// With the capture's own timing, scaled by a speed.
    Realtime(Speed),
    /// One packet at a time, moving on at a key press.
    Step,
}

impl Pace {
    /// The command-line flag that asked for this pace.
    pub fn flag(self) -> &'static str {
        match self {
            Pace::Continuous => "",
            Pace::Realtime(_) => "--realtime",
            Pace::Step => "--step",
        }
    }
}

/// A replay speed: 2 plays twice as fast as the capture happened, 0.5 half as fast.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Speed(f64);

// A speed is always finite (see `Speed::new`), so equality is an equivalence.
impl Eq for Speed {}

impl Speed {
    /// The capture's own timing.
    pub const NORMAL: Speed = Speed(1.0);

    /// A speed factor: finite and above zero.
    pub fn new(factor: f64) -> Option<Speed> {
        (factor.is_finite() && factor > 0.0).then_some(Speed(factor))
    }

    pub fn factor(self) -> f64 {
        self.0
    }
}

/// Parses `--speed`: a number above zero, such as `2` or `0.5`.
pub fn parse_speed(text: &str) -> Result<Speed, String> {
    text.trim()
        .parse::<f64>()
        .ok()
        .and_then(Speed::new)
        .ok_or_else(|| {
            "the speed is a number above 0: 2 plays twice as fast, 0.5 at half speed".to_string()
        })
}

/// Why a pace cannot be used for this run (a usage error).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Refusal {
    #[error(
        "{flag} replays a capture file or a built-in sample; a live capture already shows packets \
         as they arrive. Replay a saved capture with `portlens -r FILE {flag}`, or try \
         `portlens demo {flag}`."
    )]
    Live { flag: &'static str },
    #[error(
        "--step waits for a key after each packet, so it reads keys from a terminal, but standard \
         input is not a terminal here (a pipe or a file). Run portlens directly in a terminal, or \
         leave out --step to write every packet at once."
    )]
    StepWithoutKeyboard,
    #[error(
        "{flag} paces packets for someone watching a terminal, but standard output is not a \
         terminal here (a pipe or a file), where pauses would only slow the output down. Run it \
         without redirecting the output, or leave out {flag} to write every packet at once."
    )]
    NotATerminal { flag: &'static str },
}

/// Checks that `pace` makes sense: a replay needs a saved capture and a terminal to watch (and,
/// for `--step`, a keyboard).
pub fn check(
    pace: Pace,
    live: bool,
    stdin_is_terminal: bool,
    stdout_is_terminal: bool,
) -> Result<(), Refusal> {
    if pace == Pace::Continuous {
        return Ok(());
    }
    let flag = pace.flag();
    if live {
        return Err(Refusal::Live { flag });
    }
    if !stdout_is_terminal {
        return Err(Refusal::NotATerminal { flag });
    }
    if pace == Pace::Step && !stdin_is_terminal {
        return Err(Refusal::StepWithoutKeyboard);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speed_must_be_a_positive_number() {
        assert_eq!(parse_speed("2").unwrap().factor(), 2.0);
        assert_eq!(parse_speed("0.5").unwrap().factor(), 0.5);
        for bad in ["0", "-1", "fast", "", "inf", "NaN"] {
            assert!(parse_speed(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn replays_need_a_saved_capture_and_a_terminal() {
        let realtime = Pace::Realtime(Speed::NORMAL);
        assert_eq!(check(Pace::Continuous, true, false, false), Ok(()));
        assert_eq!(check(realtime, false, false, true), Ok(()));
        assert_eq!(check(Pace::Step, false, true, true), Ok(()));
        assert_eq!(
            check(Pace::Step, true, true, true),
            Err(Refusal::Live { flag: "--step" })
        );
        assert_eq!(
            check(realtime, false, true, false),
            Err(Refusal::NotATerminal { flag: "--realtime" })
        );
        assert_eq!(
            check(Pace::Step, false, false, true),
            Err(Refusal::StepWithoutKeyboard)
        );
    }
}
