-- Indexes whose order is not the order patrons are loaded in. Each new patron dirties a random page of such an index,
-- commit after commit, which took a third of a million-patron load; so a load of many chunks drops them first and
-- builds each once at its end (Database.withoutDeferredIndexes). Every start runs this file, so a load that was cut
-- short leaves none missing.

-- Alma's default order for GET /users: last name, first name, primary id.
CREATE INDEX IF NOT EXISTS ix_patron_name ON patron (last_name, first_name, primary_id_fold);
