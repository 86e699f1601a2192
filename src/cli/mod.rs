//! Command line: clap arguments (tcpdump's flags where they exist) → a validated [`Config`].
//!
//! The files, one job each: `args.rs` (what may be typed: the clap definitions, from which
//! `--help`, the man page and the completions are generated), `config.rs` (what a run is asked to
//! do: [`Action`], [`Config`], [`Views`]), `validate.rs` (arguments → action: the checks clap
//! cannot make, and every choice the options imply) and `environment.rs` (what the terminal and
//! the locale say).

mod args;
mod config;
mod environment;
mod validate;

pub use crate::explain::Verbosity;
pub use crate::lang::Lang;
pub use args::{Cli, ColorChoice, Command, DemoArgs, Generate, LangChoice};
pub use config::{Action, Config, Format, Views};
pub use environment::{locale_lang, no_color_requested, stdout_is_terminal};

#[cfg(test)]
mod tests;
