//! A parents' café over real sockets with a fresh in-memory SurrealDB: 24 phones, volunteers
//! as table hosts, three rounds of table talk with the tables' points, then the harvest with
//! a dot vote across the tables and an action. What each phone is told is read from its own
//! event stream, as the phone reads it.

use crate::common;

use std::collections::{BTreeMap, BTreeSet};

use reqwest::{StatusCode, header};
use serde_json::{Value, json};

use common::{client, command, cookie_pair, process::first_frame, spawn_app};

const CAFE: &str = "foraeldrecafe-samarbejdspartnere";

async fn post(base: &str, code: &str, auth: (&str, &str), body: &Value) -> reqwest::Response {
    client()
        .post(format!("{base}/api/m/{code}/commands"))
        .header(auth.0, auth.1)
        .json(body)
        .send()
        .await
        .expect("command")
}

async fn ok(base: &str, code: &str, auth: (&str, &str), body: &Value) {
    let response = post(base, code, auth, body).await;
    assert_eq!(response.status(), StatusCode::OK, "{body}");
}

fn go(step: usize, phase: &str) -> Value {
    command("go_to", json!({ "step": step, "phase": phase }))
}

fn answer(text: &str) -> Value {
    command(
        "submit_answer",
        json!({ "answer": uuid::Uuid::new_v4().to_string(), "text": text }),
    )
}

/// Starts the café template: (code, host key).
async fn start_cafe(base: &str) -> (String, String) {
    common::start_meeting_form(
        base,
        &[
            ("team", "Skovbrynets Skole – forældre"),
            ("titel", "Forældrecafé i 0. klasse"),
            ("skabelon", CAFE),
        ],
    )
    .await
}

/// `count` phones join: each one's device cookie.
async fn join_phones(base: &str, code: &str, count: usize) -> Vec<String> {
    let mut phones = Vec::new();
    for _ in 0..count {
        let join = command("join", json!({}));
        let response = post(base, code, ("accept-language", "da"), &join).await;
        assert_eq!(response.status(), StatusCode::OK);
        phones.push(cookie_pair(&response));
    }
    phones
}

/// A phone's page as the server renders it (in Danish), without Leptos's hydration markers,
/// as a reader sees the text.
async fn phone_page(base: &str, code: &str, cookie: String) -> String {
    page_at(base, &format!("/m/{code}"), &cookie).await
}

/// Each phone's seat as its own stream shows it: (table, host).
async fn seats(base: &str, code: &str, phones: &[String]) -> Vec<(u64, bool)> {
    let mut seats = Vec::new();
    for phone in phones {
        let view = &first_frame(base, code, ("cookie", phone), None).await["view"];
        let seat = &view["seat"];
        seats.push((
            seat["table"].as_u64().expect("a table"),
            seat["host"].as_bool().unwrap_or(false),
        ));
    }
    seats
}

