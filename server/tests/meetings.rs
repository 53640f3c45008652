//! Live meetings over real sockets with a fresh in-memory SurrealDB per test: a host, a
//! screen and phones run a step; retries, reconnects, anonymity and authority.

use crate::common;

use std::time::Duration;

use reqwest::{StatusCode, header};
use serde_json::{Value, json};

use common::{client, command, cookie_pair, read_events, spawn_app, stream};

/// Starts a meeting with typed questions through the start form: (code, host key).
async fn start_meeting(base: &str) -> (String, String) {
    common::start_meeting_as(
        base,
        "Børnehuset Solsikken – personale",
        "Personalemøde i november",
        "Hvad lykkedes for børnene i denne uge?\nHvad vil vi gøre anderledes?",
    )
    .await
}

async fn host(base: &str, code: &str, key: &str, body: &Value) -> reqwest::Response {
    client()
        .post(format!("{base}/api/m/{code}/commands"))
        .header("x-samraad-key", key)
        .json(body)
        .send()
        .await
        .expect("host command")
}

/// A phone: joins and keeps its device cookie.
struct Phone {
    cookie: String,
}

impl Phone {
    async fn join(base: &str, code: &str) -> Phone {
        let response = client()
            .post(format!("{base}/api/m/{code}/commands"))
            .json(&command("join", json!({})))
            .send()
            .await
            .expect("join");
        assert_eq!(response.status(), StatusCode::OK);
        let set_cookie = response.headers()[header::SET_COOKIE]
            .to_str()
            .expect("cookie");
        assert!(set_cookie.contains("HttpOnly"));
        Phone {
            cookie: set_cookie.split(';').next().expect("pair").to_owned(),
        }
    }

    async fn send(&self, base: &str, code: &str, body: &Value) -> reqwest::Response {
        client()
            .post(format!("{base}/api/m/{code}/commands"))
            .header(header::COOKIE, &self.cookie)
            .header(header::ACCEPT_LANGUAGE, "da")
            .json(body)
            .send()
            .await
            .expect("phone command")
    }
}

#[tokio::test]
async fn a_host_a_screen_and_three_phones_run_a_whole_step() {
    let base = spawn_app().await;
    let (code, key) = start_meeting(&base).await;
    let phones = [
        Phone::join(&base, &code).await,
        Phone::join(&base, &code).await,
        Phone::join(&base, &code).await,
    ];
    let go = |phase: &str| command("go_to", json!({ "step": 0, "phase": phase }));
    assert_eq!(
        host(&base, &code, &key, &go("reflect")).await.status(),
        StatusCode::OK
    );

    let texts = [
        "Vi fik tid til samtaler",
        "Legepladsen var et hit",
        "Mere ro ved frokost",
    ];
    let mut answer_ids = Vec::new();
    for (phone, text) in phones.iter().zip(texts) {
        let id = uuid::Uuid::new_v4().to_string();
        let response = phone
            .send(
                &base,
                &code,
                &command("submit_answer", json!({ "answer": id, "text": text })),
            )
            .await;
        assert_eq!(response.status(), StatusCode::OK);
        answer_ids.push(id);
    }
    assert_eq!(
        host(&base, &code, &key, &go("reveal")).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        host(&base, &code, &key, &go("vote")).await.status(),
        StatusCode::OK
    );
    for phone in &phones {
        let vote = command(
            "set_dots",
            json!({ "target": { "answer": answer_ids[0] }, "dots": 2 }),
        );
        assert_eq!(
            phone.send(&base, &code, &vote).await.status(),
            StatusCode::OK
        );
    }
    let over = command(
        "set_dots",
        json!({ "target": { "answer": answer_ids[1] }, "dots": 2 }),
    );
    let refused = phones[0].send(&base, &code, &over).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = refused.json().await.expect("json");
    assert_eq!(body["error"]["refusal"]["code"], "over_budget");
    assert!(
        body["error"]["message"]
            .as_str()
            .expect("message")
            .contains("prikker")
    );

    assert_eq!(
        host(&base, &code, &key, &go("agree")).await.status(),
        StatusCode::OK
    );
    let action = command(
        "record_action",
        json!({ "action": uuid::Uuid::new_v4().to_string(), "what": "Samtaletid hver fredag", "owner": "Stuepædagogerne", "due": "2026-12-18" }),
    );
    assert_eq!(
        host(&base, &code, &key, &action).await.status(),
        StatusCode::OK
    );

    // The screen stream shows the ranking with the tallies and the action.
    let (events, _) = read_events(stream(&base, &code, &format!("k={key}"), None).await, 1).await;
    let view = &events[0].1["view"];
    assert_eq!(events[0].0, "view");
    assert_eq!(view["step"]["phase"], "agree");
    assert_eq!(view["step"]["cards"][0]["dots"], 6);
    assert_eq!(view["step"]["cards"][0]["answers"][0]["text"], texts[0]);
    assert_eq!(view["step"]["actions"][0]["owner"], "Stuepædagogerne");
    assert_eq!(view["counts"]["joined"], 3);
}

