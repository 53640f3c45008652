//! HTTP routes that are not Leptos pages. One module per feature.

pub mod agenda_forms;
pub mod assets;
pub mod exports;
pub mod feed;
pub mod guard;
pub mod health;
pub mod kept_text;
pub mod language;
pub mod meeting_api;
pub mod meeting_forms;
pub mod redirect;
pub mod request;
pub mod team;
pub mod team_file;
