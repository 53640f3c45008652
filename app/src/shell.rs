//! The HTML document and the router: every page is rendered inside this.

use leptos::prelude::*;
use leptos_meta::MetaTags;
use leptos_router::{
    SsrMode,
    components::{Route, Router, Routes},
    path,
};

use crate::{
    components::{address::Routed, layout::Layout},
    domain::locale::LOCALE_COOKIE,
    i18n::I18nContextProvider,
    pages::{
        home::HomePage,
        library::LibraryPage,
        library_item::LibraryItemPage,
        meeting::{
            compose::ComposePage, console::ConsolePage, phone::PhonePage, record::RoomRecordPage,
            screen::ScreenPage, start::StartPage, summary::SummaryPage,
            table_cards::TableCardsPage,
        },
        not_found::NotFoundPage,
        pillars::PillarsPage,
        privacy::PrivacyPage,
        team::TeamPage,
        templates::{TemplatePage, TemplatesPage},
    },
};

/// The browser bundle of the phone page: a build of this crate with the `phone` feature,
/// which holds only the phone's route, so a phone on a weak connection loads a fraction of
/// the whole site's WebAssembly (README, "The phone's download").
pub const PHONE_BUNDLE: &str = "samraad-phone";

/// The names under which `make site` published the bundles and the stylesheet: content-hashed,
/// so they can be cached for good (`pkg/bundles.txt`: `samraad=samraad.<hash>`, …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bundles {
    pub site: String,
    pub phone: String,
    /// The stylesheet's file name under `/pkg/`.
    pub css: String,
}

impl Bundles {
    /// The names without hashes, for a site built without a manifest.
    pub fn unhashed() -> Self {
        Self {
            site: "samraad".to_owned(),
            phone: PHONE_BUNDLE.to_owned(),
            css: "samraad.css".to_owned(),
        }
    }

    /// Reads `bundles.txt`; a line it does not know, or a missing one, keeps the unhashed name.
    pub fn parse(manifest: &str) -> Self {
        let mut bundles = Self::unhashed();
        for line in manifest.lines() {
            let safe = |name: &str| {
                !name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
            };
            match line.trim().split_once('=') {
                Some(("samraad", name)) if safe(name) => bundles.site = name.to_owned(),
                Some((PHONE_BUNDLE, name)) if safe(name) => bundles.phone = name.to_owned(),
                Some(("css", name)) if safe(name) => bundles.css = name.to_owned(),
                _ => {}
            }
        }
        bundles
    }
}

static BUNDLES: std::sync::OnceLock<Bundles> = std::sync::OnceLock::new();

/// Set once at start by the server, from the built site's manifest.
pub fn set_bundles(bundles: Bundles) {
    let _ = BUNDLES.set(bundles);
}

fn bundles() -> Bundles {
    BUNDLES.get().cloned().unwrap_or_else(Bundles::unhashed)
}

/// The stylesheet's address as published (content-hashed), for pages written without the
/// shell (`pages::server_error`).
pub fn stylesheet_href() -> String {
    format!("/pkg/{}", bundles().css)
}

/// The document the server sends. `<html lang>` is set by the i18n provider, not here.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let bundles = bundles();
    let mut options = options;
    options.output_name = std::sync::Arc::from(bundles.site.as_str());
    #[cfg(feature = "ssr")]
    {
        let path = use_context::<http::request::Parts>().map(|parts| parts.uri.path().to_owned());
        if path.is_some_and(|path| crate::components::layout::is_phone_page(&path)) {
            options.output_name = std::sync::Arc::from(bundles.phone.as_str());
        }
    }
    // The phone's page is rendered without the router, as the phone's bundle hydrates it.
    let phone = cfg!(feature = "ssr")
        && crate::components::layout::is_phone_page(&crate::components::address::path());
    let app = if phone {
        view! { <PhoneApp /> }.into_any()
    } else {
        view! { <App /> }.into_any()
    };
    let stylesheet = stylesheet_href();
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light dark" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <link rel="stylesheet" id="samraad" href=stylesheet />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>{app}</body>
        </html>
    }
}

// Pages that load content use `SsrMode::Async`: the server sends them complete, so they read
// and work without JavaScript (streamed pages would show only their loading text).

