package org.almasim.simulator.users;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.almasim.simulator.codes.CodeTables;
import org.almasim.simulator.http.AlmaFormats;
import org.almasim.simulator.links.AlmaLinks;
import org.almasim.simulator.store.KeptUntilWrite;
import org.almasim.simulator.store.Page;
import org.jooq.DSLContext;

/**
 * Alma's user list ({@code GET /users}): pages of the users a search matches, as brief rows or whole records. A
 * search's later pages come from its matches' keys in order, kept until the next write: a client reading every user a
 * page at a time would otherwise have the database walk past all the earlier pages again for each page. The first
 * page, which most searches stop at, reads only itself.
 */
public final class UserListing {
    /** How many searches' orderings are kept at once; more are rare (one client paging through one list at a time). */
    private static final int KEPT_ORDERINGS = 16;

    private final DSLContext dsl;
    private final CodeTables codes;
    /** Every match of a search in its order, as user keys. */
    private final KeptUntilWrite<UserSearch, List<Long>> orderings;

    private record Paged<T>(List<T> rows, int total) {}

    /** {@code dataVersion} changes after every write (see {@code Database.version()}). */
    public UserListing(DSLContext dsl, CodeTables codes, LongSupplier dataVersion) {
        this.dsl = dsl;
        this.codes = codes;
        this.orderings = new KeptUntilWrite<>(dataVersion, KEPT_ORDERINGS);
    }

    public UserList list(UserSearch search, Page page, boolean full, AlmaLinks links) {
        if (full) {
            FullPage documents = fullPage(search, page, links);
            return new UserList(
                    documents.documents().stream()
                            .map(doc -> (JsonNode) UserService.tree(doc))
                            .toList(),
                    documents.total());
        }
        Paged<UserSearchRepository.BriefRow> rows =
                page(search, page, users -> users.search(search, page), UserSearchRepository::briefByKeys);
        return new UserList(rows.rows().stream().map(row -> brief(row, links)).toList(), rows.total());
    }

    /** A page of full users as JSON text, each the stored document with its link spliced in first. */
    public record FullPage(List<String> documents, int total) {
        /** Alma's list JSON, written from the documents without parsing them again. */
        public String json() {
            StringBuilder out = new StringBuilder(
                            documents.stream().mapToInt(String::length).sum() + 64)
                    .append('{');
            if (!documents.isEmpty()) {
                out.append("\"user\":[").append(String.join(",", documents)).append("],");
            }
            return out.append("\"total_record_count\":")
                    .append(total)
                    .append('}')
                    .toString();
        }
    }

    public FullPage fullPage(UserSearch search, Page page, AlmaLinks links) {
        Paged<UserSearchRepository.Document> documents =
                page(search, page, users -> users.searchDocuments(search, page), UserSearchRepository::documentsByKeys);
        return new FullPage(
                documents.rows().stream().map(doc -> withLink(doc, links)).toList(), documents.total());
    }

    private <T> Paged<T> page(
            UserSearch search,
            Page page,
            Function<UserSearchRepository, List<T>> firstPage,
            BiFunction<UserSearchRepository, List<Long>, List<T>> byKeys) {
        UserSearchRepository users = new UserSearchRepository(dsl);
        if (page.offset() == 0) {
            return new Paged<>(page.limit() == 0 ? List.of() : firstPage.apply(users), users.count(search));
        }
        List<Long> keys = orderings.get(search, () -> List.copyOf(users.orderedKeys(search)));
        List<Long> onPage =
                keys.subList(Math.min(keys.size(), page.offset()), Math.min(keys.size(), page.offset() + page.limit()));
        return new Paged<>(byKeys.apply(users, onPage), keys.size());
    }

    private JsonNode brief(UserSearchRepository.BriefRow row, AlmaLinks links) {
        ObjectNode node = AlmaFormats.JSON.createObjectNode();
        node.put("link", links.user(row.primaryId()));
        node.put("primary_id", row.primaryId());
        node.put("first_name", row.firstName());
        node.put("last_name", row.lastName());
        // As a real list answers (responses/users_response.json): an empty password and the gender code, even unset.
        node.put("password", "");
        node.putObject("gender").put("value", "").put("desc", "");
        node.set("user_group", AlmaFormats.JSON.valueToTree(codes.code(CodeTables.USER_GROUPS, row.userGroup())));
        node.set("status", AlmaFormats.JSON.valueToTree(codes.code(CodeTables.USER_STATUSES, row.status())));
        // Output-only counts a list row answers null (responses/users_response.json).
        node.putNull("requests");
        node.putNull("loans");
        node.putNull("fees");
        return node;
    }

    /**
     * The stored document with {@code "link"} as its first field (stored documents always open with a field) and the
     * output-only counts a list answers {@code null}.
     */
    private static String withLink(UserSearchRepository.Document stored, AlmaLinks links) {
        char[] link = JsonStringEncoder.getInstance().quoteAsString(links.user(stored.primaryId()));
        String json = stored.json();
        return "{\"link\":\"" + new String(link) + "\"," + json.substring(1, json.lastIndexOf('}'))
                + ",\"requests\":null,\"loans\":null,\"fees\":null}";
    }
}
