//! The café in a live meeting (glossary: *café*): the agenda's table rounds, who sits at
//! which table in each round, and who hosts which table. The rotation itself is
//! `domain::cafe::rotation`; this module decides when it runs and keeps what it decided.
//!
//! - Rounds are the agenda's steps marked as table rounds, in order; one café per meeting.
//! - A round is seated when the host first moves the meeting to it (earlier rounds that were
//!   skipped are seated with it). The seating is stored in that move's event, so a replay
//!   never plans again and a later change of the rotation never moves a past meeting.
//! - Table hosts are the volunteers the leader kept (`hosts.rs`), in the order they offered,
//!   when the first round is seated; they keep their table for every round.
//! - A newcomer during the café sits at the smallest table of the round in use (and of any
//!   later round already seated); nobody else moves. Only when every table is full under
//!   the table size does a newcomer open a new table.
//! - Answers written while a person has a seat belong to that table (`Answer::table`): the
//!   table's points, shown as the table's, never as a person's.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::agenda::Agenda;
use super::apart::UnmetApart;
use super::command::CommandError;
use super::harvest::HarvestForm;
use super::ids::{ParticipantId, shuffle_key};
use super::routes::RouteBreak;
use super::text::DisplayName;
use super::together::{TogetherCode, Unkept, UnmetGroup, plan_with_wishes};
use crate::domain::cafe::rotation::{self, Seating, Setup, TableNo};

/// At most this many people at a table, the host included, unless the leader says otherwise.
pub const DEFAULT_TABLE_SIZE: u8 = 5;
/// More tables than this is not one room.
pub const MAX_TABLES: u16 = 60;

/// How the tables are counted: a fixed number, or as many as the table size needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableRule {
    /// A fixed number of tables; `None`: as many as `per_table` needs.
    pub tables: Option<u16>,
    /// At most this many people at a table, the host included.
    pub per_table: u8,
    /// When fewer volunteer than there are tables: draw the other hosts among the people
    /// with a phone (never a guest or a table's device). Off: those tables have no host.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draw_hosts: bool,
    /// Stations: in a round whose step has two texts or more, each table talks about one of
    /// them (table 1 the first, table 2 the second, …), so moving brings a new one.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub stations: bool,
}

impl Default for TableRule {
    fn default() -> Self {
        Self {
            tables: None,
            per_table: DEFAULT_TABLE_SIZE,
            draw_hosts: false,
            stations: false,
        }
    }
}

impl TableRule {
    /// A rule as the console sends it (0 tables: count them from the size); the choices are
    /// off until set.
    pub fn parse(tables: u16, per_table: u8) -> Result<Self, CommandError> {
        if tables > MAX_TABLES || !(2..=12).contains(&per_table) {
            return Err(CommandError::TableRule { max: MAX_TABLES });
        }
        Ok(Self {
            tables: (tables > 0).then_some(tables),
            per_table,
            ..Self::default()
        })
    }

    /// Tables for `people` present.
    pub fn tables_for(self, people: usize) -> u16 {
        self.tables
            .unwrap_or_else(|| rotation::tables_for(people, usize::from(self.per_table)))
            .clamp(1, MAX_TABLES)
    }
}

/// Rounds seated by one move, as stored in its event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seated {
    /// The first round seated by this move (0-based).
    pub from_round: usize,
    pub tables: u16,
    /// Set when the first round is seated; empty afterwards (hosts never change).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hosts: Vec<(ParticipantId, TableNo)>,
    /// Each round's seating, from `from_round` on.
    pub rounds: Vec<Vec<(ParticipantId, TableNo)>>,
    /// Groups that should sit together but could not in these rounds (`together.rs`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unmet: Vec<UnmetGroup>,
    /// Pairs that should sit apart but could not in these rounds (`apart.rs`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unmet_apart: Vec<UnmetApart>,
    /// When the café begins: each guest's table in every round, for the route cards
    /// (`routes.rs`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub routes: Vec<(ParticipantId, Vec<TableNo>)>,
    /// Guests who could not sit at their card's table in these rounds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub route_breaks: Vec<RouteBreak>,
}

