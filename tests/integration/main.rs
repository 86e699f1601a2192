//! The one integration-test binary: it runs the built `portlens` on real captures and checks what
//! it prints. Modules: golden outputs for every sample, conformance against tshark's reading of
//! tcpdump's test captures, error messages and exit codes, and a live capture on loopback.

mod conformance;
mod craft;
mod errors;
mod fuzz_replay;
mod golden;
mod helpers;
mod hostile;
mod live;
mod options;
mod privilege;
mod stops;
mod terminal;
mod truncation;
