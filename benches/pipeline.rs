//! Micro-benchmark of the per-packet pipeline (criterion): decode, explain and render one packet
//! at a time, on real frames of the benchmark's bulk TCP seed and of the web sample. Run with
//! `cargo bench --bench pipeline`; the whole-program comparison with tcpdump is `make bench`.

use criterion::{Criterion, criterion_group, criterion_main};
use portlens::capture::{Frame, LinkType, Timestamp};
use portlens::decode::{Dissection, decode_into, summarize};
use portlens::explain::{Depth, Explainer, Verbosity};
use portlens::lang::Lang;
use portlens::render::oneline::OneLineRenderer;
use portlens::render::tree::TreeRenderer;
use portlens::render::{PacketView, Palette, Renderer};
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

/// The frames of a capture in benches/data or samples/.
fn frames(relative: &str) -> Vec<Frame> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    let mut capture = pcap::Capture::from_file(&path).expect("a capture");
    let link_type = LinkType::from_header_field(capture.get_datalink().0 as u32);
    let mut frames = Vec::new();
    while let Ok(packet) = capture.next_packet() {
        frames.push(Frame {
            number: frames.len() as u64 + 1,
            timestamp: Timestamp {
                seconds: packet.header.ts.tv_sec,
                nanoseconds: packet.header.ts.tv_usec as u32 * 1000,
            },
            link_type,
            captured_length: packet.header.caplen,
            original_length: packet.header.len,
            data: packet.data.to_vec(),
        });
    }
    frames
}

fn pipeline(c: &mut Criterion) {
    for (name, file) in [
        ("bulk", "benches/data/bulk-seed.pcap"),
        ("web", "samples/web-http.pcap"),
    ] {
        let frames = frames(file);
        let mut group = c.benchmark_group(name);
        group.throughput(criterion::Throughput::Elements(frames.len() as u64));
        let mut dissection = Dissection::empty(LinkType::Ethernet);
        group.bench_function("decode", |b| {
            b.iter(|| {
                for frame in &frames {
                    decode_into(&mut dissection, frame.link_type, &frame.data);
                    black_box(&dissection);
                }
            })
        });
        group.bench_function("summarize (statistics)", |b| {
            b.iter(|| {
                for frame in &frames {
                    black_box(summarize(frame.link_type, &frame.data, &mut dissection));
                }
            })
        });
        let mut explainer = Explainer::new(Lang::En);
        group.bench_function("decode + brief explanation (one-line)", |b| {
            b.iter(|| {
                for frame in &frames {
                    decode_into(&mut dissection, frame.link_type, &frame.data);
                    black_box(explainer.explain_to(&dissection, Depth::Brief));
                }
            })
        });
        group.bench_function("decode + explain (tree, JSON)", |b| {
            b.iter(|| {
                for frame in &frames {
                    decode_into(&mut dissection, frame.link_type, &frame.data);
                    black_box(explainer.explain_to(&dissection, Depth::Full));
                }
            })
        });
        let mut out = Vec::with_capacity(1 << 20);
        for (view, mut renderer) in [
            (
                "decode + explain + render one-line",
                Box::new(OneLineRenderer::new(Palette::plain())) as Box<dyn Renderer>,
            ),
            (
                "decode + explain + render tree",
                Box::new(TreeRenderer::new(Palette::plain(), Verbosity::Normal)),
            ),
        ] {
            let detail = renderer.depth();
            group.bench_function(view, |b| {
                b.iter(|| {
                    out.clear();
                    for frame in &frames {
                        decode_into(&mut dissection, frame.link_type, &frame.data);
                        let annotated = explainer.explain_to(&dissection, detail);
                        let view = PacketView {
                            frame,
                            dissection: &dissection,
                            annotated: &annotated,
                        };
                        renderer.packet(&mut out, &view).expect("memory");
                    }
                    black_box(&out);
                })
            });
        }
        group.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(20);
    targets = pipeline
}
criterion_main!(benches);
