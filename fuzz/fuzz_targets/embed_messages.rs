//! Any text as a message from the page around the app (and from the app, as a partner's code
//! would read it), partner settings and funnel batches: an error or a value, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use onramp_api::embed::{decode_app, decode_parent, encode_app, encode_parent, Partner};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(m) = decode_parent(text) {
        // What decodes encodes and decodes to the same message.
        assert_eq!(decode_parent(&encode_parent(&m)), Ok(m));
    }
    if let Ok(m) = decode_app(text) {
        assert_eq!(decode_app(&encode_app(&m)), Ok(m));
    }
    if let Ok(p) = serde_json::from_str::<Partner>(text) {
        let errors = p.validate(&onramp_api::sample::catalog());
        let css = p.appearance.css_properties();
        if errors.iter().any(|e| e.pointer.starts_with("/appearance")) {
            assert!(css.is_none());
        }
        let _ = p.frame_ancestors();
    }
    if let Ok(b) = serde_json::from_str::<onramp_api::funnel::EventBatch>(text) {
        let _ = b.problem();
    }
});
