//! The café on every screen (glossary: *café*): a table's number and colour (the number is
//! always shown, so colour is never the only cue), the phone's "Gå til bord 4" with the
//! table's points, the offer to host a table, the projector's and console's table plan, and
//! the console's table setup. The rules are in `domain::meeting::cafe`.

use leptos::prelude::*;

use super::parts::{CommandForm, Feedback, lang_attr, use_clock};
use super::together::ConsoleTogether;
use crate::{
    domain::meeting::{
        command::Command,
        ids::ParticipantId,
        together::TogetherCode,
        view::{
            ConsoleView, GuestSeat, HarvestView, ParticipantView, PhoneSeat, TablePoint, TableView,
        },
    },
    i18n::*,
    live::messages::fill,
};

/// Colours in the Okabe–Ito palette, which people with the common colour-vision deficiencies
/// tell apart; after eight tables they repeat, the numbers do not.
pub const TABLE_COLOURS: usize = 8;

/// The CSS class of a table's colour (`table-colour-1` … `-8`).
pub fn colour_class(table: u16) -> String {
    format!(
        "table-colour-{}",
        usize::from(table.max(1) - 1) % TABLE_COLOURS + 1
    )
}

/// A table's number on its colour; `large` on a phone telling where to go.
#[component]
pub fn TableBadge(table: u16, #[prop(optional)] large: bool) -> impl IntoView {
    let i18n = use_i18n();
    let label = fill(t_string!(i18n, cafe_table), &[("table", table.to_string())]);
    view! {
        <span class=format!("table-badge {}", colour_class(table)) class:large=large role="img" aria-label=label>
            <span class="table-badge-word" aria-hidden="true">{t_string!(i18n, cafe_table_word)}</span>
            <span class="table-badge-number" aria-hidden="true">{table}</span>
        </span>
    }
}

/// "Runde 2 af 4"
pub fn round_line(i18n: leptos_i18n::I18nContext<Locale>, number: usize, of: usize) -> String {
    fill(
        t_string!(i18n, cafe_round),
        &[("number", number.to_string()), ("of", of.to_string())],
    )
}

/// The phone's place in the café: where to sit, in large type while people move (`moving`);
/// a table host also sees the round before's points to retell. The table's points of this
/// round are [`TablePoints`], under the answer form.
#[component]
pub fn PhoneTable(view: RwSignal<ParticipantView>, moving: bool) -> impl IntoView {
    let i18n = use_i18n();
    let seat = Memo::new(move |_| view.with(|v| v.seat.clone()));
    let round = Memo::new(move |_| view.with(|v| v.step.round));
    move || {
        let seat: PhoneSeat = seat.get()?;
        let round = round.get();
        let table = seat.table.to_string();
        let heading = if seat.device {
            fill(
                t_string!(i18n, cafe_device_heading),
                &[("table", table.clone())],
            )
        } else if moving && !seat.host {
            fill(
                t_string!(i18n, cafe_go_to_table),
                &[("table", table.clone())],
            )
        } else {
            fill(t_string!(i18n, cafe_at_table), &[("table", table.clone())])
        };
        Some(view! {
            <section class="phone-section cafe-seat" class:moving=moving id="bord" aria-labelledby="seat-heading">
                {round.map(|r| view! { <p class="cafe-round">{round_line(i18n, r.number, r.of)}</p> })}
                <div class="cafe-seat-main">
                    <TableBadge table=seat.table large=moving />
                    <h2 id="seat-heading">{heading}</h2>
                </div>
                {if seat.device {
                    view! { <p class="cafe-host-note">{t_string!(i18n, cafe_device_text)}</p> }.into_any()
                } else if seat.host {
                    view! { <p class="cafe-host-note">{fill(t_string!(i18n, cafe_host_stay), &[("table", table)])}</p> }.into_any()
                } else if moving {
                    view! { <p class="hint">{t_string!(i18n, cafe_move_hint)}</p> }.into_any()
                } else {
                    ().into_any()
                }}
                {((seat.host || seat.device) && round.is_some_and(|r| r.number > 1)).then(|| view! {
                    <div class="cafe-recap">
                        <h3>{t_string!(i18n, cafe_recap_heading)}</h3>
                        <p class="hint">{t_string!(i18n, cafe_recap_hint)}</p>
                        <PointList points=seat.recap.clone() empty=t_string!(i18n, cafe_recap_empty) />
                        <RecapTimer />
                    </div>
                })}
            </section>
        })
    }
}

