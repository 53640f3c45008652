//! What a meeting page receives when it is rendered: its role's view plus what only the
//! server can make (links, the QR code).

use serde::{Deserialize, Serialize};

use crate::domain::meeting::{
    draft::AgendaDraft,
    view::{ConsoleView, ParticipantView, ScreenView, SummaryView},
};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhonePage {
    pub view: ParticipantView,
    /// A fresh command id per form, so a form sent twice counts once.
    pub form_ids: Vec<String>,
    /// What this phone typed into a plain form that was refused, kept on the server for this
    /// one page view (never in the address).
    pub returned_text: Option<String>,
    /// Why that plain form was refused, in the page's language: said by the server, so a
    /// phone's bundle carries neither every refusal's text nor a reader for them.
    pub refusal: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScreenPage {
    pub view: ScreenView,
    /// The address people type, e.g. `samraad.dk/m/K7MP4Q`, without the scheme.
    pub join_address: String,
    /// The QR code of the join address, as an SVG document.
    pub qr_svg: String,
    /// Whether the keyboard may move the meeting (opened with the host's key).
    pub can_control: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsolePage {
    pub view: ConsoleView,
    pub space_name: String,
    pub join_address: String,
    /// The projector's link, with its own read-only key.
    pub screen_url: String,
    /// The console's own link, with the team's key: the leader's to keep.
    pub console_url: String,
    /// Earlier meetings of the same team: (code, title).
    pub team_meetings: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SummaryPage {
    pub view: SummaryView,
    pub space_name: String,
    /// The day the meeting was held (Danish time), for its exports.
    pub held: crate::domain::dates::Day,
    /// How many took part (joined from a phone).
    pub participants: usize,
}

/// The café's table cards to print (`/m/{code}/bordkort?k=…`): one per table, each with a
/// QR code that makes a shared phone or tablet that table's own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableCardsPage {
    pub title: String,
    pub code: String,
    /// The join address without the scheme, as people type it.
    pub join_address: String,
    pub cards: Vec<TableCard>,
    /// Whether the tables are fixed (the first round is seated): the count cannot change.
    pub fixed: bool,
    /// The route cards of the guests without a phone (`?kort=rute`), alphabetically.
    #[serde(default)]
    pub routes: Vec<crate::domain::meeting::routes::RouteCard>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableCard {
    pub table: u16,
    /// The QR code of the table's join address (`/m/{code}?bord=N`), as an SVG document.
    pub qr_svg: String,
}

/// What the room saw, for a phone that took part (`MeetingState::room_record`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordPage {
    pub view: SummaryView,
}

/// An agenda being composed, reached by its link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftPage {
    /// The link's id: the draft's forms post to `/ny/dagsorden/{id}`.
    pub id: String,
    pub draft: AgendaDraft,
    /// The team's name and the meeting's title the leader typed before composing, kept with
    /// the draft on the server (never in the address).
    pub team: String,
    pub title: String,
}

/// The team page: the team's meetings and its action board, opened with the team's key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamPage {
    pub space_name: String,
    /// Today in Denmark, by the server's clock: what "overdue" is measured against.
    pub today: crate::domain::dates::Day,
    pub meetings: Vec<crate::domain::board::TeamMeeting>,
    pub actions: Vec<crate::domain::board::BoardAction>,
    /// The team's calendar subscription address, when the calendar is on.
    pub calendar_url: Option<String>,
    /// Days after a meeting that its answers are kept (`domain::retention`).
    pub answer_days: u16,
}
