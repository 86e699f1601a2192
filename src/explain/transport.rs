//! The transport layer's sentences: TCP's and UDP's introductions, a segment's story within its
//! connection (or its flags, for a lone segment), and the port step: which end is the server,
//! the service its port names, and the port the client borrowed.

use super::told::{Fact, Once};
use super::{Annotated, Explainer, LayerNotes, Role, Service, Verbosity};
use crate::decode::{Tcp, TcpFlags, Transport, Udp};
use crate::flows::{PacketContext, Reset, TcpObservation, Teardown};
use crate::i18n::ClientPortKind;
use crate::i18n::{Field, Msg};
use crate::knowledge::addresses::Audience;
use crate::knowledge::ports::{self, Ephemeral, Fixed, PortRange, ServiceInfo};
use crate::knowledge::{Direction, Guess, Roles, Side, decide, server_side};
use std::borrow::Cow;
use std::net::IpAddr;

/// The packet around the layer being explained.
#[derive(Clone, Copy)]
pub(super) struct Surroundings<'a> {
    /// The IP layer's source and destination.
    pub addresses: Option<(IpAddr, IpAddr)>,
    /// The packet's place in its conversation, when the explainer keeps a table.
    pub context: Option<&'a PacketContext>,
    /// Who receives the packet: one host, every host on the link, or a multicast group's members.
    pub audience: Audience,
}

/// A TCP or UDP header's ports, and TCP's flags.
#[derive(Clone, Copy)]
struct Ports {
    transport: Transport,
    source: u16,
    destination: u16,
    flags: Option<TcpFlags>,
}

/// The server's end as the port step decided it.
struct Server {
    side: Side,
    port: u16,
    client_port: u16,
    info: ServiceInfo,
    /// The service's name in the explainer's language.
    name: &'static str,
    direction: Direction,
    /// The server port's range.
    range: PortRange,
    /// How the roles were decided.
    roles: Roles,
}

impl Explainer {
    /// A TCP segment; returns where its key sentences start (for the quiet view's summary).
    pub(super) fn tcp(
        &mut self,
        out: &mut Annotated,
        notes: &mut LayerNotes,
        tcp: &Tcp,
        around: Surroundings<'_>,
    ) -> usize {
        if self.told.first_time_once(Once::TcpIntro) {
            notes.notes.push(self.say(Msg::TcpIntro));
        }
        let key_from = notes.notes.len();
        let story = around
            .context
            .and_then(|c| c.tcp.as_ref().map(|observed| (c, observed)));
        match story {
            Some((ctx, observed)) => {
                self.tcp_narration(notes, ctx, observed, tcp, around.addresses)
            }
            None => self.tcp_flag_notes(notes, tcp),
        }
        if tcp.options_malformed {
            notes.notes.push(self.say(Msg::TcpOptionsMalformed));
        }
        let ports = Ports {
            transport: Transport::Tcp,
            source: tcp.source_port,
            destination: tcp.destination_port,
            flags: Some(tcp.flags),
        };
        self.ports(out, notes, ports, around);
        key_from
    }

    /// A UDP datagram; returns where its key sentences start.
    pub(super) fn udp(
        &mut self,
        out: &mut Annotated,
        notes: &mut LayerNotes,
        udp: &Udp,
        around: Surroundings<'_>,
    ) -> usize {
        if self.told.first_time_once(Once::UdpIntro) {
            notes.notes.push(self.say(Msg::UdpIntro));
        }
        let key_from = notes.notes.len();
        if around.context.is_some_and(|c| c.first_packet) {
            notes.notes.push(self.say(Msg::UdpFirstDatagram));
        }
        if udp.payload_length > 0 {
            notes.notes.push(self.say(Msg::Data {
                bytes: udp.payload_length,
            }));
        }
        let ports = Ports {
            transport: Transport::Udp,
            source: udp.source_port,
            destination: udp.destination_port,
            flags: None,
        };
        self.ports(out, notes, ports, around);
        key_from
    }

