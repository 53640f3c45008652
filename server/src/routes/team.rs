//! The team page's routes that are not the page (the board's form, its files, the calendar,
//! retention, deletion). `POST /team/aftale`: the team board's one form. It changes an action's status, owner and
//! due date and records the change (`teams::board::edit_action`), then sends the browser back
//! to the board as it was filtered, at the action, with what happened in the address
//! (post → redirect → get; it works the same with and without the page's WebAssembly).

use std::collections::HashMap;

use axum::{
    Form,
    extract::{Path, Query, State},
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::Deserialize;

use app::{
    domain::{
        board::{BoardAction, BoardEdit, BoardFilter, EditError},
        dates::Day,
        export::ActionSheet,
        meeting::ids::ActionId,
        retention::AnswerDays,
    },
    i18n::Locale,
    live::{
        forms::query_value,
        messages::{RequestProblem, export_labels, pillar_name, request_problem_text, status_name},
    },
};

use super::{
    exports::{attachment, stamp_now},
    redirect, request,
};
use crate::{
    db::Db,
    error::problem_response,
    meetings::{hub::now_ms, secret, store},
    state::AppState,
    teams::{
        board::{EditOutcome, edit_action, team_board},
        calendar, retention,
    },
};

#[derive(Debug, Deserialize)]
pub struct EditForm {
    /// The team's key.
    #[serde(default)]
    k: String,
    /// The meeting's join code and the action's id.
    #[serde(default)]
    m: String,
    #[serde(default)]
    a: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    owner: String,
    #[serde(default)]
    due: String,
    /// The board's filter when the form was sent, to go back to it.
    #[serde(default)]
    vis_status: Option<String>,
    #[serde(default)]
    vis_soejle: Option<String>,
    #[serde(default)]
    vis_ansvarlig: Option<String>,
    #[serde(default)]
    vis_frist: Option<String>,
}

/// How a refused change is named in the board's address (`fejl=`); the page says it.
pub fn edit_error_code(error: EditError) -> &'static str {
    match error {
        EditError::Status => "status",
        EditError::Owner(_) => "ansvarlig",
        EditError::Due => "frist",
    }
}

pub async fn edit(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<EditForm>,
) -> Response {
    let locale = request::locale(&headers);
    let refuse = |problem| problem_response(problem, locale, "/team/aftale");
    let space = match store::space_by_key(&state.db, &secret::hash(&form.k)).await {
        Ok(Some((space_id, _))) => space_id,
        Ok(None) => return refuse(RequestProblem::Forbidden),
        Err(cause) => {
            tracing::error!(error = %cause, "a team could not be found");
            return refuse(RequestProblem::Unavailable);
        }
    };
    let Some(action) = ActionId::parse(&form.a) else {
        return refuse(RequestProblem::Malformed);
    };
    let filter = BoardFilter::from_query(|name| match name {
        "status" => form.vis_status.clone(),
        "soejle" => form.vis_soejle.clone(),
        "ansvarlig" => form.vis_ansvarlig.clone(),
        "frist" => form.vis_frist.clone(),
        _ => None,
    });
    let mut back = format!("/team?k={}", query_value(&form.k));
    for (name, value) in filter.to_query() {
        back.push_str(&format!("&{name}={}", query_value(&value)));
    }
    let outcome = match BoardEdit::parse(&form.status, &form.owner, &form.due) {
        Err(error) => Err(edit_error_code(error)),
        Ok(edit) => match edit_action(&state.db, &space, &form.m, action, &edit, now_ms()).await {
            Ok(EditOutcome::Changed | EditOutcome::Unchanged) => Ok(()),
            Ok(EditOutcome::NotFound) => Err("findes-ikke"),
            Err(cause) => {
                tracing::error!(error = %cause, "an action on the board could not be changed");
                return refuse(RequestProblem::Unavailable);
            }
        },
    };
    match outcome {
        Ok(()) => back.push_str(&format!("&gemt={action}#aftale-{action}")),
        Err(code) => back.push_str(&format!("&fejl={code}&aftale={action}#aftale-{action}")),
    }
    redirect::to(&back).into_response()
}

/// The team whose key this is: `Err` is the response that refuses.
pub(super) async fn team_of_key(
    db: &Db,
    key: &str,
    locale: Locale,
    path: &str,
) -> Result<(String, String), Response> {
    match store::space_by_key(db, &secret::hash(key)).await {
        Ok(Some(team)) => Ok(team),
        Ok(None) => Err(problem_response(RequestProblem::Forbidden, locale, path)),
        Err(cause) => {
            tracing::error!(error = %cause, "a team could not be found");
            Err(problem_response(RequestProblem::Unavailable, locale, path))
        }
    }
}

/// A plain-text refusal for a download (a spreadsheet or calendar program shows it as is).
fn refuse_file(problem: RequestProblem, locale: Locale) -> Response {
    let status = StatusCode::from_u16(problem.status()).unwrap_or(StatusCode::BAD_REQUEST);
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        request_problem_text(problem, locale),
    )
        .into_response()
}

