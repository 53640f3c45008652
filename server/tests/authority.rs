//! Who may do what, checked for every command under every credential, and what each role's
//! stream and page carry on the wire. A real socket, the whole app, a fresh in-memory
//! SurrealDB per test (docs/security.md).

use crate::common;

use reqwest::{StatusCode, header};
use serde_json::{Value, json};

use common::{client, command, cookie_pair, read_events, spawn_app, start_meeting_as};

/// How a request proves who it is.
#[derive(Debug, Clone)]
enum Credential {
    Nothing,
    Phone(String),
    OtherPhone(String),
    Screen(String),
    Host(String),
    OtherTeamsHost(String),
}

impl Credential {
    fn apply(&self, request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        match self {
            Self::Nothing => request,
            Self::Phone(cookie) | Self::OtherPhone(cookie) => {
                request.header(header::COOKIE, cookie)
            }
            Self::Screen(key) | Self::Host(key) | Self::OtherTeamsHost(key) => {
                request.header("x-samraad-key", key)
            }
        }
    }
}

struct Room {
    base: String,
    code: String,
    host: String,
    screen: String,
    other_team: String,
    phone: String,
    other_phone: String,
}

async fn join(base: &str, code: &str) -> String {
    let response = client()
        .post(format!("{base}/api/m/{code}/commands"))
        .json(&command("join", json!({})))
        .send()
        .await
        .expect("join");
    assert_eq!(response.status(), StatusCode::OK);
    cookie_pair(&response)
}

/// The projector's key, as the console shows it to the host.
async fn screen_key(base: &str, code: &str, host: &str) -> String {
    let html = client()
        .get(format!("{base}/m/{code}/styring?k={host}"))
        .send()
        .await
        .expect("console")
        .text()
        .await
        .expect("html");
    let after = html.split("skaerm?k=").nth(1).expect("the screen link");
    after.chars().take_while(char::is_ascii_hexdigit).collect()
}

async fn room() -> Room {
    let base = spawn_app().await;
    let (code, host) = start_meeting_as(&base, "Team A", "Møde", "Hvad lykkedes?\nHvad nu?").await;
    let (_, other_team) = start_meeting_as(&base, "Team B", "Andet møde", "Hvad?").await;
    let screen = screen_key(&base, &code, &host).await;
    assert_eq!(screen.len(), 32, "the console shows the screen key");
    let phone = join(&base, &code).await;
    let other_phone = join(&base, &code).await;
    Room {
        base,
        code,
        host,
        screen,
        other_team,
        phone,
        other_phone,
    }
}

