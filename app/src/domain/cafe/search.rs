//! The rotation's search: a greedy seating round by round, then a local search that moves
//! and swaps keep-together units (a single person is a unit of one) between tables of one
//! round while the cost falls. Only moves that keep the round's table sizes are tried, so
//! the sizes stay within one person throughout. Internal to `cafe`: `rotation` is the API.

use std::collections::BTreeMap;

use super::rotation::{Conflict, Seating, Setup};

/// A keep-apart pair at one table: never accepted in the end.
const APART: i64 = 1_000_000_000;
/// A traveller back at a table, while rounds ≤ tables (rule 2); with more rounds than tables
/// returns are unavoidable and only the meetings count.
const RETURN_STRICT: i64 = 100_000;
/// Greedy constructions tried before the groups are said not to fit.
const ATTEMPTS: u64 = 50;
const ABSENT: u16 = u16::MAX;

struct Unit {
    members: Vec<usize>,
    /// The host's table (0-based), for a unit with a host.
    pinned: Option<usize>,
}

/// The setup in dense indices: people 0..n (everyone named anywhere), tables 0..T.
pub(super) struct Problem<P> {
    keys: Vec<P>,
    tables: usize,
    rounds: usize,
    first: usize,
    units: Vec<Unit>,
    apart: Vec<Vec<usize>>,
    apart_pairs: Vec<(usize, usize)>,
    /// Meetings so far, n×n, from the seated rounds.
    meets: Vec<u16>,
    /// Visits so far, n×T, from the seated rounds.
    visits: Vec<u8>,
    return_weight: i64,
    present: usize,
    seed: u64,
}

impl<P: Ord + Copy> Problem<P> {
    pub(super) fn new(setup: &Setup<P>) -> Result<Self, Vec<Conflict<P>>> {
        let tables = usize::from(setup.tables);
        let rounds = usize::from(setup.rounds);
        if tables == 0 || rounds == 0 || setup.seated.len() > rounds {
            return Err(vec![Conflict::Shape]);
        }
        let mut index: BTreeMap<P, usize> = BTreeMap::new();
        let everyone = setup
            .people
            .iter()
            .chain(setup.hosts.iter().map(|(h, _)| h));
        for &p in everyone.chain(setup.seated.iter().flat_map(|r| r.keys())) {
            let next = index.len();
            index.entry(p).or_insert(next);
        }
        let n = index.len();
        let mut keys = vec![None; n];
        for (&p, &i) in &index {
            keys[i] = Some(p);
        }
        let keys: Vec<P> = keys.into_iter().flatten().collect();
        let mut present = vec![false; n];
        for p in setup
            .people
            .iter()
            .chain(setup.hosts.iter().map(|(h, _)| h))
        {
            present[index[p]] = true;
        }
        let mut conflicts = Vec::new();
        let host_of = hosts(setup, &index, &mut conflicts);

        // Keep-together components of present people.
        let mut uf = UnionFind::new(n);
        for group in &setup.together {
            let members: Vec<usize> = group.iter().filter_map(|p| index.get(p).copied()).collect();
            for pair in members.windows(2) {
                if present[pair[0]] && present[pair[1]] {
                    uf.union(pair[0], pair[1]);
                }
            }
        }
        let mut by_root: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for i in (0..n).filter(|&i| present[i]) {
            by_root.entry(uf.find(i)).or_default().push(i);
        }
        let count = present.iter().filter(|&&p| p).count();
        let largest = count.div_ceil(tables);
        let mut units = Vec::new();
        let mut unit_of = vec![usize::MAX; n];
        for members in by_root.into_values() {
            let hosts_here: Vec<usize> = members
                .iter()
                .copied()
                .filter(|&m| host_of[m].is_some())
                .collect();
            if hosts_here.len() > 1 {
                conflicts.push(Conflict::HostsKeptTogether {
                    hosts: (keys[hosts_here[0]], keys[hosts_here[1]]),
                });
            }
            if members.len() > largest {
                conflicts.push(Conflict::GroupTooLarge {
                    group: members.iter().map(|&m| keys[m]).collect(),
                    largest_table: largest,
                });
            }
            let pinned = hosts_here.first().and_then(|&h| host_of[h]);
            for &m in &members {
                unit_of[m] = units.len();
            }
            units.push(Unit { members, pinned });
        }

        let mut apart = vec![Vec::new(); n];
        let mut apart_pairs = Vec::new();
        for (p, q) in &setup.apart {
            let (Some(&a), Some(&b)) = (index.get(p), index.get(q)) else {
                continue;
            };
            if a == b || !present[a] || !present[b] || apart[a].contains(&b) {
                continue;
            }
            if unit_of[a] == unit_of[b] {
                conflicts.push(Conflict::ApartButTogether { pair: (*p, *q) });
                continue;
            }
            apart[a].push(b);
            apart[b].push(a);
            apart_pairs.push((a, b));
        }
        if !conflicts.is_empty() {
            return Err(conflicts);
        }

        let mut meets = vec![0u16; n * n];
        let mut visits = vec![0u8; n * tables];
        for round in &setup.seated {
            let mut at: Vec<Vec<usize>> = vec![Vec::new(); tables];
            for (p, &t) in round {
                if let Some(list) = at.get_mut(usize::from(t).wrapping_sub(1)) {
                    list.push(index[p]);
                }
            }
            for (t, list) in at.iter().enumerate() {
                for (k, &x) in list.iter().enumerate() {
                    visits[x * tables + t] = visits[x * tables + t].saturating_add(1);
                    for &z in &list[k + 1..] {
                        meets[x * n + z] += 1;
                        meets[z * n + x] += 1;
                    }
                }
            }
        }
        Ok(Self {
            keys,
            tables,
            rounds,
            first: setup.seated.len(),
            units,
            apart,
            apart_pairs,
            meets,
            visits,
            return_weight: if rounds <= tables { RETURN_STRICT } else { 0 },
            present: count,
            seed: setup.seed,
        })
    }
}

