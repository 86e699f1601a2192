//! The one integration-test binary: it runs the built `portlens` on real captures and checks what
//! it prints. Modules: golden outputs for every sample; conformance against tshark's reading of
//! tcpdump's test captures; conversations against tshark's statistics; narration on the samples;
//! a capture cut by a snapshot length against tcpdump (`snaplen`); error messages and exit codes;
//! a live capture on loopback; the owner of a socket; the one-line, hex, diagram and statistics
//! views; the built-in samples (`demo`), the lessons checked against them, and the classroom
//! replay driven in a real terminal (`tmux` is the helper that provides one).

mod broadcast;
mod conformance;
mod conversations;
mod craft;
mod demo;
mod errors;
mod fuzz_replay;
mod golden;
mod helpers;
mod hostile;
mod korean;
mod layering;
mod lessons;
mod live;
mod narration;
mod netns;
mod options;
mod port_sentences;
mod privilege;
mod procs;
mod replay;
mod snaplen;
mod stops;
mod terminal;
mod tmux;
mod truncation;
mod views;
