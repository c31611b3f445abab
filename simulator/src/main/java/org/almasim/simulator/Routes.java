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
import org.almasim.simulator.admin.AdminController;
import org.almasim.simulator.admin.SnapshotController;
import org.almasim.simulator.blockers.BlockerController;
import org.almasim.simulator.codes.CodeTableController;
import org.almasim.simulator.fees.FeeController;
import org.almasim.simulator.http.ApiGate;
import org.almasim.simulator.http.FaultController;
import org.almasim.simulator.http.FaultGate;
import org.almasim.simulator.http.JournalController;
import org.almasim.simulator.jobs.JobController;
import org.almasim.simulator.links.AlmaLinks;
import org.almasim.simulator.loans.LoanController;
import org.almasim.simulator.openapi.OpenApiController;
import org.almasim.simulator.patrons.PatronController;
import org.almasim.simulator.personal.PersonalDataController;
import org.almasim.simulator.sets.SetController;
import org.almasim.simulator.users.UserController;

/**
 * The only place that spells the simulator's URLs: Alma's API under /almaws/v1, the control plane under /almasim/v1 (with
 * whatever an extension adds there), the trainer console's files at /.
 */
final class Routes {
    static final String HEALTH = "/almasim/v1/health";

    private Routes() {}

    static void register(
            JavalinConfig config,
            ApiGate gate,
            UserController users,
            FeeController fees,
            LoanController loans,
            SetController sets,
            JobController jobs,
            BlockerController blockers,
            AdminController admin,
            PatronController patrons,
            CodeTableController codeTables,
            PersonalDataController personalData,
            JournalController journal,
            FaultGate faultGate,
            FaultController faults,
            OpenApiController openApi,
            SnapshotController snapshot,
            EndpointGroup extension) {
        config.routes.apiBuilder(() -> {
            path(AlmaLinks.API, () -> {
                before("/*", gate::admitApi);
                before("/*", faultGate::before);
                after("/*", faultGate::after);
                path("users", () -> {
                    get(users::list);
                    post(users::create);
                    path("{user_id}", () -> {
                        get(users::get);
                        put(users::update);
                        delete(users::delete);
                        post(users::act);
                        get("personal-data", personalData::get);
                        path("fees", () -> {
                            get(fees::list);
                            post(fees::create);
                            path("all", () -> post(fees::payAll));
                            path("{fee_id}", () -> {
                                get(fees::get);
                                post(fees::act);
                            });
                        });
                        path("loans", () -> {
                            get(loans::list);
                            post(loans::create);
                            path("{loan_id}", () -> {
                                get(loans::get);
                                post(loans::renew);
                                put(loans::changeDueDate);
                            });
                        });
                    });
                });
                path("bibs/{mms_id}/holdings/{holding_id}/items/{item_pid}", () -> {
                    get(loans::item);
                    post(loans::scanIn);
                });
                get("items", loans::itemByBarcode);
                path("conf/sets", () -> {
                    get(sets::list);
                    post(sets::create);
                    path("{set_id}", () -> {
                        get(sets::get);
                        put(sets::update);
                        delete(sets::delete);
                        post(sets::manageMembers);
                        get("members", sets::members);
                    });
                });
                get("conf/code-tables/{code_table_name}", codeTables::get);
                path("conf/jobs", () -> {
                    get(jobs::list);
                    path("{job_id}", () -> {
                        get(jobs::get);
                        post(jobs::run);
                        get("instances", jobs::instances);
                        get("instances/{instance_id}", jobs::instance);
                        get("instances/{instance_id}/events", jobs::events);
                    });
                });
            });
            path("/almasim/v1", () -> {
                // Health alone is open, so a supervisor or a test can wait for the server without holding a key.
                before("/*", ctx -> {
                    if (!ctx.path().equals(HEALTH)) {
                        gate.admitControlPlane(ctx);
                    }
                });
                get("health", admin::health);
                post("reset", admin::reset);
                post("population", admin::loadPopulation);
                get("state/digest", admin::digest);
                get("settings", admin::getSettings);
                put("settings", admin::updateSettings);
                get("users/{user_id}/blockers", blockers::get);
                put("users/{user_id}/blockers", blockers::replace);
                get("patrons", patrons::list);
                get("patrons/summary", patrons::summary);
                get("patrons/{user_id}", patrons::get);
                get("jobs/instances", jobs::allInstances);
                get("jobs/instances/{instance_id}/events", jobs::allEvents);
                get("jobs/instances/{instance_id}/report", jobs::report);
                get("snapshot", snapshot::export);
                put("snapshot", snapshot::replace);
                get("openapi.json", openApi::get);
                get("journal", journal::list);
                delete("journal", journal::clear);
                path("faults", () -> {
                    get(faults::list);
                    post(faults::add);
                    delete(faults::clear);
                    delete("{rule_id}", faults::remove);
                });
                get("deleted-users", admin::deletedUsers);
                get("deleted-users/statistics", admin::deletedUserStatistics);
                post("jobs/pause", jobs::pause);
                post("jobs/resume", jobs::resume);
                path("clock", () -> {
                    get(admin::getClock);
                    put(admin::setClock);
                    post("advance", admin::advanceClock);
                });
                extension.addEndpoints();
            });
        });
    }
}
