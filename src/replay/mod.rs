//! Replay pacing for the classroom: how fast rendered packets reach the screen. `--step` shows one
//! packet and waits for a key (next, back, quit); `--realtime` shows each packet when it happened
//! in the capture, `--speed` times faster. The pipeline renders a packet into a page and hands it
//! to [`Replay::show`]; this module decides only *when* the page appears, never what it says.
//! The clock and the keyboard are traits, so the pacing is tested without waiting or a terminal.

use crate::capture::Timestamp;
use crate::render::{Palette, Style};
use std::io;
use std::time::{Duration, Instant};
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

/// What the run does after a packet was shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    Continue,
    /// The learner asked to stop.
    Quit,
}

/// Time, as the real-time replay sees it.
pub trait Clock {
    fn now(&self) -> Instant;
    fn sleep(&mut self, duration: Duration);
}

/// The system's clock.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Instant {
        Instant::now()
    }
    fn sleep(&mut self, duration: Duration) {
        std::thread::sleep(duration);
    }
}

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

/// When each packet of a real-time replay is due: the first packet at once, every later one
/// after the time that separated it from the first in the capture, divided by the speed. Measuring
/// from the first packet (not the previous one) keeps small delays from adding up.
#[derive(Debug, Clone)]
pub struct Timeline {
    speed: Speed,
    origin: Option<(Instant, Timestamp)>,
}

impl Timeline {
    pub fn new(speed: Speed) -> Timeline {
        Timeline {
            speed,
            origin: None,
        }
    }

    /// How long to wait, at `now`, before showing a packet captured at `captured`. A packet
    /// stamped earlier than one before it (clocks do step back) is shown at once.
    pub fn wait_before(&mut self, captured: Timestamp, now: Instant) -> Duration {
        let (start, first) = *self.origin.get_or_insert((now, captured));
        let seconds = seconds_between(first, captured) / self.speed.factor();
        if seconds <= 0.0 {
            return Duration::ZERO;
        }
        let offset = Duration::try_from_secs_f64(seconds).unwrap_or(Duration::MAX);
        match start.checked_add(offset) {
            Some(due) => due.saturating_duration_since(now),
            None => offset,
        }
    }
}

/// `later - earlier` in seconds (negative when `later` is earlier).
fn seconds_between(earlier: Timestamp, later: Timestamp) -> f64 {
    (later.seconds - earlier.seconds) as f64
        + (f64::from(later.nanoseconds) - f64::from(earlier.nanoseconds)) / 1e9
}

/// One packet as it was rendered, kept so that the learner can go back to it.
struct Page {
    number: u64,
    text: Vec<u8>,
}

enum Mode {
    Realtime {
        timeline: Timeline,
        clock: Box<dyn Clock>,
    },
    Step {
        keys: Box<dyn Keys>,
        pages: Vec<Page>,
        /// The index of the page on screen.
        shown: usize,
    },
}

/// A paced replay: the pipeline hands it each rendered packet.
pub struct Replay {
    mode: Mode,
    palette: Palette,
    quit: bool,
}

impl Replay {
    /// The replay a pace asks for, on the real clock and terminal; `None` for a continuous run.
    pub fn for_pace(pace: Pace, palette: Palette) -> Option<Replay> {
        match pace {
            Pace::Continuous => None,
            Pace::Realtime(speed) => Some(Replay::realtime(speed, Box::new(SystemClock), palette)),
            Pace::Step => Some(Replay::step(Box::new(TerminalKeys), palette)),
        }
    }

    /// A real-time replay at `speed`, timed by `clock`.
    pub fn realtime(speed: Speed, clock: Box<dyn Clock>, palette: Palette) -> Replay {
        Replay {
            mode: Mode::Realtime {
                timeline: Timeline::new(speed),
                clock,
            },
            palette,
            quit: false,
        }
    }

    /// A step-by-step replay driven by `keys`.
    pub fn step(keys: Box<dyn Keys>, palette: Palette) -> Replay {
        Replay {
            mode: Mode::Step {
                keys,
                pages: Vec::new(),
                shown: 0,
            },
            palette,
            quit: false,
        }
    }

