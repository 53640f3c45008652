//! The team's action board over real sockets: actions agreed in two meetings of a team are on
//! its page; a change of status, owner and due date is saved, recorded and shown; an action
//! the meeting removes leaves the board, one it records again keeps its status; another team's
//! key changes nothing; and meetings stored before the board are put on it once.

use crate::common;

use reqwest::{StatusCode, header};
use serde_json::{Value, json};

use common::{client, command, spawn_app, start_meeting_as};
use server::{meetings::store, teams::board};

async fn host(base: &str, code: &str, key: &str, body: &Value) {
    common::host_command(base, code, key, body).await;
}

async fn record(
    base: &str,
    code: &str,
    key: &str,
    id: &str,
    what: &str,
    owner: &str,
    due: Option<&str>,
) {
    host(
        base,
        code,
        key,
        &command(
            "record_action",
            json!({ "action": id, "what": what, "owner": owner, "due": due }),
        ),
    )
    .await;
}

async fn to_agree(base: &str, code: &str, key: &str) {
    host(
        base,
        code,
        key,
        &command("go_to", json!({ "step": 0, "phase": "agree" })),
    )
    .await;
}

/// A second meeting of the team whose key this is: its join code.
async fn next_meeting(base: &str, key: &str) -> String {
    common::start_meeting_in(base, key, "Personalemøde i januar", "Hvad tager vi med?").await
}

async fn page(base: &str, query: &str) -> (StatusCode, String) {
    let response = client()
        .get(format!("{base}/team?{query}"))
        .send()
        .await
        .expect("team page");
    let status = response.status();
    // Without Leptos's hydration markers, as a reader sees the text.
    (
        status,
        response.text().await.expect("body").replace("<!>", ""),
    )
}

/// The board's list as the page shows it (the page's data for hydration holds every action).
fn listed(html: &str) -> &str {
    let start = html.find("class=\"board-list\"").unwrap_or(html.len());
    let end = html[start..]
        .find("</ul>")
        .map_or(html.len(), |end| start + end);
    &html[start..end]
}

async fn edit(base: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    client()
        .post(format!("{base}/team/aftale"))
        .form(fields)
        .send()
        .await
        .expect("edit")
}