/// What the events say about the meeting's café.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CafeState {
    pub rule: TableRule,
    /// People who said they would host a table, in the order they said it.
    pub volunteers: Vec<ParticipantId>,
    /// The names volunteers gave so the leader can see who offered (`hosts.rs`).
    pub volunteer_names: BTreeMap<ParticipantId, DisplayName>,
    /// Volunteers the leader chose not to make hosts.
    pub passed_over: BTreeSet<ParticipantId>,
    pub hosts: Vec<(ParticipantId, TableNo)>,
    /// Tables in use (0 until the first round is seated).
    pub tables: u16,
    /// The seated rounds, from the first.
    pub rounds: Vec<Seating<ParticipantId>>,
    /// Devices that belong to a table (from a table card): they stay there, write for the
    /// table, and are not people the rotation moves or counts.
    pub devices: BTreeMap<ParticipantId, TableNo>,
    /// People without a phone whom the host added, in the order added (*gæst 1, 2, …*).
    pub guests: Vec<ParticipantId>,
    /// The headings and limit of the harvest after the last round.
    pub harvest: HarvestForm,
    /// People who sit together (`together.rs`), by their group's code.
    pub groups: BTreeMap<TogetherCode, Vec<ParticipantId>>,
    /// The groups the seated rounds could not keep together, and why.
    pub unmet: Vec<UnmetGroup>,
    /// Pairs the leader keeps apart (`apart.rs`), each in the order (lower id, higher id).
    pub apart: Vec<(ParticipantId, ParticipantId)>,
    /// The pairs the seated rounds could not keep apart, and why.
    pub unmet_apart: Vec<UnmetApart>,
    /// Each guest's table in every round (index = round), as the route card says.
    pub routes: BTreeMap<ParticipantId, Vec<TableNo>>,
    /// Rounds in which a guest could not sit at the card's table.
    pub route_breaks: Vec<RouteBreak>,
}

impl Agenda {
    /// The round a step is (0-based), if it is a table round.
    pub fn round_of(&self, step: usize) -> Option<usize> {
        if !self.steps.get(step)?.table_round {
            return None;
        }
        Some(self.steps[..step].iter().filter(|s| s.table_round).count())
    }

    /// How many table rounds the agenda has (0: no café).
    pub fn rounds(&self) -> usize {
        self.steps.iter().filter(|s| s.table_round).count()
    }

    pub fn has_cafe(&self) -> bool {
        self.rounds() > 0
    }
}

impl CafeState {
    pub fn started(&self) -> bool {
        !self.rounds.is_empty()
    }

    /// The round whose seating is in use at `step`: that round at a round step (once
    /// seated), the last seated one at a later step (people stay at their table for the
    /// harvest), none before the café.
    pub fn round_in_use(&self, agenda: &Agenda, step: usize) -> Option<usize> {
        if let Some(round) = agenda.round_of(step) {
            return (round < self.rounds.len()).then_some(round);
        }
        let last = self.rounds.len().checked_sub(1)?;
        let first_round_step = agenda.steps.iter().position(|s| s.table_round)?;
        (step > first_round_step).then_some(last)
    }

    /// Where `person` sits at `step` (a table's own device: at its table).
    pub fn seat(&self, agenda: &Agenda, step: usize, person: ParticipantId) -> Option<TableNo> {
        let round = self.round_in_use(agenda, step)?;
        if let Some(table) = self.devices.get(&person) {
            return Some(*table);
        }
        self.rounds[round].get(&person).copied()
    }

    /// Makes `device` a table's own from the round in use at `step` on: it leaves the
    /// seating of that round and the later ones (the rounds before keep whom it met) and
    /// no longer offers to host.
    pub fn set_device(
        &mut self,
        agenda: &Agenda,
        step: usize,
        device: ParticipantId,
        table: TableNo,
    ) {
        self.devices.insert(device, table);
        self.volunteers.retain(|v| *v != device);
        self.hosts.retain(|(host, _)| *host != device);
        let from = self.round_in_use(agenda, step).unwrap_or(self.rounds.len());
        for round in self.rounds.iter_mut().skip(from) {
            round.remove(&device);
        }
        if self.started() {
            self.tables = self.tables.max(table);
        }
    }

