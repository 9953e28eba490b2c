//! The embedding protocol described for partner developers: every `data-` attribute, event,
//! payload field, method and error code, rendered as the reference part of
//! `docs/embedding.md` and as `docs/embed.d.ts`. Tests check this description against
//! [`crate::embed`]'s serde types and `public/embed.js`, and the committed files against it.

use crate::embed::{AppMessage, LOCALES, PROTOCOL_VERSION};

/// One field of a payload.
pub struct Field {
    /// Name in JSON.
    pub name: &'static str,
    /// TypeScript type.
    pub ts: &'static str,
    /// Whether it may be absent.
    pub optional: bool,
    /// One sentence.
    pub doc: &'static str,
}

/// One event on the container (`onramp:<name>`).
pub struct Event {
    /// The message `type`, and the event's name after `onramp:`.
    pub name: &'static str,
    /// The TypeScript interface of its `event.detail`.
    pub interface: &'static str,
    /// When it fires.
    pub doc: &'static str,
    /// The fields of `event.detail` besides `onramp` and `type`.
    pub fields: &'static [Field],
}

/// One `data-` attribute of the loader's `<script>`.
pub struct Attribute {
    /// Name, with `data-`.
    pub name: &'static str,
    /// What it does.
    pub doc: &'static str,
}

/// One `code` of `onramp:error`.
pub struct Code {
    /// The code.
    pub code: &'static str,
    /// `loader` (found by `embed.js` before or around the frame) or `app` (inside the flow).
    pub source: &'static str,
    /// What it means and what to do.
    pub doc: &'static str,
}

const fn f(name: &'static str, ts: &'static str, doc: &'static str) -> Field {
    Field { name, ts, optional: false, doc }
}

const fn opt(name: &'static str, ts: &'static str, doc: &'static str) -> Field {
    Field { name, ts, optional: true, doc }
}

/// The `data-` attributes.
pub const ATTRIBUTES: &[Attribute] = &[
    Attribute { name: "data-partner", doc: "Required. Your partner id (2 to 40 of a-z, 0-9 and -), as the provider set it up." },
    Attribute { name: "data-target", doc: "A CSS selector of the element to put the frame in. Without it, a new `<div>` is inserted right after the `<script>` element." },
    Attribute { name: "data-locale", doc: "The language to start in (`en` or `de`); the visitor can still switch unless your settings lock it." },
    Attribute { name: "data-plan", doc: "A plan id to preselect (your settings' locked plan wins)." },
    Attribute { name: "data-billing", doc: "`monthly` or `yearly`, preselected." },
    Attribute { name: "data-title", doc: "The frame's accessible name (default: \"Sign up for your own social media server\"); name it after your page's wording so it does not repeat a landmark of yours." },
    Attribute { name: "data-timeout", doc: "Milliseconds to wait for `ready` before `onramp:error` with `ready_timeout` (default 15000, 1000 to 120000)." },
];

/// The events, in the order a visit usually sees them; `error` is documented with its detail as
/// the loader dispatches it (the app's own `error` message gains `code`, `source`, `partner`
/// and `origin` on the way).
pub const EVENTS: &[Event] = &[
    Event {
        name: "ready",
        interface: "OnrampReady",
        doc: "The app runs inside the frame and listens. Fires once per frame load.",
        fields: &[
            f("app_version", "string", "The app's version."),
            f("locales", "OnrampLocale[]", "The languages the app has."),
            f("locale", "OnrampLocale", "The language shown now."),
            opt("step", "OnrampStep", "The step shown now, if the page is a step."),
            f("partner", "string", "Your partner id."),
            f("partner_applied", "boolean", "Whether your settings (design tokens, presets, locks) were applied."),
        ],
    },
    Event { name: "step", interface: "OnrampStepShown", doc: "A step is shown (also the first one).", fields: &[f("step", "OnrampStep", "Which step.")] },
    Event {
        name: "resize",
        interface: "OnrampResize",
        doc: "The content's height changed; the loader has already set the frame's height.",
        fields: &[f("height", "number", "The new height in CSS pixels.")],
    },
    Event {
        name: "locale",
        interface: "OnrampLocaleChanged",
        doc: "The language changed, by the visitor or through `setLocale`.",
        fields: &[f("locale", "OnrampLocale", "The language now shown.")],
    },
    Event {
        name: "completed",
        interface: "OnrampCompleted",
        doc: "The order is placed. Fires once per order, not again on a reload.",
        fields: &[f("order_id", "string", "The order's id (`or_…`), to match the provider's records.")],
    },
    Event {
        name: "exit",
        interface: "OnrampExit",
        doc: "The visitor chose \"Leave the sign-up\". Yours to act on: the frame stays as it is until you remove or hide it.",
        fields: &[],
    },
    Event {
        name: "error",
        interface: "OnrampError",
        doc: "Something failed that you should know about (see the codes below). With `source: \"loader\"` the visitor sees a fallback with a link that opens the sign-up in a new tab.",
        fields: &[
            f("code", "OnrampErrorCode", "A stable code (table below)."),
            f("message", "string", "For you, the developer, in English; never shown to visitors by the loader."),
            f("source", "'loader' | 'app'", "Who found it: `embed.js` around the frame, or the app inside it."),
            f("partner", "string", "The partner id of the `<script>`."),
            f("origin", "string", "Your page's origin, as the loader saw it."),
            opt("kind", "string", "The app's own name for the code (the same value), kept for protocol 1."),
        ],
    },
    Event {
        name: "funnel",
        interface: "OnrampFunnel",
        doc: "A step of the funnel, for your analytics. Never carries a typed value.",
        fields: &[f("event", "OnrampFunnelEvent", "`{ kind, step, codes? }`: kind is `step_entered`, `step_completed`, `validation_error` (with the rule codes) or `submitted`.")],
    },
];

