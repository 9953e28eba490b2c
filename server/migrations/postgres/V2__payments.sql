-- Each order's payment: its method and state, whether provisioning waits for it, and how many
-- tries at the provider's checkout the customer began.
CREATE TABLE payments (
    order_id    TEXT PRIMARY KEY,
    method      TEXT NOT NULL,
    state       TEXT NOT NULL CHECK (state IN ('invoiced', 'awaiting_payment', 'pending', 'paid', 'failed')),
    reason      TEXT,
    hold        BOOLEAN NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    updated_at  BIGINT NOT NULL
);
