//! Route cards for the café's guests without a phone (glossary: *rutekort*): a printed card
//! with the guest's table in every round. So that a card printed at the first round stays
//! true, a guest's tables are planned for the whole café when the first round is seated
//! (`Seated::routes`), and every later round keeps each guest at the table on the card: the
//! rotation plans the round, then the guest changes seats with someone at the card's table
//! (never a host, a guest, a table's device, someone who sits with a group or is kept
//! apart), so the tables keep their sizes. A guest added later gets a card from then on: the
//! next table each round. A guest who sits with a group follows the group instead and has no
//! card. When no one can change seats, the guest sits where the plan says and the console
//! says so.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::agenda::Agenda;
use super::cafe::CafeState;
use super::ids::{ParticipantId, shuffle_key};
use crate::domain::cafe::rotation::{Seating, TableNo};

/// A round in which a guest could not sit at the table on the card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RouteBreak {
    /// The round (0-based).
    pub round: usize,
    pub guest: ParticipantId,
    /// Where the guest sits instead.
    pub table: TableNo,
}

impl CafeState {
    /// Whether `guest` gets a route card: a guest without a group.
    pub(super) fn routed(&self, guest: ParticipantId) -> bool {
        self.guests.contains(&guest) && self.group_of(guest).is_none()
    }

    /// The routes of the guests, from a plan of every round (index = round).
    pub(super) fn routes_from(
        &self,
        plan: &[Seating<ParticipantId>],
    ) -> Vec<(ParticipantId, Vec<TableNo>)> {
        self.guests
            .iter()
            .filter(|g| self.routed(**g))
            .filter_map(|guest| {
                let tables: Option<Vec<TableNo>> =
                    plan.iter().map(|round| round.get(guest).copied()).collect();
                Some((*guest, tables?))
            })
            .collect()
    }

    /// A card for a guest added during the café, at `table` in round `round`: the next
    /// table in each later round.
    pub fn late_route(&self, agenda: &Agenda, round: usize, table: TableNo) -> Vec<TableNo> {
        let tables = self.tables.max(table).max(1);
        (0..agenda.rounds())
            .map(|r| {
                let step = u16::try_from(r.saturating_sub(round)).unwrap_or(0) % tables;
                (table - 1 + step) % tables + 1
            })
            .collect()
    }

    /// Seats every guest with a card at the card's table in `round`, by changing seats with
    /// someone there; returns the guests for whom no one could.
    pub(super) fn follow_routes(
        &self,
        round: usize,
        seating: &mut BTreeMap<ParticipantId, TableNo>,
        groups: &[(super::together::TogetherCode, Vec<ParticipantId>)],
        apart: &[(ParticipantId, ParticipantId)],
        hosts: &[(ParticipantId, TableNo)],
        seed: u64,
    ) -> Vec<RouteBreak> {
        let fixed = |p: &ParticipantId| {
            hosts.iter().any(|(h, _)| h == p)
                || self.routes.contains_key(p)
                || groups.iter().any(|(_, m)| m.contains(p))
                || apart.iter().any(|(a, b)| a == p || b == p)
        };
        let partners = |p: ParticipantId| {
            apart
                .iter()
                .filter_map(move |&(a, b)| (a == p).then_some(b).or((b == p).then_some(a)))
        };
        let mut breaks = Vec::new();
        for (guest, route) in &self.routes {
            let (Some(&want), Some(&now)) = (route.get(round), seating.get(guest)) else {
                continue;
            };
            if want == now {
                continue;
            }
            let apart_there = partners(*guest).any(|p| seating.get(&p) == Some(&want));
            let swap = seating
                .iter()
                .filter(|(p, t)| **t == want && !fixed(p))
                .map(|(p, _)| *p)
                .min_by_key(|p| shuffle_key(seed ^ u64::try_from(round).unwrap_or(0), p.0));
            match swap {
                Some(other) if !apart_there => {
                    seating.insert(other, now);
                    seating.insert(*guest, want);
                }
                _ => breaks.push(RouteBreak {
                    round,
                    guest: *guest,
                    table: now,
                }),
            }
        }
        breaks
    }
}

/// A guest's route card: the name (or *Gæst N*) and the table in every round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RouteCard {
    /// The name the host typed; `None`: shown as *Gæst* and `number`.
    pub name: Option<String>,
    /// From 1, in the order the guests were added.
    pub number: usize,
    /// Index = round.
    pub tables: Vec<TableNo>,
}

/// A round in which a guest sat elsewhere than the card says, for the console.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RouteBreakView {
    pub round: usize,
    pub name: Option<String>,
    pub number: usize,
    pub card: TableNo,
    pub table: TableNo,
}

impl super::state::MeetingState {
    /// Every guest's route card, alphabetically (guests without a name last, by number).
    pub fn route_cards(&self) -> Vec<RouteCard> {
        let mut cards: Vec<RouteCard> = self
            .cafe
            .guests
            .iter()
            .enumerate()
            .filter_map(|(index, guest)| {
                Some(RouteCard {
                    name: self.console_name(*guest),
                    number: index + 1,
                    tables: self.cafe.routes.get(guest)?.clone(),
                })
            })
            .collect();
        cards.sort_by_key(|c| {
            (
                c.name.is_none(),
                c.name.as_ref().map(|n| n.to_lowercase()),
                c.number,
            )
        });
        cards
    }

    pub fn route_break_views(&self) -> Vec<RouteBreakView> {
        self.cafe
            .route_breaks
            .iter()
            .filter_map(|b| {
                let number = self.cafe.guests.iter().position(|g| *g == b.guest)? + 1;
                Some(RouteBreakView {
                    round: b.round,
                    name: self.console_name(b.guest),
                    number,
                    card: *self.cafe.routes.get(&b.guest)?.get(b.round)?,
                    table: b.table,
                })
            })
            .collect()
    }
}
