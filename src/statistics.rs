//! Statistics of a run: an observer the run feeds every frame (from its bytes, or from its
//! dissection when the run decoded one), and the report it makes at the end — the protocol
//! hierarchy (frames and bytes that reached each layer), transports (TCP vs UDP and the rest), the
//! range classes of destination ports, the busiest destination ports and the services the traffic
//! was for. Adding a frame allocates nothing once the layers it passes through have been seen, so
//! it keeps pace with libpcap reading a file. The statistics view (`render::statistics`) prints
//! the report.

use crate::capture::{Frame, LinkType, Timestamp};
use crate::decode::{Dissection, LayerName, Summary, Transport, summarize};
use crate::knowledge::ports::{self, PortRange};
use crate::knowledge::{Side, server_side};
use serde::Serialize;

/// Frames and bytes (on the wire) counted together.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Count {
    pub frames: u64,
    pub bytes: u64,
}

impl Count {
    fn add(&mut self, bytes: u64) {
        self.frames += 1;
        self.bytes += bytes;
    }
}

/// What carried a frame above the network layer: a transport with ports, or another kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransportKind {
    /// TCP or UDP.
    Ports(Transport),
    Icmp,
    Icmpv6,
    Igmp,
    /// An IP packet whose transport portlens did not decode (a later fragment, GRE, ESP, …).
    OtherIp,
    /// No IP at all: ARP, LLDP, frames of link types portlens does not decode.
    NotIp,
}

impl TransportKind {
    pub const ALL: [TransportKind; 7] = [
        TransportKind::Ports(Transport::Tcp),
        TransportKind::Ports(Transport::Udp),
        TransportKind::Icmp,
        TransportKind::Icmpv6,
        TransportKind::Igmp,
        TransportKind::OtherIp,
        TransportKind::NotIp,
    ];

    /// Where this kind is in [`TransportKind::ALL`].
    fn index(self) -> usize {
        match self {
            TransportKind::Ports(Transport::Tcp) => 0,
            TransportKind::Ports(Transport::Udp) => 1,
            TransportKind::Icmp => 2,
            TransportKind::Icmpv6 => 3,
            TransportKind::Igmp => 4,
            TransportKind::OtherIp => 5,
            TransportKind::NotIp => 6,
        }
    }

    /// The kind's name in JSON: `tcp`, `udp`, `icmp`, `icmpv6`, `igmp`, `other_ip`, `not_ip`.
    pub fn as_str(self) -> &'static str {
        match self {
            TransportKind::Ports(Transport::Tcp) => "tcp",
            TransportKind::Ports(Transport::Udp) => "udp",
            TransportKind::Icmp => "icmp",
            TransportKind::Icmpv6 => "icmpv6",
            TransportKind::Igmp => "igmp",
            TransportKind::OtherIp => "other_ip",
            TransportKind::NotIp => "not_ip",
        }
    }
}

impl Serialize for TransportKind {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// One node of the protocol hierarchy while counting.
#[derive(Debug, Clone)]
struct Node {
    layer: Option<LayerName>,
    count: Count,
    children: Vec<usize>,
}

/// Counts every frame of a run.
#[derive(Debug, Clone)]
pub struct Statistics {
    total: Count,
    captured_bytes: u64,
    first: Option<Timestamp>,
    last: Option<Timestamp>,
    stopped: u64,
    /// Node 0 is the root (every frame); the others are layers, in the order first seen.
    nodes: Vec<Node>,
    transports: [Count; TransportKind::ALL.len()],
    ranges: [Count; 3],
    /// By `slot(transport, destination port)`.
    destination_ports: Box<[Count]>,
    /// By `slot(transport, server port)`, for packets whose server side is known.
    services: Box<[Count]>,
    /// For the frames the quick summary leaves to the full decoder.
    scratch: Dissection,
}

impl Default for Statistics {
    fn default() -> Self {
        Statistics::new()
    }
}

/// A count for each port of both transports (2 MiB), written through at once so that its memory
/// is all in use from the start: a run's peak memory does not depend on how many ports it meets.
fn port_table() -> Box<[Count]> {
    let mut table: Box<[Count]> = vec![Count::default(); 2 << 16].into_boxed_slice();
    // The allocator hands out zeroed pages lazily; one write per 4 KiB page (256 counts) makes
    // them real now. `black_box` keeps the compiler from dropping writes of what is already zero.
    for page in table.chunks_mut(256) {
        page[0] = std::hint::black_box(Count::default());
    }
    table
}

fn slot(transport: Transport, port: u16) -> usize {
    let base = match transport {
        Transport::Tcp => 0,
        Transport::Udp => 1 << 16,
    };
    base + usize::from(port)
}

fn unslot(slot: usize) -> (Transport, u16) {
    let transport = if slot >> 16 == 0 {
        Transport::Tcp
    } else {
        Transport::Udp
    };
    (transport, (slot & 0xffff) as u16)
}

impl Statistics {
    pub fn new() -> Statistics {
        Statistics {
            total: Count::default(),
            captured_bytes: 0,
            first: None,
            last: None,
            stopped: 0,
            nodes: vec![Node {
                layer: None,
                count: Count::default(),
                children: Vec::new(),
            }],
            transports: [Count::default(); TransportKind::ALL.len()],
            ranges: [Count::default(); 3],
            destination_ports: port_table(),
            services: port_table(),
            scratch: Dissection::empty(LinkType::Ethernet),
        }
    }

