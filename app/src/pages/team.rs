//! `/team?k=…`: the team page, opened with the team's key. The action board (every action the
//! team's meetings agreed, filterable by status, pillar, owner and due date, overdue ones
//! marked) and the team's meetings. The filter is a plain GET form and each action's change a
//! plain POST form (`server/src/routes/team.rs`), so the page works before its WebAssembly
//! loads and on browsers that never run it. The rules are in `domain::board`.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::{
    components::{
        balance_chart::BalanceChart, language_switch::encode_query_value, raw_text::PageTitle,
    },
    domain::{
        balance::Balance,
        board::{ActionStatus, BoardAction, BoardFilter, DueFilter, StatusFilter, owners},
        dates::{Day, long_date},
    },
    i18n::*,
    live::{
        data::TeamPage,
        messages::{pillar_name, status_name},
        server_fns::load_team_page,
    },
    pages::meeting::parts::load_page,
};

/// What the last form did, from the address it came back to.
#[derive(Debug, Clone, Default)]
struct Outcome {
    saved: Option<String>,
    problem: Option<(String, String)>,
    /// `ny` or `fra`: what the calendar form just did.
    calendar: Option<String>,
    /// A meeting was deleted: how many answers and actions went with it.
    deleted: Option<(u64, u64)>,
    /// A deletion was sent without its confirmation.
    unconfirmed: bool,
    /// `gemt` or `fejl`: what the retention form just did.
    retention: Option<String>,
    /// The team was just brought in from a file with this many meetings.
    imported: Option<u64>,
}

#[component]
pub fn TeamPage() -> impl IntoView {
    let query = use_query_map();
    let key = query.read_untracked().get("k").unwrap_or_default();
    load_page(load_team_page(key.clone()), move |page| {
        let key = key.clone();
        // The filter and what a form just did are in the address; a link on the page (reset,
        // show all) changes only the address, so the board follows it.
        view! {
            {move || {
                let query = query.read();
                let filter = BoardFilter::from_query(|name| query.get(name));
                let outcome = Outcome {
                    saved: query.get("gemt"),
                    problem: query.get("fejl").zip(query.get("aftale")),
                    calendar: query.get("kalender"),
                    deleted: (query.get("slettet").as_deref() == Some("moede")).then(|| {
                        let number = |name: &str| {
                            query.get(name).and_then(|n| n.parse().ok()).unwrap_or(0)
                        };
                        (number("svar"), number("aftaler"))
                    }),
                    unconfirmed: query.get("slet").as_deref() == Some("ubekraeftet"),
                    retention: query.get("opbevaring"),
                    imported: query.get("importeret").and_then(|n| n.parse().ok()),
                };
                view! { <Team page=page.clone() key=key.clone() filter outcome /> }
            }}
        }
        .into_any()
    })
}

fn day_text(day: Day, english: bool) -> String {
    long_date(&day.iso(), english).unwrap_or_else(|| day.iso())
}

