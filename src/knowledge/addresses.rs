//! Address classes: what kind of MAC or IP address a packet carries (broadcast, loopback,
//! private, documentation, public …), decided by the ranges the standards reserve.

use crate::decode::MacAddress;
use serde::Serialize;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// The kind of a MAC address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MacClass {
    Broadcast,
    Multicast,
    /// All zeros: what Linux's loopback interface writes, since the frame never leaves the host.
    Zero,
    Unicast,
}

pub fn classify_mac(mac: &MacAddress) -> MacClass {
    if mac.is_broadcast() {
        MacClass::Broadcast
    } else if mac.is_multicast() {
        MacClass::Multicast
    } else if mac.is_zero() {
        MacClass::Zero
    } else {
        MacClass::Unicast
    }
}

/// The kind of an IP address (RFC 6890 special-purpose registries, simplified for learners).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum IpClass {
    Unspecified,
    Loopback,
    /// RFC 1918 (10/8, 172.16/12, 192.168/16) and IPv6 unique local (fc00::/7).
    Private,
    /// 100.64.0.0/10, shared by carrier-grade NAT.
    SharedNat,
    /// 169.254/16 and fe80::/10.
    LinkLocal,
    Multicast,
    /// 255.255.255.255.
    Broadcast,
    /// 192.0.2/24, 198.51.100/24, 203.0.113/24, 2001:db8::/32.
    Documentation,
    /// ::ffff:a.b.c.d, an IPv4 address written as IPv6.
    Ipv4Mapped,
    /// 240/4 and other reserved blocks.
    Reserved,
    Public,
}

pub fn classify_ip(address: IpAddr) -> IpClass {
    match address {
        IpAddr::V4(v4) => classify_ipv4(v4),
        IpAddr::V6(v6) => classify_ipv6(v6),
    }
}

fn classify_ipv4(a: Ipv4Addr) -> IpClass {
    let o = a.octets();
    if a.is_unspecified() {
        IpClass::Unspecified
    } else if a.is_loopback() {
        IpClass::Loopback
    } else if a.is_broadcast() {
        IpClass::Broadcast
    } else if a.is_private() {
        IpClass::Private
    } else if o[0] == 100 && (o[1] & 0xc0) == 64 {
        IpClass::SharedNat
    } else if a.is_link_local() {
        IpClass::LinkLocal
    } else if a.is_multicast() {
        IpClass::Multicast
    } else if a.is_documentation() {
        IpClass::Documentation
    } else if o[0] >= 240 || o[0] == 0 {
        IpClass::Reserved
    } else {
        IpClass::Public
    }
}

fn classify_ipv6(a: Ipv6Addr) -> IpClass {
    let s = a.segments();
    if a.is_unspecified() {
        IpClass::Unspecified
    } else if a.is_loopback() {
        IpClass::Loopback
    } else if let Some(v4) = a.to_ipv4_mapped() {
        // The class of the IPv4 address inside decides how it is routed.
        match classify_ipv4(v4) {
            IpClass::Public => IpClass::Ipv4Mapped,
            other => other,
        }
    } else if s[0] & 0xfe00 == 0xfc00 {
        IpClass::Private
    } else if s[0] & 0xffc0 == 0xfe80 {
        IpClass::LinkLocal
    } else if s[0] & 0xff00 == 0xff00 {
        IpClass::Multicast
    } else if s[0] == 0x2001 && s[1] == 0x0db8 {
        IpClass::Documentation
    } else if s[0] & 0xe000 == 0x2000 {
        IpClass::Public
    } else {
        IpClass::Reserved
    }
}

/// Who receives a packet sent to a destination address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Audience {
    /// One host: the address's owner.
    One,
    /// Every host on the link: 255.255.255.255, or a subnet's broadcast address (192.168.1.255),
    /// which only the frame's broadcast MAC address reveals, since the subnet's mask is not in
    /// the packet.
    Link,
    /// Every member of a multicast group (224.0.0.0/4, ff00::/8).
    Group,
}

/// Who receives a packet sent to `destination` in a frame sent to `mac` (when the link layer has
/// a destination MAC address).
pub fn audience(destination: IpAddr, mac: Option<MacClass>) -> Audience {
    match classify_ip(destination) {
        IpClass::Broadcast => Audience::Link,
        IpClass::Multicast => Audience::Group,
        _ if mac == Some(MacClass::Broadcast) => Audience::Link,
        _ => Audience::One,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn audiences() {
        let ip = |t: &str| t.parse::<IpAddr>().unwrap();
        assert_eq!(audience(ip("255.255.255.255"), None), Audience::Link);
        assert_eq!(
            audience(ip("239.255.255.250"), Some(MacClass::Multicast)),
            Audience::Group
        );
        assert_eq!(
            audience(ip("ff02::fb"), Some(MacClass::Multicast)),
            Audience::Group
        );
        // A subnet's broadcast address looks like any private address but for its frame.
        assert_eq!(
            audience(ip("192.168.1.255"), Some(MacClass::Broadcast)),
            Audience::Link
        );
        assert_eq!(
            audience(ip("192.168.1.255"), Some(MacClass::Unicast)),
            Audience::One
        );
        assert_eq!(audience(ip("192.168.1.255"), None), Audience::One);
    }

    fn class(text: &str) -> IpClass {
        classify_ip(text.parse().unwrap())
    }

    #[test]
    fn ipv4_ranges() {
        assert_eq!(class("127.0.0.1"), IpClass::Loopback);
        assert_eq!(class("10.1.2.3"), IpClass::Private);
        assert_eq!(class("172.31.255.1"), IpClass::Private);
        assert_eq!(class("172.32.0.1"), IpClass::Public);
        assert_eq!(class("192.168.1.11"), IpClass::Private);
        assert_eq!(class("100.64.0.1"), IpClass::SharedNat);
        assert_eq!(class("169.254.10.1"), IpClass::LinkLocal);
        assert_eq!(class("224.0.0.251"), IpClass::Multicast);
        assert_eq!(class("255.255.255.255"), IpClass::Broadcast);
        assert_eq!(class("192.0.2.10"), IpClass::Documentation);
        assert_eq!(class("198.51.100.80"), IpClass::Documentation);
        assert_eq!(class("0.0.0.0"), IpClass::Unspecified);
        assert_eq!(class("93.184.216.34"), IpClass::Public);
    }

    #[test]
    fn ipv6_ranges() {
        assert_eq!(class("::1"), IpClass::Loopback);
        assert_eq!(class("::"), IpClass::Unspecified);
        assert_eq!(class("fe80::1"), IpClass::LinkLocal);
        assert_eq!(class("fd00::1"), IpClass::Private);
        assert_eq!(class("ff02::1"), IpClass::Multicast);
        assert_eq!(class("2001:db8::80"), IpClass::Documentation);
        assert_eq!(class("2606:2800:220:1::1"), IpClass::Public);
        assert_eq!(class("::ffff:127.0.0.1"), IpClass::Loopback);
        assert_eq!(class("::ffff:93.184.216.34"), IpClass::Ipv4Mapped);
    }

    #[test]
    fn mac_classes() {
        assert_eq!(classify_mac(&MacAddress::BROADCAST), MacClass::Broadcast);
        assert_eq!(
            classify_mac(&MacAddress([0x33, 0x33, 0, 0, 0, 1])),
            MacClass::Multicast
        );
        assert_eq!(classify_mac(&MacAddress([0; 6])), MacClass::Zero);
        assert_eq!(
            classify_mac(&MacAddress([2, 0, 0, 0, 0, 1])),
            MacClass::Unicast
        );
    }
}
