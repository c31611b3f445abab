package org.almasim.simulator.patrons;

import java.time.LocalDate;
import java.util.Optional;

/**
 * What the trainer console's patron list is narrowed to: words of a name or primary id, codes, the patrons expired on
 * or after a day (and before today), and whether anything would stop Alma from deleting them.
 */
public record PatronFilter(Optional<String> words, Optional<String> status, Optional<String> userGroup, Optional<String> accountType,
                           Optional<LocalDate> expiredSince, Optional<Boolean> hasBlockers) {

    public static PatronFilter none() {
        return new PatronFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