    /// The story of a segment within its connection.
    fn tcp_narration(
        &self,
        notes: &mut LayerNotes,
        ctx: &PacketContext,
        observed: &TcpObservation,
        tcp: &Tcp,
        addresses: Option<(IpAddr, IpAddr)>,
    ) {
        let from_client = ctx.from_client;
        let mut say = |msg| notes.notes.push(self.say(msg));
        match observed.handshake_step {
            Some(1) => say(Msg::HandshakeSyn {
                port: tcp.destination_port,
            }),
            Some(2) => say(Msg::HandshakeSynAck),
            Some(3) => say(Msg::HandshakeAck),
            _ => {}
        }
        match (observed.reset, addresses) {
            (Some(Reset::Refused), Some((host, _))) => say(Msg::Refused {
                port: ctx.server.port,
                host,
            }),
            (Some(Reset::Abort), _) => say(Msg::Aborted { from_client }),
            _ => {}
        }
        if observed.retransmission {
            say(Msg::Retransmission {
                bytes: observed.data_bytes,
            });
        }
        if let Some((first, last)) = observed.gap {
            say(Msg::Gap { first, last });
        }
        if let (Some((first, last)), false) = (observed.data_bytes, observed.retransmission) {
            say(Msg::StreamBytes {
                from_client,
                first,
                last,
            });
        }
        match observed.teardown {
            Some(Teardown::FirstFin) => say(Msg::FinFirst { from_client }),
            Some(Teardown::SecondFin) => say(Msg::FinSecond { from_client }),
            Some(Teardown::FinAcknowledged) => say(Msg::FinAcknowledged),
            Some(Teardown::LastAck) => say(Msg::LastAck),
            None => {}
        }
        if let Some(count) = observed.duplicate_ack {
            say(Msg::DuplicateAck {
                count,
                next: observed.relative_acknowledgment,
            });
        } else if let (Some(next @ 2..), None, None, None) = (
            observed.relative_acknowledgment,
            observed.handshake_step,
            observed.reset,
            observed.teardown,
        ) {
            say(Msg::AcknowledgesUpTo { next });
        }
        if observed.zero_window {
            say(Msg::ZeroWindow { from_client });
        }
        if tcp.flags.has(TcpFlags::URG) {
            say(Msg::TcpUrg);
        }
        if tcp.flags.has(TcpFlags::ECE) || tcp.flags.has(TcpFlags::CWR) {
            say(Msg::TcpCongestion);
        }
    }

    /// What a lone segment's flags say, without its connection.
    fn tcp_flag_notes(&self, notes: &mut LayerNotes, tcp: &Tcp) {
        let flags = tcp.flags;
        let mut say = |msg| notes.notes.push(self.say(msg));
        let syn = flags.has(TcpFlags::SYN);
        let ack = flags.has(TcpFlags::ACK);
        if syn && ack {
            say(Msg::TcpSynAck);
        } else if syn {
            say(Msg::TcpSyn);
        }
        if flags.has(TcpFlags::RST) {
            say(Msg::TcpRst);
        }
        if flags.has(TcpFlags::FIN) {
            say(Msg::TcpFin);
        }
        if flags.has(TcpFlags::PSH) {
            say(Msg::TcpPsh);
        }
        if flags.has(TcpFlags::URG) {
            say(Msg::TcpUrg);
        }
        if flags.has(TcpFlags::ECE) || flags.has(TcpFlags::CWR) {
            say(Msg::TcpCongestion);
        }
        if ack && !syn && !flags.has(TcpFlags::RST) {
            say(Msg::TcpAckOnly {
                acknowledgment: tcp.acknowledgment,
            });
        }
        if tcp.payload_length > 0 {
            say(Msg::Data {
                bytes: tcp.payload_length,
            });
        }
    }

