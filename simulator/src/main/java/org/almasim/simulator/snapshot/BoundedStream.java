package org.almasim.simulator.snapshot;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** An archive's unpacked bytes, counted over every entry and refused once they pass the bound: a small zip may unpack to
 * gigabytes. */
final class BoundedStream extends FilterInputStream {
    private final long max;
    private long read;

    BoundedStream(InputStream in, long max) {
        super(in);
        this.max = max;
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
            throw new SnapshotArchive.Refused("The snapshot is larger than this simulator takes (" + max / (1024 * 1024)
                    + " MB; a quarter of the Java heap, -Xmx).");
        }
    }
}
