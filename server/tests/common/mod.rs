//! What every HTTP test needs: the whole app on a real socket with a fresh in-memory
//! SurrealDB, a client that shows redirects instead of following them, and an SSE reader.

// Each test crate uses a different part of this module.
#![allow(dead_code)]

pub mod process;

use std::{
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
    time::Duration,
};

use futures_util::StreamExt;
use reqwest::{StatusCode, header};
use serde_json::Value;

use server::{
    app,
    config::{DbConfig, DbTarget},
    db::{self, DbError},
    leptos_options,
    meetings::store::{BoxFuture, EventLog, NewDevice, NewEvent, StoredMeeting, SurrealLog},
    state::AppState,
};

/// Starts the whole app on port 0 and returns its base URL.
pub async fn spawn_app() -> String {
    spawn_app_with(server::security::limits::Limits::default()).await
}

/// The same, with other limits (and connections served under them).
pub async fn spawn_app_with(limits: server::security::limits::Limits) -> String {
    spawn(limits, None).await
}

/// A meetings' log that fails its next appends when told to: the real SurrealDB log behind
/// it, so everything it does store is really stored.
pub struct FlakyLog {
    inner: SurrealLog,
    fail_next: AtomicUsize,
    pub failed: AtomicUsize,
    /// Appends that reached the store (each one transaction, one commit).
    pub appends: AtomicUsize,
    /// Milliseconds each append waits before it stores (a slow disk).
    delay_ms: AtomicUsize,
}

impl FlakyLog {
    /// The next `n` appends fail, as a full or broken disk would make them.
    pub fn fail_next(&self, n: usize) {
        self.fail_next.store(n, Ordering::SeqCst);
    }

    /// Every append from now on takes `ms` longer.
    pub fn slow_down(&self, ms: usize) {
        self.delay_ms.store(ms, Ordering::SeqCst);
    }
}

impl EventLog for FlakyLog {
    fn load<'a>(&'a self, code: &'a str) -> BoxFuture<'a, Result<Option<StoredMeeting>, DbError>> {
        self.inner.load(code)
    }

    fn append<'a>(
        &'a self,
        meeting_id: &'a str,
        events: &'a [NewEvent],
        devices: &'a [NewDevice],
    ) -> BoxFuture<'a, Result<(), DbError>> {
        let fail = self
            .fail_next
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
            .is_ok();
        if fail {
            self.failed.fetch_add(1, Ordering::SeqCst);
            return Box::pin(async { Err(DbError::Corrupt("injected: the disk is full".into())) });
        }
        self.appends.fetch_add(1, Ordering::SeqCst);
        let delay = self.delay_ms.load(Ordering::SeqCst) as u64;
        Box::pin(async move {
            tokio::time::sleep(Duration::from_millis(delay)).await;
            self.inner.append(meeting_id, events, devices).await
        })
    }
}

/// The whole app with a log that fails on demand.
pub async fn spawn_app_with_flaky_log() -> (String, Arc<FlakyLog>) {
    let db = memory_db().await;
    let log = Arc::new(FlakyLog {
        inner: SurrealLog(db.clone()),
        fail_next: AtomicUsize::new(0),
        failed: AtomicUsize::new(0),
        appends: AtomicUsize::new(0),
        delay_ms: AtomicUsize::new(0),
    });
    let base = spawn(
        server::security::limits::Limits::default(),
        Some((db, log.clone())),
    )
    .await;
    (base, log)
}

/// The whole app on a database the test also holds (to change it behind the app's back).
pub async fn spawn_app_on(db: db::Db) -> String {
    spawn_on(server::security::limits::Limits::default(), db, None)
        .await
        .0
}

/// The same, with the app's hub (for a job the app runs by the clock).
pub async fn spawn_app_with_hub(db: db::Db) -> (String, Arc<server::meetings::hub::Hub>) {
    spawn_on(server::security::limits::Limits::default(), db, None).await
}

