//! What may be typed: the clap definitions of the options (tcpdump's flags where they exist), of
//! the `demo` and `doctor` subcommands and of their values. `--help`, the man page and the shell
//! completions are generated from them, so the doc comments here are the help text.

use crate::demo;
use crate::lang::Lang;
use crate::replay::Speed;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// When to colour the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Only when writing to a terminal and NO_COLOR is not set.
    Auto,
    Always,
    Never,
}

/// The language of the explanations, as `--lang` spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangChoice {
    /// English.
    En,
    /// Korean (한국어).
    Ko,
}

impl From<LangChoice> for Lang {
    fn from(choice: LangChoice) -> Lang {
        match choice {
            LangChoice::En => Lang::En,
            LangChoice::Ko => Lang::Ko,
        }
    }
}

/// portlens: see which program every packet is for. Each layer is decoded and explained, from the
/// MAC address that finds the network card to the port that finds the program.
#[derive(Debug, Parser)]
#[command(
    name = "portlens",
    version,
    disable_help_subcommand = true,
    after_help = "Examples:\n  portlens -r web.pcap                 explain every packet of a capture file\n  portlens -r web.pcap tcp port 80     only packets a BPF filter selects\n  sudo portlens -i eth0 -c 20          capture 20 packets live\n  portlens -r web.pcap --json | jq .   one JSON object per packet\n  portlens demo --step                 a built-in capture, one packet per key press"
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
    #[arg(short = 'c', long = "count", value_name = "N", global = true, value_parser = clap::value_parser!(u64).range(1..))]
    pub count: Option<u64>,

    /// Capture at most this many bytes of each packet (0 means the default, 262144).
    #[arg(short = 's', long = "snaplen", value_name = "SNAPLEN", default_value_t = 262_144, value_parser = clap::value_parser!(i32).range(0..))]
    pub snaplen: i32,

    /// Do not put the interface into promiscuous mode.
    #[arg(short = 'p', long = "no-promiscuous")]
    pub no_promiscuous: bool,

    /// Also save the raw packets to FILE (classic pcap) while displaying them.
    #[arg(short = 'w', long = "write", value_name = "FILE", global = true)]
    pub write: Option<PathBuf>,

    /// Accepted for tcpdump habits: portlens never resolves names.
    #[arg(short = 'n', action = clap::ArgAction::Count, global = true)]
    pub numeric: u8,

    /// One JSON object per packet per line (NDJSON); see docs/json.md.
    #[arg(long, global = true)]
    pub json: bool,

    /// One line of explanation per packet.
    #[arg(short = 'q', long = "quiet", conflicts_with = "verbose", global = true)]
    pub quiet: bool,

    /// Also list every header field with its meaning.
    #[arg(short = 'v', long = "verbose", global = true)]
    pub verbose: bool,

    /// Print the conversations table (like `netstat` and Wireshark's Conversations) instead of
    /// the packets.
    #[arg(long, conflicts_with = "summary", global = true)]
    pub conversations: bool,

    /// Print the packets, then the conversations table.
    #[arg(long, global = true)]
    pub summary: bool,

    /// Once the capture is open, stop being root and run as USER (tcpdump's -Z); a file written
    /// with -w then belongs to USER.
    #[arg(short = 'Z', long = "relinquish-privileges", value_name = "USER")]
    pub run_as: Option<String>,

    /// One line per packet, like `tcpdump -nn`, ending with the service and which way it goes.
    #[arg(long, conflicts_with = "json", global = true)]
    pub oneline: bool,

    /// Show each packet's bytes in hex beneath it, layer by layer, the selecting fields marked.
    #[arg(short = 'x', action = clap::ArgAction::Count, conflicts_with = "json", global = true)]
    pub hex: u8,

    /// Like -x, with the printable characters beside the hex (as tcpdump -X).
    #[arg(short = 'X', action = clap::ArgAction::Count, conflicts_with = "json", global = true)]
    pub hex_ascii: u8,

    /// Draw each header as its RFC's box diagram, filled in with the packet's values.
    #[arg(long, conflicts_with = "json", global = true)]
    pub diagram: bool,

    /// Statistics at the end: protocol hierarchy, TCP vs UDP, port ranges, top ports. Alone it
    /// prints no packets; with --json it prints one summary object.
    #[arg(long, global = true)]
    pub stats: bool,

    /// Print the man page or a shell's completions (generated from these options) and exit.
    #[arg(long, value_enum, value_name = "WHAT", exclusive = true)]
    pub generate: Option<Generate>,

    /// Colour the output: auto (only on a terminal, never with NO_COLOR set), always or never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN", global = true)]
    pub color: ColorChoice,

    /// Replay one packet at a time: Enter, space or n shows the next, b goes back, q quits.
    #[arg(long, global = true, conflicts_with_all = ["realtime", "speed"])]
    pub step: bool,

    /// Replay with the capture's own timing: each packet appears as long after the first as it did
    /// when it was captured.
    #[arg(long, global = true)]
    pub realtime: bool,

    /// Real-time replay X times as fast (2 twice as fast, 0.5 half speed); implies --realtime.
    #[arg(long, value_name = "X", global = true, value_parser = crate::replay::parse_speed)]
    pub speed: Option<Speed>,

    /// Language of the explanations: en or ko (default: from LC_ALL, LC_MESSAGES or LANG, Korean
    /// when the locale is ko_KR or another Korean one).
    #[arg(long, value_enum, value_name = "LANG", global = true)]
    pub lang: Option<LangChoice>,

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

