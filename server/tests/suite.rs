//! Every integration test of the server, as one test binary. Each file beside this one is a
//! module here; `cargo test -p server --test suite security::` runs one file's tests.
//!
//! One binary instead of one per file: each links the whole server with SurrealDB (about
//! 260 MB unoptimised), so fifteen binaries cost fifteen links and about 4 GB of disk in
//! `target/` (README, "Building").

mod common;

mod agenda_drafts;
mod authority;
mod binary;
mod cafe;
mod crash;
mod db;
mod exports;
mod follow_up;
mod http;
mod instances;
mod live_core;
mod meetings;
mod real_clients;
mod retention;
mod security;
mod team_board;
mod team_file;
