package org.escape.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash of a record: SHA-256 over its canonical form followed by its predecessor's hash.
 *
 * <p>The canonical form writes every field as {@code length:value;} ({@code -;} for null), in a fixed
 * order, so no two different records share a form (no separator can be smuggled inside a value).
 * Time is written as epoch milliseconds, the precision every supported database keeps.
 */
public final class AuditChain {

    /** The predecessor hash of the first record. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    /** The hash the record must carry, computed from its stored fields. */
    public static String hash(AuditRecord record) {
        StringBuilder canonical = new StringBuilder(256);
        field(canonical, Long.toString(record.seq()));
        field(canonical, Long.toString(record.recordedAt().toEpochMilli()));
        field(canonical, record.actorId() == null ? null : record.actorId().toString());
        field(canonical, record.actorName());
        field(canonical, record.action());
        field(canonical, record.objectType());
        field(canonical, record.objectId());
        field(canonical, record.outcome());
        field(canonical, record.details());
        field(canonical, record.prevHash());
        return sha256(canonical.toString());
    }

    private static void field(StringBuilder canonical, String value) {
        if (value == null) {
            canonical.append("-;");
        } else {
            canonical.append(value.length()).append(':').append(value).append(';');
        }
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
