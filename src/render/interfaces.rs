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
