//! The live meeting's HTTP surface for scripts and the hydrated pages:
//! `POST /api/m/{code}/commands` (one command, JSON, idempotent by its id) and
//! `GET /api/m/{code}/events` (Server-Sent Events: the caller's view, then every change).
//! See docs/protocol.md.

use std::{convert::Infallible, sync::Arc, time::Duration};

use axum::{
    Extension, Json,
    body::Bytes,
    extract::{Path, Query, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{
        IntoResponse, Response,
        sse::{Event as SseEvent, Sse},
    },
};
use futures_util::stream::{self, Stream};
use serde::{Deserialize, Serialize};
use tokio::sync::broadcast::error::RecvError;

use app::{
    domain::{
        join_code::JoinCode,
        meeting::command::{Actor, Command, CommandError, Envelope},
    },
    i18n::Locale,
    live::messages::{RequestProblem, command_error_text, request_problem_text},
};

use super::request;
use crate::{
    meetings::hub::{ExecuteError, LiveMeeting, Role, now_ms},
    security::{
        client::{Client, ClientKey},
        limits::Slot,
    },
    state::AppState,
};

/// A stream that has been silent this long gets a ping, so phones can tell a quiet meeting
/// from a dead connection.
const HEARTBEAT: Duration = Duration::from_secs(15);

/// A failed meeting request, said in the caller's language.
#[derive(Debug)]
pub enum MeetingApiError {
    Problem(RequestProblem, Locale),
    Refused(CommandError, Locale),
}

#[derive(Serialize)]
struct ErrorBody {
    error: ErrorDetail,
}

#[derive(Serialize)]
struct ErrorDetail {
    code: String,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    refusal: Option<CommandError>,
}

impl MeetingApiError {
    fn status(&self) -> StatusCode {
        match self {
            Self::Problem(problem, _) => {
                StatusCode::from_u16(problem.status()).unwrap_or(StatusCode::BAD_REQUEST)
            }
            Self::Refused(
                CommandError::HostOnly | CommandError::ReadOnly | CommandError::ParticipantOnly,
                _,
            ) => StatusCode::FORBIDDEN,
            Self::Refused(
                CommandError::PhaseClosed { .. }
                | CommandError::MeetingEnded
                | CommandError::MeetingFull { .. }
                | CommandError::AlreadyVoted,
                _,
            ) => StatusCode::CONFLICT,
            Self::Refused(_, _) => StatusCode::UNPROCESSABLE_ENTITY,
        }
    }

    pub fn from_execute(error: ExecuteError, locale: Locale) -> Self {
        match error {
            ExecuteError::Refused(refusal) => Self::Refused(refusal, locale),
            ExecuteError::Database(cause) => {
                tracing::error!(error = %cause, "a command could not be stored");
                Self::Problem(RequestProblem::Unavailable, locale)
            }
        }
    }
}

impl IntoResponse for MeetingApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        let detail = match self {
            Self::Problem(problem, locale) => ErrorDetail {
                code: serde_json::to_value(problem)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default(),
                message: request_problem_text(problem, locale),
                refusal: None,
            },
            Self::Refused(refusal, locale) => ErrorDetail {
                code: "refused".into(),
                message: command_error_text(&refusal, locale),
                refusal: Some(refusal),
            },
        };
        (status, Json(ErrorBody { error: detail })).into_response()
    }
}

/// The meeting behind a code from a URL, or the error that says why there is none.
pub async fn find_meeting(
    state: &AppState,
    code: &str,
    locale: Locale,
) -> Result<Arc<LiveMeeting>, MeetingApiError> {
    let unknown = MeetingApiError::Problem(RequestProblem::UnknownMeeting, locale);
    let code = JoinCode::parse(code)
        .map_err(|_| MeetingApiError::Problem(RequestProblem::UnknownMeeting, locale))?;
    match state.hub.meeting(&code).await {
        Ok(Some(meeting)) => Ok(meeting),
        Ok(None) => Err(unknown),
        Err(cause) => {
            tracing::error!(error = %cause, "a meeting could not be loaded");
            Err(MeetingApiError::Problem(
                RequestProblem::Unavailable,
                locale,
            ))
        }
    }
}

/// The role of the caller: a key makes a host or a screen, else the device cookie a phone.
pub fn role_of(meeting: &LiveMeeting, key: Option<&str>, device: Option<&str>) -> Option<Role> {
    match key {
        Some(key) => meeting.role_for_key(key),
        None => Some(Role::Participant(
            device.and_then(|token| meeting.participant_for_device(token)),
        )),
    }
}

#[derive(Debug, Deserialize)]
pub struct KeyQuery {
    k: Option<String>,
    /// The last sequence number the caller has (for a stream that reconnects by itself,
    /// the browser sends `Last-Event-ID` instead).
    seq: Option<u64>,
}

#[derive(Serialize)]
struct Accepted {
    seq: u64,
}

