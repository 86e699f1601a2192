//! The field names a catalogue must say: every field a chain step names, and every header field of
//! the verbose view, each list kept complete by an exhaustive `match`.

use super::*;

/// Every field a chain step can name; the match below keeps this list complete.
pub(super) fn all_fields() -> Vec<Field> {
    let fields = vec![
        Field::EtherType,
        Field::CookedProtocol,
        Field::AddressFamily,
        Field::IpVersion,
        Field::IpProtocol,
        Field::NextHeader,
        Field::DestinationPort,
    ];
    for field in &fields {
        match field {
            Field::EtherType
            | Field::CookedProtocol
            | Field::AddressFamily
            | Field::IpVersion
            | Field::IpProtocol
            | Field::NextHeader
            | Field::DestinationPort => {}
        }
    }
    fields
}

/// Every header field of the verbose view, in declaration order.
pub(super) fn all_field_ids() -> Vec<FieldId> {
    use FieldId::*;
    vec![
        DestinationMac,
        SourceMac,
        EtherType,
        VlanPriority,
        VlanDropEligible,
        VlanId,
        CookedPacketType,
        CookedHardwareType,
        CookedAddress,
        CookedInterface,
        CookedProtocol,
        AddressFamily,
        ArpHardwareType,
        ArpProtocolType,
        ArpOperation,
        ArpSenderMac,
        ArpSenderIp,
        ArpTargetMac,
        ArpTargetIp,
        IpVersion,
        HeaderLength,
        Dscp,
        Ecn,
        TotalLength,
        Identification,
        IpFlags,
        FragmentOffset,
        Ttl,
        IpProtocol,
        HeaderChecksum,
        SourceIp,
        DestinationIp,
        TrafficClass,
        FlowLabel,
        PayloadLength,
        NextHeader,
        HopLimit,
        SourcePort,
        DestinationPort,
        SequenceNumber,
        AcknowledgmentNumber,
        DataOffset,
        TcpFlags,
        Window,
        Checksum,
        UrgentPointer,
        TcpOptions,
        UdpLength,
        IcmpType,
        IcmpCode,
        EchoIdentifier,
        EchoSequence,
        IgmpType,
        IgmpGroup,
    ]
}

/// The position of a field id in declaration order; exhaustive, so a new field id must be
/// listed here (and then in `all_field_ids`, or the coverage test fails).
pub(super) fn field_id_index(id: FieldId) -> usize {
    use FieldId::*;
    match id {
        DestinationMac => 0,
        SourceMac => 1,
        EtherType => 2,
        VlanPriority => 3,
        VlanDropEligible => 4,
        VlanId => 5,
        CookedPacketType => 6,
        CookedHardwareType => 7,
        CookedAddress => 8,
        CookedInterface => 9,
        CookedProtocol => 10,
        AddressFamily => 11,
        ArpHardwareType => 12,
        ArpProtocolType => 13,
        ArpOperation => 14,
        ArpSenderMac => 15,
        ArpSenderIp => 16,
        ArpTargetMac => 17,
        ArpTargetIp => 18,
        IpVersion => 19,
        HeaderLength => 20,
        Dscp => 21,
        Ecn => 22,
        TotalLength => 23,
        Identification => 24,
        IpFlags => 25,
        FragmentOffset => 26,
        Ttl => 27,
        IpProtocol => 28,
        HeaderChecksum => 29,
        SourceIp => 30,
        DestinationIp => 31,
        TrafficClass => 32,
        FlowLabel => 33,
        PayloadLength => 34,
        NextHeader => 35,
        HopLimit => 36,
        SourcePort => 37,
        DestinationPort => 38,
        SequenceNumber => 39,
        AcknowledgmentNumber => 40,
        DataOffset => 41,
        TcpFlags => 42,
        Window => 43,
        Checksum => 44,
        UrgentPointer => 45,
        TcpOptions => 46,
        UdpLength => 47,
        IcmpType => 48,
        IcmpCode => 49,
        EchoIdentifier => 50,
        EchoSequence => 51,
        IgmpType => 52,
        IgmpGroup => 53,
    }
}
pub(super) const FIELD_ID_COUNT: usize = 54;
