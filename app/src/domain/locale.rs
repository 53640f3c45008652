//! Which language a person reads: Danish first, English second.

/// The cookie that remembers a person's language choice. The same name as leptos_i18n's
/// default, so the server-side switch and the in-page switch agree.
pub const LOCALE_COOKIE: &str = "i18n_pref_locale";