#[tokio::test]
async fn a_command_sent_twice_is_applied_once_with_the_same_answer() {
    let base = spawn_app().await;
    let (code, key) = start_meeting(&base).await;
    let phone = Phone::join(&base, &code).await;
    host(
        &base,
        &code,
        &key,
        &command("go_to", json!({ "step": 0, "phase": "reflect" })),
    )
    .await;
    let answer = command(
        "submit_answer",
        json!({ "answer": uuid::Uuid::new_v4().to_string(), "text": "Én gang" }),
    );
    let first: Value = phone
        .send(&base, &code, &answer)
        .await
        .json()
        .await
        .expect("json");
    let second: Value = phone
        .send(&base, &code, &answer)
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(first, second);
    let (events, _) = read_events(stream(&base, &code, &format!("k={key}"), None).await, 1).await;
    assert_eq!(events[0].1["view"]["counts"]["answers"], 1);
    assert_eq!(events[0].1["seq"], first["seq"]);
}

#[tokio::test]
async fn a_reconnecting_client_gets_what_it_missed_and_nothing_it_has() {
    let base = spawn_app().await;
    let (code, key) = start_meeting(&base).await;
    let (events, _) = read_events(stream(&base, &code, &format!("k={key}"), None).await, 1).await;
    let old_seq = events[0].1["seq"].as_u64().expect("seq");
    host(
        &base,
        &code,
        &key,
        &command("go_to", json!({ "step": 1, "phase": "reflect" })),
    )
    .await;

    let (events, _) = read_events(
        stream(&base, &code, &format!("k={key}&seq={old_seq}"), None).await,
        1,
    )
    .await;
    assert_eq!(events[0].0, "view");
    assert_eq!(events[0].1["seq"], old_seq + 1);
    assert_eq!(events[0].1["view"]["step"]["index"], 1);
    assert_eq!(events[0].1["view"]["step"]["phase"], "reflect");

    let current = old_seq + 1;
    let (events, _) = read_events(
        stream(&base, &code, &format!("k={key}&seq={current}"), None).await,
        1,
    )
    .await;
    assert_eq!(
        events[0].0, "ping",
        "an up-to-date client gets no snapshot, only the heartbeat"
    );

    // A live stream receives the next change as it happens.
    let live = stream(&base, &code, &format!("k={key}&seq={current}"), None).await;
    let reader = tokio::spawn(read_events(live, 2));
    tokio::time::sleep(Duration::from_millis(200)).await;
    host(
        &base,
        &code,
        &key,
        &command("go_to", json!({ "step": 1, "phase": "reveal" })),
    )
    .await;
    let (events, _) = reader.await.expect("reader");
    assert_eq!(events[1].1["view"]["step"]["phase"], "reveal");
}

#[tokio::test]
async fn no_participant_stream_or_page_names_another_participant() {
    let base = spawn_app().await;
    let (code, key) = start_meeting(&base).await;
    let alice = Phone::join(&base, &code).await;
    let bob = Phone::join(&base, &code).await;
    host(
        &base,
        &code,
        &key,
        &command("go_to", json!({ "step": 0, "phase": "reflect" })),
    )
    .await;
    alice
        .send(&base, &code, &command("submit_answer", json!({ "answer": uuid::Uuid::new_v4().to_string(), "text": "Alices hemmelige svar" })))
        .await;
    // Before the reveal Bob's stream has neither Alice's answer nor any device or id of hers.
    let (_, raw) = read_events(stream(&base, &code, "", Some(&bob.cookie)).await, 1).await;
    assert!(!raw.contains("Alices hemmelige svar"));
    let alice_token = alice.cookie.split('=').nth(1).expect("token");
    assert!(!raw.contains(alice_token));
    assert!(
        !raw.contains("author") && !raw.contains("participant\""),
        "{raw}"
    );

    host(
        &base,
        &code,
        &key,
        &command("go_to", json!({ "step": 0, "phase": "reveal" })),
    )
    .await;
    let (_, raw) = read_events(stream(&base, &code, "", Some(&bob.cookie)).await, 1).await;
    assert!(
        raw.contains("Alices hemmelige svar"),
        "revealed answers reach phones"
    );
    assert!(!raw.contains(alice_token) && !raw.contains("author"));
    let page = client()
        .get(format!("{base}/m/{code}"))
        .header(header::COOKIE, &bob.cookie)
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    assert!(!page.contains(alice_token) && !page.contains("author"));
}

