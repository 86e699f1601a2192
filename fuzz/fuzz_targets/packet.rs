//! Fuzz target: one input is a link type and up to 16 frames, each taken through decode → explain
//! → every renderer (statistics included, whose quick summary must agree with the full decoder),
//! with the output checked for terminal safety and valid JSON, then replayed with `--realtime` and
//! `--step` pacing on a fake clock and scripted keys (src/lib.rs).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| portlens_fuzz::packets(data));
