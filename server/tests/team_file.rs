//! A team's data out of Samråd and back in, over real sockets: the team file holds every
//! meeting with its answers, groups, dots and actions (with their board status) and no id of
//! anyone or anything; brought in through the start page's form it becomes a new team whose
//! own file is the same; a file that is not ours, is newer or holds an impossible meeting is
//! refused with what was wrong, and nothing is stored.

use crate::common;

use reqwest::{StatusCode, header};
use serde_json::{Value, json};

use common::{client, command, cookie_pair, host_command, start_meeting_form};

const BOUNDARY: &str = "samraad-test-boundary";

/// The start page's import form as a browser sends it: multipart, one file field.
async fn import(base: &str, file: &[u8]) -> String {
    let mut body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"fil\"; filename=\"team.json\"\r\n\
         Content-Type: application/json\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(file);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    let response = client()
        .post(format!("{base}/team/import"))
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(body)
        .send()
        .await
        .expect("import");
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    response.headers()[header::LOCATION]
        .to_str()
        .expect("location")
        .to_owned()
}

async fn team_json(base: &str, key: &str) -> (Value, String) {
    let response = client()
        .get(format!("{base}/team/eksport/team.json?k={key}"))
        .send()
        .await
        .expect("team file");
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[header::CONTENT_TYPE], "application/json");
    let disposition = response.headers()[header::CONTENT_DISPOSITION]
        .to_str()
        .expect("disposition")
        .to_owned();
    let text = response.text().await.expect("body");
    assert!(
        disposition.starts_with("attachment; filename=\"samraad-skolen-ved-soeen-")
            && disposition.ends_with("-team.json\""),
        "{disposition}"
    );
    (serde_json::from_str(&text).expect("json"), text)
}

async fn phone(base: &str, code: &str, cookie: Option<&str>, body: &Value) -> String {
    let mut request = client().post(format!("{base}/api/m/{code}/commands"));
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    let response = request.json(body).send().await.expect("phone");
    assert_eq!(response.status(), StatusCode::OK, "{body}");
    if cookie.is_none() {
        cookie_pair(&response)
    } else {
        String::new()
    }
}

#[tokio::test]
async fn a_team_goes_out_as_a_file_and_comes_back_as_a_new_team() {
    let db = common::memory_db().await;
    let base = common::spawn_app_on(db.clone()).await;
    let (first, key) = start_meeting_form(
        &base,
        &[
            ("team", "Skolen ved Søen"),
            ("titel", "Forældremøde i 3.A"),
            ("skabelon", "egne"),
            ("spoergsmaal", "Hvad fylder hos jer?\nHvad gør vi nu?"),
            ("navne", "ja"),
        ],
    )
    .await;
    let go = |step: usize, phase: &str| command("go_to", json!({ "step": step, "phase": phase }));
    host_command(&base, &first, &key, &go(0, "reflect")).await;
    let lene = phone(
        &base,
        &first,
        None,
        &command("join", json!({ "name": "Lene" })),
    )
    .await;
    let other = phone(&base, &first, None, &command("join", json!({}))).await;
    let answers: Vec<String> = (0..3).map(|_| uuid::Uuid::new_v4().to_string()).collect();
    for (who, id, text) in [
        (&lene, &answers[0], "Mere ro i garderoben"),
        (&other, &answers[1], "Ture i skoven"),
        (&other, &answers[2], "Ro om morgenen"),
    ] {
        phone(
            &base,
            &first,
            Some(who),
            &command("submit_answer", json!({ "answer": id, "text": text })),
        )
        .await;
    }
    host_command(&base, &first, &key, &go(0, "sort")).await;
    let group = uuid::Uuid::new_v4().to_string();
    host_command(
        &base,
        &first,
        &key,
        &command(
            "merge_answers",
            json!({ "cluster": group, "title": "Ro", "answers": [answers[0], answers[2]] }),
        ),
    )
    .await;
    host_command(&base, &first, &key, &go(0, "vote")).await;
    phone(
        &base,
        &first,
        Some(&lene),
        &command(
            "set_dots",
            json!({ "target": { "cluster": group }, "dots": 2 }),
        ),
    )
    .await;
    host_command(&base, &first, &key, &go(0, "agree")).await;
    let action = uuid::Uuid::new_v4().to_string();
    host_command(
        &base,
        &first,
        &key,
        &command(
            "record_action",
            json!({ "action": action, "what": "Skovdag i maj", "owner": "Forældrerådet", "due": "2027-05-01" }),
        ),
    )
    .await;
    host_command(&base, &first, &key, &command("end_meeting", json!({}))).await;
    // Marked done on the team's board.
    let edited = client()
        .post(format!("{base}/team/aftale"))
        .form(&[
            ("k", key.as_str()),
            ("m", first.as_str()),
            ("a", action.as_str()),
            ("status", "done"),
            ("owner", "Forældrerådet"),
            ("due", "2027-05-01"),
        ])
        .send()
        .await
        .expect("edit");
    assert_eq!(edited.status(), StatusCode::SEE_OTHER);
    let second =
        common::start_meeting_in(&base, &key, "Forældremøde i januar", "Hvad tager vi med?").await;

    let (file, text) = team_json(&base, &key).await;
    assert_eq!(file["format"], "samraad-team");
    assert_eq!(file["team"], "Skolen ved Søen");
    let meetings = file["meetings"].as_array().expect("meetings");
    assert_eq!(meetings.len(), 2);
    assert_eq!(
        meetings[0]["title"], "Forældremøde i januar",
        "newest first"
    );
    let held = &meetings[1];
    assert_eq!(held["participants"], 2);
    assert_eq!(held["ended"], true);
    let item = &held["items"][0];
    assert_eq!(item["groups"], json!([{ "title": "Ro", "dots": 2 }]));
    assert_eq!(item["answers"][0]["text"], "Mere ro i garderoben");
    assert_eq!(item["answers"][0]["name"], "Lene", "a meeting with names");
    assert_eq!(item["actions"][0]["status"], "done");
    for id in answers.iter().chain([&action, &group, &key]) {
        assert!(!text.contains(id.as_str()), "{id} is in the file");
    }
    for code in [&first, &second] {
        assert!(!text.contains(code.as_str()), "a join code is in the file");
    }

    // In again, as a new team: its file is the same file.
    let location = import(&base, text.as_bytes()).await;
    assert!(
        location.starts_with("/team?k=") && location.ends_with("&importeret=2"),
        "{location}"
    );
    let new_key = location
        .trim_start_matches("/team?k=")
        .split('&')
        .next()
        .expect("key")
        .to_owned();
    assert_ne!(new_key, key);
    let (again, _) = team_json(&base, &new_key).await;
    assert_eq!(again, file, "export → import → export gives the same file");
    let page = client()
        .get(format!("{base}{location}&status=alle"))
        .send()
        .await
        .expect("team page")
        .text()
        .await
        .expect("html")
        .replace("<!>", "");
    assert!(page.contains("Teamet er hentet ind med 2 møder."));
    assert!(page.contains("Skovdag i maj") && page.contains("data-status=\"done\""));

    // One meeting as a file: the same format, that meeting alone.
    let one: Value = client()
        .get(format!("{base}/m/{first}/eksport/moede.json?k={key}"))
        .send()
        .await
        .expect("meeting file")
        .json()
        .await
        .expect("json");
    assert_eq!(one["meetings"], json!([held]));
}

