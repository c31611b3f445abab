package org.almasim.simulator.jobs;

import io.javalin.http.Context;
import java.util.Map;
import org.almasim.simulator.http.AlmaHttp;
import org.almasim.simulator.http.FaultGate;
import org.almasim.simulator.http.Params;

/** HTTP for {@code /almaws/v1/conf/jobs} and the control plane's job report. */
public final class JobController {
    private final JobService jobs;

    public JobController(JobService jobs) {
        this.jobs = jobs;
    }

    public void list(Context ctx) {
        AlmaHttp.ok(ctx, jobs.list(Params.text(ctx, "type"), Params.page(ctx), AlmaHttp.links(ctx)));
    }

    public void get(Context ctx) {
        AlmaHttp.ok(ctx, jobs.get(ctx.pathParam("job_id"), AlmaHttp.links(ctx)));
    }

    public void run(Context ctx) {
        AlmaJob body = AlmaHttp.hasBody(ctx) ? AlmaHttp.body(ctx, AlmaJob.class) : null;
        AlmaHttp.ok(
                ctx,
                jobs.run(
                        ctx.pathParam("job_id"),
                        Params.text(ctx, "op"),
                        body,
                        "exl_api",
                        AlmaHttp.links(ctx),
                        FaultGate.jobFault(ctx)));
    }

    public void instances(Context ctx) {
        AlmaHttp.ok(
                ctx,
                jobs.instances(
                        ctx.pathParam("job_id"),
                        Params.text(ctx, "status"),
                        Params.text(ctx, "submit_date_from"),
                        Params.text(ctx, "submit_date_to"),
                        Params.page(ctx),
                        AlmaHttp.links(ctx)));
    }

    public void instance(Context ctx) {
        AlmaHttp.ok(ctx, jobs.instance(ctx.pathParam("job_id"), ctx.pathParam("instance_id"), AlmaHttp.links(ctx)));
    }

    public void events(Context ctx) {
        AlmaHttp.ok(ctx, jobs.events(ctx.pathParam("job_id"), ctx.pathParam("instance_id"), Params.page(ctx)));
    }

    /** The control plane's list of every job's instances, newest first, for the console. */
    public void allInstances(Context ctx) {
        AlmaHttp.json(
                ctx,
                jobs.instances("ALL", Params.text(ctx, "status"), null, null, Params.page(ctx), AlmaHttp.links(ctx)));
    }

    public void allEvents(Context ctx) {
        AlmaHttp.json(ctx, jobs.events("ALL", ctx.pathParam("instance_id"), Params.page(ctx)));
    }

    public void pause(Context ctx) {
        AlmaHttp.json(ctx, Map.of("paused", jobs.pause(true)));
    }

    public void resume(Context ctx) {
        AlmaHttp.json(ctx, Map.of("paused", jobs.pause(false)));
    }

    public void report(Context ctx) {
        ctx.contentType("text/csv;charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"job-" + ctx.pathParam("instance_id") + ".csv\"")
                .result(jobs.reportCsv(ctx.pathParam("instance_id")));
    }
}
