//! The fuzz harness: runs bytes through the same pipeline the command line runs and checks, beyond
//! "no panic", what portlens promises about its output: the tree with colour off holds no raw
//! control character, with colour on the only escapes are portlens's own colour codes, and every
//! JSON line is one valid JSON object with nothing a terminal would act on. Every parser and
//! writer is on the way: decode, the statistics' quick summary (which must agree with the full
//! decoder), every renderer, the `-w` savefile (which must read back as the frames it was given)
//! and the replay pacing of `--realtime` and `--step` (on a fake clock and scripted keys).

use clap::Parser;
use portlens::capture::{CaptureOptions, Frame, LinkType, Source, SourceSpec, Timestamp};
use portlens::cli::{Action, Cli};
use portlens::decode::{Dissection, Summary, decode, quick_summary, summarize};
use portlens::explain::{Explainer, FrameMeta, Verbosity};
use portlens::lang::Lang;
use portlens::render::diagram::DiagramRenderer;
use portlens::render::hex::{HexRenderer, HexStyle};
use portlens::render::json::JsonRenderer;
use portlens::render::oneline::OneLineRenderer;
use portlens::render::stack::Stack;
use portlens::render::statistics::StatisticsRenderer;
use portlens::render::tree::TreeRenderer;
use portlens::render::{PacketView, Palette, Renderer, RunTotals};
use portlens::replay::{Clock, Flow, Key, Keys, Replay, Speed};
use portlens::sanitize::audit_terminal_output;
use portlens::statistics::Statistics;
use std::path::Path;
use std::time::{Duration, Instant};

/// The link types the first byte of a `packet` input selects from: every one portlens decodes,
/// the platform aliases of raw IP, and one it does not decode.
pub const LINK_TYPES: [u32; 12] = [1, 113, 276, 0, 108, 101, 228, 229, 12, 14, 105, 0x0400_0001];

/// At most this many frames are taken from one `packet` input.
pub const MAX_FRAMES: usize = 16;

/// Splits the rest of a `packet` input into frames: each is a 2-byte little-endian length and
/// that many bytes; a length beyond the end takes what is left.
pub fn frames(mut rest: &[u8]) -> Vec<&[u8]> {
    let mut frames = Vec::new();
    while frames.len() < MAX_FRAMES && rest.len() >= 2 {
        let length = usize::from(u16::from_le_bytes([rest[0], rest[1]]));
        let body = &rest[2..];
        let (frame, after) = body.split_at(length.min(body.len()));
        frames.push(frame);
        rest = after;
    }
    frames
}

/// Encodes frames the way [`frames`] reads them (the seed writer uses it).
pub fn encode_packet_input(link_type_index: u8, frames: &[&[u8]]) -> Vec<u8> {
    let mut out = vec![link_type_index];
    for frame in frames {
        let length = frame.len().min(usize::from(u16::MAX));
        out.extend_from_slice(&(length as u16).to_le_bytes());
        out.extend_from_slice(&frame[..length]);
    }
    out
}

/// The renderers every packet goes through: the tree with colour off and on, at every level of
/// detail, in the explainer's language, and JSON.
fn renderers(lang: Lang) -> Vec<(&'static str, Box<dyn Renderer>)> {
    vec![
        (
            "tree",
            Box::new(TreeRenderer::new(Palette::plain(), Verbosity::Normal).with_lang(lang)),
        ),
        (
            "tree",
            Box::new(TreeRenderer::new(Palette::plain(), Verbosity::Quiet).with_lang(lang)),
        ),
        (
            "tree (colour)",
            Box::new(TreeRenderer::new(Palette::new(true), Verbosity::Verbose).with_lang(lang)),
        ),
        ("json", Box::new(JsonRenderer::default())),
        ("tree", Box::new(OneLineRenderer::new(Palette::plain()))),
        (
            "tree (colour)",
            Box::new(OneLineRenderer::new(Palette::new(true))),
        ),
        ("tree", Box::new(DiagramRenderer::new(Palette::plain()))),
        (
            "tree (colour)",
            Box::new(HexRenderer::new(Palette::new(true), HexStyle::HexAndAscii)),
        ),
        // The statistics view prints, at the end, the tables of the observer every frame is
        // counted in (through the quick summary); with JSON, after the packets' JSON, as
        // `--json --stats` stacks them.
        (
            "tree (colour)",
            Box::new(StatisticsRenderer::new(Palette::new(true), false)),
        ),
        (
            "json",
            Box::new(Stack::new(vec![
                Box::new(JsonRenderer::default()),
                Box::new(StatisticsRenderer::new(Palette::plain(), true).after_packets()),
            ])),
        ),
    ]
}

