//! Reads the content files compiled into the binary and checks every rule a consultant's edit
//! could break. The server loads the library at start and refuses to start on a broken file,
//! naming the file, the item and the problem.

use std::{
    collections::{BTreeMap, BTreeSet},
    sync::OnceLock,
};

use super::{
    model::{Document, Item, ItemKind, PillarId, PillarModel},
    template::Template,
};

const PILLARS: (&str, &str) = ("pillars.toml", include_str!("../../content/pillars.toml"));

/// The source documents, in the order the library lists them.
const DOCUMENTS: &[(&str, &str)] = &[
    (
        "dagtilbud-faelles-ansvar.toml",
        include_str!("../../content/documents/dagtilbud-faelles-ansvar.toml"),
    ),
    (
        "kl-godt-paa-vej.toml",
        include_str!("../../content/documents/kl-godt-paa-vej.toml"),
    ),
    (
        "aarhus-staerkere-laeringsfaellesskaber.toml",
        include_str!("../../content/documents/aarhus-staerkere-laeringsfaellesskaber.toml"),
    ),
    (
        "randers-boerne-og-laeringssyn.toml",
        include_str!("../../content/documents/randers-boerne-og-laeringssyn.toml"),
    ),
    (
        "ballerup-foraeldre-som-samarbejdspartnere.toml",
        include_str!("../../content/documents/ballerup-foraeldre-som-samarbejdspartnere.toml"),
    ),
];

/// The built-in meeting templates, in the order the template page lists them.
const TEMPLATES: &[(&str, &str)] = &[
    (
        "personalemoede-fem-soejler.toml",
        include_str!("../../content/templates/personalemoede-fem-soejler.toml"),
    ),
    (
        "foraeldrecafe-samarbejdspartnere.toml",
        include_str!("../../content/templates/foraeldrecafe-samarbejdspartnere.toml"),
    ),
    (
        "godt-paa-vej.toml",
        include_str!("../../content/templates/godt-paa-vej.toml"),
    ),
    (
        "faelles-boerne-og-laeringssyn.toml",
        include_str!("../../content/templates/faelles-boerne-og-laeringssyn.toml"),
    ),
];

/// Everything Samråd knows from the source documents.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Library {
    pub model: PillarModel,
    pub documents: Vec<Document>,
    pub templates: Vec<Template>,
}

impl Library {
    pub fn items(&self) -> impl Iterator<Item = (&Document, &Item)> {
        self.documents
            .iter()
            .flat_map(|document| document.items.iter().map(move |item| (document, item)))
    }

    pub fn item(&self, id: &str) -> Option<(&Document, &Item)> {
        self.items().find(|(_, item)| item.id == id)
    }
}

/// One thing wrong with a content file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("content/{file}: {problem}")]
pub struct ContentError {
    pub file: String,
    pub problem: String,
}

/// The library, parsed and checked once per process.
pub fn library() -> Result<&'static Library, &'static [ContentError]> {
    static LIBRARY: OnceLock<Result<Library, Vec<ContentError>>> = OnceLock::new();
    LIBRARY.get_or_init(load).as_ref().map_err(Vec::as_slice)
}

/// Parses and checks every content file, collecting all problems rather than the first.
pub fn load() -> Result<Library, Vec<ContentError>> {
    let mut problems = Vec::new();
    let model = parse::<PillarModel>(PILLARS.0, PILLARS.1, &mut problems);
    let documents: Vec<Document> = DOCUMENTS
        .iter()
        .filter_map(|(file, text)| parse::<Document>(file, text, &mut problems))
        .collect();
    if let Some(model) = &model {
        check_model(model, &mut problems);
    }
    check_documents(&documents, &mut problems);
    let templates: Vec<Template> = TEMPLATES
        .iter()
        .filter_map(|(file, text)| parse::<Template>(file, text, &mut problems))
        .collect();
    check_templates(&templates, &documents, &mut problems);
    match model {
        Some(model) if problems.is_empty() => Ok(Library {
            model,
            documents,
            templates,
        }),
        _ => Err(problems),
    }
}

