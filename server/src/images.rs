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

fn limits(kind: AssetKind) -> Limits {
    let d = kind.dimensions();
    let mut limits = Limits::default();
    limits.max_image_width = Some(d.max_width);
    limits.max_image_height = Some(d.max_height);
    // 4096 × 4096 RGBA at 16 bits a channel, with room for the decoder's own buffers.
    limits.max_alloc = Some(256 * 1024 * 1024);
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
    let mut decoder = reader(limits(kind)).into_decoder().map_err(|_| ImageProblem::Damaged)?;
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
