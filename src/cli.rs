//! Command line: clap arguments (tcpdump's flags where they exist) → a validated [`Config`].

use crate::capture::{CaptureOptions, SourceSpec};
use clap::{Parser, Subcommand, ValueEnum};
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
    after_help = "Examples:\n  portlens -r web.pcap                 explain every packet of a capture file\n  portlens -r web.pcap tcp port 80     only packets a BPF filter selects\n  sudo portlens -i eth0 -c 20          capture 20 packets live\n  portlens -r web.pcap --json | jq .   one JSON object per packet\n  portlens doctor                      check what live capture needs here",
    args_conflicts_with_subcommands = true
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

    /// Once the capture is open, stop being root and run as USER (tcpdump's -Z); a file written
    /// with -w then belongs to USER.
    #[arg(short = 'Z', long = "relinquish-privileges", value_name = "USER")]
    pub run_as: Option<String>,

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

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Subcommands, for what is not a capture.
#[derive(Debug, Clone, PartialEq, Eq, Subcommand)]
pub enum Command {
    /// Check whether live capture can work here (privileges, interfaces, /proc), say what is
    /// missing, and print the exact command that fixes it.
    Doctor,
}

/// The output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Tree,
    Json,
}

/// What to do, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    ListInterfaces,
    Doctor,
    Decode(Config),
}

/// A validated run configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub capture: CaptureOptions,
    pub count: Option<u64>,
    pub format: Format,
    pub color: bool,
}

impl Cli {
    /// Turns arguments into an action. `stdout_is_terminal` and `no_color` come from the
    /// environment so that this stays testable.
    pub fn into_action(self, stdout_is_terminal: bool, no_color: bool) -> Action {
        if self.list_interfaces {
            return Action::ListInterfaces;
        }
        if self.command == Some(Command::Doctor) {
            return Action::Doctor;
        }
        let source = match self.read {
            Some(path) => SourceSpec::File(path),
            None => SourceSpec::Live(self.interface),
        };
        let filter = (!self.filter.is_empty()).then(|| self.filter.join(" "));
        let format = if self.json {
            Format::Json
        } else {
            Format::Tree
        };
        let color = format == Format::Tree
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
                run_as: self.run_as,
            },
            count: self.count,
            format,
            color,
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
    fn doctor_is_a_subcommand_and_filters_still_read_as_words() {
        assert_eq!(action(&["portlens", "doctor"]), Action::Doctor);
        let Action::Decode(config) = action(&["portlens", "-r", "f", "not", "port", "22"]) else {
            panic!()
        };
        assert_eq!(config.capture.filter.as_deref(), Some("not port 22"));
        // After capture flags, words are filter words (libpcap will judge them).
        let Action::Decode(config) = action(&["portlens", "-r", "f", "doctor"]) else {
            panic!()
        };
        assert_eq!(config.capture.filter.as_deref(), Some("doctor"));
        // A subcommand takes no capture flags.
        assert!(Cli::try_parse_from(["portlens", "doctor", "-r", "f"]).is_err());
        let Action::Decode(config) = action(&["portlens", "-i", "lo", "-Z", "nobody"]) else {
            panic!()
        };
        assert_eq!(config.capture.run_as.as_deref(), Some("nobody"));
    }

    #[test]
    fn usage_errors_are_refused() {
        assert!(Cli::try_parse_from(["portlens", "-r", "a", "-i", "b"]).is_err());
        assert!(Cli::try_parse_from(["portlens", "-c", "0"]).is_err());
        assert!(Cli::try_parse_from(["portlens", "--color", "sometimes"]).is_err());
    }
}
