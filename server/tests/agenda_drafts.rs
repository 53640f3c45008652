//! Composing an agenda through the plain forms, on a real socket with a fresh in-memory
//! SurrealDB: adapt a template, add a library text, reword, reorder, remove, refuse bad
//! input without losing it, and start a meeting whose copy remembers its source.

use crate::common;

use reqwest::{StatusCode, header};

use common::{client, read_events, spawn_app, stream};

const TEMPLATE: &str = "personalemoede-fem-soejler";

fn location(response: &reqwest::Response) -> String {
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "a redirect");
    response.headers()[header::LOCATION]
        .to_str()
        .expect("location")
        .to_owned()
}

/// Posts one edit of a draft and returns where the form sends the leader.
async fn edit(base: &str, draft: &str, fields: &[(&str, &str)]) -> String {
    let response = client()
        .post(format!("{base}/ny/dagsorden/{draft}"))
        .form(fields)
        .send()
        .await
        .expect("edit");
    location(&response)
}

async fn page(base: &str, path: &str) -> (StatusCode, String) {
    let response = client()
        .get(format!("{base}{path}"))
        .header(header::ACCEPT_LANGUAGE, "da")
        .send()
        .await
        .expect("page");
    let status = response.status();
    (status, response.text().await.expect("body"))
}

/// Begins a draft from the start form: (draft id, composer address).
async fn new_draft(base: &str, fields: &[(&str, &str)]) -> (String, String) {
    let response = client()
        .post(format!("{base}/ny/dagsorden"))
        .form(fields)
        .send()
        .await
        .expect("new draft");
    let composer = location(&response);
    let id = composer
        .strip_prefix("/ny/dagsorden/")
        .and_then(|rest| rest.split('?').next())
        .expect("draft id")
        .to_owned();
    (id, composer)
}

/// Starts a meeting with the draft from the start form: the console's first view.
async fn start_with(base: &str, draft: &str, team: &str, title: &str) -> serde_json::Value {
    let response = client()
        .post(format!("{base}/ny"))
        .form(&[("dagsorden", draft), ("team", team), ("titel", title)])
        .send()
        .await
        .expect("start");
    let console = location(&response);
    let code = console.split('/').nth(2).expect("code").to_owned();
    let key = console
        .split("k=")
        .nth(1)
        .and_then(|rest| rest.split('&').next())
        .expect("key")
        .to_owned();
    let (events, _) = read_events(stream(base, &code, &format!("k={key}"), None).await, 1).await;
    events[0].1["view"].clone()
}

