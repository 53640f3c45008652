//! Server functions the meeting pages load their first state with. Rendered on the server
//! they call the backend directly; in the browser they are HTTP calls.

use leptos::prelude::*;

use super::{
    data::{ConsolePage, DraftPage, PhonePage, ScreenPage, SummaryPage},
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
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(match problem {
            RequestProblem::UnknownMeeting | RequestProblem::UnknownDraft => {
                http::StatusCode::NOT_FOUND
            }
            RequestProblem::Forbidden => http::StatusCode::FORBIDDEN,
            RequestProblem::Malformed => http::StatusCode::BAD_REQUEST,
            RequestProblem::Unavailable => http::StatusCode::SERVICE_UNAVAILABLE,
            RequestProblem::TooManyAttempts => http::StatusCode::TOO_MANY_REQUESTS,
        });
    }
    #[cfg(not(feature = "ssr"))]
    let _ = problem;
}

#[server(prefix = "/api/page", endpoint = "phone")]
pub async fn load_phone_page(
    code: String,
) -> Result<Result<PhonePage, RequestProblem>, ServerFnError> {
    let headers: http::HeaderMap = leptos_axum::extract().await?;
    Ok(backend()?.0.phone_page(code, headers).await)
}

#[server(prefix = "/api/page", endpoint = "screen")]
pub async fn load_screen_page(
    code: String,
    key: String,
) -> Result<Result<ScreenPage, RequestProblem>, ServerFnError> {
    Ok(backend()?.0.screen_page(code, key).await)
}

#[server(prefix = "/api/page", endpoint = "console")]
pub async fn load_console_page(
    code: String,
    key: String,
) -> Result<Result<ConsolePage, RequestProblem>, ServerFnError> {
    Ok(backend()?.0.console_page(code, key).await)
}

#[server(prefix = "/api/page", endpoint = "summary")]
pub async fn load_summary_page(
    code: String,
    key: String,
) -> Result<Result<SummaryPage, RequestProblem>, ServerFnError> {
    Ok(backend()?.0.summary_page(code, key).await)
}

#[server(prefix = "/api/page", endpoint = "draft")]
pub async fn load_draft_page(
    id: String,
) -> Result<Result<DraftPage, RequestProblem>, ServerFnError> {
    Ok(backend()?.0.draft_page(id).await)
}
