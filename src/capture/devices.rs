//! Interface listing for `-D`: libpcap's devices with their description, addresses and state,
//! copied into plain data so that rendering needs no libpcap types.

use super::CaptureError;
use serde::Serialize;
use std::net::IpAddr;

/// One address of an interface.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InterfaceAddress {
    pub address: IpAddr,
    pub netmask: Option<IpAddr>,
}

/// A capture device as libpcap reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Interface {
    pub name: String,
    pub description: Option<String>,
    pub addresses: Vec<InterfaceAddress>,
    pub loopback: bool,
    pub up: bool,
    pub running: bool,
    pub wireless: bool,
}

/// Lists the devices libpcap can capture on, in libpcap's order.
pub fn list_interfaces() -> Result<Vec<Interface>, CaptureError> {
    let devices = pcap::Device::list().map_err(|error| CaptureError::NoDefaultInterface {
        message: error.to_string(),
    })?;
    Ok(devices
        .into_iter()
        .map(|device| Interface {
            loopback: device.flags.is_loopback(),
            up: device.flags.is_up(),
            running: device.flags.is_running(),
            wireless: device.flags.is_wireless(),
            addresses: device
                .addresses
                .iter()
                .map(|a| InterfaceAddress {
                    address: a.addr,
                    netmask: a.netmask,
                })
                .collect(),
            name: device.name,
            description: device.desc,
        })
        .collect())
}
