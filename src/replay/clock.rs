//! Time for the real-time replay: the [`Clock`] it reads and sleeps on (a trait, so tests need not
//! wait) and the [`Timeline`] that says when each packet is due.

use super::Speed;
use crate::capture::Timestamp;
use std::time::{Duration, Instant};

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

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64, nanoseconds: u32) -> Timestamp {
        Timestamp {
            seconds,
            nanoseconds,
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
}
