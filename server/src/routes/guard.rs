//! Join-code guessing, closed on every path that looks a code up, without locking out a hall
//! of parents behind one school router.
//!
//! Every request that names a meeting (`/m/{code}…`, `/api/m/{code}/…`, and the pages' server
//! functions under `/api/page/`, whose code is in the body) is looked at here:
//! - A request that proves it knows the meeting (a key, or the device cookie of a phone that
//!   joined) passes at once: other people's typos never slow it.
//! - Every other request from an address counts its unknown codes (404s). Up to
//!   [`FREE_UNKNOWN_CODES`] in a window cost nothing. Past that, *every* such lookup from the
//!   address, of a real code or not, waits a little (1 s, growing to [`MAX_DELAY`]) and only
//!   [`CONCURRENT_SLOWED`] run at once. A real and a wrong code are answered the same way,
//!   so the slowing is no oracle; a new phone with the right code still gets in, a few
//!   seconds later; guessing drops to a few codes a second among 887 million.
//! - Only a crowd of waiting lookups past [`MAX_QUEUED`] is refused (429).

use std::{
    collections::HashMap,
    sync::{Arc, Mutex, PoisonError},
    time::{Duration, Instant},
};

use axum::{
    body::{Body, to_bytes},
    extract::{Request, State},
    http::{HeaderMap, StatusCode},
    middleware::Next,
    response::Response,
};
use serde::Deserialize;
use tokio::sync::Semaphore;

use app::{domain::join_code::JoinCode, live::messages::RequestProblem};

use super::request;
use crate::{
    error::problem_response,
    security::{
        client::{ClientKey, client_of},
        requests::MAX_BODY_BYTES,
    },
    state::AppState,
};

/// Typos a whole hall may make in a window before its lookups are slowed.
pub const FREE_UNKNOWN_CODES: u32 = 30;
pub const WINDOW: Duration = Duration::from_secs(60);
pub const MAX_DELAY: Duration = Duration::from_secs(4);
pub const CONCURRENT_SLOWED: usize = 8;
pub const MAX_QUEUED: usize = 64;
/// Past this many noisy addresses, the quietest are forgotten.
const MAX_REMEMBERED: usize = 10_000;

struct Noise {
    window_start: Instant,
    unknown: u32,
    slots: Arc<Semaphore>,
    queued: usize,
}

#[derive(Clone, Default)]
pub struct CodeGuard {
    noise: Arc<Mutex<HashMap<ClientKey, Noise>>>,
}

impl CodeGuard {
    /// How long a lookup from `client` waits, and the slots it waits for, if it is slowed.
    fn slowing(&self, client: ClientKey, now: Instant) -> Option<(Duration, Arc<Semaphore>)> {
        let mut noise = self.noise.lock().unwrap_or_else(PoisonError::into_inner);
        let entry = noise.get_mut(&client)?;
        decay(entry, now);
        if entry.unknown == 0 && entry.queued == 0 {
            noise.remove(&client);
            return None;
        }
        delay_for(entry.unknown).map(|delay| (delay, entry.slots.clone()))
    }

    fn queue(&self, client: ClientKey, change: isize) -> usize {
        let mut noise = self.noise.lock().unwrap_or_else(PoisonError::into_inner);
        noise.get_mut(&client).map_or(0, |entry| {
            entry.queued = entry.queued.saturating_add_signed(change);
            entry.queued
        })
    }

    fn record_unknown(&self, client: ClientKey, now: Instant) {
        let mut noise = self.noise.lock().unwrap_or_else(PoisonError::into_inner);
        if noise.len() > MAX_REMEMBERED {
            noise.retain(|_, n| {
                n.queued > 0 || now.saturating_duration_since(n.window_start) < WINDOW
            });
        }
        let entry = noise.entry(client).or_insert_with(|| Noise {
            window_start: now,
            unknown: 0,
            slots: Arc::new(Semaphore::new(CONCURRENT_SLOWED)),
            queued: 0,
        });
        decay(entry, now);
        entry.unknown = entry.unknown.saturating_add(1);
    }
}

/// Every window that passes halves the count: a hall's typos are forgotten within a minute
/// or two, while a guesser's hundreds keep the address slowed instead of starting afresh
/// with free guesses every minute.
fn decay(entry: &mut Noise, now: Instant) {
    let windows = now.saturating_duration_since(entry.window_start).as_secs() / WINDOW.as_secs();
    if windows > 0 {
        entry.unknown = entry
            .unknown
            .checked_shr(u32::try_from(windows).unwrap_or(u32::MAX))
            .unwrap_or(0);
        entry.window_start = now;
    }
}

/// No wait up to the free typos; then 1 s, a second more for every further 30, at most 4 s.
fn delay_for(unknown: u32) -> Option<Duration> {
    let over = unknown.checked_sub(FREE_UNKNOWN_CODES)?;
    let seconds = 1 + u64::from(over / FREE_UNKNOWN_CODES);
    Some(Duration::from_secs(seconds).min(MAX_DELAY))
}

/// The code a meeting path names.
fn code_in_path(path: &str) -> Option<&str> {
    let rest = path
        .strip_prefix("/m/")
        .or_else(|| path.strip_prefix("/api/m/"))?;
    Some(rest.split('/').next().unwrap_or_default())
}

