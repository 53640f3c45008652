//! One module per page. Routes are declared in `shell.rs`.

pub mod home;
pub mod library;
pub mod library_item;
pub mod meeting;
pub mod not_found;
pub mod pillars;
pub mod privacy;
pub mod server_error;
pub mod team;
pub mod templates;
