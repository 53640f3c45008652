//! How good a café's seating is, in the measures of docs/cafe-rotation.md: pairs that meet
//! again, against what no seating can avoid, and the fewest people anyone met.

use std::collections::BTreeMap;

use super::rotation::{Plan, Setup, TableNo};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quality {
    /// Everyone seated in any round.
    pub people: usize,
    /// Σ over pairs of max(0, meetings − 1).
    pub repeated_pairs: u64,
    /// What no seating with these table sizes avoids: max(0, Σ over rounds and tables of
    /// C(size, 2) − (C(people, 2) − C(hosts, 2))), as hosts never meet each other.
    pub lower_bound: u64,
    /// The fewest other people any one person met.
    pub fewest_met: usize,
    /// Times someone who is not a host sat at a table they had sat at before.
    pub returns: u64,
}

pub fn measure<P: Ord + Copy>(plan: &Plan<P>, hosts: &[(P, TableNo)]) -> Quality {
    let mut index = BTreeMap::new();
    for &p in plan.rounds.iter().flat_map(|r| r.keys()) {
        let next = index.len();
        index.entry(p).or_insert(next);
    }
    let n = index.len();
    let mut meets = vec![0u32; n * n];
    let mut visits: BTreeMap<(usize, TableNo), u64> = BTreeMap::new();
    let mut seats = 0u64;
    for round in &plan.rounds {
        let mut at: BTreeMap<TableNo, Vec<usize>> = BTreeMap::new();
        for (p, &t) in round {
            at.entry(t).or_default().push(index[p]);
        }
        for (&t, list) in &at {
            seats += choose2(list.len() as u64);
            for (k, &x) in list.iter().enumerate() {
                *visits.entry((x, t)).or_default() += 1;
                for &z in &list[k + 1..] {
                    meets[x * n + z] += 1;
                    meets[z * n + x] += 1;
                }
            }
        }
    }
    let host_ids: Vec<usize> = hosts
        .iter()
        .filter_map(|(h, _)| index.get(h).copied())
        .collect();
    let mut repeated_pairs = 0;
    let mut fewest_met = if n == 0 { 0 } else { usize::MAX };
    for x in 0..n {
        let row = &meets[x * n..(x + 1) * n];
        fewest_met = fewest_met.min(row.iter().filter(|&&m| m > 0).count());
        repeated_pairs += row[x + 1..]
            .iter()
            .map(|&m| u64::from(m.saturating_sub(1)))
            .sum::<u64>();
    }
    let returns = visits
        .iter()
        .filter(|((x, _), _)| !host_ids.contains(x))
        .map(|(_, &v)| v.saturating_sub(1))
        .sum();
    let possible = choose2(n as u64) - choose2(host_ids.len() as u64);
    Quality {
        people: n,
        repeated_pairs,
        lower_bound: seats.saturating_sub(possible),
        fewest_met,
        returns,
    }
}

/// The rotation people do on paper, to compare with: hosts stay, and the k-th of the others
/// sits at table k + r in round r (counting from 0, around the tables).
pub fn on_paper<P: Ord + Copy>(setup: &Setup<P>) -> Plan<P> {
    let tables = usize::from(setup.tables.max(1));
    let is_host = |p: &P| setup.hosts.iter().any(|(h, _)| h == p);
    let travellers: Vec<P> = setup
        .people
        .iter()
        .copied()
        .filter(|p| !is_host(p))
        .collect();
    let rounds = (0..usize::from(setup.rounds)).map(|r| {
        let moved = travellers.iter().enumerate();
        let moved = moved.map(|(k, &p)| (p, ((k + r) % tables + 1) as TableNo));
        setup.hosts.iter().copied().chain(moved).collect()
    });
    Plan {
        rounds: rounds.collect(),
    }
}

fn choose2(k: u64) -> u64 {
    k * k.saturating_sub(1) / 2
}
