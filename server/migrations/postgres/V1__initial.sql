-- The reference server's schema on PostgreSQL: the same tables as the SQLite file (server/src/db.rs,
-- its migrations 1 to 3 together), with the claims several instances need. Times are Unix seconds
-- unless a column says milliseconds.

CREATE TABLE domains (
    name   TEXT PRIMARY KEY,  -- ASCII, lower case
    state  TEXT NOT NULL CHECK (state IN ('taken', 'reserved'))
);

CREATE TABLE signups (
    id          TEXT PRIMARY KEY,
    token_hash  TEXT NOT NULL,
    version     BIGINT NOT NULL,
    sections    TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    partner     TEXT
);

CREATE TABLE assets (
    id          TEXT PRIMARY KEY,
    signup_id   TEXT NOT NULL,
    kind        TEXT NOT NULL,
    format      TEXT NOT NULL,
    width       BIGINT NOT NULL,
    height      BIGINT NOT NULL,
    data        BYTEA NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX assets_by_signup ON assets (signup_id);

CREATE TABLE orders (
    id                 TEXT PRIMARY KEY,
    signup_id          TEXT NOT NULL UNIQUE,   -- a draft becomes at most one order
    idempotency_key    TEXT NOT NULL UNIQUE,
    fingerprint        TEXT NOT NULL,          -- SHA-256 of the sections submitted
    sections           TEXT NOT NULL,
    created_at         BIGINT NOT NULL,
    terms_accepted_at  BIGINT NOT NULL,
    locale             TEXT NOT NULL DEFAULT 'en'
);

CREATE TABLE provisioning_steps (
    order_id       TEXT NOT NULL,
    position       BIGINT NOT NULL,
    kind           TEXT NOT NULL,
    state          TEXT NOT NULL CHECK (state IN ('pending', 'running', 'done', 'failed')),
    started_at     BIGINT,
    finished_at    BIGINT,
    detail         TEXT,
    claimed_until  BIGINT NOT NULL DEFAULT 0,  -- ms: an instance works on it until then
    PRIMARY KEY (order_id, position)
);

CREATE TABLE funnel_events (
    id       BIGSERIAL PRIMARY KEY,
    at       BIGINT NOT NULL,
    session  TEXT NOT NULL,
    partner  TEXT,
    kind     TEXT NOT NULL,
    step     TEXT NOT NULL,
    codes    TEXT NOT NULL
);

CREATE TABLE mail_log (
    id            BIGSERIAL PRIMARY KEY,
    signup_id     TEXT NOT NULL,
    address_hash  TEXT NOT NULL,
    at            BIGINT NOT NULL
);
CREATE INDEX mail_log_by_signup ON mail_log (signup_id, at);
CREATE INDEX mail_log_by_address ON mail_log (address_hash, at);

CREATE TABLE deliveries (
    id            TEXT PRIMARY KEY,
    event_id      TEXT NOT NULL,
    channel       TEXT NOT NULL CHECK (channel IN ('mail', 'webhook')),
    target        TEXT NOT NULL,
    about         TEXT NOT NULL,
    body          TEXT NOT NULL,
    state         TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts      BIGINT NOT NULL DEFAULT 0,
    created_at    BIGINT NOT NULL,  -- ms
    next_at       BIGINT NOT NULL,  -- ms: due, or leased until
    deadline      BIGINT NOT NULL,  -- ms
    last_error    TEXT,
    delivered_at  BIGINT
);
CREATE INDEX deliveries_due ON deliveries (state, next_at);