    /// The port step, the service, and the role sentences.
    fn ports(
        &mut self,
        out: &mut Annotated,
        notes: &mut LayerNotes,
        ports: Ports,
        around: Surroundings<'_>,
    ) {
        let layer = ports.transport.layer();
        let server = self.server_of(ports, around.context);
        out.role = brief_role(ports, server.as_ref(), around.context);
        let Some(server) = server else {
            notes.steps.push(self.step(
                layer,
                Field::DestinationPort,
                ports.destination.to_string(),
                self.say(Msg::UnknownService),
            ));
            out.port_notes.push(self.say(Msg::NoService {
                transport: ports.transport,
                source_port: ports.source,
                destination_port: ports.destination,
            }));
            return;
        };
        notes.steps.push(self.step(
            layer,
            Field::DestinationPort,
            ports.destination.to_string(),
            match server.direction {
                Direction::ToServer => Cow::Borrowed(server.name),
                Direction::FromServer => Cow::Owned(self.say(Msg::ClientOf {
                    service: server.name,
                    lent: matches!(client_port_kind(&ports, &server), ClientPortKind::Lent(_)),
                })),
            },
        ));
        for range in [server.range, PortRange::of(server.client_port)] {
            if self.told.first_time_once(Once::Range(range)) {
                out.port_notes.push(self.say(Msg::RangeMeaning { range }));
            }
        }
        self.role_sentences(out, &ports, &server, around);
        out.service = Some(Service {
            transport: ports.transport,
            port: server.port,
            name: server.info.name,
            display_name: server.name,
            description: server.info.description,
            range: server.range,
            server_side: server.side,
            client_port: server.client_port,
        });
    }

    /// Which end is the server: the conversation remembers how its roles were decided; a lone
    /// packet, or a conversation whose only clue was which end spoke first, is judged by its
    /// ports (`None` when they do not say).
    fn server_of(&self, ports: Ports, context: Option<&PacketContext>) -> Option<Server> {
        let (side, roles) = match context.filter(|ctx| decided_by_conversation(ctx)) {
            Some(ctx) => (
                if ctx.from_client {
                    Side::Destination
                } else {
                    Side::Source
                },
                ctx.roles,
            ),
            None => decide(
                ports.transport,
                ports.source,
                ports.destination,
                ports.flags,
            )?,
        };
        let (port, client_port, direction) = match side {
            Side::Destination => (ports.destination, ports.source, Direction::ToServer),
            Side::Source => (ports.source, ports.destination, Direction::FromServer),
        };
        let info = ports::lookup(port, ports.transport).unwrap_or(ports::UNREGISTERED);
        Some(Server {
            side,
            port,
            client_port,
            info,
            name: info.name_in(self.lang),
            direction,
            range: PortRange::of(port),
            roles,
        })
    }

