package org.almasim.simulator.faults;

/** A failure almasim caused on purpose (JOB_FAILED): reported as any failure is, but logged without alarm. */
public final class InjectedFault extends RuntimeException {
    public InjectedFault(FaultRule rule) {
        super("a fault injected by almasim (" + FaultSpec.format(rule) + ")", null, false, false);
    }
}