/// A page as a reader sees its text (without Leptos's hydration markers), with an optional
/// cookie; it must answer 200.
pub async fn page_text(base: &str, path: &str, cookie: Option<&str>) -> String {
    let mut request = client().get(format!("{base}{path}"));
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    let response = request.send().await.expect("page");
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    response.text().await.expect("html").replace("<!>", "")
}

/// Everything the database holds, as text: every row of every table it has.
pub async fn everything(db: &db::Db) -> String {
    let mut response = db
        .query("RETURN object::keys((INFO FOR DB).tables);")
        .await
        .expect("tables")
        .check()
        .expect("ok");
    let tables: Vec<String> = response.take(0).expect("table names");
    assert!(tables.len() >= 7, "the schema's tables: {tables:?}");
    let mut out = String::new();
    for table in tables {
        let mut response = db
            .query(format!("SELECT * FROM {table};"))
            .await
            .expect("read")
            .check()
            .expect("ok");
        let rows: surrealdb::types::Value = response.take(0).expect("rows");
        out.push_str(&format!("{rows:?}"));
    }
    out
}

pub async fn memory_db() -> db::Db {
    let config = DbConfig {
        target: DbTarget::Memory,
        namespace: "test".into(),
        database: "test".into(),
    };
    db::connect(&config).await.expect("in-memory database")
}

async fn spawn(
    limits: server::security::limits::Limits,
    flaky: Option<(db::Db, Arc<FlakyLog>)>,
) -> String {
    let config = DbConfig {
        target: DbTarget::Memory,
        namespace: "test".into(),
        database: "test".into(),
    };
    let db = match &flaky {
        Some((db, _)) => db.clone(),
        None => db::connect(&config).await.expect("in-memory database"),
    };
    spawn_on(limits, db, flaky.map(|(_, log)| log)).await.0
}

async fn spawn_on(
    limits: server::security::limits::Limits,
    db: db::Db,
    flaky: Option<Arc<FlakyLog>>,
) -> (String, Arc<server::meetings::hub::Hub>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind port 0");
    let addr = listener.local_addr().expect("bound address");
    let state = AppState::with_limits(
        leptos_options(addr).expect("leptos options"),
        db,
        "memory",
        format!("http://{addr}"),
        limits,
        server::security::client::TrustedProxies::default(),
    );
    let state = match flaky {
        Some(log) => state.with_event_log(log, &limits),
        None => state,
    };
    let hub = state.hub.clone();
    let serve_limits = server::serve::ServeLimits {
        header_read_timeout: limits.header_read_timeout,
        max_connections: limits.max_connections,
        max_connections_per_client: limits.max_connections_per_client,
    };
    tokio::spawn(async move {
        server::serve::serve(listener, app(state), serve_limits, std::future::pending()).await
    });
    (format!("http://{addr}"), hub)
}

/// Starts a meeting with typed questions through the start form: (code, host key).
pub async fn start_meeting_as(
    base: &str,
    team: &str,
    title: &str,
    questions: &str,
) -> (String, String) {
    start_meeting_form(
        base,
        &[
            ("team", team),
            ("titel", title),
            ("skabelon", "egne"),
            ("spoergsmaal", questions),
        ],
    )
    .await
}

/// Sends the start form with these fields: (code, host key) from where it leads.
pub async fn start_meeting_form(base: &str, fields: &[(&str, &str)]) -> (String, String) {
    let response = client()
        .post(format!("{base}/ny"))
        .form(fields)
        .send()
        .await
        .expect("start");
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let location = response.headers()[header::LOCATION]
        .to_str()
        .expect("location")
        .to_owned();
    // /m/{code}/styring?k={key}&ny=1
    let code = location.split('/').nth(2).expect("code").to_owned();
    let key = location
        .split("k=")
        .nth(1)
        .and_then(|rest| rest.split('&').next())
        .expect("key")
        .to_owned();
    (code, key)
}

