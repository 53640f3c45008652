//! The agreed actions out of Samråd over real sockets: the host downloads a CSV file for
//! Danish Excel and a calendar file; anyone else is refused; the files say what they are.

use crate::common;

use reqwest::{StatusCode, header};
use serde_json::{Value, json};

use common::{client, command, spawn_app};

async fn host(base: &str, code: &str, key: &str, body: &Value) {
    common::host_command(base, code, key, body).await;
}

/// A meeting with two agreed actions on its first item: (code, key, action ids).
async fn meeting_with_actions(base: &str) -> (String, String, [String; 2]) {
    let (code, key) = common::start_meeting_as(
        base,
        "Børnehuset Solsikken",
        "Personalemøde i december",
        "Hvad lykkedes for børnene?",
    )
    .await;
    host(
        base,
        &code,
        &key,
        &command("go_to", json!({ "step": 0, "phase": "agree" })),
    )
    .await;
    let ids = [
        uuid::Uuid::new_v4().to_string(),
        uuid::Uuid::new_v4().to_string(),
    ];
    for (id, what, owner, due) in [
        (
            &ids[0],
            "Samtaletid hver fredag; også om vinteren",
            "Stuepædagogerne",
            Some("2026-12-18"),
        ),
        (&ids[1], "=Fortæl forældrene om det", "Mette \"M\"", None),
    ] {
        host(
            base,
            &code,
            &key,
            &command(
                "record_action",
                json!({ "action": id, "what": what, "owner": owner, "due": due }),
            ),
        )
        .await;
    }
    (code, key, ids)
}

async fn get(url: &str) -> reqwest::Response {
    client().get(url).send().await.expect("download")
}

#[tokio::test]
async fn the_host_downloads_the_actions_for_excel() {
    let base = spawn_app().await;
    let (code, key, _) = meeting_with_actions(&base).await;
    let response = get(&format!("{base}/m/{code}/eksport/aftaler.csv?k={key}")).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()[header::CONTENT_TYPE],
        "text/csv; charset=utf-8"
    );
    let disposition = response.headers()[header::CONTENT_DISPOSITION]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        disposition.starts_with("attachment; filename=\"samraad-boernehuset-solsikken-")
            && disposition.ends_with("-aftaler.csv\""),
        "{disposition}"
    );
    let bytes = response.bytes().await.expect("body");
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "UTF-8 with a byte order mark");
    let text = String::from_utf8(bytes[3..].to_vec()).expect("UTF-8");
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(
        lines.len(),
        4,
        "a header, two actions and the final line break: {text}"
    );
    assert!(
        lines[0].starts_with("\"Punkt\";\"Tema\";\"Spørgsmål\";\"Aftale\";\"Ansvarlig\";\"Frist\"")
    );
    assert!(
        lines[1].contains(
            ";\"Samtaletid hver fredag; også om vinteren\";\"Stuepædagogerne\";18-12-2026;"
        ),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].contains(";\"'=Fortæl forældrene om det\";\"Mette \"\"M\"\"\";;"),
        "{}",
        lines[2]
    );
    assert!(lines[1].contains("\"Personalemøde i december\";\"Børnehuset Solsikken\";"));
}

#[tokio::test]
async fn the_host_downloads_a_calendar_with_stable_events() {
    let base = spawn_app().await;
    let (code, key, ids) = meeting_with_actions(&base).await;
    let url = format!("{base}/m/{code}/eksport/aftaler.ics?k={key}");
    let response = get(&url).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()[header::CONTENT_TYPE],
        "text/calendar; charset=utf-8"
    );
    let first = response.text().await.expect("body");
    assert!(first.starts_with("BEGIN:VCALENDAR\r\n") && first.ends_with("END:VCALENDAR\r\n"));
    // Only the action with a due date is an event, on that day, all day.
    assert_eq!(first.matches("BEGIN:VEVENT").count(), 1);
    assert!(first.contains(&format!("UID:{}@samraad\r\n", ids[0])));
    assert!(first.contains("DTSTART;VALUE=DATE:20261218\r\nDTEND;VALUE=DATE:20261219\r\n"));
    assert!(!first.contains(&ids[1]));
    assert!(
        !first.contains(&key),
        "the team's key is never in a calendar"
    );
    // Downloaded again: the same events (a calendar updates them instead of adding twice).
    let again = get(&url).await.text().await.expect("body");
    let uids = |file: &str| {
        file.lines()
            .filter(|l| l.starts_with("UID:"))
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert_eq!(uids(&first), uids(&again));
}

