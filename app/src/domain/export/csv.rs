//! The actions as a CSV file that Danish Excel opens right with a double click: UTF-8 with a
//! byte order mark (else æ, ø and å break), `;` between fields (Danish Excel's list
//! separator), CRLF, dates as `dd-mm-åååå` so they become dates. Text that would start a
//! formula (`=`, `+`, `-`, `@`) gets a leading `'`, so a cell never runs as one.

use super::ActionSheet;

/// The whole file, byte order mark first.
pub fn actions_csv(sheet: &ActionSheet) -> String {
    let l = &sheet.labels;
    let mut out = String::from('\u{feff}');
    let status = sheet.has_status();
    let header = [
        &l.item,
        &l.theme,
        &l.question,
        &l.action,
        &l.owner,
        &l.due,
        &l.pillar,
        &l.meeting,
        &l.team,
        &l.date,
    ];
    let status_header = status.then(|| text(&l.status));
    push_line(
        &mut out,
        header.iter().map(|h| text(h)).chain(status_header),
    );
    for row in &sheet.rows {
        push_line(
            &mut out,
            [
                row.item.to_string(),
                text(&row.theme),
                text(&row.question),
                text(&row.what),
                text(&row.owner),
                row.due
                    .map(|d| format!("{:02}-{:02}-{:04}", d.day, d.month, d.year))
                    .unwrap_or_default(),
                text(row.pillar.as_deref().unwrap_or_default()),
                text(&row.meeting),
                text(&sheet.team),
                row.held.danish_numeric(),
            ]
            .into_iter()
            .chain(status.then(|| text(row.status.as_deref().unwrap_or_default()))),
        );
    }
    out
}

fn push_line(out: &mut String, fields: impl Iterator<Item = String>) {
    let fields: Vec<String> = fields.collect();
    out.push_str(&fields.join(";"));
    out.push_str("\r\n");
}

/// A text field: always quoted (so `;`, quotes and line breaks stay inside it), quotes doubled.
fn text(value: &str) -> String {
    let starts_formula = value.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let value = if starts_formula {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    format!("\"{}\"", value.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::actions_csv;
    use crate::domain::export::fixture::{row, sheet};

    /// Reads the file back as a spreadsheet would: `;`-separated, quoted fields, CRLF.
    fn parse(file: &str) -> Vec<Vec<String>> {
        let body = file
            .strip_prefix('\u{feff}')
            .expect("a byte order mark first");
        let (mut rows, mut fields, mut field) = (vec![], vec![], String::new());
        let (mut quoted, mut chars) = (false, body.chars().peekable());
        while let Some(c) = chars.next() {
            match (quoted, c) {
                (true, '"') if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                (true, '"') => quoted = false,
                (true, c) => field.push(c),
                (false, '"') => quoted = true,
                (false, ';') => fields.push(std::mem::take(&mut field)),
                (false, '\r') => assert_eq!(chars.next(), Some('\n'), "CRLF"),
                (false, '\n') => panic!("a bare LF ends no line"),
                (false, c) => field.push(c),
            }
            if !quoted && c == '\r' {
                fields.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut fields));
            }
        }
        assert!(
            field.is_empty() && fields.is_empty(),
            "the last line ends with CRLF"
        );
        rows
    }

    #[test]
    fn danish_excel_reads_every_field_back() {
        let file = actions_csv(&sheet(vec![
            row(
                1,
                "Ugeskema med billeder; også til forældrene",
                "Mette \"M\" Jensen",
                Some("2026-12-18"),
            ),
            row(2, "Første linje\nanden linje", "Alle", None),
        ]));
        let rows = parse(&file);
        assert_eq!(
            rows[0],
            [
                "Punkt",
                "Tema",
                "Spørgsmål",
                "Aftale",
                "Ansvarlig",
                "Frist",
                "Søjle",
                "Møde",
                "Team",
                "Mødedato"
            ]
        );
        assert_eq!(
            rows[1],
            [
                "1",
                "Børnenes læring",
                "Hvad ønsker vi, at børnene skal kunne?",
                "Ugeskema med billeder; også til forældrene",
                "Mette \"M\" Jensen",
                "18-12-2026",
                "Samarbejde",
                "Personalemøde i december",
                "Børnehuset Solsikken",
                "08-12-2026",
            ]
        );
        assert_eq!(rows[2][3], "Første linje\nanden linje");
        assert_eq!(rows[2][5], "", "no date, no value");
        assert_eq!(rows.len(), 3);
    }

    #[test]
    fn a_cell_never_starts_a_formula() {
        let file = actions_csv(&sheet(vec![
            row(1, "=HYPERLINK(\"http://x\")", "+45 12345678", None),
            row(2, "@SUM(A1)", "-1", None),
        ]));
        let rows = parse(&file);
        assert_eq!(rows[1][3], "'=HYPERLINK(\"http://x\")");
        assert_eq!(rows[1][4], "'+45 12345678");
        assert_eq!(rows[2][3], "'@SUM(A1)");
        assert_eq!(rows[2][4], "'-1");
    }

    #[test]
    fn an_empty_list_is_a_header() {
        assert_eq!(parse(&actions_csv(&sheet(vec![]))).len(), 1);
    }
}
