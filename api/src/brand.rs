//! A look as design-token values (never CSS) and how it is checked: partners theme the embedded
//! app with it, and a provider brands the whole app with it.

use serde::{Deserialize, Serialize};

use crate::color::{Rgb, AA_TEXT};
use crate::{ErrorCode, FieldError};

/// Largest corner radius a look may set, in CSS pixels.
pub const RADIUS_MAX: u8 = 24;

/// Largest logo, decoded.
pub const LOGO_MAX_BYTES: usize = 48 * 1024;

/// Whether `url` is a `data:` URL of a PNG, JPEG or WebP image (by its bytes, not its declared
/// type) of at most [`LOGO_MAX_BYTES`].
pub fn is_logo(url: &str) -> bool {
    let Some((head, data)) = url.split_once(',') else { return false };
    let declared = head.strip_prefix("data:").and_then(|h| h.strip_suffix(";base64"));
    if !matches!(declared, Some("image/png" | "image/jpeg" | "image/webp")) || data.len() > LOGO_MAX_BYTES * 4 / 3 + 4 {
        return false;
    }
    crate::base64::decode(data).is_some_and(|bytes| {
        bytes.len() <= LOGO_MAX_BYTES
            && matches!(crate::asset::sniff(&bytes), crate::asset::Sniffed::Image(f) if f.media_type() == declared.unwrap_or_default())
    })
}


/// A font stack from a safe list: the partner picks one, never writes CSS.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FontChoice {
    /// The platform's interface font.
    #[default]
    System,
    /// A humanist sans-serif.
    Humanist,
    /// A serif for body text.
    Serif,
}

impl FontChoice {
    /// The CSS `font-family` value.
    pub fn stack(self) -> &'static str {
        match self {
            Self::System => r#"system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif"#,
            Self::Humanist => r#"Seravek, "Gill Sans Nova", Ubuntu, Calibri, "DejaVu Sans", source-sans-pro, sans-serif"#,
            Self::Serif => r#"Charter, "Bitstream Charter", "Sitka Text", Cambria, Georgia, serif"#,
        }
    }
}

/// A look (a provider's brand or a partner's theme), as design-token values (never CSS).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Appearance {
    /// Buttons, links and the current step (`#rrggbb`).
    pub primary: String,
    /// Page background (`#rrggbb`, light).
    pub background: String,
    /// Body text (`#rrggbb`).
    pub text: String,
    /// Corner radius in CSS pixels.
    #[serde(default = "default_radius")]
    pub radius_px: u8,
    /// Font from the safe list.
    #[serde(default)]
    pub font: FontChoice,
}

fn default_radius() -> u8 {
    10
}

/// What is wrong with a set of design tokens (see [`Appearance::validate`] for the words).
enum Problem {
    /// The colour token of this name does not parse.
    Unparsed(&'static str),
    /// The background is not light enough.
    DarkBackground,
    /// Text on the background, with its contrast.
    TextContrast(f64),
    /// Links on the background, with their contrast.
    LinkContrast(f64),
    /// Button labels on the primary colour.
    ButtonContrast,
    /// The radius is out of range.
    Radius,
}

/// Least luminance of a background: the other tokens (muted text, errors, borders) are
/// chosen for light backgrounds.
pub const BACKGROUND_MIN_LUMINANCE: f64 = 0.8;

impl Appearance {
    /// The field errors of these tokens (pointers under `/appearance`): colours that do not
    /// parse, text or buttons below AA contrast, a dark background, a radius out of range.
    pub fn validate(&self) -> Vec<FieldError> {
        self.problems()
            .into_iter()
            .map(|p| match p {
                Problem::Unparsed(name) => FieldError::new(format!("/appearance/{name}"), ErrorCode::Invalid, "Give a colour as #rrggbb."),
                Problem::DarkBackground => FieldError::new("/appearance/background", ErrorCode::NotAllowed, "Choose a light background."),
                Problem::TextContrast(c) => FieldError::new("/appearance/text", ErrorCode::Contrast, format!("Text needs a contrast of 4.5:1 on the background; it has {c:.2}:1.")),
                Problem::LinkContrast(c) => FieldError::new("/appearance/primary", ErrorCode::Contrast, format!("Links in this colour need a contrast of 4.5:1 on the background; they have {c:.2}:1.")),
                Problem::ButtonContrast => FieldError::new("/appearance/primary", ErrorCode::Contrast, "Button labels need a contrast of 4.5:1 on this colour."),
                Problem::Radius => FieldError::new("/appearance/radius_px", ErrorCode::Invalid, format!("Choose a radius from 0 to {RADIUS_MAX} pixels.")),
            })
            .collect()
    }

    /// The rules of [`Appearance::validate`], without the words: the app applies a theme only
    /// when this is empty, and does not pay for formatting messages it never shows.
    fn problems(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        let mut color = |name: &'static str, value: &str| {
            let parsed = Rgb::parse(value);
            if parsed.is_none() {
                problems.push(Problem::Unparsed(name));
            }
            parsed
        };
        let (primary, background, text) = (color("primary", &self.primary), color("background", &self.background), color("text", &self.text));
        if let Some(bg) = background {
            if bg.luminance() < BACKGROUND_MIN_LUMINANCE {
                problems.push(Problem::DarkBackground);
            }
            if let Some(text) = text.filter(|t| t.contrast(bg) < AA_TEXT) {
                problems.push(Problem::TextContrast(text.contrast(bg)));
            }
            if let Some(p) = primary.filter(|p| p.contrast(bg) < AA_TEXT) {
                problems.push(Problem::LinkContrast(p.contrast(bg)));
            }
        }
        if let Some(p) = primary {
            if on_color(p).contrast(p) < AA_TEXT {
                problems.push(Problem::ButtonContrast);
            }
        }
        if self.radius_px > RADIUS_MAX {
            problems.push(Problem::Radius);
        }
        problems
    }

    /// The CSS custom properties these tokens set, with values built from parsed colours only
    /// (nothing of the partner's text reaches the style sheet). `None` when the tokens are invalid.
    pub fn css_properties(&self) -> Option<Vec<(&'static str, String)>> {
        if !self.problems().is_empty() {
            return None;
        }
        let (primary, background, text) = (Rgb::parse(&self.primary)?, Rgb::parse(&self.background)?, Rgb::parse(&self.text)?);
        let hover = darker(primary);
        Some(vec![
            ("--onramp-color-primary", primary.to_hex()),
            ("--onramp-color-primary-hover", hover.to_hex()),
            ("--onramp-color-on-primary", on_color(primary).to_hex()),
            ("--onramp-color-bg", background.to_hex()),
            ("--onramp-color-text", text.to_hex()),
            ("--onramp-radius", format!("{}px", self.radius_px)),
            ("--onramp-font-family", self.font.stack().to_owned()),
        ])
    }
}

/// White or near-black, whichever reads better on `color`.
pub fn on_color(color: Rgb) -> Rgb {
    let (white, black) = (Rgb(0xff, 0xff, 0xff), Rgb(0x1c, 0x1f, 0x2b));
    if white.contrast(color) >= black.contrast(color) {
        white
    } else {
        black
    }
}

fn darker(c: Rgb) -> Rgb {
    let d = |v: u8| (u16::from(v) * 4 / 5) as u8;
    Rgb(d(c.0), d(c.1), d(c.2))
}
