//! The pipeline a run drives: open the capture, then for each frame decode → explain → render,
//! until the file ends, the count is reached, or an error stops it.

use crate::capture::{CaptureError, Source};
use crate::cli::{Config, Format};
use crate::decode::{Dissection, decode_into};
use crate::explain::{Explainer, Lang};
use crate::progress::{Progress, stderr_is_terminal};
use crate::render::diagram::DiagramRenderer;
use crate::render::hex::HexRenderer;
use crate::render::json::JsonRenderer;
use crate::render::oneline::OneLineRenderer;
use crate::render::stack::Stack;
use crate::render::stats::StatsRenderer;
use crate::render::tree::TreeRenderer;
use crate::render::{PacketView, Palette, Renderer, RunSummary};
use std::io;
use thiserror::Error;

/// Why a run ended early.
#[derive(Debug, Error)]
pub enum RunError {
    #[error(transparent)]
    Capture(#[from] CaptureError),
    #[error("cannot write the output: {0}")]
    Output(#[from] io::Error),
}

impl RunError {
    /// True when the reader of our output went away (`portlens … | head`): not a failure.
    pub fn is_closed_pipe(&self) -> bool {
        matches!(self, RunError::Output(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}

/// Builds the renderer a configuration asks for: the packet view (tree, one-line or JSON), the
/// header diagrams and hex dump beneath it, and the statistics at the end.
pub fn renderer_for(config: &Config) -> Box<dyn Renderer> {
    let palette = Palette::new(config.color);
    let mut views: Vec<Box<dyn Renderer>> = Vec::new();
    if config.views.packets {
        views.push(match config.format {
            Format::Tree => Box::new(TreeRenderer::new(palette)),
            Format::Json => Box::new(JsonRenderer::default()),
            Format::OneLine => Box::new(OneLineRenderer::new(palette)),
        });
        if config.views.diagram {
            views.push(Box::new(DiagramRenderer::new(palette)));
        }
        if let Some(style) = config.views.hex {
            views.push(Box::new(HexRenderer::new(palette, style)));
        }
    }
    if config.views.stats {
        let statistics = StatsRenderer::new(palette, config.format == Format::Json);
        views.push(Box::new(if config.views.packets {
            statistics.after_packets()
        } else {
            statistics
        }));
    }
    match views.len() {
        1 => views.remove(0),
        _ => Box::new(Stack::new(views)),
    }
}

/// Runs the pipeline, writing packets to `out`. Returns the totals of the run; on a capture
/// error, everything decoded before it has already been written.
pub fn run(config: &Config, out: &mut dyn io::Write) -> Result<RunSummary, RunError> {
    let mut source = Source::open(&config.capture)?;
    let live = source.is_live();
    let mut renderer = renderer_for(config);
    // Explain no more than the views print (the one-line view: the service; statistics: nothing).
    let detail = renderer.detail();
    let decode_frames = renderer.needs_dissection();
    let mut explainer = Explainer::new(Lang::En);
    let mut dissection = Dissection::empty(source.link_type());
    let mut progress = Progress::for_run(config, stderr_is_terminal());
    let mut summary = RunSummary::default();
    let result = loop {
        if config.count.is_some_and(|count| summary.packets >= count) {
            break Ok(());
        }
        let frame = match source.next_frame() {
            Ok(Some(frame)) => frame,
            Ok(None) => break Ok(()),
            Err(error) => break Err(RunError::from(error)),
        };
        progress.frame(frame.captured_length);
        if decode_frames {
            decode_into(&mut dissection, frame.link_type, &frame.data);
        }
        let annotated = explainer.explain_with(&dissection, detail);
        renderer.packet(
            out,
            &PacketView {
                frame,
                dissection: &dissection,
                annotated: &annotated,
            },
        )?;
        summary.packets += 1;
        if live {
            out.flush()?;
        }
    };
    progress.finish();
    source.flush()?;
    summary.stats = source.stats();
    renderer.finish(out, &summary)?;
    out.flush()?;
    result.map(|()| summary)
}
