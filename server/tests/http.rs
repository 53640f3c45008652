//! The router on a real socket with a fresh in-memory database per test.

use crate::common;

use common::{client, spawn_app};
use reqwest::{StatusCode, header};

#[tokio::test]
async fn healthz_reads_the_database_and_reports_the_version() {
    let base = spawn_app().await;
    let response = client()
        .get(format!("{base}/healthz"))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::OK);
    let body: serde_json::Value = response.json().await.expect("json body");
    assert_eq!(body["status"], "ok");
    assert_eq!(body["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(body["database"], "memory");
}

#[tokio::test]
async fn home_is_danish_by_default() {
    let base = spawn_app().await;
    let response = client().get(&base).send().await.expect("request");
    assert_eq!(response.status(), StatusCode::OK);
    let html = response.text().await.expect("body");
    assert!(html.contains(r#"lang="da""#), "html lang is Danish");
    assert!(html.contains("Start et møde"));
    assert!(html.contains("Mødekode"));
    assert!(
        html.contains("/pkg/samraad.js"),
        "hydration script is linked"
    );
    assert!(
        html.contains("/pkg/samraad.wasm"),
        "wasm named as cargo-leptos names it"
    );
}

#[tokio::test]
async fn home_follows_accept_language() {
    let base = spawn_app().await;
    let html = client()
        .get(&base)
        .header(header::ACCEPT_LANGUAGE, "en-GB,en;q=0.9")
        .send()
        .await
        .expect("request")
        .text()
        .await
        .expect("body");
    assert!(html.contains(r#"lang="en""#));
    assert!(html.contains("Start a meeting"));
    assert!(!html.contains("Start et møde"));
}

#[tokio::test]
async fn the_cookie_wins_over_accept_language() {
    let base = spawn_app().await;
    let html = client()
        .get(&base)
        .header(header::ACCEPT_LANGUAGE, "en")
        .header(header::COOKIE, "i18n_pref_locale=da")
        .send()
        .await
        .expect("request")
        .text()
        .await
        .expect("body");
    assert!(html.contains("Start et møde"));
}

#[tokio::test]
async fn language_switch_without_javascript_sets_the_cookie_and_goes_back() {
    let base = spawn_app().await;
    let response = client()
        .get(format!("{base}/sprog/en?til=%2F%3Fkode%3DABC"))
        .send()
        .await
        .expect("request");
    assert!(response.status().is_redirection());
    assert_eq!(response.headers()[header::LOCATION], "/?kode=ABC");
    let cookie = response.headers()[header::SET_COOKIE]
        .to_str()
        .expect("ascii");
    assert!(cookie.starts_with("i18n_pref_locale=en;"), "{cookie}");
    assert!(cookie.contains("Path=/"));

    let offsite = client()
        .get(format!("{base}/sprog/da?til=//evil.example"))
        .send()
        .await
        .expect("request");
    assert_eq!(offsite.headers()[header::LOCATION], "/");

    let unknown = client()
        .get(format!("{base}/sprog/xx"))
        .send()
        .await
        .expect("request");
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn join_form_explains_a_bad_code_and_keeps_what_was_typed() {
    let base = spawn_app().await;
    let html = client()
        .get(format!("{base}/?kode=ab1"))
        .send()
        .await
        .expect("request")
        .text()
        .await
        .expect("body");
    // Interpolated values sit between hydration markers (`<!>`), which a reader never sees.
    let text = html.replace("<!>", "");
    assert!(
        text.contains("En mødekode har 6 tegn. Du skrev 3."),
        "{html}"
    );
    assert!(html.contains(r#"value="ab1""#), "the typed code is kept");
}

#[tokio::test]
async fn unknown_pages_are_404_with_a_friendly_page() {
    let base = spawn_app().await;
    let response = client()
        .get(format!("{base}/findes-ikke"))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let html = response.text().await.expect("body");
    assert!(html.contains("Siden findes ikke"));
}

#[tokio::test]
async fn responses_are_compressed_for_weak_connections() {
    let base = spawn_app().await;
    let response = client()
        .get(&base)
        .header(header::ACCEPT_ENCODING, "gzip")
        .send()
        .await
        .expect("request");
    assert_eq!(response.headers()[header::CONTENT_ENCODING], "gzip");
}