/// Starts the team's next meeting (the team's key in the start form): its join code.
pub async fn start_meeting_in(base: &str, key: &str, title: &str, questions: &str) -> String {
    let response = client()
        .post(format!("{base}/ny"))
        .form(&[
            ("team", ""),
            ("titel", title),
            ("skabelon", "egne"),
            ("spoergsmaal", questions),
            ("k", key),
        ])
        .send()
        .await
        .expect("start");
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let location = response.headers()[header::LOCATION]
        .to_str()
        .expect("location");
    location.split('/').nth(2).expect("code").to_owned()
}

/// A host command, which must be accepted.
pub async fn host_command(base: &str, code: &str, key: &str, body: &Value) {
    let response = client()
        .post(format!("{base}/api/m/{code}/commands"))
        .header("x-samraad-key", key)
        .json(body)
        .send()
        .await
        .expect("host command");
    assert_eq!(response.status(), StatusCode::OK, "{body}");
}

/// One command envelope with a fresh id.
pub fn command(kind: &str, fields: Value) -> Value {
    let mut command = fields;
    command["type"] = serde_json::json!(kind);
    serde_json::json!({ "id": uuid::Uuid::new_v4().to_string(), "command": command })
}

/// The `name=value` of a response's `Set-Cookie`.
pub fn cookie_pair(response: &reqwest::Response) -> String {
    response.headers()[header::SET_COOKIE]
        .to_str()
        .expect("cookie")
        .split(';')
        .next()
        .expect("pair")
        .to_owned()
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

/// Reads SSE events from a stream until `count` have arrived: (event name, data).
pub async fn read_events(
    response: reqwest::Response,
    count: usize,
) -> (Vec<(String, Value)>, String) {
    let mut raw = String::new();
    let mut stream = response.bytes_stream();
    let mut events = Vec::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while events.len() < count {
        let chunk = tokio::time::timeout_at(deadline, stream.next())
            .await
            .expect("an event in time")
            .expect("stream open")
            .expect("chunk");
        raw.push_str(&String::from_utf8_lossy(&chunk));
        events = complete_events(&raw);
    }
    (events, raw)
}

/// Reads SSE events until one satisfies `done` (frames are spaced and always end on the
/// latest state, so changes close together may arrive as one frame): every event read.
pub async fn read_until(
    response: reqwest::Response,
    done: impl Fn(&Value) -> bool,
) -> Vec<(String, Value)> {
    let mut raw = String::new();
    let mut stream = response.bytes_stream();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        let chunk = tokio::time::timeout_at(deadline, stream.next())
            .await
            .expect("the awaited event in time")
            .expect("stream open")
            .expect("chunk");
        raw.push_str(&String::from_utf8_lossy(&chunk));
        let events = complete_events(&raw);
        if events.iter().any(|(_, data)| done(data)) {
            return events;
        }
    }
}

/// The complete SSE events in what a stream sent so far: (event name, data).
fn complete_events(raw: &str) -> Vec<(String, Value)> {
    let complete = raw.rfind("\n\n").map_or("", |end| &raw[..end]);
    complete
        .split("\n\n")
        .filter_map(|block| {
            let data = block.lines().find_map(|l| l.strip_prefix("data:"))?;
            let name = block.lines().find_map(|l| l.strip_prefix("event:"));
            let name = name.unwrap_or("message").trim().to_owned();
            Some((
                name,
                serde_json::from_str(data.trim()).unwrap_or(Value::Null),
            ))
        })
        .collect()
}

pub async fn stream(
    base: &str,
    code: &str,
    query: &str,
    cookie: Option<&str>,
) -> reqwest::Response {
    let mut request = client().get(format!("{base}/api/m/{code}/events?{query}"));
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    let response = request.send().await.expect("stream");
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()[header::CONTENT_TYPE],
        "text/event-stream"
    );
    response
}