#[tokio::test]
async fn host_commands_are_refused_to_phones_and_screens() {
    let base = spawn_app().await;
    let (code, key) = start_meeting(&base).await;
    let phone = Phone::join(&base, &code).await;
    let host_commands = [
        command("go_to", json!({ "step": 0, "phase": "reflect" })),
        command("end_meeting", json!({})),
        command("start_timer", json!({ "minutes": 5 })),
        command(
            "set_vote_rules",
            json!({ "budget": 5, "cap": 5, "tallies_live": true }),
        ),
        command(
            "hide_answer",
            json!({ "answer": uuid::Uuid::new_v4().to_string(), "hidden": true }),
        ),
        command(
            "record_action",
            json!({ "action": uuid::Uuid::new_v4().to_string(), "what": "x", "owner": "y" }),
        ),
    ];
    let screen_url = client()
        .get(format!("{base}/m/{code}/styring?k={key}"))
        .send()
        .await
        .expect("console")
        .text()
        .await
        .expect("html");
    let screen_key = screen_url
        .split("skaerm?k=")
        .nth(1)
        .map(|rest| {
            rest.chars()
                .take_while(char::is_ascii_hexdigit)
                .collect::<String>()
        })
        .expect("the console shows the screen link");
    for body in &host_commands {
        assert_eq!(
            phone.send(&base, &code, body).await.status(),
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            host(&base, &code, &screen_key, body).await.status(),
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            host(&base, &code, "0123456789abcdef0123456789abcdef", body)
                .await
                .status(),
            StatusCode::FORBIDDEN
        );
    }
    let (events, _) = read_events(stream(&base, &code, &format!("k={key}"), None).await, 1).await;
    assert_eq!(events[0].1["seq"], 1, "only the phone's join was applied");
}

#[tokio::test]
async fn bad_input_gets_a_clear_4xx_and_changes_nothing() {
    let base = spawn_app().await;
    let (code, key) = start_meeting(&base).await;
    let phone = Phone::join(&base, &code).await;
    let url = format!("{base}/api/m/{code}/commands");
    let malformed = client()
        .post(&url)
        .header(header::COOKIE, &phone.cookie)
        .header(header::ACCEPT_LANGUAGE, "en")
        .body("{not json")
        .send()
        .await
        .expect("send");
    assert_eq!(malformed.status(), StatusCode::BAD_REQUEST);
    let body: Value = malformed.json().await.expect("json");
    assert_eq!(body["error"]["code"], "malformed");
    assert!(
        body["error"]["message"]
            .as_str()
            .expect("text")
            .contains("could not be read")
    );

    let closed = phone
        .send(
            &base,
            &code,
            &command(
                "submit_answer",
                json!({ "answer": uuid::Uuid::new_v4().to_string(), "text": "For tidligt" }),
            ),
        )
        .await;
    assert_eq!(closed.status(), StatusCode::CONFLICT);

    host(
        &base,
        &code,
        &key,
        &command("go_to", json!({ "step": 0, "phase": "reflect" })),
    )
    .await;
    for (text, problem) in [
        ("", "empty"),
        (&"x".repeat(501)[..], "too_long"),
        ("Cpr 010203-1234", "cpr"),
    ] {
        let response = phone
            .send(
                &base,
                &code,
                &command(
                    "submit_answer",
                    json!({ "answer": uuid::Uuid::new_v4().to_string(), "text": text }),
                ),
            )
            .await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body: Value = response.json().await.expect("json");
        assert_eq!(
            body["error"]["refusal"]["problem"]["problem"], problem,
            "{body}"
        );
    }
    let unknown = client()
        .post(format!("{base}/api/m/ABCDEF/commands"))
        .json(&command("join", json!({})))
        .send()
        .await
        .expect("send");
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    let (events, _) = read_events(stream(&base, &code, &format!("k={key}"), None).await, 1).await;
    assert_eq!(events[0].1["view"]["counts"]["answers"], 0);
}

