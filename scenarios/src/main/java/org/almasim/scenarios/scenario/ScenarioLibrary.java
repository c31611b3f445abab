package org.almasim.scenarios.scenario;

import java.util.Optional;
import org.almasim.control.ControlPlane;
import org.almasim.engine.alma.AlmaClient;

/**
 * One library of the play: its client, its calendar of policies, its events and its checks. {@code member} is
 * absent for a scenario of one library.
 */
record ScenarioLibrary(
        Optional<Scenario.Member> member,
        AlmaClient alma,
        ControlPlane control,
        PolicyCalendar calendar,
        LibraryEvents events,
        Expectations checks) {}
