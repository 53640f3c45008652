//! The pages of a live meeting: start (and compose its agenda), phone, screen, console and
//! summary.

pub mod apart;
pub mod cafe;
pub mod compose;
pub mod console;
pub mod fit;
pub mod follow_up;
pub mod harvest;
pub mod hosts;
pub mod paper;
pub mod parts;
pub mod phone;
pub mod record;
pub mod screen;
pub mod start;
pub mod stations;
pub mod summary;
pub mod table_cards;
pub mod together;
