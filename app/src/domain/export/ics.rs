//! The actions as a calendar file (RFC 5545): each action with a due date is an all-day event
//! on that day. Lines end in CRLF and are folded at 75 octets (never inside a character);
//! text is escaped; each event's UID is the action's id, so importing the file again
//! updates the events instead of adding them twice.

use super::ActionSheet;
use crate::domain::dates::Day;

/// The whole file. `stamp` is when it was made, as `yyyymmddThhmmssZ` (the events' DTSTAMP).
pub fn actions_ics(sheet: &ActionSheet, stamp: &str) -> String {
    let l = &sheet.labels;
    let mut out = String::new();
    let mut line = |text: String| push_folded(&mut out, &text);
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line("PRODID:-//Samraad//Aftaler//DA".into());
    line("CALSCALE:GREGORIAN".into());
    line("METHOD:PUBLISH".into());
    line(format!(
        "X-WR-CALNAME:{}",
        escape(&format!("{} – {}", l.actions, sheet.title))
    ));
    for row in &sheet.rows {
        let Some(due) = row.due else { continue };
        let Some(day) = Day::new(i32::from(due.year), due.month, due.day) else {
            continue;
        };
        let description = format!(
            "{}: {}\n{}: {}. {}\n{}: {} ({}, {})",
            l.owner,
            row.owner,
            l.item,
            row.item,
            row.theme,
            l.meeting,
            row.meeting,
            sheet.team,
            row.held.iso(),
        );
        line("BEGIN:VEVENT".into());
        line(format!("UID:{}@samraad", row.id));
        line(format!("DTSTAMP:{stamp}"));
        line(format!("DTSTART;VALUE=DATE:{}", day.basic()));
        line(format!("DTEND;VALUE=DATE:{}", day.next().basic()));
        line(format!("SUMMARY:{}", escape(&row.what)));
        line(format!("DESCRIPTION:{}", escape(&description)));
        line("TRANSP:TRANSPARENT".into());
        line("END:VEVENT".into());
    }
    line("END:VCALENDAR".into());
    out
}

/// TEXT as RFC 5545 §3.3.11 writes it.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` folded (§3.1): at most 75 octets per line, the rest on lines that begin
/// with one space, each ending in CRLF.
fn push_folded(out: &mut String, line: &str) {
    let mut room = 75;
    for c in line.chars() {
        if c.len_utf8() > room {
            out.push_str("\r\n ");
            room = 74;
        }
        out.push(c);
        room -= c.len_utf8();
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::actions_ics;
    use crate::domain::export::fixture::{row, sheet};

    const STAMP: &str = "20261208T190000Z";

    /// Joins folded lines again, as a calendar does.
    fn unfold(file: &str) -> Vec<String> {
        assert!(file.ends_with("\r\n"));
        let mut lines: Vec<String> = vec![];
        for raw in file.trim_end_matches("\r\n").split("\r\n") {
            assert!(!raw.contains('\n'), "only CRLF ends a line: {raw:?}");
            assert!(raw.len() <= 75, "at most 75 octets: {raw:?}");
            match raw.strip_prefix(' ') {
                Some(rest) => lines.last_mut().expect("a line to continue").push_str(rest),
                None => lines.push(raw.to_owned()),
            }
        }
        lines
    }

    #[test]
    fn each_dated_action_is_an_all_day_event() {
        let file = actions_ics(
            &sheet(vec![
                row(1, "Ugeskema med billeder", "Mette", Some("2026-12-31")),
                row(2, "Ingen frist", "Alle", None),
            ]),
            STAMP,
        );
        let lines = unfold(&file);
        assert_eq!(lines[0], "BEGIN:VCALENDAR");
        assert_eq!(lines.last().map(String::as_str), Some("END:VCALENDAR"));
        assert_eq!(lines.iter().filter(|l| *l == "BEGIN:VEVENT").count(), 1);
        for expected in [
            "UID:0197a8f0-0000-7000-8000-000000000001@samraad",
            "DTSTAMP:20261208T190000Z",
            "DTSTART;VALUE=DATE:20261231",
            "DTEND;VALUE=DATE:20270101",
            "SUMMARY:Ugeskema med billeder",
            "DESCRIPTION:Ansvarlig: Mette\\nPunkt: 1. Børnenes læring\\nMøde: Personalemøde i december (Børnehuset Solsikken\\, 2026-12-08)",
        ] {
            assert!(
                lines.iter().any(|l| l == expected),
                "{expected}\n{lines:#?}"
            );
        }
    }

    #[test]
    fn text_is_escaped_and_long_lines_folded_between_characters() {
        let what = "Æbler, pærer; og \\ blåbær til alle børnene på stuen – hver fredag i hele foråret og sommeren";
        let file = actions_ics(&sheet(vec![row(1, what, "Ø", Some("2027-01-15"))]), STAMP);
        let summary = unfold(&file)
            .into_iter()
            .find(|l| l.starts_with("SUMMARY:"))
            .unwrap();
        assert_eq!(
            summary,
            "SUMMARY:Æbler\\, pærer\\; og \\\\ blåbær til alle børnene på stuen – hver fredag i hele foråret og sommeren"
        );
        assert!(
            file.lines().any(|l| l.starts_with(' ')),
            "the summary was folded"
        );
    }

    #[test]
    fn the_same_actions_give_the_same_uids() {
        let rows = vec![
            row(1, "A", "B", Some("2026-12-18")),
            row(2, "C", "D", Some("2026-12-19")),
        ];
        let uids = |file: String| -> Vec<String> {
            unfold(&file)
                .into_iter()
                .filter(|l| l.starts_with("UID:"))
                .collect()
        };
        let first = uids(actions_ics(&sheet(rows.clone()), STAMP));
        let again = uids(actions_ics(&sheet(rows), "20270101T080000Z"));
        assert_eq!(first.len(), 2);
        assert_eq!(first, again);
    }
}
