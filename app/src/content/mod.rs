//! The content of Samråd: the five pillars model and every item of the five source documents,
//! kept as TOML under `app/content/` (readable and correctable without Rust), compiled into
//! the binary and checked at start and in tests.

pub mod filter;
mod load;
pub mod model;
pub mod template;

pub use load::{ContentError, Library, check_text, library, load};

#[cfg(test)]
mod tests;
