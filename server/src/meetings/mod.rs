//! Live meetings on the server: the registry that finds and starts meetings (`hub`), each
//! meeting's writer (`writer`) and what it publishes (`live`), the outcomes that make
//! commands idempotent (`outcomes`), the tables it keeps them in (`store`), the hand-off of
//! stored events to other nodes (`bus`), keys (`secret`) and the agendas leaders compose
//! before a meeting (`drafts`).

pub mod bus;
pub mod drafts;
pub mod hub;
pub mod live;
pub mod outcomes;
pub mod secret;
pub mod store;
pub mod writer;
