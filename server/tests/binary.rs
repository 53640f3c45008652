//! The real `samraad` binary: refuses bad configuration by name, serves from an on-disk data
//! directory, shuts down cleanly on SIGTERM and starts again over the same data.

use crate::common;

use common::process::{
    TempDir, first_frame, free_port, run_to_end, samraad, start, terminate_and_wait, wait_healthy,
};

#[test]
fn help_lists_every_setting() {
    let output = run_to_end(samraad().arg("--help"));
    assert!(output.status.success());
    let help = String::from_utf8_lossy(&output.stdout);
    for name in [
        "--addr",
        "SAMRAAD_ADDR",
        "--data-dir",
        "SAMRAAD_DATA_DIR",
        "--db",
        "SAMRAAD_DB",
        "SAMRAAD_DB_NS",
        "SAMRAAD_DB_NAME",
        "SAMRAAD_DB_USER",
        "SAMRAAD_DB_PASS",
        "--public-url",
        "SAMRAAD_PUBLIC_URL",
    ] {
        assert!(
            help.contains(name),
            "--help does not mention {name}:\n{help}"
        );
    }
}

#[test]
fn bad_configuration_is_refused_at_start_by_name() {
    let typo = run_to_end(samraad().env("SAMRAAD_ADR", "127.0.0.1:1"));
    assert!(!typo.status.success());
    assert!(String::from_utf8_lossy(&typo.stderr).contains("unknown setting SAMRAAD_ADR"));

    let bad_db = run_to_end(samraad().args(["--db", "postgres://x"]));
    assert!(!bad_db.status.success());
    assert!(String::from_utf8_lossy(&bad_db.stderr).contains("SAMRAAD_DB"));

    let bad_flag = run_to_end(samraad().arg("--port"));
    assert!(!bad_flag.status.success());
    assert!(String::from_utf8_lossy(&bad_flag.stderr).contains("--port"));
}

#[tokio::test]
async fn stops_cleanly_on_sigterm_and_restarts_over_the_same_data() {
    let data_dir = TempDir::new("restart");
    let port = free_port();

    let first = start(&data_dir, port);
    let health = wait_healthy(port).await;
    assert_eq!(health["database"], "embedded");
    assert!(
        terminate_and_wait(first).success(),
        "exit code 0 after SIGTERM"
    );

    // The same directory opens again: the lock was released and the data is intact.
    let second = start(&data_dir, port);
    let health = wait_healthy(port).await;
    assert_eq!(health["status"], "ok");
    assert!(terminate_and_wait(second).success());
}

#[tokio::test]
async fn a_second_server_on_the_same_data_is_refused_clearly() {
    let data_dir = TempDir::new("locked");
    let port = free_port();
    let first = start(&data_dir, port);
    wait_healthy(port).await;

    let second = run_to_end(
        samraad()
            .args(["--addr", &format!("127.0.0.1:{}", free_port())])
            .arg("--data-dir")
            .arg(&data_dir.0),
    );
    assert!(!second.status.success());
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert!(stderr.contains("in use by another process"), "{stderr}");
    assert!(terminate_and_wait(first).success());
}

/// Starts a meeting through the start form and returns (code, host key).
async fn start_meeting(port: u16) -> (String, String) {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let response = client
        .post(format!("http://127.0.0.1:{port}/ny"))
        .form(&[
            ("team", "Forældrerådet"),
            ("titel", "Forældremøde"),
            ("skabelon", "egne"),
            ("spoergsmaal", "Hvad er godt samarbejde?"),
        ])
        .send()
        .await
        .expect("start");
    let location = response.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    let code = location.split('/').nth(2).expect("code").to_owned();
    let key = location
        .split("k=")
        .nth(1)
        .and_then(|r| r.split('&').next())
        .expect("key")
        .to_owned();
    (code, key)
}

async fn command(
    port: u16,
    code: &str,
    auth: (&str, &str),
    command: serde_json::Value,
) -> reqwest::Response {
    reqwest::Client::new()
        .post(format!("http://127.0.0.1:{port}/api/m/{code}/commands"))
        .header(auth.0, auth.1)
        .json(&serde_json::json!({ "id": new_id(), "command": command }))
        .send()
        .await
        .expect("command")
}

fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

#[tokio::test]
async fn every_acknowledged_command_survives_kill_9() {
    let data_dir = TempDir::new("kill9");
    let port = free_port();
    let mut first = start(&data_dir, port);
    wait_healthy(port).await;
    let (code, key) = start_meeting(port).await;
    let host = ("x-samraad-key", key.as_str());

    let join = command(
        port,
        &code,
        ("accept-language", "da"),
        serde_json::json!({ "type": "join" }),
    )
    .await;
    let cookie = join.headers()["set-cookie"]
        .to_str()
        .expect("cookie")
        .split(';')
        .next()
        .expect("pair")
        .to_owned();
    let phone = ("cookie", cookie.as_str());
    assert!(
        command(
            port,
            &code,
            host,
            serde_json::json!({ "type": "go_to", "step": 0, "phase": "reflect" })
        )
        .await
        .status()
        .is_success()
    );
    let answer = command(port, &code, phone, serde_json::json!({ "type": "submit_answer", "answer": new_id(), "text": "At vi taler sammen" })).await;
    assert!(answer.status().is_success(), "acknowledged");

    // No shutdown: the process is killed as a power cut would.
    first.kill().expect("kill -9");
    first.wait().expect("reaped");

    let second = start(&data_dir, port);
    wait_healthy(port).await;
    let console = first_frame(&format!("http://127.0.0.1:{port}"), &code, host, None).await;
    assert_eq!(console["view"]["counts"]["answers"], 1);
    assert_eq!(console["view"]["step"]["phase"], "reflect");
    let mine = first_frame(&format!("http://127.0.0.1:{port}"), &code, phone, None).await;
    assert_eq!(
        mine["view"]["my_answers"][0]["text"], "At vi taler sammen",
        "the phone is still the same participant"
    );
    assert!(terminate_and_wait(second).success());
}
