//! Teams on the server: the team's action board across its meetings (`board`), kept in its
//! own table and changed only through the board's one form.

pub mod board;
pub mod calendar;
pub mod delete;
pub mod retention;
