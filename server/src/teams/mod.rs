//! Teams on the server: the team's action board across its meetings (`board`, kept in its own
//! table and changed only through the board's one form), its calendar subscription
//! (`calendar`), deleting (`delete`), erasing answers after the team's days (`retention`) and
//! the team as one file, out and back in (`archive`); a new meeting's follow-up of the team's
//! open actions (`follow_up`).

pub mod archive;
pub mod board;
pub mod calendar;
pub mod delete;
pub mod follow_up;
pub mod retention;