/// The team's board as a sheet: the actions `keep` chooses, in the board's order.
async fn board_sheet(
    db: &Db,
    space_id: &str,
    team: &str,
    locale: Locale,
    keep: impl Fn(&[BoardAction], Day) -> Vec<&BoardAction>,
) -> Result<ActionSheet, RequestProblem> {
    let (_, actions) = team_board(db, space_id).await.map_err(|cause| {
        tracing::error!(error = %cause, "a team's board could not be read");
        RequestProblem::Unavailable
    })?;
    let today = Day::in_denmark(now_ms());
    Ok(ActionSheet::from_board(
        &keep(&actions, today),
        team,
        today,
        export_labels(locale),
        |pillar| pillar_name(pillar, locale).to_owned(),
        |status| status_name(status, locale).to_owned(),
    ))
}

/// `GET /team/eksport/aftaler.{xlsx,csv,ics}?k=…&<filter>`: the board as shown, as a file.
pub async fn board_file(
    State(state): State<AppState>,
    Path(file): Path<String>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let locale = request::locale(&headers);
    let key = query.get("k").cloned().unwrap_or_default();
    let (space_id, team) = match team_of_key(&state.db, &key, locale, "/team/eksport").await {
        Ok(team) => team,
        Err(_) => return refuse_file(RequestProblem::Forbidden, locale),
    };
    let filter = BoardFilter::from_query(|name| query.get(name).cloned());
    let sheet = match board_sheet(&state.db, &space_id, &team, locale, |actions, today| {
        filter.apply(actions, today)
    })
    .await
    {
        Ok(sheet) => sheet,
        Err(problem) => return refuse_file(problem, locale),
    };
    match file.as_str() {
        "aftaler.xlsx" => match crate::xlsx::board_workbook(&sheet) {
            Ok(bytes) => attachment(
                bytes,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                &sheet.file_name("aftaler", "xlsx"),
            ),
            Err(cause) => {
                tracing::error!(error = %cause, "a workbook could not be written");
                refuse_file(RequestProblem::Unavailable, locale)
            }
        },
        "aftaler.csv" => attachment(
            app::domain::export::csv::actions_csv(&sheet).into_bytes(),
            "text/csv; charset=utf-8",
            &sheet.file_name("aftaler", "csv"),
        ),
        "aftaler.ics" => attachment(
            app::domain::export::ics::actions_ics(&sheet, &stamp_now()).into_bytes(),
            "text/calendar; charset=utf-8",
            &sheet.file_name("aftaler", "ics"),
        ),
        _ => refuse_file(RequestProblem::UnknownMeeting, locale),
    }
}

#[derive(Debug, Deserialize)]
pub struct CalendarForm {
    #[serde(default)]
    k: String,
    /// `ny`: a new address (the old one stops working); `fra`: no address works.
    #[serde(default)]
    handling: String,
}

