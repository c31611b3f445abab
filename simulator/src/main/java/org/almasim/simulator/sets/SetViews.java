package org.almasim.simulator.sets;

import org.almasim.simulator.codes.Code;
import org.almasim.simulator.codes.CodeTables;
import org.almasim.simulator.links.AlmaLinks;
import org.almasim.simulator.sets.SetRepository.StoredSet;

/** Alma's shape of a set, with its links, codes described and its query as Alma shows it. */
final class SetViews {
    private final CodeTables codes;

    SetViews(CodeTables codes) {
        this.codes = codes;
    }

    AlmaSet set(StoredSet set, int count, AlmaLinks links) {
        String link = links.set(set.id());
        // Alma's desc reads "where ..." once, whether or not the query names its content first ("USER where ...").
        Code query = set.logical()
                ? new Code(
                        set.query(),
                        "where " + set.query().replaceFirst("(?i)^\\s*USER\\s+where\\s+(USER\\s+(?=\\())?", ""))
                : null;
        return new AlmaSet(
                link,
                set.id(),
                set.name(),
                set.description(),
                codes.code("SetType", set.type()),
                codes.code("SetContentType", "USER"),
                codes.code("SetPrivacy", Boolean.toString(set.isPrivate())),
                codes.code("SetStatus", set.status()),
                set.statusDate(),
                set.note(),
                new Code("exl_api", "API, Ex Libris"),
                set.createdDate(),
                query,
                new AlmaSet.MemberCount(String.valueOf(count), links.setMembers(set.id())),
                null,
                codes.code("SetOrigin", "UI"));
    }
}
