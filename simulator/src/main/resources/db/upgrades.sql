-- Columns added to the schema since databases were first kept on disk, added (empty) to a database that lacks them.
-- almasim's own script, from its classpath: no client's file is ever run.
ALTER TABLE patron ADD COLUMN IF NOT EXISTS modified_date DATE;

