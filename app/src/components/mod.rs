//! Pieces shared by several pages.

pub mod address;
pub mod balance_chart;
pub mod language_switch;
pub mod layout;
pub mod raw_text;
pub mod with_library;
