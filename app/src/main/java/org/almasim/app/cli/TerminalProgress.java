package org.almasim.app.cli;

import me.tongfei.progressbar.ProgressBar;
import org.almasim.engine.progress.ProgressListener;

/** A progress bar on a terminal, one per stage; nothing when the output is not a terminal (pipes, CI, tests). */
final class TerminalProgress implements ProgressListener {
    private ProgressBar bar;

    static ProgressListener create() {
        return System.console() == null ? ProgressListener.NONE : new TerminalProgress();
    }

    @Override
    public void stage(String name, long total) {
        if (bar != null) {
            bar.close();
        }
        bar = new ProgressBar(name, total);
    }

    @Override
    public void done(long count) {
        if (bar != null) {
            bar.stepBy(count);
        }
    }
}
