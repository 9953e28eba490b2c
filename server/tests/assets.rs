//! Image uploads: accepted by content, refused with a located reason, cleaned of metadata, and
//! only usable in the branding section of the draft they were uploaded to.

mod common;

use std::io::Cursor;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use image::{DynamicImage, ImageFormat, Rgb, RgbImage, Rgba, RgbaImage};
use onramp_api::asset::{Asset, ImageFormat as Format, MAX_BYTES};
use onramp_api::{CreatedSignup, ErrorCode, Problem};
use onramp_server::{app, AppState, Db};
use serde_json::json;

fn router() -> (tempfile::TempDir, Router) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = Db::open(&dir.path().join("onramp.sqlite3")).expect("open db");
    (dir, app(AppState::new(db)))
}

async fn send(router: &Router, req: Request<Body>) -> (StatusCode, header::HeaderMap, Vec<u8>) {
    let reply = common::send(router, req).await;
    (reply.status, reply.headers, reply.body)
}

async fn draft(router: &Router) -> CreatedSignup {
    common::create(router).await
}

fn upload(d: &CreatedSignup, kind: &str, content_type: &str, bytes: Vec<u8>) -> Request<Body> {
    Request::post(format!("/api/v1/signups/{}/assets?kind={kind}", d.id))
        .header(header::AUTHORIZATION, format!("Bearer {}", d.resume_token))
        .header(header::CONTENT_TYPE, content_type)
        .body(Body::from(bytes))
        .unwrap()
}

fn encode(image: DynamicImage, format: ImageFormat) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    image.write_to(&mut out, format).expect("encode");
    out.into_inner()
}

fn picture(w: u32, h: u32) -> DynamicImage {
    DynamicImage::ImageRgb8(RgbImage::from_fn(w, h, |x, y| Rgb([(x % 256) as u8, (y % 256) as u8, 128])))
}

fn png(w: u32, h: u32) -> Vec<u8> {
    encode(picture(w, h), ImageFormat::Png)
}

fn problem(status: StatusCode, body: &[u8]) -> Problem {
    let p: Problem = serde_json::from_slice(body).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(body)));
    assert_eq!(p.status, status.as_u16());
    p
}

fn first_error(p: &Problem) -> (&str, ErrorCode) {
    let e = p.errors.first().unwrap_or_else(|| panic!("a field error in {p:?}"));
    (e.pointer.as_str(), e.code)
}

#[tokio::test]
async fn png_jpeg_and_webp_are_taken_by_content() {
    let (_dir, router) = router();
    let d = draft(&router).await;
    let webp = encode(DynamicImage::ImageRgba8(RgbaImage::from_pixel(800, 420, Rgba([10, 20, 30, 255]))), ImageFormat::WebP);
    let cases = [
        ("png", png(1200, 630), Format::Png),
        ("jpeg", encode(picture(1200, 630), ImageFormat::Jpeg), Format::Jpeg),
        ("webp", webp, Format::Webp),
        // A PNG named photo.jpg and declared as JPEG is still a PNG.
        ("png renamed .jpg", png(640, 640), Format::Png),
    ];
    for (name, bytes, format) in cases {
        let declared = if name.contains("renamed") { "image/jpeg" } else { "application/octet-stream" };
        let (status, _, body) = send(&router, upload(&d, "thumbnail", declared, bytes)).await;
        assert_eq!(status, StatusCode::CREATED, "{name}: {}", String::from_utf8_lossy(&body));
        let asset: Asset = serde_json::from_slice(&body).expect("asset");
        assert_eq!(asset.format, format, "{name}");
        assert!(onramp_api::asset::is_asset_id(&asset.id), "{name}: {}", asset.id);
        assert!(asset.width >= 600 && asset.height >= 315 && asset.bytes > 0, "{name}: {asset:?}");

        let (status, headers, stored) = send(
            &router,
            Request::get(format!("/api/v1/signups/{}/assets/{}", d.id, asset.id))
                .header(header::AUTHORIZATION, format!("Bearer {}", d.resume_token))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()), Some(format.media_type()));
        assert_eq!(headers.get(header::X_CONTENT_TYPE_OPTIONS).and_then(|v| v.to_str().ok()), Some("nosniff"));
        assert_eq!(stored.len() as u64, asset.bytes);
        let decoded = image::load_from_memory(&stored).expect("stored image decodes");
        assert_eq!((decoded.width(), decoded.height()), (asset.width, asset.height));
    }
}

