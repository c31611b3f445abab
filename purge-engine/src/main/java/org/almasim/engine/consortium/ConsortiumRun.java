package org.almasim.engine.consortium;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.almasim.engine.alma.AlmaAddress;
import org.almasim.engine.alma.AlmaApiException;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.engine.alma.ApiKeySource;
import org.almasim.engine.execution.RunRefused;
import org.almasim.engine.policy.Policy;
import org.almasim.engine.policy.PolicyException;

/**
 * Does the same work for every member of a consortium, a few members at a time: each with its own Alma, its own key and
 * its own policy ({@link Consortium#policyFor}). Before anything else, each member's key must open that member's
 * institution ({@code GET /conf/general}). A member that fails (a key missing or opening another institution, a reference
 * its Alma refuses, an Alma error, a run above its safety limits) is stopped and reported, and the others go on.
 */
public final class ConsortiumRun {
    /** What is done for one member. */
    @FunctionalInterface
    public interface Work<R> {
        R on(Consortium.Member member, AlmaClient alma, Policy memberPolicy);
    }

    /** One member's result, or why it stopped (nothing after the failure was done for it). */
    public record MemberOutcome<R>(Consortium.Member member, Optional<R> result, Optional<String> failure) {
        public boolean finished() {
            return result.isPresent();
        }
    }

    private final Function<String, Optional<String>> environment;
    private final BiFunction<String, String, AlmaClient> clients;
    private final boolean plainHttpAllowed;

    /** Keys from the process's environment and files; the engine's own client for each member. */
    public static ConsortiumRun withProcessEnvironment() {
        return new ConsortiumRun(name -> Optional.ofNullable(System.getenv(name)), AlmaClient::new);
    }

    /** As {@link #withProcessEnvironment()}, sending keys over plain http too ({@code --allow-insecure}). */
    public static ConsortiumRun withProcessEnvironmentAllowingPlainHttp() {
        return new ConsortiumRun(name -> Optional.ofNullable(System.getenv(name)), AlmaClient::allowingPlainHttp, true);
    }

    /**
     * {@code environment} answers an environment variable's value (tests give their own); {@code clients} builds a
     * member's client from its Alma's URL and its key.
     */
    public ConsortiumRun(
            Function<String, Optional<String>> environment, BiFunction<String, String, AlmaClient> clients) {
        this(environment, clients, false);
    }

    private ConsortiumRun(
            Function<String, Optional<String>> environment,
            BiFunction<String, String, AlmaClient> clients,
            boolean plainHttpAllowed) {
        this.environment = environment;
        this.clients = clients;
        this.plainHttpAllowed = plainHttpAllowed;
    }

    public <R> List<MemberOutcome<R>> forEachMember(Consortium consortium, Policy shared, Work<R> work) {
        if (!plainHttpAllowed) {
            refusePlainHttp(consortium);
        }
        ExecutorService pool = Executors.newFixedThreadPool(
                Math.min(consortium.membersAtOnce(), consortium.members().size()), runnable -> {
                    Thread thread = new Thread(runnable, "consortium-member");
                    thread.setDaemon(true);
                    return thread;
                });
        try {
            List<Future<MemberOutcome<R>>> running = new ArrayList<>();
            for (Consortium.Member member : consortium.members()) {
                running.add(pool.submit(() -> one(consortium, member, shared, work)));
            }
            List<MemberOutcome<R>> outcomes = new ArrayList<>();
            for (Future<MemberOutcome<R>> outcome : running) {
                outcomes.add(outcome.get());
            }
            return outcomes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the consortium run was interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a member's run could not be reported", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** A member whose address the client will not send a key to is a problem of the file, told before any call. */
    private static void refusePlainHttp(Consortium consortium) {
        List<String> problems = consortium.members().stream()
                .filter(member -> !AlmaAddress.sendsKeysSafely(member.almaUrl()))
                .map(member -> member.code() + ": " + AlmaAddress.plainHttpRefusal(member.almaUrl()))
                .toList();
        if (!problems.isEmpty()) {
            throw new PolicyException("the consortium file", problems);
        }
    }

    private <R> MemberOutcome<R> one(Consortium consortium, Consortium.Member member, Policy shared, Work<R> work) {
        try {
            AlmaClient alma = clientFor(consortium, member);
            requireOwnInstitution(member, alma);
            return new MemberOutcome<>(
                    member, Optional.of(work.on(member, alma, consortium.policyFor(member, shared))), Optional.empty());
        } catch (RunRefused e) {
            return failed(member, "refused by the safety limits: " + String.join("; ", e.reasons()));
        } catch (PolicyException e) {
            return failed(member, "the policy cannot be used here: " + e.getMessage());
        } catch (AlmaApiException e) {
            return failed(
                    member,
                    e.code().equals("CONNECTION")
                            ? "cannot reach its Alma: " + e.getMessage()
                            : "Alma refused: " + e.getMessage());
        } catch (MemberRefused e) {
            return failed(member, e.getMessage());
        }
    }

    private static <R> MemberOutcome<R> failed(Consortium.Member member, String why) {
        return new MemberOutcome<>(member, Optional.empty(), Optional.of(why));
    }

    private AlmaClient clientFor(Consortium consortium, Consortium.Member member) {
        return clients.apply(member.almaUrl(), keyOf(consortium, member));
    }

    private String keyOf(Consortium consortium, Consortium.Member member) {
        try {
            return member.apiKeyEnv() != null
                    ? ApiKeySource.fromEnvironment(member.apiKeyEnv(), environment)
                    : ApiKeySource.fromFile(consortium.directory().resolve(member.apiKeyFile()));
        } catch (IllegalArgumentException e) {
            throw new MemberRefused("no API key: " + e.getMessage());
        }
    }

    /** A key that opens another institution would run one member's policy on another's patrons. */
    private static void requireOwnInstitution(Consortium.Member member, AlmaClient alma) {
        JsonNode general = alma.get(AlmaClient.API + "/conf/general", Map.of());
        String opens = general.path("institution").path("value").asText("");
        if (!opens.equals(member.code())) {
            throw new MemberRefused("its key (" + member.keySource() + ") opens institution "
                    + (opens.isEmpty() ? "(none named)" : opens) + ", not " + member.code()
                    + ": nothing was done");
        }
    }

    /** A member stopped before its work began. */
    private static final class MemberRefused extends RuntimeException {
        MemberRefused(String message) {
            super(message);
        }
    }
}