/// Each person's host table (0-based), checking that tables and hosts are one to one.
fn hosts<P: Ord + Copy>(
    setup: &Setup<P>,
    index: &BTreeMap<P, usize>,
    conflicts: &mut Vec<Conflict<P>>,
) -> Vec<Option<usize>> {
    let mut host_of = vec![None; index.len()];
    let mut table_host: Vec<Option<P>> = vec![None; usize::from(setup.tables)];
    for &(host, table) in &setup.hosts {
        let Some(slot) = table_host.get_mut(usize::from(table).wrapping_sub(1)) else {
            conflicts.push(Conflict::NoSuchTable { host, table });
            continue;
        };
        if let Some(other) = *slot {
            conflicts.push(Conflict::TwoHosts {
                table,
                hosts: (other, host),
            });
            continue;
        }
        let i = index[&host];
        if host_of[i].is_some() {
            conflicts.push(Conflict::HostsTwice { host });
            continue;
        }
        *slot = Some(host);
        host_of[i] = Some(usize::from(table) - 1);
    }
    host_of
}

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn new(n: usize) -> Self {
        Self((0..n).collect())
    }
    fn find(&mut self, x: usize) -> usize {
        let mut root = x;
        while self.0[root] != root {
            root = self.0[root];
        }
        let mut x = x;
        while self.0[x] != root {
            let next = self.0[x];
            self.0[x] = root;
            x = next;
        }
        root
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.0[ra.max(rb)] = ra.min(rb);
        }
    }
}

/// A small, fast, seeded generator (SplitMix64): the same seed gives the same plan anywhere.
pub(super) struct Rng(u64);

impl Rng {
    pub(super) fn new(seed: u64) -> Self {
        Self(seed)
    }
    pub(super) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A number in 0..n (n > 0).
    pub(super) fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next()) * n as u128) >> 64) as usize
    }
}

/// The planned rounds' state while searching.
struct State<'a, P> {
    p: &'a Problem<P>,
    n: usize,
    meets: Vec<u16>,
    visits: Vec<u8>,
    /// Per planned round: each person's table (ABSENT if not present).
    seat: Vec<Vec<u16>>,
    /// Per planned round and table: the units there.
    at: Vec<Vec<Vec<usize>>>,
    load: Vec<Vec<usize>>,
}

pub(super) fn solve<P: Ord + Copy>(p: &Problem<P>) -> Result<Vec<Seating<P>>, Vec<Conflict<P>>> {
    let planned = p.rounds - p.first;
    if planned == 0 {
        return Ok(Vec::new());
    }
    let mut rng = Rng::new(p.seed);
    let Some(mut state) = (0..ATTEMPTS).find_map(|_| State::greedy(p, &mut rng)) else {
        let groups = p.units.iter().filter(|u| u.members.len() > 1);
        let groups = groups
            .map(|u| u.members.iter().map(|&m| p.keys[m]).collect())
            .collect();
        return Err(vec![Conflict::Unbalanced { groups }]);
    };
    state.improve(&mut rng, floor_cost(p));
    let broken: Vec<(P, P)> = p
        .apart_pairs
        .iter()
        .filter(|&&(a, b)| state.seat.iter().any(|round| round[a] == round[b]))
        .map(|&(a, b)| (p.keys[a], p.keys[b]))
        .collect();
    if !broken.is_empty() {
        return Err(vec![Conflict::CannotKeepApart { pairs: broken }]);
    }
    Ok(state
        .seat
        .iter()
        .map(|round| {
            round
                .iter()
                .enumerate()
                .filter(|&(_, &t)| t != ABSENT)
                .map(|(i, &t)| (p.keys[i], t + 1))
                .collect()
        })
        .collect())
}