/// Checks one renderer's output for one packet.
pub fn check_output(renderer: &str, output: &[u8]) {
    let text = std::str::from_utf8(output)
        .unwrap_or_else(|e| panic!("{renderer} output is not UTF-8: {e}"));
    let colour = renderer == "tree (colour)";
    if let Err(problem) = audit_terminal_output(text, colour) {
        panic!("{renderer} output is not terminal-safe: {problem}: {text:?}");
    }
    if renderer == "json" {
        for line in text.lines() {
            let value: serde_json::Value = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("invalid JSON line {line:?}: {e}"));
            assert!(value.is_object(), "JSON line is not an object: {line}");
        }
    }
}

/// What every renderer prints at the end of a run: the conversations, the statistics and the
/// totals, each checked like a packet's output.
fn finish_renderers(
    renderers: &mut [(&'static str, Box<dyn Renderer>)],
    explainer: &Explainer,
    statistics: &Statistics,
    totals: &RunTotals,
) {
    let mut output = Vec::new();
    for (name, renderer) in renderers {
        output.clear();
        renderer
            .conversations(&mut output, explainer.conversations())
            .expect("rendering into memory cannot fail");
        check_output(name, &output);
        output.clear();
        renderer
            .statistics(&mut output, statistics)
            .expect("rendering into memory cannot fail");
        check_output(name, &output);
        output.clear();
        renderer
            .finish(&mut output, totals)
            .expect("finishing into memory cannot fail");
        check_output(name, &output);
    }
}

/// The `packet` target: the first byte picks the link type, the rest is up to [`MAX_FRAMES`]
/// frames, explained one after another by one explainer (so state carried between packets, such
/// as what was already told, is exercised), each rendered by every renderer, and its summary read
/// both ways. The plain tree of each frame is then replayed in real time and step by step.
pub fn packets(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let link_type =
        LinkType::from_header_field(LINK_TYPES[usize::from(selector) % LINK_TYPES.len()]);
    // The top bit picks the language, so both catalogues meet hostile input.
    let lang = if selector & 0x80 != 0 {
        Lang::Ko
    } else {
        Lang::En
    };
    let mut explainer = Explainer::new(lang);
    explainer.set_verbosity(Verbosity::Verbose);
    let mut renderers = renderers(lang);
    let mut output = Vec::new();
    let mut totals = RunTotals::default();
    let mut statistics = Statistics::new();
    let mut pages = Vec::new();
    let mut scratch = Dissection::empty(link_type);
    for (index, bytes) in frames(rest).into_iter().enumerate() {
        let frame = Frame {
            number: index as u64 + 1,
            timestamp: timestamp(selector, index, bytes),
            link_type,
            captured_length: bytes.len() as u32,
            // A frame may claim a longer original, as a snapshot length makes it do.
            original_length: bytes.len() as u32 + u32::from(selector & 0x0f),
            data: bytes.to_vec(),
        };
        let dissection = decode(link_type, &frame.data);
        check_summaries(&frame, &dissection, &mut scratch);
        statistics.count_frame(&frame);
        // With conversation state, as the command line explains frames.
        let annotated = explainer.explain_frame(FrameMeta::from(&frame), &dissection);
        assert_eq!(
            annotated.layers.len(),
            dissection.layers.len(),
            "one set of notes per layer"
        );
        for layer in &dissection.layers {
            assert!(
                layer.span.end <= frame.data.len(),
                "layer {:?} reaches past the frame",
                layer.span
            );
        }
        let view = PacketView {
            frame: &frame,
            dissection: &dissection,
            annotated: &annotated,
        };
        for (position, (name, renderer)) in renderers.iter_mut().enumerate() {
            output.clear();
            renderer
                .packet(&mut output, &view)
                .expect("rendering into memory cannot fail");
            check_output(name, &output);
            if position == 0 {
                pages.push((frame.timestamp, output.clone()));
            }
        }
        totals.packets += 1;
    }
    finish_renderers(&mut renderers, &explainer, &statistics, &totals);
    let speed = Speed::new(0.25 + f64::from(selector & 0x0f)).expect("a speed above zero");
    replay_in_real_time(&pages, speed);
    replay_step_by_step(&pages, keys(rest));
}

/// When frame `index` of a `packet` input was captured: the selector sets the epoch, and the
/// frame's first two bytes move it up to nine hours either way, so that frames come in order, out
/// of order, close together and far apart.
fn timestamp(selector: u8, index: usize, bytes: &[u8]) -> Timestamp {
    let jitter = match bytes {
        [first, second, ..] => i64::from(u16::from_le_bytes([*first, *second])) - 32_768,
        _ => 0,
    };
    Timestamp {
        seconds: (i64::from(selector) << 24) + index as i64 + jitter,
        nanoseconds: (bytes.len() as u32).wrapping_mul(7_919) % 1_000_000_000,
    }
}

/// The statistics' summary of a frame read quickly, when the quick way takes the frame, is the
/// full decoder's; and `summarize`, which picks the way, always is.
fn check_summaries(frame: &Frame, dissection: &Dissection, scratch: &mut Dissection) {
    let full = Summary::of(dissection);
    if let Some(quick) = quick_summary(frame.link_type, &frame.data) {
        assert_eq!(quick, full, "the quick summary of {:02x?}", frame.data);
    }
    assert_eq!(
        summarize(frame.link_type, &frame.data, scratch),
        full,
        "the summary of {:02x?}",
        frame.data
    );
}

/// A clock that moves only when slept on, as far as it was asked.
struct FakeClock {
    start: Instant,
    elapsed: std::rc::Rc<std::cell::Cell<Duration>>,
}

impl Clock for FakeClock {
    fn now(&self) -> Instant {
        self.start
            .checked_add(self.elapsed.get())
            .expect("the fake clock stays within Instant's range")
    }
    fn sleep(&mut self, duration: Duration) {
        self.elapsed.set(self.elapsed.get() + duration);
    }
}

/// `--realtime`: every page appears, in order and unchanged, and each appears when its capture
/// time (after the first page's, divided by the speed) has come, never later than the latest one
/// due so far.
fn replay_in_real_time(pages: &[(Timestamp, Vec<u8>)], speed: Speed) {
    let elapsed = std::rc::Rc::new(std::cell::Cell::new(Duration::ZERO));
    let clock = FakeClock {
        start: Instant::now(),
        elapsed: std::rc::Rc::clone(&elapsed),
    };
    let mut replay = Replay::realtime(speed, Box::new(clock), Palette::plain());
    let mut out = Vec::new();
    let mut due = 0.0f64;
    for (index, (captured, page)) in pages.iter().enumerate() {
        let flow = replay
            .show(&mut out, index as u64 + 1, *captured, page.clone())
            .expect("showing into memory cannot fail");
        assert_eq!(flow, Flow::Continue, "a real-time replay never quits");
        let first = pages[0].0;
        let offset = ((captured.seconds - first.seconds) as f64
            + (f64::from(captured.nanoseconds) - f64::from(first.nanoseconds)) / 1e9)
            / speed.factor();
        due = due.max(offset);
        let shown_at = elapsed.get().as_secs_f64();
        assert!(
            (shown_at - due).abs() <= 1e-6 * due.max(1.0),
            "packet {} shown after {shown_at} s, due after {due} s",
            index + 1
        );
    }
    replay
        .end(&mut out)
        .expect("ending into memory cannot fail");
    let all: Vec<u8> = pages.iter().flat_map(|(_, page)| page.clone()).collect();
    assert!(
        out == all,
        "a real-time replay shows every page once, unchanged"
    );
}

/// The keys of a `--step` replay: one a byte of the input, until they run out.
fn keys(rest: &[u8]) -> Vec<Key> {
    rest.iter()
        .map(|byte| match byte % 8 {
            0..=3 => Key::Next,
            4 | 5 => Key::Back,
            6 => Key::Other,
            _ => Key::Quit,
        })
        .collect()
}

/// Keys from a script; when it runs out, the keyboard is gone (an error, as a closed terminal).
struct ScriptedKeys(std::vec::IntoIter<Key>);

impl Keys for ScriptedKeys {
    fn next_key(&mut self) -> std::io::Result<Key> {
        self.0
            .next()
            .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "no more keys"))
    }
}

