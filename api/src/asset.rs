//! Uploaded images (the server's thumbnail and logo): which formats are taken, recognised by
//! their content; the size and dimension limits; and what an upload returns.

use serde::{Deserialize, Serialize};

use crate::validate::Issue;
use crate::ErrorCode;

/// Largest upload, in bytes (4 MB).
pub const MAX_BYTES: u64 = 4 * 1024 * 1024;

/// What an image is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AssetKind {
    /// The server's picture in apps and link previews (Mastodon's `thumbnail`).
    Thumbnail,
    /// A logo shown on the about page.
    Logo,
}

/// Smallest and largest width and height of an image kind, in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dimensions {
    /// Minimum width.
    pub min_width: u32,
    /// Minimum height.
    pub min_height: u32,
    /// Maximum width.
    pub max_width: u32,
    /// Maximum height.
    pub max_height: u32,
}

impl AssetKind {
    /// The API value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Thumbnail => "thumbnail",
            Self::Logo => "logo",
        }
    }

    /// Parses the API value.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "thumbnail" => Some(Self::Thumbnail),
            "logo" => Some(Self::Logo),
            _ => None,
        }
    }

    /// The dimensions this kind allows. A thumbnail is shown at 1200×630 in link previews.
    pub fn dimensions(self) -> Dimensions {
        match self {
            Self::Thumbnail => Dimensions { min_width: 600, min_height: 315, max_width: 4096, max_height: 4096 },
            Self::Logo => Dimensions { min_width: 64, min_height: 64, max_width: 2048, max_height: 2048 },
        }
    }
}

/// An image format that is taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ImageFormat {
    /// PNG.
    Png,
    /// JPEG.
    Jpeg,
    /// WebP.
    Webp,
}

impl ImageFormat {
    /// Media type.
    pub fn media_type(self) -> &'static str {
        match self {
            Self::Png => "image/png",
            Self::Jpeg => "image/jpeg",
            Self::Webp => "image/webp",
        }
    }
}

/// What the first bytes of a file say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    /// A format that is taken.
    Image(ImageFormat),
    /// SVG, refused: it can carry script.
    Svg,
    /// A GIF, refused (animated thumbnails are not shown).
    Gif,
    /// Anything else.
    Other,
}

/// How many leading bytes [`sniff`] needs.
pub const SNIFF_LEN: usize = 512;

/// Recognises a file by its content (magic bytes), never by its name or declared type.
pub fn sniff(head: &[u8]) -> Sniffed {
    if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Sniffed::Image(ImageFormat::Png);
    }
    if head.starts_with(&[0xff, 0xd8, 0xff]) {
        return Sniffed::Image(ImageFormat::Jpeg);
    }
    if head.get(0..4) == Some(b"RIFF") && head.get(8..12) == Some(b"WEBP") {
        return Sniffed::Image(ImageFormat::Webp);
    }
    if head.starts_with(b"GIF87a") || head.starts_with(b"GIF89a") {
        return Sniffed::Gif;
    }
    let text = String::from_utf8_lossy(head.get(..SNIFF_LEN).unwrap_or(head)).to_ascii_lowercase();
    let text = text.trim_start_matches('\u{feff}').trim_start();
    if text.starts_with('<') && text.contains("<svg") {
        return Sniffed::Svg;
    }
    Sniffed::Other
}

/// Why an image is refused. The app words each in the user's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case", tag = "reason")]
pub enum ImageProblem {
    /// Not PNG, JPEG or WebP.
    Format,
    /// SVG, refused for safety.
    Svg,
    /// Larger than [`MAX_BYTES`].
    TooLarge,
    /// The file is empty.
    Empty,
    /// Could not be decoded (damaged or cut off).
    Damaged,
    /// Smaller than the kind's minimum.
    TooSmall,
    /// Larger than the kind's maximum.
    TooBig,
    /// More than 8 bits a channel: refused before it is decoded, as it would take too much memory.
    Deep,
}

impl ImageProblem {
    const ALL: [Self; 8] =
        [Self::Format, Self::Svg, Self::TooLarge, Self::Empty, Self::Damaged, Self::TooSmall, Self::TooBig, Self::Deep];

    /// Where the API reports it: `/file`, or `/file/dimensions` for the pixel limits.
    pub fn pointer(self) -> &'static str {
        match self {
            Self::TooSmall | Self::TooBig => "/file/dimensions",
            Self::Deep => "/file/depth",
            _ => "/file",
        }
    }

    /// The error code the API uses; with [`Self::pointer`] it names the problem exactly.
    pub fn code(self) -> ErrorCode {
        match self {
            Self::TooLarge | Self::TooBig => ErrorCode::TooLong,
            Self::TooSmall | Self::Empty => ErrorCode::TooShort,
            Self::Format => ErrorCode::Invalid,
            Self::Svg | Self::Deep => ErrorCode::NotAllowed,
            Self::Damaged => ErrorCode::Damaged,
        }
    }

    /// The field error the API answers with.
    pub fn field_error(self, kind: AssetKind) -> crate::FieldError {
        crate::FieldError::new(self.pointer(), self.code(), self.detail(kind))
    }

    /// Reads the problem back from an API field error.
    pub fn from_field_error(e: &crate::FieldError) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.pointer() == e.pointer && p.code() == e.code)
    }

    /// English explanation.
    pub fn detail(self, kind: AssetKind) -> String {
        let d = kind.dimensions();
        match self {
            Self::Format => "Upload a PNG, JPEG or WebP image.".into(),
            Self::Svg => "SVG images are not accepted because they can contain scripts; upload a PNG, JPEG or WebP image.".into(),
            Self::TooLarge => "The file is larger than 4 MB; upload a smaller one.".into(),
            Self::Empty => "The file is empty.".into(),
            Self::Damaged => "The image could not be read; it may be damaged or incomplete.".into(),
            Self::TooSmall => format!("The image must be at least {}×{} pixels.", d.min_width, d.min_height),
            Self::TooBig => format!("The image must be at most {}×{} pixels.", d.max_width, d.max_height),
            Self::Deep => "Save the image with 8 bits per channel (most editors offer this when exporting); 16-bit images are not accepted.".into(),
        }
    }

    /// As a contract issue.
    pub fn issue(self, kind: AssetKind) -> Issue {
        Issue::new(self.code(), self.detail(kind))
    }
}