/// Every page but the phone's, inside the site's router.
#[cfg(not(feature = "phone"))]
#[component]
pub fn App() -> impl IntoView {
    mark_live();
    provide_context(Routed);
    view! {
        // The server reads the language from this cookie; the switch writes it
        // (`language_switch.rs`).
        <I18nContextProvider cookie_name=LOCALE_COOKIE>
            <Router>
                <Layout>
                    <AppRoutes />
                </Layout>
            </Router>
        </I18nContextProvider>
    }
}

/// The phone's page: the same providers and frame as every page, but no router. It has one
/// route and no link within the site, so the phone's bundle (feature `phone`, where this is
/// `App`) leaves the router out: README, "The phone's download". The server renders the phone's
/// page through this too (`shell`), so both sides agree on the page's structure.
#[component]
pub fn PhoneApp() -> impl IntoView {
    mark_live();
    view! {
        <I18nContextProvider cookie_name=LOCALE_COOKIE>
            <Layout>
                <PhonePage />
            </Layout>
        </I18nContextProvider>
    }
}

#[cfg(feature = "phone")]
pub use PhoneApp as App;

/// Effects run only in the browser, after hydration: this marks the moment the page became
/// live, which the end-to-end tests wait for.
fn mark_live() {
    Effect::new(|_| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
}

/// A link within the site to a phone's page (`/m/{code}`): the server sends it, with the
/// phone's own bundle. The address is the router's new one (the browser's may still be the
/// page the link was on), and it replaces the router's history entry rather than adding one.
#[cfg(not(feature = "phone"))]
#[component]
fn LoadFromServer() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    {
        let (path, query) = crate::components::address::use_address().get_untracked();
        let url = if query.is_empty() {
            path
        } else {
            format!("{path}?{query}")
        };
        let _ = window().location().replace(&url);
    }
}

/// Every page's route. The phone's page is listed for the server's routes, but it is always
/// loaded from the server (`PhoneApp`).
#[cfg(not(feature = "phone"))]
#[component]
fn AppRoutes() -> impl IntoView {
    view! {
                    <Routes fallback=NotFoundPage>
                        <Route path=path!("/") view=HomePage />
                        <Route path=path!("/bibliotek") view=LibraryPage ssr=SsrMode::Async />
                        <Route path=path!("/bibliotek/:id") view=LibraryItemPage ssr=SsrMode::Async />
                        <Route path=path!("/soejler") view=PillarsPage ssr=SsrMode::Async />
                        <Route path=path!("/skabeloner") view=TemplatesPage ssr=SsrMode::Async />
                        <Route path=path!("/skabeloner/:id") view=TemplatePage ssr=SsrMode::Async />
                        <Route path=path!("/ny") view=StartPage ssr=SsrMode::Async />
                        <Route path=path!("/ny/dagsorden/:id") view=ComposePage ssr=SsrMode::Async />
                        <Route path=path!("/m/:code") view=LoadFromServer ssr=SsrMode::Async />
                        <Route path=path!("/m/:code/skaerm") view=ScreenPage ssr=SsrMode::Async />
                        <Route path=path!("/m/:code/bordkort") view=TableCardsPage ssr=SsrMode::Async />
                        <Route path=path!("/m/:code/styring") view=ConsolePage ssr=SsrMode::Async />
                        <Route path=path!("/m/:code/referat") view=SummaryPage ssr=SsrMode::Async />
                        <Route path=path!("/m/:code/overblik") view=RoomRecordPage ssr=SsrMode::Async />
                        <Route path=path!("/team") view=TeamPage ssr=SsrMode::Async />
                        <Route path=path!("/privatliv") view=PrivacyPage />
                    </Routes>
    }
}

#[cfg(test)]
mod tests {
    use super::Bundles;

    #[test]
    fn the_manifest_names_each_bundle_and_nothing_else_gets_through() {
        let bundles = Bundles::parse(
            "samraad=samraad.595e3055671a\nsamraad-phone=samraad-phone.9a8a0fd3ae11\ncss=samraad.64f90b93ed82.css\n",
        );
        assert_eq!(bundles.site, "samraad.595e3055671a");
        assert_eq!(bundles.phone, "samraad-phone.9a8a0fd3ae11");
        assert_eq!(bundles.css, "samraad.64f90b93ed82.css");
        let odd = Bundles::parse("samraad=\"><script>\nother=x\n");
        assert_eq!(odd, Bundles::unhashed());
    }
}