    /// At a round with stations: the text (index into the step's questions) that `table`
    /// talks about. `None` when the café has no stations or the round has one text.
    pub fn station(&self, agenda: &Agenda, step: usize, table: TableNo) -> Option<usize> {
        let texts = agenda.steps.get(step)?;
        let count = texts.questions.len();
        (self.rule.stations && texts.table_round && count >= 2)
            .then(|| usize::from(table.max(1) - 1) % count)
    }

    pub fn is_host(&self, person: ParticipantId) -> bool {
        self.hosts.iter().any(|(host, _)| *host == person)
    }

    /// The rounds to seat when the meeting moves to `step`: every round up to that step's
    /// that is not seated yet. `None` when nothing is to be seated.
    pub fn seat_for_move(
        &self,
        agenda: &Agenda,
        step: usize,
        people: &[ParticipantId],
        seed: u64,
    ) -> Result<Option<Seated>, CommandError> {
        let Some(round) = agenda.round_of(step) else {
            return Ok(None);
        };
        let from_round = self.rounds.len();
        if round < from_round {
            return Ok(None);
        }
        let first = !self.started();
        let devices_at = self.devices.values().copied().max().unwrap_or(0);
        let tables = self
            .tables
            .max(self.rule.tables_for(people.len()))
            .max(devices_at);
        let hosts: Vec<(ParticipantId, TableNo)> = if first {
            self.first_hosts(people, tables, seed)
                .into_iter()
                .zip(1..)
                .collect()
        } else {
            self.hosts
                .iter()
                .filter(|(host, _)| people.contains(host))
                .copied()
                .collect()
        };
        let groups = self.groups_present(people);
        let apart = self.apart_present(people);
        let setup = Setup {
            tables,
            rounds: u16::try_from(round + 1).unwrap_or(u16::MAX),
            people: people.to_vec(),
            hosts: hosts.clone(),
            together: Vec::new(),
            apart: Vec::new(),
            seated: self.rounds.clone(),
            seed: seed ^ u64::try_from(from_round).unwrap_or(0),
        };
        // Guests without a phone get route cards: when the café begins, their tables are
        // planned for every round, round by round as the later moves would (`routes.rs`).
        let preview = first
            && self
                .guests
                .iter()
                .any(|g| people.contains(g) && self.routed(*g));
        let (plan, unkept) = if preview {
            self.plan_ahead(
                setup,
                &groups,
                &apart,
                agenda.rounds().max(round + 1),
                round,
            )?
        } else {
            plan_with_wishes(setup, groups.clone(), apart.clone(), from_round)
                .map(|(plan, unkept)| (plan.rounds, unkept))
                .map_err(|_| CommandError::CafePlan)?
        };
        let routes = if preview {
            self.routes_from(&plan)
        } else {
            Vec::new()
        };
        let mut rounds: Vec<Seating<ParticipantId>> = plan[from_round..=round].to_vec();
        let mut route_breaks = Vec::new();
        for (offset, seating) in rounds.iter_mut().enumerate() {
            route_breaks.extend(self.follow_routes(
                from_round + offset,
                seating,
                &groups,
                &apart,
                &hosts,
                seed,
            ));
        }
        Ok(Some(Seated {
            from_round,
            tables,
            hosts: if first { hosts } else { Vec::new() },
            rounds: rounds
                .iter()
                .map(|seating| seating.iter().map(|(p, t)| (*p, *t)).collect())
                .collect(),
            unmet: unkept.groups,
            unmet_apart: unkept.apart,
            routes,
            route_breaks,
        }))
    }

    /// Plans `rounds` rounds one by one from the first, each as a move to it would (its own
    /// seed, the rounds before as seated). The wishes not kept count up to `seated_to`.
    fn plan_ahead(
        &self,
        setup: Setup<ParticipantId>,
        groups: &[(TogetherCode, Vec<ParticipantId>)],
        apart: &[(ParticipantId, ParticipantId)],
        rounds: usize,
        seated_to: usize,
    ) -> Result<(Vec<Seating<ParticipantId>>, Unkept), CommandError> {
        let seed = setup.seed;
        let mut plan: Vec<Seating<ParticipantId>> = setup.seated.clone();
        let mut unkept = Unkept::default();
        for round in plan.len()..rounds {
            let step = Setup {
                rounds: u16::try_from(round + 1).unwrap_or(u16::MAX),
                seated: plan.clone(),
                seed: seed ^ u64::try_from(round).unwrap_or(0),
                ..setup.clone()
            };
            let (planned, wishes) = plan_with_wishes(step, groups.to_vec(), apart.to_vec(), round)
                .map_err(|_| CommandError::CafePlan)?;
            if round <= seated_to {
                unkept.groups.extend(wishes.groups);
                unkept.apart.extend(wishes.apart);
            }
            plan.push(planned.rounds[round].clone());
        }
        Ok((plan, unkept))
    }

