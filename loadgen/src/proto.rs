//! The protocol as a phone, a projector and a host speak it (docs/protocol.md): start a
//! meeting with the start form, join by code (the server's cookie), send commands, and read
//! the event stream.

use std::time::Instant;

use futures_util::StreamExt;
use reqwest::{Client, StatusCode, header};
use serde_json::{Value, json};

/// A meeting the generator started: its code and keys.
#[derive(Debug, Clone)]
pub struct Meeting {
    pub code: String,
    pub host_key: String,
    pub screen_key: String,
}

pub fn client(pool: usize) -> Client {
    Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(pool)
        .tcp_nodelay(true)
        .build()
        // Without TLS the builder has nothing that can fail; the defaults work the same.
        .unwrap_or_default()
}

pub fn envelope(kind: &str, fields: Value) -> Value {
    let mut command = fields;
    command["type"] = json!(kind);
    json!({ "id": uuid::Uuid::new_v4().to_string(), "command": command })
}

/// Starts a meeting with one typed question, as a leader's start form does, and reads the
/// projector's key from the console (unless `screen` is false).
pub async fn start_meeting(
    http: &Client,
    base: &str,
    title: &str,
    screen: bool,
) -> Result<Meeting, String> {
    let response = http
        .post(format!("{base}/ny"))
        .form(&[
            ("team", "Belastningsprøve"),
            ("titel", title),
            ("skabelon", "egne"),
            ("spoergsmaal", "Hvad lykkedes for børnene i denne uge?"),
        ])
        .send()
        .await
        .map_err(|e| format!("start: {e}"))?;
    if response.status() != StatusCode::SEE_OTHER {
        return Err(format!("start: {}", response.status()));
    }
    let location = response.headers()[header::LOCATION]
        .to_str()
        .map_err(|e| e.to_string())?
        .to_owned();
    let code = location.split('/').nth(2).ok_or("no code")?.to_owned();
    let host_key = location
        .split("k=")
        .nth(1)
        .and_then(|rest| rest.split('&').next())
        .ok_or("no key")?
        .to_owned();
    if !screen {
        return Ok(Meeting {
            code,
            host_key,
            screen_key: String::new(),
        });
    }
    let console = http
        .get(format!("{base}/m/{code}/styring?k={host_key}"))
        .send()
        .await
        .map_err(|e| format!("console: {e}"))?
        .text()
        .await
        .map_err(|e| format!("console: {e}"))?;
    let screen_key = console
        .split("skaerm?k=")
        .nth(1)
        .map(|rest| rest.chars().take_while(char::is_ascii_hexdigit).collect())
        .ok_or("the console shows no screen link")?;
    Ok(Meeting {
        code,
        host_key,
        screen_key,
    })
}

/// What a command got back.
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub cookie: Option<String>,
    pub latency_ms: f64,
}

/// Sends one command envelope; `credential` is a cookie (`name=value`) or a key.
pub async fn send(
    http: &Client,
    base: &str,
    code: &str,
    credential: Credential<'_>,
    body: &Value,
) -> Answer {
    let started = Instant::now();
    let mut request = http.post(format!("{base}/api/m/{code}/commands"));
    request = match credential {
        Credential::None => request,
        Credential::Cookie(cookie) => request.header(header::COOKIE, cookie),
        Credential::Key(key) => request.header("x-samraad-key", key),
    };
    let response = match request.json(body).send().await {
        Ok(response) => response,
        Err(_) => {
            return Answer {
                status: 0,
                cookie: None,
                latency_ms: ms_since(started),
            };
        }
    };
    let status = response.status().as_u16();
    let cookie = response
        .headers()
        .get(header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(str::to_owned);
    // Read the body: the answer counts as received when all of it has arrived.
    let _ = response.bytes().await;
    Answer {
        status,
        cookie,
        latency_ms: ms_since(started),
    }
}

/// Sends until the server answers with something other than "not stored" (a network
/// failure or 503), with the same envelope each time, as the phone's page does.
pub async fn send_until_answered(
    http: &Client,
    base: &str,
    code: &str,
    credential: Credential<'_>,
    body: &Value,
) -> Answer {
    let mut answer = send(http, base, code, credential, body).await;
    for attempt in 1..6u64 {
        if answer.status != 0 && answer.status != 503 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100 * attempt)).await;
        answer = send(http, base, code, credential, body).await;
    }
    answer
}

#[derive(Debug, Clone, Copy)]
pub enum Credential<'a> {
    None,
    Cookie(&'a str),
    Key(&'a str),
}

pub fn ms_since(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1000.0
}

/// One frame read from a stream.
#[derive(Debug, Clone)]
pub struct Frame {
    pub seq: u64,
    pub at: Instant,
    pub bytes: usize,
    /// The view's JSON, kept only when the reader asked for it.
    pub view: Option<String>,
}

/// Opens a stream and hands each `view` frame to `on_frame` until the stream ends or
/// `on_frame` returns false. Returns the bytes read and the last event id seen.
pub async fn follow(
    http: &Client,
    url: &str,
    cookie: Option<&str>,
    last_event_id: Option<u64>,
    keep_views: bool,
    mut on_frame: impl FnMut(Frame) -> bool,
) -> Result<(usize, Option<u64>), String> {
    let mut request = http.get(url);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    if let Some(id) = last_event_id {
        request = request.header("last-event-id", id.to_string());
    }
    let response = request.send().await.map_err(|e| format!("stream: {e}"))?;
    if response.status() != StatusCode::OK {
        return Err(format!("stream: {}", response.status()));
    }
    let mut body = response.bytes_stream();
    let mut buffer = String::new();
    let mut total = 0;
    let mut last = last_event_id;
    while let Some(chunk) = body.next().await {
        let chunk = chunk.map_err(|e| format!("stream: {e}"))?;
        total += chunk.len();
        buffer.push_str(&String::from_utf8_lossy(&chunk));
        while let Some(end) = buffer.find("\n\n") {
            let block: String = buffer.drain(..end + 2).collect();
            if !block.contains("event: view") && !block.contains("event:view") {
                continue;
            }
            let Some(data) = block.lines().find_map(|l| l.strip_prefix("data:")) else {
                continue;
            };
            let data = data.trim_start();
            let Some(seq) = data
                .strip_prefix("{\"seq\":")
                .and_then(|rest| rest.split(',').next())
                .and_then(|n| n.parse().ok())
            else {
                continue;
            };
            last = Some(seq);
            let view = keep_views
                .then(|| {
                    data.split_once(",\"view\":")
                        .and_then(|(_, v)| v.trim_end().strip_suffix('}'))
                        .map(str::to_owned)
                })
                .flatten();
            let frame = Frame {
                seq,
                at: Instant::now(),
                bytes: block.len(),
                view,
            };
            if !on_frame(frame) {
                return Ok((total, last));
            }
        }
    }
    Ok((total, last))
}
