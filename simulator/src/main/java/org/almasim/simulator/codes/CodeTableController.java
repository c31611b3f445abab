package org.almasim.simulator.codes;

import io.javalin.http.Context;
import org.almasim.simulator.http.AlmaHttp;

/** HTTP for Alma's Configuration API code tables: what a client reads to learn an institution's codes. */
public final class CodeTableController {
    private final CodeTables codes;

    public CodeTableController(CodeTables codes) {
        this.codes = codes;
    }

    public void get(Context ctx) {
        AlmaHttp.ok(ctx, codes.table(ctx.pathParam("code_table_name")));
    }
}
