//! `--generate`: the man page and the shell completions, made from the clap definitions of the
//! command line, so they can never disagree with the options the program accepts.

use crate::cli::{Cli, Generate};
use clap::CommandFactory;
use clap_complete::Shell;
use std::io;

/// Writes the man page (roff) or a shell's completion script.
pub fn write(out: &mut dyn io::Write, what: Generate) -> io::Result<()> {
    let mut command = Cli::command();
    let shell = match what {
        Generate::Man => return clap_mangen::Man::new(command).render(out),
        Generate::CompleteBash => Shell::Bash,
        Generate::CompleteZsh => Shell::Zsh,
        Generate::CompleteFish => Shell::Fish,
        Generate::CompleteElvish => Shell::Elvish,
        Generate::CompletePowershell => Shell::PowerShell,
    };
    // clap_complete writes to a `Write` it owns; render into memory, then pass the error through.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "portlens", &mut script);
    out.write_all(&script)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(what: Generate) -> String {
        let mut out = Vec::new();
        write(&mut out, what).expect("memory");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn the_man_page_lists_the_options() {
        let man = text(Generate::Man);
        assert!(man.starts_with(".ie \\n(.g .ds Aq"), "roff");
        assert!(man.contains(".TH portlens 1"));
        for option in ["oneline", "stats", "diagram", "json", "read"] {
            assert!(man.contains(option), "{option}");
        }
    }

    #[test]
    fn every_shell_completes_the_options() {
        for shell in [
            Generate::CompleteBash,
            Generate::CompleteZsh,
            Generate::CompleteFish,
            Generate::CompleteElvish,
            Generate::CompletePowershell,
        ] {
            let script = text(shell);
            assert!(script.contains("oneline"), "{shell:?}");
            assert!(script.contains("diagram"), "{shell:?}");
        }
    }
}