#[tokio::test]
async fn the_phone_works_with_plain_forms() {
    let base = spawn_app().await;
    let (code, key) = start_meeting(&base).await;
    let join = client()
        .post(format!("{base}/m/{code}/handling"))
        .form(&[
            ("handling", "deltag"),
            ("id", &uuid::Uuid::new_v4().to_string()),
        ])
        .send()
        .await
        .expect("join");
    assert_eq!(join.status(), StatusCode::SEE_OTHER);
    let cookie = cookie_pair(&join);
    host(
        &base,
        &code,
        &key,
        &command("go_to", json!({ "step": 0, "phase": "reflect" })),
    )
    .await;
    let answer = |text: &'static str| {
        let cookie = cookie.clone();
        let base = base.clone();
        let code = code.clone();
        async move {
            client()
                .post(format!("{base}/m/{code}/handling"))
                .header(header::COOKIE, cookie)
                .form(&[
                    ("handling", "svar"),
                    ("id", &uuid::Uuid::new_v4().to_string()),
                    ("svar", &uuid::Uuid::new_v4().to_string()),
                    ("tekst", text),
                ])
                .send()
                .await
                .expect("answer")
        }
    };
    let ok = answer("Et svar uden JavaScript").await;
    assert_eq!(ok.status(), StatusCode::SEE_OTHER);
    let refused = answer("Mit cpr 010203-1234").await;
    let location = refused.headers()[header::LOCATION]
        .to_str()
        .expect("location");
    // What was typed (here a CPR number) never goes into the address: it is kept on the
    // server under a one-time id.
    assert!(
        location.contains("fejl=") && location.contains("utkast="),
        "{location}"
    );
    assert!(
        !location.contains("010203") && !location.contains("tekst="),
        "{location}"
    );
    let page_in = async |language: &str| {
        let response = client()
            .get(format!("{base}{location}"))
            .header(header::COOKIE, &cookie)
            .header(header::ACCEPT_LANGUAGE, language)
            .send()
            .await
            .expect("page");
        response.text().await.expect("html")
    };
    let page = page_in("da").await;
    assert!(
        page.contains("Et svar uden JavaScript"),
        "the page shows the person's own answer"
    );
    assert!(page.contains("CPR-nummer"), "the refusal is explained");
    assert!(
        page.contains("Mit cpr 010203-1234"),
        "what was typed is kept in the field"
    );
    // The server says the refusal in the phone's language (the page's data carries the
    // sentence, not a code for the phone to read).
    let english = page_in("en-GB,en;q=0.8").await;
    assert!(
        english.contains("looks like a CPR number"),
        "the refusal in English"
    );
    assert!(
        !english.contains("Mit cpr 010203-1234"),
        "a kept text is given back once"
    );
}

#[tokio::test]
async fn unknown_codes_are_404_and_guessing_is_slowed_without_locking_out_the_hall() {
    let base = spawn_app().await;
    let (code, key) = start_meeting(&base).await;
    // Every path that looks a code up answers an unknown code with 404.
    let unknown = [
        client().get(format!("{base}/api/m/ABCDEF/events")),
        client().get(format!("{base}/m/ABCDEF")),
        client()
            .post(format!("{base}/m/ABCDEF/handling"))
            .form(&[("handling", "deltag")]),
        client()
            .post(format!("{base}/api/page/phone"))
            .form(&[("code", "ABCDEF")]),
        client()
            .post(format!("{base}/api/m/ABCDEF/commands"))
            .json(&command("join", json!({}))),
    ];
    for request in unknown {
        assert_eq!(
            request.send().await.expect("send").status(),
            StatusCode::NOT_FOUND
        );
    }
    for _ in 0..server::routes::guard::FREE_UNKNOWN_CODES {
        client()
            .get(format!("{base}/m/ABCDEF"))
            .send()
            .await
            .expect("send");
    }
    // Now every lookup without proof from this address waits, a real code as a wrong one…
    for path in [format!("/m/{code}"), "/m/ABCDEF".to_owned()] {
        let started = std::time::Instant::now();
        let status = client()
            .get(format!("{base}{path}"))
            .send()
            .await
            .expect("send")
            .status();
        assert!(status == StatusCode::OK || status == StatusCode::NOT_FOUND);
        assert!(
            started.elapsed() >= Duration::from_millis(900),
            "{path} was not slowed"
        );
    }
    // …and the new phone with the right code still gets in.
    let join = client()
        .post(format!("{base}/m/{code}/handling"))
        .form(&[("handling", "deltag")])
        .send()
        .await
        .expect("join");
    assert_eq!(join.status(), StatusCode::SEE_OTHER);
    // A phone that joined and the host with the key are never slowed by others' typos.
    let cookie = cookie_pair(&join);
    let started = std::time::Instant::now();
    let phone = client()
        .get(format!("{base}/m/{code}"))
        .header(header::COOKIE, &cookie)
        .send()
        .await
        .expect("phone page");
    assert_eq!(phone.status(), StatusCode::OK);
    let console = client()
        .get(format!("{base}/m/{code}/styring?k={key}"))
        .send()
        .await
        .expect("console");
    assert_eq!(console.status(), StatusCode::OK);
    assert!(
        started.elapsed() < Duration::from_millis(900),
        "proof passes at once"
    );
}

