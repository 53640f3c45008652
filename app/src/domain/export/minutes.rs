//! The whole record as text that reads well as it is and as Markdown: the meeting, the
//! actions first (as on the printed page), then item by item the question, its source, and
//! the answers and groups the record shows, with their dots, ranked once the vote closed.
//! Names appear only where the record shows them (a meeting that used names). An answer's
//! line breaks become spaces, so every answer stays one line of the list.

use super::{ActionSheet, Labels};
use crate::domain::{
    board::ActionStatus,
    dates::long_date,
    meeting::view::{Card, SummaryView},
};

pub fn minutes_text(sheet: &ActionSheet, summary: &SummaryView, participants: usize) -> String {
    let l = &sheet.labels;
    let held = long_date(&sheet.held.iso(), l.english).unwrap_or_else(|| sheet.held.iso());
    let mut out = format!(
        "# {}: {}\n\n{} · {held} · {}: {participants}\n",
        l.minutes, sheet.title, sheet.team, l.participants
    );
    out.push_str(&format!("\n## {}\n", l.actions));
    if sheet.rows.is_empty() {
        out.push_str(&format!("\n{}\n", l.none));
    }
    let mut item = 0;
    for row in &sheet.rows {
        if row.item != item {
            item = row.item;
            out.push_str(&format!("\n### {}. {}\n\n", row.item, row.theme));
        }
        out.push_str(&format!(
            "- {} – {}: {}",
            one_line(&row.what),
            l.owner,
            row.owner
        ));
        if let Some(due) = row.due.and_then(|d| long_date(&d.to_string(), l.english)) {
            out.push_str(&format!(" · {}: {due}", l.due));
        }
        out.push('\n');
    }
    for step in &summary.steps {
        out.push_str(&format!(
            "\n## {}. {}\n",
            step.index + 1,
            step.theme.in_english(l.english)
        ));
        for question in &step.questions {
            out.push_str(&format!(
                "\n{}: {}\n",
                l.question,
                one_line(question.text.in_english(l.english))
            ));
            if let Some(source) = &question.source {
                out.push_str(&format!(
                    "{}: {}, {}\n",
                    l.source, source.document, source.section
                ));
            }
        }
        if let Some(follow_up) = &step.follow_up {
            out.push('\n');
            for item in &follow_up.items {
                let status = ActionStatus::ALL
                    .iter()
                    .position(|s| *s == item.status)
                    .map(|i| l.statuses[i].as_str())
                    .unwrap_or_default();
                out.push_str(&format!(
                    "- {} – {}: {status}\n",
                    one_line(&item.what),
                    l.status
                ));
            }
            continue;
        }
        if step.cards.is_empty() {
            out.push_str(&format!("\n{}\n", l.no_answers));
            continue;
        }
        let Some(harvest) = &step.harvest else {
            out.push('\n');
            for card in &step.cards {
                push_card(&mut out, l, card);
            }
            continue;
        };
        // The café's harvest: heading by heading, each point with its table.
        let heading_of = |card: &Card| card.answers.first().and_then(|a| a.heading);
        let unheaded: Vec<&Card> = step
            .cards
            .iter()
            .filter(|c| heading_of(c).is_none())
            .collect();
        if !unheaded.is_empty() {
            out.push('\n');
            unheaded
                .into_iter()
                .for_each(|card| push_card(&mut out, l, card));
        }
        for heading in (0..harvest.count()).filter_map(|h| u8::try_from(h).ok()) {
            let cards: Vec<&Card> = step
                .cards
                .iter()
                .filter(|c| heading_of(c) == Some(heading))
                .collect();
            if cards.is_empty() {
                continue;
            }
            out.push_str(&format!(
                "\n### {}\n\n",
                l.harvest_heading(harvest, heading)
            ));
            cards
                .into_iter()
                .for_each(|card| push_card(&mut out, l, card));
        }
    }
    out
}

