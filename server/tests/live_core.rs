//! The live core as a client meets it: retried joins, ids bound to their actor, payload and
//! meeting, streams that hear only what changes their view, and streams that keep working
//! after the store fails. Real sockets, the whole app, a fresh in-memory SurrealDB per test.

use crate::common;

use std::time::Duration;

use reqwest::{StatusCode, header};
use serde_json::{Value, json};

use common::{
    client, command, cookie_pair, process, read_events, spawn_app, start_meeting_as, stream,
};

async fn post(base: &str, code: &str, cookie: Option<&str>, body: &Value) -> reqwest::Response {
    let mut request = client().post(format!("{base}/api/m/{code}/commands"));
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request.json(body).send().await.expect("command")
}

async fn host(base: &str, code: &str, key: &str, body: &Value) -> StatusCode {
    client()
        .post(format!("{base}/api/m/{code}/commands"))
        .header("x-samraad-key", key)
        .json(body)
        .send()
        .await
        .expect("host command")
        .status()
}

async fn seq_of(response: reqwest::Response) -> u64 {
    let body: Value = response.json().await.expect("json");
    body["seq"].as_u64().expect("seq")
}

async fn meeting(base: &str) -> (String, String) {
    start_meeting_as(base, "Team", "Møde", "Hvad lykkedes?\nHvad nu?").await
}

fn go(phase: &str) -> Value {
    command("go_to", json!({ "step": 0, "phase": phase }))
}

fn answer(text: &str) -> Value {
    command(
        "submit_answer",
        json!({ "answer": uuid::Uuid::new_v4().to_string(), "text": text }),
    )
}

/// Defect 1: the client re-sends its join after the first answer (and its cookie) was lost.
#[tokio::test]
async fn a_retried_join_returns_the_first_outcome_and_a_cookie_for_its_participant() {
    let base = spawn_app().await;
    let (code, key) = meeting(&base).await;
    let join = command("join", json!({}));
    let first = post(&base, &code, None, &join).await;
    assert_eq!(first.status(), StatusCode::OK);
    let first_seq = seq_of(first).await;
    // Someone else joins, so the meeting's number moves on.
    let other = post(&base, &code, None, &command("join", json!({}))).await;
    assert_eq!(other.status(), StatusCode::OK);

    let retry = post(&base, &code, None, &join).await;
    assert_eq!(retry.status(), StatusCode::OK);
    let cookie = cookie_pair(&retry);
    assert_eq!(seq_of(retry).await, first_seq, "the join's own number");

    assert_eq!(
        host(&base, &code, &key, &go("reflect")).await,
        StatusCode::OK
    );
    let answered = post(&base, &code, Some(&cookie), &answer("Med den nye cookie")).await;
    assert_eq!(
        answered.status(),
        StatusCode::OK,
        "the cookie is a participant's"
    );
    let (events, _) = read_events(stream(&base, &code, &format!("k={key}"), None).await, 1).await;
    assert_eq!(
        events[0].1["view"]["counts"]["joined"], 2,
        "no one was added"
    );
    assert_eq!(events[0].1["view"]["counts"]["answered"], 1);
}

/// Defect 2: one id, one command. The same id with another payload is not a replay.
#[tokio::test]
async fn an_id_sent_again_with_another_payload_is_refused() {
    let base = spawn_app().await;
    let (code, key) = meeting(&base).await;
    let phone = cookie_pair(&post(&base, &code, None, &command("join", json!({}))).await);
    assert_eq!(
        host(&base, &code, &key, &go("reflect")).await,
        StatusCode::OK
    );
    let first = answer("Første tekst");
    assert_eq!(
        post(&base, &code, Some(&phone), &first).await.status(),
        StatusCode::OK
    );
    let mut changed = first.clone();
    changed["command"]["text"] = json!("En anden tekst");
    let response = post(&base, &code, Some(&phone), &changed).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["error"]["refusal"]["code"], "duplicate_id");
    // The same envelope again is still the first command's answer.
    assert_eq!(
        post(&base, &code, Some(&phone), &first).await.status(),
        StatusCode::OK
    );
}

