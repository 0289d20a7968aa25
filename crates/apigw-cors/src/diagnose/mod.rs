//! Diagnosis of a browser's CORS failure against API Gateway: the causes ([`Cause`]) with their
//! fixes in each deploy tool. The probe names what it sees with them; `explain` reads a console
//! message and lists the candidate causes.

mod cause;
mod terms;

pub use cause::{Cause, UnknownCause};

#[cfg(test)]
mod tests;
