// TypeScript declarations for Onramp's embed.js: the container API and its events.
// Generated from onramp_api::embed_docs (cargo xtask docs); do not edit by hand.

/** The protocol version every detail carries as `onramp`. */
export type OnrampProtocol = 1;

/** A language the app has. */
export type OnrampLocale = 'en' | 'de' | 'fr';

/** A step of the flow. */
export type OnrampStep = 'plan' | 'organization' | 'domain' | 'branding' | 'moderation' | 'review' | 'status';

/** The `code` of `onramp:error`. */
export type OnrampErrorCode = 'invalid_partner_id' | 'unknown_partner' | 'origin_not_allowed' | 'ancestor_not_allowed' | 'unreachable' | 'ready_timeout' | 'version_mismatch' | 'network' | 'timeout' | 'server' | 'malformed' | 'not_found' | 'conflict' | 'expired' | 'submitted' | 'too_many' | 'unsupported_locale' | 'locale_locked';

/** A funnel event: never a typed value. */
export interface OnrampFunnelEvent {
  kind: 'step_entered' | 'step_completed' | 'validation_error' | 'submitted';
  step: OnrampStep;
  /** The rule codes that refused, for `validation_error`. */
  codes?: string[];
}

/** `onramp:ready`: The app runs inside the frame and listens. Fires once per frame load. */
export interface OnrampReady {
  onramp: OnrampProtocol;
  type: 'ready';
  /** The app's version. */
  app_version: string;
  /** The languages the app has. */
  locales: OnrampLocale[];
  /** The language shown now. */
  locale: OnrampLocale;
  /** The step shown now, if the page is a step. */
  step?: OnrampStep;
  /** Your partner id. */
  partner: string;
  /** Whether your settings (design tokens, presets, locks) were applied. */
  partner_applied: boolean;
}

/** `onramp:step`: A step is shown (also the first one). */
export interface OnrampStepShown {
  onramp: OnrampProtocol;
  type: 'step';
  /** Which step. */
  step: OnrampStep;
}

/** `onramp:resize`: The content's height changed; the loader has already set the frame's height. */
export interface OnrampResize {
  onramp: OnrampProtocol;
  type: 'resize';
  /** The new height in CSS pixels. */
  height: number;
}

/** `onramp:locale`: The language changed, by the visitor or through `setLocale`. */
export interface OnrampLocaleChanged {
  onramp: OnrampProtocol;
  type: 'locale';
  /** The language now shown. */
  locale: OnrampLocale;
}

/** `onramp:completed`: The order is placed. Fires once per order, not again on a reload. */
export interface OnrampCompleted {
  onramp: OnrampProtocol;
  type: 'completed';
  /** The order's id (`or_…`), to match the provider's records. */
  order_id: string;
}

/** `onramp:exit`: The visitor chose "Leave the sign-up". Yours to act on: the frame stays as it is until you remove or hide it. */
export interface OnrampExit {
  onramp: OnrampProtocol;
  type: 'exit';
}

/** `onramp:error`: Something failed that you should know about (see the codes below). With `source: "loader"` the visitor sees a fallback with a link that opens the sign-up in a new tab. */
export interface OnrampError {
  onramp: OnrampProtocol;
  type: 'error';
  /** A stable code (table below). */
  code: OnrampErrorCode;
  /** For you, the developer, in English; never shown to visitors by the loader. */
  message: string;
  /** Who found it: `embed.js` around the frame, or the app inside it. */
  source: 'loader' | 'app';
  /** The partner id of the `<script>`. */
  partner: string;
  /** Your page's origin, as the loader saw it. */
  origin: string;
  /** The app's own name for the code (the same value), kept for protocol 1. */
  kind?: string;
}

/** `onramp:funnel`: A step of the funnel, for your analytics. Never carries a typed value. */
export interface OnrampFunnel {
  onramp: OnrampProtocol;
  type: 'funnel';
  /** `{ kind, step, codes? }`: kind is `step_entered`, `step_completed`, `validation_error` (with the rule codes) or `submitted`. */
  event: OnrampFunnelEvent;
}

/** Any detail, as `onramp:message` carries it. */
export type OnrampDetail = OnrampReady | OnrampStepShown | OnrampResize | OnrampLocaleChanged | OnrampCompleted | OnrampExit | OnrampError | OnrampFunnel;

/** The container's events. */
export interface OnrampEventMap {
  'onramp:ready': CustomEvent<OnrampReady>;
  'onramp:step': CustomEvent<OnrampStepShown>;
  'onramp:resize': CustomEvent<OnrampResize>;
  'onramp:locale': CustomEvent<OnrampLocaleChanged>;
  'onramp:completed': CustomEvent<OnrampCompleted>;
  'onramp:exit': CustomEvent<OnrampExit>;
  'onramp:error': CustomEvent<OnrampError>;
  'onramp:funnel': CustomEvent<OnrampFunnel>;
  /** Every event above once more (a catch-all). */
  'onramp:message': CustomEvent<OnrampDetail>;
}

/** An `Error` the loader rejects with, carrying a code. */
export interface OnrampRejection extends Error {
  code: OnrampErrorCode | 'no_answer';
}

/** `container.onramp`, set by embed.js on the container. */
export interface OnrampApi {
  /** The frame, or null when the loader refused to create it. */
  readonly frame: HTMLIFrameElement | null;
  /** Resolves with the first `ready` detail; rejects (OnrampRejection) on a loader error before it. */
  readonly ready: Promise<OnrampReady>;
  /** Switches the app's language. Resolves with the language once the app shows it; rejects (OnrampRejection) with `unsupported_locale`, `locale_locked`, or `no_answer` after 5 s. */
  setLocale(locale: string): Promise<OnrampLocale>;
}

/** The element embed.js fills (data-target, or the `<div>` it inserts). */
export interface OnrampContainer extends HTMLElement {
  readonly onramp: OnrampApi;
  addEventListener<K extends keyof OnrampEventMap>(type: K, listener: (this: OnrampContainer, ev: OnrampEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}
