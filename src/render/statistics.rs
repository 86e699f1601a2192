//! The statistics view (`--stats`): at the end of the run, aligned tables with bar charts — the
//! protocol hierarchy, TCP vs UDP, the range classes of destination ports, the busiest destination
//! ports and the services the traffic was for — or, with `--json`, one object. The counting is
//! done by [`crate::statistics::Statistics`], an observer the run feeds every frame; this view only
//! prints its report.

use super::{PacketView, Palette, Renderer, Style};
use crate::decode::LayerName;
use crate::explain::Depth;
use crate::knowledge::ports::PortRange;
use crate::sanitize::terminal_safe;
use crate::statistics::{Count, LayerCount, PortCount, Report, Statistics, TransportKind};
use serde::Serialize;
use std::io;

/// How many ports the "top" tables list.
pub const TOP: usize = 10;
/// Width of a full bar (100 %), in columns.
const BAR_WIDTH: usize = 24;

/// Prints the statistics at the end of the run, and nothing for each packet.
pub struct StatisticsRenderer {
    palette: Palette,
    json: bool,
    /// Packets were printed before: a blank line separates them from the tables.
    after_packets: bool,
}

impl StatisticsRenderer {
    /// Tables coloured by `palette`, or one JSON object when `json`.
    pub fn new(palette: Palette, json: bool) -> StatisticsRenderer {
        StatisticsRenderer {
            palette,
            json,
            after_packets: false,
        }
    }

    /// The same, printed after the packets of another view.
    pub fn after_packets(mut self) -> StatisticsRenderer {
        self.after_packets = true;
        self
    }
}

/// The one object `--stats --json` prints.
#[derive(Serialize)]
struct JsonReport<'a> {
    statistics: &'a Report,
}

impl Renderer for StatisticsRenderer {
    /// Nothing: the run counts every frame in its [`Statistics`].
    fn packet(&mut self, _out: &mut dyn io::Write, _view: &PacketView<'_>) -> io::Result<()> {
        Ok(())
    }

    fn statistics(&mut self, out: &mut dyn io::Write, statistics: &Statistics) -> io::Result<()> {
        let report = statistics.report(TOP);
        if self.json {
            let mut line = serde_json::to_vec(&JsonReport {
                statistics: &report,
            })
            .map_err(io::Error::other)?;
            line.push(b'\n');
            return out.write_all(&line);
        }
        if self.after_packets {
            writeln!(out)?;
        }
        render_report(out, &report, self.palette)
    }

    fn depth(&self) -> Depth {
        Depth::None
    }

    /// Reads no packet at all.
    fn needs_dissection(&self) -> bool {
        false
    }
}

/// Prints a report as tables with bar charts.
pub fn render_report(out: &mut dyn io::Write, report: &Report, p: Palette) -> io::Result<()> {
    heading(out, report, p)?;
    let all = Count {
        frames: report.frames,
        bytes: report.bytes,
    };
    hierarchy_table(out, report, p, all)?;
    transports_table(out, report, p, all)?;
    port_tables(out, report, p)
}

/// Frames and bytes, the time the capture spans, and how many frames were not decoded to the end.
fn heading(out: &mut dyn io::Write, report: &Report, p: Palette) -> io::Result<()> {
    let mut heading = format!(
        "{} frames, {} bytes on the wire ({} captured)",
        report.frames, report.bytes, report.captured_bytes
    );
    if let (Some(first), Some(last)) = (&report.first, &report.last) {
        heading.push_str(&format!(
            "\n            over {:.3} s, from {first} to {last}",
            report.duration_seconds
        ));
    }
    writeln!(out, "{}  {heading}", p.paint("Statistics", Style::Heading))?;
    if report.stopped_frames > 0 {
        let frames = if report.stopped_frames == 1 {
            "frame"
        } else {
            "frames"
        };
        writeln!(
            out,
            "            decoding stopped before the end of {} {frames}",
            report.stopped_frames
        )?;
    }
    Ok(())
}

fn hierarchy_table(
    out: &mut dyn io::Write,
    report: &Report,
    p: Palette,
    all: Count,
) -> io::Result<()> {
    let mut rows = Vec::new();
    for layer in &report.hierarchy {
        hierarchy_rows(layer, 0, all, &mut rows);
    }
    table(
        out,
        p,
        "Protocol hierarchy: frames and bytes that reached each layer",
        &["layer", "frames", "%", "bytes", "%"],
        &rows,
    )
}

fn transports_table(
    out: &mut dyn io::Write,
    report: &Report,
    p: Palette,
    all: Count,
) -> io::Result<()> {
    let rows: Vec<Row> = report
        .transports
        .iter()
        .map(|t| row(vec![transport_label(t.transport).to_string()], t.count, all))
        .collect();
    table(
        out,
        p,
        "Transports: TCP (connections) vs UDP (datagrams), and the rest",
        &["transport", "frames", "%", "bytes", "%"],
        &rows,
    )
}

