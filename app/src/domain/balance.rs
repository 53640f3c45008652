//! Pillar balance: over a team's last meetings, how many questions each of the five pillars
//! (and the foundation) had on the agenda and how many actions were agreed under it, and
//! which pillar the team has worked with least lately. Pure; the team page draws it.

use serde::{Deserialize, Serialize};

use crate::{
    content::model::PillarId,
    domain::board::{BoardAction, TeamMeeting},
};

/// How many of a team's newest meetings the balance looks at.
pub const RECENT_MEETINGS: usize = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PillarCount {
    pub pillar: PillarId,
    /// Agenda items with this as their first pillar.
    pub questions: usize,
    /// Actions agreed under it (an action's own pillar, else its item's first).
    pub actions: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Balance {
    /// How many meetings it counts (at most `RECENT_MEETINGS`).
    pub meetings: usize,
    /// One per pillar, in the model's order, the foundation last.
    pub counts: Vec<PillarCount>,
}

impl Balance {
    /// `questions`: the first pillar of each agenda item of the meetings counted; `actions`:
    /// the pillar of each action they agreed.
    pub fn count(
        meetings: usize,
        questions: impl IntoIterator<Item = Option<PillarId>>,
        actions: impl IntoIterator<Item = Option<PillarId>>,
    ) -> Self {
        let mut counts: Vec<PillarCount> = PillarId::ALL
            .into_iter()
            .map(|pillar| PillarCount {
                pillar,
                questions: 0,
                actions: 0,
            })
            .collect();
        for pillar in questions.into_iter().flatten() {
            if let Some(count) = counts.iter_mut().find(|c| c.pillar == pillar) {
                count.questions += 1;
            }
        }
        for pillar in actions.into_iter().flatten() {
            if let Some(count) = counts.iter_mut().find(|c| c.pillar == pillar) {
                count.actions += 1;
            }
        }
        Self { meetings, counts }
    }

    /// The team's last `RECENT_MEETINGS` meetings (`meetings` newest first) and their actions.
    pub fn of_team(meetings: &[TeamMeeting], actions: &[BoardAction]) -> Self {
        let recent = &meetings[..meetings.len().min(RECENT_MEETINGS)];
        Self::count(
            recent.len(),
            recent.iter().flat_map(|m| m.item_pillars.iter().copied()),
            actions
                .iter()
                .filter(|a| recent.iter().any(|m| m.code == a.meeting_code))
                .map(|a| a.pillar),
        )
    }

    /// The pillar (of the five; the foundation is what they stand on, not a pillar to work
    /// with) the team has worked with least: fewest questions and actions together, the
    /// model's order deciding a tie. `None` before any meeting.
    pub fn least_worked(&self) -> Option<PillarId> {
        if self.meetings == 0 {
            return None;
        }
        self.counts
            .iter()
            .filter(|c| c.pillar != PillarId::Foundation)
            .min_by_key(|c| c.questions + c.actions)
            .map(|c| c.pillar)
    }

    /// The largest count, for the chart's scale (at least 1).
    pub fn largest(&self) -> usize {
        self.counts
            .iter()
            .map(|c| c.questions.max(c.actions))
            .max()
            .unwrap_or(0)
            .max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use PillarId::*;
    use proptest::prelude::*;

    #[test]
    fn counts_each_pillar_and_points_at_the_least_worked() {
        let balance = Balance::count(
            2,
            [
                Some(Collaboration),
                Some(Collaboration),
                Some(Learning),
                None,
                Some(Values),
            ],
            [Some(Collaboration), Some(Learning), Some(Foundation)],
        );
        let of = |p: PillarId| {
            *balance
                .counts
                .iter()
                .find(|c| c.pillar == p)
                .expect("pillar")
        };
        assert_eq!(
            (of(Collaboration).questions, of(Collaboration).actions),
            (2, 1)
        );
        assert_eq!((of(Foundation).questions, of(Foundation).actions), (0, 1));
        assert_eq!(balance.largest(), 2);
        // Dialogue and judgement have nothing; dialogue comes first in the model.
        assert_eq!(balance.least_worked(), Some(Dialogue));
        assert_eq!(Balance::count(0, [], []).least_worked(), None);
    }

    proptest! {
        #[test]
        fn every_counted_tag_is_in_the_chart_once(
            questions in proptest::collection::vec(proptest::option::of(proptest::sample::select(PillarId::ALL.to_vec())), 0..40),
            actions in proptest::collection::vec(proptest::option::of(proptest::sample::select(PillarId::ALL.to_vec())), 0..40),
        ) {
            let balance = Balance::count(1, questions.clone(), actions.clone());
            let total_q: usize = balance.counts.iter().map(|c| c.questions).sum();
            let total_a: usize = balance.counts.iter().map(|c| c.actions).sum();
            prop_assert_eq!(total_q, questions.iter().flatten().count());
            prop_assert_eq!(total_a, actions.iter().flatten().count());
            let least = balance.least_worked().expect("a pillar");
            prop_assert!(least != PillarId::Foundation);
            let score = |p: PillarId| balance.counts.iter().find(|c| c.pillar == p).map(|c| c.questions + c.actions).unwrap_or(0);
            prop_assert!(PillarId::ALL.iter().filter(|p| **p != PillarId::Foundation).all(|p| score(*p) >= score(least)));
        }
    }
}