pub async fn post_command(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(query): Query<KeyQuery>,
    client: Option<Extension<Client>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, MeetingApiError> {
    let locale = request::locale(&headers);
    let meeting = find_meeting(&state, &code, locale).await?;
    let envelope: Envelope = serde_json::from_slice(&body)
        .map_err(|_| MeetingApiError::Problem(RequestProblem::Malformed, locale))?;
    let key = request::key(&headers, query.k.as_deref());
    let device = request::device_token(&headers, &meeting.code);
    let role = role_of(&meeting, key.as_deref(), device)
        .ok_or(MeetingApiError::Problem(RequestProblem::Forbidden, locale))?;
    if let (Command::Join { name }, Role::Participant(_)) = (&envelope.command, role) {
        if !super::meeting_forms::joins_allowed(&state, &meeting, device, client) {
            return Err(MeetingApiError::Problem(
                RequestProblem::RateLimited,
                locale,
            ));
        }
        let (_, new_token) = state
            .hub
            .join(&meeting, envelope.id, device, name.clone())
            .await
            .map_err(|e| MeetingApiError::from_execute(e, locale))?;
        let seq = meeting.read(|s| s.seq);
        let mut response = Json(Accepted { seq }).into_response();
        if let Some(token) = new_token
            && let Ok(cookie) = HeaderValue::from_str(&request::device_cookie(
                &meeting.code,
                &token,
                state.secure_cookies(),
            ))
        {
            response.headers_mut().insert(header::SET_COOKIE, cookie);
        }
        return Ok(response);
    }
    let actor = match role {
        Role::Host => Actor::Host,
        Role::Screen => Actor::Screen,
        Role::Participant(Some(id)) => Actor::Participant(id),
        Role::Participant(None) => {
            return Err(MeetingApiError::Refused(CommandError::NotJoined, locale));
        }
    };
    let seq = state
        .hub
        .execute(&meeting, actor, &envelope, None)
        .await
        .map_err(|e| MeetingApiError::from_execute(e, locale))?;
    Ok(Json(Accepted { seq }).into_response())
}

/// One open stream: whom it shows the meeting to, and what it sent last.
struct Feed {
    /// Counts this stream against the limits until it ends.
    _slot: Slot,
    meeting: Arc<LiveMeeting>,
    role: Role,
    device: Option<String>,
    events: tokio::sync::broadcast::Receiver<Arc<app::domain::meeting::state::Event>>,
    stopping: tokio::sync::watch::Receiver<bool>,
    last_sent: Option<String>,
    known_seq: Option<u64>,
    started: bool,
}

impl Feed {
    /// The view now, if it differs from what this stream sent last.
    fn changed_view(&mut self) -> Option<SseEvent> {
        // A phone that joins after opening its stream is recognised from then on.
        let role = match (self.role, self.device.as_deref()) {
            (Role::Participant(None), Some(token)) => {
                Role::Participant(self.meeting.participant_for_device(token))
            }
            (role, _) => role,
        };
        let (seq, view) = self.meeting.view_json(role);
        if self.last_sent.as_deref() == Some(view.as_str()) {
            return None;
        }
        let first_and_current = !self.started && self.known_seq == Some(seq);
        self.started = true;
        self.last_sent = Some(view.clone());
        if first_and_current {
            // The client already has this state (it reconnected without missing anything).
            return None;
        }
        let data = format!(
            r#"{{"seq":{seq},"now":{now},"view":{view}}}"#,
            now = now_ms()
        );
        Some(
            SseEvent::default()
                .event("view")
                .id(seq.to_string())
                .data(data),
        )
    }
}

fn ping() -> SseEvent {
    SseEvent::default()
        .event("ping")
        .data(format!(r#"{{"now":{}}}"#, now_ms()))
}

pub async fn events(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(query): Query<KeyQuery>,
    client: Option<Extension<Client>>,
    headers: HeaderMap,
) -> Result<Response, MeetingApiError> {
    let locale = request::locale(&headers);
    let meeting = find_meeting(&state, &code, locale).await?;
    let client = client.map_or_else(
        || ClientKey::of(std::net::IpAddr::from([0, 0, 0, 0])),
        |Extension(Client(key))| key,
    );
    // Open streams are capped per address and in all (`SAMRAAD_MAX_STREAMS*`).
    let slot = state
        .limiter
        .streams
        .acquire(client)
        .ok_or(MeetingApiError::Problem(RequestProblem::Busy, locale))?;
    let key = request::key(&headers, query.k.as_deref());
    let device = request::device_token(&headers, &meeting.code).map(str::to_owned);
    let role = role_of(&meeting, key.as_deref(), device.as_deref())
        .ok_or(MeetingApiError::Problem(RequestProblem::Forbidden, locale))?;
    let known_seq = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .or(query.seq);
    let feed = Feed {
        _slot: slot,
        events: state.hub.subscribe(&meeting),
        stopping: state.hub.stopping(),
        meeting,
        role,
        device,
        last_sent: None,
        known_seq,
        started: false,
    };
    let mut response = Sse::new(feed_stream(feed)).into_response();
    // Proxies must pass each event on at once.
    response
        .headers_mut()
        .insert("x-accel-buffering", HeaderValue::from_static("no"));
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

fn feed_stream(feed: Feed) -> impl Stream<Item = Result<SseEvent, Infallible>> {
    stream::unfold(feed, |mut feed| async move {
        if !feed.started {
            let first = feed.changed_view();
            feed.started = true;
            return Some((Ok(first.unwrap_or_else(ping)), feed));
        }
        loop {
            if *feed.stopping.borrow() {
                return None;
            }
            let received = tokio::select! {
                received = tokio::time::timeout(HEARTBEAT, feed.events.recv()) => received,
                _ = feed.stopping.changed() => return None,
            };
            match received {
                Err(_elapsed) => return Some((Ok(ping()), feed)),
                // Missed events need no replay: the next view is complete.
                Ok(Ok(_) | Err(RecvError::Lagged(_))) => {
                    if let Some(event) = feed.changed_view() {
                        return Some((Ok(event), feed));
                    }
                }
                Ok(Err(RecvError::Closed)) => return None,
            }
        }
    })
}
