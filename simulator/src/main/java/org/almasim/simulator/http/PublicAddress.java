package org.almasim.simulator.http;

import io.javalin.config.JavalinConfig;
import io.javalin.config.Key;
import io.javalin.http.Context;

/**
 * The address links in answers are built from: the configured public URL, else the address the server listens on.
 * Never the request's Host header, which any client can set to send the next client somewhere else.
 */
public final class PublicAddress {
    static final Key<PublicAddress> KEY = new Key<>("almasim.public-address");

    private volatile String base = "http://localhost";

    public void set(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    public String base() {
        return base;
    }

    /** Makes this address what {@link #of(Context)} answers inside every handler of the app. */
    public void register(JavalinConfig config) {
        config.appData(KEY, this);
    }

    /** The link base for a request's answer, as in {@code <link>https://host/almaws/v1/users/ID</link>}. */
    public static String of(Context ctx) {
        return ctx.appData(KEY).base();
    }
}