/// The pages' server functions that look a meeting up by the code in their body.
fn is_page_function(path: &str) -> bool {
    matches!(
        path,
        "/api/page/phone" | "/api/page/screen" | "/api/page/console" | "/api/page/summary"
    )
}

#[derive(Deserialize)]
struct PageCall {
    #[serde(default)]
    code: String,
    #[serde(default)]
    key: String,
}

#[derive(Deserialize)]
struct KeyParam {
    k: Option<String>,
}

/// What a request offers as proof that it knows a meeting: a key, or a device token.
enum Proof {
    Key(String),
    Device(String),
    Nothing,
}

fn proof_of(code: &JoinCode, key: Option<&str>, headers: &HeaderMap) -> Proof {
    if let Some(key) = request::key(headers, key) {
        return Proof::Key(key);
    }
    request::device_token(headers, code).map_or(Proof::Nothing, |t| Proof::Device(t.to_owned()))
}

/// Whether the proof holds for this meeting: a key of it, or the device token of a phone
/// that joined it.
async fn proves_knowledge(state: &AppState, code: Option<JoinCode>, proof: Proof) -> bool {
    let (Some(code), false) = (code, matches!(proof, Proof::Nothing)) else {
        return false;
    };
    let Ok(Some(meeting)) = state.hub.meeting(&code).await else {
        return false;
    };
    match proof {
        Proof::Key(key) => meeting.role_for_key(&key).is_some(),
        Proof::Device(token) => meeting.participant_for_device(&token).is_some(),
        Proof::Nothing => false,
    }
}

pub async fn guard_join_codes(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_owned();
    let (request, code, key) = if let Some(code) = code_in_path(&path) {
        let key = request
            .uri()
            .query()
            .and_then(|q| serde_urlencoded::from_str::<KeyParam>(q).ok())
            .and_then(|p| p.k);
        (request, code.to_owned(), key)
    } else if is_page_function(&path) {
        // The code is in the body: read it (it is small), then hand the bytes on.
        let (parts, body) = request.into_parts();
        let Ok(bytes) = to_bytes(body, MAX_BODY_BYTES).await else {
            let locale = request::locale(&parts.headers);
            return problem_response(RequestProblem::TooLarge, locale, &path);
        };
        let call = serde_urlencoded::from_bytes::<PageCall>(&bytes).ok();
        let (code, key) = call.map_or_else(Default::default, |c| (c.code, Some(c.key)));
        (Request::from_parts(parts, Body::from(bytes)), code, key)
    } else {
        return next.run(request).await;
    };
    let code = JoinCode::parse(&code).ok();
    let proof = code.as_ref().map_or(Proof::Nothing, |code| {
        proof_of(
            code,
            key.as_deref().filter(|k| !k.is_empty()),
            request.headers(),
        )
    });
    if proves_knowledge(&state, code, proof).await {
        return next.run(request).await;
    }
    let guard = &state.code_guard;
    let client = client_of(&request);
    let _permit = match guard.slowing(client, Instant::now()) {
        None => None,
        Some((delay, slots)) => {
            if guard.queue(client, 1) > MAX_QUEUED {
                guard.queue(client, -1);
                let locale = request::locale(request.headers());
                let mut response = problem_response(RequestProblem::TooManyAttempts, locale, &path);
                response
                    .headers_mut()
                    .insert("retry-after", axum::http::HeaderValue::from_static("10"));
                return response;
            }
            let permit = slots.acquire_owned().await.ok();
            tokio::time::sleep(delay).await;
            guard.queue(client, -1);
            permit
        }
    };
    let response = next.run(request).await;
    if response.status() == StatusCode::NOT_FOUND {
        guard.record_unknown(client, Instant::now());
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups_are_slowed_only_past_the_free_typos_and_never_beyond_the_cap() {
        assert_eq!(delay_for(0), None);
        assert_eq!(delay_for(FREE_UNKNOWN_CODES - 1), None);
        assert_eq!(delay_for(FREE_UNKNOWN_CODES), Some(Duration::from_secs(1)));
        assert_eq!(
            delay_for(2 * FREE_UNKNOWN_CODES),
            Some(Duration::from_secs(2))
        );
        assert_eq!(delay_for(u32::MAX), Some(MAX_DELAY));
        let guard = CodeGuard::default();
        let client = ClientKey::of([10, 0, 0, 7].into());
        let start = Instant::now();
        for _ in 0..FREE_UNKNOWN_CODES {
            assert!(guard.slowing(client, start).is_none());
            guard.record_unknown(client, start);
        }
        assert!(guard.slowing(client, start).is_some());
        assert!(
            guard
                .slowing(ClientKey::of([10, 0, 0, 8].into()), start)
                .is_none(),
            "other addresses are free"
        );
        assert!(
            guard.slowing(client, start + WINDOW).is_none(),
            "the window passes"
        );
    }

    #[test]
    fn every_path_that_names_a_code_is_seen() {
        assert_eq!(code_in_path("/m/K7MP4Q"), Some("K7MP4Q"));
        assert_eq!(code_in_path("/m/K7MP4Q/handling"), Some("K7MP4Q"));
        assert_eq!(code_in_path("/api/m/K7MP4Q/events"), Some("K7MP4Q"));
        assert_eq!(code_in_path("/bibliotek"), None);
        assert!(is_page_function("/api/page/phone") && !is_page_function("/api/page/draft"));
    }
}