/// What the others at this phone's table have written in this round, without names.
#[component]
pub fn TablePoints(view: RwSignal<ParticipantView>) -> impl IntoView {
    let i18n = use_i18n();
    let points = Memo::new(move |_| view.with(|v| v.seat.as_ref().map(|s| s.points.clone())));
    let harvest = Memo::new(move |_| view.with(|v| v.step.harvest.clone()));
    move || {
        points.get().map(|points| {
            view! {
                <section class="phone-section cafe-points" aria-labelledby="points-heading">
                    <h2 id="points-heading">{t_string!(i18n, cafe_points_heading)}</h2>
                    <PointList points empty=t_string!(i18n, cafe_points_empty) harvest=harvest.get() />
                </section>
            }
        })
    }
}

/// How long a table host retells the round before: short, so the new group gets talking.
pub const RECAP_SECONDS: u32 = 90;

/// The host's own recap timer: on this phone only (nothing is sent), so it needs the
/// WebAssembly and is hidden without it.
#[component]
fn RecapTimer() -> impl IntoView {
    let i18n = use_i18n();
    let now = use_clock(std::time::Duration::from_millis(500));
    let ends = RwSignal::new(None::<f64>);
    let left = move || {
        ends.get()
            .map(|end| ((end - now.get()) / 1000.0).ceil().max(0.0) as u32)
    };
    view! {
        <div class="recap-timer">
            <button class="button secondary small" type="button"
                on:click=move |_| ends.set(Some(now.get_untracked() + f64::from(RECAP_SECONDS) * 1000.0))>
                {fill(t_string!(i18n, cafe_recap_start), &[("seconds", RECAP_SECONDS.to_string())])}
            </button>
            {move || left().map(|seconds| view! {
                <span class="countdown" class:done={seconds == 0} role="timer">{format!("{}:{:02}", seconds / 60, seconds % 60)}</span>
            })}
        </div>
    }
}

