//! The portlens binary: parse the command line, run the pipeline, map errors to exit codes
//! (1 for a failed run, 2 for a usage error, 0 when the reader closed the pipe).

use anyhow::Result;
use clap::Parser;
use portlens::capture::SourceSpec;
use portlens::cli::{Action, Cli, no_color_requested, stdout_is_terminal};
use portlens::i18n::labels::{Label, label};
use portlens::i18n::{Msg, say};
use portlens::lang::Lang;
use portlens::render::{Palette, RunTotals, interfaces, samples};
use portlens::replay;
use portlens::run::{RunError, run};
use portlens::sanitize::terminal_safe;
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Err(usage) = cli.check() {
        usage.exit();
    }
    let action = cli.into_action(stdout_is_terminal(), no_color_requested());
    if let Action::Decode(config) = &action {
        let live = matches!(config.capture.source, SourceSpec::Live(_));
        let keyboard = io::stdin().is_terminal();
        if let Err(refusal) = replay::check(config.pace, live, keyboard, stdout_is_terminal()) {
            eprintln!("portlens: {refusal}");
            return ExitCode::from(2);
        }
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(64 * 1024, stdout.lock());
    let outcome: Result<()> = match action {
        Action::ListInterfaces(lang) => portlens::capture::list_interfaces()
            .map_err(anyhow::Error::from)
            .and_then(|list| {
                Ok(interfaces::render_in(lang, &mut out, &list).map_err(RunError::Output)?)
            }),
        Action::ListSamples => samples::render(&mut out, portlens::demo::SAMPLES)
            .map_err(|error| RunError::Output(error).into()),
        Action::Generate(what) => portlens::generate::write(&mut out, what)
            .map_err(|error| RunError::Output(error).into()),
        Action::Doctor => {
            let diagnosis = portlens::doctor::diagnose(&portlens::doctor::gather());
            let palette = Palette::new(stdout_is_terminal() && !no_color_requested());
            match portlens::render::doctor::render(&mut out, &diagnosis, palette) {
                Ok(()) if diagnosis.can_capture => Ok(()),
                Ok(()) => {
                    let _ = out.flush();
                    return ExitCode::from(1);
                }
                Err(error) => Err(RunError::Output(error).into()),
            }
        }
        Action::Decode(config) => {
            if let Err(error) = portlens::stop::install() {
                eprintln!("portlens: cannot catch Ctrl-C to stop cleanly: {error}");
            }
            match run(&config, &mut out) {
                Ok(totals) => {
                    print_totals(config.lang, &totals);
                    Ok(())
                }
                Err(error) if error.is_closed_pipe() => return ExitCode::SUCCESS,
                Err(RunError::Capture(error)) => {
                    let _ = out.flush();
                    Err(error.into())
                }
                Err(error) => Err(error.into()),
            }
        }
    };
    match outcome.and_then(|()| Ok(out.flush().map_err(RunError::Output)?)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if is_closed_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            // File names and libpcap's words may hold anything: escape them too.
            eprintln!("portlens: {}", terminal_safe(&error.to_string()));
            ExitCode::from(1)
        }
    }
}

/// The end-of-run lines on stderr, as tcpdump prints them: what was shown and, live, what the
/// kernel received and dropped; and any record of a file whose lengths contradict each other.
fn print_totals(lang: Lang, totals: &RunTotals) {
    if let Some(counts) = totals.capture_counts {
        let line = Label::RunTotals {
            packets: totals.packets,
            received: counts.received,
            dropped_by_kernel: counts.dropped_by_kernel,
        };
        eprintln!("portlens: {}", label(lang, &line));
        // Each counter explained in one sentence, as a learner meets them here for the first time.
        for counter in [
            Msg::CountShown {
                packets: totals.packets,
            },
            Msg::CountReceived {
                received: counts.received,
                shown: totals.packets,
            },
            Msg::CountDropped {
                dropped: counts.dropped_by_kernel,
            },
        ] {
            eprintln!("  {}", say(lang, &counter));
        }
    } else if let Some(signal) = portlens::stop::signal_name() {
        eprintln!(
            "portlens: stopped by {signal}; {} packets shown",
            totals.packets
        );
    }
    if let Some(anomalies) = totals.length_anomalies {
        eprintln!("portlens: warning: {anomalies}");
    }
}

fn is_closed_pipe(error: &anyhow::Error) -> bool {
    error
        .downcast_ref::<RunError>()
        .is_some_and(RunError::is_closed_pipe)
        || error
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
}
