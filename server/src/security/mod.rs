//! What keeps Samråd safe on a school's network (see docs/security.md): headers on every
//! response (`headers`), checks on every request (`requests`), where a request comes from
//! (`client`), and how much one address may make the server do (`limits`).

pub mod client;
pub mod headers;
pub mod limits;
pub mod requests;