fn parse<T: serde::de::DeserializeOwned>(
    file: &str,
    text: &str,
    problems: &mut Vec<ContentError>,
) -> Option<T> {
    toml::from_str(text)
        .map_err(|error| {
            problems.push(ContentError {
                file: file.to_owned(),
                problem: error.to_string(),
            })
        })
        .ok()
}

fn problem(problems: &mut Vec<ContentError>, file: &str, text: String) {
    problems.push(ContentError {
        file: file.to_owned(),
        problem: text,
    });
}

fn check_model(model: &PillarModel, problems: &mut Vec<ContentError>) {
    let file = PILLARS.0;
    let ids: Vec<PillarId> = model.pillars.iter().map(|p| p.id).collect();
    if ids != PillarId::ALL[..5] {
        problem(
            problems,
            file,
            format!("expected the five pillars in order, found {ids:?}"),
        );
    }
    if model.foundation.id != PillarId::Foundation {
        problem(
            problems,
            file,
            "the foundation must have id \"foundation\"".into(),
        );
    }
    if model.model.outcomes.len() != 3 {
        problem(problems, file, "the model has three outcomes".into());
    }
    let learning = model.pillars.iter().find(|p| p.id == PillarId::Learning);
    if learning.is_none_or(|p| p.guiding_questions.len() != 4) {
        problem(
            problems,
            file,
            "the learning pillar has four guiding questions".into(),
        );
    }
    let mut texts: Vec<(&str, &str)> = vec![];
    for pillar in &model.pillars {
        texts.push(("name", &pillar.name.da));
        texts.push(("name", &pillar.name.en));
        for question in &pillar.guiding_questions {
            texts.push(("guiding question", &question.da));
            texts.push(("guiding question", &question.en));
        }
    }
    for (what, text) in texts {
        if let Err(why) = check_text(text) {
            problem(problems, file, format!("{what} {text:?}: {why}"));
        }
    }
}

/// A file's id is its name, so a consultant finds the file from an id in a message.
fn check_id_is_file_name(what: &str, id: &str, file: &str, problems: &mut Vec<ContentError>) {
    let expected = file.trim_end_matches(".toml");
    if id != expected {
        problem(
            problems,
            file,
            format!("{what} id must be {expected:?} (the file name)"),
        );
    }
}

fn check_documents(documents: &[Document], problems: &mut Vec<ContentError>) {
    let mut seen_ids = BTreeSet::new();
    for (document, (file, _)) in documents.iter().zip(DOCUMENTS) {
        check_id_is_file_name("document", &document.document.id, file, problems);
        if !seen_ids.insert(document.document.id.clone()) {
            problem(
                problems,
                file,
                format!("id {:?} is used twice", document.document.id),
            );
        }
        let theme_ids: BTreeSet<&str> = document.themes.iter().map(|t| t.id.as_str()).collect();
        for theme in &document.themes {
            if !seen_ids.insert(theme.id.clone()) {
                problem(problems, file, format!("id {:?} is used twice", theme.id));
            }
        }
        let mut counts: BTreeMap<ItemKind, usize> = BTreeMap::new();
        for item in &document.items {
            *counts.entry(item.kind).or_default() += 1;
            if !seen_ids.insert(item.id.clone()) {
                problem(problems, file, format!("id {:?} is used twice", item.id));
            }
            for why in check_item(item, &theme_ids) {
                problem(problems, file, format!("item {}: {why}", item.id));
            }
        }
        if counts != document.document.counts {
            problem(
                problems,
                file,
                format!(
                    "counts say {:?} but the items are {counts:?}",
                    document.document.counts
                ),
            );
        }
    }
}