impl<'a, P> State<'a, P> {
    /// Seats round after round: the host units first, then the others largest first (ties in
    /// a seeded order), each at the table where it costs least among those it fits, with at
    /// most `present mod tables` tables one person larger than the rest.
    fn greedy(p: &'a Problem<P>, rng: &mut Rng) -> Option<Self> {
        let n = p.keys.len();
        let planned = p.rounds - p.first;
        let mut s = State {
            p,
            n,
            meets: p.meets.clone(),
            visits: p.visits.clone(),
            seat: vec![vec![ABSENT; n]; planned],
            at: vec![vec![Vec::new(); p.tables]; planned],
            load: vec![vec![0; p.tables]; planned],
        };
        let floor = p.present / p.tables;
        let extra = p.present % p.tables;
        for r in 0..planned {
            let mut order: Vec<usize> = (0..p.units.len()).collect();
            for i in (1..order.len()).rev() {
                order.swap(i, rng.below(i + 1));
            }
            order.sort_by_key(|&u| {
                (
                    p.units[u].pinned.is_none(),
                    std::cmp::Reverse(p.units[u].members.len()),
                )
            });
            let mut big = 0;
            for u in order {
                let size = p.units[u].members.len();
                let fits = |t: usize, load: &[usize], big: usize| {
                    let after = load[t] + size;
                    after <= floor || (after == floor + 1 && big < extra)
                };
                let table = match p.units[u].pinned {
                    Some(t) => fits(t, &s.load[r], big).then_some(t),
                    None => (0..p.tables)
                        .filter(|&t| fits(t, &s.load[r], big))
                        .min_by_key(|&t| (s.cost_at(r, u, t), s.load[r][t])),
                }?;
                if s.load[r][table] + size == floor + 1 {
                    big += 1;
                }
                s.place(r, u, table);
            }
        }
        Some(s)
    }

    /// What seating unit `u` at table `t` in round `r` adds to the cost.
    fn cost_at(&self, r: usize, u: usize, t: usize) -> i64 {
        let mut cost = 0;
        for &x in &self.p.units[u].members {
            for &v in &self.at[r][t] {
                for &z in &self.p.units[v].members {
                    cost += i64::from(self.meets[x * self.n + z]);
                }
            }
            cost += self.p.return_weight * i64::from(self.visits[x * self.p.tables + t]);
            cost += APART
                * self.p.apart[x]
                    .iter()
                    .filter(|&&q| usize::from(self.seat[r][q]) == t)
                    .count() as i64;
        }
        cost
    }

    fn place(&mut self, r: usize, u: usize, t: usize) {
        let n = self.n;
        for &x in &self.p.units[u].members {
            for &v in &self.at[r][t] {
                for &z in &self.p.units[v].members {
                    self.meets[x * n + z] += 1;
                    self.meets[z * n + x] += 1;
                }
            }
            self.visits[x * self.p.tables + t] += 1;
            self.seat[r][x] = t as u16;
        }
        self.at[r][t].push(u);
        self.load[r][t] += self.p.units[u].members.len();
    }

    fn remove(&mut self, r: usize, u: usize, t: usize) {
        let n = self.n;
        if let Some(k) = self.at[r][t].iter().position(|&v| v == u) {
            self.at[r][t].swap_remove(k);
        }
        for &x in &self.p.units[u].members {
            for &v in &self.at[r][t] {
                for &z in &self.p.units[v].members {
                    self.meets[x * n + z] -= 1;
                    self.meets[z * n + x] -= 1;
                }
            }
            self.visits[x * self.p.tables + t] -= 1;
            self.seat[r][x] = ABSENT;
        }
        self.load[r][t] -= self.p.units[u].members.len();
    }

    /// What taking unit `u` away from table `t` in round `r` saves.
    fn cost_away(&self, r: usize, u: usize, t: usize) -> i64 {
        let mut cost = 0;
        for &x in &self.p.units[u].members {
            for &v in self.at[r][t].iter().filter(|&&v| v != u) {
                for &z in &self.p.units[v].members {
                    cost += i64::from(self.meets[x * self.n + z]) - 1;
                }
            }
            cost += self.p.return_weight * (i64::from(self.visits[x * self.p.tables + t]) - 1);
            let here = self.p.apart[x]
                .iter()
                .filter(|&&q| usize::from(self.seat[r][q]) == t)
                .count();
            cost += APART * here as i64;
        }
        cost
    }