/// What portlens does besides reading a file or an interface.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Replay a real capture built into portlens: no file and no capture privilege needed.
    #[command(
        after_help = "Examples:\n  portlens demo                        the browse sample: ports 80 and 443 side by side\n  portlens demo --list                 every sample, one line each\n  portlens demo web-http --step        one packet per key press\n  portlens demo browse tcp port 443    only what a BPF filter selects"
    )]
    Demo(DemoArgs),
    /// Check whether live capture can work here (privileges, interfaces, /proc), say what is
    /// missing, and print the exact command that fixes it.
    Doctor,
}

/// The arguments of `portlens demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Which sample to replay (default: browse); `portlens demo --list` describes them.
    #[arg(value_name = "NAME", value_parser = SampleName)]
    pub name: Option<String>,

    /// List the built-in samples with one line each, and exit.
    #[arg(long, conflicts_with = "name")]
    pub list: bool,

    /// A BPF filter in tcpdump's syntax after the sample's name, e.g. `portlens demo browse tcp
    /// port 443`.
    #[arg(
        value_name = "FILTER",
        trailing_var_arg = true,
        allow_hyphen_values = true,
        requires = "name"
    )]
    pub filter: Vec<String>,
}

/// The sample names `demo` accepts (each listed with its summary in `--help`); any other name is
/// a usage error that lists them.
#[derive(Debug, Clone, Copy)]
struct SampleName;

impl clap::builder::TypedValueParser for SampleName {
    type Value = String;

    fn parse_ref(
        &self,
        command: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        let name = value.to_string_lossy();
        if demo::find(&name).is_some() {
            return Ok(name.into_owned());
        }
        let names: Vec<&str> = demo::names().collect();
        Err(command.clone().error(
            clap::error::ErrorKind::InvalidValue,
            format!(
                "there is no built-in sample named \"{}\". The samples are: {}. \
                 `portlens demo --list` says what each one shows; a filter comes after the name, \
                 as in `portlens demo browse tcp port 443`.",
                crate::sanitize::terminal_safe(&name),
                names.join(", ")
            ),
        ))
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(demo::SAMPLES.iter().map(|sample| {
            clap::builder::PossibleValue::new(sample.name).help(sample.summary)
        })))
    }
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
