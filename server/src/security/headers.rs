//! Headers on every response: a Content-Security-Policy (pages set their own with the
//! response's nonce, see `app::shell::content_security_policy`; everything else gets one that
//! allows nothing), no MIME sniffing, no referrer (keys travel in addresses), no framing, and
//! no caching of anything but the site's static files, so a key or an answer never stays in
//! a shared computer's cache.

use axum::{
    extract::Request,
    http::{HeaderMap, HeaderName, HeaderValue, header},
    middleware::Next,
    response::Response,
};

/// The policy of responses that are not Leptos pages (JSON, streams, files, the plain pages
/// that say why a request was refused): no script may run, only the site's own stylesheet
/// and images load, and no one may frame them.
pub const DEFAULT_POLICY: &str = "default-src 'none'; style-src 'self'; img-src 'self'; \
     base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Paths of the site's own static files (the bundle, the stylesheet, public files): the only
/// responses a browser may keep, and it must revalidate them.
fn is_static_file(path: &str) -> bool {
    path.starts_with("/pkg/") || path == "/favicon.svg" || path == "/favicon.ico"
}

pub async fn security_headers(request: Request, next: Next) -> Response {
    let cacheable = is_static_file(request.uri().path());
    let mut response = next.run(request).await;
    apply(response.headers_mut(), cacheable);
    response
}

fn apply(headers: &mut HeaderMap, cacheable: bool) {
    let set = |headers: &mut HeaderMap, name: HeaderName, value: &'static str| {
        headers.insert(name, HeaderValue::from_static(value));
    };
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        set(headers, header::CONTENT_SECURITY_POLICY, DEFAULT_POLICY);
    }
    set(headers, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(headers, header::REFERRER_POLICY, "no-referrer");
    set(headers, header::X_FRAME_OPTIONS, "DENY");
    set(
        headers,
        HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    );
    set(
        headers,
        HeaderName::from_static("permissions-policy"),
        "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    );
    if cacheable {
        // Static files are not content-hashed: revalidate them so a new build is never mixed
        // with an old page (a 304 costs almost nothing on a weak connection).
        if !headers.contains_key(header::CACHE_CONTROL) {
            set(headers, header::CACHE_CONTROL, "no-cache");
        }
    } else {
        set(headers, header::CACHE_CONTROL, "no-store");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_never_stored_and_static_files_are_revalidated() {
        let mut page = HeaderMap::new();
        page.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("max-age=60"),
        );
        apply(&mut page, false);
        assert_eq!(page[header::CACHE_CONTROL], "no-store");
        assert_eq!(page[header::CONTENT_SECURITY_POLICY], DEFAULT_POLICY);
        assert_eq!(page[header::REFERRER_POLICY], "no-referrer");
        let mut file = HeaderMap::new();
        apply(&mut file, true);
        assert_eq!(file[header::CACHE_CONTROL], "no-cache");
        assert!(is_static_file("/pkg/samraad.wasm") && !is_static_file("/m/K7MP4Q"));
    }
}