#[component]
fn PointList(
    points: Vec<TablePoint>,
    empty: &'static str,
    /// In the harvest: each point carries its heading.
    #[prop(default = None)]
    harvest: Option<HarvestView>,
) -> impl IntoView {
    if points.is_empty() {
        return view! { <p class="hint">{empty}</p> }.into_any();
    }
    view! {
        <ul class="point-list">
            {points.into_iter().map(|p| {
                let tag = p.heading.zip(harvest.clone()).map(|(heading, form)| view! { <super::harvest::HeadingTag form heading /> });
                view! { <li>{tag}<p lang=lang_attr(p.lang) dir="auto">{p.text}</p></li> }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// A table's own device before the café has begun (or a phone opened from a table card
/// that is not the table's yet): which table it writes for, or the offer to become it.
#[component]
pub fn TableDeviceNote(
    view: RwSignal<ParticipantView>,
    /// The table of the card the phone was opened from (`?bord=N`).
    card: Option<u16>,
    code: String,
    action: String,
    form_id: String,
    feedback: Feedback,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = Memo::new(move |_| view.with(|v| (v.device_for, v.seat.is_some(), v.joined)));
    move || {
        let (device_for, seated, joined) = state.get();
        match (device_for, card) {
            // Seated, the table block says it.
            (Some(_), _) if seated => None,
            (Some(table), _) => Some(view! {
                <section class="phone-section cafe-seat" aria-labelledby="device-heading">
                    <div class="cafe-seat-main">
                        <TableBadge table />
                        <h2 id="device-heading">{fill(t_string!(i18n, cafe_device_heading), &[("table", table.to_string())])}</h2>
                    </div>
                    <p class="cafe-host-note">{t_string!(i18n, cafe_device_text)}</p>
                </section>
            }.into_any()),
            (None, Some(table)) if joined => Some(view! {
                <section class="phone-section" id="bordenhed" aria-labelledby="make-device-heading">
                    <h2 id="make-device-heading">{fill(t_string!(i18n, cafe_join_as_table_heading), &[("table", table.to_string())])}</h2>
                    <p>{t_string!(i18n, cafe_join_as_table_text)}</p>
                    <CommandForm
                        action=action.clone()
                        hidden=vec![("handling", "bordenhed".into()), ("id", form_id.clone()), ("bord", table.to_string())]
                        command=Callback::new(move |()| Some(Command::TableDevice { table }))
                        code=code.clone()
                        feedback
                    >
                        <button class="button secondary" type="submit">
                            {fill(t_string!(i18n, cafe_make_device_button), &[("table", table.to_string())])}
                        </button>
                    </CommandForm>
                </section>
            }.into_any()),
            _ => None,
        }
    }
}

/// Before the café's first round: the offer to host a table, or taking it back. A plain
/// form, so it works before (and without) the WebAssembly.
#[component]
pub fn VolunteerForm(
    view: RwSignal<ParticipantView>,
    code: String,
    action: String,
    form_id: String,
    feedback: Feedback,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = Memo::new(move |_| {
        view.with(|v| {
            let open = v.joined
                && !v.meeting.ended
                && v.device_for.is_none()
                && v.meeting.cafe.is_some_and(|c| !c.started);
            // In a meeting with names the leader sees the name already given.
            (open, v.volunteer, v.name.is_none())
        })
    });
    let name = RwSignal::new(String::new());
    move || {
        let (open, willing, ask_name) = state.get();
        if !open {
            return None;
        }
        let (answer, label) = if willing {
            ("nej", t_string!(i18n, cafe_volunteer_undo))
        } else {
            ("ja", t_string!(i18n, cafe_volunteer_button))
        };
        Some(view! {
            <section class="phone-section cafe-volunteer" id="bordvaert" aria-labelledby="volunteer-heading">
                <h2 id="volunteer-heading">{t_string!(i18n, cafe_volunteer_heading)}</h2>
                {if willing {
                    view! { <p role="status">{t_string!(i18n, cafe_volunteer_done)}</p> }.into_any()
                } else {
                    view! { <p>{t_string!(i18n, cafe_volunteer_text)}</p> }.into_any()
                }}
                <CommandForm
                    action=action.clone()
                    hidden=vec![("handling", "bordvaert".into()), ("id", form_id.clone()), ("svar", answer.into())]
                    command=Callback::new(move |()| Some(Command::Volunteer { willing: !willing, name: name.get_untracked() }))
                    code=code.clone()
                    feedback
                    class="stack"
                >
                    {(!willing && ask_name).then(|| view! {
                        <div class="field">
                            <label for="volunteer-name">{t_string!(i18n, cafe_volunteer_name_label)}</label>
                            <input id="volunteer-name" name="navn" maxlength="40" autocomplete="given-name"
                                prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
                            <span class="hint">{t_string!(i18n, cafe_volunteer_name_hint)}</span>
                        </div>
                    })}
                    <button class=if willing { "button link" } else { "button secondary" } type="submit">{label}</button>
                </CommandForm>
            </section>
        })
    }
}

/// Each table of the round in use: number and colour, how many sit there, how many points
/// it has written. Numbers only, never who.
#[component]
pub fn TablePlan(tables: Vec<TableView>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="table-plan-box" aria-labelledby="tables-heading">
            <h2 id="tables-heading" class="visually-hidden">{t!(i18n, screen_cafe_tables_heading)}</h2>
            <ul class="table-plan">
                {tables.into_iter().map(|t| view! {
                    <li class="table-plan-item" class:has-points={t.points > 0}>
                        <TableBadge table=t.table />
                        <span class="table-plan-people">{t!(i18n, screen_cafe_people, count = move || t.people as u64)}</span>
                        <span class="table-plan-points">{t!(i18n, screen_cafe_points, count = move || t.points as u64)}</span>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

/// *1 bord*, *3 borde*: a count of tables for a whole sentence's placeholder.
pub fn tables_count(i18n: leptos_i18n::I18nContext<Locale>, tables: u16) -> String {
    let phrase = if tables == 1 {
        t_string!(i18n, cafe_tables_one)
    } else {
        t_string!(i18n, cafe_tables_many)
    };
    fill(phrase, &[("count", tables.to_string())])
}

/// *1 bordvært*, *3 bordværter*.
fn hosts_count(i18n: leptos_i18n::I18nContext<Locale>, hosts: usize) -> String {
    let phrase = if hosts == 1 {
        t_string!(i18n, cafe_hosts_one)
    } else {
        t_string!(i18n, cafe_hosts_many)
    };
    fill(phrase, &[("count", hosts.to_string())])
}

/// A guest's name, or *Gæst 2*.
fn guest_name(i18n: leptos_i18n::I18nContext<Locale>, guest: &GuestSeat) -> String {
    guest.name.clone().unwrap_or_else(|| {
        fill(
            t_string!(i18n, cafe_guest),
            &[("n", guest.number.to_string())],
        )
    })
}

/// People without a phone and their table, alphabetically: the projector says where they
/// sit in each round.
#[component]
pub fn GuestList(guests: Vec<GuestSeat>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="guest-list-box" aria-labelledby="guests-heading">
            <h2 id="guests-heading" class="guest-list-heading">{t!(i18n, screen_cafe_guests_heading)}</h2>
            <ul class="guest-list">
                {guests.into_iter().map(|guest| view! { <GuestItem guest /> }).collect_view()}
            </ul>
        </section>
    }
}

/// One guest: the name, and the table (or that it comes with the next round).
#[component]
fn GuestItem(guest: GuestSeat) -> impl IntoView {
    let i18n = use_i18n();
    let name = guest_name(i18n, &guest);
    view! {
        <li class="guest-item">
            <span class="guest-name">{name}</span>
            {if guest.table > 0 {
                view! { <span aria-hidden="true">"→"</span> <TableBadge table=guest.table /> }.into_any()
            } else {
                view! { <span class="hint">{t!(i18n, console_guest_not_seated)}</span> }.into_any()
            }}
        </li>
    }
}

/// The console's guests without a phone: add one (a name, or none), see where each sits.
#[component]
fn ConsoleGuests(
    view: RwSignal<ConsoleView>,
    code: String,
    key: String,
    feedback: Feedback,
) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    let together = RwSignal::new(String::new());
    let guests = Memo::new(move |_| view.with(|v| v.guests.clone()));
    let command = Callback::new(move |()| {
        let typed = together.get_untracked();
        Some(Command::AddGuest {
            guest: ParticipantId::new(),
            name: name.get_untracked(),
            together: (!typed.trim().is_empty()).then(|| TogetherCode::from_typed(&typed)),
        })
    });
    let clear = Callback::new(move |()| {
        name.try_set(String::new());
        together.try_set(String::new());
    });
    view! {
        <div class="console-guests">
            <h3>{t!(i18n, console_guest_heading)}</h3>
            <p class="hint">{t!(i18n, console_guest_hint)}</p>
            <CommandForm action="#".to_string() hidden=vec![] command code key feedback on_sent=clear class="field-row">
                <div class="field">
                    <label for="guest-name">{t!(i18n, console_guest_label)}</label>
                    <input id="guest-name" maxlength="40" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
                </div>
                <div class="field field-short">
                    <label for="guest-together">{t!(i18n, console_guest_together_label)}</label>
                    <input id="guest-together" inputmode="numeric" autocomplete="off" maxlength="6" size="6"
                        prop:value=move || together.get() on:input=move |ev| together.set(event_target_value(&ev)) />
                </div>
                <button class="button secondary" type="submit">{t!(i18n, console_guest_add)}</button>
            </CommandForm>
            {move || {
                let list = guests.get();
                (!list.is_empty()).then(|| view! {
                    <ul class="guest-list">
                        {list.into_iter().map(|guest| view! { <GuestItem guest /> }).collect_view()}
                    </ul>
                })
            }}
        </div>
    }
}

/// The console's café: before the first round, how the tables are counted and who
/// volunteered; afterwards the tables in use.
#[component]
pub fn ConsoleCafe(
    view: RwSignal<ConsoleView>,
    code: String,
    key: String,
    feedback: Feedback,
) -> impl IntoView {
    let i18n = use_i18n();
    let rule = view.with_untracked(|v| v.cafe.as_ref().map(|c| c.rule).unwrap_or_default());
    let tables = RwSignal::new(rule.tables.unwrap_or(0).to_string());
    let per_table = RwSignal::new(rule.per_table.to_string());
    let draw_hosts = RwSignal::new(rule.draw_hosts);
    let stations = RwSignal::new(rule.stations);
    let command = Callback::new(move |()| {
        Some(Command::SetTables {
            tables: tables.get_untracked().trim().parse().unwrap_or(u16::MAX),
            per_table: per_table.get_untracked().trim().parse().unwrap_or(0),
            draw_hosts: draw_hosts.get_untracked(),
            stations: stations.get_untracked(),
        })
    });
    // Each part follows only what it shows, so an open `<details>` stays open while the
    // counts change.
    let cafe = Memo::new(move |_| view.with(|v| v.cafe.clone()));
    let started = Memo::new(move |_| view.with(|v| v.meeting.cafe.is_some_and(|c| c.started)));
    let plan = Memo::new(move |_| view.with(|v| v.tables.clone()));
    // Re-rendered only when the café comes or goes: the forms inside keep their signals
    // (and a command's answer can still clear them) while the counts change.
    let has_cafe = Memo::new(move |_| view.with(|v| v.cafe.is_some()));
    move || {
        has_cafe.get().then(|| view! {
            <details class="cafe-setup" open=!started.get_untracked()>
                <summary>{t!(i18n, console_cafe_heading)}</summary>
                {move || {
                    let cafe = cafe.get().unwrap_or_default();
                    if started.get() {
                        view! {
                            <p>{fill(t_string!(i18n, console_cafe_fixed), &[("tables", tables_count(i18n, cafe.tables)), ("hosts", hosts_count(i18n, cafe.hosts))])}</p>
                        }.into_any()
                    } else {
                        view! {
                            <p>{fill(t_string!(i18n, console_cafe_before), &[("tables", tables_count(i18n, cafe.tables)), ("volunteers", cafe.volunteers.to_string())])}</p>
                        }.into_any()
                    }
                }}
                {
                    let (code, key) = (code.clone(), key.clone());
                    move || (!started.get()).then(|| view! {
                        <super::hosts::ConsoleVolunteers view code=code.clone() key=key.clone() feedback />
                    })
                }
                {
                    let (code, key) = (code.clone(), key.clone());
                    move || (!started.get()).then(|| view! {
                        <CommandForm action="#".to_string() hidden=vec![] command code=code.clone() key=key.clone() feedback class="stack">
                            <div class="field-row">
                                <div class="field">
                                    <label for="cafe-tables">{t!(i18n, console_cafe_tables_label)}</label>
                                    <input id="cafe-tables" type="number" min="0" max="60" inputmode="numeric"
                                        prop:value=move || tables.get() on:input=move |ev| tables.set(event_target_value(&ev)) />
                                </div>
                                <div class="field">
                                    <label for="cafe-size">{t!(i18n, console_cafe_size_label)}</label>
                                    <input id="cafe-size" type="number" min="2" max="12" inputmode="numeric"
                                        prop:value=move || per_table.get() on:input=move |ev| per_table.set(event_target_value(&ev)) />
                                </div>
                            </div>
                            <label class="choice">
                                <input type="checkbox" prop:checked=move || draw_hosts.get() on:change=move |ev| draw_hosts.set(event_target_checked(&ev)) />
                                <span>{t!(i18n, console_cafe_draw_hosts)}</span>
                            </label>
                            <label class="choice">
                                <input type="checkbox" prop:checked=move || stations.get() on:change=move |ev| stations.set(event_target_checked(&ev)) />
                                <span>{t!(i18n, console_cafe_stations)}</span>
                            </label>
                            <button class="button secondary" type="submit">{t!(i18n, console_cafe_save)}</button>
                        </CommandForm>
                    })
                }
                <p><a href=format!("/m/{}/bordkort?k={}", code, key)>{t!(i18n, console_cards_link)}</a></p>
                {
                    let href = format!("/m/{code}/bordkort?k={key}&kort=rute");
                    move || cafe.with(|c| c.as_ref().is_some_and(|c| c.route_cards > 0)).then(|| view! {
                        <p><a href=href.clone()>{t!(i18n, console_routes_link)}</a></p>
                    })
                }
            </details>
            // While the tables are in use the leader sees them without opening anything.
            {move || plan.with(|p| !p.is_empty()).then(|| view! { <TablePlan tables=plan.get() /> })}
            <ConsoleTogether view />
            <RouteBreaks view />
            <super::apart::ConsoleApart view code=code.clone() key=key.clone() feedback />
            <ConsoleGuests view code=code.clone() key=key.clone() feedback />
            <super::harvest::ConsoleHarvest view code=code.clone() key=key.clone() feedback />
        })
    }
}

/// Rounds in which a guest could not sit where the route card says, for the console.
#[component]
fn RouteBreaks(view: RwSignal<ConsoleView>) -> impl IntoView {
    let i18n = use_i18n();
    let breaks = Memo::new(move |_| {
        view.with(|v| {
            v.cafe
                .as_ref()
                .map(|c| c.route_breaks.clone())
                .unwrap_or_default()
        })
    });
    move || {
        let list = breaks.get();
        (!list.is_empty()).then(|| view! {
            <ul class="notice together-unmet" role="status">
                {list.into_iter().map(|b| {
                    let name = b.name.clone().unwrap_or_else(|| fill(t_string!(i18n, cafe_guest), &[("n", b.number.to_string())]));
                    let text = fill(
                        t_string!(i18n, console_route_break),
                        &[
                            ("round", (b.round + 1).to_string()),
                            ("name", name),
                            ("table", b.table.to_string()),
                            ("card", b.card.to_string()),
                        ],
                    );
                    view! { <li>{text}</li> }
                }).collect_view()}
            </ul>
        })
    }
}
