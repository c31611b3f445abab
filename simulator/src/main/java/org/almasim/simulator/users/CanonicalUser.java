package org.almasim.simulator.users;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A user as stored: the record (for the searchable columns) and the document GET answers, fields in XSD order. */
record CanonicalUser(User user, String document, ObjectNode tree) {}
