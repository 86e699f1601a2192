//! Command line: clap arguments (tcpdump's flags where they exist) → a validated [`Config`].

use crate::capture::{CaptureOptions, SourceSpec};
use crate::render::hex::HexStyle;
use clap::{Parser, ValueEnum};
use std::io::IsTerminal;
use std::path::PathBuf;

/// When to colour the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Only when writing to a terminal and NO_COLOR is not set.
    Auto,
    Always,
    Never,
}

/// portlens: see which program every packet is for. Each layer is decoded and explained, from the
/// MAC address that finds the network card to the port that finds the program.
#[derive(Debug, Parser)]
#[command(
    name = "portlens",
    version,
    after_help = "Examples:\n  portlens -r web.pcap                 explain every packet of a capture file\n  portlens -r web.pcap tcp port 80     only packets a BPF filter selects\n  sudo portlens -i eth0 -c 20          capture 20 packets live\n  portlens -r web.pcap --json | jq .   one JSON object per packet"
)]
pub struct Cli {
    /// Read packets from a .pcap or .pcapng file instead of a live interface.
    #[arg(
        short = 'r',
        long = "read",
        value_name = "FILE",
        conflicts_with = "interface"
    )]
    pub read: Option<PathBuf>,

    /// Capture live on this interface (default: libpcap's default device).
    #[arg(short = 'i', long = "interface", value_name = "IFACE")]
    pub interface: Option<String>,

    /// List the interfaces libpcap can capture on, with their addresses, and exit.
    #[arg(short = 'D', long = "list-interfaces")]
    pub list_interfaces: bool,

    /// Stop after N packets.
    #[arg(short = 'c', long = "count", value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub count: Option<u64>,

    /// Capture at most this many bytes of each packet (0 means the default, 262144).
    #[arg(short = 's', long = "snaplen", value_name = "SNAPLEN", default_value_t = 262_144, value_parser = clap::value_parser!(i32).range(0..))]
    pub snaplen: i32,

    /// Do not put the interface into promiscuous mode.
    #[arg(short = 'p', long = "no-promiscuous")]
    pub no_promiscuous: bool,

    /// Also save the raw packets to FILE (classic pcap) while displaying them.
    #[arg(short = 'w', long = "write", value_name = "FILE")]
    pub write: Option<PathBuf>,

    /// Accepted for tcpdump habits: portlens never resolves names.
    #[arg(short = 'n', action = clap::ArgAction::Count)]
    pub numeric: u8,

    /// One JSON object per packet per line (NDJSON); see docs/json.md.
    #[arg(long)]
    pub json: bool,

    /// One line per packet, like `tcpdump -nn`, ending with the service and which way it goes.
    #[arg(long, conflicts_with = "json")]
    pub oneline: bool,

    /// Show each packet's bytes in hex beneath it, layer by layer, the selecting fields marked.
    #[arg(short = 'x', action = clap::ArgAction::Count, conflicts_with = "json")]
    pub hex: u8,

    /// Like -x, with the printable characters beside the hex (as tcpdump -X).
    #[arg(short = 'X', action = clap::ArgAction::Count, conflicts_with = "json")]
    pub hex_ascii: u8,

    /// Draw each header as its RFC's box diagram, filled in with the packet's values.
    #[arg(long, conflicts_with = "json")]
    pub diagram: bool,

    /// Statistics at the end: protocol hierarchy, TCP vs UDP, port ranges, top ports. Alone it
    /// prints no packets; with --json it prints one summary object.
    #[arg(long)]
    pub stats: bool,

    /// Print the man page or a shell's completions (generated from these options) and exit.
    #[arg(long, value_enum, value_name = "WHAT", exclusive = true)]
    pub generate: Option<Generate>,

    /// Colour the output: auto (only on a terminal, never with NO_COLOR set), always or never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// A BPF filter in tcpdump's syntax, e.g. `tcp port 80` (see `man pcap-filter`).
    #[arg(
        value_name = "FILTER",
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
    pub filter: Vec<String>,
}

/// The output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Tree,
    Json,
    OneLine,
}

/// What `--generate` prints: the man page, or a shell's completion script.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Generate {
    Man,
    CompleteBash,
    CompleteZsh,
    CompleteFish,
    CompleteElvish,
    CompletePowershell,
}

/// What to do, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    ListInterfaces,
    Decode(Config),
    Generate(Generate),
}

/// The views shown beside the main format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Views {
    /// Show each packet (false when `--stats` is asked for alone).
    pub packets: bool,
    /// A hex dump beneath each packet.
    pub hex: Option<HexStyle>,
    /// Header diagrams beneath each packet.
    pub diagram: bool,
    /// Statistics at the end of the run.
    pub stats: bool,
    /// A progress bar may be drawn on standard error: the output does not go to the terminal,
    /// or only statistics will be printed, and it is not JSON. (The bar still needs standard
    /// error to be a terminal and a file big enough to wait for.)
    pub progress: bool,
}

impl Default for Views {
    fn default() -> Self {
        Views {
            packets: true,
            hex: None,
            diagram: false,
            stats: false,
            progress: false,
        }
    }
}

/// A validated run configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub capture: CaptureOptions,
    pub count: Option<u64>,
    pub format: Format,
    pub color: bool,
    pub views: Views,
}