/// `POST /team/kalender`: a new calendar address for the team, or the calendar off.
pub async fn calendar_form(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<CalendarForm>,
) -> Response {
    let locale = request::locale(&headers);
    let (space_id, _) = match team_of_key(&state.db, &form.k, locale, "/team/kalender").await {
        Ok(team) => team,
        Err(refused) => return refused,
    };
    let done = match form.handling.as_str() {
        "ny" => calendar::renew(&state.db, &space_id, &form.k)
            .await
            .map(|_| "ny"),
        "fra" => calendar::stop(&state.db, &space_id).await.map(|()| "fra"),
        _ => return problem_response(RequestProblem::Malformed, locale, "/team/kalender"),
    };
    match done {
        Ok(done) => redirect::to(&format!(
            "/team?k={}&kalender={done}#kalender",
            query_value(&form.k)
        )),
        Err(cause) => {
            tracing::error!(error = %cause, "a team's calendar could not be changed");
            problem_response(RequestProblem::Unavailable, locale, "/team/kalender")
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct RetentionForm {
    #[serde(default)]
    k: String,
    /// Days after a meeting that its answers are kept (1–365).
    #[serde(default)]
    dage: String,
}

/// `POST /team/opbevaring`: how many days the team keeps answers after a meeting. Days that
/// are not 1–365 are refused on the page (`opbevaring=fejl`); nothing changes.
pub async fn retention_form(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<RetentionForm>,
) -> Response {
    let locale = request::locale(&headers);
    let (space_id, _) = match team_of_key(&state.db, &form.k, locale, "/team/opbevaring").await {
        Ok(team) => team,
        Err(refused) => return refused,
    };
    let back = |outcome: &str| {
        redirect::to(&format!(
            "/team?k={}&opbevaring={outcome}#opbevaring",
            query_value(&form.k)
        ))
    };
    let Some(days) = AnswerDays::parse(&form.dage) else {
        return back("fejl");
    };
    match retention::set_answer_days(&state.db, &space_id, days).await {
        Ok(()) => back("gemt"),
        Err(cause) => {
            tracing::error!(error = %cause, "a team's retention could not be changed");
            problem_response(RequestProblem::Unavailable, locale, "/team/opbevaring")
        }
    }
}

/// `GET /team/kalender/{calendar key}.ics`: the team's open and in-progress actions with a
/// due date, for a calendar program that subscribes. The address holds the calendar's own
/// key, never the team's; a new address or "off" makes it answer 404.
pub async fn calendar_feed(
    State(state): State<AppState>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Response {
    let locale = request::locale(&headers);
    let Some(key) = file.strip_suffix(".ics") else {
        return refuse_file(RequestProblem::UnknownMeeting, locale);
    };
    let (space_id, team) = match calendar::space_by_calendar_key(&state.db, key).await {
        Ok(Some(team)) => team,
        Ok(None) => return refuse_file(RequestProblem::UnknownMeeting, locale),
        Err(cause) => {
            tracing::error!(error = %cause, "a team's calendar could not be read");
            return refuse_file(RequestProblem::Unavailable, locale);
        }
    };
    let sheet = match board_sheet(&state.db, &space_id, &team, locale, |actions, _| {
        actions.iter().filter(|a| a.status.is_active()).collect()
    })
    .await
    {
        Ok(sheet) => sheet,
        Err(problem) => return refuse_file(problem, locale),
    };
    let mut body = app::domain::export::ics::actions_ics(&sheet, &stamp_now());
    // Calendar programs ask again by themselves; say how often is worth it (RFC 7986).
    body = body.replacen(
        "METHOD:PUBLISH\r\n",
        "METHOD:PUBLISH\r\nREFRESH-INTERVAL;VALUE=DURATION:PT6H\r\nX-PUBLISHED-TTL:PT6H\r\n",
        1,
    );
    (
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

#[derive(Debug, Deserialize)]
pub struct DeleteForm {
    #[serde(default)]
    k: String,
    /// `moede` (one meeting, `m` its join code) or `team`.
    #[serde(default)]
    hvad: String,
    #[serde(default)]
    m: String,
    /// The confirmation box: `ja` when ticked.
    #[serde(default)]
    bekraeft: String,
}

/// `POST /team/slet`: deletes a meeting of the team, or the whole team, once confirmed, and
/// says what was deleted.
pub async fn delete(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<DeleteForm>,
) -> Response {
    use crate::teams::delete::{delete_meeting, delete_team};

    let locale = request::locale(&headers);
    let (space_id, team) = match team_of_key(&state.db, &form.k, locale, "/team/slet").await {
        Ok(team) => team,
        Err(refused) => return refused,
    };
    let back = format!("/team?k={}", query_value(&form.k));
    if form.bekraeft != "ja" {
        return redirect::to(&format!("{back}&slet=ubekraeftet#slet"));
    }
    let unavailable = |cause: crate::db::DbError| {
        tracing::error!(error = %cause, "a deletion failed; nothing was deleted");
        problem_response(RequestProblem::Unavailable, locale, "/team/slet")
    };
    match form.hvad.as_str() {
        "moede" => match delete_meeting(&state.db, &space_id, &form.m).await {
            Ok(Some(deleted)) => {
                state.hub.forget(&form.m);
                tracing::info!(
                    answers = deleted.answers,
                    actions = deleted.actions,
                    "a meeting was deleted"
                );
                redirect::to(&format!(
                    "{back}&slettet=moede&svar={}&aftaler={}#moeder",
                    deleted.answers, deleted.actions
                ))
            }
            Ok(None) => problem_response(RequestProblem::UnknownMeeting, locale, "/team/slet"),
            Err(cause) => unavailable(cause),
        },
        "team" => {
            let codes = match crate::meetings::store::meetings_of_space(&state.db, &space_id).await
            {
                Ok(meetings) => meetings,
                Err(cause) => return unavailable(cause),
            };
            match delete_team(&state.db, &space_id).await {
                Ok(deleted) => {
                    for (code, _) in &codes {
                        state.hub.forget(code);
                    }
                    tracing::info!(meetings = deleted.meetings, "a team was deleted");
                    let text = app::live::messages::team_deleted_text(
                        &team,
                        deleted.meetings,
                        deleted.answers,
                        deleted.actions,
                        locale,
                    );
                    let mut response =
                        axum::response::Html(app::pages::server_error::problem_html(&text, locale))
                            .into_response();
                    response.headers_mut().insert(
                        header::CACHE_CONTROL,
                        axum::http::HeaderValue::from_static("no-store"),
                    );
                    response
                }
                Err(cause) => unavailable(cause),
            }
        }
        _ => problem_response(RequestProblem::Malformed, locale, "/team/slet"),
    }
}
