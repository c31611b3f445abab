package org.almasim.simulator.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.almasim.simulator.errors.AlmaError;

/**
 * Refuses a request whose {@code Host} does not name this server, as Jupyter and webpack-dev-server do against DNS
 * rebinding: a web page on a name the attacker controls, once that name resolves to 127.0.0.1, would otherwise send
 * a matching {@code Host} and {@code Origin} and reach the library with the development key. Allowed: {@code localhost}
 * (and names under {@code .localhost}, which browsers keep on this machine), any IP address (a page cannot rebind an
 * address), the address given with {@code --host} (and this machine's own name when that is every address), and the
 * host of {@code --public-url}.
 */
public final class HostCheck {
    // An IPv4 address, or an IPv6 one in brackets: no DNS name stands behind either.
    private static final Pattern IP_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|\\[[0-9a-fA-F:.%]+]");

    private final Set<String> names;

    public HostCheck(String listenOn, Optional<String> publicUrl) {
        List<String> allowed = new ArrayList<>(List.of(
                "localhost",
                listenOn.toLowerCase(Locale.ROOT),
                publicUrl.map(HostCheck::hostOf).orElse("localhost")));
        // Listening on every address, the server is also reached by this machine's own name.
        if (everyAddress(listenOn)) {
            allowed.addAll(machineNames());
        }
        this.names = Set.copyOf(allowed);
    }

    /** Whether the address listened on is the wildcard of all addresses; a name is one address, and is not looked up. */
    private static boolean everyAddress(String listenOn) {
        String literal = listenOn.replace("[", "").replace("]", "");
        if (!literal.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(literal).isAnyLocalAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static List<String> machineNames() {
        try {
            InetAddress self = InetAddress.getLocalHost();
            return List.of(
                    self.getHostName().toLowerCase(Locale.ROOT),
                    self.getCanonicalHostName().toLowerCase(Locale.ROOT));
        } catch (UnknownHostException e) {
            return List.of();
        }
    }

    public void register(JavalinConfig config) {
        config.routes.before(this::admit);
    }

    private void admit(Context ctx) {
        String host = ctx.header("Host");
        if (host == null || !allows(host)) {
            throw AlmaError.HOST_NOT_ALLOWED.refusal();
        }
    }

    /** A Host header's name (without its port) is one this server answers to. */
    boolean allows(String hostHeader) {
        String name = withoutPort(hostHeader.trim()).toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        return names.contains(name)
                || name.endsWith(".localhost")
                || IP_LITERAL.matcher(name).matches();
    }

    private static String withoutPort(String host) {
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    private static String hostOf(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? "localhost" : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "localhost";
        }
    }
}