#[tokio::test]
async fn a_file_that_cannot_be_used_is_refused_and_nothing_is_stored() {
    let db = common::memory_db().await;
    let base = common::spawn_app_on(db.clone()).await;
    let spaces = || async {
        let mut response = db
            .query("RETURN count((SELECT VALUE space_id FROM space));")
            .await
            .expect("count")
            .check()
            .expect("ok");
        let counts: Vec<i64> = response.take(0).expect("counts");
        counts.first().copied().unwrap_or(0)
    };
    let meeting = json!({
        "title": "Møde", "held": "2026-12-08", "participants": 1, "names_allowed": false,
        "ended": true, "current": 0,
        "items": [{
            "agenda": { "theme": { "da": "Hvad?", "en": "What?" }, "questions": [], "pillars": [],
                        "phases": ["intro", "reflect", "agree", "done"], "minutes": null, "notes": null },
            "phase": "done", "rules": { "budget": 3, "cap": 2, "tallies_live": false },
            "answers": [{ "text": "Mere ro", "lang": "da" }]
        }]
    });
    let good = json!({ "format": "samraad-team", "version": 1, "team": "Skolen ved Søen", "meetings": [meeting.clone(), meeting.clone()] });
    let mut broken = good.clone();
    broken["meetings"][1]["items"][0]["answers"][0]["text"] = json!("CPR 010203-1234");
    let mut newer = good.clone();
    newer["version"] = json!(2);
    for (file, refusal) in [
        (b"<html>".to_vec(), "ikke-samraad"),
        (
            br#"{"format":"noget andet","version":1}"#.to_vec(),
            "ikke-samraad",
        ),
        (newer.to_string().into_bytes(), "nyere"),
        (broken.to_string().into_bytes(), "moede-2"),
        (Vec::new(), "ingen-fil"),
    ] {
        let location = import(&base, &file).await;
        assert_eq!(location, format!("/ny?importfejl={refusal}#import"));
        assert_eq!(spaces().await, 0, "{refusal}: nothing stored");
    }
    let page = client()
        .get(format!("{base}/ny?importfejl=moede-2"))
        .send()
        .await
        .expect("start page")
        .text()
        .await
        .expect("html")
        .replace("<!>", "");
    assert!(page.contains("Møde nummer 2 i filen kan ikke læses. Intet er hentet ind."));
    let location = import(&base, good.to_string().as_bytes()).await;
    assert!(location.ends_with("&importeret=2"), "{location}");
    assert_eq!(spaces().await, 1);
}