#[tokio::test]
async fn a_cafe_of_24_phones_runs_three_rounds_and_ends_in_a_harvest_vote() {
    let base = spawn_app().await;
    let (code, key) = start_cafe(&base).await;
    let host = ("x-samraad-key", key.as_str());

    let phones = join_phones(&base, &code, 24).await;
    // Three volunteer from the app, one with the plain form a phone without JavaScript sends.
    for phone in &phones[..3] {
        ok(
            &base,
            &code,
            ("cookie", phone),
            &command("volunteer", json!({ "willing": true })),
        )
        .await;
    }
    let form = client()
        .post(format!("{base}/m/{code}/handling"))
        .header(header::COOKIE, &phones[3])
        .form(&[
            ("handling", "bordvaert"),
            ("id", &uuid::Uuid::new_v4().to_string()),
            ("svar", "ja"),
        ])
        .send()
        .await
        .expect("form");
    assert_eq!(form.status(), StatusCode::SEE_OTHER);
    assert!(
        form.headers()[header::LOCATION]
            .to_str()
            .expect("location")
            .ends_with("#bordvaert"),
        "back to the offer, without an error"
    );
    // A phone cannot set the tables; the host can, before the first round.
    let tables = command("set_tables", json!({ "tables": 6, "per_table": 5 }));
    let refused = post(&base, &code, ("cookie", &phones[0]), &tables).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    ok(&base, &code, host, &tables).await;
    let console = first_frame(&base, &code, host, None).await;
    assert_eq!(console["view"]["cafe"]["volunteers"], 4);
    assert_eq!(console["view"]["cafe"]["tables"], 6);

    let mut rounds: Vec<Vec<(u64, bool)>> = Vec::new();
    for round in 0..3 {
        ok(&base, &code, host, &go(round, "intro")).await;
        ok(&base, &code, host, &go(round, "reflect")).await;
        let seated = seats(&base, &code, &phones).await;
        // Six tables of four.
        let mut sizes: BTreeMap<u64, usize> = BTreeMap::new();
        for (table, _) in &seated {
            *sizes.entry(*table).or_default() += 1;
        }
        assert_eq!(
            sizes.values().copied().collect::<Vec<_>>(),
            vec![4; 6],
            "round {round}"
        );
        for (i, phone) in phones.iter().enumerate() {
            ok(
                &base,
                &code,
                ("cookie", phone),
                &answer(&format!("Pointe {i} i runde {}", round + 1)),
            )
            .await;
        }
        // Each phone sees the other three points of its table, and only those.
        for (phone, (table, _)) in phones.iter().zip(&seated) {
            let view = &first_frame(&base, &code, ("cookie", phone), None).await["view"];
            assert_eq!(view["seat"]["table"], *table);
            let points = view["seat"]["points"].as_array().expect("points");
            assert_eq!(points.len(), 3, "the table's other points");
            assert!(
                points.iter().all(|p| p["text"]
                    .as_str()
                    .is_some_and(|t| t.ends_with(&format!("runde {}", round + 1)))),
                "this round's points only"
            );
            assert!(
                view["seat"].get("author").is_none() && !view.to_string().contains("participant")
            );
        }
        let console = first_frame(&base, &code, host, None).await;
        let plan = console["view"]["tables"]
            .as_array()
            .expect("the table plan");
        assert_eq!(plan.len(), 6);
        assert!(plan.iter().all(|t| t["people"] == 4 && t["points"] == 4));
        rounds.push(seated);
    }

    // Hosts stay; everyone else sat at three different tables.
    for i in 0..phones.len() {
        let tables: Vec<u64> = rounds.iter().map(|r| r[i].0).collect();
        let hosting = rounds[0][i].1;
        assert_eq!(hosting, i < 4, "the four volunteers host");
        if hosting {
            assert!(
                tables.iter().all(|t| *t == tables[0]),
                "a host stays: {tables:?}"
            );
        } else {
            assert_eq!(
                tables.iter().collect::<BTreeSet<_>>().len(),
                3,
                "{tables:?}"
            );
        }
    }

    // The harvest: everyone stays at the last round's table and writes a proposal there.
    ok(&base, &code, host, &go(4, "reflect")).await;
    let last = seats(&base, &code, &phones).await;
    assert_eq!(last, rounds[2]);
    for (i, phone) in phones.iter().enumerate().step_by(4) {
        ok(
            &base,
            &code,
            ("cookie", phone),
            &answer(&format!("Forslag fra telefon {i}")),
        )
        .await;
    }
    ok(&base, &code, host, &go(4, "reveal")).await;
    ok(&base, &code, host, &go(4, "vote")).await;
    let screen = first_frame(&base, &code, ("cookie", &phones[0]), None).await;
    let cards = screen["view"]["step"]["cards"]
        .as_array()
        .expect("cards")
        .clone();
    assert_eq!(cards.len(), 6);
    assert!(
        cards
            .iter()
            .all(|c| c["answers"][0]["table"].as_u64().is_some()),
        "the harvest wall shows each proposal's table"
    );
    // Every phone puts one dot (the template's cap) on a proposal from another table.
    for (i, phone) in phones.iter().enumerate() {
        let target = &cards[i % 2]["target"];
        ok(
            &base,
            &code,
            ("cookie", phone),
            &command("set_dots", json!({ "target": target, "dots": 1 })),
        )
        .await;
    }
    // Two guests without a phone and a parent whose phone died vote by hand: the host types
    // the three dots from paper; a phone cannot.
    let by_hand = command(
        "set_paper_dots",
        json!({ "target": cards[1]["target"], "dots": 3 }),
    );
    let refused = post(&base, &code, ("cookie", &phones[0]), &by_hand).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    ok(&base, &code, host, &by_hand).await;
    ok(&base, &code, host, &go(4, "agree")).await;
    ok(
        &base,
        &code,
        host,
        &command(
            "record_action",
            json!({
                "action": uuid::Uuid::new_v4().to_string(),
                "what": "Fælles kalender for forældre og personale",
                "owner": "Forældrerådet",
                "due": "2027-02-01"
            }),
        ),
    )
    .await;
    let result = first_frame(&base, &code, ("cookie", &phones[5]), None).await;
    let ranked = result["view"]["step"]["cards"].as_array().expect("cards");
    assert_eq!(ranked[0]["target"], cards[1]["target"]);
    assert_eq!(
        (&ranked[0]["dots"], &ranked[0]["paper"]),
        (&json!(15), &json!(3))
    );
    assert_eq!(ranked[1]["dots"], 12);
    assert_eq!(
        result["view"]["step"]["actions"][0]["owner"],
        "Forældrerådet"
    );
    // The minutes keep the harvest's headings and each point's table.
    let minutes = client()
        .get(format!("{base}/m/{code}/eksport/referat.md?k={key}"))
        .send()
        .await
        .expect("minutes")
        .text()
        .await
        .expect("text");
    let harvest = minutes
        .split("Høst og aftaler")
        .last()
        .expect("the harvest");
    assert!(
        harvest.contains("### Bordets vigtigste pointer\n\n- Forslag fra telefon"),
        "{harvest}"
    );
    assert!(harvest.contains(" (Bord "), "{harvest}");
    // The workbook's sheet of the harvest has each point's table and heading.
    {
        use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
        let bytes = client()
            .get(format!("{base}/m/{code}/eksport/aftaler.xlsx?k={key}"))
            .send()
            .await
            .expect("workbook")
            .bytes()
            .await
            .expect("bytes")
            .to_vec();
        let mut workbook: Xlsx<_> =
            open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("an xlsx file");
        let name = workbook
            .sheet_names()
            .into_iter()
            .find(|n| n.starts_with("5."))
            .expect("the harvest's sheet");
        let sheet = workbook.worksheet_range(&name).expect("the sheet");
        let text = |row: u32, column: u32| match sheet.get_value((row, column)) {
            Some(Data::String(text)) => text.clone(),
            Some(Data::Float(n)) => n.to_string(),
            Some(Data::Int(n)) => n.to_string(),
            _ => String::new(),
        };
        assert_eq!(
            (0..5).map(|c| text(3, c)).collect::<Vec<_>>(),
            ["Svar", "Gruppe", "Prikker", "Bord", "Overskrift"]
        );
        assert!(text(4, 0).starts_with("Forslag fra telefon"));
        assert!(
            (1..=6).any(|t| text(4, 3) == t.to_string()),
            "a table: {}",
            text(4, 3)
        );
        assert_eq!(text(4, 4), "Bordets vigtigste pointer");
    }
    // Too late to volunteer or change the tables.
    let late = post(
        &base,
        &code,
        ("cookie", &phones[9]),
        &command("volunteer", json!({ "willing": true })),
    )
    .await;
    assert_eq!(late.status(), StatusCode::CONFLICT);
    let body: Value = late.json().await.expect("json");
    assert_eq!(body["error"]["refusal"]["code"], "cafe_started");
    assert_eq!(
        body["error"]["message"],
        "Caféens første runde er begyndt, så bordene og bordværterne ligger fast."
    );
}

