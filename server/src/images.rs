//! Uploaded images checked by content and cleaned: the format from the magic bytes, the
//! dimensions from the header before anything is decoded, a full decode (which catches damaged
//! and cut-off files), then a fresh encode that carries no metadata (EXIF, GPS, comments).

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageReader, Limits};
use onramp_api::asset::{check_dimensions, check_file, AssetKind, ImageFormat, ImageProblem, SNIFF_LEN};

use crate::StoredImage;

fn image_format(format: ImageFormat) -> image::ImageFormat {
    match format {
        ImageFormat::Png => image::ImageFormat::Png,
        ImageFormat::Jpeg => image::ImageFormat::Jpeg,
        ImageFormat::Webp => image::ImageFormat::WebP,
    }
}

/// Bytes a decode of a `width` × `height` image may allocate: 8-bit RGBA pixels and 8 MiB for
/// the decoder's own buffers.
pub fn decode_budget(width: u32, height: u32) -> u64 {
    u64::from(width) * u64::from(height) * 4 + 8 * 1024 * 1024
}

/// The most one image check holds at once: the decoded pixels, one converted copy (JPEG and WebP
/// are re-encoded from RGB or RGBA) and the encoder's output, for the largest image taken.
pub fn worst_case_bytes() -> u64 {
    let d = AssetKind::Thumbnail.dimensions();
    decode_budget(d.max_width, d.max_height) * 2 + onramp_api::asset::MAX_BYTES * 2
}

fn limits(kind: AssetKind, width: u32, height: u32) -> Limits {
    let d = kind.dimensions();
    let mut limits = Limits::default();
    limits.max_image_width = Some(d.max_width);
    limits.max_image_height = Some(d.max_height);
    limits.max_alloc = Some(decode_budget(width, height));
    limits
}

/// Checks `data` as an image of `kind` and re-encodes it in the same format without metadata,
/// turned upright as its EXIF orientation said.
pub fn clean(kind: AssetKind, data: &[u8]) -> Result<StoredImage, ImageProblem> {
    let head = data.get(..SNIFF_LEN).unwrap_or(data);
    let format = check_file(data.len() as u64, head)?;
    let reader = |limits: Limits| {
        let mut r = ImageReader::with_format(Cursor::new(data), image_format(format));
        r.limits(limits);
        r
    };
    // The header alone, so an image too large is named as such, before any pixel is decoded.
    let (width, height) = reader(Limits::default()).into_dimensions().map_err(|_| ImageProblem::Damaged)?;
    check_dimensions(kind, width, height)?;
    let mut decoder = reader(limits(kind, width, height)).into_decoder().map_err(|_| ImageProblem::Damaged)?;
    // 16 bits a channel doubles (and float quadruples) what the pixels take: refused from the
    // header, before a byte of them is decoded.
    let color = decoder.color_type();
    if color.bytes_per_pixel() > color.channel_count() {
        return Err(ImageProblem::Deep);
    }
    let orientation = decoder.orientation().map_err(|_| ImageProblem::Damaged)?;
    let mut image = DynamicImage::from_decoder(decoder).map_err(|_| ImageProblem::Damaged)?;
    image.apply_orientation(orientation);
    let (width, height) = (image.width(), image.height());
    check_dimensions(kind, width, height)?;
    let mut out = Cursor::new(Vec::new());
    let encoded = match format {
        ImageFormat::Png => image.write_to(&mut out, image::ImageFormat::Png),
        ImageFormat::Jpeg => {
            let rgb = DynamicImage::ImageRgb8(image.to_rgb8());
            rgb.write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90))
        }
        ImageFormat::Webp => {
            let rgba = DynamicImage::ImageRgba8(image.to_rgba8());
            rgba.write_with_encoder(image::codecs::webp::WebPEncoder::new_lossless(&mut out))
        }
    };
    encoded.map_err(|_| ImageProblem::Damaged)?;
    Ok(StoredImage { kind, format, width, height, data: out.into_inner() })
}
