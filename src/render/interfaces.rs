//! `-D`: the interfaces libpcap can capture on, numbered like tcpdump's list, with their state
//! and addresses. Names and descriptions come from the system and are escaped for the terminal.

use crate::capture::Interface;
use crate::i18n::labels::{InterfaceFlag, Label, label};
use crate::lang::Lang;
use crate::sanitize::terminal_safe;
use std::io;

/// Writes the list in English (see [`render_in`]).
pub fn render(out: &mut dyn io::Write, interfaces: &[Interface]) -> io::Result<()> {
    render_in(Lang::En, out, interfaces)
}

/// Writes the list with its words in `lang`.
pub fn render_in(lang: Lang, out: &mut dyn io::Write, interfaces: &[Interface]) -> io::Result<()> {
    for (index, interface) in interfaces.iter().enumerate() {
        let flags: Vec<String> = [
            (interface.up, InterfaceFlag::Up),
            (interface.running, InterfaceFlag::Running),
            (interface.loopback, InterfaceFlag::Loopback),
            (interface.wireless, InterfaceFlag::Wireless),
        ]
        .into_iter()
        .filter(|(set, _)| *set)
        .map(|(_, flag)| label(lang, &Label::InterfaceFlag(flag)))
        .collect();
        write!(out, "{}. {}", index + 1, terminal_safe(&interface.name))?;
        if let Some(description) = &interface.description {
            write!(out, " ({})", terminal_safe(description))?;
        }
        if !flags.is_empty() {
            write!(out, " [{}]", flags.join(", "))?;
        }
        writeln!(out)?;
        for address in &interface.addresses {
            match address.netmask {
                Some(netmask) => writeln!(
                    out,
                    "     {} {}",
                    address.address,
                    label(lang, &Label::Netmask { netmask })
                )?,
                None => writeln!(out, "     {}", address.address)?,
            }
        }
    }
    if interfaces.is_empty() {
        writeln!(out, "{}", label(lang, &Label::NoInterfaces))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::capture::InterfaceAddress;

    fn loopback() -> Interface {
        Interface {
            name: "lo".to_string(),
            description: None,
            addresses: vec![InterfaceAddress {
                address: "127.0.0.1".parse().unwrap(),
                netmask: Some("255.0.0.0".parse().unwrap()),
            }],
            loopback: true,
            up: true,
            running: true,
            wireless: false,
        }
    }

    fn render_text(lang: Lang, interfaces: &[Interface]) -> String {
        let mut out = Vec::new();
        render_in(lang, &mut out, interfaces).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn the_list_reads_like_tcpdumps_in_english() {
        assert_eq!(
            render_text(Lang::En, &[loopback()]),
            "1. lo [Up, Running, Loopback]\n     127.0.0.1 netmask 255.0.0.0\n"
        );
        assert!(render_text(Lang::En, &[]).starts_with("libpcap sees no interface."));
    }

    #[test]
    fn the_list_has_korean_words_and_the_same_values() {
        assert_eq!(
            render_text(Lang::Ko, &[loopback()]),
            "1. lo [켜짐(Up), 동작 중(Running), 루프백]\n     127.0.0.1 넷마스크 255.0.0.0\n"
        );
        assert!(render_text(Lang::Ko, &[]).starts_with("libpcap이 보는 인터페이스가 없습니다."));
    }

    #[test]
    fn names_and_descriptions_from_the_system_are_escaped() {
        let hostile = Interface {
            name: "eth\u{1b}[2J0".to_string(),
            description: Some("evil\u{1b}]0;title\u{7} \u{202e}gnp.exe\u{9b}".to_string()),
            addresses: vec![InterfaceAddress {
                address: "192.0.2.1".parse().unwrap(),
                netmask: None,
            }],
            loopback: false,
            up: true,
            running: true,
            wireless: false,
        };
        let mut out = Vec::new();
        render(&mut out, &[hostile]).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "1. eth^[[2J0 (evil^[]0;title^G <U+202E>gnp.exe<U+009B>) [Up, Running]\n     192.0.2.1\n"
        );
        assert_eq!(crate::sanitize::audit_terminal_output(&text, false), Ok(()));
    }
}
