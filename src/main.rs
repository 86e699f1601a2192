//! The portlens binary: parse the command line, run the pipeline, map errors to exit codes
//! (1 for a failed run, 2 for a usage error, 0 when the reader closed the pipe).

use anyhow::Result;
use clap::Parser;
use portlens::capture::SourceSpec;
use portlens::cli::{Action, Cli, no_color_requested, stdout_is_terminal};
use portlens::explain::text::labels::{Label, label};
use portlens::render::{interfaces, samples};
use portlens::replay;
use portlens::run::{RunError, run};
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
            .and_then(|list| Ok(interfaces::render_in(lang, &mut out, &list)?)),
        Action::ListSamples => {
            samples::render(&mut out, portlens::demo::SAMPLES).map_err(Into::into)
        }
        Action::Decode(config) => match run(&config, &mut out) {
            Ok(summary) => {
                if let Some(stats) = summary.stats {
                    let totals = Label::RunTotals {
                        packets: summary.packets,
                        received: stats.received,
                        dropped_by_kernel: stats.dropped_by_kernel,
                    };
                    eprintln!("portlens: {}", label(config.lang, &totals));
                }
                Ok(())
            }
            Err(error) if error.is_closed_pipe() => return ExitCode::SUCCESS,
            Err(RunError::Capture(error)) => {
                let _ = out.flush();
                Err(error.into())
            }
            Err(error) => Err(error.into()),
        },
    };
    match outcome.and_then(|()| Ok(out.flush()?)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if is_closed_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("portlens: {error}");
            ExitCode::from(1)
        }
    }
}

fn is_closed_pipe(error: &anyhow::Error) -> bool {
    error
        .downcast_ref::<io::Error>()
        .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
}
