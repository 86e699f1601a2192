//! The samples built into portlens, so that `portlens demo NAME` replays a real capture with no
//! capture privilege and no file of the user's. One table of data: each sample's name, one line
//! saying what it shows, its packet count, and its bytes (the files of samples/, embedded at build
//! time). samples/README.md says how each file was made; docs/lessons/ holds a lesson for each.

/// One built-in capture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sample {
    /// The name `portlens demo NAME` takes, and the file name in samples/ without `.pcap`.
    pub name: &'static str,
    /// What the capture shows, in one line.
    pub summary: &'static str,
    /// How many packets the capture holds.
    pub packets: u64,
    /// The capture file itself (classic pcap).
    pub bytes: &'static [u8],
}

/// The sample `portlens demo` replays when no name is given: a page visit that shows ports 80 and
/// 443 and two connections to the same server port told apart by their client ports.
pub const DEFAULT_SAMPLE: &str = "browse";

/// Every built-in sample, in the order of the lessons.
pub const SAMPLES: &[Sample] = &[
    Sample {
        name: "web-http",
        summary: "curl fetches a web page: DNS lookup, TCP handshake, HTTP GET and 200 OK on port 80, teardown",
        packets: 14,
        bytes: include_bytes!("../samples/web-http.pcap"),
    },
    Sample {
        name: "web-https",
        summary: "the same page over TLS on port 443: the ClientHello names www.example.com, then all is encrypted",
        packets: 20,
        bytes: include_bytes!("../samples/web-https.pcap"),
    },
    Sample {
        name: "browse",
        summary: "a page visit: HTTP on port 80, then two parallel HTTPS connections to port 443 from two client ports",
        packets: 58,
        bytes: include_bytes!("../samples/browse.pcap"),
    },
    Sample {
        name: "dns-udp",
        summary: "one DNS question and its answer, each in a single UDP datagram to and from port 53",
        packets: 2,
        bytes: include_bytes!("../samples/dns-udp.pcap"),
    },
    Sample {
        name: "dns-tcp",
        summary: "the same DNS question over TCP port 53: handshake, query, answer, teardown",
        packets: 10,
        bytes: include_bytes!("../samples/dns-tcp.pcap"),
    },
    Sample {
        name: "ping",
        summary: "three ICMP echo requests and their replies: IP with no ports at all",
        packets: 6,
        bytes: include_bytes!("../samples/ping.pcap"),
    },
    Sample {
        name: "ping6",
        summary: "IPv6 neighbour discovery finds the MAC address, then three ICMPv6 echo requests and replies",
        packets: 8,
        bytes: include_bytes!("../samples/ping6.pcap"),
    },
    Sample {
        name: "arp",
        summary: "ARP asks who has 198.51.100.20, the owner answers with its MAC address, then one ping",
        packets: 4,
        bytes: include_bytes!("../samples/arp.pcap"),
    },
    Sample {
        name: "refused",
        summary: "a SYN to port 8080, where no program listens, answered by the server's reset",
        packets: 2,
        bytes: include_bytes!("../samples/refused.pcap"),
    },
    Sample {
        name: "ports-tour",
        summary: "real servers answer on FTP 21, SSH 22, SMTP 25, POP3 110, NTP 123 and Redis 6379",
        packets: 99,
        bytes: include_bytes!("../samples/ports-tour.pcap"),
    },
    Sample {
        name: "vlan",
        summary: "a ping and a web request in 802.1Q frames tagged with VLAN 100",
        packets: 18,
        bytes: include_bytes!("../samples/vlan.pcap"),
    },
    Sample {
        name: "any-interface",
        summary: "the web-http conversation captured with -i any: Linux cooked v2 headers instead of Ethernet",
        packets: 14,
        bytes: include_bytes!("../samples/any-interface.pcap"),
    },
    Sample {
        name: "ipv6-web",
        summary: "a web request over IPv6 only: DNS AAAA answer, handshake and GET to port 80",
        packets: 14,
        bytes: include_bytes!("../samples/ipv6-web.pcap"),
    },
];

/// The sample with this name.
pub fn find(name: &str) -> Option<&'static Sample> {
    SAMPLES.iter().find(|sample| sample.name == name)
}

/// The names of every sample, in table order.
pub fn names() -> impl Iterator<Item = &'static str> {
    SAMPLES.iter().map(|sample| sample.name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn the_table_holds_every_file_of_samples_and_nothing_else() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
        let on_disk: BTreeSet<String> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|entry| {
                let name = entry.unwrap().file_name().into_string().unwrap();
                name.strip_suffix(".pcap").map(str::to_string)
            })
            .collect();
        let in_table: BTreeSet<String> = names().map(str::to_string).collect();
        assert_eq!(on_disk, in_table);
        assert_eq!(in_table.len(), SAMPLES.len(), "names are unique");
    }

    #[test]
    fn embedded_bytes_are_the_files() {
        for sample in SAMPLES {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("samples")
                .join(format!("{}.pcap", sample.name));
            assert_eq!(
                std::fs::read(path).unwrap(),
                sample.bytes,
                "{}",
                sample.name
            );
        }
    }

    #[test]
    fn the_default_sample_exists_and_lookup_is_exact() {
        assert_eq!(find(DEFAULT_SAMPLE).unwrap().name, "browse");
        assert!(find("web").is_none());
        assert!(find("WEB-HTTP").is_none());
    }
}
