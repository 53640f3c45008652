//! Retention over real sockets and the real database: a team keeps what people wrote for its
//! number of days (30 unless it chose), then the job erases the answers' texts and the names
//! from every table, the meeting's record says so, the actions stay, another team's meeting
//! with more days is untouched, and a second run changes nothing.

use crate::common;

use reqwest::{StatusCode, header};
use serde_json::{Value, json};

use common::{client, command, cookie_pair, everything, host_command, spawn_app_with_hub};
use server::{meetings::hub::now_ms, teams::retention::erase_expired};

const DAY_MS: i64 = 86_400_000;

/// A meeting with names, started through the form: (code, team key).
async fn start_with_names(base: &str, team: &str) -> (String, String) {
    common::start_meeting_form(
        base,
        &[
            ("team", team),
            ("titel", "Forældremøde"),
            ("skabelon", "egne"),
            ("spoergsmaal", "Hvad fylder hos jer?"),
            ("navne", "on"),
        ],
    )
    .await
}

async fn phone(base: &str, code: &str, cookie: Option<&str>, body: &Value) -> reqwest::Response {
    let mut request = client().post(format!("{base}/api/m/{code}/commands"));
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    let response = request.json(body).send().await.expect("phone");
    assert_eq!(response.status(), StatusCode::OK, "{body}");
    response
}

/// A named parent answers, and the host agrees an action: what the meeting keeps.
async fn hold(base: &str, code: &str, key: &str, name: &str, answer: &str, action: &str) {
    let go = |phase: &str| command("go_to", json!({ "step": 0, "phase": phase }));
    host_command(base, code, key, &go("reflect")).await;
    let joined = phone(base, code, None, &command("join", json!({ "name": name }))).await;
    let cookie = cookie_pair(&joined);
    phone(
        base,
        code,
        Some(&cookie),
        &command(
            "submit_answer",
            json!({ "answer": uuid::Uuid::new_v4(), "text": answer }),
        ),
    )
    .await;
    host_command(base, code, key, &go("agree")).await;
    host_command(
        base,
        code,
        key,
        &command(
            "record_action",
            json!({ "action": uuid::Uuid::new_v4(), "what": action, "owner": "Forældrerådet", "due": null }),
        ),
    )
    .await;
}

async fn set_days(base: &str, key: &str, days: &str) -> String {
    let response = client()
        .post(format!("{base}/team/opbevaring"))
        .form(&[("k", key), ("dage", days)])
        .send()
        .await
        .expect("retention form");
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    response.headers()[header::LOCATION]
        .to_str()
        .expect("location")
        .to_owned()
}

async fn text_of(base: &str, path: &str) -> String {
    common::page_text(base, path, None).await
}

#[tokio::test]
async fn answers_and_names_are_erased_after_the_teams_days_and_actions_stay() {
    let db = common::memory_db().await;
    let (base, hub) = spawn_app_with_hub(db.clone()).await;
    let (short, short_key) = start_with_names(&base, "Skolen ved Søen").await;
    let (long, long_key) = start_with_names(&base, "Børnehuset Mælkebøtten").await;
    hold(
        &base,
        &short,
        &short_key,
        "Lene Sørensen",
        "Min søn Kasper er ked af frikvartererne",
        "Frikvartersvagt med forældre",
    )
    .await;
    hold(
        &base,
        &long,
        &long_key,
        "Ahmed Karimi",
        "Vi vil gerne have flere ture i skoven",
        "Skovdag i maj",
    )
    .await;

    // The setting: refused days change nothing and say so; 60 days are kept.
    let refused = set_days(&base, &long_key, "0").await;
    assert!(
        refused.ends_with("&opbevaring=fejl#opbevaring"),
        "{refused}"
    );
    let refused_page = text_of(&base, refused.split('#').next().unwrap_or_default()).await;
    assert!(refused_page.contains("Skriv et antal dage fra 1 til 365"));
    assert!(
        refused_page.contains("slettes 30 dage efter mødet"),
        "still 30"
    );
    let saved = set_days(&base, &long_key, "60").await;
    assert!(saved.ends_with("&opbevaring=gemt#opbevaring"), "{saved}");
    let saved_page = text_of(&base, saved.split('#').next().unwrap_or_default()).await;
    assert!(saved_page.contains("Gemt. Svarene slettes nu 60 dage efter hvert møde."));
    let stranger = client()
        .post(format!("{base}/team/opbevaring"))
        .form(&[("k", "0123456789abcdef0123456789abcdef"), ("dage", "1")])
        .send()
        .await
        .expect("stranger");
    assert_eq!(stranger.status(), StatusCode::FORBIDDEN);

    // Before the days are up nothing goes.
    let early = erase_expired(&db, &hub, now_ms() + 29 * DAY_MS)
        .await
        .expect("job");
    assert_eq!(early.meetings, 0);
    assert!(everything(&db).await.contains("Kasper"));

    // After 31 days: the default team's meeting is erased, the one with 60 days is kept.
    let erased = erase_expired(&db, &hub, now_ms() + 31 * DAY_MS)
        .await
        .expect("job");
    assert_eq!(
        (erased.meetings, erased.texts),
        (1, 2),
        "one answer, one name"
    );
    let stored = everything(&db).await;
    for gone in ["Kasper", "frikvartererne", "Lene Sørensen"] {
        assert!(!stored.contains(gone), "{gone} is still stored");
    }
    for kept in [
        "Frikvartersvagt med forældre",
        "Ahmed Karimi",
        "flere ture i skoven",
    ] {
        assert!(stored.contains(kept), "{kept} was erased");
    }

    // The record (replayed from what is stored now) says so and keeps the action.
    let record = text_of(&base, &format!("/m/{short}/referat?k={short_key}")).await;
    assert!(record.contains("Deltagernes svar er slettet, som teamet har valgt."));
    assert!(record.contains("Frikvartersvagt med forældre"));
    assert!(!record.contains("Kasper") && !record.contains("Lene Sørensen"));
    let other = text_of(&base, &format!("/m/{long}/referat?k={long_key}")).await;
    assert!(
        other.contains("flere ture i skoven") && !other.contains("Deltagernes svar er slettet")
    );

    // Again: nothing more to do. At 61 days the other team's turn comes.
    let again = erase_expired(&db, &hub, now_ms() + 31 * DAY_MS)
        .await
        .expect("job");
    assert_eq!(again.meetings, 0);
    let later = erase_expired(&db, &hub, now_ms() + 61 * DAY_MS)
        .await
        .expect("job");
    assert_eq!(later.meetings, 1);
    assert!(!everything(&db).await.contains("Ahmed Karimi"));
}
