package org.almasim.simulator.users;

/** A user as stored: its database key, the Alma document as GET answers it, and the password kept apart. */
public record StoredUser(long key, String document, String password) {
}
