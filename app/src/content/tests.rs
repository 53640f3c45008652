//! Tests over the content files: the rules of `load`, the per-document counts, and fidelity to
//! the source documents (copies under `app/content/sources/`).

use std::collections::BTreeMap;

use super::{
    check_text, load,
    model::{ItemKind, PillarId},
};

fn library() -> super::Library {
    match load() {
        Ok(library) => library,
        Err(problems) => {
            let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
            panic!("content has problems:\n{}", list.join("\n"))
        }
    }
}

#[test]
fn every_content_file_loads_and_passes_its_checks() {
    let library = library();
    assert_eq!(library.documents.len(), 5);
    assert_eq!(library.model.pillars.len(), 5);
    assert_eq!(library.templates.len(), 4);
}

#[test]
fn the_staff_template_has_one_step_per_pillar() {
    let library = library();
    let staff = &library.templates[0];
    assert_eq!(staff.template.id, "personalemoede-fem-soejler");
    let pillars: Vec<PillarId> = staff.steps.iter().map(|s| s.pillars[0]).collect();
    assert_eq!(pillars, PillarId::ALL[..5]);
    assert!((60..=90).contains(&staff.template.duration_minutes));
}

#[test]
fn each_document_holds_what_it_should() {
    let library = library();
    let counts = |id: &str| -> BTreeMap<ItemKind, usize> {
        let document = library
            .documents
            .iter()
            .find(|d| d.document.id == id)
            .unwrap_or_else(|| panic!("document {id}"));
        let mut counts = BTreeMap::new();
        for item in &document.items {
            *counts.entry(item.kind).or_default() += 1;
        }
        counts
    };
    EXPECTED_COUNTS.iter().for_each(|(id, expected)| {
        let expected: BTreeMap<ItemKind, usize> = expected.iter().copied().collect();
        assert_eq!(counts(id), expected, "{id}");
    });
}

/// Counted by hand in each source document.
const EXPECTED_COUNTS: &[(&str, &[(ItemKind, usize)])] = &[
    (
        "dagtilbud-faelles-ansvar",
        &[(ItemKind::MainPoint, 1), (ItemKind::Commitment, 4)],
    ),
    (
        "kl-godt-paa-vej",
        &[
            (ItemKind::Question, 23),
            (ItemKind::MainPoint, 23),
            (ItemKind::Recommendation, 9),
        ],
    ),
    (
        "aarhus-staerkere-laeringsfaellesskaber",
        &[(ItemKind::Question, 4)],
    ),
    (
        "randers-boerne-og-laeringssyn",
        &[(ItemKind::Commitment, 12)],
    ),
    (
        "ballerup-foraeldre-som-samarbejdspartnere",
        &[(ItemKind::Statement, 9), (ItemKind::Role, 7)],
    ),
];

#[test]
fn the_aarhus_questions_are_the_learning_pillars_guiding_questions() {
    let library = library();
    let learning = &library.model.pillars[0];
    assert_eq!(learning.id, PillarId::Learning);
    let aarhus: Vec<&str> = library
        .items()
        .filter(|(d, _)| d.document.id == "aarhus-staerkere-laeringsfaellesskaber")
        .map(|(_, item)| item.da.as_str())
        .collect();
    let guiding: Vec<&str> = learning
        .guiding_questions
        .iter()
        .map(|q| q.da.as_str())
        .collect();
    assert_eq!(aarhus, guiding);
}

#[test]
fn every_pillar_has_items() {
    let library = library();
    for pillar in PillarId::ALL {
        assert!(
            library
                .items()
                .any(|(_, item)| item.pillars.contains(&pillar)),
            "no item is tagged {pillar}"
        );
    }
}

/// Folds what PDF layout changes: whitespace and hyphens. A text taken over faithfully is found
/// in its folded source; one with a changed word is not.
fn fold(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '\u{ad}')
        .collect()
}

fn source(file: &str) -> String {
    let path = format!("{}/content/sources/{file}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"))
}

#[test]
fn every_danish_text_is_found_in_its_source_document() {
    let library = library();
    let mut missing = Vec::new();
    for document in &library.documents {
        let folded_source = fold(&source(&document.document.source_file));
        for item in &document.items {
            let mut texts = vec![item.da.clone()];
            texts.extend(item.reflection.iter().map(|q| q.da.clone()));
            texts.extend(item.lead_in.iter().map(|l| l.da.clone()));
            for text in texts {
                // Undo the listed repairs: the source has the garbled original.
                let as_published = item
                    .repairs
                    .iter()
                    .fold(text.clone(), |t, r| t.replace(&r.repaired, &r.original));
                if !folded_source.contains(&fold(&as_published)) {
                    missing.push(format!("{}: {text}", item.id));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "not found in the source:\n{}",
        missing.join("\n")
    );
}

#[test]
fn the_fidelity_check_catches_a_changed_word() {
    let folded = fold(&source("003_90d2db840338884c.txt"));
    assert!(folded.contains(&fold("et fælles børne- og læringssyn")));
    assert!(!folded.contains(&fold("et fælles børne- og undervisningssyn")));
}

#[test]
fn text_rules_catch_pdf_artefacts() {
    assert!(check_text("Hvordan samarbejder vi?").is_ok());
    assert!(check_text("et fælles børne- og læringssyn").is_ok());
    assert!(check_text("samar- bejde med forældre").is_err());
    assert!(check_text("to  mellemrum").is_err());
    assert!(check_text("linje\nskift").is_err());
    assert!(check_text("").is_err());
    assert!(check_text(" kant").is_err());
}
