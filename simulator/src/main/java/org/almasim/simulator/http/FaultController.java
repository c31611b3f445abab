package org.almasim.simulator.http;

import io.javalin.http.Context;
import java.util.Map;
import org.almasim.simulator.errors.AlmaError;
import org.almasim.simulator.faults.FaultInjector;
import org.almasim.simulator.faults.FaultRule;

/** HTTP for {@code /almasim/v1/faults}: the fault rules in force, adding one, removing one or all. */
public final class FaultController {
    private final FaultInjector faults;

    public FaultController(FaultInjector faults) {
        this.faults = faults;
    }

    public void list(Context ctx) {
        var rules = faults.rules();
        AlmaHttp.json(ctx, Map.of("fault_rule", rules, "total_record_count", rules.size(), "seed", faults.seed()));
    }

    public void add(Context ctx) {
        FaultRule rule = AlmaFormats.readControlPlane(ctx.bodyAsBytes(), FaultRule.class);
        AlmaHttp.json(ctx, faults.add(rule));
    }

    public void clear(Context ctx) {
        faults.clear();
        ctx.status(204);
    }

    public void remove(Context ctx) {
        String id = ctx.pathParam("rule_id");
        if (!faults.remove(id)) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal("No fault rule " + id + ".");
        }
        ctx.status(204);
    }
}
