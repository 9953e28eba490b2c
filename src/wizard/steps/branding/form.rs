//! The branding step's form: one store of what is typed, filled from the contract's section by
//! a patch and read back as one value.

use onramp_api::{BrandingSection, Theme};
use reactive_stores::{Patch, Store};

use crate::components::Uploaded;
use crate::wizard::optional;

/// The accent colour offered first (reads at 8:1 on white).
pub const DEFAULT_ACCENT: &str = "#4338ca";

/// What the branding step holds, as typed.
#[derive(Debug, Clone, PartialEq, Store, Patch)]
pub struct BrandingForm {
    pub title: String,
    pub description: String,
    pub contact: String,
    /// The uploaded thumbnail; its URL comes later, from the backend, after a reload.
    #[patch(|this, new| *this = new)]
    pub thumbnail: Option<Uploaded>,
    #[patch(|this, new| *this = new)]
    pub logo: Option<Uploaded>,
    pub accent: String,
    #[patch(|this, new| *this = new)]
    pub theme: Theme,
}

impl Default for BrandingForm {
    fn default() -> Self {
        Self {
            title: String::new(),
            description: String::new(),
            contact: String::new(),
            thumbnail: None,
            logo: None,
            accent: DEFAULT_ACCENT.to_owned(),
            theme: Theme::Auto,
        }
    }
}

/// An image known by its id, its URL not fetched yet.
fn by_id(id: Option<String>) -> Option<Uploaded> {
    id.map(|id| Uploaded { id, url: None })
}

impl From<BrandingSection> for BrandingForm {
    fn from(b: BrandingSection) -> Self {
        Self {
            title: b.site_title,
            description: b.site_short_description,
            contact: b.site_contact_email.unwrap_or_default(),
            thumbnail: by_id(b.thumbnail),
            logo: by_id(b.logo),
            accent: b.accent_color.unwrap_or_else(|| DEFAULT_ACCENT.to_owned()),
            theme: b.theme,
        }
    }
}

impl BrandingForm {
    /// The section this form holds, trimmed, the colour in lower case.
    pub fn section(&self) -> BrandingSection {
        BrandingSection {
            site_title: self.title.trim().to_owned(),
            site_short_description: self.description.trim().to_owned(),
            site_contact_email: optional(&self.contact),
            thumbnail: self.thumbnail.as_ref().map(|u| u.id.clone()),
            logo: self.logo.as_ref().map(|u| u.id.clone()),
            accent_color: optional(&self.accent.to_lowercase()),
            theme: self.theme,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_section_comes_back_as_it_went_in() {
        let b = BrandingSection {
            site_title: "Acme Social".into(),
            site_short_description: "Where Acme talks".into(),
            site_contact_email: Some("hello@acme.example".into()),
            thumbnail: Some("t1".into()),
            logo: None,
            accent_color: Some("#112233".into()),
            theme: Theme::Dark,
        };
        assert_eq!(BrandingForm::from(b.clone()).section(), b);
    }

    #[test]
    fn a_section_without_a_colour_offers_the_default() {
        let form = BrandingForm::from(BrandingSection::default());
        assert_eq!(form.accent, DEFAULT_ACCENT);
        let typed = BrandingForm { title: "  Acme ".into(), accent: "#AABBCC".into(), contact: " ".into(), ..form };
        let s = typed.section();
        assert_eq!((s.site_title.as_str(), s.accent_color.as_deref(), s.site_contact_email), ("Acme", Some("#aabbcc"), None));
    }
}
