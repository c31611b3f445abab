package org.almasim.engine.alma;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/** An Alma's address as the engine is given it: its canonical form, and whether a key may be sent there. */
public final class AlmaAddress {
    private AlmaAddress() {}

    /**
     * The Alma's address without a trailing slash or Alma's API prefix: clients are configured with either
     * {@code https://api-eu.hosted.exlibrisgroup.com} or {@code .../almaws/v1}, and every path here starts with the prefix.
     */
    public static String host(String baseUrl) {
        String base = baseUrl.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        for (String prefix : List.of(AlmaClient.API, "/almaws")) {
            if (base.endsWith(prefix)) {
                return base.substring(0, base.length() - prefix.length());
            }
        }
        return base;
    }

    /**
     * Whether a key sent to this address stays private: https, or plain http to this machine (a simulator on
     * localhost). Anything else crosses a network in clear.
     */
    public static boolean sendsKeysSafely(String baseUrl) {
        URI uri;
        try {
            uri = URI.create(host(baseUrl));
        } catch (IllegalArgumentException e) {
            return false;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        return scheme.equals("https") || (scheme.equals("http") && isLoopback(host));
    }

    /** Whether the address is on this machine (localhost, 127.x.x.x, [::1]): never where a production Alma answers. */
    public static boolean isThisMachine(String baseUrl) {
        try {
            String host = URI.create(host(baseUrl)).getHost();
            return host != null && isLoopback(host.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** An http or https URL with a host: anything else would fail at the first call, after options were taken. */
    static boolean isAddress(String baseUrl) {
        try {
            URI uri = new URI(host(baseUrl));
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Why a key is not sent to this address, and how to send it anyway. */
    public static String plainHttpRefusal(String baseUrl) {
        return baseUrl + " is plain http to another machine, which would send the API key in clear: use https, or"
                + " --allow-insecure for a simulator on a network of your own";
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost")
                || host.endsWith(".localhost")
                || host.matches("127(\\.\\d{1,3}){3}")
                || host.equals("[::1]");
    }
}
