//! HTTP routes that are not Leptos pages. One module per feature.

pub mod health;
pub mod language;
