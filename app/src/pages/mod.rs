//! One module per page. Routes are declared in `shell.rs`.

pub mod home;
pub mod not_found;
pub mod server_error;
