//! The server's side of the pages' seam (`app::live::backend`): each page's first state,
//! built from the hub, with the links and the QR code only the server can make.

use std::sync::Arc;

use app::{
    domain::meeting::{command::CommandError, ids::CommandId},
    live::{
        backend::{Backend, BoxFuture, MeetingBackend},
        data::{
            ConsolePage, DraftPage, PhonePage, RecordPage, ScreenPage, SummaryPage, TableCard,
            TableCardsPage, TeamPage,
        },
        messages::{RequestProblem, command_error_text, request_problem_text},
    },
};
use axum::http::HeaderMap;

use crate::{
    meetings::{
        drafts,
        hub::{LiveMeeting, Role},
        secret, store,
    },
    routes::{meeting_api::role_of, request},
    state::AppState,
};

/// Cards printed before anyone has joined: enough for a class's parents (5 tables of 5).
const DEFAULT_CARD_PEOPLE: usize = 25;

/// Forms on a phone page; each gets its own command id.
const PHONE_FORMS: usize = 27;

pub fn backend(state: &AppState) -> Backend {
    Backend(Arc::new(PagesBackend {
        state: state.clone(),
    }))
}

struct PagesBackend {
    state: AppState,
}

impl PagesBackend {
    async fn meeting(&self, code: &str) -> Result<Arc<LiveMeeting>, RequestProblem> {
        let code = app::domain::join_code::JoinCode::parse(code)
            .map_err(|_| RequestProblem::UnknownMeeting)?;
        match self.state.hub.meeting(&code).await {
            Ok(Some(meeting)) => Ok(meeting),
            Ok(None) => Err(RequestProblem::UnknownMeeting),
            Err(cause) => {
                tracing::error!(error = %cause, "a meeting could not be loaded");
                Err(RequestProblem::Unavailable)
            }
        }
    }

    fn join_url(&self, meeting: &LiveMeeting) -> String {
        format!(
            "{}/m/{}",
            self.state.public_url.trim_end_matches('/'),
            meeting.code
        )
    }

    async fn host_meeting(
        &self,
        code: &str,
        key: &str,
    ) -> Result<Arc<LiveMeeting>, RequestProblem> {
        let meeting = self.meeting(code).await?;
        match meeting.role_for_key(key) {
            Some(Role::Host) => Ok(meeting),
            _ => Err(RequestProblem::Forbidden),
        }
    }
}

/// The join address as people type it: no scheme.
fn without_scheme(url: &str) -> String {
    url.trim_start_matches("https://")
        .trim_start_matches("http://")
        .to_owned()
}

fn qr_svg(url: &str) -> String {
    match qrcode::QrCode::with_error_correction_level(url.as_bytes(), qrcode::EcLevel::M) {
        Ok(code) => code
            .render::<qrcode::render::svg::Color>()
            .min_dimensions(240, 240)
            .quiet_zone(true)
            .dark_color(qrcode::render::svg::Color("#111111"))
            .light_color(qrcode::render::svg::Color("#ffffff"))
            .build(),
        // A URL of a few dozen characters always fits; if not, the code is still shown.
        Err(error) => {
            tracing::error!(%error, "no QR code for {url}");
            String::new()
        }
    }
}

/// What a refused plain form left in the phone page's address (`meeting_forms.rs`).
#[derive(Debug, Default, PartialEq, Eq, serde::Deserialize)]
struct ReturnedForm {
    #[serde(rename = "fejl")]
    refusal: Option<String>,
    #[serde(rename = "utkast")]
    kept: Option<String>,
}

impl ReturnedForm {
    fn parse(query: Option<&str>) -> Self {
        query
            .and_then(|query| serde_urlencoded::from_str(query).ok())
            .unwrap_or_default()
    }
}

/// The refusal said in the person's language; one the server cannot read (an address typed
/// or cut short) reads as the meeting being out of reach for a moment.
fn refusal_text(raw: &str, locale: app::i18n::Locale) -> String {
    match serde_json::from_str::<CommandError>(raw) {
        Ok(error) => command_error_text(&error, locale),
        Err(_) => request_problem_text(RequestProblem::Unavailable, locale),
    }
}