#[tokio::test]
async fn a_phone_without_javascript_sees_its_table_and_sends_a_point() {
    let base = spawn_app().await;
    let (code, key) = start_cafe(&base).await;
    let host = ("x-samraad-key", key.as_str());
    let phones = join_phones(&base, &code, 7).await;
    ok(&base, &code, host, &go(0, "intro")).await;
    let page = |cookie: String| phone_page(&base, &code, cookie);
    let (table, _) = seats(&base, &code, &phones[..1]).await[0];
    let html = page(phones[0].clone()).await;
    assert!(
        html.contains(&format!("Gå til bord {table}")),
        "the move, in the server's page"
    );
    assert!(
        html.contains(&format!("table-colour-{table}")),
        "with the table's colour"
    );

    ok(&base, &code, host, &go(0, "reflect")).await;
    let sent = client()
        .post(format!("{base}/m/{code}/handling"))
        .header(header::COOKIE, &phones[0])
        .form(&[
            ("handling", "svar"),
            ("id", &uuid::Uuid::new_v4().to_string()),
            ("svar", &uuid::Uuid::new_v4().to_string()),
            ("tekst", "Vi vil gerne mødes oftere"),
        ])
        .send()
        .await
        .expect("form");
    assert_eq!(sent.status(), StatusCode::SEE_OTHER);
    let html = page(phones[0].clone()).await;
    assert!(html.contains(&format!("Du sidder ved bord {table}")));
    assert!(html.contains("Skriv en pointe for bordet"));
    assert!(
        html.contains("Vi vil gerne mødes oftere"),
        "the own point is listed"
    );
    // A table mate sees it as the table's point.
    let seated = seats(&base, &code, &phones).await;
    let mate = (1..phones.len())
        .find(|i| seated[*i].0 == table)
        .expect("a table mate");
    let html = page(phones[mate].clone()).await;
    assert!(html.contains("Bordets pointer") && html.contains("Vi vil gerne mødes oftere"));
}

