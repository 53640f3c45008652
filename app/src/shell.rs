//! The HTML document and the router: every page is rendered inside this.

use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet};
use leptos_router::{
    SsrMode,
    components::{Route, Router, Routes},
    path,
};

use crate::{
    components::layout::Layout,
    domain::locale::LOCALE_COOKIE,
    i18n::I18nContextProvider,
    pages::{
        home::HomePage,
        library::LibraryPage,
        library_item::LibraryItemPage,
        meeting::{
            compose::ComposePage, console::ConsolePage, phone::PhonePage, screen::ScreenPage,
            start::StartPage, summary::SummaryPage,
        },
        not_found::NotFoundPage,
        pillars::PillarsPage,
        templates::{TemplatePage, TemplatesPage},
    },
};

/// The document the server sends. `<html lang>` is set by the i18n provider, not here.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light dark" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

// Pages that load content use `SsrMode::Async`: the server sends them complete, so they read
// and work without JavaScript (streamed pages would show only their loading text).

/// One year, in milliseconds (the unit leptos-use's cookie options take).
const LOCALE_COOKIE_MAX_AGE_MS: i64 = 365 * 24 * 60 * 60 * 1000;

#[component]
pub fn App() -> impl IntoView {
    // Effects run only in the browser, after hydration: this marks the moment the page became
    // live, which the end-to-end tests wait for.
    Effect::new(|_| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
    let cookie_options = leptos_i18n::context::CookieOptions::default()
        .path("/")
        .max_age(LOCALE_COOKIE_MAX_AGE_MS);
    view! {
        <I18nContextProvider cookie_name=LOCALE_COOKIE cookie_options>
            <Stylesheet id="samraad" href="/pkg/samraad.css" />
            <Router>
                <Layout>
                    <Routes fallback=NotFoundPage>
                        <Route path=path!("/") view=HomePage />
                        <Route path=path!("/bibliotek") view=LibraryPage ssr=SsrMode::Async />
                        <Route path=path!("/bibliotek/:id") view=LibraryItemPage ssr=SsrMode::Async />
                        <Route path=path!("/soejler") view=PillarsPage ssr=SsrMode::Async />
                        <Route path=path!("/skabeloner") view=TemplatesPage ssr=SsrMode::Async />
                        <Route path=path!("/skabeloner/:id") view=TemplatePage ssr=SsrMode::Async />
                        <Route path=path!("/ny") view=StartPage ssr=SsrMode::Async />
                        <Route path=path!("/ny/dagsorden/:id") view=ComposePage ssr=SsrMode::Async />
                        <Route path=path!("/m/:code") view=PhonePage ssr=SsrMode::Async />
                        <Route path=path!("/m/:code/skaerm") view=ScreenPage ssr=SsrMode::Async />
                        <Route path=path!("/m/:code/styring") view=ConsolePage ssr=SsrMode::Async />
                        <Route path=path!("/m/:code/referat") view=SummaryPage ssr=SsrMode::Async />
                    </Routes>
                </Layout>
            </Router>
        </I18nContextProvider>
    }
}
