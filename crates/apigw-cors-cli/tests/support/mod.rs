//! The probe tests' loopback API Gateway stand-in and its scenarios.

pub mod scenarios;
pub mod stub;