/// The error codes.
pub const CODES: &[Code] = &[
    Code { code: "invalid_partner_id", source: "loader", doc: "`data-partner` is missing or not a partner id. No frame is created." },
    Code { code: "unknown_partner", source: "loader", doc: "No partner has this id on the sign-up service. No frame is created." },
    Code { code: "origin_not_allowed", source: "loader", doc: "Your page's origin is not one of the partner's allowed origins (exact match: scheme, host and port). No frame is created." },
    Code { code: "ancestor_not_allowed", source: "loader", doc: "Your page is itself inside a frame of an origin the partner does not allow; the browser would refuse the sign-up. No frame is created." },
    Code { code: "unreachable", source: "loader", doc: "The sign-up service did not answer the loader's check (offline, blocked by your page's `connect-src`, a server error). No frame is created." },
    Code { code: "ready_timeout", source: "loader", doc: "The frame did not send `ready` within `data-timeout`. The frame is hidden; it is shown again if `ready` still arrives." },
    Code { code: "version_mismatch", source: "loader", doc: "The app speaks another protocol version than this `embed.js`: load `embed.js` from the sign-up service itself, not a copy." },
    Code { code: "network", source: "app", doc: "A save did not reach the server; the app keeps what was typed and retries." },
    Code { code: "timeout", source: "app", doc: "A save got no answer in time; the app retries." },
    Code { code: "server", source: "app", doc: "The server failed a save (5xx)." },
    Code { code: "malformed", source: "app", doc: "The server's answer was not what the contract says." },
    Code { code: "not_found", source: "app", doc: "The saved sign-up is gone or its link does not open it; the visitor starts again." },
    Code { code: "conflict", source: "app", doc: "The sign-up was changed elsewhere (another tab); the app offers to reload it." },
    Code { code: "expired", source: "app", doc: "The session expired: the sign-up was left too long and was deleted." },
    Code { code: "submitted", source: "app", doc: "The sign-up already became an order (placed in another tab)." },
    Code { code: "too_many", source: "app", doc: "Rate limited for now; the app retries later." },
    Code { code: "unsupported_locale", source: "app", doc: "`setLocale` asked for a language the app does not have (its promise rejects too)." },
    Code { code: "locale_locked", source: "app", doc: "`setLocale` asked to change a language your settings lock (its promise rejects too)." },
];

/// The steps, as `step` names them.
pub const STEPS: &[&str] = &crate::funnel::STEPS;

/// The TypeScript name of a message's detail, for every message the app sends (an exhaustive
/// match: a new message does not compile until it is documented).
pub fn interface_of(message: &AppMessage) -> &'static str {
    match message {
        AppMessage::Ready(_) => "OnrampReady",
        AppMessage::Step { .. } => "OnrampStepShown",
        AppMessage::Resize { .. } => "OnrampResize",
        AppMessage::Locale { .. } => "OnrampLocaleChanged",
        AppMessage::Completed { .. } => "OnrampCompleted",
        AppMessage::Exit => "OnrampExit",
        AppMessage::Error { .. } => "OnrampError",
        AppMessage::Funnel { .. } => "OnrampFunnel",
    }
}

