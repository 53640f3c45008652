//! The team's data as one file, and back. `GET /team/eksport/team.json?k=…`: every meeting of
//! the team (`teams::archive::team_file`). `POST /team/import` (a file field `fil`, sent from
//! the start page `/ny`): the file becomes a new team, and the browser goes to its team page
//! with the new key; a file that cannot be used goes back to `/ny` with what was wrong
//! (`importfejl=…`), and nothing is stored.

use axum::{
    extract::{Multipart, Query, State},
    http::HeaderMap,
    response::Response,
};

use app::domain::{
    dates::Day,
    export::{
        file_name,
        json::{ImportError, TeamFile},
    },
};

use super::{
    exports::{HostKey, attachment},
    redirect, request,
};
use crate::{
    error::problem_response,
    meetings::hub::now_ms,
    state::AppState,
    teams::archive::{ArchiveError, import_team, team_file},
};
use app::live::messages::RequestProblem;

/// Largest file the import takes: a team with years of meetings fits many times over.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;

pub async fn download(
    State(state): State<AppState>,
    Query(key): Query<HostKey>,
    headers: HeaderMap,
) -> Response {
    let locale = request::locale(&headers);
    let key = key.k.unwrap_or_default();
    let path = "/team/eksport/team.json";
    let (space_id, team) = match super::team::team_of_key(&state.db, &key, locale, path).await {
        Ok(team) => team,
        Err(refused) => return refused,
    };
    match team_file(&state.db, &state.hub, &space_id, &team).await {
        Ok(file) => match serde_json::to_vec_pretty(&file) {
            Ok(body) => attachment(
                body,
                "application/json",
                &file_name(&team, Day::in_denmark(now_ms()), "team", "json"),
            ),
            Err(cause) => {
                tracing::error!(error = %cause, "a team file could not be written");
                problem_response(RequestProblem::Unavailable, locale, path)
            }
        },
        Err(cause) => {
            tracing::error!(error = %cause, "a team file could not be made");
            problem_response(RequestProblem::Unavailable, locale, path)
        }
    }
}

pub async fn import(State(state): State<AppState>, mut form: Multipart) -> Response {
    let back = |problem: &str| redirect::to(&format!("/ny?importfejl={problem}#import"));
    let mut bytes = None;
    loop {
        match form.next_field().await {
            Ok(Some(field)) if field.name() == Some("fil") => match field.bytes().await {
                Ok(read) => bytes = Some(read),
                Err(_) => return back("for-stor"),
            },
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(_) => return back("for-stor"),
        }
    }
    let Some(bytes) = bytes.filter(|b| !b.is_empty()) else {
        return back("ingen-fil");
    };
    let file = match TeamFile::parse(&bytes) {
        Ok(file) => file,
        Err(error) => return back(&refusal(error)),
    };
    match import_team(&state.db, &state.hub, &file).await {
        Ok((key, count)) => redirect::to(&format!("/team?k={key}&importeret={count}")),
        Err(ArchiveError::Refused(error)) => back(&refusal(error)),
        Err(ArchiveError::TeamName) => back("navn"),
        Err(cause) => {
            tracing::error!(error = %cause, "a team file could not be imported");
            back("fejl")
        }
    }
}

/// How a refused file is named in the start page's address (the page says it in words).
fn refusal(error: ImportError) -> String {
    match error {
        ImportError::NotOurs => "ikke-samraad".into(),
        ImportError::Newer(_) => "nyere".into(),
        ImportError::TooMuch => "for-stor".into(),
        ImportError::Invalid { meeting } => format!("moede-{meeting}"),
    }
}
