//! The browser's side of the live protocol (WebAssembly only): a stream of views that
//! reconnects forever with backoff, and commands sent with retries under one id.

use std::{cell::RefCell, rc::Rc, time::Duration};

use leptos::prelude::*;
use wasm_bindgen::{JsCast, closure::Closure};
use wasm_bindgen_futures::JsFuture;
use web_sys::{EventSource, MessageEvent};

use super::hooks::Connection;
use crate::domain::meeting::command::Envelope;

/// A stream silent for this long is treated as dead (the server pings every 15 s).
const SILENCE_LIMIT_MS: f64 = 40_000.0;
const MAX_BACKOFF_MS: u64 = 30_000;

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Receives each view: its sequence number, the server's clock offset, its JSON.
type OnView = dyn Fn(u64, f64, &str);

struct StreamState {
    /// Set when the page that opened the stream is gone: nothing reconnects after that.
    stopped: bool,
    source: Option<EventSource>,
    last_seq: Option<u64>,
    last_message_ms: f64,
    failures: u32,
    closures: Vec<Closure<dyn FnMut(web_sys::Event)>>,
}

/// A stream kept open by [`keep_stream_open`]; `stop` closes it for good.
pub struct StreamHandle {
    state: Rc<RefCell<StreamState>>,
    watchdog: Option<IntervalHandle>,
}

impl StreamHandle {
    pub fn stop(self) {
        if let Some(watchdog) = self.watchdog {
            watchdog.clear();
        }
        let mut state = self.state.borrow_mut();
        state.stopped = true;
        if let Some(source) = state.source.take() {
            source.close();
        }
    }
}

/// Opens `url` as an event stream and keeps it open until the handle is stopped. `on_view`
/// gets each view's JSON and the server's clock at sending; `on_connection` the state shown
/// to the person.
pub fn keep_stream_open(
    url: String,
    on_view: impl Fn(u64, f64, &str) + 'static,
    on_connection: impl Fn(Connection) + 'static,
) -> StreamHandle {
    let state = Rc::new(RefCell::new(StreamState {
        stopped: false,
        source: None,
        last_seq: None,
        last_message_ms: now_ms(),
        failures: 0,
        closures: Vec::new(),
    }));
    let on_view = Rc::new(on_view);
    let on_connection = Rc::new(on_connection);
    connect(
        url.clone(),
        state.clone(),
        on_view.clone(),
        on_connection.clone(),
    );

    // A connection can die without an error event (a phone leaving Wi-Fi): watch the silence.
    let watched = state.clone();
    let reconnect = move || {
        let silent = now_ms() - watched.borrow().last_message_ms > SILENCE_LIMIT_MS;
        if silent {
            on_connection(Connection::Lost);
            if let Some(source) = watched.borrow_mut().source.take() {
                source.close();
            }
            connect(
                url.clone(),
                watched.clone(),
                on_view.clone(),
                on_connection.clone(),
            );
        }
    };
    StreamHandle {
        watchdog: set_interval_with_handle(reconnect, Duration::from_secs(10)).ok(),
        state,
    }
}

fn connect(
    url: String,
    state: Rc<RefCell<StreamState>>,
    on_view: Rc<OnView>,
    on_connection: Rc<dyn Fn(Connection)>,
) {
    if state.borrow().stopped {
        return;
    }
    let full_url = match state.borrow().last_seq {
        Some(seq) => format!(
            "{url}{}seq={seq}",
            if url.contains('?') { '&' } else { '?' }
        ),
        None => url.clone(),
    };
    let Ok(source) = EventSource::new(&full_url) else {
        on_connection(Connection::Lost);
        return;
    };
    state.borrow_mut().last_message_ms = now_ms();

    let on_view_event = {
        let state = state.clone();
        let on_connection = on_connection.clone();
        let on_view = on_view.clone();
        Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            let Some(message) = event.dyn_ref::<MessageEvent>() else {
                return;
            };
            let received = now_ms();
            {
                let mut state = state.borrow_mut();
                state.last_message_ms = received;
                state.failures = 0;
            }
            on_connection(Connection::Live);
            let Some(data) = message.data().as_string() else {
                return;
            };
            if let Some((seq, server_now, view)) = split_view(&data) {
                state.borrow_mut().last_seq = Some(seq);
                on_view(seq, server_now - received, view);
            }
        })
    };
    let on_ping = {
        let state = state.clone();
        let on_connection = on_connection.clone();
        Closure::<dyn FnMut(web_sys::Event)>::new(move |_event: web_sys::Event| {
            state.borrow_mut().last_message_ms = now_ms();
            on_connection(Connection::Live);
        })
    };
    let on_error = {
        let state = state.clone();
        let url = url.clone();
        Closure::<dyn FnMut(web_sys::Event)>::new(move |_event: web_sys::Event| {
            on_connection(Connection::Lost);
            let closed = state
                .borrow()
                .source
                .as_ref()
                .is_some_and(|s| s.ready_state() == EventSource::CLOSED);
            if !closed {
                return; // The browser retries by itself, sending Last-Event-ID.
            }
            // The browser gave up (e.g. the server answered an error): retry with backoff.
            let failures = {
                let mut state = state.borrow_mut();
                state.failures += 1;
                state.source = None;
                state.failures
            };
            let delay = (1000u64 << failures.min(5)).min(MAX_BACKOFF_MS);
            let (url, state, on_view, on_connection) = (
                url.clone(),
                state.clone(),
                on_view.clone(),
                on_connection.clone(),
            );
            set_timeout(
                move || connect(url, state, on_view, on_connection),
                Duration::from_millis(delay),
            );
        })
    };
    let _ = source.add_event_listener_with_callback("view", on_view_event.as_ref().unchecked_ref());
    let _ = source.add_event_listener_with_callback("ping", on_ping.as_ref().unchecked_ref());
    source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let mut state = state.borrow_mut();
    state.closures = vec![on_view_event, on_ping, on_error];
    state.source = Some(source);
}

