package org.almasim.simulator.users;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.almasim.simulator.codes.Code;

/** A resource-sharing library the user belongs to. */
public record RsLibrary(@JsonProperty("code") Code code) {}