#[tokio::test]
async fn a_table_card_makes_a_shared_tablet_the_tables_own() {
    let base = spawn_app().await;
    let (code, key) = start_cafe(&base).await;
    let host = ("x-samraad-key", key.as_str());
    // The cards, for the host only: one per table, each with its own QR code.
    let cards = client()
        .get(format!("{base}/m/{code}/bordkort?k={key}&antal=4"))
        .send()
        .await
        .expect("cards");
    assert_eq!(cards.status(), StatusCode::OK);
    let html = cards.text().await.expect("html");
    assert_eq!(html.matches("class=\"table-card\"").count(), 4);
    assert_eq!(html.matches("<svg").count(), 4);
    let other = client()
        .get(format!("{base}/m/{code}/bordkort?k={}", "0".repeat(32)))
        .send()
        .await
        .expect("cards");
    assert_eq!(other.status(), StatusCode::FORBIDDEN);

    // Eight parents with phones, then a tablet that scans table 2's card: the join form
    // carries the table, no JavaScript needed.
    join_phones(&base, &code, 8).await;
    let joined = client()
        .post(format!("{base}/m/{code}/handling"))
        .form(&[
            ("handling", "deltag"),
            ("id", &uuid::Uuid::new_v4().to_string()),
            ("bord", "2"),
        ])
        .send()
        .await
        .expect("join");
    assert_eq!(joined.status(), StatusCode::SEE_OTHER);
    assert!(
        joined.headers()[header::LOCATION]
            .to_str()
            .expect("location")
            .ends_with("#bord")
    );
    let tablet = cookie_pair(&joined);
    let view = &first_frame(&base, &code, ("cookie", &tablet), None).await["view"];
    assert_eq!(view["device_for"], 2);

    ok(
        &base,
        &code,
        host,
        &command("set_tables", json!({ "tables": 2, "per_table": 5 })),
    )
    .await;
    ok(&base, &code, host, &go(0, "reflect")).await;
    let view = &first_frame(&base, &code, ("cookie", &tablet), None).await["view"];
    assert_eq!(view["seat"]["table"], 2);
    assert_eq!(view["seat"]["device"], true);
    ok(
        &base,
        &code,
        ("cookie", &tablet),
        &answer("Flere arrangementer for hele klassen"),
    )
    .await;
    let console = first_frame(&base, &code, host, None).await;
    let plan = console["view"]["tables"].as_array().expect("plan");
    assert_eq!(plan[0]["people"], 4, "the tablet is not one of the people");
    assert_eq!(plan[1]["people"], 4);
    assert_eq!(plan[1]["device"], true);
    assert_eq!(plan[1]["points"], 1);
    // A card for a table the café does not have is refused in words on the page.
    let wrong = client()
        .post(format!("{base}/m/{code}/handling"))
        .form(&[
            ("handling", "deltag"),
            ("id", &uuid::Uuid::new_v4().to_string()),
            ("bord", "7"),
        ])
        .send()
        .await
        .expect("join");
    let location = wrong.headers()[header::LOCATION]
        .to_str()
        .expect("location")
        .to_owned();
    assert!(
        location.contains("no_such_table") && location.ends_with("#bordenhed"),
        "{location}"
    );

    // A grandmother without a phone: the host adds her, the projector says where she sits.
    let guest = uuid::Uuid::new_v4().to_string();
    let add = command(
        "add_guest",
        json!({ "guest": guest, "name": "Farmor Inge" }),
    );
    ok(&base, &code, host, &add).await;
    let twice = command(
        "add_guest",
        json!({ "guest": guest, "name": "Farmor Inge" }),
    );
    let again = post(&base, &code, host, &twice).await;
    assert_eq!(again.status(), StatusCode::CONFLICT, "one guest, once");
    let console = client()
        .get(format!("{base}/m/{code}/styring?k={key}"))
        .send()
        .await
        .expect("console")
        .text()
        .await
        .expect("html");
    let at = console.find("skaerm?k=").expect("the screen's link") + "skaerm?k=".len();
    let screen_key = console[at..at + 32].to_owned();
    let screen = first_frame(&base, &code, ("x-samraad-key", &screen_key), None).await;
    let guests = screen["view"]["guests"].as_array().expect("guests");
    assert_eq!(guests.len(), 1);
    assert_eq!(guests[0]["name"], "Farmor Inge");
    let table = guests[0]["table"].as_u64().expect("a table");
    assert!((1..=2).contains(&table));
}