/// `{"seq":N,"now":T,"view":{…}}` → (N, T, the view's JSON), without parsing the view twice.
fn split_view(data: &str) -> Option<(u64, f64, &str)> {
    let rest = data.strip_prefix("{\"seq\":")?;
    let (seq, rest) = rest.split_once(",\"now\":")?;
    let (now, rest) = rest.split_once(",\"view\":")?;
    let view = rest.strip_suffix('}')?;
    // The server's clock is whole milliseconds (an integer keeps float parsing out of the
    // phone's bundle).
    let now: i64 = now.parse().ok()?;
    Some((seq.parse().ok()?, now as f64, view))
}

/// Why a command did not go through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendFailure {
    /// The server answered with a refusal, already in the person's language.
    Refused(String),
    /// No answer (offline, server restarting): worth trying again with the same id.
    Network,
}

/// Sends one command and waits for its acknowledgement.
pub async fn send_command(
    code: &str,
    key: Option<&str>,
    envelope: &Envelope,
) -> Result<u64, SendFailure> {
    let body = serde_json::to_string(envelope).map_err(|_| SendFailure::Network)?;
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&wasm_bindgen::JsValue::from_str(&body));
    let headers = web_sys::Headers::new().map_err(|_| SendFailure::Network)?;
    let _ = headers.set("content-type", "application/json");
    if let Some(key) = key {
        let _ = headers.set("x-samraad-key", key);
    }
    init.set_headers(&headers);
    let request =
        web_sys::Request::new_with_str_and_init(&format!("/api/m/{code}/commands"), &init)
            .map_err(|_| SendFailure::Network)?;
    let window = web_sys::window().ok_or(SendFailure::Network)?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(|_| SendFailure::Network)?
        .dyn_into()
        .map_err(|_| SendFailure::Network)?;
    let status = response.status();
    let text = JsFuture::from(response.text().map_err(|_| SendFailure::Network)?)
        .await
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default();
    // The browser's own JSON reader: a general JSON value in Rust would cost the phone's
    // download more than the two fields it reads.
    let reply = js_sys::JSON::parse(&text).unwrap_or(wasm_bindgen::JsValue::NULL);
    match status {
        200 => field(&reply, "seq")
            .as_f64()
            .filter(|seq| *seq >= 0.0 && seq.fract() == 0.0)
            .map(|seq| seq as u64)
            .ok_or(SendFailure::Network),
        // Server trouble and rate limits pass; a retry with the same id is safe.
        429 | 500..=599 => Err(SendFailure::Network),
        _ => Err(SendFailure::Refused(
            field(&field(&reply, "error"), "message")
                .as_string()
                .unwrap_or_default(),
        )),
    }
}

/// Sends until the server answers: a network failure is retried with backoff under the same
/// command id, so the command is applied exactly once whatever happens to the connection.
pub async fn send_until_answered(
    code: &str,
    key: Option<&str>,
    envelope: &Envelope,
    on_waiting: impl Fn(bool),
) -> Result<u64, String> {
    let mut delay = 500u64;
    loop {
        match send_command(code, key, envelope).await {
            Ok(seq) => {
                on_waiting(false);
                return Ok(seq);
            }
            Err(SendFailure::Refused(message)) => {
                on_waiting(false);
                return Err(message);
            }
            Err(SendFailure::Network) => {
                on_waiting(true);
                sleep(Duration::from_millis(delay)).await;
                delay = (delay * 2).min(MAX_BACKOFF_MS);
            }
        }
    }
}

/// One field of a parsed JSON object; `undefined` when it or the object is missing.
fn field(object: &wasm_bindgen::JsValue, name: &str) -> wasm_bindgen::JsValue {
    if !object.is_object() {
        return wasm_bindgen::JsValue::UNDEFINED;
    }
    js_sys::Reflect::get(object, &wasm_bindgen::JsValue::from_str(name))
        .unwrap_or(wasm_bindgen::JsValue::UNDEFINED)
}

async fn sleep(duration: Duration) {
    let millis = i32::try_from(duration.as_millis()).unwrap_or(i32::MAX);
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, millis);
        }
    });
    let _ = JsFuture::from(promise).await;
}
