//! The pipeline a run drives: open the capture, then for each frame decode → observe (statistics)
//! → explain → render, until the file ends, the count is reached, or an error stops it.

use crate::capture::{CaptureError, Frame, Source};
use crate::cli::{Config, Format};
use crate::decode::{Dissection, decode_headers_into, decode_into};
use crate::explain::{Annotated, Depth, Explainer, FrameMeta};
use crate::procs::{LinuxProcs, PacketOwners, ProcessLookup, Reason};
use crate::progress::{Progress, stderr_is_terminal};
use crate::render::diagram::DiagramRenderer;
use crate::render::hex::HexRenderer;
use crate::render::json::JsonRenderer;
use crate::render::oneline::OneLineRenderer;
use crate::render::stack::Stack;
use crate::render::statistics::StatisticsRenderer;
use crate::render::tree::TreeRenderer;
use crate::render::{PacketView, Palette, Renderer, RunTotals};
use crate::replay::{Flow, Replay};
use crate::statistics::Statistics;
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
                Box::new(TreeRenderer::new(palette, config.verbosity).with_lang(config.lang))
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
        let statistics = StatisticsRenderer::new(palette, config.format == Format::Json);
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
pub fn run(config: &Config, out: &mut dyn io::Write) -> Result<RunTotals, RunError> {
    let mut source = Source::open(&config.capture)?;
    let live = source.is_live();
    let mut pipeline = Pipeline::new(config, &source);
    let mut totals = RunTotals::default();
    let result = loop {
        if config.count.is_some_and(|count| totals.packets >= count) {
            break Ok(());
        }
        // SIGINT or SIGTERM: stop here, so the savefile is flushed and the totals printed.
        if crate::stop::requested() {
            break Ok(());
        }
        let frame = match source.next_frame() {
            Ok(Some(frame)) => frame,
            Ok(None) => break Ok(()),
            Err(error) => break Err(RunError::from(error)),
        };
        let flow = pipeline.packet(config, frame, out)?;
        totals.packets += 1;
        if flow == Flow::Quit {
            break Ok(());
        }
        if live {
            out.flush()?;
        }
    };
    pipeline.progress.finish();
    if let (Some(replay), Ok(())) = (pipeline.replay.as_mut(), &result) {
        replay.end(out)?;
    }
    source.flush()?;
    totals.capture_counts = source.stats();
    totals.length_anomalies = source.length_anomalies();
    if config.conversations {
        pipeline
            .renderer
            .conversations(out, pipeline.explainer.conversations())?;
    }
    if let Some(statistics) = &pipeline.statistics {
        pipeline.renderer.statistics(out, statistics)?;
    }
    pipeline.renderer.finish(out, &totals)?;
    out.flush()?;
    result.map(|()| totals)
}

/// What a run keeps from one frame to the next: the views, how much they need decoded and
/// explained, the explainer and its memory, the statistics, the reused dissection, the owners of
/// sockets, the progress bar and the replay's pace.
struct Pipeline {
    renderer: Box<dyn Renderer>,
    /// How much explanation the views need (not how much each explanation says: that is the
    /// explainer's `Verbosity`, from `-q` and `-v`).
    depth: Depth,
    decode_frames: bool,
    applications: bool,
    procs: Owners,
    explainer: Explainer,
    /// The observer the statistics view prints, fed every frame when `--stats` asks for it.
    statistics: Option<Statistics>,
    dissection: Dissection,
    progress: Progress,
    replay: Option<Replay>,
}

impl Pipeline {
    /// Sets up the stages a configuration asks for, for frames of `source`.
    fn new(config: &Config, source: &Source) -> Pipeline {
        let renderer = renderer_for(config);
        // Explain no more than the views print (the one-line view: the service; statistics:
        // nothing), but follow conversations whenever their table is asked for.
        let depth = renderer.depth();
        let decode_frames = renderer.needs_dissection() || config.conversations;
        // Application hints feed the full explanation and the conversations (DNS answers); the
        // one-line view prints neither, and skips looking for them.
        let applications = depth == Depth::Full || config.conversations;
        // Live captures name the program that owns each local socket; files cannot.
        let procs = if !source.is_live() {
            Owners::Offline
        } else {
            match ProcessLookup::linux() {
                Ok(lookup) => Owners::Live(Box::new(lookup)),
                Err(_) => Owners::Unavailable,
            }
        };
        let mut explainer = Explainer::new(config.lang);
        explainer.set_verbosity(config.verbosity);
        Pipeline {
            renderer,
            depth,
            decode_frames,
            applications,
            procs,
            explainer,
            statistics: config.views.stats.then(Statistics::new),
            dissection: Dissection::empty(source.link_type()),
            progress: Progress::for_run(config, stderr_is_terminal()),
            replay: Replay::for_pace(config.pace, Palette::new(config.color)),
        }
    }

    /// One frame through the pipeline: decode it, count it, explain and render it, and show it at
    /// the pace of the run. Returns [`Flow::Quit`] when the learner asked to stop.
    fn packet(
        &mut self,
        config: &Config,
        frame: &Frame,
        out: &mut dyn io::Write,
    ) -> Result<Flow, RunError> {
        self.progress.frame(frame.captured_length);
        if self.decode_frames && self.applications {
            decode_into(&mut self.dissection, frame.link_type, &frame.data);
        } else if self.decode_frames {
            decode_headers_into(&mut self.dissection, frame.link_type, &frame.data);
        }
        match self.statistics.as_mut() {
            Some(statistics) if self.decode_frames => statistics.add(frame, &self.dissection),
            Some(statistics) => statistics.count_frame(frame),
            None => {}
        }
        let annotated = self.explain(config, frame);
        let view = PacketView {
            frame,
            dissection: &self.dissection,
            annotated: &annotated,
        };
        Ok(match self.replay.as_mut() {
            _ if !config.views.packets && !config.views.stats => Flow::Continue,
            None => {
                self.renderer.packet(out, &view)?;
                Flow::Continue
            }
            // A paced replay (--step, --realtime) decides when the rendered packet appears.
            Some(replay) => {
                let mut page = Vec::new();
                self.renderer.packet(&mut page, &view)?;
                replay.show(out, frame.number, frame.timestamp, page)?
            }
        })
    }

    /// The explanation of the decoded frame, as deep as the views need; in full, with the
    /// programs that own its sockets.
    fn explain(&mut self, config: &Config, frame: &Frame) -> Annotated {
        let explainer = &mut self.explainer;
        let dissection = &self.dissection;
        match self.depth {
            Depth::Full => {
                let mut annotated = explainer.explain_frame(FrameMeta::from(frame), dissection);
                match (&mut self.procs, dissection.connection()) {
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
            depth @ (Depth::Brief | Depth::None) => {
                if config.conversations {
                    explainer.observe(FrameMeta::from(frame), dissection);
                }
                explainer.explain_to(dissection, depth)
            }
        }
    }
}
