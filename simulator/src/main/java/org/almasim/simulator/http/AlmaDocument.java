package org.almasim.simulator.http;

import com.fasterxml.jackson.databind.JsonNode;

/** An Alma object already in its JSON tree form (a view built field by field), with the XML element it renders as. */
public record AlmaDocument(String rootName, JsonNode tree) {}