/// `--step`: whatever the keys, every screen is one of the pages read so far, whole, under the
/// prompt that names it, and holds nothing a terminal would act on but the clearing of the screen.
fn replay_step_by_step(pages: &[(Timestamp, Vec<u8>)], keys: Vec<Key>) {
    const CLEAR: &str = "\u{1b}[H\u{1b}[2J";
    let mut replay = Replay::step(Box::new(ScriptedKeys(keys.into_iter())), Palette::plain());
    let mut out = Vec::new();
    let mut read = 0;
    let mut stopped = false;
    for (index, (captured, page)) in pages.iter().enumerate() {
        read = index + 1;
        match replay.show(&mut out, read as u64, *captured, page.clone()) {
            Ok(Flow::Continue) => {}
            Ok(Flow::Quit) | Err(_) => {
                stopped = true;
                break;
            }
        }
    }
    if !stopped {
        let _ = replay.end(&mut out);
    }
    let text = String::from_utf8(out).expect("pages are UTF-8");
    for screen in text.split(CLEAR).skip(1) {
        if let Err(problem) = audit_terminal_output(screen, false) {
            panic!("a step screen is not terminal-safe: {problem}: {screen:?}");
        }
        let shown = pages[..read].iter().enumerate().any(|(index, (_, page))| {
            let page = std::str::from_utf8(page).expect("pages are UTF-8");
            screen
                .strip_prefix(page)
                .and_then(|prompt| prompt.strip_prefix(&format!("── packet {}", index + 1)))
                .is_some_and(|after| after.starts_with([' ', ',']))
        });
        assert!(shown, "a step screen is no page read so far: {screen:?}");
    }
    assert!(
        text.is_empty() || text.starts_with(CLEAR),
        "a step replay starts with a fresh screen"
    );
}

