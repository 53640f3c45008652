//! The exported spreadsheets opened by a real spreadsheet program: LibreOffice Calc, headless
//! (Debian's `libreoffice-calc-nogui`, installed by `make test-tools`). The workbook is read
//! and written out as it shows its cells; the CSV file is opened as Danish Excel opens it
//! (`;`, UTF-8, Danish locale), so its dates must become dates and æøå stay whole.
//!
//! `make test` sets `SAMRAAD_REAL_CLIENTS=1`, which makes a missing LibreOffice a failure; a
//! plain `cargo test` without LibreOffice says so and checks nothing else here.

use crate::common;

use std::{path::Path, process::Command};

use reqwest::StatusCode;
use serde_json::json;

use common::{client, command, spawn_app, start_meeting_as};

fn soffice_present() -> bool {
    let found = Command::new("soffice")
        .arg("--version")
        .output()
        .is_ok_and(|out| out.status.success());
    if !found && std::env::var_os("SAMRAAD_REAL_CLIENTS").is_some() {
        panic!("LibreOffice (soffice) is missing: run `make test-tools` to install it");
    }
    if !found {
        eprintln!("LibreOffice (soffice) is not installed: the real-client check is left out");
    }
    found
}

/// Converts `file` with LibreOffice into `out` as comma-separated UTF-8 text and returns its
/// lines. `infilter` tells how to read a CSV file; `shown` writes cells as displayed.
fn convert(file: &Path, out: &Path, infilter: Option<&str>, shown: bool) -> Vec<String> {
    // Its own profile, so no other LibreOffice (or a second test) holds the lock.
    let profile = out.join("profile");
    let mut soffice = Command::new("soffice");
    soffice
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .arg("--headless");
    if let Some(infilter) = infilter {
        soffice.arg(format!("--infilter={infilter}"));
    }
    let status = soffice
        .arg("--convert-to")
        .arg(format!(
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,1030,false,true,{shown}"
        ))
        .arg("--outdir")
        .arg(out)
        .arg(file)
        .output()
        .expect("soffice runs");
    assert!(status.status.success(), "{status:?}");
    let name = file.with_extension("csv");
    let converted = out.join(name.file_name().expect("a file name"));
    std::fs::read_to_string(&converted)
        .expect("LibreOffice wrote the file")
        .lines()
        .map(str::to_owned)
        .collect()
}

#[tokio::test]
async fn libreoffice_reads_the_workbook_and_the_csv_file_as_meant() {
    if !soffice_present() {
        return;
    }
    let base = spawn_app().await;
    let (code, key) = start_meeting_as(
        &base,
        "Børnehuset Solsikken",
        "Personalemøde i december",
        "Hvad lykkedes?",
    )
    .await;
    let host = |body: serde_json::Value| {
        let (base, code, key) = (base.clone(), code.clone(), key.clone());
        async move {
            let response = client()
                .post(format!("{base}/api/m/{code}/commands"))
                .header("x-samraad-key", key)
                .json(&body)
                .send()
                .await
                .expect("command");
            assert_eq!(response.status(), StatusCode::OK);
        }
    };
    host(command("go_to", json!({ "step": 0, "phase": "agree" }))).await;
    host(command(
        "record_action",
        json!({ "action": uuid::Uuid::new_v4(), "what": "Samtaletid hver fredag; også om vinteren", "owner": "Stuepædagogerne", "due": "2026-12-18" }),
    ))
    .await;
    host(command(
        "record_action",
        json!({ "action": uuid::Uuid::new_v4(), "what": "=Fortæl forældrene om det, \"straks\"", "owner": "Mette Ø", "due": null }),
    ))
    .await;

    let dir = common::process::TempDir::new("real-clients");
    for (name, url) in [
        (
            "meeting.xlsx",
            format!("{base}/m/{code}/eksport/aftaler.xlsx?k={key}"),
        ),
        (
            "meeting.csv",
            format!("{base}/m/{code}/eksport/aftaler.csv?k={key}"),
        ),
        (
            "team.xlsx",
            format!("{base}/team/eksport/aftaler.xlsx?k={key}"),
        ),
    ] {
        let bytes = client()
            .get(url)
            .send()
            .await
            .expect("download")
            .bytes()
            .await
            .expect("bytes");
        std::fs::write(dir.0.join(name), bytes).expect("saved");
    }

    // The workbook as LibreOffice shows it: the header, dates as dd-mm-yyyy, text as typed.
    let shown = convert(&dir.0.join("meeting.xlsx"), &dir.0.join("a"), None, true);
    assert_eq!(
        shown[0],
        "Punkt,Tema,Spørgsmål,Aftale,Ansvarlig,Frist,Søjle,Møde,Team,Mødedato"
    );
    assert!(
        shown[1].starts_with("1,Hvad lykkedes?,Hvad lykkedes?,Samtaletid hver fredag; også om vinteren,Stuepædagogerne,18-12-2026,,Personalemøde i december,Børnehuset Solsikken,"),
        "{}",
        shown[1]
    );
    assert!(
        shown[2].contains(",\"=Fortæl forældrene om det, \"\"straks\"\"\",Mette Ø,,"),
        "a formula-like text stays text: {}",
        shown[2]
    );
    let board = convert(&dir.0.join("team.xlsx"), &dir.0.join("b"), None, true);
    assert!(board[0].ends_with(",Mødedato,Status"), "{}", board[0]);
    assert!(board[1].ends_with(",Åben"), "{}", board[1]);

    // The CSV file opened as Danish Excel opens it: `;`, UTF-8, Danish dates. Written out
    // unformatted, a date shows as a date value (m/d/yyyy), not as the text it came in as.
    let opened = convert(
        &dir.0.join("meeting.csv"),
        &dir.0.join("c"),
        Some("CSV:59,34,76,1,,1030"),
        false,
    );
    assert_eq!(
        opened[0],
        "Punkt,Tema,Spørgsmål,Aftale,Ansvarlig,Frist,Søjle,Møde,Team,Mødedato"
    );
    assert!(
        opened[1].contains(",Stuepædagogerne,12/18/2026,"),
        "18-12-2026 became a date: {}",
        opened[1]
    );
    assert!(opened[2].contains(",Mette Ø,"), "æøå whole: {}", opened[2]);
    assert!(
        opened[2].contains("'=Fortæl forældrene om det"),
        "never a formula: {}",
        opened[2]
    );
}