#[tokio::test]
async fn the_harvest_takes_points_under_headings_also_from_a_plain_form() {
    let base = spawn_app().await;
    let (code, key) = start_cafe(&base).await;
    let host = ("x-samraad-key", key.as_str());
    let phones = join_phones(&base, &code, 7).await;
    for round in 0..4 {
        ok(&base, &code, host, &go(round, "reflect")).await;
    }
    ok(&base, &code, host, &go(4, "intro")).await;
    let page = || phone_page(&base, &code, phones[0].clone());
    // Everyone stays at their table for the harvest: the phone says so, it does not send
    // anyone on.
    let html = page().await;
    assert!(
        html.contains("Du sidder ved bord") && !html.contains("Gå til bord"),
        "the harvest's intro keeps people at their table"
    );
    ok(&base, &code, host, &go(4, "reflect")).await;
    let html = page().await;
    for said in [
        "Hvor hører pointen hjemme?",
        "Bordets vigtigste pointer",
        "Det kan skolen eller dagtilbuddet gøre",
        "Det kan vi forældre gøre",
        "0 af 3",
        "name=\"overskrift\"",
    ] {
        assert!(html.contains(said), "the phone's harvest form says {said}");
    }
    // Three points under "what we parents can do" from the page without JavaScript.
    let send = |text: &'static str| {
        let (base, code, phone) = (base.clone(), code.clone(), phones[0].clone());
        async move {
            client()
                .post(format!("{base}/m/{code}/handling"))
                .header(header::COOKIE, phone)
                .form(&[
                    ("handling", "svar"),
                    ("id", &uuid::Uuid::new_v4().to_string()),
                    ("svar", &uuid::Uuid::new_v4().to_string()),
                    ("tekst", text),
                    ("overskrift", "2"),
                ])
                .send()
                .await
                .expect("form")
        }
    };
    for text in [
        "Hente sammen",
        "Lave en madklub",
        "Byde nye forældre velkommen",
    ] {
        assert_eq!(send(text).await.status(), StatusCode::SEE_OTHER);
    }
    let refused = send("En fjerde").await;
    let target = refused
        .headers()
        .get(header::LOCATION)
        .and_then(|l| l.to_str().ok())
        .expect("back to the page")
        .to_owned();
    let shown = client()
        .get(format!("{base}{}", target.split('#').next().expect("path")))
        .header(header::COOKIE, &phones[0])
        .header(header::ACCEPT_LANGUAGE, "da")
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    assert!(
        shown.contains("Den overskrift er fuld for bordet (3 af 3)"),
        "the refusal is said on the page"
    );
    assert!(page().await.contains("3 af 3"));
    let over = post(
        &base,
        &code,
        ("cookie", &phones[0]),
        &command(
            "submit_answer",
            json!({ "answer": uuid::Uuid::new_v4().to_string(), "text": "Igen", "heading": 2 }),
        ),
    )
    .await;
    assert_eq!(over.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = over.json().await.expect("json");
    assert_eq!(body["error"]["refusal"]["code"], "harvest_full");
    // The form is fixed once the harvest has its first point.
    let late = post(
        &base,
        &code,
        host,
        &command("set_harvest", json!({ "headings": ["Andet"], "limit": 2 })),
    )
    .await;
    assert_eq!(late.status(), StatusCode::CONFLICT);

    ok(&base, &code, host, &go(4, "reveal")).await;
    let frame = first_frame(&base, &code, ("cookie", &phones[1]), None).await;
    let cards = frame["view"]["step"]["cards"].as_array().expect("cards");
    assert_eq!(cards.len(), 3);
    assert!(cards.iter().all(|c| c["answers"][0]["heading"] == 2));
    // The phone's own page of the wall, as the server renders it (the projector's is tried
    // in the browser: end2end/tests/cafe.spec.ts).
    let wall = page().await;
    assert!(
        wall.contains("harvest-tag") && wall.contains("Det kan vi forældre gøre"),
        "the harvest wall names each card's heading"
    );
}

