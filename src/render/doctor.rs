//! `portlens doctor`'s report: one line per check with its mark, the fix under it, the verdict,
//! and why a sniffer needs privilege. Every string is escaped for the terminal (paths, interface
//! names and libpcap's words come from the system).

use super::{Palette, Style};
use crate::doctor::{Diagnosis, Status};
use crate::sanitize::terminal_safe;
use std::io;

pub fn render(out: &mut dyn io::Write, diagnosis: &Diagnosis, palette: Palette) -> io::Result<()> {
    writeln!(
        out,
        "{}",
        palette.paint(
            "portlens doctor: can live capture work here?",
            Style::Heading
        )
    )?;
    writeln!(out)?;
    for check in &diagnosis.checks {
        let (mark, style) = match check.status {
            Status::Ok => ("ok", Style::Network),
            Status::Missing => ("MISSING", Style::Stop),
            Status::Warning => ("warn", Style::Transport),
            Status::Info => ("info", Style::Dim),
        };
        writeln!(
            out,
            "  [{}] {}: {}",
            palette.paint(mark, style),
            palette.paint(check.title, Style::Heading),
            terminal_safe(&check.detail)
        )?;
        if let Some(fix) = &check.fix {
            writeln!(
                out,
                "        fix: {}",
                palette.paint(&terminal_safe(fix), Style::Step)
            )?;
        }
    }
    writeln!(out)?;
    let verdict_style = if diagnosis.can_capture {
        Style::Network
    } else {
        Style::Stop
    };
    writeln!(
        out,
        "{} {}",
        palette.paint("Verdict:", Style::Heading),
        palette.paint(&terminal_safe(&diagnosis.verdict), verdict_style)
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        palette.paint("Why a sniffer needs privilege", Style::Heading)
    )?;
    writeln!(out, "  {}", diagnosis.why)?;
    Ok(())
}