/// Defect 3: a phone hears about a change only when what it may see changed.
#[tokio::test]
async fn a_phone_does_not_hear_about_other_phones_answers() {
    let base = spawn_app().await;
    let (code, key) = meeting(&base).await;
    let me = cookie_pair(&post(&base, &code, None, &command("join", json!({}))).await);
    let other = cookie_pair(&post(&base, &code, None, &command("join", json!({}))).await);
    assert_eq!(
        host(&base, &code, &key, &go("reflect")).await,
        StatusCode::OK
    );
    let live = stream(&base, &code, "", Some(&me)).await;
    let reader = tokio::spawn(read_events(live, 2));
    tokio::time::sleep(Duration::from_millis(200)).await;
    for text in ["Et", "To", "Tre"] {
        let sent = post(&base, &code, Some(&other), &answer(text)).await;
        assert_eq!(sent.status(), StatusCode::OK);
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        host(&base, &code, &key, &go("reveal")).await,
        StatusCode::OK
    );
    let (events, _) = reader.await.expect("reader");
    assert_eq!(events[0].0, "view");
    assert_eq!(
        events[1].1["view"]["step"]["phase"], "reveal",
        "the second frame is the reveal, not another phone's answer"
    );
    assert_eq!(
        events[1].1["view"]["step"]["cards"]
            .as_array()
            .map(Vec::len),
        Some(3)
    );
}

/// Defect 4: command ids belong to their meeting; another meeting's id is not a clash.
#[tokio::test]
async fn an_id_used_in_another_meeting_is_applied() {
    let base = spawn_app().await;
    let (a, _) = meeting(&base).await;
    let (b, _) = meeting(&base).await;
    let join = command("join", json!({}));
    assert_eq!(post(&base, &b, None, &join).await.status(), StatusCode::OK);
    let response = post(&base, &a, None, &join).await;
    assert_eq!(response.status(), StatusCode::OK);
}

/// Defect 5: after the store fails, the meeting's open streams keep showing changes, the
/// refused command is not applied, and its retry with the same id is applied once.
#[tokio::test]
async fn open_streams_keep_working_after_the_store_fails() {
    let (base, log) = common::spawn_app_with_flaky_log().await;
    let (code, key) = meeting(&base).await;
    let phone = cookie_pair(&post(&base, &code, None, &command("join", json!({}))).await);
    assert_eq!(
        host(&base, &code, &key, &go("reflect")).await,
        StatusCode::OK
    );
    let console = stream(&base, &code, &format!("k={key}"), None).await;
    // Changes close together may come as one frame: read until the state awaited.
    let reader = tokio::spawn(common::read_until(console, |data| {
        data["view"]["step"]["phase"] == "reveal"
    }));
    let mine = stream(&base, &code, "", Some(&phone)).await;
    let phone_reader = tokio::spawn(common::read_until(mine, |data| {
        data["view"]["my_answers"]
            .as_array()
            .is_some_and(|a| !a.is_empty())
    }));
    tokio::time::sleep(Duration::from_millis(200)).await;

    log.fail_next(1);
    let typed = answer("Skrevet mens disken var fuld");
    let refused = post(&base, &code, Some(&phone), &typed).await;
    assert_eq!(refused.status(), StatusCode::SERVICE_UNAVAILABLE);
    let body: Value = refused.json().await.expect("json");
    assert_eq!(body["error"]["code"], "unavailable");
    assert_eq!(log.failed.load(std::sync::atomic::Ordering::SeqCst), 1);

    // The phone retries with the same id once the disk is back.
    let retried = post(&base, &code, Some(&phone), &typed).await;
    assert_eq!(retried.status(), StatusCode::OK);
    let again = post(&base, &code, Some(&phone), &typed).await;
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(
        host(&base, &code, &key, &go("reveal")).await,
        StatusCode::OK
    );

    let events = reader.await.expect("reader");
    let last = &events.last().expect("an event").1["view"];
    assert_eq!(last["step"]["phase"], "reveal", "the stream saw the move");
    assert_eq!(last["counts"]["answers"], 1, "stored once");
    let events = phone_reader.await.expect("phone reader");
    let view = &events.last().expect("an event").1["view"];
    assert_eq!(view["my_answers"].as_array().map(Vec::len), Some(1));
    let parsed: Result<app::domain::meeting::view::ParticipantView, _> =
        serde_json::from_value(view.clone());
    assert!(parsed.is_ok(), "a phone's frame is a whole ParticipantView");
}

