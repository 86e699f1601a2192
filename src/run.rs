//! The pipeline a run drives: open the capture, then for each frame decode → explain → render,
//! until the file ends, the count is reached, or an error stops it.

use crate::capture::{CaptureError, Source};
use crate::cli::{Config, Format};
use crate::decode::decode;
use crate::explain::{Explainer, Lang};
use crate::render::json::JsonRenderer;
use crate::render::tree::TreeRenderer;
use crate::render::{PacketView, Palette, Renderer, RunSummary};
use std::io;
use thiserror::Error;

/// Why a run ended early.
#[derive(Debug, Error)]
pub enum RunError {
    #[error(transparent)]
    Capture(#[from] CaptureError),
    #[error("cannot write the output: {}. portlens stopped there; if the output goes to a file, check that its disk has room.", crate::capture::io_message(.0))]
    Output(#[from] io::Error),
}

impl RunError {
    /// True when the reader of our output went away (`portlens … | head`): not a failure.
    pub fn is_closed_pipe(&self) -> bool {
        matches!(self, RunError::Output(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}

/// Builds the renderer a configuration asks for.
pub fn renderer_for(config: &Config) -> Box<dyn Renderer> {
    match config.format {
        Format::Tree => Box::new(TreeRenderer::new(Palette::new(config.color))),
        Format::Json => Box::new(JsonRenderer::default()),
    }
}

/// Runs the pipeline, writing packets to `out`. Returns the totals of the run; on a capture
/// error, everything decoded before it has already been written.
pub fn run(config: &Config, out: &mut dyn io::Write) -> Result<RunSummary, RunError> {
    let mut source = Source::open(&config.capture)?;
    let live = source.is_live();
    let mut renderer = renderer_for(config);
    let mut explainer = Explainer::new(Lang::En);
    let mut summary = RunSummary::default();
    let result = loop {
        if config.count.is_some_and(|count| summary.packets >= count) {
            break Ok(());
        }
        // SIGINT or SIGTERM: stop here, so the savefile is flushed and the summary printed.
        if crate::stop::requested() {
            break Ok(());
        }
        let frame = match source.next_frame() {
            Ok(Some(frame)) => frame,
            Ok(None) => break Ok(()),
            Err(error) => break Err(RunError::from(error)),
        };
        let dissection = decode(frame.link_type, &frame.data);
        let annotated = explainer.explain(&dissection);
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
    source.flush()?;
    summary.stats = source.stats();
    summary.length_anomalies = source.length_anomalies();
    renderer.finish(out, &summary)?;
    out.flush()?;
    result.map(|()| summary)
}
