//! What the unit tests share: the requirements of tests that depend on the machine
//! ([`environment`]) and whole outputs compared with a unified diff ([`text`]), both shared with
//! the integration tests.

pub mod environment;
pub mod text;
