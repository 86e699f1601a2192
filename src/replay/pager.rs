//! The [`Replay`] a paced run hands each rendered packet to: in real time it waits for the packet's
//! moment on the [`Timeline`]; step by step it keeps the pages, so the learner can go back, and
//! shows one per screen with the keys beneath it.

use super::{Clock, Flow, Key, Keys, Pace, Speed, SystemClock, TerminalKeys, Timeline};
use crate::capture::Timestamp;
use crate::render::{Palette, Style};
use std::io;

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
    use std::cell::RefCell;
    use std::rc::Rc;
    use std::time::{Duration, Instant};

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
}
