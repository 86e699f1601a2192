//! Command line: clap arguments (tcpdump's flags where they exist) → a validated [`Config`].

use crate::capture::{CaptureOptions, SourceSpec};
pub use crate::explain::Detail;
pub use crate::explain::Lang;
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

    /// One line of explanation per packet.
    #[arg(short = 'q', long = "quiet", conflicts_with = "verbose")]
    pub quiet: bool,

    /// Also list every header field with its meaning.
    #[arg(short = 'v', long = "verbose")]
    pub verbose: bool,

    /// Print the conversations table (like `netstat` and Wireshark's Conversations) instead of
    /// the packets.
    #[arg(long, conflicts_with = "summary")]
    pub conversations: bool,

    /// Print the packets, then the conversations table.
    #[arg(long)]
    pub summary: bool,

    /// Colour the output: auto (only on a terminal, never with NO_COLOR set), always or never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Language of the explanations: en or ko (default: from LC_ALL, LC_MESSAGES or LANG, Korean
    /// when the locale is ko_KR or another Korean one).
    #[arg(long, value_enum, value_name = "LANG")]
    pub lang: Option<LangChoice>,

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
}

/// What to do, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// List the interfaces, with the words in this language.
    ListInterfaces(Lang),
    Decode(Config),
}

/// A validated run configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub capture: CaptureOptions,
    pub count: Option<u64>,
    pub format: Format,
    pub color: bool,
    pub detail: Detail,
    /// Show each packet (false with `--conversations`).
    pub packets: bool,
    /// Show the conversations table at the end.
    pub conversations: bool,
    /// The language of the explanations and of the words around them.
    pub lang: Lang,
}

impl Cli {
    /// Turns arguments into an action. `stdout_is_terminal` and `no_color` come from the
    /// environment so that this stays testable; without `--lang`, the language comes from the
    /// locale ([`locale_lang`]).
    pub fn into_action(self, stdout_is_terminal: bool, no_color: bool) -> Action {
        let lang = self.lang.map(Lang::from).unwrap_or_else(locale_lang);
        if self.list_interfaces {
            return Action::ListInterfaces(lang);
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
            packets: !self.conversations,
            conversations: self.conversations || self.summary,
            lang,
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
    fn usage_errors_are_refused() {
        assert!(Cli::try_parse_from(["portlens", "-r", "a", "-i", "b"]).is_err());
        assert!(Cli::try_parse_from(["portlens", "-c", "0"]).is_err());
        assert!(Cli::try_parse_from(["portlens", "--color", "sometimes"]).is_err());
    }
}
