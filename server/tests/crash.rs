//! A power cut in the middle of a vote: the real binary on an on-disk data directory is
//! killed with SIGKILL while a few hundred phones vote, and started again on the same data.
//! Every acknowledged vote is there, none is applied twice, and phones whose streams come
//! back with `Last-Event-ID` see the same tallies as a fresh projector.

use crate::common;

use std::{
    sync::{Arc, Mutex, atomic::AtomicUsize, atomic::Ordering},
    time::Duration,
};

use common::process::{TempDir, first_frame, free_port, start, terminate_and_wait, wait_healthy};
use serde_json::{Value, json};

const PHONES: usize = 150;

/// An acknowledged vote: the phone, the envelope it sent, the number it got, its target.
type Acknowledged = Arc<Mutex<Vec<(usize, Value, u64, String)>>>;
const WRITERS: usize = 30;

fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

async fn post(base: &str, code: &str, auth: (&str, &str), body: &Value) -> Option<(u16, Value)> {
    let response = http()
        .post(format!("{base}/api/m/{code}/commands"))
        .header(auth.0, auth.1)
        .json(body)
        .send()
        .await
        .ok()?;
    let status = response.status().as_u16();
    Some((status, response.json().await.unwrap_or(Value::Null)))
}

fn envelope(command: Value) -> Value {
    json!({ "id": uuid::Uuid::new_v4().to_string(), "command": command })
}

/// Dots per card, by the card's first answer text, from a view with tallies.
fn tallies(view: &Value) -> Vec<(String, u64)> {
    let mut cards: Vec<(String, u64)> = view["step"]["cards"]
        .as_array()
        .expect("cards")
        .iter()
        .map(|card| {
            (
                card["answers"][0]["text"].as_str().unwrap_or("").to_owned(),
                card["dots"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    cards.sort();
    cards
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_vote_storm_survives_kill_9_and_nothing_is_applied_twice() {
    let data_dir = TempDir::new("storm");
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let mut server = start(&data_dir, port);
    wait_healthy(port).await;
    let (code, key) = common::start_meeting_as(
        &base,
        "Forældrerådet",
        "Forældremøde",
        "Hvad er godt samarbejde?",
    )
    .await;
    let host = ("x-samraad-key", key.as_str());

    let mut cookies = Vec::new();
    for _ in 0..PHONES {
        let joined = http()
            .post(format!("{base}/api/m/{code}/commands"))
            .json(&envelope(json!({ "type": "join" })))
            .send()
            .await
            .expect("join");
        assert_eq!(joined.status(), 200);
        let cookie = joined.headers()["set-cookie"].to_str().expect("cookie");
        cookies.push(cookie.split(';').next().expect("pair").to_owned());
    }
    let go = |phase: &str| envelope(json!({ "type": "go_to", "step": 0, "phase": phase }));
    assert_eq!(
        post(&base, &code, host, &go("reflect")).await.map(|r| r.0),
        Some(200)
    );
    let mut targets = Vec::new();
    for (i, cookie) in cookies.iter().take(WRITERS).enumerate() {
        let id = uuid::Uuid::new_v4().to_string();
        let answer = envelope(
            json!({ "type": "submit_answer", "answer": id, "text": format!("Svar {i:02}") }),
        );
        assert_eq!(
            post(&base, &code, ("cookie", cookie), &answer)
                .await
                .map(|r| r.0),
            Some(200)
        );
        targets.push(id);
    }
    assert_eq!(
        post(&base, &code, host, &go("reveal")).await.map(|r| r.0),
        Some(200)
    );
    assert_eq!(
        post(&base, &code, host, &go("vote")).await.map(|r| r.0),
        Some(200)
    );
    // Twenty phones keep the number of the view they last saw, as their browsers do.
    let mut last_seen = Vec::new();
    for cookie in cookies.iter().take(20) {
        let frame = first_frame(&base, &code, ("cookie", cookie), None).await;
        last_seen.push(frame["seq"].as_u64().expect("seq"));
    }

    // The storm: every phone places three dots at once; the server dies part-way.
    let acknowledged: Acknowledged = Arc::default();
    let count = Arc::new(AtomicUsize::new(0));
    let mut storm = Vec::new();
    for (phone, cookie) in cookies.iter().enumerate() {
        for k in 0..3 {
            let target = targets[(phone * 7 + k * 11) % WRITERS].clone();
            let body =
                envelope(json!({ "type": "set_dots", "target": { "answer": target }, "dots": 1 }));
            let (base, code, cookie, acknowledged, count) = (
                base.clone(),
                code.clone(),
                cookie.clone(),
                acknowledged.clone(),
                count.clone(),
            );
            storm.push(tokio::spawn(async move {
                if let Some((200, answer)) = post(&base, &code, ("cookie", &cookie), &body).await {
                    let seq = answer["seq"].as_u64().expect("seq");
                    acknowledged
                        .lock()
                        .expect("lock")
                        .push((phone, body, seq, target));
                    count.fetch_add(1, Ordering::SeqCst);
                }
            }));
        }
    }
    while count.load(Ordering::SeqCst) < PHONES {
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    server.kill().expect("kill -9");
    server.wait().expect("reaped");
    for vote in storm {
        let _ = vote.await;
    }
    let acknowledged = acknowledged.lock().expect("lock").clone();
    assert!(
        acknowledged.len() >= PHONES,
        "the kill came during the storm"
    );

    let second = start(&data_dir, port);
    wait_healthy(port).await;
    // Every acknowledged dot is there, on its phone.
    for (phone, _, _, target) in &acknowledged {
        let mine = first_frame(&base, &code, ("cookie", &cookies[*phone]), None).await;
        let dots = mine["view"]["my_dots"].as_array().expect("my dots");
        assert!(
            dots.iter().any(|d| d[0]["answer"] == json!(target)),
            "phone {phone}'s acknowledged dot on {target} is stored"
        );
    }
    // Re-sending every acknowledged envelope gives its first number and changes nothing.
    let before = first_frame(&base, &code, host, None).await["seq"].as_u64();
    for (phone, body, seq, _) in &acknowledged {
        let again = post(&base, &code, ("cookie", &cookies[*phone]), body).await;
        assert_eq!(again.as_ref().map(|r| r.0), Some(200));
        assert_eq!(again.and_then(|r| r.1["seq"].as_u64()), Some(*seq));
    }
    assert_eq!(
        first_frame(&base, &code, host, None).await["seq"].as_u64(),
        before
    );

    // The tallies: a fresh projector and every phone that comes back agree.
    assert_eq!(
        post(&base, &code, host, &go("agree")).await.map(|r| r.0),
        Some(200)
    );
    let screen = first_frame(&base, &code, host, None).await;
    let expected = tallies(&screen["view"]);
    let total: u64 = expected.iter().map(|(_, n)| n).sum();
    assert!(
        total as usize >= acknowledged.len(),
        "no acknowledged dot is lost"
    );
    assert!(total as usize <= PHONES * 3, "none is applied twice");
    for (cookie, last) in cookies.iter().zip(&last_seen) {
        let back = first_frame(&base, &code, ("cookie", cookie), Some(*last)).await;
        assert_eq!(tallies(&back["view"]), expected);
    }
    assert!(terminate_and_wait(second).success());
}
