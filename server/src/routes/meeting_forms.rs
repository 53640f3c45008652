//! The same commands as plain HTML forms, for a phone whose WebAssembly has not loaded (or
//! never will), and the forms that start a meeting and find one by its code. Each answers
//! with a redirect to the page that shows the new state (post → redirect → get), carrying a
//! refusal and what was typed in the query so nothing is lost.

use axum::{
    Form,
    extract::{Path, Query, State},
    http::{HeaderMap, HeaderValue, header},
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use app::{
    content::{self, Library},
    domain::{
        join_code::JoinCode,
        meeting::{
            agenda::MAX_STEPS,
            command::{Actor, Command, CommandError, Envelope, Lang, Target},
            draft::AgendaDraft,
            ids::{AnswerId, ClusterId, CommandId},
            state::MeetingSetup,
            text::{MeetingTitle, QuestionText, SpaceName},
        },
    },
    i18n::Locale,
    live::forms::{StartProblem, query_value},
};

use super::{meeting_api::find_meeting, request};
use crate::{
    meetings::{
        drafts,
        hub::{ExecuteError, Role, SpaceChoice, StartError},
        secret,
    },
    state::AppState,
};

#[derive(Debug, Deserialize)]
pub struct CodeQuery {
    #[serde(default)]
    kode: String,
}

/// `GET /deltag?kode=…`: the home page's join form. A well-formed code goes to its meeting
/// page (which says if there is none); a malformed one back to the form with the problem.
pub async fn find_by_code(Query(query): Query<CodeQuery>) -> Redirect {
    match JoinCode::parse(&query.kode) {
        Ok(code) => Redirect::to(&format!("/m/{code}")),
        Err(_) => Redirect::to(&format!("/?kode={}#join", query_value(&query.kode))),
    }
}

/// What a phone's form sends. `handling` says which command; the rest are its fields.
#[derive(Debug, Deserialize)]
pub struct PhoneForm {
    // Every field is optional text: a tampered or truncated form is answered with a message on
    // the page, never with a bare 422 from the extractor.
    #[serde(default)]
    handling: String,
    /// The command id, made when the page was rendered: sending the form twice (a double
    /// tap, the back button) applies it once.
    #[serde(default)]
    id: String,
    #[serde(default)]
    navn: Option<String>,
    #[serde(default)]
    tekst: Option<String>,
    #[serde(default)]
    svar: Option<String>,
    #[serde(default)]
    maal: Option<String>,
    #[serde(default)]
    prikker: Option<String>,
}

/// `POST /m/{code}/handling`
pub async fn phone_action(
    State(state): State<AppState>,
    Path(code): Path<String>,
    headers: HeaderMap,
    Form(form): Form<PhoneForm>,
) -> Response {
    let locale = request::locale(&headers);
    let Ok(meeting) = find_meeting(&state, &code, locale).await else {
        return Redirect::to(&format!("/m/{}", query_value(&code))).into_response();
    };
    let page = format!("/m/{}", meeting.code);
    let lang = if locale == Locale::en {
        Lang::En
    } else {
        Lang::Da
    };
    let command_id = CommandId::parse(&form.id).unwrap_or_default();
    let device = request::cookie(&headers, request::DEVICE_COOKIE);
    let typed = form.tekst.clone().unwrap_or_default();
    let refused = |error: CommandError, anchor: &str| {
        let json = serde_json::to_string(&error).unwrap_or_default();
        let mut target = format!("{page}?fejl={}", query_value(&json));
        if !typed.trim().is_empty() {
            target.push_str(&format!("&tekst={}", query_value(&typed)));
        }
        target.push_str(anchor);
        Redirect::to(&target).into_response()
    };
    if form.handling == "deltag" {
        return match state
            .hub
            .join(&meeting, command_id, device, form.navn)
            .await
        {
            Ok((_, new_token)) => {
                let mut response = Redirect::to(&page).into_response();
                if let Some(token) = new_token
                    && let Ok(cookie) = HeaderValue::from_str(&request::device_cookie(&token))
                {
                    response.headers_mut().insert(header::SET_COOKIE, cookie);
                }
                response
            }
            Err(ExecuteError::Refused(error)) => refused(error, "#deltag"),
            Err(ExecuteError::Database(cause)) => unavailable(&page, cause),
        };
    }
    let participant = match super::meeting_api::role_of(&meeting, None, device) {
        Some(Role::Participant(Some(id))) => id,
        _ => return refused(CommandError::NotJoined, "#deltag"),
    };
    let command = match form.handling.as_str() {
        "svar" => Command::SubmitAnswer {
            answer: form
                .svar
                .as_deref()
                .and_then(AnswerId::parse)
                .unwrap_or_default(),
            text: typed.clone(),
            lang,
        },
        "fortryd" => match form.svar.as_deref().and_then(AnswerId::parse) {
            Some(answer) => Command::WithdrawAnswer { answer },
            None => return refused(CommandError::UnknownAnswer, "#svar"),
        },
        "prikker" => match form.maal.as_deref().and_then(parse_target) {
            Some(target) => Command::SetDots {
                target,
                // Out of range is refused by the rules (over the cap), not by the parser.
                dots: form
                    .prikker
                    .as_deref()
                    .and_then(|n| n.trim().parse().ok())
                    .unwrap_or(u8::MAX),
            },
            None => return refused(CommandError::UnknownTarget, "#stem"),
        },
        _ => return refused(CommandError::UnknownTarget, ""),
    };
    let anchor = if form.handling == "prikker" {
        "#stem"
    } else {
        "#svar"
    };
    let envelope = Envelope {
        id: command_id,
        command,
    };
    match state
        .hub
        .execute(&meeting, Actor::Participant(participant), &envelope, None)
        .await
    {
        Ok(_) => Redirect::to(&format!("{page}{anchor}")).into_response(),
        Err(ExecuteError::Refused(error)) => refused(error, anchor),
        Err(ExecuteError::Database(cause)) => unavailable(&page, cause),
    }
}

fn unavailable(page: &str, cause: crate::db::DbError) -> Response {
    tracing::error!(error = %cause, "a form command could not be stored");
    Redirect::to(&format!("{page}?fejl=utilgaengelig")).into_response()
}

/// `a:<uuid>` is an answer, `c:<uuid>` a group (the forms' way of naming a [`Target`]).
fn parse_target(text: &str) -> Option<Target> {
    match text.split_once(':')? {
        ("a", id) => AnswerId::parse(id).map(Target::Answer),
        ("c", id) => ClusterId::parse(id).map(Target::Cluster),
        _ => None,
    }
}

/// What the start form sends (also to `/ny/dagsorden`, to adapt the choice first).
#[derive(Debug, Deserialize)]
pub struct StartForm {
    #[serde(default)]
    pub(super) team: String,
    #[serde(default)]
    pub(super) titel: String,
    #[serde(default)]
    pub(super) skabelon: String,
    #[serde(default)]
    pub(super) spoergsmaal: String,
    #[serde(default)]
    navne: Option<String>,
    /// The team's key, when the meeting is started from an existing team.
    #[serde(default)]
    pub(super) k: Option<String>,
    /// A composed agenda's link id, when the meeting starts with it.
    #[serde(default)]
    dagsorden: Option<String>,
}

impl StartForm {
    /// The agenda the form chose, as a draft: a template's steps, or the typed questions
    /// (one per line; none gives an empty draft).
    pub(super) fn chosen_draft(&self, library: &Library) -> Result<AgendaDraft, StartProblem> {
        if self.skabelon.is_empty() || self.skabelon == "egne" {
            let questions = self
                .spoergsmaal
                .lines()
                .filter(|line| !line.trim().is_empty())
                .map(QuestionText::parse)
                .collect::<Result<Vec<_>, _>>()
                .map_err(|_| StartProblem::Questions)?;
            if questions.len() > MAX_STEPS {
                return Err(StartProblem::Questions);
            }
            return Ok(AgendaDraft::from_typed(questions));
        }
        let template = library
            .templates
            .iter()
            .find(|t| t.template.id == self.skabelon)
            .ok_or(StartProblem::Template)?;
        AgendaDraft::from_template(library, template).map_err(|_| StartProblem::Template)
    }
}

/// `POST /ny`: starts a meeting and sends the leader to its console, where the keys are
/// shown once.
pub async fn start_meeting(State(state): State<AppState>, Form(form): Form<StartForm>) -> Response {
    let draft_id = form.dagsorden.clone().filter(|id| !id.trim().is_empty());
    let back = |problem: StartProblem| {
        // Back to the page the form was on: the composer or `/ny`.
        let mut target = match &draft_id {
            Some(id) => format!(
                "/ny/dagsorden/{}?startfejl={}&team={}&titel={}",
                query_value(id),
                problem.as_str(),
                query_value(&form.team),
                query_value(&form.titel),
            ),
            None => format!(
                "/ny?fejl={}&team={}&titel={}&skabelon={}&spoergsmaal={}",
                problem.as_str(),
                query_value(&form.team),
                query_value(&form.titel),
                query_value(&form.skabelon),
                query_value(&form.spoergsmaal),
            ),
        };
        if let Some(key) = form.k.as_deref().filter(|k| !k.is_empty()) {
            target.push_str(&format!("&k={}", query_value(key)));
        }
        Redirect::to(&target).into_response()
    };
    let existing_key = form.k.clone().filter(|k| !k.trim().is_empty());
    let space = match &existing_key {
        Some(key) => SpaceChoice::Existing { key: key.clone() },
        None => match SpaceName::parse(&form.team) {
            Ok(name) => SpaceChoice::New {
                name: name.to_string(),
            },
            Err(_) => return back(StartProblem::TeamName),
        },
    };
    let Ok(title) = MeetingTitle::parse(&form.titel) else {
        return back(StartProblem::Title);
    };
    let Ok(library) = content::library() else {
        return back(StartProblem::Template);
    };
    let draft = match &draft_id {
        Some(id) => match drafts::load(&state.db, id).await {
            Ok(Some(draft)) => draft,
            Ok(None) => return back(StartProblem::UnknownDraft),
            Err(cause) => {
                tracing::error!(error = %cause, "an agenda draft could not be loaded");
                return back(StartProblem::Unavailable);
            }
        },
        None => match form.chosen_draft(library) {
            Ok(draft) => draft,
            Err(problem) => return back(problem),
        },
    };
    let Ok(agenda) = draft.to_agenda() else {
        return back(if draft_id.is_some() {
            StartProblem::EmptyAgenda
        } else {
            StartProblem::Questions
        });
    };
    let Ok(shuffle_seed) = secret::random_u64() else {
        return back(StartProblem::Unavailable);
    };
    let setup = MeetingSetup {
        title,
        agenda,
        names_allowed: form.navne.is_some(),
        vote_rules: draft.vote_rules,
        shuffle_seed,
    };
    match state.hub.start_meeting(space, setup).await {
        Ok(started) => {
            // The team's key is the host's key: the new one is shown once on the console;
            // an existing team's leader already holds it.
            let host_key = started
                .new_host_key
                .clone()
                .or(existing_key)
                .unwrap_or_default();
            let new = if started.new_host_key.is_some() {
                "&ny=1"
            } else {
                ""
            };
            Redirect::to(&format!("/m/{}/styring?k={host_key}{new}", started.code)).into_response()
        }
        Err(StartError::UnknownSpace) => back(StartProblem::UnknownTeam),
        Err(error) => {
            tracing::error!(%error, "a meeting could not be started");
            back(StartProblem::Unavailable)
        }
    }
}
