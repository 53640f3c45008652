//! Server functions the meeting pages load their first state with. Rendered on the server
//! they call the backend directly; in the browser they are HTTP calls.

use leptos::prelude::*;

use super::{
    data::{
        ConsolePage, DraftPage, PhonePage, RecordPage, ScreenPage, SummaryPage, TableCardsPage,
        TeamPage,
    },
    messages::RequestProblem,
};

#[cfg(feature = "ssr")]
fn backend() -> Result<super::backend::Backend, ServerFnError> {
    use_context::<super::backend::Backend>()
        .ok_or_else(|| ServerFnError::new("the meeting backend is not provided"))
}

/// Tells the HTTP response (when rendering on the server) that the page was not found or
/// not allowed, so browsers and the join-code guard see the right status.
pub fn mark_status(problem: RequestProblem) {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>()
        && let Ok(status) = http::StatusCode::from_u16(problem.status())
    {
        response.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = problem;
}

/// A page's data, with its problem also said as the response's status: an unknown code is a
/// 404 on every path (the join-code guard counts it), whether a page or a script asked.
#[cfg(feature = "ssr")]
fn marked<T>(page: Result<T, RequestProblem>) -> Result<T, RequestProblem> {
    if let Err(problem) = &page {
        mark_status(*problem);
    }
    page
}

#[server(prefix = "/api/page", endpoint = "phone")]
pub async fn load_phone_page(
    code: String,
) -> Result<Result<PhonePage, RequestProblem>, ServerFnError> {
    let headers: http::HeaderMap = leptos_axum::extract().await?;
    // Rendered on the server, this is the page's own address (`?fejl=…&utkast=…` after a
    // refused form); called from the browser, the server function's, which has none.
    let uri: http::Uri = leptos_axum::extract().await?;
    let query = uri.query().map(str::to_owned);
    Ok(marked(backend()?.0.phone_page(code, headers, query).await))
}

#[server(prefix = "/api/page", endpoint = "screen")]
pub async fn load_screen_page(
    code: String,
    key: String,
) -> Result<Result<ScreenPage, RequestProblem>, ServerFnError> {
    Ok(marked(backend()?.0.screen_page(code, key).await))
}

#[server(prefix = "/api/page", endpoint = "console")]
pub async fn load_console_page(
    code: String,
    key: String,
) -> Result<Result<ConsolePage, RequestProblem>, ServerFnError> {
    Ok(marked(backend()?.0.console_page(code, key).await))
}

#[server(prefix = "/api/page", endpoint = "record")]
pub async fn load_record_page(
    code: String,
) -> Result<Result<RecordPage, RequestProblem>, ServerFnError> {
    let headers: http::HeaderMap = leptos_axum::extract().await?;
    Ok(marked(backend()?.0.record_page(code, headers).await))
}

#[server(prefix = "/api/page", endpoint = "summary")]
pub async fn load_summary_page(
    code: String,
    key: String,
) -> Result<Result<SummaryPage, RequestProblem>, ServerFnError> {
    Ok(marked(backend()?.0.summary_page(code, key).await))
}

#[server(prefix = "/api/page", endpoint = "table_cards")]
pub async fn load_table_cards_page(
    code: String,
    key: String,
    count: Option<u16>,
) -> Result<Result<TableCardsPage, RequestProblem>, ServerFnError> {
    Ok(marked(
        backend()?.0.table_cards_page(code, key, count).await,
    ))
}

#[server(prefix = "/api/page", endpoint = "team")]
pub async fn load_team_page(
    key: String,
) -> Result<Result<TeamPage, RequestProblem>, ServerFnError> {
    Ok(marked(backend()?.0.team_page(key).await))
}

#[server(prefix = "/api/page", endpoint = "draft")]
pub async fn load_draft_page(
    id: String,
) -> Result<Result<DraftPage, RequestProblem>, ServerFnError> {
    Ok(marked(backend()?.0.draft_page(id).await))
}