/// The `capture_file` target: the bytes become a file that `portlens::run::run` reads, exactly as
/// `portlens -r FILE` would: as a coloured tree, as JSON, and as statistics while `-w` copies every
/// frame to a savefile, which must read back as the frames the file holds. Errors (a file libpcap
/// refuses, a file cut short) are expected; panics, unsafe output and a savefile that loses or
/// changes a frame are not. Returns how many packets the JSON run showed.
pub fn capture_file(data: &[u8], scratch: &Path) -> u64 {
    if std::fs::write(scratch, data).is_err() {
        return 0;
    }
    let path = scratch.to_string_lossy().into_owned();
    let copy = scratch.with_extension("written.pcap");
    let _ = std::fs::remove_file(&copy);
    let copy_path = copy.to_string_lossy().into_owned();
    let mut shown = 0;
    for (flags, name) in [
        (&["--color", "always"][..], "tree (colour)"),
        (&["--json"][..], "json"),
        (
            &["--stats", "--color", "always", "-w", copy_path.as_str()][..],
            "tree (colour)",
        ),
    ] {
        // The configuration the command line builds, so the target follows it as it grows.
        let arguments = ["portlens", "-r", path.as_str()]
            .into_iter()
            .chain(flags.iter().copied());
        let Ok(Action::Decode(config)) =
            Cli::try_parse_from(arguments).map(|cli| cli.into_action(false, false))
        else {
            panic!("the fuzz target's own command line is refused");
        };
        let mut output = Vec::new();
        let result = portlens::run::run(&config, &mut output);
        check_output(name, &output);
        if name == "json" {
            shown = output.iter().filter(|&&byte| byte == b'\n').count() as u64;
        }
        if let Err(error) = result {
            let message = error.to_string();
            assert!(!message.is_empty());
        }
    }
    check_savefile(scratch, &copy);
    shown
}

/// What `-w` wrote from `input` reads back as the frames libpcap reads from `input`: the same
/// bytes, the same lengths on the wire and, where the classic format can hold them (seconds from
/// 1970 to 2106), the same times. Nothing to check when libpcap refuses `input`.
fn check_savefile(input: &Path, copy: &Path) {
    let Ok((_, read)) = read_frames(input) else {
        return;
    };
    let (_, written) = read_frames(copy).unwrap_or_else(|error| {
        panic!("the savefile of a capture libpcap reads cannot be read back: {error}")
    });
    assert_eq!(
        written.len(),
        read.len(),
        "the savefile holds every frame read"
    );
    for (number, (written, read)) in written.iter().zip(&read).enumerate() {
        let number = number + 1;
        assert!(
            written.data == read.data,
            "frame {number}: its bytes changed"
        );
        assert_eq!(
            written.original_length, read.original_length,
            "frame {number}: its length on the wire"
        );
        if u32::try_from(read.timestamp.seconds).is_ok() {
            assert_eq!(
                written.timestamp, read.timestamp,
                "frame {number}: its time"
            );
        }
    }
}

/// The link type and frames of the capture at `path`, read by portlens's source (libpcap); Err
/// when it cannot be opened.
fn read_frames(path: &Path) -> Result<(LinkType, Vec<Frame>), String> {
    let options = CaptureOptions {
        source: SourceSpec::File(path.to_path_buf()),
        ..CaptureOptions::default()
    };
    let mut source = Source::open(&options).map_err(|error| error.to_string())?;
    let mut frames = Vec::new();
    while let Ok(Some(frame)) = source.next_frame() {
        frames.push(frame.clone());
    }
    Ok((source.link_type(), frames))
}

/// The frames of the capture at `path`, read as portlens reads them, with the index in
/// [`LINK_TYPES`] of its link type (10, an undecoded type, when it is not listed): what a `packet`
/// input is made of. Err when libpcap cannot open the file.
pub fn capture_frames(path: &Path) -> Result<(u8, Vec<Vec<u8>>), String> {
    let (link_type, frames) = read_frames(path)?;
    let number = link_type.number();
    let index = LINK_TYPES.iter().position(|&n| n == number).unwrap_or(10) as u8;
    Ok((index, frames.into_iter().map(|frame| frame.data).collect()))
}
