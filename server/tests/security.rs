//! Samråd as an attacker on the school's network meets it: raw bytes on a real socket, the
//! whole app, a fresh in-memory SurrealDB per test. See docs/security.md for the promises
//! these tests hold the server to.

use crate::common;

use std::time::Duration;

use proptest::{
    prelude::*,
    strategy::ValueTree,
    test_runner::{Config, TestRunner},
};
use reqwest::{Method, StatusCode, header};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use common::{client, command, spawn_app, spawn_app_with};
use server::security::limits::Limits;

const SCRIPT: &str = "<img src=x onerror=alert(1)>";

async fn start(base: &str, title: &str, team: &str) -> (String, String) {
    common::start_meeting_as(base, team, title, "Hvad lykkedes?").await
}

async fn get(url: String) -> reqwest::Response {
    client().get(url).send().await.expect("get")
}

/// Joins as a new phone through the JSON API; returns its cookie pair.
async fn join(base: &str, code: &str) -> String {
    let response = client()
        .post(format!("{base}/api/m/{code}/commands"))
        .json(&command("join", json!({})))
        .send()
        .await
        .expect("join");
    assert_eq!(response.status(), StatusCode::OK);
    common::cookie_pair(&response)
}

/// No untrusted text in a raw-text element: the text between `<title>`/`<textarea>` and its
/// end tag must hold no `<`.
fn assert_raw_text_contexts_are_clean(html: &str, page: &str) {
    for tag in ["title", "textarea"] {
        let open = format!("<{tag}");
        let close = format!("</{tag}>");
        let mut rest = html;
        while let Some(start) = rest.find(&open) {
            let after = &rest[start..];
            let content_start = after.find('>').expect("tag end") + 1;
            let content_end = after.find(&close).expect("end tag");
            let content = &after[content_start..content_end];
            assert!(!content.contains('<'), "{page}: <{tag}> holds {content:?}");
            rest = &after[content_end + close.len()..];
        }
    }
    assert!(!html.contains(SCRIPT), "{page}: the script is in the page");
}

