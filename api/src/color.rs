//! Accent colours: `#rrggbb` parsing, WCAG 2.x relative luminance and contrast, and the nearest
//! colour of the same hue that reaches a contrast target.

use crate::Theme;

/// WCAG 2.x AA contrast for normal text.
pub const AA_TEXT: f64 = 4.5;

/// The page background of the light theme (Mastodon's light UI).
pub const LIGHT_BACKGROUND: Rgb = Rgb(0xff, 0xff, 0xff);

/// The page background of the dark theme (Mastodon's dark UI).
pub const DARK_BACKGROUND: Rgb = Rgb(0x19, 0x1b, 0x22);

/// A colour in sRGB, 8 bits per channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// Parses `#rrggbb` or `#rgb` (case-insensitive, surrounding spaces allowed; `#` optional).
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        let hex = s.strip_prefix('#').unwrap_or(s);
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let digit = |i: usize| hex.get(i..i + 1).and_then(|d| u8::from_str_radix(d, 16).ok());
        let pair = |i: usize| hex.get(i..i + 2).and_then(|d| u8::from_str_radix(d, 16).ok());
        match hex.len() {
            3 => Some(Self(digit(0)? * 17, digit(1)? * 17, digit(2)? * 17)),
            6 => Some(Self(pair(0)?, pair(2)?, pair(4)?)),
            _ => None,
        }
    }

    /// `#rrggbb`, lower case.
    pub fn to_hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// Relative luminance as WCAG 2.x defines it, 0 (black) to 1 (white).
    pub fn luminance(self) -> f64 {
        fn channel(c: u8) -> f64 {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        }
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    /// `(lighter + 0.05) / (darker + 0.05)`, from 1 to 21.
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    fn to_hsl(self) -> (f64, f64, f64) {
        let (r, g, b) = (f64::from(self.0) / 255.0, f64::from(self.1) / 255.0, f64::from(self.2) / 255.0);
        let (max, min) = (r.max(g).max(b), r.min(g).min(b));
        let l = (max + min) / 2.0;
        let d = max - min;
        if d == 0.0 {
            return (0.0, 0.0, l);
        }
        let s = d / (1.0 - (2.0 * l - 1.0).abs());
        let h = if max == r {
            ((g - b) / d).rem_euclid(6.0)
        } else if max == g {
            (b - r) / d + 2.0
        } else {
            (r - g) / d + 4.0
        };
        (h * 60.0, s, l)
    }

    fn from_hsl(h: f64, s: f64, l: f64) -> Self {
        let c = (1.0 - (2.0 * l - 1.0).abs()) * s;
        let x = c * (1.0 - ((h / 60.0).rem_euclid(2.0) - 1.0).abs());
        let m = l - c / 2.0;
        let (r, g, b) = match h {
            h if h < 60.0 => (c, x, 0.0),
            h if h < 120.0 => (x, c, 0.0),
            h if h < 180.0 => (0.0, c, x),
            h if h < 240.0 => (0.0, x, c),
            h if h < 300.0 => (x, 0.0, c),
            _ => (c, 0.0, x),
        };
        let byte = |v: f64| ((v + m) * 255.0).round().clamp(0.0, 255.0) as u8;
        Self(byte(r), byte(g), byte(b))
    }
}

/// The backgrounds an accent colour is used on in a theme: as link text on the page, and (the
/// same pair) as a button with page-coloured text. Automatic uses the light one; its dark mode
/// gets a shade of its own, see [`dark_variant`].
pub fn backgrounds(theme: Theme) -> &'static [Rgb] {
    match theme {
        Theme::Light | Theme::Auto => &[LIGHT_BACKGROUND],
        Theme::Dark => &[DARK_BACKGROUND],
    }
}

/// The lowest contrast of `color` against the theme's backgrounds.
pub fn worst_contrast(color: Rgb, theme: Theme) -> f64 {
    backgrounds(theme).iter().map(|bg| color.contrast(*bg)).fold(f64::INFINITY, f64::min)
}

/// Whether `color` reaches AA against every background of `theme`.
pub fn is_accessible(color: Rgb, theme: Theme) -> bool {
    worst_contrast(color, theme) >= AA_TEXT
}

