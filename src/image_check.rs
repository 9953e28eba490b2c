//! The browser's first look at a chosen image, by the contract's rules: its size, its format
//! from the first bytes (never the name or declared type), and its dimensions from a real
//! decode. The server checks again.

use onramp_api::asset::{check_dimensions, check_file, AssetKind, ImageProblem, SNIFF_LEN};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// What the browser found out about an image it accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Inspected {
    /// Pixels wide.
    pub width: u32,
    /// Pixels high.
    pub height: u32,
}

async fn head(file: &web_sys::Blob) -> Option<Vec<u8>> {
    let end = i32::try_from(SNIFF_LEN).unwrap_or(512);
    let slice = file.slice_with_i32_and_i32(0, end).ok()?;
    let buffer = JsFuture::from(slice.array_buffer()).await.ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Checks `file` as an image of `kind`.
pub async fn inspect(file: &web_sys::Blob, kind: AssetKind) -> Result<Inspected, ImageProblem> {
    let size = file.size();
    let size = if size.is_finite() && size >= 0.0 { size as u64 } else { 0 };
    let head = head(file).await.ok_or(ImageProblem::Damaged)?;
    check_file(size, &head)?;
    let window = web_sys::window().ok_or(ImageProblem::Damaged)?;
    let promise = window.create_image_bitmap_with_blob(file).map_err(|_| ImageProblem::Damaged)?;
    let bitmap: web_sys::ImageBitmap = JsFuture::from(promise)
        .await
        .map_err(|_| ImageProblem::Damaged)?
        .dyn_into()
        .map_err(|_| ImageProblem::Damaged)?;
    let (width, height) = (bitmap.width(), bitmap.height());
    bitmap.close();
    check_dimensions(kind, width, height)?;
    Ok(Inspected { width, height })
}
