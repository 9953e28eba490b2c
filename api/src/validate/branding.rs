//! Rules of the branding section: title, short description, contact address, images, accent
//! colour (which must reach WCAG AA on the theme's background).

use crate::color::{is_accessible, Rgb};
use crate::text::visible_len;
use crate::{BrandingSection, ErrorCode, FieldError};

use super::{check_email, Check, Issue, Report};

/// Longest server name. Mastodon sets no limit on `site_title`; 100 keeps the name whole in the
/// page title, the header and the app's install banner.
pub const SITE_TITLE_MAX: usize = 100;

/// Longest short description: `Form::AdminSettings::DESCRIPTION_LIMIT`, in Mastodon's count.
pub const SHORT_DESCRIPTION_MAX: usize = 200;

/// Checks the server name: required, trimmed, at most [`SITE_TITLE_MAX`] visible characters.
pub fn check_site_title(title: &str) -> Check {
    let title = title.trim();
    if title.is_empty() {
        return Err(Issue::new(ErrorCode::Required, "Enter the server's name."));
    }
    let len = visible_len(title);
    if len > SITE_TITLE_MAX {
        return Err(Issue::new(ErrorCode::TooLong, format!("Use at most {SITE_TITLE_MAX} characters (this has {len}).")));
    }
    Ok(())
}

/// Checks the short description: optional, at most [`SHORT_DESCRIPTION_MAX`] characters as
/// Mastodon counts them (`validates :site_short_description, length: { maximum: 200 }`).
pub fn check_short_description(text: &str) -> Check {
    crate::text::check_mastodon_max(text, SHORT_DESCRIPTION_MAX)
}

/// Checks an accent colour in a theme: `#rrggbb`, and at least AA contrast.
pub fn check_accent_color(value: &str, theme: crate::Theme) -> Check {
    let Some(color) = Rgb::parse(value).filter(|_| value.len() == 7 && value.starts_with('#')) else {
        return Err(Issue::new(ErrorCode::Invalid, "Give the colour as # and six hexadecimal digits, like #3b5bdb."));
    };
    if !is_accessible(color, theme) {
        // Hundredths, cut, in integers: formatting floats would pull float printing into the app.
        let hundredths = (crate::color::worst_contrast(color, theme) * 100.0) as u32;
        return Err(Issue::new(
            ErrorCode::Contrast,
            format!(
                "This colour has a contrast of {}.{:02}:1 on the page; it needs at least 4.5:1.",
                hundredths / 100,
                hundredths % 100
            ),
        ));
    }
    Ok(())
}

fn check_asset_id(id: &str) -> Check {
    if crate::asset::is_asset_id(id) {
        Ok(())
    } else {
        Err(Issue::new(ErrorCode::Unknown, "Upload the image again."))
    }
}

/// Validates the branding section; an empty list means valid.
pub fn validate_branding(b: &BrandingSection) -> Vec<FieldError> {
    let mut report = Report::default();
    report
        .check("/branding/site_title", check_site_title(&b.site_title))
        .check("/branding/site_short_description", check_short_description(&b.site_short_description));
    if let Some(email) = &b.site_contact_email {
        report.check("/branding/site_contact_email", check_email(email));
    }
    if let Some(id) = &b.thumbnail {
        report.check("/branding/thumbnail", check_asset_id(id));
    }
    if let Some(id) = &b.logo {
        report.check("/branding/logo", check_asset_id(id));
    }
    if let Some(color) = &b.accent_color {
        report.check("/branding/accent_color", check_accent_color(color, b.theme));
    }
    report.no_control_characters(b, "/branding", &["/branding/site_short_description"]);
    report.into_errors()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Theme;

    fn codes(b: &BrandingSection) -> Vec<(String, ErrorCode)> {
        validate_branding(b).into_iter().map(|e| (e.pointer, e.code)).collect()
    }

    #[test]
    fn a_complete_section_passes() {
        let b = BrandingSection {
            site_title: "Stadt Beispiel".into(),
            site_short_description: "Die offizielle Präsenz 👨‍👩‍👧‍👦".into(),
            site_contact_email: Some("presse@beispiel.de".into()),
            thumbnail: Some("as_0123456789abcdefABCDEFxy".into()),
            accent_color: Some("#1d4ed8".into()),
            ..Default::default()
        };
        assert_eq!(codes(&b), []);
    }

    #[test]
    fn each_rule_lands_on_its_field() {
        let b = BrandingSection {
            site_title: "  ".into(),
            site_short_description: "x".repeat(201),
            site_contact_email: Some("nope".into()),
            thumbnail: Some("../x".into()),
            logo: Some("".into()),
            accent_color: Some("#ffcc00".into()),
            theme: Theme::Light,
        };
        assert_eq!(
            codes(&b),
            [
                ("/branding/site_title".into(), ErrorCode::Required),
                ("/branding/site_short_description".into(), ErrorCode::TooLong),
                ("/branding/site_contact_email".into(), ErrorCode::Invalid),
                ("/branding/thumbnail".into(), ErrorCode::Unknown),
                ("/branding/logo".into(), ErrorCode::Unknown),
                ("/branding/accent_color".into(), ErrorCode::Contrast),
            ]
        );
    }

    #[test]
    fn the_description_holds_in_mastodons_count() {
        // 200 thumbs with a skin tone look like 200 characters; Mastodon counts 400 and refuses
        // them (this passed before the rules were read against Mastodon's).
        let why = check_short_description(&"👍🏽".repeat(200)).unwrap_err();
        assert_eq!(why.code, ErrorCode::TooLong);
        assert!(why.detail.contains("Mastodon counts 400"), "{}", why.detail);
        assert!(check_short_description(&"👍🏽".repeat(100)).is_ok(), "200 code points");
        assert!(check_short_description(&"é".repeat(201)).is_err());
        assert!(check_site_title(&"a".repeat(100)).is_ok());
    }

    #[test]
    fn colours_are_judged_by_theme() {
        assert!(check_accent_color("#1d4ed8", Theme::Light).is_ok());
        assert!(check_accent_color("#1d4ed8", Theme::Dark).is_err(), "dark blue on a dark page");
        assert!(check_accent_color("#8ab4f8", Theme::Dark).is_ok());
        assert_eq!(check_accent_color("1d4ed8", Theme::Light).map_err(|e| e.code), Err(ErrorCode::Invalid));
        assert_eq!(check_accent_color("#abc", Theme::Light).map_err(|e| e.code), Err(ErrorCode::Invalid));
    }
}