fn check_templates(
    templates: &[Template],
    documents: &[Document],
    problems: &mut Vec<ContentError>,
) {
    let item_ids: BTreeSet<&str> = documents
        .iter()
        .flat_map(|d| d.items.iter().map(|i| i.id.as_str()))
        .collect();
    for (template, (file, _)) in templates.iter().zip(TEMPLATES) {
        check_id_is_file_name("template", &template.template.id, file, problems);
        for why in template.problems(|id| item_ids.contains(id)) {
            problem(problems, file, why);
        }
        let info = &template.template;
        let mut texts = vec![
            &info.name,
            &info.summary,
            &info.welcome_notes,
            &info.closing_notes,
        ];
        for step in &template.steps {
            texts.push(&step.theme);
            texts.push(&step.notes);
        }
        for text in texts {
            for language in [&text.da, &text.en] {
                if let Err(why) = check_text(language) {
                    problem(problems, file, format!("{language:?}: {why}"));
                }
            }
        }
    }
}

fn check_item(item: &Item, theme_ids: &BTreeSet<&str>) -> Vec<String> {
    let mut problems = Vec::new();
    if !is_stable_id(&item.id) {
        problems.push("ids are lowercase ascii letters, digits and hyphens".into());
    }
    if !theme_ids.contains(item.theme.as_str()) {
        problems.push(format!(
            "theme {:?} is not a theme of this document",
            item.theme
        ));
    }
    if item.pillars.is_empty() {
        problems.push("needs at least one pillar".into());
    }
    if item.audience.is_empty() {
        problems.push("needs at least one audience".into());
    }
    if item.section.trim().is_empty() {
        problems.push("needs the section it stands under in the source".into());
    }
    match (item.kind, item.reflection.is_empty()) {
        (ItemKind::Statement, true) => {
            problems.push("a statement needs its reflection questions".into())
        }
        (kind, false) if kind != ItemKind::Statement => {
            problems.push("only statements have reflection questions".into())
        }
        _ => {}
    }
    let mut texts = vec![("da", item.da.as_str()), ("en", item.en.as_str())];
    for question in &item.reflection {
        texts.push(("reflection da", &question.da));
        texts.push(("reflection en", &question.en));
    }
    if let Some(lead_in) = &item.lead_in {
        texts.push(("lead_in da", &lead_in.da));
        texts.push(("lead_in en", &lead_in.en));
    }
    for (field, text) in texts {
        if let Err(why) = check_text(text) {
            problems.push(format!("{field}: {why}"));
        }
    }
    problems
}

fn is_stable_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Words after which a trailing hyphen is Danish grammar ("børne- og læringssyn"), not a
/// leftover of the PDF's line breaks.
const SUSPENDED_COMPOUND_JOINERS: &[&str] = &["og", "eller", "samt", "til", "som", "and", "or"];

/// A text as shown to people: no layout artefacts of the PDF extraction.
pub fn check_text(text: &str) -> Result<(), String> {
    if text.trim().is_empty() {
        return Err("is empty".into());
    }
    if text.trim() != text {
        return Err("has spaces at the start or end".into());
    }
    if text.contains('\n') || text.contains('\r') {
        return Err("has a line break".into());
    }
    if text.contains("  ") {
        return Err("has a double space".into());
    }
    if text.contains('\u{ad}') {
        return Err("has a soft hyphen".into());
    }
    let words: Vec<&str> = text.split(' ').collect();
    for pair in words.windows(2) {
        let ends_hyphenated = pair[0].len() > 1
            && pair[0].ends_with('-')
            && pair[0][..pair[0].len() - 1]
                .chars()
                .last()
                .is_some_and(char::is_alphabetic);
        if ends_hyphenated && !SUSPENDED_COMPOUND_JOINERS.contains(&pair[1]) {
            return Err(format!(
                "looks like leftover hyphenation: {:?}",
                pair.join(" ")
            ));
        }
    }
    Ok(())
}
