package org.almasim.simulator.faults;

/**
 * What an injected fault does to a request, in the ways Alma and the network between fail: Alma's own throttling
 * answers with their bodies, its load balancers' 5xx pages, a connection dropped before or after Alma acted, a slow
 * answer, and Alma's refusal to delete a user.
 */
public enum Fault {
    /** 429 PER_SECOND_THRESHOLD with Alma's body; the request is not carried out. */
    PER_SECOND_THRESHOLD,
    /** 429 DAILY_THRESHOLD with Alma's body; the request is not carried out. */
    DAILY_THRESHOLD,
    /** 500 with Alma's general error (402119); the request is not carried out. */
    HTTP_500,
    /** 502 from the load balancer in front of Alma, an HTML page; the request is not carried out. */
    HTTP_502,
    /** 503 from the load balancer, an HTML page; the request is not carried out. */
    HTTP_503,
    /** 504 from the load balancer, an HTML page; the request is not carried out. */
    HTTP_504,
    /** The connection is closed before the request is carried out: no answer, nothing done. */
    DROP_BEFORE,
    /** The request is carried out, then the connection is closed before the answer: the client cannot know. */
    DROP_AFTER,
    /** The answer comes {@code delay_ms} late (real time), otherwise unchanged. */
    SLOW,
    /** {@code DELETE /users/{id}} is refused with Alma's 401850; other requests are not affected. */
    DELETE_REFUSED,
    /** A job started ({@code POST /conf/jobs/{id}?op=run}) ends COMPLETED_FAILED once it holds its users, changing none. */
    JOB_FAILED,
    /** A job started stays RUNNING until the simulated time is {@code minutes} past its start, then runs as usual. */
    JOB_STUCK
}