/// Checks what is known before decoding: the size and the sniffed format.
pub fn check_file(size: u64, head: &[u8]) -> Result<ImageFormat, ImageProblem> {
    if size == 0 {
        return Err(ImageProblem::Empty);
    }
    if size > MAX_BYTES {
        return Err(ImageProblem::TooLarge);
    }
    match sniff(head) {
        Sniffed::Image(format) => Ok(format),
        Sniffed::Svg => Err(ImageProblem::Svg),
        Sniffed::Gif | Sniffed::Other => Err(ImageProblem::Format),
    }
}

/// Checks decoded dimensions against the kind's limits.
pub fn check_dimensions(kind: AssetKind, width: u32, height: u32) -> Result<(), ImageProblem> {
    let d = kind.dimensions();
    if width < d.min_width || height < d.min_height {
        return Err(ImageProblem::TooSmall);
    }
    if width > d.max_width || height > d.max_height {
        return Err(ImageProblem::TooBig);
    }
    Ok(())
}

/// `POST /signups/{id}/assets` answers with this.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Asset {
    /// Asset id, to put in the branding section.
    pub id: String,
    /// Thumbnail or logo.
    pub kind: AssetKind,
    /// Stored format.
    pub format: ImageFormat,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Stored size in bytes (after metadata was stripped).
    pub bytes: u64,
}

/// Whether `id` has the form of an asset id the server hands out: `as_` and 24 letters or digits.
pub fn is_asset_id(id: &str) -> bool {
    id.len() == 27 && id.starts_with("as_") && id.bytes().skip(3).all(|b| b.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_content() {
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\nrest"), Sniffed::Image(ImageFormat::Png));
        assert_eq!(sniff(&[0xff, 0xd8, 0xff, 0xe0, 0, 0]), Sniffed::Image(ImageFormat::Jpeg));
        assert_eq!(sniff(b"RIFF\x10\0\0\0WEBPVP8 "), Sniffed::Image(ImageFormat::Webp));
        assert_eq!(sniff(b"RIFF\x10\0\0\0WAVEfmt "), Sniffed::Other);
        assert_eq!(sniff(b"GIF89a...."), Sniffed::Gif);
        assert_eq!(sniff(b"\xef\xbb\xbf  <?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\">"), Sniffed::Svg);
        assert_eq!(sniff(b"<SVG onload=alert(1)>"), Sniffed::Svg);
        assert_eq!(sniff(b""), Sniffed::Other);
        assert_eq!(sniff(b"\x89PN"), Sniffed::Other, "truncated magic");
    }

    #[test]
    fn file_checks_before_decoding() {
        let png = b"\x89PNG\r\n\x1a\n";
        assert_eq!(check_file(10, png), Ok(ImageFormat::Png));
        assert_eq!(check_file(0, png), Err(ImageProblem::Empty));
        assert_eq!(check_file(MAX_BYTES + 1, png), Err(ImageProblem::TooLarge));
        assert_eq!(check_file(MAX_BYTES, png), Ok(ImageFormat::Png));
        assert_eq!(check_file(20, b"<svg/>"), Err(ImageProblem::Svg));
        assert_eq!(check_file(20, b"%PDF-1.7"), Err(ImageProblem::Format));
    }

    #[test]
    fn dimension_limits_per_kind() {
        assert_eq!(check_dimensions(AssetKind::Thumbnail, 1200, 630), Ok(()));
        assert_eq!(check_dimensions(AssetKind::Thumbnail, 599, 630), Err(ImageProblem::TooSmall));
        assert_eq!(check_dimensions(AssetKind::Thumbnail, 5000, 630), Err(ImageProblem::TooBig));
        assert_eq!(check_dimensions(AssetKind::Logo, 64, 64), Ok(()));
        assert!(ImageProblem::TooSmall.detail(AssetKind::Logo).contains("64×64"));
        assert!(is_asset_id("as_0123456789abcdefABCDEFxy"));
        assert!(!is_asset_id("as_../../etc/passwd"));
        for p in ImageProblem::ALL {
            assert_eq!(ImageProblem::from_field_error(&p.field_error(AssetKind::Logo)), Some(p));
        }
    }
}
