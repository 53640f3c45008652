//! Live meetings on the server: the authority that applies commands (`hub`), the tables it
//! keeps them in (`store`), the fan-out to open streams (`bus`), keys (`secret`) and the
//! agendas leaders compose before a meeting (`drafts`).

pub mod bus;
pub mod drafts;
pub mod hub;
pub mod secret;
pub mod store;
