//! Command line: clap arguments (tcpdump's flags where they exist) → a validated [`Config`].

use crate::capture::{CaptureOptions, SourceSpec};
use crate::demo;
pub use crate::explain::Detail;
pub use crate::lang::Lang;
use crate::render::hex::HexStyle;
use crate::replay::{Pace, Speed};
use clap::{Args, Parser, Subcommand, ValueEnum};
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
    /// List the interfaces, with the words in this language.
    ListInterfaces(Lang),
    /// `portlens demo --list`.
    ListSamples,
    /// `portlens doctor`.
    Doctor,
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
    pub detail: Detail,
    /// Show the conversations table at the end.
    pub conversations: bool,
    /// How fast packets reach the screen (`--step`, `--realtime`).
    pub pace: Pace,
    /// The language of the explanations and of the words around them.
    pub lang: Lang,
    pub views: Views,
}

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
        let (source, filter_words) = match self.command {
            Some(Command::Doctor) => return Action::Doctor,
            Some(Command::Demo(demo)) => {
                if demo.list {
                    return Action::ListSamples;
                }
                let name = demo.name.as_deref().unwrap_or(demo::DEFAULT_SAMPLE);
                // clap accepts only the names of the table, so the lookup cannot miss.
                let sample = demo::find(name).unwrap_or(&demo::SAMPLES[0]);
                let source = SourceSpec::Builtin {
                    name: sample.name,
                    bytes: sample.bytes,
                };
                (source, demo.filter)
            }
            None => match self.read {
                Some(path) => (SourceSpec::File(path), self.filter),
                None => (SourceSpec::Live(self.interface), self.filter),
            },
        };
        let filter = (!filter_words.is_empty()).then(|| filter_words.join(" "));
        let pace = if self.step {
            Pace::Step
        } else if self.realtime || self.speed.is_some() {
            Pace::Realtime(self.speed.unwrap_or(Speed::NORMAL))
        } else {
            Pace::Continuous
        };
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
        let packets =
            (!self.stats || self.oneline || hex.is_some() || self.diagram) && !self.conversations;
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
                run_as: self.run_as,
            },
            count: self.count,
            format,
            color,
            detail: if self.quiet {
                Detail::Quiet
            } else if self.verbose {
                Detail::Verbose
            } else {
                Detail::Normal
            },
            conversations: self.conversations || self.summary,
            pace,
            lang,
            views,
        })
    }
}

