package org.escape.knowledge;

import jakarta.persistence.Query;
import java.util.List;
import java.util.Set;
import org.escape.access.Role;

/**
 * The query form of the draft part of {@link org.escape.access.AccessRules#mayReadArticle}: a
 * published or retired article, or one the reader wrote — and for moderators every status. R1 on
 * the label is {@link org.escape.access.LabelPredicate}'s; together they are the whole rule, written
 * once for every JPQL query over articles (lists, notifications). Checked against the rule by the
 * article matrix and notification integration tests.
 */
public final class ArticleAccessQuery {

    /** The parameter bound to the statuses everyone who passes R1 reads. */
    public static final String PUBLIC_STATUSES_PARAMETER = "publicStatuses";

    private ArticleAccessQuery() {
    }

    /**
     * A JPQL condition on {@code alias} (an {@code Article}) for a reader with {@code roles}, whose id is
     * bound to {@code :readerParameter}; empty for moderators, who read every status. Bind with {@link #bind}.
     */
    public static String jpql(String alias, String readerParameter, Set<Role> roles) {
        return roles.contains(Role.MODERATOR) ? ""
                : " and (" + alias + ".status in :" + PUBLIC_STATUSES_PARAMETER + " or " + alias + ".authorId = :"
                        + readerParameter + ")";
    }

    /** Binds what {@link #jpql} used (the reader's id is the caller's to bind). */
    public static void bind(Query query, Set<Role> roles) {
        if (!roles.contains(Role.MODERATOR)) {
            query.setParameter(PUBLIC_STATUSES_PARAMETER, List.of(ArticleStatus.PUBLISHED, ArticleStatus.RETIRED));
        }
    }
}
