//! `GET /m/{code}/eksport/<file>?k=…`, for the host (the team's key): the meeting's agreed
//! actions as `aftaler.xlsx` (with what the room said), `aftaler.csv` and `aftaler.ics`; the
//! whole record as text, `referat.md`; the meeting as a team file with one meeting,
//! `moede.json` (`teams/archive.rs`). What goes into them is in `app::domain::export` and
//! `crate::xlsx`; here the meeting is found, the key checked and the file sent.

use axum::{
    extract::{Path, Query, State},
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::Deserialize;

use app::{
    domain::{
        board::ActionStatus,
        dates::Day,
        export::{
            ActionSheet,
            json::{MeetingFile, TeamFile},
        },
    },
    live::messages::{RequestProblem, export_labels, pillar_name, request_problem_text},
};

use super::{meeting_api::find_meeting, request};
use crate::{meetings::hub::Role, state::AppState};

#[derive(Debug, Deserialize)]
pub struct HostKey {
    pub k: Option<String>,
}

pub async fn actions_file(
    State(state): State<AppState>,
    Path((code, file)): Path<(String, String)>,
    Query(key): Query<HostKey>,
    headers: HeaderMap,
) -> Response {
    let locale = request::locale(&headers);
    let refuse = |problem: RequestProblem| {
        let status = StatusCode::from_u16(problem.status()).unwrap_or(StatusCode::BAD_REQUEST);
        (
            status,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            request_problem_text(problem, locale),
        )
            .into_response()
    };
    let kind = match file.as_str() {
        "aftaler.csv" => FileKind::Csv,
        "aftaler.ics" => FileKind::Calendar,
        "aftaler.xlsx" => FileKind::Workbook,
        "referat.md" => FileKind::Minutes,
        "moede.json" => FileKind::Json,
        _ => return refuse(RequestProblem::UnknownMeeting),
    };
    let meeting = match find_meeting(&state, &code, locale).await {
        Ok(meeting) => meeting,
        Err(_) => return refuse(RequestProblem::UnknownMeeting),
    };
    if key.k.as_deref().and_then(|k| meeting.role_for_key(k)) != Some(Role::Host) {
        return refuse(RequestProblem::Forbidden);
    }
    let summary = meeting.read(|m| m.summary_view(meeting.code.as_str()));
    let sheet = ActionSheet::from_summary(
        &summary,
        &meeting.space_name,
        crate::meetings::store::held(&meeting.meeting_id),
        export_labels(locale),
        |pillar| pillar_name(pillar, locale).to_owned(),
    );
    let (body, content_type, name) = match kind {
        FileKind::Workbook => match crate::xlsx::meeting_workbook(&sheet, &summary) {
            Ok(bytes) => (
                bytes,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                sheet.file_name("aftaler", "xlsx"),
            ),
            Err(cause) => {
                tracing::error!(error = %cause, "a workbook could not be written");
                return refuse(RequestProblem::Unavailable);
            }
        },
        FileKind::Csv => (
            app::domain::export::csv::actions_csv(&sheet).into_bytes(),
            "text/csv; charset=utf-8",
            sheet.file_name("aftaler", "csv"),
        ),
        FileKind::Calendar => (
            app::domain::export::ics::actions_ics(&sheet, &stamp_now()).into_bytes(),
            "text/calendar; charset=utf-8",
            sheet.file_name("aftaler", "ics"),
        ),
        FileKind::Minutes => {
            let participants = meeting.read(|state| state.participants.len());
            (
                app::domain::export::minutes::minutes_text(&sheet, &summary, participants)
                    .into_bytes(),
                "text/markdown; charset=utf-8",
                sheet.file_name("referat", "md"),
            )
        }
        FileKind::Json => {
            let statuses = match crate::teams::board::statuses_of_meeting(
                &state.db,
                &meeting.meeting_id,
            )
            .await
            {
                Ok(statuses) => statuses,
                Err(cause) => {
                    tracing::error!(error = %cause, "a meeting's statuses could not be read");
                    return refuse(RequestProblem::Unavailable);
                }
            };
            let held = crate::meetings::store::held(&meeting.meeting_id);
            let file = meeting.read(|state| {
                MeetingFile::export(state, held, |action| {
                    statuses.get(&action).copied().unwrap_or(ActionStatus::Open)
                })
            });
            match serde_json::to_vec_pretty(&TeamFile::new(&meeting.space_name, vec![file])) {
                Ok(body) => (body, "application/json", sheet.file_name("moede", "json")),
                Err(cause) => {
                    tracing::error!(error = %cause, "a meeting file could not be written");
                    return refuse(RequestProblem::Unavailable);
                }
            }
        }
    };
    attachment(body, content_type, &name)
}

/// A download: the file's bytes, what it is, and the name it is saved under.
pub(crate) fn attachment(body: Vec<u8>, content_type: &str, name: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        body,
    )
        .into_response()
}

enum FileKind {
    Csv,
    Calendar,
    Workbook,
    Minutes,
    Json,
}

/// Now, as a calendar file's DTSTAMP (`yyyymmddThhmmssZ`, UTC).
pub(crate) fn stamp_now() -> String {
    let ms = crate::meetings::hub::now_ms();
    let day = Day::from_days(ms.div_euclid(86_400_000));
    let seconds = ms.rem_euclid(86_400_000) / 1000;
    format!(
        "{}T{:02}{:02}{:02}Z",
        day.basic(),
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60
    )
}
