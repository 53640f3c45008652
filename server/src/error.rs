//! Errors as users and clients see them. Each keeps its cause for the log and shows a clean
//! message: JSON for API routes, a calm page for browsers.

use axum::{
    Json,
    http::{StatusCode, header},
    response::{Html, IntoResponse, Response},
};
use serde::Serialize;

use crate::db::DbError;

/// An error of a JSON route.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("the database is unavailable")]
    Database(#[from] DbError),
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    error: ErrorDetail<'a>,
}

#[derive(Serialize)]
struct ErrorDetail<'a> {
    code: &'a str,
    message: String,
}

impl ApiError {
    fn status(&self) -> StatusCode {
        match self {
            ApiError::Database(_) => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            ApiError::Database(_) => "database_unavailable",
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        // The cause goes to the log; the client gets the clean message only.
        match &self {
            ApiError::Database(cause) => tracing::error!(error = %cause, "database error"),
        }
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.code(),
                message: self.to_string(),
            },
        };
        (self.status(), Json(body)).into_response()
    }
}

/// A refusal before any route ran (a middleware's): JSON for the API, a small page in the
/// person's language for browsers. Same status as the routes give for the same problem.
pub fn problem_response(
    problem: app::live::messages::RequestProblem,
    locale: app::i18n::Locale,
    path: &str,
) -> Response {
    let status = StatusCode::from_u16(problem.status()).unwrap_or(StatusCode::BAD_REQUEST);
    let message = app::live::messages::request_problem_text(problem, locale);
    if path.starts_with("/api/") {
        let code = serde_json::to_value(problem)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        let body = ErrorBody {
            error: ErrorDetail {
                code: &code,
                message,
            },
        };
        return (status, Json(body)).into_response();
    }
    let page = app::pages::server_error::problem_html(&message, locale);
    (status, Html(page)).into_response()
}

/// The page a browser gets if a request fails inside the server (see
/// `app::pages::server_error`).
pub fn server_error_page() -> Response {
    let page = app::pages::server_error::server_error_html();
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [(header::CACHE_CONTROL, "no-store")],
        Html(page),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_server_error_page_speaks_both_languages() {
        let response = server_error_page();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = axum::body::to_bytes(response.into_body(), 64 * 1024)
            .await
            .expect("body");
        let html = String::from_utf8_lossy(&body);
        assert!(html.contains("Noget gik galt"));
        assert!(html.contains("Something went wrong"));
    }

    #[tokio::test]
    async fn api_errors_are_json_with_a_code_and_no_cause() {
        let response = ApiError::Database(DbError::MissingInstance).into_response();
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        let body = axum::body::to_bytes(response.into_body(), 64 * 1024)
            .await
            .expect("body");
        let json: serde_json::Value = serde_json::from_slice(&body).expect("json");
        assert_eq!(json["error"]["code"], "database_unavailable");
        assert_eq!(json["error"]["message"], "the database is unavailable");
    }
}
