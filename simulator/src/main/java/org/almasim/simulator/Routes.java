package org.almasim.simulator;

import static io.javalin.apibuilder.ApiBuilder.after;
import static io.javalin.apibuilder.ApiBuilder.before;
import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;
import static io.javalin.apibuilder.ApiBuilder.put;

import io.javalin.apibuilder.EndpointGroup;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.function.Function;
import org.almasim.simulator.http.ApiGate;
import org.almasim.simulator.http.FaultController;
import org.almasim.simulator.http.FaultGate;
import org.almasim.simulator.http.JournalController;
import org.almasim.simulator.institutions.InstitutionController;
import org.almasim.simulator.links.AlmaLinks;
import org.almasim.simulator.openapi.OpenApiController;

/**
 * The only place that spells the simulator's URLs: Alma's API under /almaws/v1, the control plane under /almasim/v1 (with
 * whatever an extension adds there), the trainer console's files at /.
 */
final class Routes {
    static final String HEALTH = AlmaLinks.HEALTH;

    private Routes() {}

    static void register(
            JavalinConfig config,
            ApiGate gate,
            Function<Context, Institution.Handlers> institutionOf,
            InstitutionController institutions,
            JournalController journal,
            FaultGate faultGate,
            FaultController faults,
            OpenApiController openApi,
            EndpointGroup extension) {
        Dispatch at = new Dispatch(institutionOf);
        config.routes.apiBuilder(() -> {
            path(AlmaLinks.API, () -> {
                before("/*", gate::admitApi);
                before("/*", faultGate::before);
                after("/*", faultGate::after);
                path("users", () -> {
                    get(at.to(h -> h.users()::list));
                    post(at.to(h -> h.users()::create));
                    path("operation/test", () -> {
                        get(at.to(h -> h.users()::operationTest));
                        post(at.to(h -> h.users()::operationTest));
                    });
                    path("{user_id}", () -> {
                        get(at.to(h -> h.users()::get));
                        put(at.to(h -> h.users()::update));
                        delete(at.to(h -> h.users()::delete));
                        post(at.to(h -> h.users()::act));
                        get("personal-data", at.to(h -> h.personalData()::get));
                        path("fees", () -> {
                            get(at.to(h -> h.fees()::list));
                            post(at.to(h -> h.fees()::create));
                            path("all", () -> post(at.to(h -> h.fees()::payAll)));
                            path("{fee_id}", () -> {
                                get(at.to(h -> h.fees()::get));
                                post(at.to(h -> h.fees()::act));
                            });
                        });
                        path("requests", () -> {
                            get(at.to(h -> h.requests()::list));
                            post(at.to(h -> h.requests()::place));
                            path("{request_id}", () -> {
                                get(at.to(h -> h.requests()::get));
                                delete(at.to(h -> h.requests()::cancel));
                            });
                        });
                        post("attachments", at.to(h -> h.attachments()::add));
                        get("attachments/{attachment_id}", at.to(h -> h.attachments()::get));
                        path("resource-sharing-requests", () -> {
                            post(at.to(h -> h.requests()::placeSharing));
                            path("{request_id}", () -> {
                                get(at.to(h -> h.requests()::getSharing));
                                post(at.to(h -> h.requests()::actOnSharing));
                                delete(at.to(h -> h.requests()::cancelSharing));
                            });
                        });
                        path("loans", () -> {
                            get(at.to(h -> h.loans()::list));
                            post(at.to(h -> h.loans()::create));
                            path("{loan_id}", () -> {
                                get(at.to(h -> h.loans()::get));
                                post(at.to(h -> h.loans()::renew));
                                put(at.to(h -> h.loans()::changeDueDate));
                            });
                        });
                    });
                });
                path("bibs/{mms_id}/holdings/{holding_id}/items/{item_pid}", () -> {
                    get(at.to(h -> h.loans()::item));
                    post(at.to(h -> h.loans()::scanIn));
                });
                get("items", at.to(h -> h.loans()::itemByBarcode));
                path("conf/sets", () -> {
                    get(at.to(h -> h.sets()::list));
                    post(at.to(h -> h.sets()::create));
                    path("{set_id}", () -> {
                        get(at.to(h -> h.sets()::get));
                        put(at.to(h -> h.sets()::update));
                        delete(at.to(h -> h.sets()::delete));
                        post(at.to(h -> h.sets()::manageMembers));
                        get("members", at.to(h -> h.sets()::members));
                    });
                });
                // The Configuration API's key check, as the Users API's operation/test: GET reads, POST needs write.
                get("conf/test", at.to(h -> h.users()::operationTest));
                post("conf/test", at.to(h -> h.users()::operationTest));
                get("conf/general", at.to(h -> h.general()::get));
                get("conf/code-tables/{code_table_name}", at.to(h -> h.codeTables()::get));
                path("conf/jobs", () -> {
                    get(at.to(h -> h.jobs()::list));
                    path("{job_id}", () -> {
                        get(at.to(h -> h.jobs()::get));
                        post(at.to(h -> h.jobs()::run));
                        get("instances", at.to(h -> h.jobs()::instances));
                        get("instances/{instance_id}", at.to(h -> h.jobs()::instance));
                        get("instances/{instance_id}/events", at.to(h -> h.jobs()::events));
                    });
                });
            });
            path(AlmaLinks.CONTROL_PLANE, () -> {
                // Health alone is open, so a supervisor or a test can wait for the server without holding a key.
                before("/*", ctx -> {
                    if (!ctx.path().equals(HEALTH)) {
                        gate.admitControlPlane(ctx);
                    }
                });
                get("health", at.to(h -> h.admin()::health));
                post("reset", at.to(h -> h.admin()::reset));
                post("population", at.to(h -> h.admin()::loadPopulation));
                post(controlPlane(AlmaLinks.SIS_LOAD), at.to(h -> h.sisLoad()::load));
                get("state/digest", at.to(h -> h.admin()::digest));
                get("settings", at.to(h -> h.admin()::getSettings));
                put("settings", at.to(h -> h.admin()::updateSettings));
                get("users/{user_id}/blockers", at.to(h -> h.blockers()::get));
                put("users/{user_id}/blockers", at.to(h -> h.blockers()::replace));
                put("users/{user_id}/resource-sharing-requests/{request_id}", at.to(h -> h.requests()::moveSharing));
                get("patrons", at.to(h -> h.patrons()::list));
                get("patrons/summary", at.to(h -> h.patrons()::summary));
                get("patrons/{user_id}", at.to(h -> h.patrons()::get));
                get("jobs/instances", at.to(h -> h.jobs()::allInstances));
                get("jobs/instances/{instance_id}/events", at.to(h -> h.jobs()::allEvents));
                get("jobs/instances/{instance_id}/report", at.to(h -> h.jobs()::report));
                get(controlPlane(AlmaLinks.SNAPSHOT), at.to(h -> h.snapshot()::export));
                put(controlPlane(AlmaLinks.SNAPSHOT), at.to(h -> h.snapshot()::replace));
                get("openapi.json", openApi::get);
                get("institutions", institutions::list);
                get("institutions/overview", institutions::overview);
                post("institutions", institutions::add);
                get("journal", journal::list);
                delete("journal", journal::clear);
                path("faults", () -> {
                    get(faults::list);
                    post(faults::add);
                    delete(faults::clear);
                    delete("{rule_id}", faults::remove);
                });
                get("deleted-users", at.to(h -> h.admin()::deletedUsers));
                get("deleted-users/statistics", at.to(h -> h.admin()::deletedUserStatistics));
                post("jobs/pause", at.to(h -> h.jobs()::pause));
                post("jobs/resume", at.to(h -> h.jobs()::resume));
                path("clock", () -> {
                    get(at.to(h -> h.admin()::getClock));
                    put(at.to(h -> h.admin()::setClock));
                    post("advance", at.to(h -> h.admin()::advanceClock));
                });
                extension.addEndpoints();
            });
        });
    }

    /** A control plane route's path inside {@code path(CONTROL_PLANE)}, from its full path in {@link AlmaLinks}. */
    private static String controlPlane(String fullPath) {
        return fullPath.substring(AlmaLinks.CONTROL_PLANE.length() + 1);
    }

    /** Hands a request to the handler of the institution its key opened. */
    private record Dispatch(Function<Context, Institution.Handlers> institutionOf) {
        Handler to(Function<Institution.Handlers, Handler> handler) {
            return ctx -> handler.apply(institutionOf.apply(ctx)).handle(ctx);
        }
    }
}