    /// The first round's hosts, one a table: the volunteers present in the order they
    /// offered, then (if the rule says so) people with a phone drawn in the meeting's
    /// seeded order.
    fn first_hosts(&self, people: &[ParticipantId], tables: u16, seed: u64) -> Vec<ParticipantId> {
        let mut hosts: Vec<ParticipantId> = self
            .chosen_volunteers()
            .filter(|v| people.contains(v))
            .take(usize::from(tables))
            .copied()
            .collect();
        if self.rule.draw_hosts {
            let mut others: Vec<ParticipantId> = people
                .iter()
                .filter(|p| !hosts.contains(p) && !self.guests.contains(p))
                .copied()
                .collect();
            others.sort_by_key(|p| shuffle_key(seed, p.0));
            let missing = usize::from(tables).saturating_sub(hosts.len());
            hosts.extend(others.into_iter().take(missing));
        }
        hosts
    }

    pub fn apply_seated(&mut self, seated: &Seated) {
        if !self.started() {
            self.hosts = seated.hosts.clone();
        }
        self.tables = self.tables.max(seated.tables);
        self.rounds.truncate(seated.from_round);
        self.unmet.retain(|u| u.round < seated.from_round);
        self.unmet.extend(seated.unmet.iter().copied());
        self.unmet_apart.retain(|u| u.round < seated.from_round);
        self.unmet_apart.extend(seated.unmet_apart.iter().copied());
        self.routes.extend(seated.routes.iter().cloned());
        self.route_breaks.retain(|b| b.round < seated.from_round);
        self.route_breaks
            .extend(seated.route_breaks.iter().copied());
        self.rounds.extend(
            seated
                .rounds
                .iter()
                .map(|round| round.iter().copied().collect::<BTreeMap<_, _>>()),
        );
    }

    /// The table a newcomer gets at `step`: the smallest of the round in use, or a new one
    /// when every table is full and the tables are counted from their size.
    pub fn newcomer_table(&self, agenda: &Agenda, step: usize) -> Option<TableNo> {
        let round = self.round_in_use(agenda, step)?;
        let seating = &self.rounds[round];
        let table = rotation::smallest_table(seating, self.tables);
        let size = seating.values().filter(|t| **t == table).count();
        let grows = self.rule.tables.is_none()
            && size >= usize::from(self.rule.per_table)
            && self.tables < MAX_TABLES;
        Some(if grows { self.tables + 1 } else { table })
    }

    /// Seats a newcomer at `table` in the round in use at `step`, and at the smallest table
    /// of every later round already seated.
    pub fn seat_newcomer(
        &mut self,
        agenda: &Agenda,
        step: usize,
        person: ParticipantId,
        table: TableNo,
    ) {
        let Some(round) = self.round_in_use(agenda, step) else {
            return;
        };
        self.tables = self.tables.max(table);
        self.rounds[round].insert(person, table);
        for later in round + 1..self.rounds.len() {
            let smallest = rotation::smallest_table(&self.rounds[later], self.tables);
            self.rounds[later].insert(person, smallest);
        }
    }

    /// How many sit at each table in the round in use at `step` (index 0 is table 1).
    pub fn table_sizes(&self, agenda: &Agenda, step: usize) -> Vec<usize> {
        let Some(round) = self.round_in_use(agenda, step) else {
            return Vec::new();
        };
        let mut sizes = vec![0; usize::from(self.tables)];
        for table in self.rounds[round].values() {
            if let Some(size) = sizes.get_mut(usize::from(*table).wrapping_sub(1)) {
                *size += 1;
            }
        }
        sizes
    }
}
