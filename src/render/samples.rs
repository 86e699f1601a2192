//! `portlens demo --list`: the built-in samples, one line each, with their packet counts and the
//! one that plays when no name is given.

use crate::demo::{DEFAULT_SAMPLE, Sample};
use std::io;

pub fn render(out: &mut dyn io::Write, samples: &[Sample]) -> io::Result<()> {
    let width = samples.iter().map(|s| s.name.len()).max().unwrap_or(0);
    for sample in samples {
        let packets = if sample.packets == 1 {
            "1 packet".to_string()
        } else {
            format!("{} packets", sample.packets)
        };
        let default = if sample.name == DEFAULT_SAMPLE {
            ", the default"
        } else {
            ""
        };
        writeln!(
            out,
            "{:width$}  {} ({packets}{default})",
            sample.name, sample.summary
        )?;
    }
    writeln!(
        out,
        "\nReplay one with `portlens demo NAME` (add --step to go one packet at a time); \
         docs/lessons/ has a lesson for each."
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::SAMPLES;

    #[test]
    fn one_aligned_line_per_sample() {
        let mut out = Vec::new();
        render(&mut out, SAMPLES).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().take(SAMPLES.len()).collect();
        for (line, sample) in lines.iter().zip(SAMPLES) {
            assert!(line.starts_with(sample.name), "{line}");
            assert!(line.contains(sample.summary), "{line}");
            assert_eq!(line.find(sample.summary), lines[0].find(SAMPLES[0].summary));
        }
        assert!(text.contains("(58 packets, the default)"), "{text}");
    }
}
