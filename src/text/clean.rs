//! Text from strangers made safe to show and draw. A link, a kit or campaign file and a
//! spreadsheet row can carry characters that change how text *looks* without being visible:
//! bidirectional overrides and isolates (U+202E makes "NKB" display as "BKN"), and C0/C1
//! control characters (BEL, ESC, NUL…), which a canvas draws as boxes and a terminal obeys.
//! They are removed from every such text as it is read ([`clean_line`], [`clean_text`]), and
//! again from every value a template draws (`template::fill_placeholders`).
//!
//! Zero-width joiners and non-joiners stay: emoji sequences and Indic scripts need them.

use std::borrow::Cow;

/// A bidirectional formatting character: embeddings, overrides, isolates, and the marks
/// (LRM, RLM, ALM), which only steer the others' effect.
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// A character never shown: C0 controls, DEL, C1 controls and the bidi controls.
fn is_unsafe(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// Is `text` already clean for a text that may hold line breaks ([`clean_text`] leaves it
/// as it is)?
pub fn is_clean_text(text: &str) -> bool {
    !text
        .chars()
        .any(|c| (is_unsafe(c) && c != '\n') || matches!(c, '\u{2028}' | '\u{2029}'))
}

/// A multi-line text (a caption, a poster's body): line breaks kept (CR LF, CR and the Unicode
/// line and paragraph separators become "\n"), a tab becomes a space, every other control and
/// bidi character is removed.
pub fn clean_text(text: &str) -> Cow<'_, str> {
    if is_clean_text(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\n' | '\u{2028}' | '\u{2029}' => out.push('\n'),
            '\t' => out.push(' '),
            c if is_unsafe(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A one-line text (an agency's name, a person's name, a hashtag): [`clean_text`], with line
/// breaks as spaces.
pub fn clean_line(text: &str) -> Cow<'_, str> {
    match clean_text(text) {
        Cow::Borrowed(t) if !t.contains('\n') => Cow::Borrowed(t),
        cleaned => Cow::Owned(cleaned.replace('\n', " ")),
    }
}

/// serde `deserialize_with` for a one-line text field read from a file or link.
pub fn de_line<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let text = <String as serde::Deserialize>::deserialize(d)?;
    Ok(clean_line(&text).into_owned())
}

/// serde `deserialize_with` for a multi-line text field read from a file or link.
pub fn de_text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let text = <String as serde::Deserialize>::deserialize(d)?;
    Ok(clean_text(&text).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_and_isolates_are_removed() {
        // "BKN" written backwards under a right-to-left override shows as "BKN".
        assert_eq!(clean_line("\u{202E}NKB\u{202C}"), "NKB");
        assert_eq!(clean_line("a\u{2066}b\u{2067}c\u{2068}d\u{2069}e"), "abcde");
        assert_eq!(clean_line("x\u{200E}y\u{200F}z\u{061C}"), "xyz");
        for c in ['\u{202A}', '\u{202B}', '\u{202D}'] {
            assert_eq!(clean_line(&format!("A{c}B")), "AB");
        }
    }

    #[test]
    fn controls_are_removed_and_line_breaks_kept_where_they_belong() {
        assert_eq!(
            clean_line("Badan\u{7}\u{1b}[31m\u{0}Kepegawaian"),
            "Badan[31mKepegawaian"
        );
        assert_eq!(clean_line("a\u{7f}b\u{85}c\u{9b}d"), "abcd");
        assert_eq!(
            clean_text("baris 1\r\nbaris 2\rbaris 3\u{2028}4"),
            "baris 1\nbaris 2\nbaris 3\n4"
        );
        assert_eq!(clean_line("baris 1\r\nbaris 2"), "baris 1 baris 2");
        assert_eq!(clean_text("a\tb"), "a b");
    }

    #[test]
    fn clean_text_is_borrowed_and_letters_joiners_and_emoji_stay() {
        for text in [
            "Badan Kepegawaian Negara",
            "ꦲꦱꦤ꧀ ꦤꦼꦠꦿꦭ꧀",
            "ᬒᬁᬲ᭄ᬯᬲ᭄ᬢ᭄ᬬᬲ᭄ᬢᬸ",
            "👩\u{200D}💻 🇮🇩",
            "Nguyễn Văn A",
            "ক্\u{200C}ষ",
            "",
        ] {
            assert!(
                matches!(clean_line(text), Cow::Borrowed(t) if t == text),
                "{text}"
            );
        }
        assert!(is_clean_text("dua\nbaris"));
        assert!(!is_clean_text("\u{202E}"));
    }
}
