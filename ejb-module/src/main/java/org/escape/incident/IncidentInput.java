package org.escape.incident;

import java.util.Locale;
import java.util.regex.Pattern;
import org.escape.access.IncidentAccess;
import org.escape.content.TextInput;

/**
 * The checks on what users send about incidents, with the limits of docs/api-incidents.md: each
 * returns the parsed value or throws a 400 naming the field.
 */
final class IncidentInput {

    static final int TITLE = 200;
    static final int SUMMARY = 4000;
    static final int CLIENT_ID = 64;
    static final int MAX_PAGE = 500;
    static final int DEFAULT_PAGE = 100;

    private static final Pattern CLIENT_ID_PATTERN = Pattern.compile("[A-Za-z0-9._:-]{1," + CLIENT_ID + "}");

    private IncidentInput() {
    }

    static String title(String title) {
        return TextInput.line("title", title, TITLE);
    }

    static String summary(String summary) {
        return TextInput.text("summary", summary, SUMMARY);
    }

    static String body(String body) {
        return TextInput.body(body, "message");
    }

    static String clientId(String clientId) {
        if (clientId == null || !CLIENT_ID_PATTERN.matcher(clientId).matches()) {
            throw TextInput.invalid("clientId", "is required: 1 to " + CLIENT_ID + " characters of A-Z, a-z, 0-9, '.', '_', ':' or '-'");
        }
        return clientId;
    }

    static Severity severity(String value, boolean required) {
        return parse(Severity.class, "severity", value, required);
    }

    static IncidentStatus status(String value, boolean required) {
        return parse(IncidentStatus.class, "status", value, required);
    }

    static MemberRole role(String value) {
        return parse(MemberRole.class, "role", value, true);
    }

    static IncidentAccess access(String value) {
        IncidentAccess access = parse(IncidentAccess.class, "access", value, false);
        return access == null ? IncidentAccess.MEMBERS : access;
    }

    static int limit(Integer limit) {
        if (limit == null) {
            return DEFAULT_PAGE;
        }
        if (limit < 1 || limit > MAX_PAGE) {
            throw TextInput.invalid("limit", "must be between 1 and " + MAX_PAGE);
        }
        return limit;
    }

    static void seq(String field, Long seq) {
        if (seq != null && seq < 0) {
            throw TextInput.invalid(field, "must be 0 or more");
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw TextInput.invalid(field, "is required: one of " + java.util.Arrays.toString(type.getEnumConstants()));
            }
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw TextInput.invalid(field, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }
}
