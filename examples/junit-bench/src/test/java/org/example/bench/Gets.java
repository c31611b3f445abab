package org.example.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** One GET of a user, as a test under either extension sends it; fails unless the answer is 200 with the user. */
final class Gets {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Gets() {}

    static void user(String baseUrl, String key, String id) throws Exception {
        HttpResponse<String> answer = HTTP.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/almaws/v1/users/" + id))
                        .header("Authorization", "apikey " + key)
                        .header("Accept", "application/json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200 || !answer.body().contains("\"primary_id\":\"" + id + "\"")) {
            throw new AssertionError("GET " + id + " answered " + answer.statusCode() + ": " + answer.body());
        }
    }

    /** Creates a user with this primary id; fails unless Alma's answer is 200. */
    static void create(String baseUrl, String key, String id) throws Exception {
        HttpResponse<String> answer = HTTP.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/almaws/v1/users"))
                        .header("Authorization", "apikey " + key)
                        .header("Accept", "application/json")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"primary_id\":\"" + id + "\",\"account_type\":{\"value\":\"INTERNAL\"}}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new AssertionError("POST " + id + " answered " + answer.statusCode() + ": " + answer.body());
        }
    }
}