async fn send(room: &Room, who: &Credential, body: &Value) -> (StatusCode, Value) {
    let request = client().post(format!("{}/api/m/{}/commands", room.base, room.code));
    let response = who.apply(request).json(body).send().await.expect("send");
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// The refusal's code, or the problem's, or `ok`.
fn outcome(status: StatusCode, body: &Value) -> String {
    if status == StatusCode::OK {
        return "ok".into();
    }
    body["error"]["refusal"]["code"]
        .as_str()
        .or_else(|| body["error"]["code"].as_str())
        .unwrap_or("?")
        .to_owned()
}

/// What refuses a credential for its role (as opposed to a rule of the meeting's state).
const ROLE_REFUSALS: [&str; 5] = [
    "host_only",
    "read_only",
    "participant_only",
    "not_joined",
    "forbidden",
];

#[tokio::test]
async fn every_command_under_every_credential_is_decided_by_its_role() {
    let room = room().await;
    let host = Credential::Host(room.host.clone());
    let go = |phase: &str| command("go_to", json!({ "step": 0, "phase": phase }));
    assert_eq!(send(&room, &host, &go("reflect")).await.0, StatusCode::OK);
    let answer = uuid::Uuid::new_v4().to_string();
    let submit = command(
        "submit_answer",
        json!({ "answer": answer, "text": "Mere ro" }),
    );
    let phone = Credential::Phone(room.phone.clone());
    assert_eq!(send(&room, &phone, &submit).await.0, StatusCode::OK);

    let participant_commands = [
        command(
            "submit_answer",
            json!({ "answer": uuid::Uuid::new_v4(), "text": "Tid" }),
        ),
        command("withdraw_answer", json!({ "answer": answer })),
        command(
            "set_dots",
            json!({ "target": { "answer": answer }, "dots": 1 }),
        ),
    ];
    let host_commands = [
        go("reveal"),
        command(
            "set_vote_rules",
            json!({ "budget": 3, "cap": 2, "tallies_live": false }),
        ),
        command("hide_answer", json!({ "answer": answer, "hidden": false })),
        command(
            "merge_answers",
            json!({ "cluster": uuid::Uuid::new_v4(), "title": "Ro", "answers": [answer] }),
        ),
        command("ungroup", json!({ "answer": answer })),
        command(
            "record_action",
            json!({ "action": uuid::Uuid::new_v4(), "what": "Ro ved frokost", "owner": "Alle" }),
        ),
        command("remove_action", json!({ "action": uuid::Uuid::new_v4() })),
        command("start_timer", json!({ "minutes": 5 })),
        command("stop_timer", json!({})),
    ];
    let credentials = [
        Credential::Nothing,
        Credential::Phone(room.phone.clone()),
        Credential::OtherPhone(room.other_phone.clone()),
        Credential::Screen(room.screen.clone()),
        Credential::Host(room.host.clone()),
        Credential::OtherTeamsHost(room.other_team.clone()),
    ];
    let mut table = Vec::new();
    for (body, for_host) in participant_commands
        .iter()
        .map(|c| (c, false))
        .chain(host_commands.iter().map(|c| (c, true)))
    {
        for who in &credentials {
            // A fresh id each time, so each cell is decided on its own.
            let mut body = body.clone();
            body["id"] = json!(uuid::Uuid::new_v4().to_string());
            let (status, reply) = send(&room, who, &body).await;
            let got = outcome(status, &reply);
            assert!(status.as_u16() < 500, "{who:?} {body}: {status}");
            let expected: &[&str] = match (who, for_host) {
                (Credential::Nothing, _) => &["not_joined"],
                (Credential::OtherTeamsHost(_), _) => &["forbidden"],
                (Credential::Screen(_), _) => &["read_only"],
                (Credential::Phone(_) | Credential::OtherPhone(_), true) => &["host_only"],
                (Credential::Host(_), false) => &["participant_only"],
                // Allowed by role; the meeting's state may still say no (not the author,
                // not the phase), never the role.
                _ => &[],
            };
            if expected.is_empty() {
                assert!(
                    !ROLE_REFUSALS.contains(&got.as_str()),
                    "{who:?} may give {}: got {got}",
                    body["command"]["type"]
                );
            } else {
                assert!(
                    expected.contains(&got.as_str()),
                    "{who:?} may not give {}: got {got}",
                    body["command"]["type"]
                );
            }
            table.push((body["command"]["type"].to_string(), format!("{who:?}"), got));
        }
    }
    assert_eq!(table.len(), 12 * 6);
    // Another phone cannot withdraw this phone's answer.
    send(&room, &host, &go("reflect")).await;
    let kept = uuid::Uuid::new_v4().to_string();
    let submit = command(
        "submit_answer",
        json!({ "answer": kept, "text": "Mit svar" }),
    );
    assert_eq!(send(&room, &phone, &submit).await.0, StatusCode::OK);
    let withdraw = command("withdraw_answer", json!({ "answer": kept }));
    let other = Credential::OtherPhone(room.other_phone.clone());
    assert_eq!(
        outcome_of(send(&room, &other, &withdraw).await),
        "not_your_answer"
    );
}

fn outcome_of((status, body): (StatusCode, Value)) -> String {
    outcome(status, &body)
}

#[tokio::test]
async fn a_replayed_envelope_under_another_credential_is_not_answered_as_the_first() {
    let room = room().await;
    let host = Credential::Host(room.host.clone());
    let envelope = command("go_to", json!({ "step": 0, "phase": "reflect" }));
    let (status, first) = send(&room, &host, &envelope).await;
    assert_eq!(status, StatusCode::OK);
    for who in [
        Credential::Screen(room.screen.clone()),
        Credential::Phone(room.phone.clone()),
        Credential::OtherTeamsHost(room.other_team.clone()),
        Credential::Nothing,
    ] {
        let (status, reply) = send(&room, &who, &envelope).await;
        assert_ne!(
            status,
            StatusCode::OK,
            "{who:?} got the host's answer: {reply}"
        );
    }
    let (status, again) = send(&room, &host, &envelope).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(again, first, "the host's own retry gets the first answer");
}

#[tokio::test]
async fn no_stream_or_page_tells_who_wrote_what() {
    let room = room().await;
    let host = Credential::Host(room.host.clone());
    send(
        &room,
        &host,
        &command("go_to", json!({ "step": 0, "phase": "reflect" })),
    )
    .await;
    for (cookie, text) in [
        (&room.phone, "Svar fra den første"),
        (&room.other_phone, "Svar fra den anden"),
    ] {
        let body = command(
            "submit_answer",
            json!({ "answer": uuid::Uuid::new_v4(), "text": text }),
        );
        let (status, _) = send(&room, &Credential::Phone(cookie.clone()), &body).await;
        assert_eq!(status, StatusCode::OK);
    }
    send(
        &room,
        &host,
        &command("go_to", json!({ "step": 0, "phase": "reveal" })),
    )
    .await;
    let token = |pair: &str| pair.split('=').nth(1).expect("token").to_owned();
    let secrets = [token(&room.phone), token(&room.other_phone)];
    let streams = [
        (format!("k={}", room.screen), None, "screen"),
        (format!("k={}", room.host), None, "console"),
        (String::new(), Some(room.phone.clone()), "phone"),
        (String::new(), Some(room.other_phone.clone()), "other phone"),
        (String::new(), None, "a phone that has not joined"),
    ];
    for (query, cookie, role) in streams {
        let response = common::stream(&room.base, &room.code, &query, cookie.as_deref()).await;
        let (events, raw) = read_events(response, 1).await;
        check_raw(&raw, &secrets, role);
        let view = &events[0].1["view"];
        let mine = view["my_answers"].as_array().map_or(0, Vec::len);
        assert!(mine <= 1, "{role} sees only its own answers as its own");
        if role == "phone" {
            assert_eq!(view["my_answers"][0]["text"], "Svar fra den første");
        }
        if role == "other phone" {
            assert_eq!(view["my_answers"][0]["text"], "Svar fra den anden");
        }
    }
    for (path, cookie) in [
        (format!("/m/{}/skaerm?k={}", room.code, room.screen), None),
        (format!("/m/{}/styring?k={}", room.code, room.host), None),
        (format!("/m/{}/referat?k={}", room.code, room.host), None),
        (format!("/m/{}", room.code), Some(room.phone.clone())),
    ] {
        let mut request = client().get(format!("{}{path}", room.base));
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        let html = request
            .send()
            .await
            .expect("page")
            .text()
            .await
            .expect("html");
        check_raw(&html, &secrets, &path);
    }
}

/// No device token, and no field that names an author or a participant, in what a role gets.
fn check_raw(raw: &str, secrets: &[String], role: &str) {
    for secret in secrets {
        assert!(
            !raw.contains(secret.as_str()),
            "{role} carries a device token"
        );
    }
    for field in ["author", "participant_id", "\"participant\""] {
        assert!(!raw.contains(field), "{role} carries {field}");
    }
}

#[tokio::test]
async fn pages_survive_many_loads_at_once() {
    // Leptos Meta writes the title after the body; a title that read a signal then panicked
    // in about 1 of 100 concurrent loads (a 500). 300 loads of each page find it reliably.
    let base = spawn_app().await;
    let (code, key) = start_meeting_as(&base, "Team", "Møde", "Hvad?").await;
    let paths = [
        format!("/m/{code}/styring?k={key}"),
        "/ny/dagsorden/findes-ikke".to_owned(),
    ];
    for path in paths {
        let mut loads = tokio::task::JoinSet::new();
        for _ in 0..300 {
            let url = format!("{base}{path}");
            loads.spawn(async move { client().get(url).send().await.map(|r| r.status()) });
        }
        let mut failures = 0;
        while let Some(done) = loads.join_next().await {
            let status = done.expect("task").expect("an answer");
            if status.is_server_error() {
                failures += 1;
            }
        }
        assert_eq!(failures, 0, "{path}: {failures} of 300 loads failed");
    }
}
