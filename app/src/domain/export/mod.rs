//! The meeting's agreed actions, out of Samråd: a sheet of rows built from the host's record,
//! and the files made from it (`csv`, `ics`, `text`). Pure: the server's routes send them.

pub mod csv;
pub mod ics;
pub mod json;
pub mod minutes;
pub mod text;

use crate::{
    content::model::{Localized, PillarId},
    domain::{
        board::{ActionStatus, BoardAction},
        dates::Day,
        meeting::{
            text::DueDate,
            view::{HarvestView, SummaryView},
        },
    },
};

/// The words of a sheet's columns and labels, in the reader's language (from the locale
/// files, so nothing here is Danish or English by itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labels {
    pub item: String,
    pub theme: String,
    pub question: String,
    pub action: String,
    pub owner: String,
    pub due: String,
    pub pillar: String,
    pub meeting: String,
    pub team: String,
    pub date: String,
    pub answer: String,
    pub group: String,
    pub dots: String,
    pub name: String,
    pub status: String,
    /// The heading of the list, e.g. "Aftaler".
    pub actions: String,
    /// Said instead of the list when nothing was agreed.
    pub none: String,
    /// The minutes' heading, e.g. "Referat".
    pub minutes: String,
    pub participants: String,
    pub source: String,
    /// Said under an item the room gave no answers to.
    pub no_answers: String,
    /// The statuses' names, in the order of `ActionStatus::ALL`.
    pub statuses: [String; 4],
    /// A café table, e.g. "Bord".
    pub table: String,
    /// The harvest's usual headings (main points, the school or daycare, parents).
    pub harvest_headings: [String; 3],
    /// The heading of a harvest's points, e.g. "Overskrift".
    pub heading: String,
    pub english: bool,
}

impl Labels {
    /// A harvest heading's words: the host's own, or the usual one.
    pub fn harvest_heading(&self, form: &HarvestView, heading: u8) -> String {
        form.own
            .get(usize::from(heading))
            .or_else(|| self.harvest_headings.get(usize::from(heading)))
            .cloned()
            .unwrap_or_default()
    }
}

/// One agreed action with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionRow {
    /// Stable across exports: the calendar's UID.
    pub id: String,
    /// The item's number on the agenda, from 1.
    pub item: usize,
    pub theme: String,
    pub question: String,
    pub what: String,
    pub owner: String,
    pub due: Option<DueDate>,
    pub pillar: Option<String>,
    /// The meeting it was agreed in and the day it was held (on the team's board, each row
    /// has its own).
    pub meeting: String,
    pub held: Day,
    /// Where it stands, named in the reader's language: only on the team's board.
    pub status: Option<String>,
}

/// A meeting's actions, ready to be written out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionSheet {
    pub team: String,
    pub title: String,
    pub code: String,
    /// The day the meeting was held (Danish time).
    pub held: Day,
    pub rows: Vec<ActionRow>,
    pub labels: Labels,
}

impl ActionSheet {
    /// Every action of the record, item by item, in the order they were agreed. An action
    /// without its own pillar takes its item's first.
    pub fn from_summary(
        summary: &SummaryView,
        team: &str,
        held: Day,
        labels: Labels,
        pillar_name: impl Fn(PillarId) -> String,
    ) -> Self {
        let english = labels.english;
        let pick = |text: &Localized| text.in_english(english).to_owned();
        let rows = summary
            .steps
            .iter()
            .flat_map(|step| {
                let question = step
                    .questions
                    .first()
                    .map(|q| pick(&q.text))
                    .unwrap_or_default();
                let theme = pick(&step.theme);
                let pillar = step.pillars.first().copied();
                let pillar_name = &pillar_name;
                let meeting = summary.meeting.title.clone();
                step.actions.iter().map(move |action| ActionRow {
                    id: action.id.to_string(),
                    item: step.index + 1,
                    theme: theme.clone(),
                    question: question.clone(),
                    what: action.what.to_string(),
                    owner: action.owner.to_string(),
                    due: action.due,
                    pillar: action.pillar.or(pillar).map(pillar_name),
                    meeting: meeting.clone(),
                    held,
                    status: None,
                })
            })
            .collect();
        Self {
            team: team.to_owned(),
            title: summary.meeting.title.clone(),
            code: summary.meeting.code.clone(),
            held,
            rows,
            labels,
        }
    }

    /// The team's board as it is shown (`actions` already filtered and ordered), made on
    /// `today`: each row with its own meeting, day and status.
    pub fn from_board(
        actions: &[&BoardAction],
        team: &str,
        today: Day,
        labels: Labels,
        pillar_name: impl Fn(PillarId) -> String,
        status_name: impl Fn(ActionStatus) -> String,
    ) -> Self {
        let english = labels.english;
        let pick = |text: &Localized| text.in_english(english).to_owned();
        let rows = actions
            .iter()
            .map(|action| ActionRow {
                id: action.action.to_string(),
                item: action.item,
                theme: pick(&action.theme),
                question: pick(&action.question),
                what: action.what.clone(),
                owner: action.owner.clone(),
                due: action.due.and_then(|day| DueDate::parse(&day.iso()).ok()),
                pillar: action.pillar.map(&pillar_name),
                meeting: action.meeting_title.clone(),
                held: action.held,
                status: Some(status_name(action.status)),
            })
            .collect();
        Self {
            team: team.to_owned(),
            title: team.to_owned(),
            code: String::new(),
            held: today,
            rows,
            labels,
        }
    }

