//! What the unit tests share: the requirements of tests that depend on the machine
//! ([`environment`], shared with the integration tests).

pub mod environment;
