package org.escape.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SyncWorkTest {

    private static AdminEvent event(String type, String operation, String path) {
        return new AdminEvent(path + operation, 1, type, operation, path);
    }

    @ParameterizedTest(name = "{0} {1} {2} -> user {3}")
    @CsvSource({
            "USER,               UPDATE, users/u1,                                u1",
            "USER,               DELETE, users/u1,                                u1",
            "USER,               CREATE, users/u1,                                u1",
            "USER,               ACTION, users/u1/logout,                         u1",
            "REALM_ROLE_MAPPING, CREATE, users/u1/role-mappings/realm,            u1",
            "REALM_ROLE_MAPPING, DELETE, users/u1/role-mappings/realm,            u1",
            "GROUP_MEMBERSHIP,   CREATE, users/u1/groups/g1,                      u1",
    })
    void eventsThatNameAUserReReadThatUser(String type, String operation, String path, String user) {
        SyncWork work = SyncWork.of(List.of(event(type, operation, path)));

        assertEquals(Set.of(user), work.userIds());
        assertFalse(work.reconcileAll());
    }

    @ParameterizedTest(name = "{0} {1} {2} -> everyone")
    @CsvSource({
            "REALM_ROLE_MAPPING, CREATE, groups/g1/role-mappings/realm",
            "REALM_ROLE,         UPDATE, roles/member",
            "REALM_ROLE,         CREATE, roles-by-id/r1/composites",
            "GROUP,              DELETE, groups/g1",
            "REALM,              UPDATE, ''",
    })
    void eventsThatMayAffectUnnamedUsersReconcileEveryone(String type, String operation, String path) {
        SyncWork work = SyncWork.of(List.of(event(type, operation, path)));

        assertTrue(work.reconcileAll());
    }

    @ParameterizedTest(name = "{0} {1} {2} -> nothing")
    @CsvSource({
            "CLIENT_ROLE_MAPPING, CREATE, users/u1/role-mappings/clients/c1",
            "CLIENT,              UPDATE, clients/c1",
            "AUTH_FLOW,           UPDATE, authentication/flows/f1",
    })
    void eventsThatCannotChangeWhatWeReadAreIgnored(String type, String operation, String path) {
        assertTrue(SyncWork.of(List.of(event(type, operation, path))).isEmpty());
    }

    @Test
    void manyEventsOfOneUserReadThatUserOnce() {
        SyncWork work = SyncWork.of(List.of(event("USER", "UPDATE", "users/u1"),
                event("REALM_ROLE_MAPPING", "DELETE", "users/u1/role-mappings/realm"),
                event("USER", "UPDATE", "users/u2")));

        assertEquals(Set.of("u1", "u2"), work.userIds());
    }
}