impl MeetingBackend for PagesBackend {
    fn phone_page(
        &self,
        code: String,
        headers: HeaderMap,
        query: Option<String>,
    ) -> BoxFuture<Result<PhonePage, RequestProblem>> {
        let this = PagesBackend {
            state: self.state.clone(),
        };
        Box::pin(async move {
            let meeting = this.meeting(&code).await?;
            let device = request::device_token(&headers, &meeting.code);
            let me = match role_of(&meeting, None, device) {
                Some(Role::Participant(me)) => me,
                _ => None,
            };
            let view = meeting.read(|state| state.participant_view(meeting.code.as_str(), me));
            let returned = ReturnedForm::parse(query.as_deref());
            Ok(PhonePage {
                view,
                form_ids: (0..PHONE_FORMS)
                    .map(|_| CommandId::new().to_string())
                    .collect(),
                returned_text: returned
                    .kept
                    .and_then(|id| this.state.kept_texts.take(&id, std::time::Instant::now())),
                refusal: returned
                    .refusal
                    .map(|raw| refusal_text(&raw, request::locale(&headers))),
            })
        })
    }

    fn screen_page(
        &self,
        code: String,
        key: String,
    ) -> BoxFuture<Result<ScreenPage, RequestProblem>> {
        let this = PagesBackend {
            state: self.state.clone(),
        };
        Box::pin(async move {
            let meeting = this.meeting(&code).await?;
            let role = meeting
                .role_for_key(&key)
                .ok_or(RequestProblem::Forbidden)?;
            let url = this.join_url(&meeting);
            Ok(ScreenPage {
                view: meeting.read(|state| state.screen_view(meeting.code.as_str())),
                join_address: without_scheme(&url),
                qr_svg: qr_svg(&url),
                can_control: role == Role::Host,
            })
        })
    }

    fn console_page(
        &self,
        code: String,
        key: String,
    ) -> BoxFuture<Result<ConsolePage, RequestProblem>> {
        let this = PagesBackend {
            state: self.state.clone(),
        };
        Box::pin(async move {
            let meeting = this.host_meeting(&code, &key).await?;
            let base = this.state.public_url.trim_end_matches('/').to_owned();
            let screen_key = meeting.screen_key(&key).ok_or(RequestProblem::Forbidden)?;
            let team_meetings = store::meetings_of_space(this.state.hub.db(), &meeting.space_id)
                .await
                .map_err(|cause| {
                    tracing::error!(error = %cause, "the team's meetings could not be read");
                    RequestProblem::Unavailable
                })?;
            Ok(ConsolePage {
                view: meeting.read(|state| state.console_view(meeting.code.as_str())),
                space_name: meeting.space_name.clone(),
                join_address: without_scheme(&this.join_url(&meeting)),
                screen_url: format!("{base}/m/{}/skaerm?k={screen_key}", meeting.code),
                console_url: format!("{base}/m/{}/styring?k={key}", meeting.code),
                team_meetings,
            })
        })
    }

    fn summary_page(
        &self,
        code: String,
        key: String,
    ) -> BoxFuture<Result<SummaryPage, RequestProblem>> {
        let this = PagesBackend {
            state: self.state.clone(),
        };
        Box::pin(async move {
            let meeting = this.host_meeting(&code, &key).await?;
            Ok(SummaryPage {
                view: meeting.read(|state| state.summary_view(meeting.code.as_str())),
                space_name: meeting.space_name.clone(),
                held: crate::meetings::store::held(&meeting.meeting_id),
                participants: meeting.read(|state| state.participants.len()),
            })
        })
    }

    fn table_cards_page(
        &self,
        code: String,
        key: String,
        count: Option<u16>,
    ) -> BoxFuture<Result<TableCardsPage, RequestProblem>> {
        let this = PagesBackend {
            state: self.state.clone(),
        };
        Box::pin(async move {
            let meeting = this.host_meeting(&code, &key).await?;
            let (title, has_cafe, fixed, suggested, routes) = meeting.read(|state| {
                let cafe = &state.cafe;
                let suggested = if cafe.started() {
                    cafe.tables
                } else {
                    cafe.rule.tables.unwrap_or_else(|| {
                        cafe.rule
                            .tables_for(state.participants.len().max(DEFAULT_CARD_PEOPLE))
                    })
                };
                (
                    state.setup.title.to_string(),
                    state.setup.agenda.has_cafe(),
                    cafe.started(),
                    suggested,
                    state.route_cards(),
                )
            });
            if !has_cafe {
                return Err(RequestProblem::UnknownMeeting);
            }
            let tables = if fixed {
                suggested
            } else {
                count
                    .unwrap_or(suggested)
                    .clamp(1, app::domain::meeting::cafe::MAX_TABLES)
            };
            let url = this.join_url(&meeting);
            Ok(TableCardsPage {
                title,
                code: meeting.code.to_string(),
                join_address: without_scheme(&url),
                cards: (1..=tables)
                    .map(|table| TableCard {
                        table,
                        qr_svg: qr_svg(&format!("{url}?bord={table}")),
                    })
                    .collect(),
                fixed,
                routes,
            })
        })
    }

