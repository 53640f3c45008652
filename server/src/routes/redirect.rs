//! Every redirect the server answers goes through here: only to a path on this site, checked
//! as a browser reads a `Location` (which drops tabs and line breaks and reads `\` as `/`, so
//! `/\t/evil.example` would leave the site), and never a panic on a character a header cannot
//! carry.

use axum::{
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};

/// `target` as a `Location` that keeps a browser on this site: a path from the root, with
/// control characters, spaces and non-ASCII percent-encoded (so no browser drops or rereads
/// them); `None` for anything that names another site or uses `\\`.
pub fn local_path(target: &str) -> Option<String> {
    let bytes = target.as_bytes();
    let rooted = bytes.first() == Some(&b'/') && !matches!(bytes.get(1), Some(b'/' | b'\\'));
    if !rooted || target.contains('\\') {
        return None;
    }
    let mut location = String::with_capacity(target.len());
    for &byte in bytes {
        if (0x21..0x7f).contains(&byte) {
            location.push(char::from(byte));
        } else {
            location.push_str(&format!("%{byte:02X}"));
        }
    }
    Some(location)
}

/// `303 See Other` to `target` on this site; to the front page if `target` is not a local
/// path (it never is, for a target the server built itself, but the check costs nothing).
pub fn to(target: &str) -> Response {
    let location = local_path(target).unwrap_or_else(|| {
        tracing::warn!("a redirect to a non-local target was replaced by the front page");
        "/".to_owned()
    });
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(value) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_a_browser_keeps_on_this_site_pass() {
        for good in [
            "/",
            "/?kode=ABC",
            "/m/K7MP4Q?fejl=x#svar",
            "/bibliotek?q=%C3%A6",
        ] {
            assert_eq!(local_path(good).as_deref(), Some(good));
        }
        // What a browser would drop or reread is encoded, so it stays part of the path.
        assert_eq!(
            local_path("/\t/evil.example/phish").as_deref(),
            Some("/%09/evil.example/phish")
        );
        assert_eq!(
            local_path("/x\r\nSet-Cookie: a").as_deref(),
            Some("/x%0D%0ASet-Cookie:%20a")
        );
        assert_eq!(local_path("/æ").as_deref(), Some("/%C3%A6"));
        for bad in [
            "",
            "//evil.example",
            "/\\evil.example",
            "\\/evil.example",
            "/a\\b",
            "https://evil.example",
            " /x",
            "\t//evil.example",
            "javascript:alert(1)",
        ] {
            assert_eq!(local_path(bad), None, "{bad:?}");
        }
        let response = to("//evil.example");
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(response.headers()[header::LOCATION], "/");
        assert_eq!(to("/\n").headers()[header::LOCATION], "/%0A");
    }
}