    /// Local search: random moves and swaps, kept when they do not raise the cost, until the
    /// cost no seating avoids or a long run without improvement. Returns the cost. (A
    /// simulated annealing after it was tried and found nothing better for the sizes of
    /// docs/cafe-rotation.md, in 10 to 100 times the time.)
    fn improve(&mut self, rng: &mut Rng, floor: i64) -> i64 {
        let p = self.p;
        let movable: Vec<usize> = (0..p.units.len())
            .filter(|&u| p.units[u].pinned.is_none())
            .collect();
        let mut cost = self.total_cost();
        if movable.is_empty() || p.tables < 2 {
            return cost;
        }
        let planned = self.seat.len();
        let patience = (200 * movable.len() * planned).max(20_000);
        let mut stale = 0;
        while cost > floor && stale < patience {
            stale += 1;
            if let Some(delta) = self.try_move(rng, &movable) {
                cost += delta;
                if delta < 0 {
                    stale = 0;
                }
            }
        }
        cost
    }

    /// One random move or swap in a random planned round, kept if it lowers the cost (if it
    /// changes nothing, half of the time, to wander along a plateau). Returns the change of
    /// cost if kept.
    fn try_move(&mut self, rng: &mut Rng, movable: &[usize]) -> Option<i64> {
        let p = self.p;
        let r = rng.below(self.seat.len());
        let u = movable[rng.below(movable.len())];
        let a = usize::from(self.seat[r][p.units[u].members[0]]);
        let b = (a + 1 + rng.below(p.tables - 1)) % p.tables;
        let there = &self.at[r][b];
        let v = there
            .get(rng.below(there.len() + 1))
            .copied()
            .filter(|&v| p.units[v].pinned.is_none());
        let (su, sv) = (
            p.units[u].members.len(),
            v.map_or(0, |v| p.units[v].members.len()),
        );
        let (la, lb) = (self.load[r][a], self.load[r][b]);
        let (na, nb) = (la + sv - su, lb + su - sv);
        if !((na == la && nb == lb) || (na == lb && nb == la)) {
            return None;
        }
        let saved = self.cost_away(r, u, a) + v.map_or(0, |v| self.cost_away(r, v, b));
        self.remove(r, u, a);
        if let Some(v) = v {
            self.remove(r, v, b);
        }
        let added = self.cost_at(r, u, b);
        self.place(r, u, b);
        let added = added + v.map_or(0, |v| self.cost_at(r, v, a));
        if let Some(v) = v {
            self.place(r, v, a);
        }
        let delta = added - saved;
        if delta < 0 || (delta == 0 && rng.below(2) == 0) {
            return Some(delta);
        }
        if let Some(v) = v {
            self.remove(r, v, a);
        }
        self.remove(r, u, b);
        self.place(r, u, a);
        if let Some(v) = v {
            self.place(r, v, b);
        }
        None
    }

    /// The whole cost of the planned rounds (the seated rounds' meetings and visits included).
    fn total_cost(&self) -> i64 {
        let apart = self.p.apart_pairs.iter().map(|&(a, b)| {
            self.seat
                .iter()
                .filter(|round| round[a] == round[b] && round[a] != ABSENT)
                .count() as i64
        });
        cost(self.p, &self.meets, &self.visits) + APART * apart.sum::<i64>()
    }
}

/// The cost that no seating avoids: the seated rounds, keep-together units meeting each round
/// and host units at their table each round. The search stops when it gets there.
fn floor_cost<P>(p: &Problem<P>) -> i64 {
    let (n, planned) = (p.keys.len(), (p.rounds - p.first) as u16);
    let (mut meets, mut visits) = (p.meets.clone(), p.visits.clone());
    for unit in &p.units {
        for (k, &x) in unit.members.iter().enumerate() {
            for &z in &unit.members[k + 1..] {
                meets[x * n + z] += planned;
                meets[z * n + x] += planned;
            }
            if let Some(t) = unit.pinned {
                visits[x * p.tables + t] += planned as u8;
            }
        }
    }
    cost(p, &meets, &visits)
}

/// Σ m·(m−1)/2 over pairs that met m times, plus the weighted repeats of each table visit.
fn cost<P>(p: &Problem<P>, meets: &[u16], visits: &[u8]) -> i64 {
    let n = p.keys.len();
    let mut cost = 0;
    for x in 0..n {
        for z in x + 1..n {
            let m = i64::from(meets[x * n + z]);
            cost += m * (m - 1) / 2;
        }
        for &v in &visits[x * p.tables..(x + 1) * p.tables] {
            let v = i64::from(v);
            cost += p.return_weight * v * (v - 1).max(0) / 2;
        }
    }
    cost
}