    fn record_page(
        &self,
        code: String,
        headers: HeaderMap,
    ) -> BoxFuture<Result<RecordPage, RequestProblem>> {
        let this = PagesBackend {
            state: self.state.clone(),
        };
        Box::pin(async move {
            let meeting = this.meeting(&code).await?;
            let device = request::device_token(&headers, &meeting.code);
            // Only someone who took part: the code alone is not enough.
            match role_of(&meeting, None, device) {
                Some(Role::Participant(Some(_))) => Ok(RecordPage {
                    view: meeting.read(|state| state.room_record(meeting.code.as_str())),
                }),
                _ => Err(RequestProblem::Forbidden),
            }
        })
    }

    fn draft_page(&self, id: String) -> BoxFuture<Result<DraftPage, RequestProblem>> {
        let db = self.state.db.clone();
        Box::pin(async move {
            let start = match drafts::start_values(&db, &id).await {
                Ok(start) => start,
                Err(cause) => {
                    tracing::error!(error = %cause, "an agenda draft could not be loaded");
                    return Err(RequestProblem::Unavailable);
                }
            };
            match drafts::load(&db, &id).await {
                Ok(Some(draft)) => Ok(DraftPage {
                    id,
                    draft,
                    team: start.team,
                    title: start.title,
                }),
                Ok(None) => Err(RequestProblem::UnknownDraft),
                Err(cause) => {
                    tracing::error!(error = %cause, "an agenda draft could not be loaded");
                    Err(RequestProblem::Unavailable)
                }
            }
        })
    }

    fn team_page(&self, key: String) -> BoxFuture<Result<TeamPage, RequestProblem>> {
        let db = self.state.db.clone();
        let base = self.state.public_url.trim_end_matches('/').to_owned();
        Box::pin(async move {
            let unavailable = |cause: crate::db::DbError| {
                tracing::error!(error = %cause, "a team's board could not be read");
                RequestProblem::Unavailable
            };
            let (space_id, space_name) = store::space_by_key(&db, &secret::hash(&key))
                .await
                .map_err(unavailable)?
                .ok_or(RequestProblem::Forbidden)?;
            let (meetings, actions) = crate::teams::board::team_board(&db, &space_id)
                .await
                .map_err(unavailable)?;
            let calendar_url = crate::teams::calendar::generation(&db, &space_id)
                .await
                .map_err(unavailable)?
                .map(|generation| {
                    let calendar = secret::calendar_key(&key, generation);
                    format!("{base}/team/kalender/{calendar}.ics")
                });
            let answer_days = crate::teams::retention::answer_days(&db, &space_id)
                .await
                .map_err(unavailable)?
                .days();
            Ok(TeamPage {
                space_name,
                calendar_url,
                answer_days,
                today: app::domain::dates::Day::in_denmark(crate::meetings::hub::now_ms()),
                meetings,
                actions,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use app::{
        domain::meeting::{
            command::{CommandError, Field},
            text::TextError,
        },
        i18n::Locale,
        live::messages::{RequestProblem, request_problem_text},
    };

    use super::{ReturnedForm, refusal_text};

    #[test]
    fn a_refused_forms_address_gives_its_refusal_and_kept_text() {
        let refusal = serde_json::to_string(&CommandError::Text {
            field: Field::Answer,
            problem: TextError::Cpr,
        })
        .expect("json");
        let query = serde_urlencoded::to_string([("fejl", &refusal), ("utkast", &"k1".to_owned())])
            .expect("query");
        let returned = ReturnedForm::parse(Some(&query));
        assert_eq!(returned.kept.as_deref(), Some("k1"));
        let raw = returned.refusal.expect("a refusal");
        assert!(refusal_text(&raw, Locale::da).contains("CPR-nummer"));
        assert!(refusal_text(&raw, Locale::en).contains("CPR number"));
        assert_eq!(ReturnedForm::parse(None), ReturnedForm::default());
        assert_eq!(ReturnedForm::parse(Some("bord=3")), ReturnedForm::default());
    }

    #[test]
    fn a_refusal_the_server_cannot_read_is_said_as_a_passing_problem() {
        for raw in ["utilgaengelig", "{\"code\":", ""] {
            assert_eq!(
                refusal_text(raw, Locale::da),
                request_problem_text(RequestProblem::Unavailable, Locale::da),
                "{raw}"
            );
        }
    }
}