/// Whether the environment asks for no colour (<https://no-color.org>: set and not empty).
pub fn no_color_requested() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// The language the locale asks for: LC_ALL, then LC_MESSAGES, then LANG (see
/// [`Lang::from_locale`]).
pub fn locale_lang() -> Lang {
    let read = |name: &str| std::env::var_os(name).map(|v| v.to_string_lossy().into_owned());
    let (lc_all, lc_messages, lang) = (read("LC_ALL"), read("LC_MESSAGES"), read("LANG"));
    Lang::from_locale(lc_all.as_deref(), lc_messages.as_deref(), lang.as_deref())
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
    fn demo_replays_a_builtin_sample_with_the_usual_options() {
        let Action::Decode(config) = action(&["portlens", "demo"]) else {
            panic!()
        };
        assert!(matches!(
            config.capture.source,
            SourceSpec::Builtin { name: "browse", .. }
        ));
        let Action::Decode(config) = action(&[
            "portlens", "--json", "demo", "web-http", "-c", "3", "tcp", "port", "80",
        ]) else {
            panic!()
        };
        assert!(matches!(
            config.capture.source,
            SourceSpec::Builtin {
                name: "web-http",
                ..
            }
        ));
        assert_eq!(config.format, Format::Json);
        assert_eq!(config.count, Some(3));
        assert_eq!(config.capture.filter.as_deref(), Some("tcp port 80"));
        assert_eq!(action(&["portlens", "demo", "--list"]), Action::ListSamples);
    }

    #[test]
    fn demo_refuses_unknown_names_and_a_second_source() {
        let error = Cli::try_parse_from(["portlens", "demo", "tcp", "port", "80"]).unwrap_err();
        assert_eq!(error.exit_code(), 2);
        let text = error.to_string();
        assert!(text.contains("no built-in sample named \"tcp\""), "{text}");
        assert!(text.contains("web-http, web-https, browse"), "{text}");
        let cli = Cli::try_parse_from(["portlens", "-r", "x.pcap", "demo"]).unwrap();
        assert_eq!(cli.check().unwrap_err().exit_code(), 2);
        let cli = Cli::try_parse_from(["portlens", "-r", "x.pcap", "tcp", "port", "80"]).unwrap();
        assert!(cli.check().is_ok());
        assert!(Cli::try_parse_from(["portlens", "demo", "--list", "arp"]).is_err());
    }

    #[test]
    fn step_and_realtime_choose_the_pace() {
        let pace = |args: &[&str]| match action(args) {
            Action::Decode(config) => config.pace,
            other => panic!("{other:?}"),
        };
        assert_eq!(pace(&["portlens", "-r", "x"]), Pace::Continuous);
        assert_eq!(pace(&["portlens", "-r", "x", "--step"]), Pace::Step);
        assert_eq!(pace(&["portlens", "demo", "arp", "--step"]), Pace::Step);
        assert_eq!(
            pace(&["portlens", "demo", "--realtime"]),
            Pace::Realtime(Speed::NORMAL)
        );
        assert_eq!(
            pace(&["portlens", "-r", "x", "--speed", "2.5"]),
            Pace::Realtime(Speed::new(2.5).unwrap())
        );
        assert!(Cli::try_parse_from(["portlens", "-r", "x", "--step", "--realtime"]).is_err());
        assert!(Cli::try_parse_from(["portlens", "-r", "x", "--speed", "0"]).is_err());
    }

    /// Every option that shapes the output must also reach `demo` (clap's `global`); only the
    /// options that choose or tune a capture source stay on the top level. A new display option
    /// that is not global fails here.
    #[test]
    fn display_options_reach_the_demo_subcommand() {
        use clap::CommandFactory;
        let source_options = [
            "read",
            "interface",
            "list_interfaces",
            "snaplen",
            "no_promiscuous",
            "run_as",
            "generate",
            "filter",
            "help",
            "version",
        ];
        for arg in Cli::command().get_arguments() {
            let id = arg.get_id().as_str();
            if !source_options.contains(&id) {
                assert!(arg.is_global_set(), "--{id} should be `global = true`");
            }
        }
    }

    #[test]
    fn lang_flag_chooses_the_language() {
        let Action::Decode(c) = action(&["portlens", "-r", "x", "--lang", "ko"]) else {
            panic!()
        };
        assert_eq!(c.lang, Lang::Ko);
        let Action::Decode(c) = action(&["portlens", "-r", "x", "--lang", "en"]) else {
            panic!()
        };
        assert_eq!(c.lang, Lang::En);
        assert_eq!(
            action(&["portlens", "-D", "--lang", "ko"]),
            Action::ListInterfaces(Lang::Ko)
        );
        assert!(Cli::try_parse_from(["portlens", "--lang", "fr"]).is_err());
    }

    #[test]
    fn doctor_is_a_subcommand_and_filters_still_read_as_words() {
        assert_eq!(action(&["portlens", "doctor"]), Action::Doctor);
        let Action::Decode(config) = action(&["portlens", "-r", "f", "not", "port", "22"]) else {
            panic!()
        };
        assert_eq!(config.capture.filter.as_deref(), Some("not port 22"));
        // A subcommand takes no capture flags, before or after it.
        assert!(Cli::try_parse_from(["portlens", "doctor", "-r", "f"]).is_err());
        let cli = Cli::try_parse_from(["portlens", "-r", "f", "doctor"]).unwrap();
        assert_eq!(cli.check().unwrap_err().exit_code(), 2);
        let Action::Decode(config) = action(&["portlens", "-i", "lo", "-Z", "nobody"]) else {
            panic!()
        };
        assert_eq!(config.capture.run_as.as_deref(), Some("nobody"));
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
