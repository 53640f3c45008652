//! The library's filters: which items match a pillar, document, theme, kind, audience and
//! search text. Pure, so the server renders the same list the browser filters instantly.

use super::model::{Audience, Item, ItemKind, PillarId};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LibraryFilter {
    pub pillar: Option<PillarId>,
    pub document: Option<String>,
    pub theme: Option<String>,
    pub kind: Option<ItemKind>,
    pub audience: Option<Audience>,
    /// Words that must all appear, in either language, ignoring case.
    pub text: String,
}

impl LibraryFilter {
    /// Reads the query string of `/bibliotek` (`?soejle=values&type=question&q=forældre`).
    /// Unknown values are ignored rather than refused: a filter link that went stale still
    /// shows the library.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        let non_empty = |key: &str| {
            get(key)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        LibraryFilter {
            pillar: non_empty("soejle").and_then(|v| PillarId::parse(&v)),
            document: non_empty("dokument"),
            theme: non_empty("tema"),
            kind: non_empty("type")
                .and_then(|v| ItemKind::ALL.into_iter().find(|k| k.as_str() == v)),
            audience: non_empty("maalgruppe").and_then(|v| {
                [
                    Audience::Staff,
                    Audience::Parents,
                    Audience::Management,
                    Audience::Mixed,
                ]
                .into_iter()
                .find(|a| a.as_str() == v)
            }),
            text: non_empty("q").unwrap_or_default(),
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == LibraryFilter::default()
    }

    pub fn matches(&self, document_id: &str, item: &Item) -> bool {
        self.pillar.is_none_or(|p| item.pillars.contains(&p))
            && self.document.as_deref().is_none_or(|d| d == document_id)
            && self.theme.as_deref().is_none_or(|t| t == item.theme)
            && self.kind.is_none_or(|k| k == item.kind)
            && self.audience.is_none_or(|a| item.audience.contains(&a))
            && self.matches_text(item)
    }

    fn matches_text(&self, item: &Item) -> bool {
        if self.text.is_empty() {
            return true;
        }
        let mut haystack = format!("{} {}", item.da, item.en);
        for question in &item.reflection {
            haystack.push(' ');
            haystack.push_str(&question.da);
            haystack.push(' ');
            haystack.push_str(&question.en);
        }
        if let Some(lead_in) = &item.lead_in {
            haystack.push(' ');
            haystack.push_str(&lead_in.da);
            haystack.push(' ');
            haystack.push_str(&lead_in.en);
        }
        let haystack = haystack.to_lowercase();
        self.text
            .to_lowercase()
            .split_whitespace()
            .all(|word| haystack.contains(word))
    }
}

impl Audience {
    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Staff => "staff",
            Audience::Parents => "parents",
            Audience::Management => "management",
            Audience::Mixed => "mixed",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::load;

    fn query(pairs: &[(&str, &str)]) -> LibraryFilter {
        LibraryFilter::from_query(|key| {
            pairs
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| (*v).to_owned())
        })
    }

    #[test]
    fn query_strings_parse_and_unknown_values_are_ignored() {
        let filter = query(&[
            ("soejle", "values"),
            ("type", "question"),
            ("q", " Forældre "),
        ]);
        assert_eq!(filter.pillar, Some(PillarId::Values));
        assert_eq!(filter.kind, Some(ItemKind::Question));
        assert_eq!(filter.text, "Forældre");
        assert!(query(&[("soejle", "nonsense"), ("type", "")]).is_empty());
    }

    #[test]
    fn every_filter_narrows_and_the_empty_filter_keeps_everything() {
        let library = load().expect("content loads");
        let all = library.items().count();
        let count = |filter: &LibraryFilter| {
            library
                .items()
                .filter(|(d, i)| filter.matches(&d.document.id, i))
                .count()
        };
        assert_eq!(count(&LibraryFilter::default()), all);
        for pillar in PillarId::ALL {
            let filter = LibraryFilter {
                pillar: Some(pillar),
                ..Default::default()
            };
            let n = count(&filter);
            assert!(n > 0 && n <= all, "{pillar}: {n}");
        }
        let ballerup = LibraryFilter {
            document: Some("ballerup-foraeldre-som-samarbejdspartnere".into()),
            ..Default::default()
        };
        assert_eq!(count(&ballerup), 16);
        let statements = LibraryFilter {
            kind: Some(ItemKind::Statement),
            ..Default::default()
        };
        assert_eq!(count(&statements), 9);
    }

    #[test]
    fn text_search_ignores_case_and_needs_every_word() {
        let library = load().expect("content loads");
        let (document, item) = library.items().next().expect("an item");
        let word = item
            .da
            .split_whitespace()
            .next()
            .expect("a word")
            .to_uppercase();
        let filter = LibraryFilter {
            text: word,
            ..Default::default()
        };
        assert!(filter.matches(&document.document.id, item));
        let filter = LibraryFilter {
            text: "zzzqqq".into(),
            ..Default::default()
        };
        assert!(!filter.matches(&document.document.id, item));
    }
}
