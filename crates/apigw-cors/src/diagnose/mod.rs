//! Diagnosis of a browser's CORS failure against API Gateway: the causes ([`Cause`]) with their
//! fixes in each deploy tool, shared by the probe (which names what it sees with them) and
//! [`explain`] (which reads a pasted console message of Chrome, Firefox or Safari and lists the
//! causes that fit it).

mod candidates;
mod cause;
mod explain;
mod finding;
mod read;
mod terms;

pub use cause::{Cause, UnknownCause};
pub use explain::{explain, Explanation, Read};
pub use finding::{Browser, Check, Exchange, Finding};

#[cfg(test)]
mod tests;
