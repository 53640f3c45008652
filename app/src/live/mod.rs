//! The client side of live meetings: what the pages load and send, the live stream, and the
//! refusals in the user's language.

#[cfg(feature = "ssr")]
pub mod backend;
#[cfg(feature = "hydrate")]
pub mod client;
pub mod data;
pub mod forms;
pub mod hooks;
pub mod messages;
pub mod server_fns;
