//! A meeting as an Excel workbook (`.xlsx`): the first sheet the agreed actions (one line
//! each, real dates, a header row that stays in view, a filter on every column), then one
//! sheet per item with its question and what the room said (the revealed answers, their
//! groups and dots; names only in a meeting that used them). The rows come from
//! `app::domain::export`; only the writing is here, because the writer is a server crate.

use app::domain::{
    dates::Day,
    export::ActionSheet,
    meeting::{text::DueDate, view::SummaryView},
};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

/// The whole workbook, as the bytes of an `.xlsx` file.
pub fn meeting_workbook(sheet: &ActionSheet, summary: &SummaryView) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    let l = &sheet.labels;
    let mut names = vec![write_actions(&mut workbook, sheet)?];
    for step in &summary.steps {
        let theme = if l.english {
            &step.theme.en
        } else {
            &step.theme.da
        };
        let item = workbook.add_worksheet();
        let name = sheet_name(&format!("{}. {theme}", step.index + 1), &names);
        item.set_name(&name)?;
        names.push(name);
        write_item(item, step, sheet, &bold, &wrap)?;
    }
    workbook.save_to_buffer()
}

/// The team's board as a workbook: one sheet of actions, each with its meeting and status.
pub fn board_workbook(sheet: &ActionSheet) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    write_actions(&mut workbook, sheet)?;
    workbook.save_to_buffer()
}

/// The sheet of actions; returns its name.
fn write_actions(workbook: &mut Workbook, sheet: &ActionSheet) -> Result<String, XlsxError> {
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("dd-mm-yyyy");
    let wrap = Format::new().set_text_wrap();
    let l = &sheet.labels;
    let actions = workbook.add_worksheet();
    actions.set_name(sheet_name(&l.actions, &[]))?;
    let header = [
        (&l.item, 7.0),
        (&l.theme, 28.0),
        (&l.question, 40.0),
        (&l.action, 48.0),
        (&l.owner, 22.0),
        (&l.due, 12.0),
        (&l.pillar, 24.0),
        (&l.meeting, 28.0),
        (&l.team, 24.0),
        (&l.date, 12.0),
    ];
    let status = sheet.has_status();
    let columns: u16 = if status { 11 } else { 10 };
    for (column, (title, width)) in (0u16..).zip(header) {
        actions.write_with_format(0, column, title.as_str(), &bold)?;
        actions.set_column_width(column, width)?;
    }
    if status {
        actions.write_with_format(0, 10, l.status.as_str(), &bold)?;
        actions.set_column_width(10, 14.0)?;
    }
    for (row, action) in (1u32..).zip(&sheet.rows) {
        actions.write(row, 0, action.item as u32)?;
        actions.write_with_format(row, 1, action.theme.as_str(), &wrap)?;
        actions.write_with_format(row, 2, action.question.as_str(), &wrap)?;
        actions.write_with_format(row, 3, action.what.as_str(), &wrap)?;
        actions.write(row, 4, action.owner.as_str())?;
        if let Some(due) = action.due {
            actions.write_with_format(row, 5, &due_date(due)?, &date)?;
        }
        actions.write(row, 6, action.pillar.as_deref().unwrap_or_default())?;
        actions.write(row, 7, action.meeting.as_str())?;
        actions.write(row, 8, sheet.team.as_str())?;
        actions.write_with_format(row, 9, &day(action.held)?, &date)?;
        if let Some(status) = &action.status {
            actions.write(row, 10, status.as_str())?;
        }
    }
    actions.set_freeze_panes(1, 0)?;
    let last = u32::try_from(sheet.rows.len()).unwrap_or(u32::MAX);
    actions.autofilter(0, 0, last, columns - 1)?;
    Ok(actions.name())
}