/// The range classes of destination ports, the busiest destination ports and the services:
/// shares of the frames that have ports, printed only when some do.
fn port_tables(out: &mut dyn io::Write, report: &Report, p: Palette) -> io::Result<()> {
    let with_ports = report
        .port_ranges
        .iter()
        .fold(Count::default(), |sum, r| Count {
            frames: sum.frames + r.count.frames,
            bytes: sum.bytes + r.count.bytes,
        });
    if with_ports.frames == 0 {
        return Ok(());
    }
    let rows: Vec<Row> = report
        .port_ranges
        .iter()
        .map(|r| row(vec![range_label(r.range).to_string()], r.count, with_ports))
        .collect();
    table(
        out,
        p,
        "Destination ports by range class (share of TCP and UDP frames)",
        &["range", "frames", "%", "bytes", "%"],
        &rows,
    )?;
    let columns = ["port", "service", "range", "frames", "%", "bytes", "%"];
    table(
        out,
        p,
        "Top destination ports",
        &columns,
        &port_rows(&report.top_destination_ports, with_ports),
    )?;
    table(
        out,
        p,
        "Top services: the server's port, traffic both ways",
        &columns,
        &port_rows(&report.top_services, with_ports),
    )
}

fn range_label(range: PortRange) -> &'static str {
    match range {
        PortRange::WellKnown => "well-known (0–1023)",
        PortRange::Registered => "registered (1024–49151)",
        PortRange::Dynamic => "dynamic (49152–65535)",
    }
}

/// A row of a table: its cells, and the share of frames its bar shows.
struct Row {
    cells: Vec<String>,
    share: f64,
}