    /// Which program the server's port selects, and which port the client borrowed: said on the
    /// first packet of each direction of a conversation (the quiet view keeps the server's
    /// sentence as a possible summary even when it is not said again).
    fn role_sentences(
        &mut self,
        out: &mut Annotated,
        ports: &Ports,
        server: &Server,
        around: Surroundings<'_>,
    ) {
        let (server_host, client_host) = match (around.addresses, server.side) {
            (Some((s, d)), Side::Destination) => (Some(d), Some(s)),
            (Some((s, d)), Side::Source) => (Some(s), Some(d)),
            (None, _) => (None, None),
        };
        let roles_again = around.context.is_some_and(|ctx| {
            !self
                .told
                .first_time(Fact::Roles(ctx.conversation, ctx.from_client))
        });
        let reset = ports.flags.is_some_and(|f| f.has(TcpFlags::RST));
        // A repeated role sentence is built only when the quiet view may need it as a summary.
        let wanted = !roles_again || self.verbosity == Verbosity::Quiet;
        let range = server.range;
        let role = server_host.filter(|_| wanted).map(|host| {
            self.say(match (reset, server.direction) {
                (true, Direction::FromServer) => Msg::ResetFromPort {
                    transport: ports.transport,
                    port: server.port,
                    range,
                    service: server.name,
                    host,
                },
                _ => Msg::ServerPort {
                    transport: ports.transport,
                    port: server.port,
                    range,
                    service: server.name,
                    description: server.info.description_in(self.lang),
                    curated: server.info.curated,
                    host,
                    direction: server.direction,
                    audience: match server.direction {
                        Direction::ToServer => around.audience,
                        Direction::FromServer => Audience::One,
                    },
                },
            })
        });
        let first_of_conversation = around.context.is_none_or(|ctx| ctx.first_packet);
        if let (Roles::Guess(guess), Some((_, server_host)), true) = (
            server.roles,
            server_host.zip(client_host),
            first_of_conversation,
        ) {
            out.port_notes.push(self.say(Msg::RolesGuess {
                transport: ports.transport,
                guess,
                client_port: server.client_port,
                server_port: server.port,
                server_host,
                lent: Ephemeral::of(server.client_port),
            }));
        }
        if let (Some(sentence), false) = (&role, roles_again) {
            out.port_notes.push(sentence.clone());
        }
        self.role_sentence = role;
        if roles_again {
            // Said on this direction's first packet already.
        } else if server.port == server.client_port {
            out.port_notes.push(self.say(Msg::SamePorts {
                port: server.port,
                range,
                service: server.name,
                fixed: ports::fixed(server.port, ports.transport) == Some(Fixed::BothEnds),
            }));
        } else if let Some(host) = client_host {
            out.port_notes.push(self.say(Msg::ClientPort {
                port: server.client_port,
                range: PortRange::of(server.client_port),
                host,
                unspecified_host: host.is_unspecified(),
                direction: server.direction,
                kind: client_port_kind(ports, server),
                service: server.name,
                audience: match server.direction {
                    Direction::ToServer => Audience::One,
                    Direction::FromServer => around.audience,
                },
            }));
        }
    }
}

/// True when the conversation's memory decides the roles: a handshake, a service port, or a
/// guess from the ports or from earlier conversations; when the only clue was which end spoke
/// first, each packet is judged by its own ports.
fn decided_by_conversation(context: &PacketContext) -> bool {
    context.roles != Roles::Guess(Guess::SpokeFirst)
}

/// What kind of port the client's is: the one its protocol fixes, one in a range operating
/// systems lend, or one outside those ranges, which the program bound itself.
fn client_port_kind(ports: &Ports, server: &Server) -> ClientPortKind {
    let fixed = ports::fixed(server.client_port, ports.transport);
    if fixed
        == Some(Fixed::Client {
            server: server.port,
        })
    {
        ClientPortKind::Fixed
    } else if let Some(ephemeral) = Ephemeral::of(server.client_port) {
        ClientPortKind::Lent(ephemeral)
    } else {
        ClientPortKind::Bound
    }
}

/// The brief facts ([`super::role_of`]): the role the ports and flags alone give. That is the
/// server just found unless the conversation decided it; and when both agree, the server's port
/// lookup is reused, so the full explanation pays little for facts only the one-line view shows.
fn brief_role(
    ports: Ports,
    server: Option<&Server>,
    context: Option<&PacketContext>,
) -> Option<Role> {
    let by_conversation = context.is_some_and(decided_by_conversation);
    let side = match server {
        Some(server) if !by_conversation => server.side,
        _ => server_side(
            ports.transport,
            ports.source,
            ports.destination,
            ports.flags,
        )?,
    };
    Some(match server {
        Some(server) if server.side == side => Role {
            transport: ports.transport,
            port: server.port,
            client_port: server.client_port,
            server_side: side,
            service: server.info,
        },
        _ => Role::new(ports.transport, ports.source, ports.destination, side),
    })
}
