//! The content's types: the five pillars, the source documents and their items. Plain data,
//! shared by the server (which loads it) and the browser (which shows and filters it).

use std::fmt;

use serde::{Deserialize, Serialize};

/// A text in both languages. Danish is the original; English is a faithful translation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Localized {
    pub da: String,
    pub en: String,
}

impl Localized {
    pub fn in_english(&self, english: bool) -> &str {
        if english { &self.en } else { &self.da }
    }
}

/// The five pillars and the foundation they stand on (glossary ids).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PillarId {
    Learning,
    Values,
    Collaboration,
    Dialogue,
    Judgement,
    Foundation,
}

impl PillarId {
    pub const ALL: [PillarId; 6] = [
        PillarId::Learning,
        PillarId::Values,
        PillarId::Collaboration,
        PillarId::Dialogue,
        PillarId::Judgement,
        PillarId::Foundation,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PillarId::Learning => "learning",
            PillarId::Values => "values",
            PillarId::Collaboration => "collaboration",
            PillarId::Dialogue => "dialogue",
            PillarId::Judgement => "judgement",
            PillarId::Foundation => "foundation",
        }
    }

    pub fn parse(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == id)
    }
}

impl fmt::Display for PillarId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What an item of a source document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// A reflection question (KL's Refleksionsspørgsmål, Aarhus's guiding questions).
    Question,
    /// Ballerup's Udsagn, with its reflection questions.
    Statement,
    /// Randers's "Det betyder at…" and the daycare text's commitments.
    Commitment,
    /// KL anbefaler.
    Recommendation,
    /// KL's Hovedpointer, the daycare text's core statement.
    MainPoint,
    /// Ballerup's description of a role (professionals, parents).
    Role,
}

impl ItemKind {
    pub const ALL: [ItemKind; 6] = [
        ItemKind::Question,
        ItemKind::Statement,
        ItemKind::Commitment,
        ItemKind::Recommendation,
        ItemKind::MainPoint,
        ItemKind::Role,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Question => "question",
            ItemKind::Statement => "statement",
            ItemKind::Commitment => "commitment",
            ItemKind::Recommendation => "recommendation",
            ItemKind::MainPoint => "main_point",
            ItemKind::Role => "role",
        }
    }
}

/// Who an item speaks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    Staff,
    Parents,
    Management,
    Mixed,
}

/// Where a text comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRef {
    pub document: String,
    pub section: String,
}

/// A garbled word of the PDF extraction, repaired on purpose; the original is kept beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Repair {
    pub original: String,
    pub repaired: String,
}

/// The model of *Stærkere Læringsfællesskaber* (`content/pillars.toml`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PillarModel {
    pub model: ModelInfo,
    #[serde(rename = "pillar")]
    pub pillars: Vec<Pillar>,
    pub foundation: Foundation,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelInfo {
    pub title: Localized,
    /// Why the model exists: its three outcomes.
    pub outcomes: Vec<Localized>,
    pub source: SourceRef,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pillar {
    pub id: PillarId,
    pub order: u32,
    pub name: Localized,
    pub description: Localized,
    #[serde(default)]
    pub guiding_questions: Vec<Localized>,
    pub source: SourceRef,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Foundation {
    pub id: PillarId,
    pub name: Localized,
    pub description: Localized,
    pub elements: Vec<FoundationElement>,
    pub source: SourceRef,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FoundationElement {
    pub id: String,
    pub da: String,
    pub en: String,
}

/// One source document with its themes and items (`content/documents/*.toml`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub document: DocumentInfo,
    #[serde(rename = "theme", default)]
    pub themes: Vec<Theme>,
    #[serde(rename = "item", default)]
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentInfo {
    pub id: String,
    pub title: String,
    pub publisher: String,
    #[serde(default)]
    pub year: Option<u16>,
    pub source_file: String,
    /// How many items of each kind the document holds; the loader checks the items against it.
    pub counts: std::collections::BTreeMap<ItemKind, usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    pub id: String,
    pub order: u32,
    pub title: Localized,
    /// Set where the theme is itself one of the pillars.
    #[serde(default)]
    pub pillar: Option<PillarId>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: String,
    pub kind: ItemKind,
    pub theme: String,
    /// The heading in the source under which the text stands.
    pub section: String,
    pub order: u32,
    pub pillars: Vec<PillarId>,
    pub audience: Vec<Audience>,
    pub da: String,
    pub en: String,
    /// The sentence a fragment completes, where the source sets a bullet between them (KL's
    /// main points: "Forældrene har ansvar for at" + "gøre deres bedste …").
    #[serde(default)]
    pub lead_in: Option<Localized>,
    /// A statement's reflection questions (Ballerup's "Refleksion").
    #[serde(default)]
    pub reflection: Vec<Localized>,
    #[serde(default)]
    pub repairs: Vec<Repair>,
}
