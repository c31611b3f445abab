package org.almasim.app.console;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.almasim.app.console.ConsoleViews.StatusPoint;

/** The charts' history: patrons by status, one point a simulated day (a later count of the same day replaces it). */
final class StatusHistory {
    private final List<StatusPoint> points = new ArrayList<>();

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
