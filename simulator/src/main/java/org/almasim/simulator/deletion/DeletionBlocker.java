package org.almasim.simulator.deletion;

/** One reason Alma refuses to delete a user, in the words its job report uses. */
public record DeletionBlocker(String kind, String reason) {}