#[tokio::test]
async fn a_leader_adapts_a_template_and_the_meeting_keeps_the_sources() {
    let base = spawn_app().await;
    let library = app::content::library().expect("content");
    let template = library
        .templates
        .iter()
        .find(|t| t.template.id == TEMPLATE)
        .expect("template");
    let first_item = template.steps[0].items[0].clone();
    let (_, first) = library.item(&first_item).expect("item");
    let original = first.da.clone();

    let (draft, composer) = new_draft(
        &base,
        &[
            ("team", "Børnehuset Solsikken – personale"),
            ("titel", "Personalemøde i december"),
            ("skabelon", TEMPLATE),
        ],
    )
    .await;
    // The team and title are kept with the draft, not in the composer's address.
    assert!(
        !composer.contains("team=") && !composer.contains("Personalem"),
        "{composer}"
    );
    let (status, html) = page(&base, &composer).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains(&original),
        "the template's wording is on the page"
    );
    assert!(
        html.contains("Personalemøde i december"),
        "the title is carried along"
    );

    // Add a Ballerup text from the library; the library page is where the leader returns.
    let added = "ballerup-t1-udsagn-1";
    assert!(library.item(added).is_some(), "the test's text exists");
    let from_library = format!("/bibliotek?dagsorden={draft}&soejle=collaboration");
    let back = edit(
        &base,
        &draft,
        &[
            ("handling", "tilfoej"),
            ("tekst", added),
            ("tilbage", &from_library),
        ],
    )
    .await;
    assert_eq!(back, format!("{from_library}#tekst-{added}"));
    let (_, library_html) = page(&base, &from_library).await;
    assert!(
        library_html.contains("På dagsordenen"),
        "the library says it was added"
    );

    let reworded = "Hvad vil vi, at børnene kan, når de går herfra?";
    let steps = template.steps.len();
    for fields in [
        vec![
            ("handling", "ordlyd"),
            ("punkt", "0"),
            ("nr", "0"),
            ("tekst", reworded),
        ],
        // The added text moves up one place, then the second template step goes.
        vec![("handling", "op"), ("punkt", &*steps.to_string())],
        vec![("handling", "fjern"), ("punkt", "1")],
    ] {
        let target = edit(&base, &draft, &fields).await;
        assert!(
            target.starts_with(&format!("/ny/dagsorden/{draft}")),
            "{target}"
        );
        assert!(!target.contains("fejl"), "{fields:?} was refused: {target}");
    }

    // Refusals come back with the reason and what was typed; the draft is unchanged.
    let cpr = "Hvad med barnet 010190-1234?";
    let refused = edit(
        &base,
        &draft,
        &[
            ("handling", "ordlyd"),
            ("punkt", "0"),
            ("nr", "0"),
            ("tekst", cpr),
            ("tilbage", &composer),
        ],
    )
    .await;
    assert!(
        refused.contains("fejl=cpr") && refused.contains("punkt=0"),
        "{refused}"
    );
    // What was typed is kept on the server, not put in the address, and comes back on the
    // page (once).
    assert!(
        refused.contains("utkast=") && !refused.contains("tekst=") && !refused.contains("010190"),
        "{refused}"
    );
    let (_, html) = page(&base, refused.split('#').next().expect("path")).await;
    assert!(html.contains("CPR"), "the page explains the refusal");
    assert!(html.contains("Hvad med"), "what was typed comes back");
    for fields in [
        vec![("handling", "fjern"), ("punkt", "99")],
        vec![
            ("handling", "ordlyd"),
            ("punkt", "x"),
            ("nr", "0"),
            ("tekst", "Hvad?"),
        ],
        vec![("handling", "ukendt")],
        vec![("handling", "tilfoej"), ("tekst", "findes-ikke")],
    ] {
        let target = edit(&base, &draft, &fields).await;
        assert!(
            target.contains("fejl="),
            "{fields:?} was accepted: {target}"
        );
        let (status, html) = page(&base, target.split('#').next().expect("path")).await;
        let said = html
            .split("id=\"dagsorden-fejl\"")
            .nth(1)
            .and_then(|rest| rest.split("</p>").next())
            .unwrap_or("(no refusal paragraph)");
        assert!(
            html.contains("Det punkt er her ikke længere")
                || html.contains("Den tekst findes ikke i biblioteket"),
            "{fields:?}: the page says what was wrong; {status} {target} said: {said}"
        );
    }
    let elsewhere = edit(
        &base,
        &draft,
        &[
            ("handling", "op"),
            ("punkt", "1"),
            ("tilbage", "https://example.com/"),
        ],
    )
    .await;
    assert!(
        elsewhere.starts_with(&format!("/ny/dagsorden/{draft}")),
        "{elsewhere}"
    );
    // That move was applied (a valid edit); put it back.
    edit(&base, &draft, &[("handling", "ned"), ("punkt", "0")]).await;

    // Start the meeting with the draft.
    let view = start_with(
        &base,
        &draft,
        "Børnehuset Solsikken – personale",
        "Personalemøde i december",
    )
    .await;
    let view = &view;
    let question = &view["step"]["questions"][0];
    assert_eq!(question["text"]["da"], reworded);
    assert_eq!(question["source"]["item_id"], first_item.as_str());
    assert_eq!(question["source"]["edited"], true);
    assert_eq!(view["meeting"]["step_count"], steps);
    assert_eq!(
        view["step"]["rules"]["budget"],
        template.template.vote_budget
    );

    // The library's own text is untouched.
    let (_, item_page) = page(&base, &format!("/bibliotek/{first_item}")).await;
    assert!(item_page.contains(&original));
    assert!(!item_page.contains(reworded));
}