/// One card as a line of the list: its group's title, its answers (with a name or a café
/// table where the record shows them) and its dots.
fn push_card(out: &mut String, l: &Labels, card: &Card) {
    let answers: Vec<String> = card
        .answers
        .iter()
        .map(|answer| {
            let mut line = one_line(&answer.text);
            if let Some(name) = &answer.name {
                line.push_str(&format!(" ({name})"));
            }
            if let Some(table) = answer.table {
                line.push_str(&format!(" ({} {table})", l.table));
            }
            line
        })
        .collect();
    out.push_str("- ");
    if let Some(title) = &card.title {
        out.push_str(&format!("{}: ", one_line(title)));
    }
    out.push_str(&answers.join(" / "));
    if let Some(dots) = card.dots {
        out.push_str(&format!(" – {}: {dots}", l.dots));
    }
    out.push('\n');
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::minutes_text;
    use crate::{
        content::model::Localized,
        domain::{
            export::fixture::{row, sheet},
            meeting::{
                command::{Lang, Target},
                ids::AnswerId,
                state::VoteRules,
                view::{Card, CardAnswer, HarvestView, MeetingHeader, StepView, SummaryView},
            },
            phase::Phase,
        },
    };

    fn answer(text: &str, name: Option<&str>) -> CardAnswer {
        CardAnswer {
            text: text.into(),
            lang: Lang::Da,
            name: name.map(Into::into),
            table: None,
            heading: None,
        }
    }

    fn summary(cards: Vec<Card>) -> SummaryView {
        let theme = Localized {
            da: "Børnenes læring".into(),
            en: "Children's learning".into(),
        };
        SummaryView {
            seq: 9,
            meeting: MeetingHeader {
                title: "Personalemøde i december".into(),
                code: "K7MP4Q".into(),
                step_count: 2,
                names_allowed: false,
                ended: true,
                timer_ends_at_ms: None,
                agreed: Vec::new(),
                answers_erased: false,
                cafe: None,
            },
            steps: vec![
                StepView {
                    index: 0,
                    theme: theme.clone(),
                    questions: Vec::new(),
                    pillars: Vec::new(),
                    phase: Phase::Done,
                    phases: Phase::ALL.to_vec(),
                    rules: VoteRules::default(),
                    tallies_visible: true,
                    cards,
                    actions: Vec::new(),
                    follow_up: None,
                    round: None,
                    harvest: None,
                    stations: Vec::new(),
                },
                StepView {
                    index: 1,
                    theme,
                    questions: Vec::new(),
                    pillars: Vec::new(),
                    phase: Phase::Intro,
                    phases: Phase::ALL.to_vec(),
                    rules: VoteRules::default(),
                    tallies_visible: false,
                    cards: Vec::new(),
                    actions: Vec::new(),
                    follow_up: None,
                    round: None,
                    harvest: None,
                    stations: Vec::new(),
                },
            ],
            parked: Vec::new(),
        }
    }

    #[test]
    fn the_minutes_list_actions_then_each_item_with_its_answers_and_dots() {
        let cards = vec![
            Card {
                target: Target::Answer(AnswerId::new()),
                title: Some("Ro".into()),
                answers: vec![
                    answer("Mere ro\ni garderoben", None),
                    answer("Færre skift", None),
                ],
                dots: Some(7),
                paper: None,
            },
            Card {
                target: Target::Answer(AnswerId::new()),
                title: None,
                answers: vec![answer("Ture i skoven", None)],
                dots: Some(2),
                paper: None,
            },
        ];
        let text = minutes_text(
            &sheet(vec![row(
                1,
                "Ugeskema med billeder",
                "Mette",
                Some("2026-12-18"),
            )]),
            &summary(cards),
            12,
        );
        assert_eq!(
            text,
            "# Referat: Personalemøde i december\n\
             \n\
             Børnehuset Solsikken · 8. december 2026 · Deltagere: 12\n\
             \n\
             ## Aftaler\n\
             \n\
             ### 1. Børnenes læring\n\
             \n\
             - Ugeskema med billeder – Ansvarlig: Mette · Frist: 18. december 2026\n\
             \n\
             ## 1. Børnenes læring\n\
             \n\
             - Ro: Mere ro i garderoben / Færre skift – Prikker: 7\n\
             - Ture i skoven – Prikker: 2\n\
             \n\
             ## 2. Børnenes læring\n\
             \n\
             Ingen svar i dette punkt.\n"
        );
    }

    #[test]
    fn names_show_only_where_the_record_has_them_and_no_actions_says_so() {
        let cards = vec![Card {
            target: Target::Answer(AnswerId::new()),
            title: None,
            answers: vec![answer("Flere ture", Some("Lene"))],
            dots: None,
            paper: None,
        }];
        let text = minutes_text(&sheet(vec![]), &summary(cards), 3);
        assert!(text.contains("\n- Flere ture (Lene)\n"), "{text}");
        assert!(text.contains("## Aftaler\n\nDer blev ikke aftalt noget.\n"));
        assert!(
            !text.contains("Prikker"),
            "no tallies before they are shown"
        );
    }

    #[test]
    fn a_harvest_goes_heading_by_heading_with_each_points_table() {
        let point = |text: &str, table: u16, heading: u8, dots: u32| Card {
            target: Target::Answer(AnswerId::new()),
            title: None,
            answers: vec![CardAnswer {
                table: Some(table),
                heading: Some(heading),
                ..answer(text, None)
            }],
            dots: Some(dots),
            paper: None,
        };
        let mut record = summary(vec![
            point("Madklub", 2, 2, 5),
            point("Ugentlig hilsen", 1, 1, 3),
            point("Mere tid til samtaler", 1, 0, 1),
        ]);
        record.steps[0].harvest = Some(HarvestView {
            own: Vec::new(),
            limit: 3,
        });
        let text = minutes_text(&sheet(vec![]), &record, 9);
        assert!(
            text.contains(
                "### Bordets vigtigste pointer\n\n- Mere tid til samtaler (Bord 1) – Prikker: 1\n\n\
                 ### Det kan skolen eller dagtilbuddet gøre\n\n- Ugentlig hilsen (Bord 1) – Prikker: 3\n\n\
                 ### Det kan vi forældre gøre\n\n- Madklub (Bord 2) – Prikker: 5\n"
            ),
            "{text}"
        );
        record.steps[0].harvest = Some(HarvestView {
            own: vec!["Det tager vi med".into()],
            limit: 2,
        });
        record.steps[0]
            .cards
            .retain(|c| c.answers[0].heading == Some(0));
        let text = minutes_text(&sheet(vec![]), &record, 9);
        assert!(
            text.contains("### Det tager vi med\n\n- Mere tid til samtaler (Bord 1)"),
            "{text}"
        );
    }
}