#[tokio::test]
async fn typed_text_never_reaches_a_raw_text_context_unescaped() {
    let base = spawn_app().await;
    let title = format!("</title>{SCRIPT}");
    let team = format!("</title>{SCRIPT} team");
    let (code, key) = start(&base, &title, &team).await;
    let cookie = join(&base, &code).await;
    for path in [
        format!("/m/{code}"),
        format!("/m/{code}/styring?k={key}"),
        format!("/m/{code}/referat?k={key}"),
        "/ny?spoergsmaal=%3C%2Ftextarea%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E".to_owned(),
        "/ny?titel=%3C%2Ftitle%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E".to_owned(),
    ] {
        let response = client()
            .get(format!("{base}{path}"))
            .header(header::COOKIE, &cookie)
            .send()
            .await
            .expect("page");
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        let html = response.text().await.expect("html");
        assert_raw_text_contexts_are_clean(&html, &path);
    }
    let console = get(format!("{base}/m/{code}/styring?k={key}")).await;
    let html = console.text().await.expect("html");
    assert!(
        html.contains("&lt;/title&gt;&lt;img src=x"),
        "the title is shown as typed"
    );
    // A stored agenda draft with such an own question fires for anyone opening it.
    let draft = client()
        .post(format!("{base}/ny/dagsorden"))
        .form(&[
            ("skabelon", "egne"),
            ("spoergsmaal", &format!("</textarea>{SCRIPT}")),
        ])
        .send()
        .await
        .expect("draft");
    let composer = draft.headers()[header::LOCATION]
        .to_str()
        .expect("location")
        .to_owned();
    let html = get(format!("{base}{composer}"))
        .await
        .text()
        .await
        .expect("composer");
    assert_raw_text_contexts_are_clean(&html, "composer");
    assert!(
        html.contains("&lt;/textarea&gt;"),
        "the question is kept as typed"
    );
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let base = spawn_app().await;
    let (code, key) = start(&base, "Møde", "Team").await;
    let page = get(format!("{base}/m/{code}/styring?k={key}")).await;
    let headers = page.headers().clone();
    let html = page.text().await.expect("html");
    let policy = headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .expect("csp");
    assert!(!policy.contains("'unsafe-inline'") && !policy.contains("'unsafe-eval'"));
    assert!(policy.contains("'wasm-unsafe-eval'") && policy.contains("frame-ancestors 'none'"));
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce");
    assert!(nonce.len() >= 16);
    // Every script with content; Leptos also writes one empty `<script></script>` marker,
    // which runs nothing.
    let tags: Vec<&str> = html
        .split("<script")
        .skip(1)
        .filter(|rest| !rest.starts_with("></script>"))
        .map(|rest| rest.split('>').next().unwrap_or_default())
        .collect();

    assert!(!tags.is_empty());
    for tag in tags {
        assert!(
            tag.contains(&format!("nonce=\"{nonce}\"")),
            "every script carries this response's nonce: <script{tag}>"
        );
    }
    let second = get(format!("{base}/m/{code}/styring?k={key}")).await;
    assert!(
        !second.headers()[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .expect("csp")
            .contains(nonce),
        "a fresh nonce per response"
    );
    assert_eq!(headers[header::CACHE_CONTROL], "no-store");
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(headers[header::REFERRER_POLICY], "no-referrer");
    for path in [
        "/healthz",
        "/api/m/ABCDEF/events",
        "/favicon.svg",
        "/findes-ikke",
    ] {
        let response = get(format!("{base}{path}")).await;
        assert!(response.status().as_u16() < 500, "{path}");
        assert!(
            response
                .headers()
                .contains_key(header::CONTENT_SECURITY_POLICY),
            "{path}"
        );
        assert_eq!(
            response.headers()[header::X_CONTENT_TYPE_OPTIONS],
            "nosniff"
        );
    }
    let icon = get(format!("{base}/favicon.svg")).await;
    if icon.status() == StatusCode::OK {
        assert_eq!(icon.headers()[header::CACHE_CONTROL], "no-cache");
    }
}

#[tokio::test]
async fn redirects_stay_on_the_site_and_bad_input_is_a_4xx() {
    let base = spawn_app().await;
    let (code, key) = start(&base, "Møde", "Team").await;
    // Chromium drops tabs and line breaks from a Location, and reads `\` as `/`.
    for til in [
        "/%09/evil.example/phish",
        "/%0a",
        "//evil.example",
        "/%5Cevil.example",
        "%0a//evil",
    ] {
        let response = get(format!("{base}/sprog/en?til={til}")).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{til}");
        let location = response.headers()[header::LOCATION]
            .to_str()
            .expect("location");
        let as_browser_reads: String = location
            .chars()
            .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
            .map(|c| if c == '\\' { '/' } else { c })
            .collect();
        assert!(
            as_browser_reads.starts_with('/') && !as_browser_reads.starts_with("//"),
            "{til} → {location}"
        );
    }
    let draft = client()
        .post(format!("{base}/ny/dagsorden"))
        .form(&[("skabelon", "egne"), ("spoergsmaal", "Hvad?")])
        .send()
        .await
        .expect("draft");
    let composer = draft.headers()[header::LOCATION]
        .to_str()
        .expect("location")
        .split('?')
        .next()
        .expect("path")
        .to_owned();
    let requests = [
        client().get(format!("{base}/m/{code}/styring?k={key}%0A")),
        client().get(format!("{base}/m/{code}%0A")),
        client().get(format!("{base}/api/m/{code}/events?k={key}%0A")),
        client()
            .post(format!("{base}{composer}"))
            .form(&[("handling", "ned"), ("punkt", "18446744073709551615")]),
        client().post(format!("{base}{composer}")).form(&[
            ("handling", "op"),
            ("punkt", "18446744073709551615"),
            ("tilbage", "/bibliotek?\t"),
        ]),
        client()
            .post(format!("{base}/api/page/console"))
            .form(&[("code", code.as_str())]),
        client().post(format!("{base}/api/page/phone")).body("code"),
        client().post(format!("{base}/ny")).form(&[
            ("titel", "Næste møde"),
            ("skabelon", "egne"),
            ("spoergsmaal", "Hvad?"),
            ("k", &format!("{key}\n")),
        ]),
        client()
            .post(format!("{base}/m/{code}/handling"))
            .body(vec![b'a'; 3 * 1024 * 1024]),
        client()
            .post(format!("{base}/api/page/phone"))
            .body(vec![b'a'; 3 * 1024 * 1024]),
    ];
    for request in requests {
        let request = request.build().expect("request");
        let what = format!("{} {}", request.method(), request.url());
        let response = client().execute(request).await.expect("send");
        let status = response.status();
        assert!(status.as_u16() < 500, "{what} → {status}");
        if status.is_client_error() {
            let body = response.text().await.expect("body");
            assert!(!body.trim().is_empty(), "{what}: a 4xx says why");
        }
    }
}

/// Random requests of every shape to every route: never a 5xx, never a dropped connection.
#[tokio::test]
async fn no_request_makes_the_server_fail() {
    let base = spawn_app().await;
    let (code, key) = start(&base, "Møde", "Team").await;
    let cookie = join(&base, &code).await;
    let paths = prop::sample::select(vec![
        "/".to_owned(),
        "/healthz".to_owned(),
        "/deltag".to_owned(),
        "/ny".to_owned(),
        "/ny/dagsorden".to_owned(),
        "/ny/dagsorden/x".to_owned(),
        "/sprog/en".to_owned(),
        "/bibliotek".to_owned(),
        "/skabeloner/godt-paa-vej".to_owned(),
        format!("/m/{code}"),
        format!("/m/{code}/handling"),
        format!("/m/{code}/skaerm"),
        format!("/m/{code}/styring"),
        format!("/m/{code}/referat"),
        format!("/api/m/{code}/commands"),
        "/api/m/ABCDEF/commands".to_owned(),
        "/api/page/phone".to_owned(),
        "/api/page/console".to_owned(),
        "/api/page/draft".to_owned(),
    ]);
    let methods =
        prop::sample::select(vec![Method::GET, Method::POST, Method::PUT, Method::DELETE]);
    let text = prop_oneof![
        Just(String::new()),
        "[a-z]{1,8}".prop_map(|s| s),
        any::<String>(),
        Just("18446744073709551615".to_owned()),
        Just("%0A%00%E2%80%AE".to_owned()),
        Just(format!("k={key}")),
    ];
    let field = prop::sample::select(vec![
        "handling",
        "id",
        "tekst",
        "svar",
        "maal",
        "prikker",
        "navn",
        "punkt",
        "nr",
        "til",
        "code",
        "key",
        "k",
        "team",
        "titel",
        "skabelon",
        "spoergsmaal",
        "tilbage",
        "kode",
    ]);
    let form = prop::collection::vec((field, text.clone()), 0..5);
    let header_name = prop::sample::select(vec![
        "origin",
        "sec-fetch-site",
        "content-type",
        "accept-language",
        "x-samraad-key",
        "x-forwarded-for",
        "last-event-id",
        "content-length-hint",
    ]);
    let header_value = prop_oneof![
        Just("http://evil.example".to_owned()),
        Just("same-origin".to_owned()),
        Just("text/plain".to_owned()),
        Just("en;q=0.9,da".to_owned()),
        Just(key.clone()),
        "[ -~]{0,40}".prop_map(|s| s),
    ];
    let headers = prop::collection::vec((header_name, header_value), 0..3);
    let case = (
        methods,
        paths,
        form,
        text,
        (any::<bool>(), any::<bool>()),
        headers,
    );
    let mut runner = TestRunner::new(Config {
        cases: 150,
        ..Config::default()
    });
    for _ in 0..150 {
        let (method, path, form, query, (json_body, with_cookie), headers) =
            case.new_tree(&mut runner).expect("case").current();
        let mut request = client().request(method.clone(), format!("{base}{path}"));
        for (name, value) in &headers {
            request = request.header(*name, value.as_str());
        }
        if !query.is_empty() {
            request = request.query(&[("til", &query), ("k", &query), ("kode", &query)]);
        }
        if with_cookie {
            request = request.header(header::COOKIE, &cookie);
        }
        request = if json_body {
            let body: serde_json::Map<String, Value> = form
                .iter()
                .map(|(k, v)| ((*k).to_owned(), json!(v)))
                .collect();
            request.json(&json!({ "id": query, "command": body }))
        } else {
            request.form(&form)
        };
        let response = request.send().await.expect("the server answers");
        assert!(
            response.status().as_u16() < 500,
            "{method} {path} {form:?} {query:?} {headers:?} → {}",
            response.status()
        );
    }
}

#[tokio::test]
async fn commands_and_forms_from_another_site_are_refused() {
    let base = spawn_app().await;
    let (code, key) = start(&base, "Møde", "Team").await;
    let cookie = join(&base, &code).await;
    let evil = client()
        .post(format!("{base}/api/m/{code}/commands?k={key}"))
        .header(header::CONTENT_TYPE, "text/plain")
        .header(header::ORIGIN, "http://evil.example")
        .body(command("end_meeting", json!({})).to_string())
        .send()
        .await
        .expect("send");
    assert_eq!(evil.status(), StatusCode::FORBIDDEN);
    assert!(
        evil.text()
            .await
            .expect("body")
            .contains("anden hjemmeside")
    );
    let form = client()
        .post(format!("{base}/m/{code}/handling"))
        .header(header::COOKIE, &cookie)
        .header("sec-fetch-site", "cross-site")
        .form(&[("handling", "deltag")])
        .send()
        .await
        .expect("send");
    assert_eq!(form.status(), StatusCode::FORBIDDEN);
    let start = client()
        .post(format!("{base}/ny"))
        .header(header::ORIGIN, "null")
        .form(&[("team", "T"), ("titel", "M"), ("skabelon", "egne")])
        .send()
        .await
        .expect("send");
    assert_eq!(start.status(), StatusCode::FORBIDDEN);
    // The site's own pages and clients that say nothing (scripts) keep working.
    let own = client()
        .post(format!("{base}/api/m/{code}/commands?k={key}"))
        .header(header::ORIGIN, base.as_str())
        .header("sec-fetch-site", "same-origin")
        .json(&command("stop_timer", json!({})))
        .send()
        .await
        .expect("send");
    assert_ne!(own.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn device_tokens_are_made_by_the_server_and_bound_to_one_meeting() {
    let base = spawn_app().await;
    let (code, _) = start(&base, "Møde", "Team").await;
    let (other, _) = start(&base, "Andet møde", "Andet team").await;
    // A token the client picks is never stored: the join mints one.
    let picked = format!("samraad_enhed_{code}=a");
    let response = client()
        .post(format!("{base}/api/m/{code}/commands"))
        .header(header::COOKIE, &picked)
        .json(&command("join", json!({})))
        .send()
        .await
        .expect("join");
    let set = response.headers()[header::SET_COOKIE]
        .to_str()
        .expect("cookie")
        .to_owned();
    assert!(set.starts_with(&format!("samraad_enhed_{code}=")), "{set}");
    // The whole value, not a prefix: a minted token may begin with "a" (1 in 16).
    assert!(
        !set.starts_with(&format!("{picked};")) && set.contains("HttpOnly"),
        "{set}"
    );
    let refused = client()
        .post(format!("{base}/api/m/{code}/commands"))
        .header(header::COOKIE, &picked)
        .json(&command(
            "submit_answer",
            json!({ "answer": uuid::Uuid::new_v4(), "text": "x" }),
        ))
        .send()
        .await
        .expect("send");
    assert_eq!(
        refused.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "the picked token is nobody"
    );
    // Two meetings, two cookies, two tokens: nothing links them.
    let first = join(&base, &code).await;
    let second = join(&base, &other).await;
    let token = |pair: &str| pair.split('=').nth(1).expect("token").to_owned();
    assert_ne!(token(&first), token(&second));
    assert!(second.starts_with(&format!("samraad_enhed_{other}=")));
}

#[tokio::test]
async fn answer_ids_say_nothing_about_who_wrote_them_or_when() {
    let base = spawn_app().await;
    let (code, key) = start(&base, "Møde", "Team").await;
    let phone = join(&base, &code).await;
    let host = |body: Value| {
        client()
            .post(format!("{base}/api/m/{code}/commands"))
            .header("x-samraad-key", &key)
            .json(&body)
            .send()
    };
    host(command("go_to", json!({ "step": 0, "phase": "reflect" })))
        .await
        .expect("go");
    let answer = |id: String| {
        client()
            .post(format!("{base}/api/m/{code}/commands"))
            .header(header::COOKIE, &phone)
            .json(&command(
                "submit_answer",
                json!({ "answer": id, "text": "Mere ro" }),
            ))
            .send()
    };
    let v7 = answer(uuid::Uuid::now_v7().to_string())
        .await
        .expect("send");
    assert_eq!(
        v7.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "a time-ordered id is refused"
    );
    let v4 = answer(uuid::Uuid::new_v4().to_string())
        .await
        .expect("send");
    assert_eq!(v4.status(), StatusCode::OK);
    // The no-JavaScript form makes its ids on the server: random too.
    let html = client()
        .get(format!("{base}/m/{code}"))
        .header(header::COOKIE, &phone)
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    let svar = html
        .split("name=\"svar\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the form's answer id");
    let id = uuid::Uuid::parse_str(svar).expect("uuid");
    assert_eq!(id.get_version(), Some(uuid::Version::Random));
}

#[tokio::test]
async fn what_one_address_can_make_the_server_hold_is_limited() {
    let limits = Limits {
        max_participants: 2,
        starts_burst: 3,
        starts_per_minute: 1,
        max_connections_per_client: 40,
        header_read_timeout: Duration::from_secs(1),
        ..Limits::default()
    };
    let base = spawn_app_with(limits).await;
    let (code, _) = start(&base, "Møde", "Team").await;
    join(&base, &code).await;
    join(&base, &code).await;
    let full = client()
        .post(format!("{base}/api/m/{code}/commands"))
        .json(&command("join", json!({})))
        .send()
        .await
        .expect("join");
    assert_eq!(full.status(), StatusCode::CONFLICT);
    assert!(
        full.text()
            .await
            .expect("body")
            .contains("højeste antal deltagere")
    );
    start(&base, "To", "Team").await;
    start(&base, "Tre", "Team").await;
    let fourth = client()
        .post(format!("{base}/ny"))
        .form(&[
            ("team", "T"),
            ("titel", "M"),
            ("skabelon", "egne"),
            ("spoergsmaal", "Hvad?"),
        ])
        .send()
        .await
        .expect("start");
    assert_eq!(fourth.status(), StatusCode::TOO_MANY_REQUESTS);
    // A connection that never finishes its headers is closed (slowloris).
    let addr = base.trim_start_matches("http://");
    let mut slow = tokio::net::TcpStream::connect(addr).await.expect("connect");
    slow.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n")
        .await
        .expect("write");
    let mut buffer = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(5), slow.read_to_end(&mut buffer)).await;
    assert!(read.is_ok(), "the server closed the connection");
    // Past the connection cap, a connection gets a short 503 and /healthz still answers.
    let mut idle = Vec::new();
    for _ in 0..40 {
        idle.push(tokio::net::TcpStream::connect(addr).await.expect("connect"));
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut over = tokio::net::TcpStream::connect(addr).await.expect("connect");
    let mut answer = String::new();
    tokio::time::timeout(Duration::from_secs(5), over.read_to_string(&mut answer))
        .await
        .expect("an answer in time")
        .expect("read");
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
    drop(idle);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        get(format!("{base}/healthz")).await.status(),
        StatusCode::OK
    );
}