fn write_item(
    item: &mut Worksheet,
    step: &app::domain::meeting::view::StepView,
    sheet: &ActionSheet,
    bold: &Format,
    wrap: &Format,
) -> Result<(), XlsxError> {
    let l = &sheet.labels;
    let pick = |text: &app::content::model::Localized| {
        if l.english {
            text.en.clone()
        } else {
            text.da.clone()
        }
    };
    item.write_with_format(0, 0, pick(&step.theme), bold)?;
    let question = step
        .questions
        .first()
        .map(|q| pick(&q.text))
        .unwrap_or_default();
    item.write(1, 0, question)?;
    let names = step
        .cards
        .iter()
        .any(|c| c.answers.iter().any(|a| a.name.is_some()));
    let tables = step
        .cards
        .iter()
        .any(|c| c.answers.iter().any(|a| a.table.is_some()));
    // Optional columns, each where the record has it: a name, a café table, a harvest heading.
    let mut columns = vec![
        (l.answer.as_str(), 60.0),
        (l.group.as_str(), 28.0),
        (l.dots.as_str(), 9.0),
    ];
    let name_column = names.then(|| push_column(&mut columns, &l.name, 20.0));
    let table_column = tables.then(|| push_column(&mut columns, &l.table, 8.0));
    let heading_column = step
        .harvest
        .as_ref()
        .map(|form| (form, push_column(&mut columns, &l.heading, 36.0)));
    for (column, (title, width)) in (0u16..).zip(columns) {
        item.write_with_format(3, column, title, bold)?;
        item.set_column_width(column, width)?;
    }
    let mut row = 4u32;
    for card in &step.cards {
        for (n, answer) in card.answers.iter().enumerate() {
            item.write_with_format(row, 0, answer.text.as_str(), wrap)?;
            if let Some(title) = &card.title {
                item.write(row, 1, title.as_str())?;
            }
            // A group's dots once, on its first answer, so a sum counts them once.
            if let (0, Some(dots)) = (n, card.dots) {
                item.write(row, 2, dots)?;
            }
            if let (Some(column), Some(name)) = (name_column, &answer.name) {
                item.write(row, column, name.as_str())?;
            }
            if let (Some(column), Some(table)) = (table_column, answer.table) {
                item.write(row, column, table)?;
            }
            if let (Some((form, column)), Some(heading)) = (heading_column, answer.heading) {
                item.write(row, column, l.harvest_heading(form, heading))?;
            }
            row += 1;
        }
    }
    item.set_freeze_panes(4, 0)?;
    Ok(())
}

/// Adds a column after the others; its number.
fn push_column<'a>(columns: &mut Vec<(&'a str, f64)>, title: &'a str, width: f64) -> u16 {
    columns.push((title, width));
    u16::try_from(columns.len() - 1).unwrap_or(u16::MAX)
}

fn due_date(due: DueDate) -> Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_ymd(due.year, due.month, due.day)
}

fn day(day: Day) -> Result<ExcelDateTime, XlsxError> {
    // A meeting's day comes from the clock: always a year Excel knows (1900–9999).
    let year = u16::try_from(day.year.clamp(1900, 9999)).unwrap_or(1900);
    ExcelDateTime::from_ymd(year, day.month, day.day)
}

/// A worksheet name Excel takes: at most 31 characters, none of `[]:*?/\`, not empty, and
/// not one already used.
fn sheet_name(wanted: &str, taken: &[String]) -> String {
    let clean: String = wanted
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { ' ' } else { c })
        .collect();
    let clean = clean.trim().trim_matches('\'');
    let base: String = if clean.is_empty() {
        "Ark".into()
    } else {
        clean.chars().take(31).collect()
    };
    let mut name = base.clone();
    let mut n = 2;
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
        let suffix = format!(" ({n})");
        name = base
            .chars()
            .take(31 - suffix.chars().count())
            .collect::<String>()
            + &suffix;
        n += 1;
    }
    name
}

#[cfg(test)]
mod tests {
    use super::sheet_name;

    #[test]
    fn sheet_names_are_ones_excel_takes() {
        assert_eq!(
            sheet_name("1. Børnenes læring og udvikling i dagtilbuddet", &[]),
            "1. Børnenes læring og udvikling"
        );
        assert_eq!(sheet_name("2. Hvad: [nu]?", &[]), "2. Hvad   nu");
        assert_eq!(sheet_name("Aftaler", &["aftaler".into()]), "Aftaler (2)");
        assert_eq!(sheet_name("  ", &[]), "Ark");
    }
}