    /// Counts one frame from its own bytes: most frames take the quick summary, so a run that
    /// prints only statistics does not decode them in full.
    pub fn count_frame(&mut self, frame: &Frame) {
        let summary = summarize(frame.link_type, &frame.data, &mut self.scratch);
        self.add_summary(frame, &summary);
    }

    /// Counts one frame from its dissection.
    pub fn add(&mut self, frame: &Frame, dissection: &Dissection) {
        self.add_summary(frame, &Summary::of(dissection));
    }

    /// Counts one frame from its summary (see [`crate::decode::summarize`]).
    pub fn add_summary(&mut self, frame: &Frame, summary: &Summary) {
        let bytes = u64::from(frame.original_length);
        self.total.add(bytes);
        self.captured_bytes += u64::from(frame.captured_length);
        if self.first.is_none() {
            self.first = Some(frame.timestamp);
        }
        self.last = Some(frame.timestamp);
        self.stopped += u64::from(summary.stopped);

        let mut node = 0;
        self.nodes[0].count.add(bytes);
        let mut kind = TransportKind::NotIp;
        for &layer in summary.layers() {
            node = self.child(node, layer);
            self.nodes[node].count.add(bytes);
            kind = match layer {
                LayerName::Ipv4 | LayerName::Ipv6 if kind == TransportKind::NotIp => {
                    TransportKind::OtherIp
                }
                LayerName::Tcp => TransportKind::Ports(Transport::Tcp),
                LayerName::Udp => TransportKind::Ports(Transport::Udp),
                LayerName::Icmpv4 => TransportKind::Icmp,
                LayerName::Icmpv6 => TransportKind::Icmpv6,
                LayerName::Igmp => TransportKind::Igmp,
                _ => kind,
            };
        }
        self.transports[kind.index()].add(bytes);
        if let Some(ports) = summary.ports {
            let transport = ports.transport;
            let (source, destination) = (ports.source, ports.destination);
            self.destination_ports[slot(transport, destination)].add(bytes);
            self.ranges[PortRange::of(destination) as usize].add(bytes);
            match server_side(transport, source, destination, ports.tcp_flags) {
                Some(Side::Destination) => self.services[slot(transport, destination)].add(bytes),
                Some(Side::Source) => self.services[slot(transport, source)].add(bytes),
                None => {}
            }
        }
    }

    /// The child of `parent` for `layer`, made on first sight.
    fn child(&mut self, parent: usize, layer: LayerName) -> usize {
        if let Some(&found) = self.nodes[parent]
            .children
            .iter()
            .find(|&&c| self.nodes[c].layer == Some(layer))
        {
            return found;
        }
        self.nodes.push(Node {
            layer: Some(layer),
            count: Count::default(),
            children: Vec::new(),
        });
        let index = self.nodes.len() - 1;
        self.nodes[parent].children.push(index);
        index
    }

