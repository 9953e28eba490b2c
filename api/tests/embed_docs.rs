//! The partner documentation cannot drift: its description matches the protocol's serde types
//! and `public/embed.js`, and the committed `docs/embedding.md` (reference part) and
//! `docs/embed.d.ts` are what it renders. `ONRAMP_BLESS=1` writes them anew.

use std::collections::BTreeSet;
use std::path::PathBuf;

use onramp_api::embed::{encode_app, AppMessage, ReadyInfo};
use onramp_api::embed_docs::{interface_of, markdown, typescript, ATTRIBUTES, CODES, EVENTS};
use onramp_api::funnel::{FunnelEvent, FunnelKind};

const BEGIN: &str = "<!-- BEGIN GENERATED: onramp_api::embed_docs (cargo xtask docs) -->\n";
const END: &str = "<!-- END GENERATED -->";

/// What the loader adds to the app's `error` message before it dispatches it.
const LOADER_ADDS: [&str; 4] = ["code", "source", "partner", "origin"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// One message of every kind with every field set.
fn samples() -> Vec<AppMessage> {
    vec![
        AppMessage::Ready(ReadyInfo {
            app_version: "0.1.0".into(),
            locales: vec!["en".into(), "de".into()],
            locale: "en".into(),
            step: Some("plan".into()),
            partner: "example-university".into(),
            partner_applied: true,
        }),
        AppMessage::Step { step: "plan".into() },
        AppMessage::Resize { height: 900 },
        AppMessage::Locale { locale: "de".into() },
        AppMessage::Completed { order_id: "or_1".into() },
        AppMessage::Exit,
        AppMessage::Error { kind: "network".into(), message: "offline".into() },
        AppMessage::Funnel { event: FunnelEvent { kind: FunnelKind::ValidationError, step: "plan".into(), codes: vec![onramp_api::ErrorCode::Required] } },
    ]
}

#[test]
fn every_message_and_field_is_documented_and_nothing_else() {
    let mut documented: BTreeSet<&str> = EVENTS.iter().map(|e| e.name).collect();
    for message in samples() {
        let json: serde_json::Value = serde_json::from_str(&encode_app(&message)).unwrap();
        let name = json["type"].as_str().unwrap().to_owned();
        let event = EVENTS.iter().find(|e| e.name == name).unwrap_or_else(|| panic!("{name} is not documented"));
        assert_eq!(interface_of(&message), event.interface, "{name}");
        let sent: BTreeSet<String> = json.as_object().unwrap().keys().filter(|k| *k != "onramp" && *k != "type").cloned().collect();
        let mut expected: BTreeSet<String> = event.fields.iter().map(|f| f.name.to_owned()).collect();
        if name == "error" {
            for added in LOADER_ADDS {
                assert!(expected.remove(added), "error documents {added}, which the loader adds");
            }
        }
        assert_eq!(sent, expected, "the fields of {name}");
        documented.remove(name.as_str());
    }
    assert!(documented.is_empty(), "documented but never sent: {documented:?}");
    // An optional field really is optional on the wire.
    let bare: serde_json::Value = serde_json::from_str(&encode_app(&AppMessage::Ready(ReadyInfo::default()))).unwrap();
    for field in EVENTS.iter().flat_map(|e| e.fields).filter(|f| f.optional && f.name != "kind") {
        assert!(bare.get(field.name).is_none(), "{} is optional", field.name);
    }
}

#[test]
fn the_loader_matches_the_description() {
    let js = std::fs::read_to_string(root().join("public/embed.js")).unwrap();
    // The message types it accepts.
    let types_line = js.lines().find(|l| l.contains("var TYPES = [")).expect("embed.js lists TYPES");
    let listed: BTreeSet<&str> = types_line.split('\'').skip(1).step_by(2).collect();
    let documented: BTreeSet<&str> = EVENTS.iter().map(|e| e.name).collect();
    assert_eq!(listed, documented);
    // Every loader code is raised by it, and it raises no undocumented code.
    for code in CODES.iter().filter(|c| c.source == "loader") {
        assert!(js.contains(&format!("'{}'", code.code)), "embed.js never raises {}", code.code);
    }
    let raised: Vec<&str> = js.split("fail('").skip(1).filter_map(|rest| rest.split('\'').next()).collect();
    assert!(!raised.is_empty());
    for code in raised {
        assert!(CODES.iter().any(|c| c.code == code && c.source == "loader"), "embed.js raises {code}, which is not documented");
    }
    // Every attribute is read.
    for a in ATTRIBUTES {
        let camel = a.name.trim_start_matches("data-");
        assert!(js.contains(&format!("data.{camel}")) || js.contains(&format!("'{camel}'")), "embed.js does not read {}", a.name);
    }
    // The app's error kinds are documented as app codes.
    for kind in ["network", "timeout", "server", "malformed", "not_found", "conflict", "expired", "submitted", "too_many"] {
        assert!(CODES.iter().any(|c| c.code == kind && c.source == "app"), "{kind}");
    }
}

#[test]
fn the_committed_documents_are_what_the_description_renders() {
    let bless = std::env::var_os("ONRAMP_BLESS").is_some();
    let dts_path = root().join("docs/embed.d.ts");
    let md_path = root().join("docs/embedding.md");
    let dts = typescript();
    let md = std::fs::read_to_string(&md_path).unwrap();
    let start = md.find(BEGIN).expect("docs/embedding.md has the generated marker") + BEGIN.len();
    let end = md.get(start..).and_then(|rest| rest.find(END)).expect("and its end") + start;
    let generated = markdown();
    if bless {
        std::fs::write(&dts_path, &dts).unwrap();
        std::fs::write(&md_path, format!("{}{generated}{}", &md[..start], &md[end..])).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&dts_path).unwrap_or_default();
    assert!(committed == dts, "docs/embed.d.ts is not what onramp_api::embed_docs renders: run cargo xtask docs and review the diff");
    assert!(md[start..end] == generated, "the reference part of docs/embedding.md is stale: run cargo xtask docs and review the diff");
}

/// Writes `target/embed-samples.ts`: every message the app sends, as JSON, typed with
/// `docs/embed.d.ts`; `cargo xtask test` compiles it with `tsc --strict`, whose excess-property
/// and missing-property checks make the declarations and the Rust types agree both ways.
#[test]
fn typescript_samples_of_every_message_are_written_for_tsc() {
    let mut ts = String::from("// Written by api/tests/embed_docs.rs; compiled by cargo xtask test with tsc --strict.\n");
    let interfaces: Vec<&str> = EVENTS.iter().map(|e| e.interface).collect();
    ts.push_str(&format!("import type {{ {}, OnrampContainer, OnrampLocale, OnrampDetail }} from '../docs/embed';\n\n", interfaces.join(", ")));
    for (i, message) in samples().into_iter().enumerate() {
        let mut json: serde_json::Value = serde_json::from_str(&encode_app(&message)).unwrap();
        if json["type"] == "error" {
            // As the loader dispatches it.
            json["code"] = json["kind"].clone();
            json["source"] = "app".into();
            json["partner"] = "example-university".into();
            json["origin"] = "http://127.0.0.1:8090".into();
        }
        ts.push_str(&format!("export const sample{i}: {} = {};\n", interface_of(&message), serde_json::to_string_pretty(&json).unwrap()));
    }
    ts.push_str(
        "export const fromLoader: OnrampError = { onramp: 1, type: 'error', code: 'origin_not_allowed', message: 'Onramp embed: …', source: 'loader', partner: 'p', origin: 'https://a.example' };\n\
         export const any: OnrampDetail[] = [sample0, fromLoader];\n\
         export function use(c: OnrampContainer): Promise<OnrampLocale> {\n\
         \x20 c.addEventListener('onramp:ready', (e) => { const v: string = e.detail.app_version; void v; });\n\
         \x20 c.addEventListener('onramp:error', (e) => { const code: string = e.detail.code; void code; });\n\
         \x20 return c.onramp.ready.then(() => c.onramp.setLocale('de'));\n}\n",
    );
    let path = root().join("target/embed-samples.ts");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, ts).unwrap();
}
