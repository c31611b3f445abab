package org.almasim.simulator.faults;

import java.util.ArrayList;
import java.util.List;

/**
 * A fault rule's path pattern: Alma's path with {@code *} standing for any run of characters inside one segment (so
 * {@code /almaws/v1/users/*} is every user, {@code /almaws/v1/users/test-*} every user whose id starts so) and a last
 * segment {@code **} for any rest. Matched segment by segment without backtracking: each {@code *}-separated piece is
 * found once, leftmost, which is exact for patterns of {@code *} alone. A match costs at most the path's length times
 * the longest piece's, however many {@code *} the pattern has.
 */
final class PathGlob {
    private static final String ANY_REST = "**";

    private final List<List<String>> segments;
    private final boolean anyRest;

    PathGlob(String pattern) {
        String[] parts = pattern.split("/", -1);
        this.anyRest = parts.length > 0 && parts[parts.length - 1].equals(ANY_REST);
        this.segments = new ArrayList<>();
        for (int i = 0; i < parts.length - (anyRest ? 1 : 0); i++) {
            segments.add(List.of(parts[i].split("\\*", -1)));
        }
    }

    /** Whether {@code **} appears anywhere but as the last segment, where it has no meaning. */
    static boolean misplacedAnyRest(String pattern) {
        int at = pattern.indexOf(ANY_REST);
        return at >= 0 && (at != pattern.length() - 2 || (at > 0 && pattern.charAt(at - 1) != '/'));
    }

    boolean matches(String path) {
        return steps(path) >= 0;
    }

    /**
     * The characters compared to match {@code path}, or -1 when it does not match: the measure the test of linear
     * matching counts.
     */
    long steps(String path) {
        String[] parts = path.split("/", -1);
        if (anyRest ? parts.length < segments.size() : parts.length != segments.size()) {
            return -1;
        }
        long steps = 0;
        for (int i = 0; i < segments.size(); i++) {
            long segmentSteps = segmentSteps(segments.get(i), parts[i]);
            if (segmentSteps < 0) {
                return -1;
            }
            steps += segmentSteps;
        }
        return steps;
    }

    /** The pieces between {@code *}s: the first a prefix, the last a suffix, the others found in turn between them. */
    private static long segmentSteps(List<String> pieces, String segment) {
        if (pieces.size() == 1) {
            return pieces.get(0).equals(segment) ? segment.length() : -1;
        }
        String first = pieces.get(0);
        String last = pieces.get(pieces.size() - 1);
        long steps = first.length() + last.length();
        if (first.length() + last.length() > segment.length()
                || !segment.startsWith(first)
                || !segment.endsWith(last)) {
            return -1;
        }
        int from = first.length();
        int end = segment.length() - last.length();
        for (int p = 1; p < pieces.size() - 1; p++) {
            String piece = pieces.get(p);
            int found = -1;
            for (int at = from; at + piece.length() <= end && found < 0; at++) {
                steps += piece.length();
                if (segment.startsWith(piece, at)) {
                    found = at;
                }
            }
            if (found < 0) {
                return -1;
            }
            from = found + piece.length();
        }
        return steps;
    }
}