/// A command whose request is dropped while it is being stored is stored and shown all the
/// same (its writer does not belong to the request), and its retry gets the first answer.
#[tokio::test]
async fn a_dropped_request_never_splits_stored_from_shown() {
    let (base, log) = common::spawn_app_with_flaky_log().await;
    let (code, key) = meeting(&base).await;
    let phone = cookie_pair(&post(&base, &code, None, &command("join", json!({}))).await);
    assert_eq!(
        host(&base, &code, &key, &go("reflect")).await,
        StatusCode::OK
    );
    log.slow_down(400);
    let typed = answer("Sendt, og så gik forbindelsen");
    let cut = client()
        .post(format!("{base}/api/m/{code}/commands"))
        .header(header::COOKIE, &phone)
        .timeout(Duration::from_millis(100))
        .json(&typed)
        .send()
        .await;
    assert!(cut.is_err(), "the client gave up before the answer");
    tokio::time::sleep(Duration::from_millis(600)).await;
    log.slow_down(0);
    let (events, _) = read_events(stream(&base, &code, &format!("k={key}"), None).await, 1).await;
    assert_eq!(
        events[0].1["view"]["counts"]["answers"], 1,
        "stored and shown"
    );
    let seq = events[0].1["seq"].as_u64().expect("seq");
    let retried = post(&base, &code, Some(&phone), &typed).await;
    assert_eq!(retried.status(), StatusCode::OK);
    assert_eq!(
        seq_of(retried).await,
        seq,
        "the retry gets the first answer"
    );
}

/// Commands that queue behind a commit are stored together in the next one: a slow disk
/// costs one wait per batch, not one per phone. Every command is acknowledged and stored.
#[tokio::test]
async fn commands_that_queue_are_stored_in_one_commit() {
    let (base, log) = common::spawn_app_with_flaky_log().await;
    let (code, key) = meeting(&base).await;
    assert_eq!(
        host(&base, &code, &key, &go("reflect")).await,
        StatusCode::OK
    );
    let mut phones = Vec::new();
    for _ in 0..40 {
        phones.push(cookie_pair(
            &post(&base, &code, None, &command("join", json!({}))).await,
        ));
    }
    log.slow_down(200);
    let before = log.appends.load(std::sync::atomic::Ordering::SeqCst);
    let sends = phones.iter().map(|phone| {
        let (base, code, phone) = (base.clone(), code.clone(), phone.clone());
        tokio::spawn(async move {
            post(&base, &code, Some(&phone), &answer("Samtidig"))
                .await
                .status()
        })
    });
    for send in futures_util::future::join_all(sends).await {
        assert_eq!(send.expect("task"), StatusCode::OK);
    }
    let commits = log.appends.load(std::sync::atomic::Ordering::SeqCst) - before;
    assert!(commits < 20, "40 answers in {commits} commits");
    log.slow_down(0);
    let (events, _) = read_events(stream(&base, &code, &format!("k={key}"), None).await, 1).await;
    assert_eq!(events[0].1["view"]["counts"]["answers"], 40);
}

