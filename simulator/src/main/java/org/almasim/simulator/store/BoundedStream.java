package org.almasim.simulator.store;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;

/**
 * The bytes read through it, counted and refused once they pass a bound: a small zip a client sends may unpack to
 * gigabytes. Closing it leaves the stream under it open, for its owner to close (a zip's entries share one stream).
 */
public final class BoundedStream extends FilterInputStream {
    private final long max;
    private final Supplier<? extends RuntimeException> tooLarge;
    private long read;

    public BoundedStream(InputStream in, long max, Supplier<? extends RuntimeException> tooLarge) {
        super(in);
        this.max = max;
        this.tooLarge = tooLarge;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        count(b < 0 ? 0 : 1);
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        count(Math.max(n, 0));
        return n;
    }

    private void count(int n) {
        read += n;
        if (read > max) {
            throw tooLarge.get();
        }
    }

    @Override
    public void close() {
        // The owner of the stream underneath closes it.
    }
}
