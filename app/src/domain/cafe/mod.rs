//! The café model (glossary: *café*): small tables, rounds, table hosts who stay, everyone
//! else moving so that they meet new people, and a harvest in plenary. Pure: who sits where
//! in each round (`rotation`) and how good a seating is (`quality`).

pub mod quality;
pub mod rotation;
mod search;

#[cfg(test)]
mod tests;
