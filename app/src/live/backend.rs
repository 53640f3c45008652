//! The seam between the pages and the server (compiled for the server only): the server
//! implements this with its hub and database and provides it as context, so the app crate
//! never depends on the database or axum.

use std::{future::Future, pin::Pin, sync::Arc};

use http::HeaderMap;

use super::{
    data::{
        ConsolePage, DraftPage, PhonePage, RecordPage, ScreenPage, SummaryPage, TableCardsPage,
        TeamPage,
    },
    messages::RequestProblem,
};

pub type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send>>;

pub trait MeetingBackend: Send + Sync {
    /// `query` is the page's own query: after a refused plain form it names the refusal
    /// (`?fejl=`) and the id of the text that was kept (`&utkast=`).
    fn phone_page(
        &self,
        code: String,
        headers: HeaderMap,
        query: Option<String>,
    ) -> BoxFuture<Result<PhonePage, RequestProblem>>;
    fn screen_page(
        &self,
        code: String,
        key: String,
    ) -> BoxFuture<Result<ScreenPage, RequestProblem>>;
    fn console_page(
        &self,
        code: String,
        key: String,
    ) -> BoxFuture<Result<ConsolePage, RequestProblem>>;
    fn summary_page(
        &self,
        code: String,
        key: String,
    ) -> BoxFuture<Result<SummaryPage, RequestProblem>>;
    fn draft_page(&self, id: String) -> BoxFuture<Result<DraftPage, RequestProblem>>;
    /// The café's table cards, for the host; `count` asks for that many before the tables
    /// are fixed.
    fn table_cards_page(
        &self,
        code: String,
        key: String,
        count: Option<u16>,
    ) -> BoxFuture<Result<TableCardsPage, RequestProblem>>;
    /// For a phone that joined the meeting (its device cookie is in `headers`).
    fn record_page(
        &self,
        code: String,
        headers: HeaderMap,
    ) -> BoxFuture<Result<RecordPage, RequestProblem>>;
    /// The team whose key this is: its meetings and action board.
    fn team_page(&self, key: String) -> BoxFuture<Result<TeamPage, RequestProblem>>;
}

/// The context value the server provides to every page.
#[derive(Clone)]
pub struct Backend(pub Arc<dyn MeetingBackend>);
