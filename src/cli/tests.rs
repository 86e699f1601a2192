//! Command-line tests: arguments in, the validated action out, and the usage errors clap or
//! [`Cli::check`] refuse.

use super::*;
use crate::capture::SourceSpec;
use crate::render::hex::HexStyle;
use crate::replay::{Pace, Speed};
use clap::Parser;

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
    let cli = Cli::try_parse_from(["portlens", "-r", "x", "--json", "--color", "always"]).unwrap();
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
    let Action::Decode(c) = action(&["portlens", "-r", "x", "--oneline", "-X", "--stats"]) else {
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
