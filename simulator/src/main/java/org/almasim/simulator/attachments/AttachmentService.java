package org.almasim.simulator.attachments;

import static org.almasim.simulator.db.Tables.USER_ATTACHMENT;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Locale;
import org.almasim.simulator.clock.SimulatedClock;
import org.almasim.simulator.db.tables.records.UserAttachmentRecord;
import org.almasim.simulator.errors.AlmaError;
import org.almasim.simulator.links.AlmaLinks;
import org.almasim.simulator.users.UserService;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Files attached to users: added with their content in base64, read back with or without it. Bounded, as everything a
 * client can add is: a file of at most {@value #MAX_BYTES} bytes, {@value #MAX_PER_USER} a user, and
 * {@value #MAX_TOTAL_BYTES} bytes in an institution.
 */
public final class AttachmentService {
    public static final int MAX_BYTES = 1_048_576;
    public static final int MAX_PER_USER = 50;
    public static final long MAX_TOTAL_BYTES = 64L * 1_048_576;

    private final DSLContext dsl;
    private final SimulatedClock clock;
    private final UserService users;

    public AttachmentService(DSLContext dsl, SimulatedClock clock, UserService users) {
        this.dsl = dsl;
        this.clock = clock;
        this.users = users;
    }

    public Attachment add(String userId, String idType, Attachment body, AlmaLinks links) {
        if (body == null || body.fileName() == null || body.fileName().isBlank()) {
            throw AlmaError.MANDATORY_FIELD_MISSING.refusal("file_name");
        }
        if (body.content() == null || body.content().isBlank()) {
            throw AlmaError.ATTACHMENT_UNREADABLE.refusal("It has no content.");
        }
        if (body.fileName().length() > 255) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal("file_name is at most 255 characters.");
        }
        // Base64 of more than MAX_BYTES is refused before it is decoded.
        if (body.content().length() > (MAX_BYTES / 3 + 1) * 4 + 2) {
            throw AlmaError.ATTACHMENT_UNREADABLE.refusal("A file is at most " + MAX_BYTES + " bytes.");
        }
        byte[] content;
        try {
            content = Base64.getMimeDecoder().decode(body.content().strip());
        } catch (IllegalArgumentException e) {
            throw AlmaError.ATTACHMENT_UNREADABLE.refusal("The content is not base64.");
        }
        if (content.length > MAX_BYTES) {
            throw AlmaError.ATTACHMENT_UNREADABLE.refusal("A file is at most " + MAX_BYTES + " bytes.");
        }
        return dsl.transactionResult(tx -> {
            long key = users.lockedKey(tx.dsl(), userId, idType);
            if (tx.dsl().fetchCount(USER_ATTACHMENT, USER_ATTACHMENT.USER_KEY.eq(key)) >= MAX_PER_USER) {
                throw AlmaError.PARAMETER_NOT_VALID.refusal(
                        "A user holds at most " + MAX_PER_USER + " attachments in almasim.");
            }
            Long total = tx.dsl()
                    .select(DSL.sum(USER_ATTACHMENT.SIZE_BYTES).cast(Long.class))
                    .from(USER_ATTACHMENT)
                    .fetchOne(0, Long.class);
            if ((total == null ? 0 : total) + content.length > MAX_TOTAL_BYTES) {
                throw AlmaError.PARAMETER_NOT_VALID.refusal(
                        "An institution holds at most " + MAX_TOTAL_BYTES + " bytes of attachments in almasim.");
            }
            UserAttachmentRecord row = tx.dsl().newRecord(USER_ATTACHMENT);
            row.setUserKey(key);
            row.setFileName(body.fileName().strip());
            row.setAttachmentType(body.type());
            row.setNotes(body.notes());
            row.setContent(content);
            row.setSizeBytes(content.length);
            row.setCreated(clock.now().atOffset(ZoneOffset.UTC));
            row.store();
            return render(row, userId, Expand.NONE, links);
        });
    }

    /** What {@code expand} asks of an attachment's content. */
    public enum Expand {
        NONE,
        CONTENT,
        CONTENT_NO_ENCODING;

        public static Expand of(String expand) {
            if (expand == null || expand.isBlank()) {
                return NONE;
            }
            return switch (expand.strip().toLowerCase(Locale.ROOT)) {
                case "content" -> CONTENT;
                case "content_no_encoding" -> CONTENT_NO_ENCODING;
                default ->
                    throw AlmaError.PARAMETER_NOT_VALID.refusal(
                            "expand must be content or content_no_encoding, got '" + expand + "'.");
            };
        }
    }

    public Attachment get(String userId, String idType, String attachmentId, Expand expand, AlmaLinks links) {
        long id;
        try {
            id = Long.parseLong(attachmentId);
        } catch (NumberFormatException e) {
            throw AlmaError.NOT_A_POSITIVE_NUMBER.refusal("attachment_id");
        }
        if (id <= 0) {
            throw AlmaError.NOT_A_POSITIVE_NUMBER.refusal("attachment_id");
        }
        long key = users.keyOf(dsl, userId, idType);
        UserAttachmentRecord row = dsl.selectFrom(USER_ATTACHMENT)
                .where(USER_ATTACHMENT.USER_KEY.eq(key).and(USER_ATTACHMENT.ATTACHMENT_ID.eq(id)))
                .fetchOne();
        if (row == null) {
            throw AlmaError.ATTACHMENT_NOT_FOUND.refusal(attachmentId);
        }
        return render(row, userId, expand, links);
    }

    private static Attachment render(UserAttachmentRecord row, String userId, Expand expand, AlmaLinks links) {
        String content = switch (expand) {
            case NONE -> null;
            case CONTENT -> Base64.getEncoder().encodeToString(row.getContent());
            case CONTENT_NO_ENCODING -> new String(row.getContent(), StandardCharsets.UTF_8);
        };
        return new Attachment(
                String.valueOf(row.getAttachmentId()),
                links.userList(userId, "attachments") + "/" + row.getAttachmentId(),
                row.getFileName(),
                row.getAttachmentType(),
                row.getNotes(),
                row.getCreated().toInstant(),
                row.getContent().length,
                content);
    }
}
