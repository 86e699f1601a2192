//! The one integration-test binary: it runs the built `portlens` on real captures and checks what
//! it prints. Modules: golden outputs for every sample, conformance against tshark's reading of
//! tcpdump's test captures, error messages and exit codes, a live capture on loopback, and the
//! one-line, hex, diagram and statistics views.

mod conformance;
mod errors;
mod golden;
mod helpers;
mod live;
mod options;
mod views;
