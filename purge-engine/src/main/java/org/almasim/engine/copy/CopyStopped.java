package org.almasim.engine.copy;

/** A copy stopped before its end, its state saved: {@code --resume} goes on from where it stopped. */
public final class CopyStopped extends RuntimeException {
    private final CopyState state;

    CopyStopped(String why, CopyState state, Throwable cause) {
        super(why, cause);
        this.state = state;
    }

    /** Where the copy stands: what was copied before it stopped. */
    public CopyState state() {
        return state;
    }
}