#[tokio::test]
async fn a_tampered_phone_form_gets_a_message_not_an_error_page() {
    let base = spawn_app().await;
    let (code, _key) = start_meeting(&base).await;
    for form in [
        vec![
            ("handling", "prikker"),
            ("maal", "a:nonsense"),
            ("prikker", "lots"),
        ],
        vec![],
        vec![("handling", "svar")],
    ] {
        let response = client()
            .post(format!("{base}/m/{code}/handling"))
            .form(&form)
            .send()
            .await
            .expect("send");
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{form:?}");
        let location = response.headers()[header::LOCATION]
            .to_str()
            .expect("location");
        assert!(
            location.starts_with(&format!("/m/{code}?fejl=")),
            "{location}"
        );
    }
}

/// The room's record: a phone that took part reads what the room saw, and only that; a
/// parked answer is in the host's record under "Parkeret", never on a phone.
#[tokio::test]
async fn a_phone_reads_what_the_room_saw_and_the_host_keeps_the_parked_answers() {
    let base = spawn_app().await;
    let (code, key) = start_meeting(&base).await;
    let phones = [
        Phone::join(&base, &code).await,
        Phone::join(&base, &code).await,
    ];
    let go = |step: usize, phase: &str| command("go_to", json!({ "step": step, "phase": phase }));
    assert_eq!(
        host(&base, &code, &key, &go(0, "reflect")).await.status(),
        StatusCode::OK
    );
    let shown = uuid::Uuid::new_v4().to_string();
    let parked = uuid::Uuid::new_v4().to_string();
    for (phone, (id, text)) in phones.iter().zip([
        (&shown, "Mere tid til samtaler"),
        (&parked, "Kaffen i personalestuen"),
    ]) {
        let answer = command(
            "submit_answer",
            json!({ "answer": id, "text": text, "lang": "da" }),
        );
        assert_eq!(
            phone.send(&base, &code, &answer).await.status(),
            StatusCode::OK
        );
    }
    let park = command("hide_answer", json!({ "answer": parked, "hidden": true }));
    assert_eq!(
        host(&base, &code, &key, &park).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        host(&base, &code, &key, &go(0, "reveal")).await.status(),
        StatusCode::OK
    );

    let record = |cookie: Option<&str>| {
        let mut request = client().get(format!("{base}/m/{code}/overblik"));
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        async move { request.send().await.expect("record") }
    };
    let seen = record(Some(&phones[0].cookie)).await;
    assert_eq!(seen.status(), StatusCode::OK);
    let html = seen.text().await.expect("html");
    assert!(
        html.contains("Mere tid til samtaler"),
        "the revealed answer"
    );
    assert!(
        !html.contains("Kaffen i personalestuen"),
        "a parked answer is not on a phone"
    );
    assert!(
        !html.contains("Hvad vil vi gøre anderledes?"),
        "an item the room did not reach"
    );
    assert_eq!(
        record(None).await.status(),
        StatusCode::FORBIDDEN,
        "the code alone does not open the record"
    );

    let summary = client()
        .get(format!("{base}/m/{code}/referat?k={key}"))
        .send()
        .await
        .expect("summary")
        .text()
        .await
        .expect("html");
    let parked_section = summary
        .split("Parkeret til et senere møde")
        .nth(1)
        .expect("a parked section");
    assert!(parked_section.contains("Kaffen i personalestuen"));
}
