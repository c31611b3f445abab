package org.almasim.simulator.errors;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every error almasim answers, in Alma's words: the code Alma uses, the HTTP status it answers with and the message
 * template (one {@code %s} per detail). Services raise them with {@link #refusal}; {@code http.AlmaErrors} renders them in
 * one place. Several entries share a code where Alma uses one code for several situations.
 */
public enum AlmaError {
    // Any route
    UNAUTHORIZED(400, "UNAUTHORIZED", "API-key not defined or not configured to allow this API."),
    OTHER_ORIGIN(400, "UNAUTHORIZED", "Requests from other web origins are not allowed%s"),
    HOST_NOT_ALLOWED(
            400,
            "UNAUTHORIZED",
            "The Host header does not name this server: use localhost or its address, or start it with --public-url."),
    PER_SECOND_THRESHOLD(
            429, "PER_SECOND_THRESHOLD", "HTTP requests are more than allowed per second. See https://goo.gl/2x1c1M "),
    DAILY_THRESHOLD(
            429,
            "DAILY_THRESHOLD",
            "Daily API Request Threshold has been reached. For details see: https://developers.exlibrisgroup.com/alma/apis/#threshold"),
    NO_API(404, "NOT_FOUND", "No API is defined for %s %s."),
    METHOD_NOT_ALLOWED(405, "METHOD_NOT_ALLOWED", "The method %s is not supported for %s."),
    GENERAL_ERROR(500, "402119", "General error."),
    NO_VALID_XML(400, "401676", "No valid XML was given. %s"),
    UNTYPED_BODY(
            400,
            "401676",
            "The request body must be sent with Content-Type application/json or application/xml, matching the body%s"),
    PARAMETER_NOT_VALID(400, "401666", "Parameter is not valid. %s"),
    MANDATORY_FIELD_MISSING(400, "401664", "Mandatory field is missing: %s"),
    PARAMETER_VALUE_INVALID(400, "40166410", "Parameter value invalid: %s"),
    NO_CODE_TABLE(400, "40166411", "Param value is invalid. There is no code table named %s."),

    // Users
    USER_NOT_FOUND(400, "401861", "User with identifier %s was not found."),
    USER_OF_TYPE_NOT_FOUND(400, "401890", "User with identifier %s of type %s was not found."),
    AUTHENTICATED_USER_NOT_FOUND(400, "401890", "User was not found."),
    USER_EXISTS(400, "401851", "User with identifier %s already exists."),
    USER_REPEATS_IDENTIFIER(400, "401851", "User with identifier %s repeats one of its identifiers."),
    USER_GROUP_NOT_LEGAL(400, "401852", "Given user group is not legal: %s."),
    EXTERNAL_ID_FOR_INTERNAL(400, "401853", "External Id must be empty for internal user."),
    EXTERNAL_ID_MISSING(400, "401854", "External Id must be given for external user."),
    ACCOUNT_TYPE_ILLEGAL(400, "401857", "The given user account type is illegal (must be INTERNAL/EXTERNAL)."),
    EXTERNAL_ID_CHANGED(
            400,
            "401858",
            "The external id in DB does not fit the given value in xml - external id cannot be updated."),
    EXTERNAL_TO_INTERNAL(
            400,
            "401859",
            "Action currently not supported. An EXTERNAL user cannot be made INTERNAL through the Users API (the Update/Notify Users job can)."),
    TYPE_INVALID(400, "401864", "Given %s type (%s) is invalid."),
    USER_NOT_DELETED(400, "401850", "Failed to delete user with identifier %s of type %s. %s"),
    USER_NOT_UPDATED(400, "401860", "Failed to update user. %s"),
    USER_WRITE_FAILED(400, "401652", "General Error: An error has occurred while processing the request. %s"),
    AUTHENTICATION_FAILED(400, "401866", "User authentication failed"),

    // Loans and items
    NO_CIRCULATION_DESK(400, "401153", "Item cannot be loaned from this circulation desk: %s"),
    ITEM_NOT_LOANABLE(400, "401651", "Item is not loanable. %s"),
    NO_ITEM_PID(400, "401672", "PID field is empty. Give item_barcode or item_pid."),
    ITEM_NOT_FOUND(400, "401689", "%s"),
    CANNOT_RENEW(400, "401822", "Cannot renew loan: Loan ID %s."),
    LOAN_NOT_FOUND(400, "401823", "Loan ID %s does not exist."),
    DUE_DATE_MISSING(400, "401824", "Due date is not in loan object."),
    DUE_DATE_PAST(400, "401681", "Due date cannot be in the past."),

    // Requests
    REQUEST_NOT_FOUND(400, "401694", "Request Identifier not found."),
    REQUEST_ITEM_NOT_FOUND(400, "60328", "Item for request was not found."),
    NO_ITEM_FOR_REQUEST(400, "401129", "No items can fulfill the submitted request."),
    REQUEST_EXISTS(400, "401136", "Failed to save the request: Patron has active request for selected item."),
    PICKUP_NOT_FOUND(400, "401895", "Pickup circulation desk with code %s and library code %s was not found."),
    RS_OWNER_MISSING(400, "401607", "Resource sharing library (owner) is missing"),
    NOT_A_POSITIVE_NUMBER(400, "60100", "The parameter %s must be a number greater than zero."),
    ATTACHMENT_NOT_FOUND(400, "60321", "Attachment %s not found."),
    ATTACHMENT_UNREADABLE(400, "60322", "Attachment content could not be processed. %s"),
    RS_OWNER_NOT_THE_USERS(
            400, "401608", "The given resource sharing library (owner) is not defined in the patron record"),
    RS_DUPLICATE(400, "402362", "Failed to save the request: Patron has duplicate request"),
    RS_REQUEST_NOT_FOUND(400, "40166450", "No result found for given parameters."),
    RS_OPERATION_INVALID(400, "40166411", "Parameter value is invalid."),
    RS_SHIPPING_COST_NEGATIVE(400, "40166425", "Shipping cost cannot be lower than 0."),

    // Fees
    FEE_NOT_FOUND(400, "401665", "Fine not found: %s."),
    FEE_TYPE_MISSING(400, "4019991", "User fine/fee type is required."),
    FEE_TYPE_INVALID(400, "4019992", "User fine/fee type invalid entry: %s."),
    FEE_BARCODE_INVALID(400, "4019993", "User item barcode invalid entry: %s."),
    FEE_AMOUNT_MISSING(400, "4019994", "User fine/fee original amount is required."),
    FEE_OWNER_MISSING(400, "4019996", "User fine/fee owner is required."),
    FEE_OWNER_NOT_LIBRARY(400, "4019997", "User fine/fee owner must be a library and not institution: %s."),

    // Sets
    SEARCH_QUERY_INVALID(400, "60106", "Invalid query format: %s"),
    SET_ID_INVALID(400, "60107", "Invalid set ID: %s."),
    SET_OPERATION_INVALID(
            400, "60111", "Invalid operation: op must be add_members, delete_members or replace_members."),
    SET_TYPE_MISMATCH(400, "60112", "Invalid set type: %s"),
    NO_MEMBERS(400, "60113", "Input set with no members."),
    NO_MEMBER_ID(400, "60114", "Input set with no member ID."),
    MEMBER_ALREADY_IN_SET(400, "60115", "A member ID is already in the set."),
    MEMBER_NOT_VALID(400, "60116", "A member ID is not valid for the content: %s."),
    MEMBER_NOT_IN_SET(400, "60117", "Input set member ID is not in set."),
    TOO_MANY_MEMBERS(400, "60118", "Input set member list exceeds limit: at most %s a call."),
    DUPLICATE_MEMBER(400, "60119", "Input set with duplicate member: %s."),
    MEMBER_IDENTIFIER_NOT_VALID(400, "60120", "A member ID is not valid for the content and identifier: %s."),
    SET_PRIVATE_INVALID(400, "60209", "Set private value not valid: %s."),
    SET_STATUS_INVALID(400, "60210", "Set status not valid: %s."),
    SET_OBJECT_INVALID(400, "402261", "Invalid Set object: %s"),
    SET_TYPE_INVALID(400, "402262", "Set type is invalid. Only 'ITEMIZED' and 'LOGICAL' sets are supported."),
    SET_NAME_EXISTS(400, "402263", "The set name already exists. Please choose a different name."),
    SET_NOT_FOUND(400, "402264", "Invalid Set ID: %s."),
    SET_NOT_CREATED(400, "402265", "Failed to create a set: %s"),
    QUERY_NOT_PARSED(400, "402270", "Failed parsing query: %s (in: %s)."),

    // Jobs
    JOB_ID_FORMAT_INVALID(400, "402215", "Invalid job id format: %s (a letter and digits, such as M26700)."),
    JOB_ID_INVALID(400, "402216", "Invalid job id: %s."),
    DATE_FORMAT_INVALID(400, "402217", "Invalid date format: %s (YYYY-MM-DD)."),
    JOB_INSTANCE_ID_INVALID(400, "402218", "Invalid job instance id: %s."),
    OPERATION_MISSING(400, "402220", "Operation was not provided."),
    OPERATION_NOT_SUPPORTED(400, "402221", "Operation is not supported: %s."),
    TOO_MANY_RUNNING_JOBS(
            400, "402222", "Execution threshold reached: at most %s jobs started through the API may run at once."),
    TOO_MANY_RUNS_AN_HOUR(400, "402223", "Execution threshold reached: at most %s runs of one job an hour."),
    MANDATORY_PARAMETER_MISSING(400, "402228", "Mandatory parameter is missing from input: %s"),
    MANDATORY_PARAMETER_EMPTY(400, "402229", "Mandatory parameter value is empty: %s"),
    JOB_OVERLAPS(400, "60347", "Job overlaps with running job - cannot run %s now.");

    private static final Pattern PLACEHOLDER = Pattern.compile("%s");

    private final int status;
    private final String code;
    private final String template;

    AlmaError(int status, String code, String template) {
        this.status = status;
        this.code = code;
        this.template = template;
    }

    /** The refusal to throw: this error with its details put into Alma's message. */
    public AlmaRefusal refusal(Object... details) {
        if (details.length != placeholders()) {
            throw new IllegalArgumentException(name() + " takes " + placeholders() + " details, got " + details.length);
        }
        return AlmaRefusal.of(this, String.format(template, details));
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String template() {
        return template;
    }

    public int placeholders() {
        Matcher matcher = PLACEHOLDER.matcher(template);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }
}