/// A phone's plain form, as a browser without JavaScript sends it: where the server sends
/// the phone next.
async fn plain_form(base: &str, code: &str, phone: &str, fields: &[(&str, &str)]) -> String {
    let id = uuid::Uuid::new_v4().to_string();
    let mut form: Vec<(&str, &str)> = vec![("id", id.as_str())];
    form.extend_from_slice(fields);
    let sent = client()
        .post(format!("{base}/m/{code}/handling"))
        .header(header::COOKIE, phone)
        .form(&form)
        .send()
        .await
        .expect("form");
    assert_eq!(sent.status(), StatusCode::SEE_OTHER, "{fields:?}");
    sent.headers()
        .get(header::LOCATION)
        .and_then(|l| l.to_str().ok())
        .expect("back to the page")
        .to_owned()
}

/// The page a redirect sends a phone to, in Danish (a refusal is in its address).
async fn page_at(base: &str, target: &str, phone: &str) -> String {
    client()
        .get(format!("{base}{}", target.split('#').next().expect("path")))
        .header(header::COOKIE, phone)
        .header(header::ACCEPT_LANGUAGE, "da")
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html")
        .replace("<!>", "")
}

#[tokio::test]
async fn a_parent_and_an_interpreter_sit_together_from_plain_forms_in_every_round() {
    let base = spawn_app().await;
    let (code, key) = start_cafe(&base).await;
    let host = ("x-samraad-key", key.as_str());
    let phones = join_phones(&base, &code, 16).await;
    let (parent, interpreter, stranger) = (&phones[2], &phones[9], &phones[12]);

    // Before the first round the phone offers it.
    let html = phone_page(&base, &code, parent.clone()).await;
    assert!(html.contains("Vil I sidde sammen?") && html.contains("Få en kode"));
    let target = plain_form(&base, &code, parent, &[("handling", "sammen")]).await;
    assert!(target.ends_with("#sammen"), "{target}");
    let html = page_at(&base, &target, parent).await;
    let shown = html
        .split("class=\"together-code\"")
        .nth(1)
        .and_then(|rest| rest.split('>').nth(1))
        .and_then(|rest| rest.split('<').next())
        .expect("the code in large type")
        .to_owned();
    assert_eq!(shown.len(), 4, "four digits: {shown}");
    assert!(html.contains(&format!("Din kode er {shown}.")));

    // A wrong code is said on the page, and nothing changes.
    let wrong = if shown == "1000" { "1001" } else { "1000" };
    let target = plain_form(
        &base,
        &code,
        stranger,
        &[("handling", "sammen"), ("kode", wrong)],
    )
    .await;
    let html = page_at(&base, &target, stranger).await;
    assert!(
        html.contains("Ingen har den kode. Tjek de fire cifre på den andens telefon."),
        "the refusal is said on the page"
    );
    let target = plain_form(
        &base,
        &code,
        stranger,
        &[("handling", "sammen"), ("kode", "12a4")],
    )
    .await;
    assert!(
        page_at(&base, &target, stranger)
            .await
            .contains("Ingen har den kode")
    );

    // The interpreter types it, with a space as people do.
    let typed = format!("{} {}", &shown[..2], &shown[2..]);
    plain_form(
        &base,
        &code,
        interpreter,
        &[("handling", "sammen"), ("kode", &typed)],
    )
    .await;
    for phone in [parent, interpreter] {
        let html = phone_page(&base, &code, phone.clone()).await;
        assert!(
            html.contains(&format!(
                "I er 2, der sidder ved samme bord. Jeres kode er {shown}."
            )),
            "both phones say so"
        );
    }
    let own = &first_frame(&base, &code, ("cookie", stranger), None).await["view"]["together"];
    assert!(own["code"].is_null(), "no one else sees the code: {own}");

    // The console counts the group, and the guest form takes the code.
    let console = &first_frame(&base, &code, host, None).await["view"]["cafe"];
    assert_eq!(
        (console["groups"].as_u64(), console["grouped"].as_u64()),
        (Some(1), Some(2))
    );

    for round in 0..3 {
        ok(&base, &code, host, &go(round, "intro")).await;
        let seated = seats(&base, &code, &[parent.clone(), interpreter.clone()]).await;
        assert_eq!(seated[0].0, seated[1].0, "round {round}: one table");
    }
    // Leaving counts from the next round; the phone says so.
    plain_form(&base, &code, interpreter, &[("handling", "alene")]).await;
    let html = phone_page(&base, &code, parent.clone()).await;
    assert!(html.contains(&format!("Din kode er {shown}.")));
}

