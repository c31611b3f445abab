package org.almasim.simulator.users;

/** A user as stored: its database key, primary id, the Alma document as GET answers it, and the password kept apart. */
public record StoredUser(long key, String primaryId, String document, String password) {}
