//! Headers on every response: a Content-Security-Policy (HTML pages with a fresh nonce per
//! response, which Leptos puts on its own inline scripts; everything else one that allows no
//! script at all), no MIME sniffing, no referrer (keys travel in addresses), no framing, and
//! no caching of anything but the site's static files, so a key or an answer never stays in
//! a shared computer's cache.

use std::sync::Arc;

use axum::{
    extract::Request,
    http::{HeaderMap, HeaderName, HeaderValue, header, request::Parts},
    middleware::Next,
    response::Response,
};
use leptos::prelude::{provide_context, use_context};

use crate::meetings::secret;

/// This response's nonce, made here and handed to Leptos (see [`provide_request_nonce`]), so
/// the header and the page's scripts always carry the same one.
#[derive(Debug, Clone)]
pub struct CspNonce(Arc<str>);

/// The policy of every HTML page: scripts only from this site or carrying this response's
/// nonce, WebAssembly allowed, nothing inline otherwise, no plugins, no framing, forms only to
/// this site. A script that someone manages to write into a page does not run.
pub fn page_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
         media-src 'none'; object-src 'none'; base-uri 'none'; form-action 'self'; \
         frame-ancestors 'none'"
    )
}

/// In the page renderer's context (leptos_routes' context function): use the nonce this
/// middleware made instead of one of Leptos's own, so the policy header matches the scripts.
pub fn provide_request_nonce() {
    let nonce =
        use_context::<Parts>().and_then(|parts| parts.extensions.get::<CspNonce>().cloned());
    if let Some(CspNonce(nonce)) = nonce {
        provide_context(leptos::nonce::Nonce::from_value(nonce));
    }
}

/// The policy of responses that are not HTML (JSON, streams, files): no script may run, only
/// the site's own stylesheet and images load, and no one may frame them.
pub const DEFAULT_POLICY: &str = "default-src 'none'; style-src 'self'; img-src 'self'; \
     base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Paths of the site's own static files (the bundle, the stylesheet, public files): the only
/// responses a browser may keep, and it must revalidate them.
fn is_static_file(path: &str) -> bool {
    path.starts_with("/pkg/") || path == "/favicon.svg" || path == "/favicon.ico"
}

pub async fn security_headers(mut request: Request, next: Next) -> Response {
    let cacheable = is_static_file(request.uri().path());
    // 128 random bits; should the system's source fail, pages get the policy without a nonce
    // (their scripts are blocked, nothing unsafe is allowed).
    // The live API answers JSON and event streams, never a page: no nonce to make.
    let nonce = (!request.uri().path().starts_with("/api/m/"))
        .then(|| secret::new_secret().ok().map(|n| CspNonce(Arc::from(n))))
        .flatten();
    if let Some(nonce) = &nonce {
        request.extensions_mut().insert(nonce.clone());
    }
    let mut response = next.run(request).await;
    apply(response.headers_mut(), cacheable, nonce.as_ref());
    response
}

fn apply(headers: &mut HeaderMap, cacheable: bool, nonce: Option<&CspNonce>) {
    let set = |headers: &mut HeaderMap, name: HeaderName, value: &'static str| {
        headers.insert(name, HeaderValue::from_static(value));
    };
    let html = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let page = match nonce {
        Some(CspNonce(nonce)) if html => HeaderValue::from_str(&page_policy(nonce)).ok(),
        _ => None,
    };
    match page {
        Some(policy) => {
            headers.insert(header::CONTENT_SECURITY_POLICY, policy);
        }
        None => set(headers, header::CONTENT_SECURITY_POLICY, DEFAULT_POLICY),
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
    fn pages_get_their_nonce_policy_and_are_never_stored() {
        let nonce = CspNonce(Arc::from("abc123"));
        let mut page = HeaderMap::new();
        page.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("max-age=60"),
        );
        page.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
        apply(&mut page, false, Some(&nonce));
        assert_eq!(page[header::CACHE_CONTROL], "no-store");
        assert_eq!(
            page[header::CONTENT_SECURITY_POLICY],
            page_policy("abc123").as_str()
        );
        assert_eq!(page[header::REFERRER_POLICY], "no-referrer");
        let mut json = HeaderMap::new();
        json.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        apply(&mut json, false, Some(&nonce));
        assert_eq!(json[header::CONTENT_SECURITY_POLICY], DEFAULT_POLICY);
        let mut file = HeaderMap::new();
        apply(&mut file, true, None);
        assert_eq!(file[header::CACHE_CONTROL], "no-cache");
        assert!(is_static_file("/pkg/samraad.wasm") && !is_static_file("/m/K7MP4Q"));
    }
}