#[tokio::test]
async fn an_empty_or_unknown_draft_is_said_plainly() {
    let base = spawn_app().await;
    let (draft, composer) = new_draft(&base, &[("skabelon", "egne"), ("spoergsmaal", "")]).await;
    let (status, html) = page(&base, &composer).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Dagsordenen er tom"));

    let response = client()
        .post(format!("{base}/ny"))
        .form(&[
            ("dagsorden", draft.as_str()),
            ("team", "Team"),
            ("titel", "Møde"),
        ])
        .send()
        .await
        .expect("start");
    let back = location(&response);
    assert!(
        back.starts_with(&format!("/ny/dagsorden/{draft}?startfejl=tom-dagsorden")),
        "{back}"
    );
    let (_, html) = page(&base, &back).await;
    assert!(html.contains("Dagsordenen har ingen punkter endnu"));

    // Typed questions become steps; one over the limit is refused on the start page.
    let (_, composer) = new_draft(
        &base,
        &[
            ("skabelon", "egne"),
            ("spoergsmaal", "Hvad virker?\nHvad nu?"),
        ],
    )
    .await;
    let (_, html) = page(&base, &composer).await;
    assert!(html.contains("Hvad virker?") && html.contains("Hvad nu?"));
    let response = client()
        .post(format!("{base}/ny/dagsorden"))
        .form(&[("skabelon", "findes-ikke")])
        .send()
        .await
        .expect("unknown template");
    assert!(location(&response).starts_with("/ny?fejl=skabelon"));

    let (status, html) = page(&base, "/ny/dagsorden/0123456789abcdef0123456789abcdef").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("Dagsordenen findes ikke"));
    let response = client()
        .post(format!(
            "{base}/ny/dagsorden/0123456789abcdef0123456789abcdef"
        ))
        .form(&[("handling", "egen"), ("tekst", "Hvad?")])
        .send()
        .await
        .expect("edit unknown");
    assert_eq!(
        location(&response),
        "/ny/dagsorden/0123456789abcdef0123456789abcdef"
    );
}

#[tokio::test]
async fn a_leader_composes_a_cafe_with_stations_from_typed_questions_and_library_texts() {
    let base = spawn_app().await;
    let (draft, composer) = new_draft(
        &base,
        &[
            ("skabelon", "egne"),
            (
                "spoergsmaal",
                "Hvordan byder vi nye forældre velkommen?\nHvad vil vi gøre sammen?",
            ),
        ],
    )
    .await;
    for item in ["ballerup-t1-udsagn-1", "ballerup-t1-udsagn-2"] {
        edit(&base, &draft, &[("handling", "tilfoej"), ("tekst", item)]).await;
    }
    // Two statements in one round (stations), two rounds, the plenary step last.
    let back = edit(&base, &draft, &[("handling", "saml"), ("punkt", "3")]).await;
    assert!(back.ends_with("#punkt-3"), "{back}");
    edit(&base, &draft, &[("handling", "runde"), ("punkt", "0")]).await;
    edit(&base, &draft, &[("handling", "runde"), ("punkt", "2")]).await;
    edit(&base, &draft, &[("handling", "ned"), ("punkt", "1")]).await;
    let (_, html) = page(&base, &composer).await;
    assert_eq!(
        html.matches("class=\"draft-round-tag\"").count(),
        2,
        "two rounds marked"
    );
    assert!(html.contains("Gør til plenum") && html.contains("Gør til bordrunde"));
    // Joining the first step with nothing above it is refused and said.
    let refused = edit(&base, &draft, &[("handling", "saml"), ("punkt", "0")]).await;
    assert!(refused.contains("fejl=ukendt-punkt"), "{refused}");

    let view = start_with(
        &base,
        &draft,
        "Skovbrynets Skole – forældre",
        "Forældrecafé i 1. klasse",
    )
    .await;
    assert_eq!(view["meeting"]["cafe"]["rounds"], 2, "a café of two rounds");
    assert_eq!(view["meeting"]["step_count"], 3);
    assert_eq!(
        view["step"]["phases"],
        serde_json::json!(["intro", "reflect", "done"])
    );
    assert!(
        view["cafe"]["harvest"].is_object(),
        "the plenary step after the rounds is the harvest: {}",
        view["cafe"]
    );
}
