//! Arguments → what to do: the usage errors clap cannot see by itself, then every choice the
//! options imply (source and filter, format, views, colour, how much to explain, pace), made once
//! here so that the run never looks at an option again.

use super::environment::locale_lang;
use super::{Action, Cli, ColorChoice, Command, Config, Format, Verbosity, Views};
use crate::capture::{CaptureOptions, SourceSpec};
use crate::demo;
use crate::lang::Lang;
use crate::render::hex::HexStyle;
use crate::replay::{Pace, Speed};

impl Cli {
    /// Usage errors clap cannot see by itself: `demo` or `doctor` together with a capture source
    /// (`portlens -r FILE demo`). The error prints like clap's own and exits with status 2.
    pub fn check(&self) -> Result<(), clap::Error> {
        if self.command.is_none() {
            return Ok(());
        }
        let source = if self.read.is_some() {
            Some("-r (read a file)")
        } else if self.interface.is_some() {
            Some("-i (capture on an interface)")
        } else if self.list_interfaces {
            Some("-D (list interfaces)")
        } else if self.no_promiscuous {
            Some("-p (a live capture option)")
        } else {
            None
        };
        match source {
            Some(option) => Err(<Cli as clap::CommandFactory>::command().error(
                clap::error::ErrorKind::ArgumentConflict,
                match self.command {
                    Some(Command::Doctor) => format!(
                        "`doctor` checks this machine and reads no capture, so it cannot be \
                         combined with {option}; run `portlens doctor` alone"
                    ),
                    _ => format!(
                        "`demo` replays a capture built into portlens, so it cannot be combined \
                         with {option}; use one or the other, e.g. `portlens demo web-http` or \
                         `portlens -r samples/web-http.pcap`"
                    ),
                },
            )),
            None => Ok(()),
        }
    }

    /// Turns arguments into an action. `stdout_is_terminal` and `no_color` come from the
    /// environment so that this stays testable; without `--lang`, the language comes from the
    /// locale ([`locale_lang`]).
    pub fn into_action(self, stdout_is_terminal: bool, no_color: bool) -> Action {
        let lang = self.lang.map(Lang::from).unwrap_or_else(locale_lang);
        if self.list_interfaces {
            return Action::ListInterfaces(lang);
        }
        if let Some(what) = self.generate {
            return Action::Generate(what);
        }
        match &self.command {
            Some(Command::Doctor) => return Action::Doctor,
            Some(Command::Demo(demo)) if demo.list => return Action::ListSamples,
            _ => {}
        }
        let format = self.format();
        let views = self.views(format, stdout_is_terminal);
        Action::Decode(Config {
            count: self.count,
            format,
            color: format != Format::Json && self.color.wanted(stdout_is_terminal, no_color),
            verbosity: self.verbosity(),
            conversations: self.conversations || self.summary,
            pace: self.pace(),
            lang,
            views,
            capture: self.into_capture_options(),
        })
    }

    /// What to open and how: the file, interface or built-in sample, the filter words joined,
    /// the snapshot length (0 means the default), promiscuous mode, savefile and `-Z` user.
    fn into_capture_options(self) -> CaptureOptions {
        let (source, filter_words) = match self.command {
            Some(Command::Demo(demo)) => (builtin_sample(demo.name.as_deref()), demo.filter),
            // `doctor` reads no packets; `into_action` answered it before asking for a source.
            Some(Command::Doctor) | None => match self.read {
                Some(path) => (SourceSpec::File(path), self.filter),
                None => (SourceSpec::Live(self.interface), self.filter),
            },
        };
        CaptureOptions {
            source,
            filter: (!filter_words.is_empty()).then(|| filter_words.join(" ")),
            snaplen: if self.snaplen == 0 {
                262_144
            } else {
                self.snaplen
            },
            promiscuous: !self.no_promiscuous,
            savefile: self.write,
            run_as: self.run_as,
        }
    }

    /// `--step`, `--realtime` or `--speed` (which implies `--realtime`); otherwise continuous.
    fn pace(&self) -> Pace {
        if self.step {
            Pace::Step
        } else if self.realtime || self.speed.is_some() {
            Pace::Realtime(self.speed.unwrap_or(Speed::NORMAL))
        } else {
            Pace::Continuous
        }
    }

    /// JSON, the one-line view, or the tree (the default).
    fn format(&self) -> Format {
        if self.json {
            Format::Json
        } else if self.oneline {
            Format::OneLine
        } else {
            Format::Tree
        }
    }

    /// How much each explanation says: `-q` quiet, `-v` verbose, otherwise normal.
    fn verbosity(&self) -> Verbosity {
        if self.quiet {
            Verbosity::Quiet
        } else if self.verbose {
            Verbosity::Verbose
        } else {
            Verbosity::Normal
        }
    }

    /// The views beside the packet format: hex (`-X` wins over `-x`), diagrams, statistics, and
    /// whether a progress bar may be drawn.
    fn views(&self, format: Format, stdout_is_terminal: bool) -> Views {
        let hex = if self.hex_ascii > 0 {
            Some(HexStyle::HexAndAscii)
        } else if self.hex > 0 {
            Some(HexStyle::Hex)
        } else {
            None
        };
        // --stats alone prints no packets; asking for a packet view as well prints both.
        let packets =
            (!self.stats || self.oneline || hex.is_some() || self.diagram) && !self.conversations;
        Views {
            packets,
            hex,
            diagram: self.diagram,
            stats: self.stats,
            progress: format != Format::Json && (!stdout_is_terminal || !packets),
        }
    }
}

impl ColorChoice {
    /// Whether this choice colours the output, given where it goes and NO_COLOR (JSON is never
    /// coloured whatever the choice; the caller checks that).
    fn wanted(self, stdout_is_terminal: bool, no_color: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => stdout_is_terminal && !no_color,
        }
    }
}

/// The built-in sample `demo` names, or the default one.
fn builtin_sample(name: Option<&str>) -> SourceSpec {
    let name = name.unwrap_or(demo::DEFAULT_SAMPLE);
    // clap accepts only the names of the table, so the lookup cannot miss.
    let sample = demo::find(name).unwrap_or(&demo::SAMPLES[0]);
    SourceSpec::Builtin {
        name: sample.name,
        bytes: sample.bytes,
    }
}
