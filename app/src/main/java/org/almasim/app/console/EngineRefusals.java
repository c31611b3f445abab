package org.almasim.app.console;

import java.util.function.Supplier;
import org.almasim.control.ControlPlaneException;
import org.almasim.engine.alma.AlmaApiException;
import org.almasim.engine.policy.PolicyException;
import org.almasim.scenarios.scenario.ScenarioException;
import org.almasim.simulator.errors.AlmaError;
import org.almasim.simulator.errors.AlmaRefusal;

/** The engine's refusals (a policy that does not read, an Alma or control-plane error) as the console's own errors. */
final class EngineRefusals {
    private EngineRefusals() {}

    static <T> T relayed(Supplier<T> work) {
        try {
            return work.get();
        } catch (PolicyException | ScenarioException e) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal(e.getMessage());
        } catch (AlmaApiException e) {
            throw AlmaRefusal.relayed(400, e.code(), e.getMessage());
        } catch (ControlPlaneException e) {
            throw AlmaRefusal.relayed(400, e.code(), e.getMessage());
        }
    }
}
