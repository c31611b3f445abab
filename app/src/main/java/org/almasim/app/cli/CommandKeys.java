package org.almasim.app.cli;

import java.nio.file.Path;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.engine.alma.ApiKeySource;

/** How a command takes a key and the address it sends it to, each refusal one line naming the option. */
final class CommandKeys {
    private CommandKeys() {}

    /** The key from the environment variable or the file an option names (exactly one of them). */
    static String key(String envOption, String env, String fileOption, Path file) {
        try {
            return ApiKeySource.fromOneOf(envOption, env, fileOption, file);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(e.getMessage());
        }
    }

    /** A client of {@code url}: the key goes over https, or plain http to this machine only unless allowed. */
    static AlmaClient client(String option, String url, String key, boolean allowInsecure) {
        try {
            return allowInsecure ? AlmaClient.allowingPlainHttp(url, key) : new AlmaClient(url, key);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(option + ": " + e.getMessage());
        }
    }
}