#[tokio::test]
async fn the_leader_sees_who_offered_to_host_and_passes_one_over_and_no_phone_sees_the_names() {
    let base = spawn_app().await;
    let (code, key) = start_cafe(&base).await;
    let host = ("x-samraad-key", key.as_str());
    let phones = join_phones(&base, &code, 10).await;
    // Two offer from the plain form, one with a name; the phone's page asks for it.
    assert!(
        phone_page(&base, &code, phones[1].clone())
            .await
            .contains("Dit navn (kan udelades)")
    );
    plain_form(
        &base,
        &code,
        &phones[1],
        &[
            ("handling", "bordvaert"),
            ("svar", "ja"),
            ("navn", "Lene Bordvært"),
        ],
    )
    .await;
    plain_form(
        &base,
        &code,
        &phones[5],
        &[("handling", "bordvaert"), ("svar", "ja")],
    )
    .await;

    let console = first_frame(&base, &code, host, None).await;
    let list = console["view"]["cafe"]["volunteer_list"]
        .as_array()
        .expect("the volunteers")
        .clone();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["name"], "Lene Bordvært");
    assert!(list[1]["name"].is_null());
    // Only the console: no phone is sent the name (the projector's view has no volunteers).
    for phone in &phones {
        let frame = first_frame(&base, &code, ("cookie", phone), None).await;
        assert!(
            !frame.to_string().contains("Lene Bordvært"),
            "a phone saw the name"
        );
    }

    // A phone cannot choose; the leader passes Lene over.
    let choose = command(
        "choose_host",
        json!({ "person": list[0]["person"], "host": false }),
    );
    let refused = post(&base, &code, ("cookie", &phones[2]), &choose).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    ok(&base, &code, host, &choose).await;
    let unknown = command("choose_host", json!({ "person": 12345, "host": true }));
    let refused = post(&base, &code, host, &unknown).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);

    ok(&base, &code, host, &go(0, "intro")).await;
    let seated = seats(&base, &code, &[phones[1].clone(), phones[5].clone()]).await;
    assert!(!seated[0].1, "Lene was passed over");
    assert_eq!(seated[1], (1, true), "the other volunteer hosts table 1");
}

