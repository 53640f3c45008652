//! The café's harvest form (glossary: *høst*): after the last round each table writes its
//! points under a few headings, at most a few under each, and the room votes across the
//! tables. By default the usual three of a Danish café dialogue: the table's main points,
//! what the school or daycare can do, what parents can do; at most 3 under each. The host
//! can write other headings (1 to 4) and another limit (1 to 5) until the harvest's first
//! point is written.
//!
//! The harvest is the first step after the café's last round that collects answers.

use serde::{Deserialize, Serialize};

use super::agenda::Agenda;
use super::command::CommandError;
use super::text::HeadingText;
use crate::domain::phase::Phase;

/// At most this many points a table writes under one heading, unless the host says
/// otherwise.
pub const DEFAULT_LIMIT: u8 = 3;
/// The usual headings: main points, what the school or daycare can do, what parents can do.
pub const STANDARD_HEADINGS: usize = 3;
pub const MAX_HEADINGS: usize = 4;
pub const MAX_LIMIT: u8 = 5;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HarvestForm {
    /// The host's own headings; empty: the usual three, worded in each reader's language.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headings: Vec<HeadingText>,
    /// At most this many points a table writes under one heading.
    pub limit: u8,
}

impl Default for HarvestForm {
    fn default() -> Self {
        Self {
            headings: Vec::new(),
            limit: DEFAULT_LIMIT,
        }
    }
}

impl HarvestForm {
    /// A form as the console sends it: blank headings are left out, and none at all means
    /// the usual three.
    pub fn parse(headings: &[String], limit: u8) -> Result<Self, CommandError> {
        let typed: Vec<&str> = headings
            .iter()
            .map(|h| h.trim())
            .filter(|h| !h.is_empty())
            .collect();
        if typed.len() > MAX_HEADINGS || !(1..=MAX_LIMIT).contains(&limit) {
            return Err(CommandError::HarvestForm {
                headings: MAX_HEADINGS as u8,
                limit: MAX_LIMIT,
            });
        }
        let headings = typed
            .into_iter()
            .map(HeadingText::parse)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|problem| CommandError::Text {
                field: super::command::Field::Heading,
                problem,
            })?;
        Ok(Self { headings, limit })
    }

    /// How many headings the form has.
    pub fn count(&self) -> usize {
        if self.headings.is_empty() {
            STANDARD_HEADINGS
        } else {
            self.headings.len()
        }
    }

    /// The heading an answer goes under: the one chosen, or the first when none was (a
    /// form sent before the phone knew of headings).
    pub fn heading(&self, chosen: Option<u8>) -> Result<u8, CommandError> {
        let heading = chosen.unwrap_or(0);
        if usize::from(heading) < self.count() {
            Ok(heading)
        } else {
            Err(CommandError::NoSuchHeading)
        }
    }
}

impl Agenda {
    /// The café's harvest: the first step after the last table round that collects answers.
    pub fn harvest_step(&self) -> Option<usize> {
        let last_round = self.steps.iter().rposition(|s| s.table_round)?;
        self.steps
            .iter()
            .enumerate()
            .skip(last_round + 1)
            .find(|(_, step)| step.phases.contains(&Phase::Reflect))
            .map(|(index, _)| index)
    }
}
