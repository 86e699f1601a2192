//! portlens: an educational packet sniffer. It shows, layer by layer, which field of each header
//! selects the next one, down to the port that selects the receiving program.
//!
//! The pipeline is capture → decode → explain → render; each stage is a module with one job, and
//! the data passed between them is owned, serializable and free of I/O.

#![forbid(unsafe_code)]

pub mod capture;
pub mod cli;
pub mod decode;
pub mod demo;
pub mod doctor;
pub mod explain;
pub mod flows;
pub mod format;
pub mod generate;
pub mod i18n;
pub mod knowledge;
pub mod lang;
pub mod privileges;
pub mod procs;
pub mod progress;
pub mod render;
pub mod replay;
pub mod run;
pub mod sanitize;
pub mod statistics;
pub mod stop;
#[cfg(test)]
mod test_fixtures;
