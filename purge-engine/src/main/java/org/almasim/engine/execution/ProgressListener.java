package org.almasim.engine.execution;

/** Where a run reports its progress (a terminal progress bar, or nothing). */
public interface ProgressListener {
    void stage(String name, long total);

    void done(long count);

    ProgressListener NONE = new ProgressListener() {
        @Override
        public void stage(String name, long total) {
        }

        @Override
        public void done(long count) {
        }
    };
}
