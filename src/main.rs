//! The portlens binary: parse the command line, run the pipeline, map errors to exit codes
//! (1 for a failed run, 2 for a usage error, 0 when the reader closed the pipe).

use anyhow::Result;
use clap::Parser;
use portlens::cli::{Action, Cli, no_color_requested, stdout_is_terminal};
use portlens::render::interfaces;
use portlens::run::{RunError, run};
use std::io::{self, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let action = Cli::parse().into_action(stdout_is_terminal(), no_color_requested());
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(64 * 1024, stdout.lock());
    let outcome: Result<()> = match action {
        Action::ListInterfaces => portlens::capture::list_interfaces()
            .map_err(anyhow::Error::from)
            .and_then(|list| Ok(interfaces::render(&mut out, &list)?)),
        Action::Generate(what) => portlens::generate::write(&mut out, what).map_err(Into::into),
        Action::Decode(config) => match run(&config, &mut out) {
            Ok(summary) => {
                if let Some(stats) = summary.stats {
                    eprintln!(
                        "portlens: {} packets shown; {} received by filter, {} dropped by kernel",
                        summary.packets, stats.received, stats.dropped_by_kernel
                    );
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