/// The colour of the same hue and saturation, with the lightness nearest to `color`'s, that
/// reaches AA against `background`. `color` itself when it already does.
pub fn nearest_accessible(color: Rgb, background: Rgb) -> Rgb {
    if color.contrast(background) >= AA_TEXT {
        return color;
    }
    let (h, s, l) = color.to_hsl();
    // Away from the background: darker on a light page, lighter on a dark one.
    let darker = background.luminance() > 0.18;
    let (mut ok, mut bad) = if darker { (0.0, l) } else { (1.0, l) };
    for _ in 0..40 {
        let mid = (ok + bad) / 2.0;
        if Rgb::from_hsl(h, s, mid).contrast(background) >= AA_TEXT {
            ok = mid;
        } else {
            bad = mid;
        }
    }
    let candidate = Rgb::from_hsl(h, s, ok);
    // Rounding to 8 bits can land a hair below the target; step on until it holds.
    let mut step = candidate;
    for _ in 0..8 {
        if step.contrast(background) >= AA_TEXT {
            return step;
        }
        let (h, s, l) = step.to_hsl();
        step = Rgb::from_hsl(h, s, if darker { l - 0.004 } else { l + 0.004 });
    }
    if darker { Rgb(0, 0, 0) } else { Rgb(0xff, 0xff, 0xff) }
}

/// A suggestion for `color` in `theme`: the nearest colour that passes on its background.
pub fn suggestion(color: Rgb, theme: Theme) -> Rgb {
    let bg = backgrounds(theme).first().copied().unwrap_or(LIGHT_BACKGROUND);
    nearest_accessible(color, bg)
}

/// The shade an automatic theme uses in dark mode: `color` if it already reads on the dark
/// background, else the nearest lighter shade that does.
pub fn dark_variant(color: Rgb) -> Rgb {
    nearest_accessible(color, DARK_BACKGROUND)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 0.01
    }

    #[test]
    fn parses_hex_forms() {
        assert_eq!(Rgb::parse("#336699"), Some(Rgb(0x33, 0x66, 0x99)));
        assert_eq!(Rgb::parse(" #ABC "), Some(Rgb(0xaa, 0xbb, 0xcc)));
        assert_eq!(Rgb::parse("336699"), Some(Rgb(0x33, 0x66, 0x99)));
        for bad in ["", "#", "#12345", "#1234567", "#gg0000", "red", "#+12345", "#１２３"] {
            assert_eq!(Rgb::parse(bad), None, "{bad}");
        }
        assert_eq!(Rgb(0x0a, 0xbc, 0xff).to_hex(), "#0abcff");
    }

    #[test]
    fn contrast_matches_known_wcag_pairs() {
        let (white, black) = (Rgb(255, 255, 255), Rgb(0, 0, 0));
        assert!(close(white.luminance(), 1.0) && close(black.luminance(), 0.0));
        assert!(close(white.contrast(black), 21.0));
        assert!(close(white.contrast(white), 1.0));
        // The classic threshold greys: #767676 passes AA on white, #777777 does not.
        assert!(close(Rgb::parse("#767676").map_or(0.0, |c| c.contrast(white)), 4.54));
        assert!(Rgb::parse("#777777").is_some_and(|c| c.contrast(white) < AA_TEXT));
        // Pure primaries on white, as published contrast checkers give them.
        assert!(close(Rgb(255, 0, 0).contrast(white), 4.0));
        assert!(close(Rgb(0, 0, 255).contrast(white), 8.59));
        assert!(close(Rgb(0, 128, 0).contrast(white), 5.14));
        // Symmetric.
        assert!(close(Rgb(0, 0, 255).contrast(white), white.contrast(Rgb(0, 0, 255))));
    }

    #[test]
    fn suggestions_pass_and_stay_near() {
        for (hex, theme) in [("#ffcc00", Theme::Light), ("#ff0000", Theme::Auto), ("#6364ff", Theme::Light),
            ("#1a1a80", Theme::Dark), ("#000000", Theme::Dark), ("#ffffff", Theme::Light), ("#808080", Theme::Dark)]
        {
            let parsed = Rgb::parse(hex);
            assert!(parsed.is_some(), "{hex}");
            let Some(c) = parsed else { continue };
            let s = suggestion(c, theme);
            assert!(is_accessible(s, theme), "{hex} → {} in {theme:?}", s.to_hex());
        }
        // Already fine: unchanged.
        assert_eq!(suggestion(Rgb(0, 0, 255), Theme::Light), Rgb(0, 0, 255));
        // Red on white becomes a slightly darker red, not black.
        let red = suggestion(Rgb(255, 0, 0), Theme::Light);
        assert!(red.0 > 180 && red.1 < 20 && red.2 < 20, "{}", red.to_hex());
        // The dark variant of a dark blue is a lighter blue.
        let blue = dark_variant(Rgb(0x1a, 0x1a, 0x80));
        assert!(blue.2 > blue.0 && DARK_BACKGROUND.contrast(blue) >= AA_TEXT, "{}", blue.to_hex());
    }
}
