//! A live meeting's rules as plain Rust, shared by the server (the one authority that
//! applies commands) and the browser (which shows views and checks input before sending).
//!
//! The flow of one command: `state::MeetingState::decide` checks it against the current
//! state and returns a `Change`; the server stores it as a numbered `Event`;
//! `MeetingState::evolve` applies it; `view` computes what each role may now see.

pub mod agenda;
pub mod apart;
pub mod cafe;
pub mod clean;
pub mod command;
pub mod cpr;
pub mod draft;
pub mod follow_up;
pub mod harvest;
pub mod hosts;
pub mod ids;
pub mod present;
pub mod routes;
pub mod state;
pub mod text;
pub mod together;
pub mod view;

#[cfg(test)]
mod apart_tests;
#[cfg(test)]
mod cafe_tests;
#[cfg(test)]
mod harvest_tests;
#[cfg(test)]
mod hosts_tests;
#[cfg(test)]
mod paper_tests;
#[cfg(test)]
mod routes_tests;
#[cfg(test)]
mod stations_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod together_tests;
