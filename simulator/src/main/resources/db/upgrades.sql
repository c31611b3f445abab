-- Columns added to the schema since databases were first kept on disk, added (empty) to a database that lacks them.
-- almasim's own script, from its classpath: no client's file is ever run.
ALTER TABLE patron ADD COLUMN IF NOT EXISTS modified_date DATE;

-- Added with hold requests; the same statements as in schema.sql, which stay there for a new database.
-- Hold requests users place on items (GET/POST /almaws/v1/users/{id}/requests): active (NOT_STARTED while the item is
-- on loan, IN_PROCESS to be taken from the shelf, ON_HOLD_SHELF) until cancelled, then history. A user's deletion
-- cancels them with it, as Alma's purge does.
CREATE TABLE IF NOT EXISTS user_request (
    request_id         VARCHAR(32)   NOT NULL PRIMARY KEY,
    user_key           BIGINT        NOT NULL,
    item_pid           VARCHAR(32)   NOT NULL,
    request_type       VARCHAR(20)   NOT NULL,
    request_status     VARCHAR(30)   NOT NULL,
    active             BOOLEAN       NOT NULL,
    pickup_library     VARCHAR(100)  NOT NULL,
    pickup_circ_desk   VARCHAR(100),
    user_comment       VARCHAR(4000),
    request_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    last_interest_date DATE,
    cancel_reason      VARCHAR(100),
    cancel_note        VARCHAR(4000),
    CONSTRAINT fk_request_patron FOREIGN KEY (user_key) REFERENCES patron (user_key) ON DELETE CASCADE,
    CONSTRAINT fk_request_item FOREIGN KEY (item_pid) REFERENCES item (item_pid)
);

CREATE INDEX IF NOT EXISTS ix_request_user ON user_request (user_key);
CREATE INDEX IF NOT EXISTS ix_request_item ON user_request (item_pid);