#[tokio::test]
async fn metadata_is_stripped() {
    let (_dir, router) = router();
    let d = draft(&router).await;
    let jpeg = encode(picture(700, 400), ImageFormat::Jpeg);
    // An APP1 segment right after SOI, as cameras write EXIF (with a GPS note in it).
    let secret = b"Exif\0\0GPS 52.5200N 13.4050E secret-camera-serial";
    let mut with_exif = jpeg[..2].to_vec();
    with_exif.extend_from_slice(&[0xff, 0xe1]);
    with_exif.extend_from_slice(&((secret.len() + 2) as u16).to_be_bytes());
    with_exif.extend_from_slice(secret);
    with_exif.extend_from_slice(&jpeg[2..]);
    let (status, _, body) = send(&router, upload(&d, "thumbnail", "image/jpeg", with_exif)).await;
    assert_eq!(status, StatusCode::CREATED, "{}", String::from_utf8_lossy(&body));
    let asset: Asset = serde_json::from_slice(&body).expect("asset");
    let (_, _, stored) = send(
        &router,
        Request::get(format!("/api/v1/signups/{}/assets/{}", d.id, asset.id))
            .header(header::AUTHORIZATION, format!("Bearer {}", d.resume_token))
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert!(!stored.windows(6).any(|w| w == b"secret"), "EXIF survived");
    assert!(!stored.windows(4).any(|w| w == b"Exif"), "EXIF segment survived");
}

#[tokio::test]
async fn bad_files_are_refused_with_their_reason() {
    let (_dir, router) = router();
    let d = draft(&router).await;
    let mut over = png(1200, 630);
    over.resize(MAX_BYTES as usize + 1, 0);
    let full = png(1200, 630);
    let truncated = full[..full.len() / 2].to_vec();
    let svg = br#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1200" height="630"/></svg>"#.to_vec();
    // (what, kind, bytes, status, pointer, code)
    type Case<'a> = (&'a str, &'a str, Vec<u8>, StatusCode, &'a str, ErrorCode);
    let cases: Vec<Case> = vec![
        ("svg", "thumbnail", svg, StatusCode::UNPROCESSABLE_ENTITY, "/file", ErrorCode::NotAllowed),
        ("gif", "thumbnail", b"GIF89a\x01\x00\x01\x00".to_vec(), StatusCode::UNPROCESSABLE_ENTITY, "/file", ErrorCode::Invalid),
        ("text", "logo", b"hello, I am a PNG".to_vec(), StatusCode::UNPROCESSABLE_ENTITY, "/file", ErrorCode::Invalid),
        ("empty", "logo", Vec::new(), StatusCode::UNPROCESSABLE_ENTITY, "/file", ErrorCode::TooShort),
        ("truncated", "thumbnail", truncated, StatusCode::UNPROCESSABLE_ENTITY, "/file", ErrorCode::Damaged),
        ("over 4 MB", "thumbnail", over, StatusCode::PAYLOAD_TOO_LARGE, "/file", ErrorCode::TooLong),
        ("too small", "thumbnail", png(300, 300), StatusCode::UNPROCESSABLE_ENTITY, "/file/dimensions", ErrorCode::TooShort),
        ("too big", "logo", png(2100, 100), StatusCode::UNPROCESSABLE_ENTITY, "/file/dimensions", ErrorCode::TooLong),
        ("unknown kind", "banner", png(100, 100), StatusCode::UNPROCESSABLE_ENTITY, "/kind", ErrorCode::Invalid),
    ];
    for (name, kind, bytes, status, pointer, code) in cases {
        let (got, headers, body) = send(&router, upload(&d, kind, "image/png", bytes)).await;
        assert_eq!(got, status, "{name}: {}", String::from_utf8_lossy(&body));
        assert_eq!(
            headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()),
            Some(onramp_api::PROBLEM_JSON),
            "{name}"
        );
        let p = problem(status, &body);
        assert_eq!(first_error(&p), (pointer, code), "{name}");
    }
}