fn percent(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

/// `labels`, then frames, their share of `whole`'s frames, bytes, their share of its bytes.
fn row(mut cells: Vec<String>, count: Count, whole: Count) -> Row {
    let share = percent(count.frames, whole.frames);
    cells.push(count.frames.to_string());
    cells.push(format!("{share:.1}"));
    cells.push(count.bytes.to_string());
    cells.push(format!("{:.1}", percent(count.bytes, whole.bytes)));
    Row { cells, share }
}

fn hierarchy_rows(layer: &LayerCount, depth: usize, all: Count, rows: &mut Vec<Row>) {
    let label = format!(
        "{}{}",
        "  ".repeat(depth),
        LayerName::display_name(layer.layer)
    );
    rows.push(row(vec![label], layer.count, all));
    for child in &layer.children {
        hierarchy_rows(child, depth + 1, all, rows);
    }
}

fn port_rows(ports: &[PortCount], whole: Count) -> Vec<Row> {
    ports
        .iter()
        .map(|port| {
            let labels = vec![
                format!("{}/{}", port.port, port.transport.name().to_lowercase()),
                terminal_safe(port.service.as_deref().unwrap_or("—")).into_owned(),
                port.range.as_str().to_string(),
            ];
            row(labels, port.count, whole)
        })
        .collect()
}

/// Prints a titled table: text columns left-aligned, numbers right-aligned, then each row's bar.
fn table(
    out: &mut dyn io::Write,
    p: Palette,
    title: &str,
    headers: &[&str],
    rows: &[Row],
) -> io::Result<()> {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    let mut numeric = vec![true; headers.len()];
    numeric[0] = false;
    for row in rows {
        for (column, cell) in row.cells.iter().enumerate() {
            widths[column] = widths[column].max(cell.chars().count());
            if cell.parse::<f64>().is_err() {
                numeric[column] = false;
            }
        }
    }
    let line = |cells: &mut dyn Iterator<Item = &str>| {
        let mut line = String::with_capacity(80);
        for (column, cell) in cells.enumerate() {
            line.push_str("  ");
            let fill = " ".repeat(widths[column].saturating_sub(cell.chars().count()));
            if numeric[column] {
                line.push_str(&fill);
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.push_str(&fill);
            }
        }
        line
    };
    writeln!(out)?;
    writeln!(out, "{}", p.paint(title, Style::Heading))?;
    let header = line(&mut headers.iter().copied());
    writeln!(out, "{}", p.paint(header.trim_end(), Style::Dim))?;
    for row in rows {
        let text = line(&mut row.cells.iter().map(String::as_str));
        let bar = bar(row.share);
        if bar.is_empty() {
            writeln!(out, "{}", text.trim_end())?;
        } else {
            writeln!(out, "{text}  {}", p.paint(&bar, Style::Step))?;
        }
    }
    Ok(())
}

/// A bar of `share` percent of the full width (24 columns), drawn in eighths of a column.
pub fn bar(share: f64) -> String {
    const PARTS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    let eighths = (share.clamp(0.0, 100.0) / 100.0 * (BAR_WIDTH * 8) as f64).round() as usize;
    let mut bar = "█".repeat(eighths / 8);
    if eighths % 8 != 0 {
        bar.push(PARTS[eighths % 8]);
    }
    bar
}

fn transport_label(kind: TransportKind) -> &'static str {
    match kind {
        TransportKind::Ports(transport) => transport.name(),
        TransportKind::Icmp => "ICMP",
        TransportKind::Icmpv6 => "ICMPv6",
        TransportKind::Igmp => "IGMP",
        TransportKind::OtherIp => "other IP",
        TransportKind::NotIp => "not IP",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::capture::{Frame, LinkType, Timestamp};
    use crate::decode::decode;
    use crate::test_fixtures::frame;
    use crate::test_fixtures::text::assert_same_text;

    /// UDP 192.0.2.10:40000 → 198.51.100.20:`port` and TCP 51234 → 443 SYN, Ethernet.
    fn frames() -> Vec<Vec<u8>> {
        let head = |protocol: u8, total: u8| {
            let mut f = vec![2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x08, 0x00];
            f.extend_from_slice(&[0x45, 0, 0, total, 0, 0, 0x40, 0, 64, protocol, 0, 0]);
            f.extend_from_slice(&[192, 0, 2, 10, 198, 51, 100, 20]);
            f
        };
        let mut dns = head(17, 28);
        dns.extend_from_slice(&[0x9c, 0x40, 0, 53, 0, 8, 0, 0]);
        let mut syn = head(6, 40);
        syn.extend_from_slice(&[0xc8, 0x22, 0x01, 0xbb, 0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x02]);
        syn.extend_from_slice(&[0xff, 0xff, 0, 0, 0, 0]);
        vec![dns, syn.clone(), syn]
    }

    /// The frames counted as a run counts them (from their bytes, the last from its dissection),
    /// each shown to the view, which prints nothing until the statistics.
    fn run(json: bool) -> String {
        let mut renderer = StatisticsRenderer::new(Palette::plain(), json);
        let mut statistics = Statistics::new();
        let frames = frames();
        for (second, data) in frames.iter().enumerate() {
            let frame = Frame {
                number: second as u64 + 1,
                timestamp: Timestamp {
                    seconds: second as i64,
                    nanoseconds: 0,
                },
                ..frame(LinkType::Ethernet, data)
            };
            if second + 1 < frames.len() {
                statistics.count_frame(&frame);
            } else {
                statistics.add(&frame, &decode(LinkType::Ethernet, data));
            }
            let printed = crate::render::fixtures::render(&mut renderer, &frame);
            assert_eq!(printed, "", "no packet is printed");
        }
        let mut out = Vec::new();
        renderer.statistics(&mut out, &statistics).expect("memory");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn tables_are_aligned_with_bars() {
        let text = run(false);
        let expected = "Statistics  3 frames, 150 bytes on the wire (150 captured)
            over 2.000 s, from 1970-01-01T00:00:00.000000Z to 1970-01-01T00:00:02.000000Z

Protocol hierarchy: frames and bytes that reached each layer
  layer     frames      %  bytes      %
  Ethernet       3  100.0    150  100.0  ████████████████████████
    IPv4         3  100.0    150  100.0  ████████████████████████
      TCP        2   66.7    108   72.0  ████████████████
      UDP        1   33.3     42   28.0  ████████

Transports: TCP (connections) vs UDP (datagrams), and the rest
  transport  frames     %  bytes     %
  TCP             2  66.7    108  72.0  ████████████████
  UDP             1  33.3     42  28.0  ████████

Destination ports by range class (share of TCP and UDP frames)
  range                    frames      %  bytes      %
  well-known (0–1023)           3  100.0    150  100.0  ████████████████████████
  registered (1024–49151)       0    0.0      0    0.0
  dynamic (49152–65535)         0    0.0      0    0.0

Top destination ports
  port     service  range       frames     %  bytes     %
  443/tcp  HTTPS    well-known       2  66.7    108  72.0  ████████████████
  53/udp   DNS      well-known       1  33.3     42  28.0  ████████

Top services: the server's port, traffic both ways
  port     service  range       frames     %  bytes     %
  443/tcp  HTTPS    well-known       2  66.7    108  72.0  ████████████████
  53/udp   DNS      well-known       1  33.3     42  28.0  ████████
";
        assert_same_text(expected, &text, "the statistics tables");
    }

    #[test]
    fn json_is_one_object() {
        let text = run(true);
        assert_eq!(text.lines().count(), 1);
        let value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        let statistics = &value["statistics"];
        assert_eq!(statistics["frames"], 3);
        assert_eq!(statistics["hierarchy"][0]["layer"], "ethernet");
        assert_eq!(
            statistics["hierarchy"][0]["children"][0]["children"][0]["layer"],
            "tcp"
        );
        assert_eq!(statistics["transports"][0]["transport"], "tcp");
        assert_eq!(statistics["top_destination_ports"][0]["port"], 443);
        assert_eq!(statistics["top_destination_ports"][0]["service"], "HTTPS");
        assert_eq!(
            statistics["top_destination_ports"][0]["range"],
            "well-known"
        );
        assert_eq!(statistics["port_ranges"][0]["frames"], 3);
    }

    #[test]
    fn bars_grow_in_eighths() {
        assert_eq!(bar(0.0), "");
        assert_eq!(bar(100.0), "█".repeat(BAR_WIDTH));
        assert_eq!(bar(50.0), "█".repeat(BAR_WIDTH / 2));
        assert_eq!(bar(100.0 / (BAR_WIDTH * 8) as f64), "▏");
        assert_eq!(bar(250.0), "█".repeat(BAR_WIDTH), "never wider than full");
    }
}
