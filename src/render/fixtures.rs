//! The renderers' test helper: one packet rendered to a string as a run renders it.

use crate::capture::Frame;
use crate::decode::decode;
use crate::explain::Explainer;
use crate::lang::Lang;
use crate::render::{PacketView, Renderer};

/// What `renderer` prints for `frame`, as a run prints it: the frame decoded, then explained (in
/// English) as far as the renderer's depth asks.
pub fn render(renderer: &mut dyn Renderer, frame: &Frame) -> String {
    let dissection = decode(frame.link_type, &frame.data);
    let annotated = Explainer::new(Lang::En).explain_to(&dissection, renderer.depth());
    let mut out = Vec::new();
    renderer
        .packet(
            &mut out,
            &PacketView {
                frame,
                dissection: &dissection,
                annotated: &annotated,
            },
        )
        .expect("writing to memory");
    String::from_utf8(out).expect("UTF-8")
}
