//! Property: cutting any packet of the samples (and of the shared captures, which CI requires) at
//! any length never panics anywhere in decode → explain → render, keeps every header that still
//! fits exactly as the whole packet decoded it, and — when the cut falls inside a header — stops
//! there and says so: the stop names that layer and where it starts, and the explanation says it.

use crate::helpers::{captures_in, samples, shared_captures};
use portlens::capture::{CaptureOptions, LinkType, Source, SourceSpec};
use portlens::decode::{Dissection, LayerName, decode};
use portlens::explain::{Annotated, Explainer, Verbosity};
use portlens::lang::Lang;
use portlens::render::json::JsonRenderer;
use portlens::render::tree::TreeRenderer;
use portlens::render::{PacketView, Palette, Renderer};
use proptest::prelude::*;
use std::path::Path;
use std::sync::OnceLock;

/// A frame whose whole decoding finished without a stop, with where it came from.
struct Whole {
    origin: String,
    link_type: LinkType,
    data: Vec<u8>,
    dissection: Dissection,
}

fn frames_of(path: &Path, into: &mut Vec<Whole>) {
    let options = CaptureOptions {
        source: SourceSpec::File(path.to_path_buf()),
        ..CaptureOptions::default()
    };
    let mut source = Source::open(&options)
        .unwrap_or_else(|error| panic!("{} does not open: {error}", path.display()));
    while let Ok(Some(frame)) = source.next_frame() {
        let dissection = decode(frame.link_type, &frame.data);
        if dissection.stopped.is_none() && !dissection.layers.is_empty() {
            into.push(Whole {
                origin: format!("{} packet {}", path.display(), frame.number),
                link_type: frame.link_type,
                data: frame.data.clone(),
                dissection,
            });
        }
    }
}

fn wholes() -> &'static [Whole] {
    static WHOLES: OnceLock<Vec<Whole>> = OnceLock::new();
    WHOLES.get_or_init(|| {
        let mut all = Vec::new();
        for sample in samples() {
            frames_of(&sample, &mut all);
        }
        if let Some(dir) = shared_captures() {
            for file in captures_in(&dir) {
                frames_of(&file, &mut all);
            }
        }
        assert!(all.len() > 100, "enough packets to cut: {}", all.len());
        all
    })
}

/// Layer names the stop may use for a header that was cut: the IPv6 layer spans its extension
/// headers, so a cut among them stops at the extension.
fn stop_names(cut: LayerName) -> Vec<LayerName> {
    match cut {
        LayerName::Ipv4 => vec![LayerName::Ipv4, LayerName::Ip],
        LayerName::Ipv6 => vec![LayerName::Ipv6, LayerName::Ip, LayerName::Ipv6Extension],
        other => vec![other],
    }
}

fn check_cut(whole: &Whole, length: usize) -> Result<(), TestCaseError> {
    let cut = &whole.data[..length];
    let dissection = decode(whole.link_type, cut);
    let context = format!(
        "{} cut to {length} of {} bytes",
        whole.origin,
        whole.data.len()
    );
    let annotated = explain_and_render(whole, cut, &dissection)?;
    // The first header of the whole packet that no longer fits.
    let broken = whole
        .dissection
        .layers
        .iter()
        .position(|layer| layer.span.end > length);
    let kept = broken.unwrap_or(whole.dissection.layers.len());
    // Every header before it decodes exactly as before.
    prop_assert!(
        dissection.layers.len() >= kept,
        "{context}: {} layers kept of {kept}",
        dissection.layers.len()
    );
    for (cut_layer, full_layer) in dissection
        .layers
        .iter()
        .zip(&whole.dissection.layers)
        .take(kept)
    {
        prop_assert_eq!(
            cut_layer.header.name(),
            full_layer.header.name(),
            "{}",
            context
        );
        prop_assert_eq!(cut_layer.span, full_layer.span, "{}", context);
    }
    match broken {
        Some(index) => check_stop(whole, index, length, &dissection, &annotated, &context),
        None => Ok(()),
    }
}

/// The rest of the pipeline takes the cut packet too: explained, then rendered as a verbose tree
/// and as JSON.
fn explain_and_render(
    whole: &Whole,
    cut: &[u8],
    dissection: &Dissection,
) -> Result<Annotated, TestCaseError> {
    let mut explainer = Explainer::new(Lang::En);
    let annotated = explainer.explain(dissection);
    let frame = portlens::capture::Frame {
        number: 1,
        link_type: whole.link_type,
        captured_length: cut.len() as u32,
        original_length: whole.data.len() as u32,
        data: cut.to_vec(),
        ..Default::default()
    };
    let view = PacketView {
        frame: &frame,
        dissection,
        annotated: &annotated,
    };
    let mut sink = Vec::new();
    TreeRenderer::new(Palette::plain(), Verbosity::Verbose)
        .packet(&mut sink, &view)
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    JsonRenderer::default()
        .packet(&mut sink, &view)
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    Ok(annotated)
}

/// Layer `index` of the whole packet was cut at `length`: decoding stops there, at an offset
/// within it, and the explanation says where it stopped.
fn check_stop(
    whole: &Whole,
    index: usize,
    length: usize,
    dissection: &Dissection,
    annotated: &Annotated,
    context: &str,
) -> Result<(), TestCaseError> {
    let layer = &whole.dissection.layers[index];
    let stop = dissection.stopped.as_ref();
    prop_assert!(
        stop.is_some(),
        "{context}: no stop although {:?} was cut",
        layer.header.name()
    );
    let stop = stop.unwrap();
    prop_assert!(
        stop_names(layer.header.name()).contains(&stop.layer),
        "{context}: {:?} was cut but the stop names {:?}",
        layer.header.name(),
        stop.layer
    );
    prop_assert!(
        stop.offset >= layer.span.start && stop.offset <= length,
        "{context}: stop at {} for a layer starting at {}",
        stop.offset,
        layer.span.start
    );
    let sentence = annotated.stopped.as_deref().unwrap_or_default();
    prop_assert!(
        sentence.contains("stopped"),
        "{context}: the explanation says where decoding stopped: {sentence:?}"
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn cutting_any_packet_anywhere_stops_at_the_header_that_was_cut(
        pick in any::<prop::sample::Index>(),
        fraction in 0.0f64..1.0,
    ) {
        let whole = pick.get(wholes());
        let length = (whole.data.len() as f64 * fraction) as usize;
        check_cut(whole, length)?;
    }
}

#[test]
fn every_cut_of_every_sample_packet_is_checked_once() {
    // Exhaustively for the bundled samples (the property above samples the shared captures too).
    let mut sample_wholes = Vec::new();
    for sample in samples() {
        frames_of(&sample, &mut sample_wholes);
    }
    for whole in &sample_wholes {
        for length in 0..whole.data.len() {
            if let Err(failure) = check_cut(whole, length) {
                panic!("{failure}");
            }
        }
    }
}
