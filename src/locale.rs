//! The languages the app is complete in, and how one is chosen: a leaf that the string tables,
//! the formatting helpers and the views all import.

/// A language the app is complete in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Locale {
    /// English.
    #[default]
    En,
    /// German.
    De,
    /// French.
    Fr,
}

impl Locale {
    /// Every locale, in the switcher's order.
    pub const ALL: [Self; 3] = [Self::En, Self::De, Self::Fr];

    /// BCP 47 tag, for `<html lang>`, `Intl` and `?locale=`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::En => "en",
            Self::De => "de",
            Self::Fr => "fr",
        }
    }

    /// Parses a BCP 47 tag by its primary language (`de-AT` is German).
    pub fn parse(tag: &str) -> Option<Self> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Self::En),
            "de" => Some(Self::De),
            "fr" => Some(Self::Fr),
            _ => None,
        }
    }

    /// The first supported locale among an explicit choice, a remembered one and the browser's
    /// preferences; English otherwise.
    pub fn negotiate<'a>(
        query: Option<&str>,
        remembered: Option<&str>,
        browser: impl IntoIterator<Item = &'a str>,
    ) -> Self {
        query
            .and_then(Self::parse)
            .or_else(|| remembered.and_then(Self::parse))
            .or_else(|| browser.into_iter().find_map(Self::parse))
            .unwrap_or_default()
    }
}
