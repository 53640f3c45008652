//! Following up across two meetings of a team, over real sockets: the second meeting, started
//! with *Start med opfølgning*, opens with the first meeting's open actions; a phone answers
//! the action on the screen with a plain form; the host sets its status; the team's board
//! shows the new status with the meeting it was set in, written with the event; the record
//! keeps it. Without the box, no follow-up step.

use crate::common;

use reqwest::{StatusCode, header};
use serde_json::json;

use common::{client, command, cookie_pair, host_command, start_meeting_as};

async fn text(base: &str, path: &str) -> String {
    common::page_text(base, path, None).await
}

async fn start_next(base: &str, key: &str, follow_up: bool) -> String {
    let mut fields = vec![
        ("team", ""),
        ("titel", "Personalemøde i januar"),
        ("skabelon", "egne"),
        ("spoergsmaal", "Hvad tager vi med?"),
        ("k", key),
    ];
    if follow_up {
        fields.push(("opfoelgning", "ja"));
    }
    common::start_meeting_form(base, &fields).await.0
}

#[tokio::test]
async fn the_next_meeting_follows_up_the_open_actions_and_the_board_follows() {
    let db = common::memory_db().await;
    let base = common::spawn_app_on(db.clone()).await;
    let (first, key) = start_meeting_as(
        &base,
        "Børnehuset Solsikken",
        "Personalemøde i december",
        "Hvad lykkedes?",
    )
    .await;
    host_command(
        &base,
        &first,
        &key,
        &command("go_to", json!({ "step": 0, "phase": "agree" })),
    )
    .await;
    let (later, undated) = (
        uuid::Uuid::new_v4().to_string(),
        uuid::Uuid::new_v4().to_string(),
    );
    for (id, what, due) in [
        (&later, "Nyt ugeskema med billeder", Some("2099-03-01")),
        (&undated, "Forældrekaffe hver anden fredag", None),
    ] {
        host_command(
            &base,
            &first,
            &key,
            &command(
                "record_action",
                json!({ "action": id, "what": what, "owner": "Stuepædagogerne", "due": due }),
            ),
        )
        .await;
    }

    let second = start_next(&base, &key, true).await;
    let console = text(&base, &format!("/m/{second}/styring?k={key}")).await;
    assert!(console.contains("Opfølgning på aftaler"), "the first step");
    assert!(console.contains("Forældrekaffe hver anden fredag"));
    // The board's order: by due date, none last. Item 1 is the coffee.
    host_command(
        &base,
        &second,
        &key,
        &command("go_to", json!({ "step": 0, "phase": "agree" })),
    )
    .await;
    host_command(
        &base,
        &second,
        &key,
        &command("show_follow_up", json!({ "item": 1 })),
    )
    .await;

    // A phone without JavaScript joins and answers with the plain form.
    let joined = client()
        .post(format!("{base}/m/{second}/handling"))
        .form(&[
            ("handling", "deltag"),
            ("id", &uuid::Uuid::new_v4().to_string()),
        ])
        .send()
        .await
        .expect("join");
    let cookie = cookie_pair(&joined);
    let phone = common::page_text(&base, &format!("/m/{second}"), Some(&cookie)).await;
    assert!(phone.contains("Forældrekaffe hver anden fredag") && phone.contains("Aftale 2 af 2"));
    let answered = client()
        .post(format!("{base}/m/{second}/handling"))
        .header(header::COOKIE, &cookie)
        .form(&[
            ("handling", "opfoelgning"),
            ("punkt", "1"),
            ("svar", "done"),
            ("id", &uuid::Uuid::new_v4().to_string()),
        ])
        .send()
        .await
        .expect("answer");
    assert_eq!(answered.status(), StatusCode::SEE_OTHER);
    let location = answered.headers()[header::LOCATION]
        .to_str()
        .expect("location");
    assert!(
        location.ends_with("#opfoelgning") && !location.contains("fejl"),
        "{location}"
    );
    // The action that is not on the screen is refused, with the reason.
    let refused = client()
        .post(format!("{base}/m/{second}/handling"))
        .header(header::COOKIE, &cookie)
        .form(&[
            ("handling", "opfoelgning"),
            ("punkt", "0"),
            ("svar", "drop"),
            ("id", &uuid::Uuid::new_v4().to_string()),
        ])
        .send()
        .await
        .expect("answer");
    let location = refused.headers()[header::LOCATION]
        .to_str()
        .expect("location");
    assert!(location.contains("follow_up_not_shown"), "{location}");

    host_command(
        &base,
        &second,
        &key,
        &command(
            "set_follow_up_status",
            json!({ "item": 1, "status": "done" }),
        ),
    )
    .await;

    // The board has it, from the same transaction as the event, with where it was set.
    let mut response = db
        .query("SELECT VALUE status FROM action WHERE action_id = $id;")
        .bind(("id", undated.clone()))
        .await
        .expect("read")
        .check()
        .expect("ok");
    let statuses: Vec<String> = response.take(0).expect("status");
    assert_eq!(statuses, vec!["done".to_owned()]);
    let board = text(&base, &format!("/team?k={key}&status=alle")).await;
    assert!(
        board.contains("på mødet »Personalemøde i januar«: Status: Udført"),
        "the history says where"
    );
    let record = text(&base, &format!("/m/{second}/referat?k={key}")).await;
    assert!(record.contains("Opfølgning på aftaler") && record.contains("sat på dette møde"));
    let minutes = text(&base, &format!("/m/{second}/eksport/referat.md?k={key}")).await;
    assert!(
        minutes.contains("- Forældrekaffe hver anden fredag – Status: Udført"),
        "{minutes}"
    );

    // Without the box: no follow-up step.
    let third = start_next(&base, &key, false).await;
    let console = text(&base, &format!("/m/{third}/styring?k={key}")).await;
    assert!(!console.contains("Opfølgning på aftaler"));
}
