package org.escape.incident;

/**
 * The query form of the room part of {@link org.escape.access.AccessRules#mayReadIncident}: the room
 * is {@code CLEARED}, or the reader is a member. R1 on the labels is {@link org.escape.access.LabelPredicate}'s;
 * together they are the whole rule, written once for every JPQL query over incidents (listings,
 * notifications). Checked against the rule by the integration tests (incident lists per reader,
 * mention notifications).
 */
public final class RoomAccessQuery {

    /** The parameter to bind to {@link org.escape.access.IncidentAccess#CLEARED}. */
    public static final String CLEARED_PARAMETER = "roomCleared";

    private RoomAccessQuery() {
    }

    /**
     * A JPQL condition on {@code incidentAlias} (an {@code Incident}) for the reader bound to
     * {@code :readerParameter}; bind {@link #CLEARED_PARAMETER} too.
     */
    public static String jpql(String incidentAlias, String readerParameter) {
        return "(" + incidentAlias + ".access = :" + CLEARED_PARAMETER + " or exists (select ms from Membership ms"
                + " where ms.incidentId = " + incidentAlias + ".id and ms.userId = :" + readerParameter + "))";
    }
}
