//! `/m/{code}/bordkort?k=…`: the café's table cards, for the host to print on A4, one card
//! a page. Each shows the table's number on its colour (number and colour as on the phones)
//! and a QR code that makes one shared phone or tablet the table's own (`/m/{code}?bord=N`),
//! for tables where someone has no smartphone or prefers to talk.

use crate::components::raw_text::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::cafe::{TableBadge, colour_class};
use super::parts::load_page;
use crate::{
    i18n::*,
    live::{data::TableCardsPage, messages::fill, server_fns::load_table_cards_page},
};

#[component]
pub fn TableCardsPage() -> impl IntoView {
    let code = use_params_map()
        .read_untracked()
        .get("code")
        .unwrap_or_default();
    let (key, count, routes) = use_query_map().with_untracked(|q| {
        (
            q.get("k").unwrap_or_default(),
            q.get("antal").and_then(|n| n.trim().parse().ok()),
            q.get("kort").as_deref() == Some("rute"),
        )
    });
    load_page(
        load_table_cards_page(code, key.clone(), count),
        move |page| {
            if routes {
                view! { <RouteCards page key=key.clone() /> }.into_any()
            } else {
                view! { <TableCards page key=key.clone() /> }.into_any()
            }
        },
    )
}

#[component]
fn TableCards(page: TableCardsPage, key: String) -> impl IntoView {
    let i18n = use_i18n();
    let console = format!("/m/{}/styring?k={key}", page.code);
    let count = page.cards.len();
    let print = move |_| {
        #[cfg(feature = "hydrate")]
        let _ = window().print();
    };
    let address = page.join_address.clone();
    let code = page.code.clone();
    view! {
        <PageTitle text=format!("{} – {} – Samråd", t_string!(i18n, cards_title), page.title) />
        <section class="cards-head">
            <h1>{t!(i18n, cards_title)} " · " {page.title.clone()}</h1>
            <p>{t!(i18n, cards_intro)}</p>
            <div class="minutes-buttons">
                {(!page.fixed).then(|| view! {
                    // A plain form: the count is in the address, so the page can be reloaded.
                    <form method="get" class="cards-count">
                        <input type="hidden" name="k" value=key.clone() />
                        <label for="cards-count">{t!(i18n, cards_count_label)}</label>
                        <input id="cards-count" name="antal" type="number" min="1" max="60" inputmode="numeric" value=count.to_string() />
                        <button class="button secondary" type="submit">{t!(i18n, cards_show)}</button>
                    </form>
                })}
                <button class="button print-button" type="button" on:click=print>{t!(i18n, cards_print)}</button>
                <a class="button secondary" href=console>{t!(i18n, cards_back)}</a>
            </div>
        </section>
        <ol class="table-cards">
            {page.cards.into_iter().map(|card| {
                let label = fill(t_string!(i18n, cafe_table), &[("table", card.table.to_string())]);
                view! {
                    <li class="table-card">
                        <p class=format!("table-card-badge {}", colour_class(card.table))>
                            <span class="table-card-word">{t_string!(i18n, cafe_table_word)}</span>
                            <span class="table-card-number">{card.table}</span>
                        </p>
                        // The QR code is made on the server from the meeting's address only.
                        <div class="table-card-qr" role="img" aria-label=label inner_html=card.qr_svg></div>
                        <p class="table-card-scan">{t_string!(i18n, cards_scan)}</p>
                        <p class="table-card-address">{address.clone()} " · " <strong>{code.clone()}</strong></p>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}

/// `?kort=rute`: one card per guest without a phone, with the guest's table in every round
/// (`domain::meeting::routes`), several to an A4 page.
#[component]
fn RouteCards(page: TableCardsPage, key: String) -> impl IntoView {
    let i18n = use_i18n();
    let console = format!("/m/{}/styring?k={key}", page.code);
    let print = move |_| {
        #[cfg(feature = "hydrate")]
        let _ = window().print();
    };
    let title = page.title.clone();
    view! {
        <PageTitle text=format!("{} – {} – Samråd", t_string!(i18n, routes_title), page.title) />
        <section class="cards-head">
            <h1>{t!(i18n, routes_title)} " · " {page.title.clone()}</h1>
            <p>{t!(i18n, routes_intro)}</p>
            <div class="minutes-buttons">
                {(!page.routes.is_empty()).then(|| view! {
                    <button class="button print-button" type="button" on:click=print>{t!(i18n, routes_print)}</button>
                })}
                <a class="button secondary" href=console>{t!(i18n, cards_back)}</a>
            </div>
        </section>
        {page.routes.is_empty().then(|| view! { <p class="notice">{t!(i18n, routes_none)}</p> })}
        <ol class="route-cards">
            {page.routes.into_iter().map(|card| {
                let name = card.name.clone().unwrap_or_else(|| {
                    fill(t_string!(i18n, cafe_guest), &[("n", card.number.to_string())])
                });
                view! {
                    <li class="route-card">
                        <p class="route-card-name">{name}</p>
                        <p class="route-card-title">{title.clone()}</p>
                        <ol class="route-card-rounds">
                            {card.tables.into_iter().enumerate().map(|(round, table)| view! {
                                <li>
                                    <span class="route-card-round">{fill(t_string!(i18n, routes_round), &[("round", (round + 1).to_string())])}</span>
                                    <TableBadge table />
                                </li>
                            }).collect_view()}
                        </ol>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}
