//! What typed text becomes before any rule looks at it: the characters that carry no text
//! (control characters, bidi overrides, zero-width and filler characters) are removed, odd
//! spaces and line separators become plain ones, and a text with nothing visible left is
//! empty. Real text in any script is kept as typed: joiners inside Arabic, Persian or Indic
//! words and emoji sequences stay, and so do right-to-left marks.

/// Characters that are removed wherever they stand: they change how text is shown (bidi
/// embeddings, overrides and isolates can make an answer read backwards on the projector)
/// or show nothing at all (zero-width space, word joiner, byte-order mark, Hangul fillers).
fn is_removed(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'              // soft hyphen
            | '\u{034F}'        // combining grapheme joiner
            | '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}' // Hangul fillers
            | '\u{17B4}' | '\u{17B5}' // Khmer inherent vowels (invisible)
            | '\u{180E}'        // Mongolian vowel separator
            | '\u{200B}'        // zero-width space
            | '\u{202A}'..='\u{202E}' // bidi embeddings and overrides
            | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
            | '\u{2066}'..='\u{2069}' // bidi isolates
            | '\u{206A}'..='\u{206F}' // deprecated format characters
            | '\u{FEFF}'        // byte-order mark / zero-width no-break space
            | '\u{FFF9}'..='\u{FFFB}' // interlinear annotation
            | '\u{1D173}'..='\u{1D17A}' // musical formatting
            | '\u{E0001}' | '\u{E0020}'..='\u{E007F}' // tags
    ) || (c.is_control() && c != '\n')
}

/// Characters that are kept inside real text but are not, on their own, something to read:
/// a text made only of these and spaces counts as empty.
fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200C}' | '\u{200D}' // zero-width (non-)joiner: needed inside words
                | '\u{200E}' | '\u{200F}' | '\u{061C}' // direction marks
                | '\u{2800}'        // Braille blank
                | '\u{FE00}'..='\u{FE0F}' // variation selectors
                | '\u{E0100}'..='\u{E01EF}'
        )
}

/// Cleans a typed text. `multiline` keeps line breaks (at most one empty line in a row);
/// otherwise every line break becomes a space. Leading and trailing space is removed.
pub fn clean(typed: &str, multiline: bool) -> String {
    let mut out = String::with_capacity(typed.len());
    let mut newlines = 0usize;
    let mut chars = typed.chars().peekable();
    while let Some(c) = chars.next() {
        let c = match c {
            '\r' if chars.peek() == Some(&'\n') => continue,
            '\r' | '\u{0085}' | '\u{2028}' | '\u{2029}' | '\u{000B}' | '\u{000C}' => '\n',
            '\t' => ' ',
            c if c != '\n' && c.is_whitespace() => ' ',
            c => c,
        };
        if c == '\n' {
            if !multiline {
                out.push(' ');
                continue;
            }
            newlines += 1;
            if newlines <= 2 {
                out.push('\n');
            }
            continue;
        }
        if is_removed(c) {
            continue;
        }
        if c != ' ' {
            newlines = 0;
        }
        out.push(c);
    }
    let trimmed = out.trim();
    if trimmed.chars().all(is_invisible) {
        return String::new();
    }
    // Spaces at the ends of lines are invisible and would only count against the limit.
    trimmed
        .split('\n')
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::clean;
    use proptest::prelude::*;

    fn forbidden(c: char) -> bool {
        (c.is_control() && c != '\n')
            || ('\u{202A}'..='\u{202E}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    }

    #[test]
    fn text_of_nothing_visible_is_empty() {
        for blank in [
            "\u{200B}\u{200B}",
            " \u{FEFF} ",
            "\u{2060}\n\u{200D}",
            "\u{3164}",
            "\u{2800} \u{200E}",
            "\u{0000}",
            "\u{202E}",
            "\u{00A0}\u{2003}\u{3000}",
        ] {
            assert_eq!(clean(blank, true), "", "{blank:?}");
        }
    }

    #[test]
    fn overrides_controls_and_zero_width_spaces_go() {
        assert_eq!(clean("abc\u{202E}def", true), "abcdef");
        assert_eq!(clean("a\u{0000}b\u{0007}c", true), "abc");
        assert_eq!(
            clean("hej\u{200B}med\u{2066}dig\u{2069}", true),
            "hejmeddig"
        );
        assert_eq!(clean("a\u{00A0}b\u{2009}c\td", true), "a b c d");
    }

    #[test]
    fn real_text_in_any_script_is_kept() {
        for text in [
            "Børnene leger i sandkassen",
            "می‌خواهم", // Persian with a zero-width non-joiner
            "مرحبا بكم",
            "שלום",
            "क्‍ष",         // Devanagari with a zero-width joiner
            "👩‍👩‍👧 familie", // an emoji family sequence
            "Привет",
            "你好",
            "❤️",
        ] {
            assert_eq!(clean(text, true), text);
        }
    }

    #[test]
    fn line_breaks_are_kept_only_where_they_belong() {
        assert_eq!(clean("a\r\nb\rc\u{2028}d", true), "a\nb\nc\nd");
        assert_eq!(clean("a\n\n\n\n\nb", true), "a\n\nb");
        assert_eq!(clean("a  \nb", true), "a\nb");
        assert_eq!(clean("Titel\npå to linjer", false), "Titel på to linjer");
    }

    proptest! {
        #[test]
        fn cleaning_is_idempotent_and_never_leaves_controls(text in any::<String>(), multiline in any::<bool>()) {
            let once = clean(&text, multiline);
            prop_assert_eq!(clean(&once, multiline), once.clone());
            prop_assert!(!once.chars().any(forbidden));
            prop_assert!(multiline || !once.contains('\n'));
            prop_assert_eq!(once.trim(), once.as_str());
        }
    }
}