    /// The report: totals, the hierarchy, and the `top` busiest ports and services.
    pub fn report(&self, top: usize) -> Report {
        let seconds = match (self.first, self.last) {
            (Some(first), Some(last)) => {
                (last.seconds - first.seconds) as f64
                    + (f64::from(last.nanoseconds) - f64::from(first.nanoseconds)) / 1e9
            }
            _ => 0.0,
        };
        Report {
            frames: self.total.frames,
            bytes: self.total.bytes,
            captured_bytes: self.captured_bytes,
            first: self.first.map(|t| t.rfc3339()),
            last: self.last.map(|t| t.rfc3339()),
            duration_seconds: seconds.max(0.0),
            stopped_frames: self.stopped,
            hierarchy: self.nodes[0]
                .children
                .iter()
                .map(|&c| self.layer_report(c))
                .collect(),
            transports: TransportKind::ALL
                .iter()
                .map(|&kind| TransportCount {
                    transport: kind,
                    count: self.transports[kind.index()],
                })
                .filter(|t| t.count.frames > 0)
                .collect(),
            port_ranges: [
                PortRange::WellKnown,
                PortRange::Registered,
                PortRange::Dynamic,
            ]
            .iter()
            .map(|&range| RangeCount {
                range,
                count: self.ranges[range as usize],
            })
            .collect(),
            // A destination port is named by its service only when it was a server's port: a
            // reply's destination is the client's port, whatever IANA registered on its number.
            top_destination_ports: busiest(&self.destination_ports, top, |slot| {
                self.services[slot].frames > 0
            }),
            top_services: busiest(&self.services, top, |_| true),
        }
    }

    fn layer_report(&self, node: usize) -> LayerCount {
        let n = &self.nodes[node];
        let mut children: Vec<LayerCount> =
            n.children.iter().map(|&c| self.layer_report(c)).collect();
        children.sort_by_key(|c| std::cmp::Reverse(c.count.frames));
        LayerCount {
            layer: n.layer.unwrap_or(LayerName::Link),
            count: n.count,
            children,
        }
    }
}

/// The `top` ports with the most frames (ties: TCP before UDP, then the lower port), with the
/// service they name when `served(slot)` says the port was a server's.
fn busiest(counts: &[Count], top: usize, served: impl Fn(usize) -> bool) -> Vec<PortCount> {
    // Only the best `top` are kept while scanning, so the report needs no memory for the others.
    let mut best: Vec<(usize, Count)> = Vec::with_capacity(top + 1);
    for (slot, count) in counts.iter().enumerate().filter(|(_, c)| c.frames > 0) {
        // Slots are scanned in increasing order, so an equal count never displaces an earlier one.
        let at = best.partition_point(|(_, kept)| kept.frames >= count.frames);
        if at < top {
            best.insert(at, (slot, *count));
            best.truncate(top);
        }
    }
    best.into_iter()
        .map(|(slot, count)| {
            let (transport, port) = unslot(slot);
            let info = ports::lookup(port, transport).filter(|_| served(slot));
            PortCount {
                transport,
                port,
                service: info.map(|i| i.name.to_string()),
                range: PortRange::of(port),
                count,
            }
        })
        .collect()
}

/// Everything the statistics view prints, owned and serializable (`--stats --json`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub frames: u64,
    /// Bytes on the wire (the frames' original lengths).
    pub bytes: u64,
    pub captured_bytes: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last: Option<String>,
    pub duration_seconds: f64,
    /// Frames whose decoding stopped before their end.
    pub stopped_frames: u64,
    pub hierarchy: Vec<LayerCount>,
    pub transports: Vec<TransportCount>,
    pub port_ranges: Vec<RangeCount>,
    pub top_destination_ports: Vec<PortCount>,
    pub top_services: Vec<PortCount>,
}

/// A layer of the protocol hierarchy and the layers found inside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LayerCount {
    pub layer: LayerName,
    #[serde(flatten)]
    pub count: Count,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<LayerCount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TransportCount {
    pub transport: TransportKind,
    #[serde(flatten)]
    pub count: Count,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RangeCount {
    pub range: PortRange,
    #[serde(flatten)]
    pub count: Count,
}

/// A port with its counts: the service IANA or the curated table names (only for a port that was
/// a server's: a client's port is not named by what IANA registered on its number), and its range
/// class.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PortCount {
    pub transport: Transport,
    pub port: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    pub range: PortRange,
    #[serde(flatten)]
    pub count: Count,
}

#[cfg(test)]
mod tests;