    /// Shows packet `number`, captured at `captured` and rendered as `page`, at the replay's
    /// pace. Returns [`Flow::Quit`] when the learner asked to stop.
    pub fn show(
        &mut self,
        out: &mut dyn io::Write,
        number: u64,
        captured: Timestamp,
        page: Vec<u8>,
    ) -> io::Result<Flow> {
        match &mut self.mode {
            Mode::Realtime { timeline, clock } => {
                let wait = timeline.wait_before(captured, clock.now());
                if !wait.is_zero() {
                    clock.sleep(wait);
                }
                out.write_all(&page)?;
                out.flush()?;
                Ok(Flow::Continue)
            }
            Mode::Step { pages, shown, .. } => {
                pages.push(Page { number, text: page });
                *shown = pages.len() - 1;
                self.display(out, false)?;
                self.navigate(out, false)
            }
        }
    }

    /// The capture has no more packets. In step mode the learner may still go back and forth
    /// through the packets already shown; this returns when they quit.
    pub fn end(&mut self, out: &mut dyn io::Write) -> io::Result<()> {
        let Mode::Step { pages, shown, .. } = &mut self.mode else {
            return Ok(());
        };
        if self.quit || pages.is_empty() {
            return Ok(());
        }
        *shown = pages.len() - 1;
        self.display(out, true)?;
        self.navigate(out, true).map(|_| ())
    }

    /// Waits for keys until the learner asks for a packet not read yet, or quits.
    fn navigate(&mut self, out: &mut dyn io::Write, at_end: bool) -> io::Result<Flow> {
        loop {
            let Mode::Step {
                keys, pages, shown, ..
            } = &mut self.mode
            else {
                return Ok(Flow::Continue);
            };
            match keys.next_key()? {
                Key::Next if *shown + 1 < pages.len() => *shown += 1,
                Key::Next if at_end => break,
                Key::Next => return Ok(Flow::Continue),
                Key::Back if *shown > 0 => *shown -= 1,
                Key::Back | Key::Other => continue,
                Key::Quit => break,
            }
            self.display(out, at_end)?;
        }
        self.quit = true;
        // Leave the cursor on a fresh line for the shell's prompt.
        writeln!(out)?;
        out.flush()?;
        Ok(Flow::Quit)
    }

    /// Clears the screen and shows the current page, with the keys under it.
    fn display(&self, out: &mut dyn io::Write, at_end: bool) -> io::Result<()> {
        let Mode::Step { pages, shown, .. } = &self.mode else {
            return Ok(());
        };
        let page = &pages[*shown];
        let last = *shown + 1 == pages.len();
        let prompt = if at_end && last {
            format!(
                "── packet {}, the last one · b: back · q or Enter: quit",
                page.number
            )
        } else {
            format!(
                "── packet {} · Enter, space or n: next · b: back · q: quit",
                page.number
            )
        };
        // Cursor to the top left, then clear the screen: one packet per screen, like a slide.
        out.write_all(b"\x1b[H\x1b[2J")?;
        out.write_all(&page.text)?;
        write!(out, "{}", self.palette.paint(&prompt, Style::Dim))?;
        out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyModifiers};
    use std::cell::RefCell;
    use std::rc::Rc;

    fn at(seconds: i64, nanoseconds: u32) -> Timestamp {
        Timestamp {
            seconds,
            nanoseconds,
        }
    }

    /// A clock that only moves when slept on, and remembers every sleep.
    struct FakeClock {
        now: Instant,
        sleeps: Rc<RefCell<Vec<Duration>>>,
    }

    impl Clock for FakeClock {
        fn now(&self) -> Instant {
            self.now
        }
        fn sleep(&mut self, duration: Duration) {
            self.now += duration;
            self.sleeps.borrow_mut().push(duration);
        }
    }

    struct ScriptedKeys(std::vec::IntoIter<Key>);

    impl Keys for ScriptedKeys {
        fn next_key(&mut self) -> io::Result<Key> {
            self.0
                .next()
                .ok_or_else(|| io::Error::new(io::ErrorKind::UnexpectedEof, "script ran out"))
        }
    }

    fn page(number: u64) -> Vec<u8> {
        format!("packet {number}\n").into_bytes()
    }

    /// The packet numbers of the pages on screen, in the order they were displayed.
    fn screens(out: &[u8]) -> Vec<u64> {
        String::from_utf8_lossy(out)
            .split("\x1b[H\x1b[2J")
            .filter_map(|screen| screen.strip_prefix("packet "))
            .map(|rest| rest.split('\n').next().unwrap().parse().unwrap())
            .collect()
    }

