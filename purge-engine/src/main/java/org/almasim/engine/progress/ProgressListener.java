package org.almasim.engine.progress;

/** Where a run reports its progress (a terminal progress bar, or nothing). */
public interface ProgressListener {
    /** A new stage of {@code total} steps, or of an unknown number when {@code total} is -1 (waiting on Alma). */
    void stage(String name, long total);

    void done(long count);

    ProgressListener NONE = new ProgressListener() {
        @Override
        public void stage(String name, long total) {}

        @Override
        public void done(long count) {}
    };
}
