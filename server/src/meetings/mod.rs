//! Live meetings on the server: the authority that applies commands (`hub`), the tables it
//! keeps them in (`store`), the fan-out to open streams (`bus`) and keys (`secret`).

pub mod bus;
pub mod hub;
pub mod secret;
pub mod store;
