package org.almasim.simulator.blockers;

/** One reason Alma refuses to delete a user, in the words its job report uses. */
public record DeletionBlocker(String kind, String reason) {
}
