package org.almasim.junit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** What the shared classes saw, so that whichever runs second can check it met the same simulator. */
final class SharedSimulator {
    static final Set<String> BASE_URLS = ConcurrentHashMap.newKeySet();

    private SharedSimulator() {}

    static int users(Almasim alma) throws IOException, InterruptedException {
        String body = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(alma.baseUrl() + "/almaws/v1/users?limit=1"))
                                .header("Authorization", "apikey " + alma.apiKey())
                                .header("Accept", "application/json")
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        return Integer.parseInt(body.replaceAll("(?s).*\"total_record_count\":(\\d+).*", "$1"));
    }
}
