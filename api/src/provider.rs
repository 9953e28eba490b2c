//! Who sells: the hosting provider's name, contact, brand and legal links, as the app shows them
//! instead of any name of its own.

use serde::{Deserialize, Serialize};

use crate::brand::Appearance;

/// The provider as customers see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Provider {
    /// The name shown in the page title, the header, texts and mail.
    pub name: String,
    /// The legal entity that contracts (on invoices and legal pages).
    #[serde(default)]
    pub legal_name: String,
    /// Where customers write for help.
    #[serde(default)]
    pub support_email: String,
    /// The logo in the header: a path on the app's origin, an `https:` URL, or a `data:` URL of
    /// a PNG, JPEG or WebP image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo: Option<String>,
    /// The favicon, given the same ways as the logo.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub favicon: Option<String>,
    /// Brand colours, radius and font as design tokens (checked for AA contrast).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appearance: Option<Appearance>,
    /// The privacy notice.
    #[serde(default)]
    pub privacy_url: String,
    /// The imprint (legal notice).
    #[serde(default)]
    pub imprint_url: String,
}

impl Default for Provider {
    /// The reference provider of the sample catalogue.
    fn default() -> Self {
        Self {
            name: "Social Host".into(),
            legal_name: "Social Host Example GmbH".into(),
            support_email: "support@social-host.example".into(),
            logo: None,
            favicon: None,
            appearance: None,
            privacy_url: String::new(),
            imprint_url: String::new(),
        }
    }
}

/// Whether `url` can name an image or page for the app to load: a path on its own origin
/// (`/…`, not `//…`), an `https:` URL, or, for images, a checked `data:` URL.
pub fn is_link(url: &str) -> bool {
    let path = url.starts_with('/') && !url.starts_with("//");
    let https = url
        .strip_prefix("https://")
        .is_some_and(|rest| rest.split('/').next().is_some_and(|host| !host.is_empty()));
    (path || https) && !url.chars().any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>')
}

/// Whether `url` can be shown as an image (logo or favicon).
pub fn is_image_link(url: &str) -> bool {
    is_link(url) || crate::brand::is_logo(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_paths_or_https() {
        assert!(is_link("/legal/terms.html"));
        assert!(is_link("https://hosting.example/agb"));
        assert!(!is_link("//evil.example/x"));
        assert!(!is_link("http://hosting.example/agb"));
        assert!(!is_link("javascript:alert(1)"));
        assert!(!is_link("/a b"));
        assert!(!is_link("https:///nohost"));
        assert!(!is_image_link("data:image/svg+xml;base64,PHN2Zz4="));
    }
}
