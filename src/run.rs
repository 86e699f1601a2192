//! The pipeline a run drives: open the capture, then for each frame decode → explain → render,
//! until the file ends, the count is reached, or an error stops it.

use crate::capture::{CaptureError, Source};
use crate::cli::{Config, Format};
use crate::decode::{Dissection, decode_headers_into, decode_into};
use crate::explain::{Depth, Explainer, FrameMeta};
use crate::procs::{LinuxProcs, PacketOwners, ProcessLookup, Reason};
use crate::progress::{Progress, stderr_is_terminal};
use crate::render::diagram::DiagramRenderer;
use crate::render::hex::HexRenderer;
use crate::render::json::JsonRenderer;
use crate::render::oneline::OneLineRenderer;
use crate::render::stack::Stack;
use crate::render::stats::StatsRenderer;
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

/// Builds the renderer a configuration asks for: the packet view (tree, one-line or JSON), the
/// header diagrams and hex dump beneath it, and the statistics at the end.
pub fn renderer_for(config: &Config) -> Box<dyn Renderer> {
    let palette = Palette::new(config.color);
    let mut views: Vec<Box<dyn Renderer>> = Vec::new();
    if config.views.packets || config.conversations {
        views.push(match config.format {
            Format::Tree => {
                Box::new(TreeRenderer::new(palette, config.detail).with_lang(config.lang))
            }
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
    // Explain no more than the views print (the one-line view: the service; statistics:
    // nothing), but follow conversations whenever their table is asked for.
    let depth = renderer.depth();
    let decode_frames = renderer.needs_dissection() || config.conversations;
    // Application hints feed the full explanation and the conversations (DNS answers); the
    // one-line view prints neither, and skips looking for them.
    let applications = depth == Depth::Full || config.conversations;
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
    let mut dissection = Dissection::empty(source.link_type());
    let mut progress = Progress::for_run(config, stderr_is_terminal());
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
        progress.frame(frame.captured_length);
        if decode_frames && applications {
            decode_into(&mut dissection, frame.link_type, &frame.data);
        } else if decode_frames {
            decode_headers_into(&mut dissection, frame.link_type, &frame.data);
        }
        let annotated = match depth {
            Depth::Full => {
                let mut annotated = explainer.explain_frame(FrameMeta::from(frame), &dissection);
                match (&mut procs, dissection.connection()) {
                    (Owners::Live(lookup), Some(ends)) => {
                        let owners = lookup.lookup_packet(&ends);
                        explainer.annotate_owners(&mut annotated, &ends, owners);
                    }
                    (Owners::Unavailable, Some(ends)) => explainer.annotate_owners(
                        &mut annotated,
                        &ends,
                        PacketOwners::unknown(Reason::Unavailable),
                    ),
                    (Owners::Offline, _) => explainer.note_offline(&mut annotated),
                    (_, None) => {}
                }
                annotated
            }
            brief => {
                if config.conversations {
                    explainer.observe(FrameMeta::from(frame), &dissection);
                }
                explainer.explain_to(&dissection, brief)
            }
        };
        let view = PacketView {
            frame,
            dissection: &dissection,
            annotated: &annotated,
        };
        let flow = match replay.as_mut() {
            _ if !config.views.packets && !config.views.stats => Flow::Continue,
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
    progress.finish();
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