#[tokio::test]
async fn the_team_page_shows_every_meetings_actions_and_keeps_changes() {
    let base = spawn_app().await;
    let (first, key) = start_meeting_as(
        &base,
        "Børnehuset Solsikken",
        "Personalemøde i december",
        "Hvad lykkedes?",
    )
    .await;
    to_agree(&base, &first, &key).await;
    let (kept, gone, later) = (
        uuid::Uuid::new_v4().to_string(),
        uuid::Uuid::new_v4().to_string(),
        uuid::Uuid::new_v4().to_string(),
    );
    record(
        &base,
        &first,
        &key,
        &kept,
        "Samtaletid hver fredag",
        "Stuepædagogerne",
        Some("2026-12-18"),
    )
    .await;
    record(
        &base,
        &first,
        &key,
        &gone,
        "Noget der blev fortrudt",
        "Ali",
        None,
    )
    .await;
    host(
        &base,
        &first,
        &key,
        &command("remove_action", json!({ "action": gone })),
    )
    .await;
    let second = next_meeting(&base, &key).await;
    to_agree(&base, &second, &key).await;
    record(
        &base,
        &second,
        &key,
        &later,
        "Forældrebrev om <script>alert(1)</script>",
        "Mette",
        None,
    )
    .await;

    let (status, html) = page(&base, &format!("k={key}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Børnehuset Solsikken"), "the team's name");
    assert!(html.contains("Samtaletid hver fredag") && html.contains("Stuepædagogerne"));
    assert!(html.contains("18. december 2026"), "the due date in Danish");
    assert!(
        html.contains("Personalemøde i januar"),
        "the second meeting's action and meeting"
    );
    assert!(
        !html.contains("Noget der blev fortrudt"),
        "a removed action is not on the board"
    );
    assert!(
        !html.contains("<script>alert(1)"),
        "what people typed is text, never markup"
    );
    let count_at = html.find("result-count").unwrap_or(0);
    assert!(
        html.contains("2 aftaler vises"),
        "the count: {}",
        &html[count_at..count_at + 200]
    );

    // Done, another owner, no due date: saved, recorded, and the board goes back to its filter.
    let response = edit(
        &base,
        &[
            ("k", &key),
            ("m", &first),
            ("a", &kept),
            ("status", "done"),
            ("owner", "Hele huset"),
            ("due", ""),
            ("vis_status", "alle"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let location = response.headers()[header::LOCATION]
        .to_str()
        .expect("location")
        .to_owned();
    assert!(location.starts_with("/team?k="), "{location}");
    assert!(
        location.contains("&status=alle&gemt=") && location.ends_with(&format!("#aftale-{kept}")),
        "{location}"
    );
    let (_, html) = page(
        &base,
        location
            .trim_start_matches("/team?")
            .split('#')
            .next()
            .unwrap_or_default(),
    )
    .await;
    assert!(html.contains("Gemt."), "the change is confirmed");
    assert!(html.contains("Hele huset") && html.contains("data-status=\"done\""));
    assert!(
        html.contains(
            "med teamets nøgle: Status: Udført, Ansvarlig: Hele huset, Frist: ingen frist"
        ),
        "the change is recorded"
    );
    let (_, active) = page(&base, &format!("k={key}")).await;
    assert!(
        !listed(&active).contains("Samtaletid hver fredag"),
        "done actions leave the default view"
    );
    assert!(active.contains("1 aftale vises"));

    // The meeting records the action again (changed wording): it keeps its status.
    host(&base, &first, &key, &command(
        "record_action",
        json!({ "action": kept, "what": "Samtaletid hver fredag, også om vinteren", "owner": "Hele huset", "due": null }),
    )).await;
    let (_, html) = page(&base, &format!("k={key}&status=done")).await;
    assert!(html.contains("også om vinteren") && html.contains("data-status=\"done\""));

    // A refused change says why and changes nothing.
    let response = edit(
        &base,
        &[
            ("k", &key),
            ("m", &first),
            ("a", &kept),
            ("status", "done"),
            ("owner", "  "),
            ("due", ""),
        ],
    )
    .await;
    let location = response.headers()[header::LOCATION]
        .to_str()
        .expect("location")
        .to_owned();
    assert!(location.contains("fejl=ansvarlig"), "{location}");
    let (_, html) = page(
        &base,
        location
            .trim_start_matches("/team?")
            .split('#')
            .next()
            .unwrap_or_default(),
    )
    .await;
    assert!(
        html.contains("Skriv hvem der er ansvarlig"),
        "the refusal in Danish"
    );
    let response = edit(
        &base,
        &[
            ("k", &key),
            ("m", &first),
            ("a", &kept),
            ("status", "done"),
            ("owner", "A"),
            ("due", "31-02-2027"),
        ],
    )
    .await;
    assert!(
        response.headers()[header::LOCATION]
            .to_str()
            .expect("location")
            .contains("fejl=frist")
    );

    // Another team's key neither opens the board nor changes it.
    let (_, other_key) = start_meeting_as(&base, "Et andet hus", "Møde", "Hvad?").await;
    let response = edit(
        &base,
        &[
            ("k", &other_key),
            ("m", &first),
            ("a", &later),
            ("status", "dropped"),
            ("owner", "X"),
            ("due", ""),
        ],
    )
    .await;
    assert!(
        response.headers()[header::LOCATION]
            .to_str()
            .expect("location")
            .contains("fejl=findes-ikke")
    );
    let response = edit(
        &base,
        &[
            ("k", "not-a-key"),
            ("m", &first),
            ("a", &later),
            ("status", "dropped"),
            ("owner", "X"),
            ("due", ""),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let (status, _) = page(&base, "k=not-a-key").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (_, html) = page(&base, &format!("k={key}")).await;
    assert!(
        html.contains("data-status=\"open\""),
        "the other team changed nothing"
    );
}

#[tokio::test]
async fn meetings_stored_before_the_board_are_put_on_it_once() {
    let store_db = common::memory_db().await;
    let base = common::spawn_app_on(store_db.clone()).await;
    let (code, key) = start_meeting_as(&base, "Vuggestuen", "Møde", "Hvad?").await;
    to_agree(&base, &code, &key).await;
    let id = uuid::Uuid::new_v4().to_string();
    record(
        &base,
        &code,
        &key,
        &id,
        "Et gammelt møde",
        "Lene",
        Some("2026-12-01"),
    )
    .await;
    // As a database from before the board: no rows, no mark.
    store_db
        .query("DELETE action; UPDATE meeting SET actions_on_board = NONE;")
        .await
        .expect("query")
        .check()
        .expect("ok");
    let (_, html) = page(&base, &format!("k={key}")).await;
    assert!(!html.contains("Et gammelt møde"));
    assert_eq!(board::backfill(&store_db).await.expect("backfill"), 1);
    assert_eq!(
        board::backfill(&store_db).await.expect("backfill"),
        0,
        "only once"
    );
    let (_, html) = page(&base, &format!("k={key}")).await;
    assert!(html.contains("Et gammelt møde") && html.contains("Lene"));
    let (space, _) = store::space_by_key(&store_db, &server::meetings::secret::hash(&key))
        .await
        .expect("read")
        .expect("team");
    let (meetings, actions) = board::team_board(&store_db, &space).await.expect("board");
    assert_eq!((meetings.len(), actions.len()), (1, 1));
    assert_eq!(meetings[0].active, 1);
}

#[tokio::test]
async fn the_board_goes_out_as_files_and_as_a_calendar_that_can_be_revoked() {
    use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};

    let base = spawn_app().await;
    let (first, key) = start_meeting_as(
        &base,
        "Børnehuset Solsikken",
        "Personalemøde i december",
        "Hvad lykkedes?",
    )
    .await;
    to_agree(&base, &first, &key).await;
    let (open, done) = (
        uuid::Uuid::new_v4().to_string(),
        uuid::Uuid::new_v4().to_string(),
    );
    record(
        &base,
        &first,
        &key,
        &open,
        "Samtaletid hver fredag",
        "Stuepædagogerne",
        Some("2026-12-18"),
    )
    .await;
    record(
        &base,
        &first,
        &key,
        &done,
        "Nyt legetøj til gården",
        "Ali",
        Some("2026-12-01"),
    )
    .await;
    let response = edit(
        &base,
        &[
            ("k", &key),
            ("m", &first),
            ("a", &done),
            ("status", "done"),
            ("owner", "Ali"),
            ("due", "2026-12-01"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    // The board as shown (all statuses): every row with its meeting and status.
    let csv = client()
        .get(format!(
            "{base}/team/eksport/aftaler.csv?k={key}&status=alle"
        ))
        .send()
        .await
        .expect("csv");
    assert_eq!(csv.status(), StatusCode::OK);
    let csv = csv.text().await.expect("text");
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert!(
        lines[0].ends_with(";\"Mødedato\";\"Status\""),
        "{}",
        lines[0]
    );
    assert!(csv.contains("\"Samtaletid hver fredag\";\"Stuepædagogerne\";18-12-2026"));
    assert!(csv.contains("\"Personalemøde i december\";\"Børnehuset Solsikken\";"));
    assert!(csv.contains(";\"Udført\"\r\n") && csv.contains(";\"Åben\"\r\n"));
    // The default filter leaves the done one out, as the page does.
    let xlsx = client()
        .get(format!("{base}/team/eksport/aftaler.xlsx?k={key}"))
        .send()
        .await
        .expect("xlsx");
    assert_eq!(xlsx.status(), StatusCode::OK);
    let bytes = xlsx.bytes().await.expect("bytes").to_vec();
    let mut workbook: Xlsx<_> =
        open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("an xlsx file");
    let actions = workbook.worksheet_range("Aftaler").expect("the actions");
    assert_eq!(
        actions.get_value((0, 10)),
        Some(&Data::String("Status".into()))
    );
    assert_eq!(
        actions.get_value((1, 3)),
        Some(&Data::String("Samtaletid hver fredag".into()))
    );
    assert_eq!(
        actions.get_value((1, 10)),
        Some(&Data::String("Åben".into()))
    );
    assert_eq!(actions.height(), 2, "the header and the one open action");
    let refused = client()
        .get(format!("{base}/team/eksport/aftaler.csv?k=wrong"))
        .send()
        .await
        .expect("refused");
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);

    // The calendar: off until made; its address holds its own key, not the team's.
    let (_, html) = page(&base, &format!("k={key}")).await;
    assert!(
        !html.contains("/team/kalender/"),
        "no address before one is made"
    );
    let made = client()
        .post(format!("{base}/team/kalender"))
        .form(&[("k", key.as_str()), ("handling", "ny")])
        .send()
        .await
        .expect("make");
    assert_eq!(made.status(), StatusCode::SEE_OTHER);
    let (_, html) = page(&base, &format!("k={key}&kalender=ny")).await;
    let start = html.find("/team/kalender/").expect("the address is shown");
    let address = html[start..start + "/team/kalender/".len() + 32 + 4].to_owned();
    assert!(
        address.ends_with(".ics") && !address.contains(&key),
        "{address}"
    );
    let feed = client()
        .get(format!("{base}{address}"))
        .send()
        .await
        .expect("feed");
    assert_eq!(feed.status(), StatusCode::OK);
    assert_eq!(
        feed.headers()[header::CONTENT_TYPE],
        "text/calendar; charset=utf-8"
    );
    let feed = feed.text().await.expect("text");
    assert!(
        feed.contains(&format!("UID:{open}@samraad")),
        "the same UID as the meeting's file"
    );
    assert!(
        !feed.contains("Nyt legetøj"),
        "done actions leave the calendar"
    );
    assert!(feed.contains("X-WR-CALNAME:Aftaler – Børnehuset Solsikken"));
    assert!(feed.contains("REFRESH-INTERVAL;VALUE=DURATION:PT6H"));

    // A new address revokes the old; off revokes every one.
    client()
        .post(format!("{base}/team/kalender"))
        .form(&[("k", key.as_str()), ("handling", "ny")])
        .send()
        .await
        .expect("renew");
    let old = client()
        .get(format!("{base}{address}"))
        .send()
        .await
        .expect("old");
    assert_eq!(old.status(), StatusCode::NOT_FOUND);
    let (_, html) = page(&base, &format!("k={key}")).await;
    let start = html.find("/team/kalender/").expect("the new address");
    let renewed = html[start..start + "/team/kalender/".len() + 32 + 4].to_owned();
    assert_ne!(renewed, address);
    assert_eq!(
        client()
            .get(format!("{base}{renewed}"))
            .send()
            .await
            .expect("new")
            .status(),
        StatusCode::OK
    );
    client()
        .post(format!("{base}/team/kalender"))
        .form(&[("k", key.as_str()), ("handling", "fra")])
        .send()
        .await
        .expect("off");
    assert_eq!(
        client()
            .get(format!("{base}{renewed}"))
            .send()
            .await
            .expect("off")
            .status(),
        StatusCode::NOT_FOUND
    );
    // Another team's key cannot turn this team's calendar on or off.
    let stranger = client()
        .post(format!("{base}/team/kalender"))
        .form(&[
            ("k", "0123456789abcdef0123456789abcdef"),
            ("handling", "ny"),
        ])
        .send()
        .await
        .expect("stranger");
    assert_eq!(stranger.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn deleting_a_meeting_or_the_team_leaves_nothing_behind() {
    let db = common::memory_db().await;
    let base = common::spawn_app_on(db.clone()).await;
    let (first, key) =
        start_meeting_as(&base, "Forældrerådet", "Forældremøde", "Hvad er vigtigt?").await;
    let join = client()
        .post(format!("{base}/m/{first}/handling"))
        .form(&[
            ("handling", "deltag"),
            ("id", &uuid::Uuid::new_v4().to_string()),
        ])
        .send()
        .await
        .expect("join");
    let cookie = common::cookie_pair(&join);
    host(
        &base,
        &first,
        &key,
        &command("go_to", json!({ "step": 0, "phase": "reflect" })),
    )
    .await;
    let answered = client()
        .post(format!("{base}/m/{first}/handling"))
        .header(header::COOKIE, cookie)
        .form(&[
            ("handling", "svar"),
            ("id", &uuid::Uuid::new_v4().to_string()),
            ("svar", &uuid::Uuid::new_v4().to_string()),
            ("tekst", "Hemmeligt svar om min søn"),
        ])
        .send()
        .await
        .expect("answer");
    assert_eq!(answered.status(), StatusCode::SEE_OTHER);
    to_agree(&base, &first, &key).await;
    let action = uuid::Uuid::new_v4().to_string();
    record(
        &base,
        &first,
        &key,
        &action,
        "Aftale der skal væk",
        "Lene",
        None,
    )
    .await;
    let second = next_meeting(&base, &key).await;
    assert!(
        common::everything(&db)
            .await
            .contains("Hemmeligt svar om min søn")
    );

    // Without the box ticked nothing is deleted.
    let unconfirmed = client()
        .post(format!("{base}/team/slet"))
        .form(&[
            ("k", key.as_str()),
            ("hvad", "moede"),
            ("m", first.as_str()),
        ])
        .send()
        .await
        .expect("delete");
    assert!(
        unconfirmed.headers()[header::LOCATION]
            .to_str()
            .expect("location")
            .contains("slet=ubekraeftet")
    );
    assert!(
        common::everything(&db)
            .await
            .contains("Hemmeligt svar om min søn")
    );
    // Another team's key cannot delete this team's meeting.
    let (_, other) = start_meeting_as(&base, "Et andet hus", "Møde", "Hvad?").await;
    let stranger = client()
        .post(format!("{base}/team/slet"))
        .form(&[
            ("k", other.as_str()),
            ("hvad", "moede"),
            ("m", first.as_str()),
            ("bekraeft", "ja"),
        ])
        .send()
        .await
        .expect("delete");
    assert_eq!(stranger.status(), StatusCode::NOT_FOUND);

    let deleted = client()
        .post(format!("{base}/team/slet"))
        .form(&[
            ("k", key.as_str()),
            ("hvad", "moede"),
            ("m", first.as_str()),
            ("bekraeft", "ja"),
        ])
        .send()
        .await
        .expect("delete");
    assert_eq!(deleted.status(), StatusCode::SEE_OTHER);
    let location = deleted.headers()[header::LOCATION]
        .to_str()
        .expect("location")
        .to_owned();
    assert!(
        location.contains("&slettet=moede&svar=1&aftaler=1#moeder"),
        "{location}"
    );
    let stored = common::everything(&db).await;
    assert!(
        !stored.contains("Hemmeligt svar"),
        "the answer's text is gone from the log: {}",
        &stored[stored.find("Hemmeligt").unwrap_or(0).saturating_sub(300)
            ..stored.find("Hemmeligt").unwrap_or(0)]
    );
    assert!(
        !stored.contains("Aftale der skal væk"),
        "and the action from the board"
    );
    assert!(!stored.contains(&first), "no row names the meeting");
    let phone = client()
        .get(format!("{base}/m/{first}"))
        .send()
        .await
        .expect("phone page");
    assert_eq!(
        phone.status(),
        StatusCode::NOT_FOUND,
        "the meeting is gone, also from memory"
    );
    let (_, html) = page(
        &base,
        location
            .trim_start_matches("/team?")
            .split('#')
            .next()
            .unwrap_or_default(),
    )
    .await;
    assert!(html.contains("Mødet er slettet med alle svar (1) og aftaler (1)."));
    assert!(
        html.contains("Personalemøde i januar"),
        "the other meeting stays"
    );

    // The whole team: the page says what went; the key opens nothing after.
    let gone = client()
        .post(format!("{base}/team/slet"))
        .form(&[("k", key.as_str()), ("hvad", "team"), ("bekraeft", "ja")])
        .send()
        .await
        .expect("delete team");
    assert_eq!(gone.status(), StatusCode::OK);
    let text = gone.text().await.expect("text");
    assert!(
        text.contains(
            "Teamet »Forældrerådet« er slettet med alle møder (1), svar (0) og aftaler (0)."
        ),
        "{text}"
    );
    let stored = common::everything(&db).await;
    assert!(!stored.contains("Forældrerådet") && !stored.contains(&second));
    assert!(stored.contains("Et andet hus"), "another team is untouched");
    let (status, _) = page(&base, &format!("k={key}")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}