impl Cli {
    /// Turns arguments into an action. `stdout_is_terminal` and `no_color` come from the
    /// environment so that this stays testable.
    pub fn into_action(self, stdout_is_terminal: bool, no_color: bool) -> Action {
        if self.list_interfaces {
            return Action::ListInterfaces;
        }
        if let Some(what) = self.generate {
            return Action::Generate(what);
        }
        let source = match self.read {
            Some(path) => SourceSpec::File(path),
            None => SourceSpec::Live(self.interface),
        };
        let filter = (!self.filter.is_empty()).then(|| self.filter.join(" "));
        let format = if self.json {
            Format::Json
        } else if self.oneline {
            Format::OneLine
        } else {
            Format::Tree
        };
        let hex = if self.hex_ascii > 0 {
            Some(HexStyle::HexAndAscii)
        } else if self.hex > 0 {
            Some(HexStyle::Hex)
        } else {
            None
        };
        // --stats alone prints no packets; asking for a packet view as well prints both.
        let packets = !self.stats || self.oneline || hex.is_some() || self.diagram;
        let views = Views {
            packets,
            hex,
            diagram: self.diagram,
            stats: self.stats,
            progress: format != Format::Json && (!stdout_is_terminal || !packets),
        };
        let color = format != Format::Json
            && match self.color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => stdout_is_terminal && !no_color,
            };
        Action::Decode(Config {
            capture: CaptureOptions {
                source,
                filter,
                snaplen: if self.snaplen == 0 {
                    262_144
                } else {
                    self.snaplen
                },
                promiscuous: !self.no_promiscuous,
                savefile: self.write,
            },
            count: self.count,
            format,
            color,
            views,
        })
    }
}

/// Whether the environment asks for no colour (<https://no-color.org>: set and not empty).
pub fn no_color_requested() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// Whether standard output is a terminal.
pub fn stdout_is_terminal() -> bool {
    std::io::stdout().is_terminal()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn action(args: &[&str]) -> Action {
        Cli::try_parse_from(args)
            .expect("valid")
            .into_action(true, false)
    }

    #[test]
    fn trailing_words_form_the_filter() {
        let Action::Decode(config) = action(&["portlens", "-r", "web.pcap", "tcp", "port", "80"])
        else {
            panic!()
        };
        assert_eq!(config.capture.filter.as_deref(), Some("tcp port 80"));
        assert_eq!(config.capture.source, SourceSpec::File("web.pcap".into()));
    }

    #[test]
    fn no_source_means_the_default_device() {
        let Action::Decode(config) = action(&["portlens", "-c", "5"]) else {
            panic!()
        };
        assert_eq!(config.capture.source, SourceSpec::Live(None));
        assert_eq!(config.count, Some(5));
    }

    #[test]
    fn colour_follows_terminal_and_no_color() {
        let cli = Cli::try_parse_from(["portlens", "-r", "x"]).unwrap();
        let Action::Decode(c) = cli.into_action(true, true) else {
            panic!()
        };
        assert!(!c.color, "NO_COLOR wins over a terminal");
        let cli = Cli::try_parse_from(["portlens", "-r", "x", "--color", "always"]).unwrap();
        let Action::Decode(c) = cli.into_action(false, true) else {
            panic!()
        };
        assert!(c.color);
        let cli =
            Cli::try_parse_from(["portlens", "-r", "x", "--json", "--color", "always"]).unwrap();
        let Action::Decode(c) = cli.into_action(true, false) else {
            panic!()
        };
        assert!(!c.color, "JSON is never coloured");
    }

    #[test]
    fn views_combine_and_stats_alone_prints_no_packets() {
        let Action::Decode(c) = action(&["portlens", "-r", "x", "--oneline", "-X", "--stats"])
        else {
            panic!()
        };
        assert_eq!(c.format, Format::OneLine);
        assert!(c.color, "the one-line view is coloured on a terminal");
        assert_eq!(c.views.hex, Some(HexStyle::HexAndAscii));
        assert!(c.views.packets && c.views.stats);
        let Action::Decode(c) = action(&["portlens", "-r", "x", "--stats"]) else {
            panic!()
        };
        assert!(!c.views.packets, "--stats alone prints only statistics");
        assert!(
            c.views.progress,
            "and may show progress, even on a terminal"
        );
        let Action::Decode(c) = action(&["portlens", "-r", "x", "-xx", "--diagram"]) else {
            panic!()
        };
        assert_eq!(c.views.hex, Some(HexStyle::Hex), "-xx as in tcpdump");
        assert!(c.views.diagram && c.views.packets);
        assert!(!c.views.progress, "packets go to the terminal");
        let Action::Decode(c) = action(&["portlens", "-r", "x", "--stats", "--json"]) else {
            panic!()
        };
        assert!(
            !c.views.packets && !c.views.progress,
            "never a bar with JSON"
        );
    }

    #[test]
    fn progress_is_possible_when_packets_do_not_go_to_the_terminal() {
        let cli = Cli::try_parse_from(["portlens", "-r", "x", "--oneline"]).unwrap();
        let Action::Decode(c) = cli.into_action(false, false) else {
            panic!()
        };
        assert!(c.views.progress);
    }

    #[test]
    fn generate_is_an_action_of_its_own() {
        assert_eq!(
            action(&["portlens", "--generate", "complete-bash"]),
            Action::Generate(Generate::CompleteBash)
        );
        assert!(Cli::try_parse_from(["portlens", "--generate", "man", "-r", "x"]).is_err());
        assert!(Cli::try_parse_from(["portlens", "--oneline", "--json"]).is_err());
        assert!(Cli::try_parse_from(["portlens", "-x", "--json"]).is_err());
    }

    #[test]
    fn usage_errors_are_refused() {
        assert!(Cli::try_parse_from(["portlens", "-r", "a", "-i", "b"]).is_err());
        assert!(Cli::try_parse_from(["portlens", "-c", "0"]).is_err());
        assert!(Cli::try_parse_from(["portlens", "--color", "sometimes"]).is_err());
    }
}
