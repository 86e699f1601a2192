//! `-D`: the interfaces libpcap can capture on, numbered like tcpdump's list, with their state
//! and addresses. Names and descriptions come from the system and are escaped for the terminal.

use crate::capture::Interface;
use crate::explain::Lang;
use crate::explain::text::labels::{InterfaceFlag, Label, label};
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