/// The resident memory of another process (the server under test), in MiB.
fn resident_mib(pid: u32) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|l| l.strip_prefix("VmRSS:"))
                .and_then(|rest| rest.split_whitespace().next()?.parse::<f64>().ok())
        })
        .map_or(0.0, |kib| kib / 1024.0)
}

/// Readers that never read (a phone that froze, a hostile script) cost the server at most
/// one pending frame each, and slow no one else: the host's commands are answered and a
/// reading console sees the last change. The memory is the real server binary's, in a
/// process of its own: the test process runs every other test beside this one, so its own
/// memory says nothing about this server.
#[tokio::test]
async fn readers_that_never_read_cost_bounded_memory_and_slow_no_one() {
    let port = process::free_port();
    let data = process::TempDir::new("frozen-readers");
    let server = process::samraad()
        .args(["--addr", &format!("127.0.0.1:{port}"), "--db", "mem://"])
        .arg("--data-dir")
        .arg(&data.0)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start samraad");
    let pid = server.id();
    let server = KillOnDrop(server);
    process::wait_healthy(port).await;
    let base = format!("http://127.0.0.1:{port}");
    let (code, key) = meeting(&base).await;
    assert_eq!(
        host(&base, &code, &key, &go("reflect")).await,
        StatusCode::OK
    );
    let mut answers = Vec::new();
    for i in 0..40 {
        let phone = cookie_pair(&post(&base, &code, None, &command("join", json!({}))).await);
        let id = uuid::Uuid::new_v4().to_string();
        let text = format!(
            "{i:02} {}",
            "Mere tid til samtaler med forældrene. ".repeat(10)
        );
        let body = command("submit_answer", json!({ "answer": id, "text": text }));
        assert_eq!(
            post(&base, &code, Some(&phone), &body).await.status(),
            StatusCode::OK
        );
        answers.push(id);
    }
    assert_eq!(
        host(&base, &code, &key, &go("reveal")).await,
        StatusCode::OK
    );
    let address = base.trim_start_matches("http://").to_owned();
    let mut frozen = Vec::new();
    for _ in 0..30 {
        let socket = tokio::net::TcpSocket::new_v4().expect("socket");
        socket.set_recv_buffer_size(4096).expect("small buffer");
        let mut stream = socket
            .connect(address.parse().expect("address"))
            .await
            .expect("connect");
        let request = format!(
            "GET /api/m/{code}/events HTTP/1.1\r\nHost: {address}\r\nx-samraad-key: {key}\r\n\r\n"
        );
        tokio::io::AsyncWriteExt::write_all(&mut stream, request.as_bytes())
            .await
            .expect("request");
        frozen.push(stream);
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let before = resident_mib(pid);
    // Eight passes over the 40 answers: hide all, show all, …, ending shown.
    for round in 0..320 {
        let hide = command(
            "hide_answer",
            json!({ "answer": answers[round % 40], "hidden": (round / 40) % 2 == 0 }),
        );
        assert_eq!(host(&base, &code, &key, &hide).await, StatusCode::OK);
        if round % 20 == 0 {
            // Let the streams try to write between bursts.
            tokio::time::sleep(Duration::from_millis(60)).await;
        }
    }
    let (events, _) = read_events(stream(&base, &code, &format!("k={key}"), None).await, 1).await;
    let hidden = events[0].1["view"]["answers"]
        .as_array()
        .expect("answers")
        .iter()
        .filter(|a| a["hidden"] == true)
        .count();
    assert_eq!(
        hidden, 0,
        "the console sees the last change (every answer shown again)"
    );
    let grown = resident_mib(pid) - before;
    // 30 readers × 320 changes × a console view of about 25 KB would be over 200 MiB queued.
    assert!(grown < 64.0, "memory grew by {grown:.0} MiB");
    drop(frozen);
    drop(server);
}

/// A server process that is killed when the test ends, also when it fails.
struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
