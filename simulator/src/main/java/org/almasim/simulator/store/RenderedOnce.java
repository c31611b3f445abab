package org.almasim.simulator.store;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * A query built with jOOQ from the generated schema, rendered to SQL once and then bound and run as often as asked. For
 * the statements run on every request (a plain {@code GET /users/{id}}), jOOQ rendering the query again each time cost
 * more than H2 running it.
 */
public final class RenderedOnce<R extends Record> {
    /** How almasim's SQL is written: the database's configuration and every query rendered once share it. */
    public static Settings settings() {
        return new Settings()
                .withExecuteLogging(false)
                .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED);
    }

    private static final DSLContext RENDERER = DSL.using(SQLDialect.H2, settings());

    private final String sql;
    private final Field<?>[] columns;

    private RenderedOnce(String sql, Field<?>[] columns) {
        this.sql = sql;
        this.columns = columns;
    }

    /** The query with its parameters as {@link DSL#param}s, bound in their order on each run. */
    public static <R extends Record> RenderedOnce<R> of(ResultQuery<R> query) {
        return new RenderedOnce<>(RENDERER.render(query), query.fields());
    }

    /** The query bound to these values, to run on {@code db}: its records typed as the built query's were. */
    @SuppressWarnings("unchecked")
    public ResultQuery<R> bind(DSLContext db, Object... values) {
        return (ResultQuery<R>) db.resultQuery(sql, values).coerce(columns);
    }
}
