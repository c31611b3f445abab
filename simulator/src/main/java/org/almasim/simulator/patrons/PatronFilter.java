package org.almasim.simulator.patrons;

import java.time.LocalDate;
import java.util.Optional;
import org.almasim.simulator.jobs.PurgeVerdict;
import org.almasim.simulator.store.SearchTerms;

/**
 * What the trainer console's patron list is narrowed to: words of a name or primary id, codes, the patrons expired on
 * or after a day (and before today), whether anything would stop Alma from deleting them, and what Purge User Records run
 * today without parameters would do to them (the same answer as the patron page's).
 */
public record PatronFilter(
        Optional<String> words,
        Optional<String> status,
        Optional<String> userGroup,
        Optional<String> accountType,
        Optional<LocalDate> expiredSince,
        Optional<Boolean> hasBlockers,
        Optional<PurgeVerdict.Outcome> purgeJobToday) {

    public PatronFilter {
        words.ifPresent(text -> SearchTerms.check("The patrons' filter", text));
    }

    public static PatronFilter none() {
        return new PatronFilter(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }
}
