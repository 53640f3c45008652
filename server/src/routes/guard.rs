//! Join-code guessing is slowed per client address: after too many unknown codes in a
//! window, requests for meeting pages and streams get 429 until the window has passed.

use std::{
    collections::HashMap,
    net::{IpAddr, SocketAddr},
    sync::{Arc, Mutex, PoisonError},
    time::{Duration, Instant},
};

use axum::{
    extract::{ConnectInfo, Request, State},
    http::StatusCode,
    middleware::Next,
    response::{IntoResponse, Response},
};

use app::live::messages::{RequestProblem, request_problem_text};

use super::request;

/// A café of 200 parents behind one school router shares an address: this is generous for
/// typos and far too slow for guessing among 887 million codes.
pub const MAX_UNKNOWN_CODES: u32 = 30;
pub const WINDOW: Duration = Duration::from_secs(60);

#[derive(Clone, Default)]
pub struct CodeGuard {
    failures: Arc<Mutex<HashMap<IpAddr, (Instant, u32)>>>,
}

impl CodeGuard {
    fn blocked(&self, address: IpAddr, now: Instant) -> bool {
        let mut failures = self.failures.lock().unwrap_or_else(PoisonError::into_inner);
        failures.retain(|_, (start, _)| now.duration_since(*start) < WINDOW);
        failures
            .get(&address)
            .is_some_and(|(_, count)| *count >= MAX_UNKNOWN_CODES)
    }

    fn record_failure(&self, address: IpAddr, now: Instant) {
        let mut failures = self.failures.lock().unwrap_or_else(PoisonError::into_inner);
        let entry = failures.entry(address).or_insert((now, 0));
        entry.1 += 1;
    }
}

fn is_meeting_path(path: &str) -> bool {
    path.starts_with("/m/") || path.starts_with("/api/m/")
}

/// Middleware: counts answers of 404 (unknown code) on meeting paths per address.
pub async fn guard_join_codes(
    State(guard): State<CodeGuard>,
    request: Request,
    next: Next,
) -> Response {
    let address = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip());
    let (Some(address), true) = (address, is_meeting_path(request.uri().path())) else {
        return next.run(request).await;
    };
    if guard.blocked(address, Instant::now()) {
        let locale = request::locale(request.headers());
        let text = request_problem_text(RequestProblem::TooManyAttempts, locale);
        return (
            StatusCode::TOO_MANY_REQUESTS,
            [("retry-after", WINDOW.as_secs().to_string())],
            text,
        )
            .into_response();
    }
    let response = next.run(request).await;
    if response.status() == StatusCode::NOT_FOUND {
        guard.record_failure(address, Instant::now());
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_blocked_after_too_many_unknown_codes_and_freed_later() {
        let guard = CodeGuard::default();
        let address: IpAddr = [10, 0, 0, 7].into();
        let start = Instant::now();
        for _ in 0..MAX_UNKNOWN_CODES {
            assert!(!guard.blocked(address, start));
            guard.record_failure(address, start);
        }
        assert!(guard.blocked(address, start));
        assert!(
            !guard.blocked([10, 0, 0, 8].into(), start),
            "other addresses are free"
        );
        assert!(!guard.blocked(address, start + WINDOW), "the window passes");
        assert!(is_meeting_path("/m/K7MP4Q") && is_meeting_path("/api/m/K7MP4Q/events"));
        assert!(!is_meeting_path("/bibliotek"));
    }
}