#[tokio::test]
async fn the_host_downloads_the_minutes_as_text() {
    let base = spawn_app().await;
    let (code, key, _) = meeting_with_actions(&base).await;
    let response = get(&format!("{base}/m/{code}/eksport/referat.md?k={key}")).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()[header::CONTENT_TYPE],
        "text/markdown; charset=utf-8"
    );
    let disposition = response.headers()[header::CONTENT_DISPOSITION]
        .to_str()
        .expect("disposition")
        .to_owned();
    assert!(
        disposition.starts_with("attachment; filename=\"samraad-boernehuset-solsikken-")
            && disposition.ends_with("-referat.md\""),
        "{disposition}"
    );
    let text = response.text().await.expect("body");
    assert!(
        text.starts_with("# Referat: Personalemøde i december\n"),
        "{text}"
    );
    assert!(text.contains("Børnehuset Solsikken · ") && text.contains(" · Deltagere: 0\n"));
    assert!(text.contains(
        "- Samtaletid hver fredag; også om vinteren – Ansvarlig: Stuepædagogerne · Frist: 18. december 2026\n"
    ));
    assert!(
        text.contains("## 1. Hvad lykkedes for børnene?\n"),
        "{text}"
    );
    assert!(!text.contains(&key), "the team's key is not in the minutes");
    let refused = get(&format!("{base}/m/{code}/eksport/referat.md")).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn only_the_host_gets_the_files() {
    let base = spawn_app().await;
    let (code, key, _) = meeting_with_actions(&base).await;
    for (url, status) in [
        (
            format!("{base}/m/{code}/eksport/aftaler.csv"),
            StatusCode::FORBIDDEN,
        ),
        (
            format!("{base}/m/{code}/eksport/aftaler.csv?k=0123456789abcdef0123456789abcdef"),
            StatusCode::FORBIDDEN,
        ),
        (
            format!("{base}/m/{code}/eksport/aftaler.ics?k={key}x"),
            StatusCode::FORBIDDEN,
        ),
        (
            format!("{base}/m/ZZZZZZ/eksport/aftaler.csv?k={key}"),
            StatusCode::NOT_FOUND,
        ),
        (
            format!("{base}/m/{code}/eksport/noget.exe?k={key}"),
            StatusCode::NOT_FOUND,
        ),
    ] {
        let response = get(&url).await;
        assert_eq!(response.status(), status, "{url}");
        assert_eq!(
            response.headers()[header::CONTENT_TYPE],
            "text/plain; charset=utf-8"
        );
        let text = response.text().await.expect("body");
        assert!(
            !text.is_empty() && !text.contains("BEGIN:VCALENDAR") && !text.contains("Samtaletid"),
            "{text}"
        );
    }
}

#[tokio::test]
async fn the_host_downloads_a_workbook_with_real_dates() {
    use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};

    let base = spawn_app().await;
    let (code, key, _) = meeting_with_actions(&base).await;
    let response = get(&format!("{base}/m/{code}/eksport/aftaler.xlsx?k={key}")).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()[header::CONTENT_TYPE],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    let disposition = response.headers()[header::CONTENT_DISPOSITION]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(disposition.ends_with("-aftaler.xlsx\""), "{disposition}");
    let bytes = response.bytes().await.expect("body").to_vec();
    let mut workbook: Xlsx<_> =
        open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("an xlsx file");
    assert_eq!(
        workbook.sheet_names(),
        // Excel takes no `?` in a sheet's name.
        ["Aftaler", "1. Hvad lykkedes for børnene"]
    );

    let actions = workbook.worksheet_range("Aftaler").expect("the actions");
    let cell = |row: u32, column: u32| {
        actions
            .get_value((row, column))
            .cloned()
            .unwrap_or(Data::Empty)
    };
    assert_eq!(cell(0, 3), Data::String("Aftale".into()));
    assert_eq!(cell(0, 5), Data::String("Frist".into()));
    assert_eq!(cell(1, 0), Data::Float(1.0));
    assert_eq!(
        cell(1, 3),
        Data::String("Samtaletid hver fredag; også om vinteren".into())
    );
    assert_eq!(cell(1, 4), Data::String("Stuepædagogerne".into()));
    // A real date: Excel's serial day 46374 is 18 December 2026, shown as a date.
    match cell(1, 5) {
        Data::DateTime(date) => assert_eq!(date.as_f64(), 46374.0),
        other => panic!("the due date is a date, not {other:?}"),
    }
    assert_eq!(
        cell(2, 3),
        Data::String("=Fortæl forældrene om det".into()),
        "text, never a formula"
    );
    assert_eq!(cell(2, 5), Data::Empty);
    assert!(
        matches!(cell(1, 9), Data::DateTime(_)),
        "the meeting's day is a date"
    );
    assert_eq!(actions.height(), 3);
}