#[tokio::test]
async fn the_console_counts_one_table_and_one_host_in_the_singular() {
    let base = spawn_app().await;
    let (code, key) = start_cafe(&base).await;
    let console = |key: String| {
        let (base, code) = (base.clone(), code.clone());
        async move {
            client()
                .get(format!("{base}/m/{code}/styring?k={key}"))
                .header(header::ACCEPT_LANGUAGE, "da")
                .send()
                .await
                .expect("console")
                .text()
                .await
                .expect("html")
                .replace("<!>", "")
        }
    };
    let phones = join_phones(&base, &code, 1).await;
    plain_form(
        &base,
        &code,
        &phones[0],
        &[("handling", "bordvaert"), ("svar", "ja")],
    )
    .await;
    let html = console(key.clone()).await;
    assert!(
        html.contains("Lige nu giver det 1 bord, og 1 har meldt sig som bordvært."),
        "one table, in the singular"
    );
    assert!(html.contains("1 er valgt, og der er 1 bord."));
    assert!(!html.contains("1 borde"));
    let host = ("x-samraad-key", key.as_str());
    ok(&base, &code, host, &go(0, "intro")).await;
    let html = console(key.clone()).await;
    assert!(
        html.contains("Bordene ligger fast: 1 bord og 1 bordvært."),
        "and once the tables are fixed"
    );
}

#[tokio::test]
async fn route_cards_print_for_guests_once_the_cafe_begins_and_only_for_the_host() {
    let base = spawn_app().await;
    let (code, key) = start_cafe(&base).await;
    let host = ("x-samraad-key", key.as_str());
    join_phones(&base, &code, 8).await;
    for name in ["Yusuf", "Amina"] {
        let guest = command(
            "add_guest",
            json!({ "guest": uuid::Uuid::new_v4().to_string(), "name": name }),
        );
        ok(&base, &code, host, &guest).await;
    }
    let cards = |key: String| {
        let (base, code) = (base.clone(), code.clone());
        async move {
            let response = client()
                .get(format!("{base}/m/{code}/bordkort?k={key}&kort=rute"))
                .header(header::ACCEPT_LANGUAGE, "da")
                .send()
                .await
                .expect("route cards");
            (
                response.status(),
                response.text().await.expect("html").replace("<!>", ""),
            )
        }
    };
    let (status, html) = cards(key.clone()).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("Ingen gæster har et rutekort endnu."),
        "before the café"
    );

    ok(&base, &code, host, &go(0, "intro")).await;
    let (_, html) = cards(key.clone()).await;
    assert_eq!(html.matches("class=\"route-card\"").count(), 2);
    let amina = html.find(">Amina<").expect("Amina's card");
    let yusuf = html.find(">Yusuf<").expect("Yusuf's card");
    assert!(amina < yusuf, "alphabetically");
    assert_eq!(
        html.matches("Runde 4").count(),
        2,
        "every round on each card"
    );
    // The console counts the cards (its link to them shows from then on).
    let console = first_frame(&base, &code, host, None).await;
    assert_eq!(console["view"]["cafe"]["route_cards"], 2);
    let (status, _) = cards("forkert-noegle".into()).await;
    assert_ne!(status, StatusCode::OK, "not without the host's key");
}