#[component]
fn Team(page: TeamPage, key: String, filter: BoardFilter, outcome: Outcome) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let english = locale == Locale::en;
    let today = page.today;
    let mut shown: Vec<BoardAction> = filter
        .apply(&page.actions, today)
        .into_iter()
        .cloned()
        .collect();
    // The action a form just changed stays in view with what happened to it, even when the
    // filter no longer keeps it (marked done under "open and in progress").
    let touched = outcome
        .saved
        .clone()
        .or_else(|| outcome.problem.clone().map(|(_, id)| id));
    let missing = touched.and_then(|touched| {
        let listed = shown.iter().any(|a| a.action.to_string() == touched);
        page.actions
            .iter()
            .find(|a| !listed && a.action.to_string() == touched)
            .cloned()
    });
    if let Some(action) = missing {
        shown.insert(0, action);
    }
    let count = shown.len() as u64;
    let overdue = shown.iter().filter(|a| a.is_overdue(today)).count() as u64;
    let all_owners = owners(&page.actions);
    let show_all = format!("/team?k={key}&status=alle");
    let new_meeting = format!("/ny?k={key}");
    let empty = page.actions.is_empty();
    let balance = Balance::of_team(&page.meetings, &page.actions);
    let has_meetings = !page.meetings.is_empty();
    let team_name = page.space_name.clone();
    view! {
        <PageTitle text=format!("{} – Samråd", page.space_name) />
        <section class="page-intro">
            <p class="hint">{t!(i18n, team_hint)}</p>
            <h1>{page.space_name.clone()}</h1>
            <p class="lead">{t!(i18n, team_lead)}</p>
            <p class="minutes-buttons">
                <a class="button" href=new_meeting>{t!(i18n, console_new_meeting)}</a>
            </p>
            <p class="hint">{t!(i18n, team_key_note)}</p>
            {outcome.imported.map(|count| view! {
                <p class="notice" role="status">{t!(i18n, team_imported, count = move || count)}</p>
            })}
        </section>
        <section class="board" aria-labelledby="board-heading">
            <h2 id="board-heading">{t!(i18n, team_actions_heading)}</h2>
            {if empty {
                view! { <p class="notice">{t!(i18n, team_empty)}</p> }.into_any()
            } else {
                view! {
                    <BoardFilterForm key=key.clone() filter=filter.clone() owners=all_owners />
                    <p class="result-count" role="status">
                        {t!(i18n, team_count, count = move || count)}
                        {(overdue > 0).then(|| view! {
                            " · " <span class="overdue-text">{t!(i18n, team_overdue_count, count = move || overdue)}</span>
                        })}
                    </p>
                    {(count == 0).then(|| view! {
                        <p class="notice">{t!(i18n, team_empty_filter)} " " <a href=show_all.clone()>{t!(i18n, team_show_all)}</a></p>
                    })}
                    <ul class="board-list">
                        {shown.into_iter().map(|action| view! {
                            <BoardItem action key=key.clone() filter=filter.clone() today
                                english outcome=outcome.clone() />
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        {(!empty).then(|| view! { <BoardTakeAway key=key.clone() filter=filter.clone() /> })}
        {has_meetings.then(|| view! { <BalanceChart balance=balance.clone() /> })}
        <TeamCalendar key=key.clone() url=page.calendar_url.clone() made=outcome.calendar.clone() />
        <section class="team-meeting-list" id="moeder" aria-labelledby="meetings-heading">
            <h2 id="meetings-heading">{t!(i18n, team_meetings_heading)}</h2>
            {outcome.deleted.map(|(answers, actions)| view! {
                <p class="notice" role="status">
                    {t!(i18n, team_deleted_meeting, answers = move || answers, actions = move || actions)}
                </p>
            })}
            <ul class="action-list">
                {page.meetings.into_iter().map(|meeting| {
                    let record = format!("/m/{}/referat?k={key}", meeting.code);
                    let console = format!("/m/{}/styring?k={key}", meeting.code);
                    let (actions, active) = (meeting.actions, meeting.active);
                    let confirm_id = format!("slet-{}", meeting.code);
                    let title = meeting.title.clone();
                    view! {
                        <li class="action-item">
                            <p class="action-what">{meeting.title.clone()}</p>
                            <p class="action-meta">
                                {day_text(meeting.held, english)} " · "
                                {t!(i18n, team_meeting_counts, actions = move || actions, active = move || active)}
                            </p>
                            <p class="action-meta">
                                <a href=record>{t!(i18n, team_meeting_record)}</a> " · "
                                <a href=console>{t!(i18n, team_meeting_console)}</a>
                            </p>
                            <details class="board-edit delete-fold">
                                <summary>{t!(i18n, team_delete_meeting)}</summary>
                                <form method="post" action="/team/slet" class="delete-form">
                                    <input type="hidden" name="k" value=key.clone() />
                                    <input type="hidden" name="hvad" value="moede" />
                                    <input type="hidden" name="m" value=meeting.code.clone() />
                                    <p class="check">
                                        <input type="checkbox" id=confirm_id.clone() name="bekraeft" value="ja" required />
                                        <label for=confirm_id>{t!(i18n, team_delete_meeting_confirm, title = move || title.clone())}</label>
                                    </p>
                                    <button class="button secondary danger small" type="submit">{t!(i18n, team_delete_meeting)}</button>
                                </form>
                            </details>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
        <TeamRetention key=key.clone() days=page.answer_days outcome=outcome.retention.clone() />
        <section class="team-file" id="fil" aria-labelledby="file-heading">
            <h2 id="file-heading">{t!(i18n, team_file_heading)}</h2>
            <p class="hint">{t!(i18n, team_file_lead)}</p>
            <p><a class="button secondary" href=format!("/team/eksport/team.json?k={key}") download>{t!(i18n, team_file_download)}</a></p>
        </section>
        <section class="team-delete" id="slet" aria-labelledby="delete-heading">
            <h2 id="delete-heading">{t!(i18n, team_delete_heading)}</h2>
            <p class="hint">{t!(i18n, team_delete_lead)}</p>
            {outcome.unconfirmed.then(|| view! { <p class="error-text" role="alert">{t!(i18n, team_delete_unconfirmed)}</p> })}
            <details class="board-edit delete-fold">
                <summary>{t!(i18n, team_delete_team)}</summary>
                <form method="post" action="/team/slet" class="delete-form">
                    <input type="hidden" name="k" value=key.clone() />
                    <input type="hidden" name="hvad" value="team" />
                    <p class="check">
                        <input type="checkbox" id="slet-team" name="bekraeft" value="ja" required />
                        <label for="slet-team">{t!(i18n, team_delete_team_confirm, team = move || team_name.clone())}</label>
                    </p>
                    <button class="button secondary danger" type="submit">{t!(i18n, team_delete_team)}</button>
                </form>
            </details>
        </section>
    }
}

#[component]
fn BoardFilterForm(key: String, filter: BoardFilter, owners: Vec<String>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let status_options = ActionStatus::ALL.map(|status| {
        let selected = filter.status == StatusFilter::Only(status);
        view! { <option value=status.as_str() selected=selected>{status_name(status, locale)}</option> }
    });
    let pillars: Vec<_> = crate::content::model::PillarId::ALL
        .into_iter()
        .map(|id| {
            view! { <option value=id.as_str() selected=filter.pillar == Some(id)>{pillar_name(id, locale)}</option> }
        })
        .collect();
    let chosen_owner = filter.owner.clone().unwrap_or_default().to_lowercase();
    let filter_set = filter != BoardFilter::default();
    let due = filter.due;
    view! {
        <form method="get" action="/team" class="board-filter">
            <input type="hidden" name="k" value=key.clone() />
            // On a phone the filters fold behind "Filtrér" (open when a filter is set), as in
            // the library; on a wider screen they are always shown (CSS).
            <details class="filter-fold" open=filter_set>
            <summary class="button secondary filter-toggle">{t!(i18n, filter_toggle)}</summary>
            <div class="filters">
                <div class="field">
                    <label for="board-status">{t!(i18n, team_filter_status)}</label>
                    <select id="board-status" name="status">
                        <option value="" selected=filter.status == StatusFilter::Active>{t!(i18n, team_filter_active)}</option>
                        <option value="alle" selected=filter.status == StatusFilter::All>{t!(i18n, filter_all)}</option>
                        {status_options}
                    </select>
                </div>
                <div class="field">
                    <label for="board-pillar">{t!(i18n, filter_pillar)}</label>
                    <select id="board-pillar" name="soejle">
                        <option value="">{t!(i18n, filter_all)}</option>
                        {pillars}
                    </select>
                </div>
                <div class="field">
                    <label for="board-owner">{t!(i18n, team_filter_owner)}</label>
                    <select id="board-owner" name="ansvarlig">
                        <option value="">{t!(i18n, filter_all)}</option>
                        {owners.into_iter().map(|owner| {
                            let selected = owner.to_lowercase() == chosen_owner;
                            view! { <option value=owner.clone() selected=selected>{owner.clone()}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="board-due">{t!(i18n, team_filter_due)}</label>
                    <select id="board-due" name="frist">
                        <option value="" selected=due == DueFilter::Any>{t!(i18n, filter_all)}</option>
                        <option value="overskredet" selected=due == DueFilter::Overdue>{t!(i18n, team_due_overdue)}</option>
                        <option value="snart" selected=due == DueFilter::Soon>{t!(i18n, team_due_soon)}</option>
                        <option value="ingen" selected=due == DueFilter::NoDate>{t!(i18n, team_due_none)}</option>
                    </select>
                </div>
            </div>
            <p class="filter-actions">
                <button class="button" type="submit">{t!(i18n, filter_show)}</button>
                <a class="button secondary" href=format!("/team?k={key}")>{t!(i18n, filter_reset)}</a>
            </p>
            </details>
        </form>
    }
}

#[component]
fn BoardItem(
    action: BoardAction,
    key: String,
    filter: BoardFilter,
    today: Day,
    english: bool,
    outcome: Outcome,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let id = action.action.to_string();
    let overdue = action.is_overdue(today);
    let saved = outcome.saved.as_deref() == Some(id.as_str());
    let problem = outcome
        .problem
        .filter(|(_, about)| *about == id)
        .map(|(code, _)| match code.as_str() {
            "status" => td_string!(locale, team_error_status),
            "ansvarlig" => td_string!(locale, team_error_owner),
            "frist" => td_string!(locale, team_error_due),
            _ => td_string!(locale, team_error_gone),
        });
    let due_text = action.due.map(|due| day_text(due, english));
    let held = day_text(action.held, english);
    let theme = if english {
        action.theme.en.clone()
    } else {
        action.theme.da.clone()
    };
    let (meeting, item) = (action.meeting_title.clone(), action.item as u64);
    let history = action
        .history
        .iter()
        .map(|change| {
            let mut parts = Vec::new();
            if let Some(status) = change.status {
                parts.push(format!(
                    "{}: {}",
                    td_string!(locale, team_field_status),
                    status_name(status, locale)
                ));
            }
            if let Some(owner) = &change.owner {
                parts.push(format!("{}: {owner}", td_string!(locale, team_field_owner)));
            }
            if let Some(due) = change.due {
                let due = due
                    .map(|d| day_text(d, english))
                    .unwrap_or_else(|| td_string!(locale, team_history_due_removed).to_owned());
                parts.push(format!("{}: {due}", td_string!(locale, team_field_due)));
            }
            (
                day_text(Day::in_denmark(change.at_ms), english),
                parts.join(", "),
                change.in_meeting.clone(),
            )
        })
        .collect::<Vec<_>>();
    let status = action.status;
    let filter_fields = filter.to_query();
    let (status_id, owner_id, due_id) = (
        format!("status-{id}"),
        format!("owner-{id}"),
        format!("due-{id}"),
    );
    let open = problem.is_some();
    view! {
        <li class="board-item" class:overdue=overdue id=format!("aftale-{id}") data-status=status.as_str()>
            <p class="action-what">{action.what.clone()}</p>
            <p class="action-meta">
                <span class=format!("status-badge status-{}", status.as_str())>{status_name(status, locale)}</span>
                " · " <strong>{action.owner.clone()}</strong> " · "
                {match due_text.clone() {
                    Some(date) => view! { <span>{t!(i18n, team_due, date = move || date.clone())}</span> }.into_any(),
                    None => view! { <span>{t!(i18n, team_no_due)}</span> }.into_any(),
                }}
                {overdue.then(|| view! { " " <span class="overdue-badge">{t!(i18n, team_overdue)}</span> })}
                {action.pillar.map(|p| view! { " " <span class="chip">{pillar_name(p, locale)}</span> })}
            </p>
            <p class="hint">
                {t!(i18n, team_from, meeting = move || meeting.clone(), date = move || held.clone(), n = move || item)}
                {(!theme.is_empty()).then(|| format!(": {theme}"))}
            </p>
            {saved.then(|| view! { <p class="notice" role="status">{t!(i18n, team_saved)}</p> })}
            {problem.map(|text| view! { <p class="error-text" role="alert">{text}</p> })}
            <details class="board-edit" open=open>
                <summary>{t!(i18n, team_edit)}</summary>
                <form method="post" action="/team/aftale" class="board-edit-form">
                    <input type="hidden" name="k" value=key />
                    <input type="hidden" name="m" value=action.meeting_code.clone() />
                    <input type="hidden" name="a" value=id.clone() />
                    {filter_fields.into_iter().map(|(name, value)| view! {
                        <input type="hidden" name=format!("vis_{name}") value=value />
                    }).collect_view()}
                    <div class="board-edit-fields">
                        <div class="field">
                            <label for=status_id.clone()>{t!(i18n, team_field_status)}</label>
                            <select id=status_id name="status">
                                {ActionStatus::ALL.map(|s| view! {
                                    <option value=s.as_str() selected=s == status>{status_name(s, locale)}</option>
                                })}
                            </select>
                        </div>
                        <div class="field">
                            <label for=owner_id.clone()>{t!(i18n, team_field_owner)}</label>
                            <input id=owner_id name="owner" type="text" required maxlength="100"
                                value=action.owner.clone() />
                        </div>
                        <div class="field">
                            <label for=due_id.clone()>{t!(i18n, team_field_due)}</label>
                            <input id=due_id name="due" type="date" value=action.due.map(Day::iso).unwrap_or_default() />
                            <span class="hint">{t!(i18n, team_field_due_hint)}</span>
                        </div>
                    </div>
                    <button class="button small" type="submit">{t!(i18n, team_save)}</button>
                </form>
                {(!history.is_empty()).then(|| view! {
                    <ul class="board-history">
                        {history.into_iter().map(|(when, changes, in_meeting)| view! {
                            <li class="hint">{match in_meeting {
                                Some(meeting) => t!(i18n, team_history_line_meeting, when = move || when.clone(), meeting = move || meeting.clone(), changes = move || changes.clone()).into_any(),
                                None => t!(i18n, team_history_line, when = move || when.clone(), changes = move || changes.clone()).into_any(),
                            }}</li>
                        }).collect_view()}
                    </ul>
                })}
            </details>
        </li>
    }
}

/// The board as shown, as files: the filter goes along, so the file holds what is on screen.
#[component]
fn BoardTakeAway(key: String, filter: BoardFilter) -> impl IntoView {
    let i18n = use_i18n();
    let mut query = format!("k={key}");
    for (name, value) in filter.to_query() {
        query.push('&');
        query.push_str(name);
        query.push('=');
        query.push_str(&encode_query_value(&value));
    }
    let link = |extension: &str| format!("/team/eksport/aftaler.{extension}?{query}");
    view! {
        <section class="take-away" aria-labelledby="board-take-away">
            <h2 id="board-take-away">{t!(i18n, team_export_heading)}</h2>
            <p class="hint">{t!(i18n, team_export_lead)}</p>
            <p class="take-away-links">
                <a class="button secondary" href=link("xlsx") download>{t!(i18n, summary_export_xlsx)}</a>
                <a class="button secondary" href=link("csv") download>{t!(i18n, summary_export_csv)}</a>
                <a class="button secondary" href=link("ics") download>{t!(i18n, summary_export_ics)}</a>
            </p>
        </section>
    }
}

/// How long the team keeps answers after a meeting (actions stay until deleted).
#[component]
fn TeamRetention(key: String, days: u16, outcome: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="team-retention" id="opbevaring" aria-labelledby="retention-heading">
            <h2 id="retention-heading">{t!(i18n, team_retention_heading)}</h2>
            <p class="hint">{t!(i18n, team_retention_lead, count = move || u64::from(days))}</p>
            {(outcome.as_deref() == Some("gemt")).then(|| view! { <p class="notice" role="status">{t!(i18n, team_retention_saved, count = move || u64::from(days))}</p> })}
            {(outcome.as_deref() == Some("fejl")).then(|| view! { <p class="error-text" role="alert">{t!(i18n, team_retention_invalid)}</p> })}
            <form method="post" action="/team/opbevaring" class="inline-form">
                <input type="hidden" name="k" value=key />
                <div class="field">
                    <label for="retention-days">{t!(i18n, team_retention_label)}</label>
                    <input id="retention-days" name="dage" type="number" inputmode="numeric"
                        min="1" max="365" required value=days.to_string() />
                </div>
                <button class="button secondary" type="submit">{t!(i18n, team_retention_save)}</button>
            </form>
        </section>
    }
}

/// The team's calendar subscription: its address (its own key, never the team's), a new
/// address that revokes the old, and off.
#[component]
fn TeamCalendar(key: String, url: Option<String>, made: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let webcal = url.as_ref().map(|url| {
        format!(
            "webcal://{}",
            url.trim_start_matches("https://")
                .trim_start_matches("http://")
        )
    });
    let on = url.is_some();
    view! {
        <section class="team-calendar" id="kalender" aria-labelledby="calendar-heading">
            <h2 id="calendar-heading">{t!(i18n, team_calendar_heading)}</h2>
            <p class="hint">{t!(i18n, team_calendar_lead)}</p>
            {(made.as_deref() == Some("ny")).then(|| view! { <p class="notice" role="status">{t!(i18n, team_calendar_made)}</p> })}
            {(made.as_deref() == Some("fra")).then(|| view! { <p class="notice" role="status">{t!(i18n, team_calendar_off)}</p> })}
            {url.map(|url| view! {
                <div class="field">
                    <label for="calendar-url">{t!(i18n, team_calendar_address)}</label>
                    <input id="calendar-url" type="text" readonly value=url />
                </div>
                <p><a class="button" href=webcal.clone().unwrap_or_default()>{t!(i18n, team_calendar_subscribe)}</a></p>
            })}
            <form method="post" action="/team/kalender" class="inline-form">
                <input type="hidden" name="k" value=key.clone() />
                <button class="button secondary" type="submit" name="handling" value="ny">
                    {if on { t!(i18n, team_calendar_renew).into_any() } else { t!(i18n, team_calendar_create).into_any() }}
                </button>
                {on.then(|| view! {
                    <button class="button secondary" type="submit" name="handling" value="fra">{t!(i18n, team_calendar_stop)}</button>
                })}
            </form>
        </section>
    }
}
