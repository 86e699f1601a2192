//! `-D`: the interfaces libpcap can capture on, numbered like tcpdump's list, with their state
//! and addresses. Names and descriptions come from the system and are escaped for the terminal.

use crate::capture::Interface;
use crate::sanitize::terminal_safe;
use std::io;

pub fn render(out: &mut dyn io::Write, interfaces: &[Interface]) -> io::Result<()> {
    for (index, interface) in interfaces.iter().enumerate() {
        let mut flags = Vec::new();
        if interface.up {
            flags.push("Up");
        }
        if interface.running {
            flags.push("Running");
        }
        if interface.loopback {
            flags.push("Loopback");
        }
        if interface.wireless {
            flags.push("Wireless");
        }
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
                Some(mask) => writeln!(out, "     {} netmask {}", address.address, mask)?,
                None => writeln!(out, "     {}", address.address)?,
            }
        }
    }
    if interfaces.is_empty() {
        writeln!(
            out,
            "libpcap sees no interface. On Linux, capturing needs root or the capabilities \
             cap_net_raw,cap_net_admin; see `portlens -i` errors for the exact command."
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::capture::InterfaceAddress;

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
