package org.escape.access;

import java.util.Arrays;
import java.util.Optional;

/**
 * The realm roles ESCAPE knows. Roles grant <em>functions</em> (moderate, audit, operate); none of
 * them grants read access beyond rule R1 — there is no bypass of labels.
 *
 * <p>Immutable and thread-safe.
 */
public enum Role {
    /** Every vetted expert: reads what R1 allows, posts, chats, writes drafts. */
    MEMBER("member"),
    /** Creates forums, moderates, reviews and publishes articles (never their own), runs incidents. */
    MODERATOR("moderator"),
    /** Reads the audit trail and verifies its chain. */
    AUDITOR("auditor"),
    /** Operates the platform: imports, reindexing, settings. */
    ADMIN("admin");

    /** The role names as the JAX-RS layer's {@code @RolesAllowed} needs them (compile-time constants). */
    public static final String MEMBER_NAME = "member";
    public static final String MODERATOR_NAME = "moderator";
    public static final String AUDITOR_NAME = "auditor";
    public static final String ADMIN_NAME = "admin";

    private final String claimName;

    Role(String claimName) {
        this.claimName = claimName;
    }

    /** The role's name in Keycloak and in the token's {@code groups} claim. */
    public String claimName() {
        return claimName;
    }

    /** The role with that Keycloak name; other realm roles (offline_access, …) are empty. */
    public static Optional<Role> fromClaim(String name) {
        return Arrays.stream(values()).filter(role -> role.claimName.equals(name)).findFirst();
    }
}