    #[test]
    fn speed_must_be_a_positive_number() {
        assert_eq!(parse_speed("2").unwrap().factor(), 2.0);
        assert_eq!(parse_speed("0.5").unwrap().factor(), 0.5);
        for bad in ["0", "-1", "fast", "", "inf", "NaN"] {
            assert!(parse_speed(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn timeline_waits_the_capture_gaps_divided_by_the_speed() {
        let start = Instant::now();
        let mut timeline = Timeline::new(Speed::new(2.0).unwrap());
        assert_eq!(timeline.wait_before(at(100, 0), start), Duration::ZERO);
        // One second later in the capture is half a second later at speed 2.
        assert_eq!(
            timeline.wait_before(at(101, 0), start),
            Duration::from_millis(500)
        );
        // Measured from the first packet, so time already spent counts.
        assert_eq!(
            timeline.wait_before(at(103, 0), start + Duration::from_millis(400)),
            Duration::from_millis(1100)
        );
        // Late or out-of-order packets are shown at once.
        assert_eq!(
            timeline.wait_before(at(99, 500_000_000), start + Duration::from_secs(5)),
            Duration::ZERO
        );
        assert_eq!(
            timeline.wait_before(at(101, 0), start + Duration::from_secs(5)),
            Duration::ZERO
        );
    }

    #[test]
    fn realtime_replay_sleeps_between_packets_and_keeps_their_order() {
        let sleeps = Rc::new(RefCell::new(Vec::new()));
        let clock = FakeClock {
            now: Instant::now(),
            sleeps: Rc::clone(&sleeps),
        };
        let mut replay =
            Replay::realtime(Speed::new(4.0).unwrap(), Box::new(clock), Palette::plain());
        let mut out = Vec::new();
        let stamps = [at(10, 0), at(10, 400_000_000), at(12, 0), at(11, 0)];
        for (i, stamp) in stamps.into_iter().enumerate() {
            let flow = replay.show(&mut out, i as u64 + 1, stamp, page(i as u64 + 1));
            assert_eq!(flow.unwrap(), Flow::Continue);
        }
        replay.end(&mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "packet 1\npacket 2\npacket 3\npacket 4\n"
        );
        assert_eq!(
            *sleeps.borrow(),
            vec![Duration::from_millis(100), Duration::from_millis(400)]
        );
    }

    #[test]
    fn step_replay_goes_forward_back_and_quits() {
        use Key::*;
        let keys = ScriptedKeys(vec![Next, Other, Back, Back, Next, Next, Quit].into_iter());
        let mut replay = Replay::step(Box::new(keys), Palette::plain());
        let mut out = Vec::new();
        let mut flows = Vec::new();
        for number in 1..=3 {
            let flow = replay
                .show(&mut out, number, at(0, 0), page(number))
                .unwrap();
            flows.push(flow);
            if flow == Flow::Quit {
                break;
            }
        }
        replay.end(&mut out).unwrap();
        // 1, Next → 2, Other ignored, Back → 1, Back at the first stays, Next → 2 again,
        // Next → 3 (read now), Quit.
        assert_eq!(screens(&out), vec![1, 2, 1, 2, 3]);
        assert_eq!(flows, vec![Flow::Continue, Flow::Continue, Flow::Quit]);
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("── packet 3 · Enter, space or n: next · b: back · q: quit"));
        assert!(text.ends_with('\n'));
    }

    #[test]
    fn step_replay_at_the_end_still_goes_back() {
        use Key::*;
        let keys = ScriptedKeys(vec![Next, Next, Back, Next, Next].into_iter());
        let mut replay = Replay::step(Box::new(keys), Palette::plain());
        let mut out = Vec::new();
        for number in 1..=2 {
            let flow = replay
                .show(&mut out, number, at(0, 0), page(number))
                .unwrap();
            assert_eq!(flow, Flow::Continue);
        }
        replay.end(&mut out).unwrap();
        // 1, Next → 2, Next → the end (2 again with the last prompt), Back → 1, Next → 2,
        // Next at the last one ends the replay.
        assert_eq!(screens(&out), vec![1, 2, 2, 1, 2]);
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("── packet 2, the last one · b: back · q or Enter: quit"));
    }

    #[test]
    fn an_empty_step_replay_waits_for_nothing() {
        let keys = ScriptedKeys(Vec::new().into_iter());
        let mut replay = Replay::step(Box::new(keys), Palette::plain());
        let mut out = Vec::new();
        replay.end(&mut out).unwrap();
        assert!(out.is_empty());
    }

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
