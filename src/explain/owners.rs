//! The owners' sentences: which local program holds each end's socket (live capture), or why it
//! cannot be named; and, once per saved capture, why a file names no program.

use super::told::Once;
use super::{Annotated, Explainer};
use crate::decode::Connection;
use crate::i18n::Msg;
use crate::knowledge::Side;
use crate::procs::{Outcome, PacketOwners, Reason, SocketKind};
use std::borrow::Cow;

impl Explainer {
    /// Adds what is known of the programs that own the packet's sockets: the destination's
    /// program becomes the last step of the chain, and a sentence says which program sent or
    /// receives it, or why it cannot be named.
    pub fn annotate_owners(
        &mut self,
        annotated: &mut Annotated,
        ends: &Connection,
        owners: PacketOwners,
    ) {
        let (source_port, destination_port) = (ends.source.port, ends.destination.port);
        for (outcome, port, end) in [
            (&owners.destination, destination_port, Side::Destination),
            (&owners.source, source_port, Side::Source),
        ] {
            match outcome {
                Outcome::Found(owner) => {
                    if end == Side::Destination {
                        let target = self.say(Msg::SocketOf {
                            name: &owner.process.name,
                            pid: owner.process.pid,
                        });
                        // To a server, the step keeps the service the port names; to a
                        // client, the program replaces "the client program".
                        let to_server = annotated
                            .service
                            .as_ref()
                            .is_some_and(|s| s.server_side == Side::Destination);
                        if let Some(step) = annotated
                            .layers
                            .iter_mut()
                            .rev()
                            .find_map(|l| l.steps.last_mut())
                        {
                            step.next = if to_server {
                                Cow::Owned(format!("{}, {target}", step.next))
                            } else {
                                Cow::Owned(target)
                            };
                        }
                    }
                    annotated.port_notes.push(self.say(Msg::ProcessOwnsPort {
                        port,
                        name: &owner.process.name,
                        pid: owner.process.pid,
                        listening: owner.socket == SocketKind::Listening,
                        end,
                    }));
                }
                Outcome::Unknown(Reason::NotLocal) => {}
                Outcome::Unknown(reason) => {
                    annotated.port_notes.push(self.say(Msg::ProcessUnknown {
                        port,
                        reason: *reason,
                    }));
                }
            }
        }
        annotated.process = Some(owners);
    }

    /// Says once per run, on the first TCP or UDP packet of a saved capture, why no program can
    /// be named.
    pub fn note_offline(&mut self, annotated: &mut Annotated) {
        if annotated.service.is_some() && self.told.first_time_once(Once::Offline) {
            annotated.port_notes.push(self.say(Msg::OfflineNoProcess));
        }
    }
}
