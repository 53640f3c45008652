//! The pure domain: rules and types shared by the server and the browser. No I/O here.

pub mod balance;
pub mod board;
pub mod cafe;
pub mod dates;
pub mod export;
pub mod join_code;
pub mod locale;
pub mod meeting;
pub mod phase;
pub mod retention;
