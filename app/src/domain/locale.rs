//! Which language a person reads: Danish first, English second.

/// The cookie that remembers a person's language choice. The same name as leptos_i18n's
/// default, so the server (which reads it through leptos_i18n) and both switches agree.
pub const LOCALE_COOKIE: &str = "i18n_pref_locale";

/// A year, in seconds: how long the choice is remembered.
const ONE_YEAR_SECONDS: u32 = 365 * 24 * 60 * 60;

/// The cookie that remembers `locale` (e.g. "en"), as `Set-Cookie` and `document.cookie`
/// take it: the server's switch (`/sprog/{locale}`) and the in-page switch write the same.
pub fn locale_cookie(locale: &str) -> String {
    format!("{LOCALE_COOKIE}={locale}; Path=/; Max-Age={ONE_YEAR_SECONDS}; SameSite=Lax")
}

#[cfg(test)]
mod tests {
    use super::locale_cookie;

    #[test]
    fn the_cookie_is_kept_a_year_for_the_whole_site() {
        assert_eq!(
            locale_cookie("en"),
            "i18n_pref_locale=en; Path=/; Max-Age=31536000; SameSite=Lax"
        );
    }
}