    /// Whether the rows carry a status (the team's board).
    pub fn has_status(&self) -> bool {
        self.rows.iter().any(|row| row.status.is_some())
    }

    /// `samraad-<team>-<yyyy-mm-dd>-<what>.<ext>`, in letters any system takes: æ, ø and å
    /// are written ae, oe and aa, anything else that is not a letter or digit becomes `-`.
    pub fn file_name(&self, what: &str, extension: &str) -> String {
        file_name(&self.team, self.held, what, extension)
    }
}

/// A file's name that says what it is: `samraad-<team>-<yyyy-mm-dd>-<what>.<extension>`.
pub fn file_name(team: &str, day: Day, what: &str, extension: &str) -> String {
    let team = slug(team);
    let team = if team.is_empty() {
        "team".to_owned()
    } else {
        team
    };
    format!("samraad-{team}-{}-{what}.{extension}", day.iso())
}

fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        let piece = match c {
            'æ' => "ae",
            'ø' => "oe",
            'å' => "aa",
            'é' | 'è' => "e",
            'ü' => "u",
            'ö' => "o",
            'ä' => "a",
            c if c.is_ascii_alphanumeric() => {
                out.push(c);
                continue;
            }
            _ => "-",
        };
        if piece == "-" {
            if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        } else {
            out.push_str(piece);
        }
    }
    out.trim_end_matches('-').chars().take(40).collect()
}

#[cfg(test)]
pub(crate) mod fixture {
    use super::*;

    pub fn labels() -> Labels {
        Labels {
            item: "Punkt".into(),
            theme: "Tema".into(),
            question: "Spørgsmål".into(),
            action: "Aftale".into(),
            owner: "Ansvarlig".into(),
            due: "Frist".into(),
            pillar: "Søjle".into(),
            meeting: "Møde".into(),
            team: "Team".into(),
            date: "Mødedato".into(),
            answer: "Svar".into(),
            group: "Gruppe".into(),
            dots: "Prikker".into(),
            name: "Navn".into(),
            status: "Status".into(),
            actions: "Aftaler".into(),
            none: "Der blev ikke aftalt noget.".into(),
            minutes: "Referat".into(),
            participants: "Deltagere".into(),
            source: "Kilde".into(),
            no_answers: "Ingen svar i dette punkt.".into(),
            statuses: ["Åben", "I gang", "Udført", "Droppet"].map(Into::into),
            table: "Bord".into(),
            harvest_headings: [
                "Bordets vigtigste pointer",
                "Det kan skolen eller dagtilbuddet gøre",
                "Det kan vi forældre gøre",
            ]
            .map(Into::into),
            heading: "Overskrift".into(),
            english: false,
        }
    }

    pub fn row(item: usize, what: &str, owner: &str, due: Option<&str>) -> ActionRow {
        ActionRow {
            id: format!("0197a8f0-0000-7000-8000-00000000000{item}"),
            item,
            theme: "Børnenes læring".into(),
            question: "Hvad ønsker vi, at børnene skal kunne?".into(),
            what: what.into(),
            owner: owner.into(),
            due: due.map(|d| DueDate::parse(d).expect("a date")),
            pillar: Some("Samarbejde".into()),
            meeting: "Personalemøde i december".into(),
            held: Day::new(2026, 12, 8).expect("a day"),
            status: None,
        }
    }

    pub fn sheet(rows: Vec<ActionRow>) -> ActionSheet {
        ActionSheet {
            team: "Børnehuset Solsikken".into(),
            title: "Personalemøde i december".into(),
            code: "K7MP4Q".into(),
            held: Day::new(2026, 12, 8).expect("a day"),
            rows,
            labels: labels(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fixture::*;

    #[test]
    fn file_names_say_what_they_are_in_plain_letters() {
        let sheet = sheet(vec![]);
        assert_eq!(
            sheet.file_name("aftaler", "csv"),
            "samraad-boernehuset-solsikken-2026-12-08-aftaler.csv"
        );
        let mut odd = sheet.clone();
        odd.team = "  \"Skolen\" / 3.A!  ".into();
        assert_eq!(
            odd.file_name("aftaler", "ics"),
            "samraad-skolen-3-a-2026-12-08-aftaler.ics"
        );
        odd.team = "???".into();
        assert_eq!(
            odd.file_name("aftaler", "txt"),
            "samraad-team-2026-12-08-aftaler.txt"
        );
    }
}
