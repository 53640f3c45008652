//! Meeting templates (runbooks): an ordered agenda of steps over library items, with a time
//! plan, the facilitator's notes, the phases each step uses and the vote budget.

use serde::{Deserialize, Serialize};

use super::model::{Audience, Localized, PillarId};
use crate::domain::phase::Phase;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    pub template: TemplateInfo,
    #[serde(rename = "step")]
    pub steps: Vec<TemplateStep>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateInfo {
    pub id: String,
    pub name: Localized,
    pub summary: Localized,
    pub audience: Audience,
    pub format: MeetingFormat,
    pub duration_minutes: u32,
    pub welcome_minutes: u32,
    pub closing_minutes: u32,
    /// Dots per person.
    pub vote_budget: u8,
    /// Most dots one person may put on one answer.
    pub vote_cap: u8,
    pub welcome_notes: Localized,
    pub closing_notes: Localized,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeetingFormat {
    /// Everyone together, answering from their phones.
    Plenary,
    /// KL's café model: small tables in rounds with table hosts, then a harvest in plenary.
    Cafe,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepMode {
    Plenary,
    TableRound,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateStep {
    pub order: u32,
    pub theme: Localized,
    /// Library item ids; the first is the step's main question.
    pub items: Vec<String>,
    pub pillars: Vec<PillarId>,
    pub mode: StepMode,
    pub minutes: u32,
    pub phases: Vec<Phase>,
    pub notes: Localized,
}

impl Template {
    /// Minutes of the whole plan: welcome, every step, closing.
    pub fn planned_minutes(&self) -> u32 {
        self.template.welcome_minutes
            + self.steps.iter().map(|s| s.minutes).sum::<u32>()
            + self.template.closing_minutes
    }

    /// Everything wrong with the template, given a way to look up item ids.
    pub fn problems(&self, item_exists: impl Fn(&str) -> bool) -> Vec<String> {
        let mut problems = Vec::new();
        let info = &self.template;
        if self.planned_minutes() != info.duration_minutes {
            problems.push(format!(
                "the time plan adds up to {} minutes, not duration_minutes = {}",
                self.planned_minutes(),
                info.duration_minutes
            ));
        }
        if info.vote_budget == 0 || info.vote_cap == 0 || info.vote_cap > info.vote_budget {
            problems.push(
                "vote_budget and vote_cap must be at least 1, with vote_cap ≤ vote_budget".into(),
            );
        }
        if self.steps.is_empty() {
            problems.push("a template needs at least one step".into());
        }
        for (index, step) in self.steps.iter().enumerate() {
            let at = format!("step {}", index + 1);
            if step.order as usize != index + 1 {
                problems.push(format!("{at}: order must be {}", index + 1));
            }
            if step.items.is_empty() {
                problems.push(format!("{at}: needs at least one item"));
            }
            for id in &step.items {
                if !item_exists(id) {
                    problems.push(format!("{at}: item {id:?} is not in the library"));
                }
            }
            if step.pillars.is_empty() {
                problems.push(format!("{at}: needs at least one pillar"));
            }
            if step.minutes == 0 {
                problems.push(format!("{at}: needs minutes"));
            }
            if step.phases.is_empty() || !step.phases.windows(2).all(|w| w[0] < w[1]) {
                problems.push(format!(
                    "{at}: phases must be in their natural order, each once"
                ));
            }
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn localized(text: &str) -> Localized {
        Localized {
            da: text.into(),
            en: text.into(),
        }
    }

    fn template() -> Template {
        Template {
            template: TemplateInfo {
                id: "t".into(),
                name: localized("T"),
                summary: localized("S"),
                audience: Audience::Staff,
                format: MeetingFormat::Plenary,
                duration_minutes: 30,
                welcome_minutes: 5,
                closing_minutes: 5,
                vote_budget: 3,
                vote_cap: 2,
                welcome_notes: localized("W"),
                closing_notes: localized("C"),
            },
            steps: vec![TemplateStep {
                order: 1,
                theme: localized("Tema"),
                items: vec!["a".into()],
                pillars: vec![PillarId::Values],
                mode: StepMode::Plenary,
                minutes: 20,
                phases: vec![Phase::Intro, Phase::Reflect, Phase::Vote],
                notes: localized("N"),
            }],
        }
    }

    #[test]
    fn a_sound_template_has_no_problems() {
        assert_eq!(template().problems(|id| id == "a"), Vec::<String>::new());
    }

    #[test]
    fn each_broken_rule_is_named() {
        let mut t = template();
        t.template.duration_minutes = 31;
        assert!(t.problems(|_| true)[0].contains("adds up to 30"));

        let mut t = template();
        t.steps[0].phases = vec![Phase::Vote, Phase::Reflect];
        assert!(t.problems(|_| true)[0].contains("natural order"));

        let t = template();
        assert!(t.problems(|_| false)[0].contains("not in the library"));

        let mut t = template();
        t.template.vote_cap = 4;
        assert!(t.problems(|_| true)[0].contains("vote_cap"));
    }
}
