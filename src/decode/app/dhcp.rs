//! DHCP (RFC 2131): the message type of a BOOTP packet carrying the DHCP magic cookie.

use super::Application;

const MAGIC_COOKIE: [u8; 4] = [99, 130, 83, 99];
const OPTIONS_START: usize = 240;
const MESSAGE_TYPE: u8 = 53;

pub fn parse(payload: &[u8]) -> Option<Application> {
    let op = *payload.first()?;
    if !(op == 1 || op == 2) || payload.get(236..240)? != MAGIC_COOKIE {
        return None;
    }
    let transaction_id = u32::from_be_bytes(payload.get(4..8)?.try_into().ok()?);
    let mut i = OPTIONS_START;
    while let Some(&code) = payload.get(i) {
        match code {
            0 => i += 1,
            255 => break,
            _ => {
                let length = usize::from(*payload.get(i + 1)?);
                if code == MESSAGE_TYPE && length == 1 {
                    return Some(Application::Dhcp {
                        message_type: *payload.get(i + 2)?,
                        transaction_id,
                    });
                }
                i += 2 + length;
            }
        }
    }
    None
}

/// A DHCP message type (RFC 2132 §9.6), the value of option 53.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageType {
    Discover,
    Offer,
    Request,
    Decline,
    Ack,
    Nak,
    Release,
    Inform,
    Unknown(u8),
}

impl MessageType {
    pub fn from_value(value: u8) -> MessageType {
        match value {
            1 => MessageType::Discover,
            2 => MessageType::Offer,
            3 => MessageType::Request,
            4 => MessageType::Decline,
            5 => MessageType::Ack,
            6 => MessageType::Nak,
            7 => MessageType::Release,
            8 => MessageType::Inform,
            other => MessageType::Unknown(other),
        }
    }

    /// The type's name as RFC 2132 spells it (`None` for a value it does not define).
    pub fn name(self) -> Option<&'static str> {
        Some(match self {
            MessageType::Discover => "DISCOVER",
            MessageType::Offer => "OFFER",
            MessageType::Request => "REQUEST",
            MessageType::Decline => "DECLINE",
            MessageType::Ack => "ACK",
            MessageType::Nak => "NAK",
            MessageType::Release => "RELEASE",
            MessageType::Inform => "INFORM",
            MessageType::Unknown(_) => return None,
        })
    }
}

/// DHCP message type names (RFC 2132 §9.6).
pub fn message_type_name(value: u8) -> Option<&'static str> {
    MessageType::from_value(value).name()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discover() {
        let mut packet = vec![0u8; 240];
        packet[0] = 1;
        packet[4..8].copy_from_slice(&[0x12, 0x34, 0x56, 0x78]);
        packet[236..240].copy_from_slice(&MAGIC_COOKIE);
        packet.extend_from_slice(&[53, 1, 1, 255]);
        assert_eq!(
            parse(&packet),
            Some(Application::Dhcp {
                message_type: 1,
                transaction_id: 0x1234_5678
            })
        );
        assert_eq!(message_type_name(1), Some("DISCOVER"));
        assert_eq!(MessageType::from_value(5), MessageType::Ack);
        assert_eq!(MessageType::from_value(9), MessageType::Unknown(9));
        assert_eq!(message_type_name(9), None);
        assert_eq!(parse(&packet[..239]), None);
        packet[241] = 200; // a length running past the end
        assert_eq!(parse(&packet), None);
    }
}
