//! Facts as data: the port table and IANA's registry, protocol numbers and their names, address
//! classes, and the client/server rule. No sentences and no state: explain turns these facts into
//! words, and the observers (flows, procs, stats) use them without going through explain.

pub mod addresses;
pub mod ports;
pub mod protocols;
pub mod roles;

pub use roles::{Direction, Guess, Roles, Side, decide, server_side};
