package org.almasim.app.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.almasim.app.console.ConsoleViews.StatusPoint;

/** The charts' history: patrons by status, one point a simulated day (a later count of the same day replaces it). */
final class StatusHistory {
    private final List<StatusPoint> points = new ArrayList<>();

    /** Records the day's patrons by status from the simulator's summary ({@code /almasim/v1/patrons/summary}). */
    void record(JsonNode summary) {
        Map<String, Integer> byStatus = new TreeMap<>();
        summary.path("by_status")
                .properties()
                .forEach(e -> byStatus.put(e.getKey(), e.getValue().asInt()));
        record(LocalDate.parse(summary.path("today").asText()), byStatus);
    }

    synchronized void record(LocalDate day, Map<String, Integer> byStatus) {
        if (!points.isEmpty() && points.get(points.size() - 1).day().equals(day)) {
            points.remove(points.size() - 1);
        }
        points.add(new StatusPoint(day, byStatus));
    }

    synchronized void restore(List<StatusPoint> saved) {
        points.addAll(saved);
    }

    synchronized List<StatusPoint> points() {
        return List.copyOf(points);
    }

    synchronized boolean isEmpty() {
        return points.isEmpty();
    }

    synchronized void clear() {
        points.clear();
    }
}
