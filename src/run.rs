//! The pipeline a run drives: open the capture, then for each frame decode → explain → render,
//! until the file ends, the count is reached, or an error stops it.

use crate::capture::{CaptureError, Source};
use crate::cli::{Config, Format};
use crate::decode::decode;
use crate::explain::Explainer;
use crate::procs::{LinuxProcs, PacketEnds, PacketOwners, ProcessLookup, Reason};
use crate::render::json::JsonRenderer;
use crate::render::tree::TreeRenderer;
use crate::render::{PacketView, Palette, Renderer, RunSummary};
use crate::replay::{Flow, Replay};
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

/// Where the owners of sockets come from in this run.
enum Owners {
    Live(Box<ProcessLookup<LinuxProcs>>),
    /// Live, but /proc cannot be read.
    Unavailable,
    /// A capture file: the programs are gone.
    Offline,
}

/// Builds the renderer a configuration asks for.
pub fn renderer_for(config: &Config) -> Box<dyn Renderer> {
    match config.format {
        Format::Tree => Box::new(
            TreeRenderer::new(Palette::new(config.color), config.detail).with_lang(config.lang),
        ),
        Format::Json => Box::new(JsonRenderer::default()),
    }
}

/// Runs the pipeline, writing packets to `out`. Returns the totals of the run; on a capture
/// error, everything decoded before it has already been written.
pub fn run(config: &Config, out: &mut dyn io::Write) -> Result<RunSummary, RunError> {
    let mut source = Source::open(&config.capture)?;
    let live = source.is_live();
    let mut renderer = renderer_for(config);
    // Live captures name the program that owns each local socket; files cannot.
    let mut procs = if !live {
        Owners::Offline
    } else {
        match ProcessLookup::linux() {
            Ok(lookup) => Owners::Live(Box::new(lookup)),
            Err(_) => Owners::Unavailable,
        }
    };
    let mut explainer = Explainer::new(config.lang);
    explainer.set_detail(config.detail);
    let mut summary = RunSummary::default();
    let mut replay = Replay::for_pace(config.pace, Palette::new(config.color));
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
        let mut annotated = explainer.explain_frame(frame.into(), &dissection);
        match (&mut procs, PacketEnds::from_dissection(&dissection)) {
            (Owners::Live(lookup), Some(ends)) => {
                let owners = lookup.lookup_packet(&ends);
                explainer.annotate_owners(&mut annotated, owners);
            }
            (Owners::Unavailable, Some(_)) => explainer
                .annotate_owners(&mut annotated, PacketOwners::unknown(Reason::Unavailable)),
            (Owners::Offline, _) => explainer.note_offline(&mut annotated),
            (_, None) => {}
        }
        let view = PacketView {
            frame,
            dissection: &dissection,
            annotated: &annotated,
        };
        let flow = match replay.as_mut() {
            _ if !config.packets => Flow::Continue,
            None => {
                renderer.packet(out, &view)?;
                Flow::Continue
            }
            // A paced replay (--step, --realtime) decides when the rendered packet appears.
            Some(replay) => {
                let mut page = Vec::new();
                renderer.packet(&mut page, &view)?;
                replay.show(out, frame.number, frame.timestamp, page)?
            }
        };
        summary.packets += 1;
        if flow == Flow::Quit {
            break Ok(());
        }
        if live {
            out.flush()?;
        }
    };
    if let (Some(replay), Ok(())) = (replay.as_mut(), &result) {
        replay.end(out)?;
    }
    source.flush()?;
    summary.stats = source.stats();
    summary.length_anomalies = source.length_anomalies();
    if config.conversations {
        renderer.conversations(out, explainer.conversations())?;
    }
    renderer.finish(out, &summary)?;
    out.flush()?;
    result.map(|()| summary)
}
