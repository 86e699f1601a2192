//! Several views of each packet, one beneath the other: the tree or the one-line view, then the
//! header diagrams and the hex dump; the statistics view prints at the end.

use super::{PacketView, Renderer, RunTotals};
use crate::explain::Depth;
use crate::statistics::Statistics;
use std::io;

/// Renderers that each show every packet, in order.
pub struct Stack {
    views: Vec<Box<dyn Renderer>>,
}

impl Stack {
    pub fn new(views: Vec<Box<dyn Renderer>>) -> Stack {
        Stack { views }
    }
}

impl Renderer for Stack {
    fn packet(&mut self, out: &mut dyn io::Write, view: &PacketView<'_>) -> io::Result<()> {
        for renderer in &mut self.views {
            renderer.packet(out, view)?;
        }
        Ok(())
    }

    /// The table is printed once, by the first view (the packet view's format).
    fn conversations(
        &mut self,
        out: &mut dyn io::Write,
        table: &crate::flows::ConversationTable,
    ) -> io::Result<()> {
        match self.views.first_mut() {
            Some(first) => first.conversations(out, table),
            None => Ok(()),
        }
    }

    fn statistics(&mut self, out: &mut dyn io::Write, statistics: &Statistics) -> io::Result<()> {
        for renderer in &mut self.views {
            renderer.statistics(out, statistics)?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn io::Write, totals: &RunTotals) -> io::Result<()> {
        for renderer in &mut self.views {
            renderer.finish(out, totals)?;
        }
        Ok(())
    }

    fn needs_dissection(&self) -> bool {
        self.views.iter().any(|r| r.needs_dissection())
    }

    /// The most any of the views needs.
    fn depth(&self) -> Depth {
        self.views
            .iter()
            .map(|r| r.depth())
            .max()
            .unwrap_or(Depth::None)
    }
}
