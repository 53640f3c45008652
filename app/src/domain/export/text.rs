//! The actions as plain text, for Aula or an e-mail: a heading, then item by item each action
//! with who and by when. Labels come from the locale files (`Labels`).

use super::ActionSheet;
use crate::domain::dates::long_date;

pub fn actions_text(sheet: &ActionSheet) -> String {
    let l = &sheet.labels;
    let held = long_date(&sheet.held.iso(), l.english).unwrap_or_else(|| sheet.held.iso());
    let mut out = format!(
        "{}: {}\n{} · {}\n",
        l.actions, sheet.title, sheet.team, held
    );
    if sheet.rows.is_empty() {
        out.push('\n');
        out.push_str(&l.none);
        out.push('\n');
        return out;
    }
    let mut item = 0;
    for row in &sheet.rows {
        if row.item != item {
            item = row.item;
            out.push_str(&format!("\n{}. {}\n", row.item, row.theme));
        }
        out.push_str(&format!("– {}\n  {}: {}", row.what, l.owner, row.owner));
        if let Some(due) = row.due.and_then(|d| long_date(&d.to_string(), l.english)) {
            out.push_str(&format!(" · {}: {due}", l.due));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::actions_text;
    use crate::domain::export::fixture::{row, sheet};

    #[test]
    fn actions_are_listed_item_by_item() {
        let text = actions_text(&sheet(vec![
            row(1, "Ugeskema med billeder", "Mette", Some("2026-12-18")),
            row(1, "Fortæl forældrene om det", "Ali", None),
            row(3, "Ny legeplads", "Ledelsen", Some("2027-03-01")),
        ]));
        assert_eq!(
            text,
            "Aftaler: Personalemøde i december\n\
             Børnehuset Solsikken · 8. december 2026\n\
             \n\
             1. Børnenes læring\n\
             – Ugeskema med billeder\n  Ansvarlig: Mette · Frist: 18. december 2026\n\
             – Fortæl forældrene om det\n  Ansvarlig: Ali\n\
             \n\
             3. Børnenes læring\n\
             – Ny legeplads\n  Ansvarlig: Ledelsen · Frist: 1. marts 2027\n"
        );
    }

    #[test]
    fn no_actions_says_so() {
        assert!(actions_text(&sheet(vec![])).ends_with("\nDer blev ikke aftalt noget.\n"));
    }
}