#[tokio::test]
async fn uploads_need_the_drafts_token() {
    let (_dir, router) = router();
    let d = draft(&router).await;
    let wrong = CreatedSignup { resume_token: "wrong".into(), ..d.clone() };
    let (status, _, _) = send(&router, upload(&wrong, "logo", "image/png", png(64, 64))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let no_token = Request::post(format!("/api/v1/signups/{}/assets?kind=logo", d.id)).body(Body::from(png(64, 64))).unwrap();
    assert_eq!(send(&router, no_token).await.0, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn branding_takes_only_this_drafts_images_of_the_right_kind() {
    let (_dir, router) = router();
    let (a, b) = (draft(&router).await, draft(&router).await);
    let (_, _, body) = send(&router, upload(&a, "logo", "image/png", png(128, 128))).await;
    let logo: Asset = serde_json::from_slice(&body).expect("asset");
    let (_, _, body) = send(&router, upload(&b, "thumbnail", "image/png", png(1200, 630))).await;
    let other: Asset = serde_json::from_slice(&body).expect("asset");

    let write = |d: &CreatedSignup, branding: serde_json::Value| {
        Request::patch(format!("/api/v1/signups/{}", d.id))
            .header(header::AUTHORIZATION, format!("Bearer {}", d.resume_token))
            .header(header::IF_MATCH, "\"1\"")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(json!({ "branding": branding }).to_string()))
            .unwrap()
    };
    // Another draft's thumbnail, and a logo id used as a thumbnail: both refused.
    let (status, _, body) = send(
        &router,
        write(&a, json!({"site_title": "Acme", "thumbnail": other.id, "logo": logo.id})),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(first_error(&problem(status, &body)), ("/branding/thumbnail", ErrorCode::Unknown));
    let (status, _, body) = send(&router, write(&a, json!({"site_title": "Acme", "thumbnail": logo.id}))).await;
    assert_eq!(first_error(&problem(status, &body)), ("/branding/thumbnail", ErrorCode::Unknown));
    // Its own logo, a good colour: saved.
    let (status, _, body) = send(
        &router,
        write(&a, json!({"site_title": "Acme", "logo": logo.id, "accent_color": "#1d4ed8", "theme": "light"})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    // A colour below AA is refused by the same rule the app runs.
    let (status, _, body) = send(
        &router,
        Request::patch(format!("/api/v1/signups/{}", a.id))
            .header(header::AUTHORIZATION, format!("Bearer {}", a.resume_token))
            .header(header::IF_MATCH, "\"2\"")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(json!({"branding": {"site_title": "Acme", "accent_color": "#ffcc00"}}).to_string()))
            .unwrap(),
    )
    .await;
    assert_eq!(first_error(&problem(status, &body)), ("/branding/accent_color", ErrorCode::Contrast));
}

#[tokio::test]
async fn only_the_latest_image_of_each_kind_is_kept_and_expired_drafts_lose_theirs() {
    let (_dir, router) = router();
    let d = draft(&router).await;
    let upload_one = |kind: &'static str, w: u32, h: u32| {
        let (router, d) = (router.clone(), d.clone());
        async move {
            let (status, _, body) = send(&router, upload(&d, kind, "image/png", png(w, h))).await;
            assert_eq!(status, StatusCode::CREATED);
            serde_json::from_slice::<Asset>(&body).expect("asset")
        }
    };
    let first = upload_one("thumbnail", 1200, 630).await;
    let logo = upload_one("logo", 128, 128).await;
    let second = upload_one("thumbnail", 1300, 700).await;
    let read = |id: String| {
        Request::get(format!("/api/v1/signups/{}/assets/{id}", d.id))
            .header(header::AUTHORIZATION, format!("Bearer {}", d.resume_token))
            .body(Body::empty())
            .unwrap()
    };
    assert_eq!(send(&router, read(first.id)).await.0, StatusCode::NOT_FOUND, "replaced by the second thumbnail");
    assert_eq!(send(&router, read(second.id)).await.0, StatusCode::OK);
    assert_eq!(send(&router, read(logo.id)).await.0, StatusCode::OK, "another kind is kept");

    // A draft that expires loses its images to the sweep; one that became an order keeps them.
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&dir.path().join("db.sqlite3")).unwrap().with_ttl(1);
    let created = db.create_signup().unwrap();
    let image = onramp_server::StoredImage { kind: onramp_api::asset::AssetKind::Logo, format: Format::Png, width: 64, height: 64, data: png(64, 64) };
    db.add_asset(&created.id, &created.resume_token, image).unwrap();
    assert_eq!(db.sweep_assets().unwrap(), 0, "not expired yet");
    std::thread::sleep(std::time::Duration::from_millis(2_100));
    assert_eq!(db.sweep_assets().unwrap(), 1);
}
