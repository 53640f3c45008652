//! Who sits at which table in each round of a café: the social golfer problem with fixed
//! table hosts. Pure and deterministic: the same setup and seed give the same seating, on
//! the server and in the browser.
//!
//! The rules, in order of strength:
//! 1. Hard, checked before planning (a [`Conflict`] names what cannot hold): hosts stay at
//!    their table; a keep-together group always shares a table (a group with a host stays
//!    at the host's table); a keep-apart pair never does; in every round each present person
//!    has exactly one table, and the tables differ by at most one person in size.
//! 2. While there are no more rounds than tables, no one who moves sits at a table twice.
//! 3. As few pairs of people as possible meet more than once (cost: for each pair that
//!    meets m times, m·(m−1)/2, so one pair meeting three times weighs more than two pairs
//!    meeting twice).
//!
//! Rounds already seated (the past ones and the current one) are kept exactly as they are:
//! late arrivals and leavers change only the rounds still to come. A newcomer during a
//! round goes to the smallest table ([`smallest_table`]).

use std::collections::BTreeMap;

use super::search::{self, Problem};

/// A table's number, from 1.
pub type TableNo = u16;

/// One round's seating: each person's table.
pub type Seating<P> = BTreeMap<P, TableNo>;

/// What the rotation is asked to plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setup<P> {
    pub tables: u16,
    pub rounds: u16,
    /// Everyone present from now on, hosts included.
    pub people: Vec<P>,
    /// Each host's table. A table need not have a host.
    pub hosts: Vec<(P, TableNo)>,
    /// Groups that always share a table (a parent and an interpreter, a couple).
    pub together: Vec<Vec<P>>,
    /// Pairs that never share a table.
    pub apart: Vec<(P, P)>,
    /// The rounds already seated, from the first: kept as they are. They may name people who
    /// have left since; whom those people met still counts.
    pub seated: Vec<Seating<P>>,
    pub seed: u64,
}

/// Why a setup cannot be planned as asked. Each names the people or groups involved, so
/// the leader can change the one that matters least.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conflict<P> {
    /// No tables, no rounds, or more rounds seated than planned.
    Shape,
    /// A host's table number is not one of the tables.
    NoSuchTable { host: P, table: TableNo },
    /// One table has two hosts.
    TwoHosts { table: TableNo, hosts: (P, P) },
    /// One person hosts two tables.
    HostsTwice { host: P },
    /// A keep-together group (or groups that share a person) holds the hosts of two tables.
    HostsKeptTogether { hosts: (P, P) },
    /// A keep-apart pair is also kept together (directly or through groups that share a person).
    ApartButTogether { pair: (P, P) },
    /// A keep-together group is larger than a table may be with everyone present.
    GroupTooLarge { group: Vec<P>, largest_table: usize },
    /// The keep-together groups cannot be spread so that tables differ by at most one.
    Unbalanced { groups: Vec<Vec<P>> },
    /// The keep-apart pairs cannot all be kept apart with this many tables.
    CannotKeepApart { pairs: Vec<(P, P)> },
}

/// A seating for every round: the ones that were seated, then the planned ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan<P> {
    pub rounds: Vec<Seating<P>>,
}

/// Plans every round not yet seated.
pub fn plan<P: Ord + Copy>(setup: &Setup<P>) -> Result<Plan<P>, Vec<Conflict<P>>> {
    let problem = Problem::new(setup)?;
    let planned = search::solve(&problem)?;
    let mut rounds = setup.seated.clone();
    rounds.extend(planned);
    Ok(Plan { rounds })
}

/// The table a newcomer joins during a round that is already seated: the smallest one, the
/// lowest number among equals. Nobody else moves.
pub fn smallest_table<P>(round: &Seating<P>, tables: u16) -> TableNo {
    let mut sizes = vec![0usize; usize::from(tables)];
    for &table in round.values() {
        if let Some(size) = sizes.get_mut(usize::from(table).wrapping_sub(1)) {
            *size += 1;
        }
    }
    (1..=tables)
        .min_by_key(|&t| sizes[usize::from(t) - 1])
        .unwrap_or(1)
}

/// How many tables a café needs so that no table has more than `per_table` people, the host
/// included (at least one table).
pub fn tables_for(people: usize, per_table: usize) -> u16 {
    let per_table = per_table.max(2);
    u16::try_from(people.div_ceil(per_table).max(1)).unwrap_or(u16::MAX)
}
