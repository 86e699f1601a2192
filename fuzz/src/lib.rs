//! The fuzz harness: runs bytes through the same pipeline the command line runs and checks, beyond
//! "no panic", what portlens promises about its output: the tree with colour off holds no raw
//! control character, with colour on the only escapes are portlens's own colour codes, and every
//! JSON line is one valid JSON object with nothing a terminal would act on.

use clap::Parser;
use portlens::capture::{CaptureOptions, Frame, LinkType, Source, SourceSpec, Timestamp};
use portlens::cli::{Action, Cli};
use portlens::decode::decode;
use portlens::explain::{Detail, Explainer, FrameMeta, Lang};
use portlens::render::diagram::DiagramRenderer;
use portlens::render::hex::{HexRenderer, HexStyle};
use portlens::render::json::JsonRenderer;
use portlens::render::oneline::OneLineRenderer;
use portlens::render::tree::TreeRenderer;
use portlens::render::{PacketView, Palette, Renderer, RunSummary};
use portlens::sanitize::audit_terminal_output;
use std::path::Path;

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
            Box::new(TreeRenderer::new(Palette::plain(), Detail::Normal).with_lang(lang)),
        ),
        (
            "tree",
            Box::new(TreeRenderer::new(Palette::plain(), Detail::Quiet).with_lang(lang)),
        ),
        (
            "tree (colour)",
            Box::new(TreeRenderer::new(Palette::new(true), Detail::Verbose).with_lang(lang)),
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

/// The `packet` target: the first byte picks the link type, the rest is up to [`MAX_FRAMES`]
/// frames, explained one after another by one explainer (so state carried between packets, such
/// as what was already told, is exercised), each rendered by every renderer.
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
    explainer.set_detail(Detail::Verbose);
    let mut renderers = renderers(lang);
    let mut output = Vec::new();
    let mut summary = RunSummary::default();
    for (index, bytes) in frames(rest).into_iter().enumerate() {
        let frame = Frame {
            number: index as u64 + 1,
            timestamp: Timestamp {
                seconds: i64::from(selector) << 24,
                nanoseconds: 0,
            },
            link_type,
            captured_length: bytes.len() as u32,
            // A frame may claim a longer original, as a snapshot length makes it do.
            original_length: bytes.len() as u32 + u32::from(selector & 0x0f),
            data: bytes.to_vec(),
        };
        let dissection = decode(link_type, &frame.data);
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
        for (name, renderer) in &mut renderers {
            output.clear();
            renderer
                .packet(&mut output, &view)
                .expect("rendering into memory cannot fail");
            check_output(name, &output);
        }
        summary.packets += 1;
    }
    for (name, renderer) in &mut renderers {
        output.clear();
        renderer
            .conversations(&mut output, explainer.conversations())
            .expect("rendering into memory cannot fail");
        check_output(name, &output);
        output.clear();
        renderer
            .finish(&mut output, &summary)
            .expect("finishing into memory cannot fail");
        check_output(name, &output);
    }
}

/// The `capture_file` target: the bytes become a file that `portlens::run::run` reads, exactly as
/// `portlens -r FILE` would, once as a coloured tree and once as JSON. Errors (a file libpcap
/// refuses, a file cut short) are expected; panics and unsafe output are not. Returns how many
/// packets the JSON run showed.
pub fn capture_file(data: &[u8], scratch: &Path) -> u64 {
    if std::fs::write(scratch, data).is_err() {
        return 0;
    }
    let mut shown = 0;
    let path = scratch.to_string_lossy().into_owned();
    for (flags, name) in [
        (&["--color", "always"][..], "tree (colour)"),
        (&["--json"][..], "json"),
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
    shown
}

/// The frames of the capture at `path`, read as portlens reads them, with the index in
/// [`LINK_TYPES`] of its link type (10, an undecoded type, when it is not listed): what a `packet`
/// input is made of. Err when libpcap cannot open the file.
pub fn capture_frames(path: &Path) -> Result<(u8, Vec<Vec<u8>>), String> {
    let options = CaptureOptions {
        source: SourceSpec::File(path.to_path_buf()),
        ..CaptureOptions::default()
    };
    let mut source = Source::open(&options).map_err(|error| error.to_string())?;
    let number = source.link_type().number();
    let index = LINK_TYPES.iter().position(|&n| n == number).unwrap_or(10) as u8;
    let mut frames = Vec::new();
    while let Ok(Some(frame)) = source.next_frame() {
        frames.push(frame.data.clone());
    }
    Ok((index, frames))
}
