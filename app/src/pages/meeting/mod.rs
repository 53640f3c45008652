//! The pages of a live meeting: start, phone, screen, console and summary.

pub mod console;
pub mod parts;
pub mod phone;
pub mod screen;
pub mod start;
pub mod summary;
