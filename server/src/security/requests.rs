//! Checks on every request before a route sees it: bodies over the limit are refused with
//! 413, commands and forms from another site with 403, and a server function's refusal of a
//! malformed call is a 400 (Leptos answers every server-function error with 500).

use axum::{
    body::Body,
    extract::Request,
    http::{HeaderMap, Method, StatusCode, header},
    middleware::Next,
    response::Response,
};

use app::live::messages::RequestProblem;

use crate::{error::problem_response, routes::request};

/// The largest request body: the start form with 20 questions of 500 characters, each
/// character percent-encoded from four bytes, fits with room to spare.
pub const MAX_BODY_BYTES: usize = 256 * 1024;

/// Where Leptos serves the pages' server functions.
const SERVER_FN_PREFIX: &str = "/api/page/";

pub async fn limit_body(request: Request, next: Next) -> Response {
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|length| length > MAX_BODY_BYTES as u64) {
        let locale = request::locale(request.headers());
        return problem_response(RequestProblem::TooLarge, locale, request.uri().path());
    }
    // A body without a length (chunked) is cut off at the limit while it is read; the
    // extractors then answer 413.
    let (parts, body) = request.into_parts();
    let limited = Body::new(http_body_util::Limited::new(body, MAX_BODY_BYTES));
    next.run(Request::from_parts(parts, limited)).await
}

/// Server functions: a call that could not be read (a missing field, a body cut off) is the
/// client's error. Our server functions report their own failures inside a 200 or with the
/// status of their problem, so a 500 from the framework is always a malformed call.
pub async fn server_fn_errors(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    if !path.starts_with(SERVER_FN_PREFIX) {
        return next.run(request).await;
    }
    let locale = request::locale(request.headers());
    let response = next.run(request).await;
    if response.status() == StatusCode::INTERNAL_SERVER_ERROR {
        tracing::info!(%path, "a server function call could not be read");
        return problem_response(RequestProblem::Malformed, locale, &path);
    }
    response
}

/// Whether a request that changes something came from another site. Browsers say where a
/// request comes from (`Sec-Fetch-Site`, `Origin`); a client that says nothing (a script,
/// a test, curl) is not a browser that could be tricked, and keeps working.
pub fn is_cross_site(method: &Method, headers: &HeaderMap, public_origin: &str) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return false;
    }
    let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    if let Some(site) = fetch_site {
        // `none` is the person's own action (typed address, bookmark).
        return !matches!(site, "same-origin" | "none");
    }
    let Some(origin) = headers.get(header::ORIGIN) else {
        return false;
    };
    let Ok(origin) = origin.to_str() else {
        return true;
    };
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let same_as_host = host.is_some_and(|host| {
        origin
            .strip_prefix("http://")
            .or_else(|| origin.strip_prefix("https://"))
            .is_some_and(|rest| rest.eq_ignore_ascii_case(host))
    });
    !(same_as_host || origin.eq_ignore_ascii_case(public_origin))
}

pub async fn refuse_cross_site(
    axum::extract::State(public_origin): axum::extract::State<std::sync::Arc<str>>,
    request: Request,
    next: Next,
) -> Response {
    if is_cross_site(request.method(), request.headers(), &public_origin) {
        let locale = request::locale(request.headers());
        tracing::warn!(path = %request.uri().path(), "a cross-site request was refused");
        return problem_response(RequestProblem::CrossSite, locale, request.uri().path());
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, value.parse().expect("header"));
        }
        map
    }

    #[test]
    fn only_requests_from_this_site_or_from_no_browser_may_change_things() {
        let public = "https://samraad.example";
        let post = Method::POST;
        let host = ("host", "127.0.0.1:3000");
        assert!(!is_cross_site(&post, &headers(&[host]), public), "curl");
        assert!(!is_cross_site(
            &post,
            &headers(&[host, ("origin", "http://127.0.0.1:3000")]),
            public
        ));
        assert!(!is_cross_site(
            &post,
            &headers(&[host, ("origin", "https://samraad.example")]),
            public
        ));
        assert!(!is_cross_site(
            &post,
            &headers(&[host, ("sec-fetch-site", "same-origin")]),
            public
        ));
        for evil in [
            vec![host, ("origin", "http://evil.example")],
            vec![host, ("origin", "null")],
            vec![host, ("sec-fetch-site", "cross-site")],
            vec![host, ("sec-fetch-site", "same-site")],
            vec![
                host,
                ("sec-fetch-site", "cross-site"),
                ("origin", "http://127.0.0.1:3000"),
            ],
        ] {
            assert!(is_cross_site(&post, &headers(&evil), public), "{evil:?}");
        }
        assert!(!is_cross_site(
            &Method::GET,
            &headers(&[host, ("origin", "http://evil.example")]),
            public
        ));
    }
}
