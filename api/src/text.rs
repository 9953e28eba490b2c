//! Counting text as people see it: a family emoji or an accented letter written with a combining
//! mark is one character on screen, however many code points it takes.

/// Whether `c` joins the character before it instead of starting a new one.
fn extends(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F   // combining diacritical marks
        | 0x0483..=0x0489 // Cyrillic combining marks
        | 0x0591..=0x05BD // Hebrew points
        | 0x0610..=0x061A | 0x064B..=0x065F // Arabic marks
        | 0x0900..=0x0903 | 0x093A..=0x094F // Devanagari signs and vowel marks
        | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF // more combining marks
        | 0x200C          // zero-width non-joiner
        | 0xFE00..=0xFE0F // variation selectors
        | 0xFE20..=0xFE2F // combining half marks
        | 0x1F3FB..=0x1F3FF // emoji skin tone modifiers
        | 0xE0020..=0xE007F // emoji tag sequences (subdivision flags)
        | 0xE0100..=0xE01EF // variation selectors supplement
    )
}

fn is_regional_indicator(c: char) -> bool {
    ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
}

/// How many characters a reader sees in `s`: code points, with combining marks, variation
/// selectors, skin tones, joined emoji (ZWJ sequences) and flag pairs counted with the
/// character they belong to. Used by the counters in the app and the rules on the server alike.
pub fn visible_len(s: &str) -> usize {
    let mut count = 0;
    let mut after_zwj = false;
    let mut open_flag = false;
    for c in s.chars() {
        if c == '\u{200D}' {
            after_zwj = true;
            continue;
        }
        let joined = after_zwj || extends(c);
        after_zwj = false;
        if is_regional_indicator(c) {
            if open_flag {
                open_flag = false;
                continue;
            }
            open_flag = true;
        } else {
            open_flag = false;
        }
        if !joined || count == 0 {
            count += 1;
        }
    }
    count
}

/// How many characters Mastodon counts in `s`: code points, as Ruby's `String#length` does for
/// the lengths its models validate. An emoji family counts 7, `é` written with a combining mark 2.
pub fn mastodon_len(s: &str) -> usize {
    s.chars().count()
}

/// Checks `s` (trimmed) against a Mastodon limit of `max` characters: in Mastodon's count, with
/// a message in the count people see, and, where the two differ, why the text is full.
pub fn check_mastodon_max(s: &str, max: usize) -> crate::validate::Check {
    let s = s.trim();
    let (counted, seen) = (mastodon_len(s), visible_len(s));
    if counted <= max {
        return Ok(());
    }
    let detail = if seen <= max {
        format!("Mastodon counts {counted} characters here, more than its {max}: emoji and accented letters count as several there. Shorten it a little.")
    } else {
        format!("Use at most {max} characters (this has {seen}).")
    };
    Err(crate::validate::Issue::new(crate::ErrorCode::TooLong, detail))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_what_is_seen() {
        assert_eq!(visible_len(""), 0);
        assert_eq!(visible_len("Hallo"), 5);
        assert_eq!(visible_len("Grüße"), 5);
        assert_eq!(visible_len("Gru\u{308}ße"), 5, "ü as u + combining diaeresis");
        assert_eq!(visible_len("👨‍👩‍👧‍👦"), 1, "family: four emoji joined by ZWJ");
        assert_eq!(visible_len("👍🏽"), 1, "skin tone");
        assert_eq!(visible_len("❤️"), 1, "variation selector");
        assert_eq!(visible_len("🇩🇪🇫🇷"), 2, "two flags");
        assert_eq!(visible_len("🏴󠁧󠁢󠁳󠁣󠁴󠁿"), 1, "tag sequence flag");
        assert_eq!(visible_len("a\u{200D}"), 1);
        assert_eq!(visible_len("\u{301}"), 1, "a lone mark still counts");
        assert_eq!(visible_len("日本語"), 3);
    }

    #[test]
    fn mastodon_counts_code_points() {
        assert_eq!(mastodon_len("👨‍👩‍👧‍👦"), 7);
        assert_eq!(mastodon_len("Gru\u{308}ße"), 6);
        // A text that looks short enough but is full in Mastodon's count says why.
        let families = "👨‍👩‍👧‍👦".repeat(30);
        assert_eq!(visible_len(&families), 30);
        let why = check_mastodon_max(&families, 200).unwrap_err().detail;
        assert!(why.contains("Mastodon counts 210 characters") && why.contains("emoji"), "{why}");
        assert!(check_mastodon_max(&"a".repeat(201), 200).unwrap_err().detail.contains("this has 201"));
        assert!(check_mastodon_max(&format!("  {}  ", "a".repeat(200)), 200).is_ok(), "counted as stored: trimmed");
    }
}
