//! The same commands as plain HTML forms, for a phone whose WebAssembly has not loaded (or
//! never will), and the forms that start a meeting and find one by its code. Each answers
//! with a redirect to the page that shows the new state (post → redirect → get), carrying a
//! refusal and what was typed in the query so nothing is lost.

use axum::{
    Extension, Form,
    extract::{Path, Query, State},
    http::{HeaderMap, HeaderValue, header},
    response::{IntoResponse, Response},
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
            follow_up::RoomAnswer,
            ids::{AnswerId, ClusterId, CommandId},
            state::MeetingSetup,
            text::{MeetingTitle, QuestionText, SpaceName},
            together::TogetherCode,
        },
    },
    live::{
        forms::{StartProblem, query_value},
        messages::RequestProblem,
    },
};

use super::{meeting_api::find_meeting, redirect, request};
use crate::{
    error::problem_response,
    meetings::{
        drafts,
        hub::{ExecuteError, LiveMeeting, Role, SpaceChoice, StartError},
        secret,
    },
    security::client::Client,
    state::AppState,
};

#[derive(Debug, Deserialize)]
pub struct CodeQuery {
    #[serde(default)]
    kode: String,
}

/// `GET /deltag?kode=…`: the home page's join form. A well-formed code goes to its meeting
/// page (which says if there is none); a malformed one back to the form with the problem.
pub async fn find_by_code(Query(query): Query<CodeQuery>) -> Response {
    match JoinCode::parse(&query.kode) {
        Ok(code) => redirect::to(&format!("/m/{code}")),
        Err(_) => redirect::to(&format!("/?kode={}#join", query_value(&query.kode))),
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
    /// In a follow-up step: which action (with `svar`: done, not_yet or drop).
    #[serde(default)]
    punkt: Option<String>,
    /// A café table's number: joining from its table card makes the device the table's own.
    #[serde(default)]
    bord: Option<String>,
    /// In the café's harvest: the heading of the harvest form an answer goes under.
    #[serde(default)]
    overskrift: Option<String>,
    /// In the café: the code of the group to sit together with (empty: start a group).
    #[serde(default)]
    kode: Option<String>,
}

/// `POST /m/{code}/handling`
pub async fn phone_action(
    State(state): State<AppState>,
    Path(code): Path<String>,
    client: Option<Extension<Client>>,
    headers: HeaderMap,
    Form(form): Form<PhoneForm>,
) -> Response {
    let locale = request::locale(&headers);
    // An unknown code is a 404 here as on every path (the join-code guard counts it).
    let meeting = match find_meeting(&state, &code, locale).await {
        Ok(meeting) => meeting,
        Err(error) => return error.into_response(),
    };
    let page = format!("/m/{}", meeting.code);
    let lang = Lang::from_code(locale.as_ref());
    let command_id = CommandId::parse(&form.id).unwrap_or_default();
    let device = request::device_token(&headers, &meeting.code);
    let typed = form.tekst.clone().unwrap_or_default();
    let refused = |error: CommandError, anchor: &str| {
        let json = serde_json::to_string(&error).unwrap_or_default();
        let mut target = format!("{page}?fejl={}", query_value(&json));
        // What was typed is kept on the server, never put in the address.
        if !typed.trim().is_empty()
            && let Some(id) = state.kept_texts.keep(&typed, std::time::Instant::now())
        {
            target.push_str(&format!("&utkast={id}"));
        }
        target.push_str(anchor);
        redirect::to(&target)
    };
    if form.handling == "deltag" {
        if !joins_allowed(&state, &meeting, device, client) {
            return problem_response(RequestProblem::RateLimited, locale, &page);
        }
        return match state
            .hub
            .join(&meeting, command_id, device, form.navn)
            .await
        {
            Ok(joined) => {
                let table = form.bord.as_deref().and_then(|n| n.trim().parse().ok());
                let mut response = match table {
                    None => redirect::to(&page),
                    Some(table) => {
                        // The join is stored; the device then becomes the table's own (a
                        // second command, so a refusal is said on the page like any other).
                        let envelope = Envelope {
                            id: CommandId::new(),
                            command: Command::TableDevice { table },
                        };
                        match state
                            .hub
                            .execute(&meeting, Actor::Participant(joined.participant), &envelope)
                            .await
                        {
                            Ok(_) => redirect::to(&format!("{page}#bord")),
                            Err(ExecuteError::Refused(error)) => refused(error, "#bordenhed"),
                            Err(ExecuteError::Database(cause)) => unavailable(&page, cause),
                        }
                    }
                };
                if let Some(token) = joined.new_token
                    && let Ok(cookie) = HeaderValue::from_str(&request::device_cookie(
                        &meeting.code,
                        &token,
                        state.secure_cookies(),
                    ))
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
            // Out of range is refused by the rules (no such heading), not by the parser.
            heading: form
                .overskrift
                .as_deref()
                .map(|n| n.trim().parse().unwrap_or(u8::MAX)),
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
        "opfoelgning" => match (
            form.punkt.as_deref().and_then(|n| n.trim().parse().ok()),
            form.svar.as_deref().and_then(RoomAnswer::parse),
        ) {
            (Some(item), Some(answer)) => Command::AnswerFollowUp { item, answer },
            _ => return refused(CommandError::UnknownFollowUp, "#opfoelgning"),
        },
        // A café: offer to host a table (`svar=ja`) or take the offer back.
        "bordvaert" => Command::Volunteer {
            willing: form.svar.as_deref() == Some("ja"),
            name: form.navn.clone().unwrap_or_default(),
        },
        // A café: sit together with a group (`kode`: its code; none: start a group), or not.
        "sammen" => Command::SitTogether {
            code: form
                .kode
                .as_deref()
                .filter(|typed| !typed.trim().is_empty())
                .map(TogetherCode::from_typed),
        },
        "alene" => Command::LeaveTogether,
        "bordenhed" => match form.bord.as_deref().and_then(|n| n.trim().parse().ok()) {
            Some(table) => Command::TableDevice { table },
            None => return refused(CommandError::NoSuchTable { table: 0 }, "#bordenhed"),
        },
        _ => return refused(CommandError::UnknownTarget, ""),
    };
    let anchor = match form.handling.as_str() {
        "prikker" => "#stem",
        "opfoelgning" => "#opfoelgning",
        "bordvaert" => "#bordvaert",
        "sammen" | "alene" => "#sammen",
        "bordenhed" => "#bord",
        _ => "#svar",
    };
    let envelope = Envelope {
        id: command_id,
        command,
    };
    match state
        .hub
        .execute(&meeting, Actor::Participant(participant), &envelope)
        .await
    {
        Ok(_) => redirect::to(&format!("{page}{anchor}")),
        Err(ExecuteError::Refused(error)) => refused(error, anchor),
        Err(ExecuteError::Database(cause)) => unavailable(&page, cause),
    }
}

/// Whether a join may make a new participant now: a phone already in the meeting always
/// may; new ones from one address are limited (`SAMRAAD_JOINS_PER_MINUTE`).
pub fn joins_allowed(
    state: &AppState,
    meeting: &LiveMeeting,
    device: Option<&str>,
    client: Option<Extension<Client>>,
) -> bool {
    let known = device.is_some_and(|token| meeting.participant_for_device(token).is_some());
    let Some(Extension(Client(client))) = client else {
        return true;
    };
    known || state.limiter.joins.allow(client, std::time::Instant::now())
}

fn unavailable(page: &str, cause: String) -> Response {
    tracing::error!(error = %cause, "a form command could not be stored");
    redirect::to(&format!("{page}?fejl=utilgaengelig"))
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
    /// Ticked: in an existing team, begin with a follow-up of its open actions.
    #[serde(default)]
    opfoelgning: Option<String>,
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
pub async fn start_meeting(
    State(state): State<AppState>,
    client: Option<Extension<Client>>,
    headers: HeaderMap,
    Form(form): Form<StartForm>,
) -> Response {
    if let Some(Extension(Client(client))) = client
        && !state
            .limiter
            .starts
            .allow(client, std::time::Instant::now())
    {
        let locale = request::locale(&headers);
        return problem_response(RequestProblem::RateLimited, locale, "/ny");
    }
    let draft_id = form.dagsorden.clone().filter(|id| !id.trim().is_empty());
    let back = |problem: StartProblem| {
        // Back to the page the form was on: the composer or `/ny`. What was typed is kept on
        // the server (`kept_text`), never put in the address.
        let mut target = match &draft_id {
            Some(id) => format!(
                "/ny/dagsorden/{}?startfejl={}",
                query_value(id),
                problem.as_str(),
            ),
            None => format!(
                "/ny?fejl={}&skabelon={}",
                problem.as_str(),
                query_value(&form.skabelon),
            ),
        };
        let typed = [
            ("team", form.team.as_str()),
            ("titel", form.titel.as_str()),
            ("spoergsmaal", form.spoergsmaal.as_str()),
        ];
        if let Some(kept) = state.kept_texts.keep_fields(&typed) {
            target.push('&');
            target.push_str(&kept);
        }
        if let Some(key) = form.k.as_deref().filter(|k| !k.is_empty()) {
            target.push_str(&format!("&k={}", query_value(key)));
        }
        redirect::to(&target)
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
    let agenda = match (&existing_key, form.opfoelgning.is_some()) {
        (Some(key), true) => {
            match crate::teams::follow_up::with_follow_up(&state.db, key, agenda).await {
                Ok(agenda) => agenda,
                Err(cause) => {
                    tracing::error!(error = %cause, "a team's open actions could not be read");
                    return back(StartProblem::Unavailable);
                }
            }
        }
        _ => agenda,
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
            redirect::to(&format!(
                "/m/{}/styring?k={}{new}",
                started.code,
                query_value(&host_key)
            ))
        }
        Err(StartError::UnknownSpace) => back(StartProblem::UnknownTeam),
        Err(error) => {
            tracing::error!(%error, "a meeting could not be started");
            back(StartProblem::Unavailable)
        }
    }
}
