//! `/pkg/…`: the browser bundles and the stylesheet. `make site` publishes each under a
//! content-hashed name (`samraad-phone.9a8a0fd3ae11.wasm`) with brotli and gzip copies; this
//! serves the copy the browser prefers (brotli first), answers a revalidation with 304, and
//! lets a browser keep a hashed file for good (`immutable`): a new build has new names, so an
//! old page never meets a new bundle. Files without a hash are revalidated every time.

use std::path::Path;

use axum::{
    Router,
    extract::Request,
    http::{HeaderValue, header},
    middleware::{self, Next},
    response::Response,
};
use tower_http::services::ServeDir;

/// A year: as long as caches keep anything.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// The service for `/pkg`, serving `site_root/pkg`.
pub fn pkg_service<S: Clone + Send + Sync + 'static>(pkg_dir: &Path) -> Router<S> {
    Router::new()
        .fallback_service(
            ServeDir::new(pkg_dir)
                .precompressed_br()
                .precompressed_gzip(),
        )
        .layer(middleware::from_fn(cache_hashed))
}

/// Reads the published names (`pkg/bundles.txt`) so pages link the hashed files.
pub fn load_bundle_names(pkg_dir: &Path) {
    let manifest = std::fs::read_to_string(pkg_dir.join("bundles.txt")).unwrap_or_default();
    app::set_bundles(app::Bundles::parse(&manifest));
}

async fn cache_hashed(request: Request, next: Next) -> Response {
    let hashed = is_hashed(request.uri().path());
    let mut response = next.run(request).await;
    if hashed && (response.status().is_success() || response.status().as_u16() == 304) {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(IMMUTABLE));
    }
    response
}

/// `name.<12 hex digits>.ext`, the names `make publish` gives.
fn is_hashed(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or_default();
    let mut parts = file.rsplit('.');
    let _extension = parts.next();
    parts
        .next()
        .is_some_and(|hash| hash.len() == 12 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
        && parts.next().is_some()
}

#[cfg(test)]
mod tests {
    use super::is_hashed;

    #[test]
    fn only_content_hashed_names_are_kept_for_good() {
        assert!(is_hashed("/samraad-phone.9a8a0fd3ae11.wasm"));
        assert!(is_hashed("/samraad.64f90b93ed82.css"));
        assert!(!is_hashed("/samraad.css"));
        assert!(!is_hashed("/samraad.wasm"));
        assert!(!is_hashed("/bundles.txt"));
        assert!(!is_hashed("/9a8a0fd3ae11.wasm"));
    }
}
