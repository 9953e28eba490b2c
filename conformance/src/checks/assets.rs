//! Images checked by content: a PNG of the right size is taken and read back; a file that is
//! not an image, an SVG, an empty body, one too small and one too large are refused with their
//! pointer; an unknown kind is refused.

use std::io::Cursor;

use super::common::create;
use crate::http::Body;
use crate::suite::Suite;

fn png(w: u32, h: u32) -> Vec<u8> {
    let picture = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 128]));
    let mut out = Cursor::new(Vec::new());
    let _ = image::DynamicImage::ImageRgb8(picture).write_to(&mut out, image::ImageFormat::Png);
    out.into_inner()
}

/// Runs this group.
pub fn run(s: &mut Suite) {
    let Ok(d) = create(s, None) else {
        s.skip("assets", "no draft could be made for them");
        return;
    };
    let upload = |s: &Suite, kind: &str, bytes: Vec<u8>, media: &'static str| {
        s.api.send("POST", &format!("/signups/{}/assets?kind={kind}", d.id), "/signups/{id}/assets", &[d.auth()], Some(Body::Raw(bytes, media)))
    };
    let mut asset = None;
    s.check("assets.upload_a_png_201", |s| {
        let reply = upload(s, "logo", png(64, 64), "image/png")?;
        reply.want(201)?;
        asset = reply.json().and_then(|j| j["id"].as_str().map(str::to_owned));
        asset.as_ref().map(|_| ()).ok_or_else(|| "no asset id".to_owned())
    });
    if let Some(id) = asset {
        s.check("assets.read_back_as_an_image", |s| {
            let reply = s.api.send("GET", &format!("/signups/{}/assets/{id}", d.id), "/signups/{id}/assets/{asset}", &[d.auth()], None)?;
            reply.want(200)?;
            let kind = reply.header("content-type").unwrap_or_default();
            if !kind.starts_with("image/") {
                return Err(format!("served as {kind}"));
            }
            Ok(())
        });
    }
    let refused: [(&str, &str, Vec<u8>, &'static str, u16, &str); 5] = [
        ("assets.not_an_image_422", "logo", b"hello, this is text".to_vec(), "image/png", 422, "/file"),
        ("assets.svg_refused_422", "logo", b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>".to_vec(), "image/png", 422, "/file"),
        ("assets.empty_422", "logo", Vec::new(), "image/png", 422, "/file"),
        ("assets.too_small_422", "logo", png(16, 16), "image/png", 422, "/file/dimensions"),
        ("assets.too_large_413", "logo", vec![0u8; onramp_api::asset::MAX_BYTES as usize + 1], "image/png", 413, "/file"),
    ];
    for (name, kind, bytes, media, status, pointer) in refused {
        s.check(name, |s| {
            let reply = upload(s, kind, bytes, media)?;
            reply.want(status)?;
            if !reply.errors().iter().any(|(p, _)| p == pointer) {
                return Err(format!("expected the error at {pointer}, got {:?}", reply.errors()));
            }
            Ok(())
        });
    }
    s.check("assets.unknown_kind_422", |s| {
        let reply = upload(s, "banner", png(64, 64), "image/png")?;
        reply.want(422)?;
        if !reply.errors().iter().any(|(p, _)| p == "/kind") {
            return Err(format!("expected the error at /kind, got {:?}", reply.errors()));
        }
        Ok(())
    });
}
