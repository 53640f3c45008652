//! The live meeting's HTTP surface for scripts and the hydrated pages:
//! `POST /api/m/{code}/commands` (one command, JSON, idempotent by its id) and
//! `GET /api/m/{code}/events` (Server-Sent Events: the caller's view, then every change).
//! See docs/protocol.md.

use std::sync::Arc;

use axum::{
    Extension, Json,
    body::Bytes,
    extract::{Path, Query, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response, sse::Sse},
};
use serde::{Deserialize, Serialize};

use app::{
    domain::{
        join_code::JoinCode,
        meeting::command::{Actor, Command, CommandError, Envelope},
    },
    i18n::Locale,
    live::messages::{RequestProblem, command_error_text, request_problem_text},
};

use super::{
    feed::{self, Feed},
    request,
};
use crate::{
    meetings::hub::{ExecuteError, LiveMeeting, Role},
    security::client::{Client, ClientKey},
    state::AppState,
};

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
                | CommandError::AlreadyVoted
                | CommandError::CafeStarted
                | CommandError::HarvestStarted
                | CommandError::DuplicateId,
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
        let joined = state
            .hub
            .join(&meeting, envelope.id, device, name.clone())
            .await
            .map_err(|e| MeetingApiError::from_execute(e, locale))?;
        let mut response = Json(Accepted { seq: joined.seq }).into_response();
        if let Some(token) = joined.new_token
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
        .execute(&meeting, actor, &envelope)
        .await
        .map_err(|e| MeetingApiError::from_execute(e, locale))?;
    Ok(Json(Accepted { seq }).into_response())
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
        slot,
        changes: meeting.changes(),
        stopping: state.hub.stopping(),
        meeting,
        role,
        device,
        known_seq,
        fanout: state.hub.fanout(),
    };
    let mut response = Sse::new(feed::events(feed)).into_response();
    // Proxies must pass each event on at once.
    response
        .headers_mut()
        .insert("x-accel-buffering", HeaderValue::from_static("no"));
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}