fn quoted_union(items: &[&str]) -> String {
    items.iter().map(|i| format!("'{i}'")).collect::<Vec<_>>().join(" | ")
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

/// The reference part of `docs/embedding.md` (tables), between its generated markers.
pub fn markdown() -> String {
    let mut out = String::new();
    out.push_str("### Attributes of the `<script>`\n\n| Attribute | Meaning |\n|---|---|\n");
    for a in ATTRIBUTES {
        out.push_str(&format!("| `{}` | {} |\n", a.name, cell(a.doc)));
    }
    out.push_str(&format!(
        "\n### Events on the container\n\nEach is a `CustomEvent` that bubbles; `event.detail` always has `onramp: {PROTOCOL_VERSION}` and `type` (the name after `onramp:`), and the fields below. `onramp:message` fires as well for every one of them (a catch-all: listen to it or to the named events, not both).\n\n"
    ));
    for e in EVENTS {
        out.push_str(&format!("#### `onramp:{}` ({})\n\n{}\n\n", e.name, e.interface, e.doc));
        if e.fields.is_empty() {
            out.push_str("No fields besides `onramp` and `type`.\n\n");
            continue;
        }
        out.push_str("| Field | Type | Meaning |\n|---|---|---|\n");
        for field in e.fields {
            let optional = if field.optional { " (optional)" } else { "" };
            out.push_str(&format!("| `{}`{optional} | `{}` | {} |\n", field.name, cell(field.ts), cell(field.doc)));
        }
        out.push('\n');
    }
    out.push_str(&format!(
        "Steps (`OnrampStep`): {}. Languages (`OnrampLocale`): {}.\n\n",
        STEPS.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", "),
        LOCALES.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ")
    ));
    out.push_str("### Error codes (`onramp:error`)\n\n| Code | Source | Meaning |\n|---|---|---|\n");
    for c in CODES {
        out.push_str(&format!("| `{}` | {} | {} |\n", c.code, c.source, cell(c.doc)));
    }
    out
}

/// `docs/embed.d.ts`.
pub fn typescript() -> String {
    let mut out = String::from(
        "// TypeScript declarations for Onramp's embed.js: the container API and its events.\n\
         // Generated from onramp_api::embed_docs (cargo xtask docs); do not edit by hand.\n\n",
    );
    out.push_str(&format!("/** The protocol version every detail carries as `onramp`. */\nexport type OnrampProtocol = {PROTOCOL_VERSION};\n\n"));
    out.push_str(&format!("/** A language the app has. */\nexport type OnrampLocale = {};\n\n", quoted_union(&LOCALES)));
    out.push_str(&format!("/** A step of the flow. */\nexport type OnrampStep = {};\n\n", quoted_union(STEPS)));
    let codes: Vec<&str> = CODES.iter().map(|c| c.code).collect();
    out.push_str(&format!("/** The `code` of `onramp:error`. */\nexport type OnrampErrorCode = {};\n\n", quoted_union(&codes)));
    out.push_str(
        "/** A funnel event: never a typed value. */\nexport interface OnrampFunnelEvent {\n  kind: 'step_entered' | 'step_completed' | 'validation_error' | 'submitted';\n  step: OnrampStep;\n  /** The rule codes that refused, for `validation_error`. */\n  codes?: string[];\n}\n\n",
    );
    for e in EVENTS {
        out.push_str(&format!("/** `onramp:{}`: {} */\nexport interface {} {{\n  onramp: OnrampProtocol;\n  type: '{}';\n", e.name, e.doc.replace("*/", "* /"), e.interface, e.name));
        for field in e.fields {
            out.push_str(&format!("  /** {} */\n  {}{}: {};\n", field.doc.replace("*/", "* /"), field.name, if field.optional { "?" } else { "" }, field.ts));
        }
        out.push_str("}\n\n");
    }
    let all: Vec<&str> = EVENTS.iter().map(|e| e.interface).collect();
    out.push_str(&format!("/** Any detail, as `onramp:message` carries it. */\nexport type OnrampDetail = {};\n\n", all.join(" | ")));
    out.push_str("/** The container's events. */\nexport interface OnrampEventMap {\n");
    for e in EVENTS {
        out.push_str(&format!("  'onramp:{}': CustomEvent<{}>;\n", e.name, e.interface));
    }
    out.push_str("  /** Every event above once more (a catch-all). */\n  'onramp:message': CustomEvent<OnrampDetail>;\n}\n\n");
    out.push_str(
        "/** An `Error` the loader rejects with, carrying a code. */\nexport interface OnrampRejection extends Error {\n  code: OnrampErrorCode | 'no_answer';\n}\n\n\
         /** `container.onramp`, set by embed.js on the container. */\nexport interface OnrampApi {\n\
         \x20 /** The frame, or null when the loader refused to create it. */\n  readonly frame: HTMLIFrameElement | null;\n\
         \x20 /** Resolves with the first `ready` detail; rejects (OnrampRejection) on a loader error before it. */\n  readonly ready: Promise<OnrampReady>;\n\
         \x20 /** Switches the app's language. Resolves with the language once the app shows it; rejects (OnrampRejection) with `unsupported_locale`, `locale_locked`, or `no_answer` after 5 s. */\n  setLocale(locale: string): Promise<OnrampLocale>;\n}\n\n\
         /** The element embed.js fills (data-target, or the `<div>` it inserts). */\nexport interface OnrampContainer extends HTMLElement {\n  readonly onramp: OnrampApi;\n\
         \x20 addEventListener<K extends keyof OnrampEventMap>(type: K, listener: (this: OnrampContainer, ev: OnrampEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;\n\
         \x20 addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;\n}\n",
    );
    out
}
