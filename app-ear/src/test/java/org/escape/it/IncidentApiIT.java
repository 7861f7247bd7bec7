package org.escape.it;

import static org.escape.it.ForumApi.json;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The incident REST API (docs/api-incidents.md) on the real EAR: create/list/get with filters; the
 * status machine move by move; members (roles, last commander, self-leave, observers, who may
 * manage) and the identical answer for a candidate who fails R1 and one who does not exist; join
 * for CLEARED and MEMBERS rooms; chat messages with W1/W2, idempotent client ids, paging with gaps
 * for lower readers; PARAM-OVERRIDE; an unreadable incident answering exactly like a missing one on
 * every endpoint; limits; mention notifications only for readers of the message.
 *
 * <p>Each test creates its own incidents with throw-away users ({@code ia-<key>-<run>}), so the
 * tests do not depend on each other or on their order. Deviations are collected per test
 * ({@link IncidentApi.Soft}) so one run reports all of them.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IncidentApiIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final RealmUsers REALM = new RealmUsers();

    private static final OracleLabel U = OracleLabel.of("UNCLASSIFIED");
    private static final OracleLabel R = OracleLabel.of("RESTRICTED");
    private static final OracleLabel C = OracleLabel.of("CONFIDENTIAL");
    private static final OracleLabel S = OracleLabel.of("SECRET");
    private static final OracleLabel TS = OracleLabel.of("TOP_SECRET");
    private static final OracleLabel C_GK = OracleLabel.of("CONFIDENTIAL", "GBR", "KEN");
    private static final OracleLabel S_G = OracleLabel.of("SECRET", "GBR");

    /** A user of this class: username, country, clearance. */
    record Who(String username, String country, String clearance) {
        boolean reads(OracleLabel label) {
            return label.readableBy(country, clearance);
        }

        @Override
        public String toString() {
            return username;
        }
    }

    private static final Map<String, Who> USERS = new LinkedHashMap<>();
    private static Who mod;
    private static Who cmd;
    private static Who gbrC;
    private static Who kenS;
    private static Who kenC;
    private static Who mysC;
    private static Who mysR;
    private static Who canU;
    private static Who indTS;
    private static Who lister;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return TestServers.ear();
    }

    @BeforeAll
    static void createUsers() {
        mod = user("mod", "GBR", "TOP_SECRET", "moderator");
        cmd = user("cmd", "GBR", "SECRET");
        gbrC = user("gbrc", "GBR", "CONFIDENTIAL");
        kenS = user("kens", "KEN", "SECRET");
        kenC = user("kenc", "KEN", "CONFIDENTIAL");
        mysC = user("mysc", "MYS", "CONFIDENTIAL");
        mysR = user("mysr", "MYS", "RESTRICTED");
        canU = user("canu", "CAN", "UNCLASSIFIED");
        indTS = user("indts", "IND", "TOP_SECRET");
        lister = user("lister", "GBR", "SECRET");
        for (Who w : USERS.values()) {
            IncidentApi.expect(200, ForumApi.get(w.username(), "/me"), "provisioning " + w);
        }
    }

    @AfterAll
    static void deleteUsers() {
        REALM.deleteAll();
    }

    private static Who user(String key, String country, String clearance, String... roles) {
        String username = "ia-" + key + "-" + RUN;
        Set<String> roleSet = new TreeSet<>(List.of(roles));
        roleSet.add("member");
        REALM.create(username, "Incident", key, country, clearance, roleSet);
        Who who = new Who(username, country, clearance);
        USERS.put(key, who);
        return who;
    }

    private static String u(Who who) {
        return who.username();
    }

    private static String title(String what) {
        return "IA " + RUN + " " + what;
    }

    // ---------------------------------------------------------------------------------------------
    // Create, list, get
    // ---------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void createListAndGetWithFiltersShowOnlyWhatEachReaderMayRead() {
        IncidentApi.Soft soft = new IncidentApi.Soft("create-list-get");
        OracleLabel rGk = OracleLabel.of("RESTRICTED", "GBR", "KEN");
        JsonObject a = IncidentApi.create(u(lister), title("A"), "HIGH", C, null); // access defaults to MEMBERS
        JsonObject b = IncidentApi.create(u(lister), title("B"), "LOW", S_G, "CLEARED");
        JsonObject c = IncidentApi.create(u(lister), title("C"), "HIGH", U, "MEMBERS");
        JsonObject d = IncidentApi.create(u(lister), title("D"), "CRITICAL", rGk, "CLEARED");
        Map<String, OracleLabel> labels = Map.of(a.getString("id"), C, b.getString("id"), S_G, c.getString("id"), U,
                d.getString("id"), rGk);
        Map<String, String> access = Map.of(a.getString("id"), "MEMBERS", b.getString("id"), "CLEARED",
                c.getString("id"), "MEMBERS", d.getString("id"), "CLEARED");

        for (JsonObject created : List.of(a, b, c, d)) {
            String id = created.getString("id");
            soft.check(IncidentApi.shapeViolations("incident", created, IncidentApi.INCIDENT_FIELDS).isEmpty(),
                    "created incident carries only documented fields: "
                            + IncidentApi.shapeViolations("incident", created, IncidentApi.INCIDENT_FIELDS));
            soft.check("OPEN".equals(created.getString("status", null)), "a new incident is OPEN: " + created);
            soft.check("COMMANDER".equals(created.getString("myRole", null)), "the creator is COMMANDER: " + created);
            soft.check(created.getInt("memberCount", -1) == 1, "memberCount 1: " + created);
            soft.check(created.getBoolean("canPost", false) && created.getBoolean("canManage", false),
                    "the commander may post and manage: " + created);
            soft.check(access.get(id).equals(created.getString("access", null)), "access " + access.get(id) + ": " + created);
            soft.check(labels.get(id).marking().equals(created.getString("marking", null)), "marking " + labels.get(id)
                    + ": " + created.get("marking"));
            soft.check(u(lister).equals(created.getJsonObject("createdBy").getString("username", null)),
                    "createdBy is the caller: " + created.get("createdBy"));
            soft.check(created.getJsonNumber("latestSeq") != null && created.getJsonNumber("latestSeq").longValue() >= 1,
                    "the CREATED entry has a seq: " + created.get("latestSeq"));
            JsonObject got = IncidentApi.incident(u(lister), id);
            soft.check(id.equals(got.getString("id")) && created.getString("title").equals(got.getString("title", null)),
                    "GET answers the created incident: " + got);
            List<JsonObject> timeline = IncidentApi.timeline(u(lister), id);
            soft.check(!timeline.isEmpty() && "CREATED".equals(timeline.get(0).getString("kind", null)),
                    "the timeline starts with CREATED: " + timeline);
        }
        soft.status(200, IncidentApi.status(u(lister), c.getString("id"), "CONTAINED"), "C → CONTAINED");
        soft.status(200, IncidentApi.status(u(lister), d.getString("id"), "RESOLVED"), "D → RESOLVED");

        Map<String, Set<String>> filters = new LinkedHashMap<>();
        filters.put("mine=true", Set.of("A", "B", "C", "D"));
        filters.put("mine=true&status=OPEN", Set.of("A", "B"));
        filters.put("mine=true&status=CONTAINED", Set.of("C"));
        filters.put("mine=true&status=RESOLVED", Set.of("D"));
        filters.put("mine=true&status=CLOSED", Set.of());
        filters.put("mine=true&severity=HIGH", Set.of("A", "C"));
        filters.put("mine=true&status=OPEN&severity=LOW", Set.of("B"));
        Map<String, String> byKey = Map.of("A", a.getString("id"), "B", b.getString("id"), "C", c.getString("id"),
                "D", d.getString("id"));
        for (Map.Entry<String, Set<String>> filter : filters.entrySet()) {
            ForumApi.Listing listing = ForumApi.listAll(u(lister), "/incidents?" + filter.getKey());
            Set<String> expected = filter.getValue().stream().map(byKey::get).collect(Collectors.toSet());
            Set<String> actual = listing.items().stream().map(i -> i.getString("id")).collect(Collectors.toSet());
            soft.check(listing.status() == 200 && expected.equals(actual) && listing.total() == expected.size(),
                    "list " + filter.getKey() + ": expected " + filter.getValue() + ", got status " + listing.status()
                            + " total " + listing.total() + " ids " + actual);
            List<Instant> updated = listing.items().stream().map(i -> Instant.parse(i.getString("updatedAt"))).toList();
            for (int i = 1; i < updated.size(); i++) {
                soft.check(!updated.get(i).isAfter(updated.get(i - 1)), "list " + filter.getKey()
                        + " is most recently updated first: " + updated);
            }
        }
        soft.status(400, ForumApi.get(u(lister), "/incidents?status=BURNING"), "unknown status filter");
        soft.status(400, ForumApi.get(u(lister), "/incidents?severity=HUGE"), "unknown severity filter");
        soft.status(400, ForumApi.get(u(lister), "/incidents?size=101"), "page size above 100");

        // Every other reader: own incidents exactly as the oracle says, every listed item readable.
        for (Who w : List.of(mod, gbrC, kenS, kenC, mysR, canU, indTS)) {
            ForumApi.Listing listing = ForumApi.listAll(u(w), "/incidents");
            soft.check(listing.status() == 200 && listing.total() == listing.items().size(),
                    w + " lists incidents: " + listing.status() + " total " + listing.total() + " items "
                            + listing.items().size());
            Set<String> listed = new HashSet<>();
            for (JsonObject item : listing.items()) {
                listed.add(item.getString("id"));
                OracleLabel label = OracleLabel.parse(item.getJsonObject("label"));
                boolean member = !item.isNull("myRole");
                soft.check(w.reads(label) && ("CLEARED".equals(item.getString("access", "")) || member),
                        "LEAK " + w + " is listed incident " + item.getString("id") + " at " + label + " access "
                                + item.getString("access", "?") + " myRole " + item.get("myRole"));
                soft.check(IncidentApi.shapeViolations("listed", item, IncidentApi.INCIDENT_FIELDS).isEmpty(),
                        "listed incident fields: " + IncidentApi.shapeViolations("listed", item, IncidentApi.INCIDENT_FIELDS));
            }
            for (Map.Entry<String, String> e : byKey.entrySet()) {
                String id = e.getValue();
                boolean readable = w.reads(labels.get(id)) && "CLEARED".equals(access.get(id));
                soft.check(listed.contains(id) == readable, w + (readable ? " misses " : " LEAK sees ") + "incident "
                        + e.getKey() + " at " + labels.get(id) + " (" + access.get(id) + ")");
                HttpResponse<String> got = IncidentApi.get(u(w), id);
                if (readable) {
                    soft.status(200, got, w + " reads " + e.getKey());
                    if (got.statusCode() == 200) {
                        soft.check(json(got).isNull("myRole") && json(got).getBoolean("canManage", false) == w.equals(mod)
                                        && !json(got).getBoolean("canPost", true),
                                w + " is no member of " + e.getKey() + " (only a moderator may manage it): " + got.body());
                    }
                } else {
                    soft.likeMissing(got, u(w), "GET", "/incidents/{}", null, w + " GET " + e.getKey());
                }
            }
            ForumApi.Listing mine = ForumApi.listAll(u(w), "/incidents?mine=true");
            soft.check(mine.items().stream().noneMatch(i -> byKey.containsValue(i.getString("id"))),
                    w + " is member of none of the lister's incidents: " + mine.items());
        }
        soft.done();
    }

    // ---------------------------------------------------------------------------------------------
    // The status machine
    // ---------------------------------------------------------------------------------------------

    @Test
    @Order(2)
    void everyLegalMoveWorksAndIsOnTheTimelineEveryIllegalOneIs409AndClosedIsReadOnly() {
        IncidentApi.Soft soft = new IncidentApi.Soft("status-machine");
        List<String> states = List.of("OPEN", "CONTAINED", "RESOLVED", "CLOSED");
        Set<String> legal = Set.of("OPEN>CONTAINED", "OPEN>RESOLVED", "CONTAINED>OPEN", "CONTAINED>RESOLVED",
                "RESOLVED>CLOSED", "RESOLVED>OPEN");
        // One path through all six legal moves; before each move every illegal target from that state.
        List<String> path = List.of("CONTAINED", "OPEN", "RESOLVED", "OPEN", "CONTAINED", "RESOLVED", "CLOSED");
        JsonObject incident = IncidentApi.create(u(cmd), title("status"), "MEDIUM", C, "MEMBERS");
        String id = incident.getString("id");
        IncidentApi.member(u(cmd), id, u(kenC), "RESPONDER");
        IncidentApi.member(u(cmd), id, u(mysC), "OBSERVER");
        String current = "OPEN";
        List<String> moves = new ArrayList<>();
        Set<String> visited = new HashSet<>();
        int illegalTried = 0;
        for (String next : path) {
            for (String target : states) {
                if (legal.contains(current + ">" + target) || visited.contains(current)) {
                    continue;
                }
                long before = latestSeq(cmd, id);
                HttpResponse<String> refused = IncidentApi.status(u(cmd), id, target);
                if (current.equals(target)) {
                    // Not a move: the contract lists moves only; a PATCH to the current status may be a no-op
                    // (200, nothing written) or 409. Either way nothing may change.
                    soft.check(refused.statusCode() == 409 || refused.statusCode() == 200, current + " → " + target
                            + " (no move): 409 or a no-op 200, got " + ForumApi.describe(refused));
                    if (refused.statusCode() == 200) {
                        System.out.println("[incident-api] PATCH to the current status " + current + " is a no-op 200");
                    }
                } else {
                    soft.status(409, refused, current + " → " + target + " is illegal");
                }
                illegalTried++;
                soft.check(current.equals(IncidentApi.incident(u(cmd), id).getString("status")),
                        "still " + current + " after the refused move to " + target);
                soft.check(latestSeq(cmd, id) == before, "no timeline entry for the refused " + current + " → " + target);
            }
            visited.add(current);
            // Who may not move it: a responder and an observer (both read it) → 403; a non-reader → like missing.
            if (moves.isEmpty()) {
                soft.status(403, IncidentApi.status(u(kenC), id, next), "a RESPONDER changes the status");
                soft.status(403, IncidentApi.status(u(mysC), id, next), "an OBSERVER changes the status");
                soft.likeMissing(IncidentApi.status(u(gbrC), id, next), u(gbrC), "PATCH", "/incidents/{}",
                        Json.createObjectBuilder().add("status", next).build(), "a non-member reader of a MEMBERS incident");
                soft.likeMissing(IncidentApi.status(u(mod), id, next), u(mod), "PATCH", "/incidents/{}",
                        Json.createObjectBuilder().add("status", next).build(),
                        "a moderator who is no member of a MEMBERS incident (no bypass)");
            }
            HttpResponse<String> moved = IncidentApi.status(u(cmd), id, next);
            soft.status(200, moved, current + " → " + next + " is legal");
            if (moved.statusCode() == 200) {
                soft.check(next.equals(json(moved).getString("status", null)), "the answer shows " + next + ": " + moved.body());
                moves.add(current + ">" + next);
                current = next;
            } else {
                break;
            }
        }
        soft.check(moves.size() == 7, "all seven moves of the path done: " + moves);

        List<JsonObject> statusEntries = IncidentApi.timeline(u(cmd), id).stream()
                .filter(m -> "STATUS".equals(m.getString("kind", null))).toList();
        soft.check(statusEntries.size() == moves.size(), "one STATUS entry per move: " + statusEntries.size() + " for "
                + moves);
        for (int i = 0; i < Math.min(statusEntries.size(), moves.size()); i++) {
            JsonObject entry = statusEntries.get(i);
            String[] move = moves.get(i).split(">");
            String body = entry.getString("body", "");
            int from = body.indexOf(move[0]);
            int to = body.lastIndexOf(move[1]);
            soft.check(from >= 0 && to > from, "STATUS entry " + i + " says " + move[0] + " → " + move[1] + ": " + body);
            soft.check(entry.isNull("clientId") && C.marking().equals(entry.getString("marking", null))
                            && u(cmd).equals(entry.getJsonObject("author").getString("username", null)),
                    "STATUS entry: no clientId, the incident's label, the mover as author: " + entry);
        }
        soft.check(statusEntries.stream().allMatch(e -> IncidentApi.shapeViolations("entry", e,
                IncidentApi.MESSAGE_FIELDS).isEmpty()), "STATUS entries carry documented fields only");

        // CLOSED: read-only.
        soft.check(illegalTried == 6, "illegal moves tried on the way: " + illegalTried);
        long closedSeq = latestSeq(cmd, id);
        for (String target : states) {
            soft.status(409, IncidentApi.status(u(cmd), id, target), "CLOSED → " + target);
        }
        soft.status(409, IncidentApi.patch(u(cmd), id, Json.createObjectBuilder().add("title", "renamed").build()),
                "title of a CLOSED incident");
        soft.status(409, IncidentApi.patch(u(cmd), id, Json.createObjectBuilder().add("summary", "changed").build()),
                "summary of a CLOSED incident");
        soft.status(409, IncidentApi.patch(u(cmd), id, Json.createObjectBuilder().add("severity", "CRITICAL").build()),
                "severity of a CLOSED incident");
        soft.status(409, IncidentApi.patch(u(cmd), id, Json.createObjectBuilder().add("label", S.json()).build()),
                "raising the label of a CLOSED incident");
        soft.status(409, IncidentApi.send(u(cmd), id, "after closing", IncidentApi.clientId(), null),
                "a commander's message in a CLOSED incident");
        soft.status(409, IncidentApi.send(u(kenC), id, "after closing", IncidentApi.clientId(), null),
                "a responder's message in a CLOSED incident");
        JsonObject closed = IncidentApi.incident(u(cmd), id);
        soft.check("CLOSED".equals(closed.getString("status")) && title("status").equals(closed.getString("title"))
                        && "MEDIUM".equals(closed.getString("severity")) && C.marking().equals(closed.getString("marking")),
                "the CLOSED incident is unchanged: " + closed);
        soft.check(!closed.getBoolean("canPost", true), "canPost is false in a CLOSED incident: " + closed);
        soft.check(latestSeq(cmd, id) == closedSeq, "nothing written to the CLOSED incident's timeline");
        soft.status(200, IncidentApi.messages(u(kenC), id, "after=0"), "a CLOSED incident stays readable");
        soft.status(400, IncidentApi.status(u(cmd), IncidentApi.create(u(cmd), title("bad status"), "LOW", U, null)
                .getString("id"), "ON_FIRE"), "an unknown status");
        soft.done();
    }

    @Test
    @Order(3)
    void editsAreTimelineEntriesTheLabelCanOnlyBeRaisedAndAModeratorWhoMayReadACLEAREDIncidentManagesIt() {
        IncidentApi.Soft soft = new IncidentApi.Soft("edits-and-labels");
        JsonObject incident = IncidentApi.create(u(cmd), title("edits"), "LOW", C_GK, "CLEARED");
        String id = incident.getString("id");
        IncidentApi.member(u(cmd), id, u(kenC), "RESPONDER");
        long seq = latestSeq(cmd, id);
        HttpResponse<String> renamed = IncidentApi.patch(u(cmd), id, Json.createObjectBuilder()
                .add("title", title("edits renamed")).add("severity", "HIGH").add("summary", "new summary").build());
        soft.status(200, renamed, "title, severity and summary by the commander");
        soft.check(latestSeq(cmd, id) > seq && IncidentApi.timeline(u(cmd), id).stream()
                .anyMatch(m -> "UPDATED".equals(m.getString("kind", null))), "an UPDATED timeline entry");
        soft.status(403, IncidentApi.patch(u(kenC), id, Json.createObjectBuilder().add("title", "by a responder").build()),
                "a responder renames");
        soft.fieldError(IncidentApi.patch(u(cmd), id, Json.createObjectBuilder().add("title", "t".repeat(201)).build()),
                "title", "a 201-character title");

        // A moderator who may read a CLEARED incident manages it without being a member (GBR TOP_SECRET).
        soft.status(200, IncidentApi.status(u(mod), id, "CONTAINED"), "a moderator who may read moves the status");
        soft.check(IncidentApi.addMember(u(mod), id, u(gbrC), "OBSERVER").statusCode() == 201,
                "a moderator who may read adds a member");

        // W3: only raised.
        seq = latestSeq(cmd, id);
        soft.status(409, IncidentApi.patch(u(cmd), id, Json.createObjectBuilder().add("label", R.json()).build()),
                "lowering the classification");
        soft.status(409, IncidentApi.patch(u(cmd), id, Json.createObjectBuilder().add("label", C.json()).build()),
                "widening the releasability");
        soft.status(409, IncidentApi.patch(u(cmd), id,
                Json.createObjectBuilder().add("label", OracleLabel.of("CONFIDENTIAL", "GBR", "MYS").json()).build()),
                "a sideways label");
        soft.check(latestSeq(cmd, id) == seq && C_GK.marking().equals(IncidentApi.incident(u(cmd), id).getString("marking")),
                "nothing changed by the refused label changes");
        HttpResponse<String> tooHigh = IncidentApi.patch(u(cmd), id,
                Json.createObjectBuilder().add("label", OracleLabel.of("TOP_SECRET", "GBR").json()).build());
        soft.check(tooHigh.statusCode() == 400 || tooHigh.statusCode() == 409,
                "W2: a label above the commander's clearance: " + ForumApi.describe(tooHigh));
        HttpResponse<String> raised = IncidentApi.patch(u(cmd), id, Json.createObjectBuilder().add("label", S_G.json()).build());
        soft.status(200, raised, "raising to SECRET//REL TO GBR");
        soft.check(raised.statusCode() != 200 || S_G.marking().equals(json(raised).getString("marking", null)),
                "the raised marking: " + raised.body());
        // The Kenyan responder and the CONFIDENTIAL observer no longer read it: like missing.
        soft.likeMissing(IncidentApi.get(u(kenC), id), u(kenC), "GET", "/incidents/{}", null, "kenC after the raise");
        soft.likeMissing(IncidentApi.messages(u(gbrC), id, null), u(gbrC), "GET", "/incidents/{}/messages", null,
                "gbrC's timeline after the raise");
        HttpResponse<String> members = IncidentApi.members(u(cmd), id);
        soft.status(200, members, "members after the raise");
        if (members.statusCode() == 200) {
            List<String> names = IncidentApi.items(members).stream()
                    .map(m -> m.getJsonObject("user").getString("username")).toList();
            soft.check(names.contains(u(cmd)) && !names.contains(u(kenC)) && !names.contains(u(gbrC)),
                    "suspended members are not listed: " + names);
            soft.check(json(members).getInt("total", -1) == names.size(), "members total = items: " + members.body());
        }
        soft.done();
    }

    // ---------------------------------------------------------------------------------------------
    // Members and join
    // ---------------------------------------------------------------------------------------------

    @Test
    @Order(4)
    void membersAreAddedChangedAndRemovedByThoseWhoManageAndTheLastCommanderStays() {
        IncidentApi.Soft soft = new IncidentApi.Soft("members");
        String id = IncidentApi.create(u(cmd), title("members"), "HIGH", C, "MEMBERS").getString("id");
        String members = "/incidents/" + id + "/members";

        HttpResponse<String> added = IncidentApi.addMember(u(cmd), id, u(kenC), "RESPONDER");
        soft.status(201, added, "add a RESPONDER");
        if (added.statusCode() == 201) {
            JsonObject member = json(added);
            soft.check(IncidentApi.shapeViolations("member", member, IncidentApi.MEMBER_FIELDS).isEmpty(),
                    "member shape: " + member);
            soft.check(u(kenC).equals(member.getJsonObject("user").getString("username", null))
                    && "RESPONDER".equals(member.getString("role", null)), "the added member: " + member);
        }
        soft.status(201, IncidentApi.addMember(u(cmd), id, u(mysC), "OBSERVER"), "add an OBSERVER");
        soft.status(200, IncidentApi.addMember(u(cmd), id, u(kenC), "OBSERVER"), "change a role");
        soft.status(200, IncidentApi.addMember(u(cmd), id, u(kenC), "RESPONDER"), "change it back");
        soft.status(400, IncidentApi.addMember(u(cmd), id, u(gbrC), "BOSS"), "an unknown role");

        HttpResponse<String> list = IncidentApi.members(u(kenC), id);
        soft.status(200, list, "a responder lists the members");
        if (list.statusCode() == 200) {
            Map<String, String> roles = new LinkedHashMap<>();
            for (JsonObject m : IncidentApi.items(list)) {
                roles.put(m.getJsonObject("user").getString("username"), m.getString("role"));
                soft.check(IncidentApi.shapeViolations("member", m, IncidentApi.MEMBER_FIELDS).isEmpty(),
                        "member fields: " + IncidentApi.shapeViolations("member", m, IncidentApi.MEMBER_FIELDS));
            }
            soft.check(roles.equals(Map.of(u(cmd), "COMMANDER", u(kenC), "RESPONDER", u(mysC), "OBSERVER")),
                    "members and roles: " + roles);
            soft.check(json(list).getInt("total", -1) == 3, "total 3: " + list.body());
        }
        JsonObject asObserver = IncidentApi.incident(u(mysC), id);
        soft.check("OBSERVER".equals(asObserver.getString("myRole", null)) && !asObserver.getBoolean("canPost", true)
                        && !asObserver.getBoolean("canManage", true) && asObserver.getInt("memberCount", -1) == 3,
                "the observer's view: " + asObserver);
        JsonObject asResponder = IncidentApi.incident(u(kenC), id);
        soft.check(asResponder.getBoolean("canPost", false) && !asResponder.getBoolean("canManage", true),
                "the responder's view: " + asResponder);

        long seq = latestSeq(cmd, id);
        soft.status(403, IncidentApi.send(u(mysC), id, "an observer speaks", IncidentApi.clientId(), null),
                "an OBSERVER posts");
        soft.check(latestSeq(cmd, id) == seq, "the observer's message was not written");
        soft.status(403, IncidentApi.addMember(u(kenC), id, u(gbrC), "OBSERVER"), "a RESPONDER adds a member");
        soft.status(403, IncidentApi.addMember(u(mysC), id, u(gbrC), "OBSERVER"), "an OBSERVER adds a member");
        soft.status(403, IncidentApi.removeMember(u(kenC), id, IncidentApi.userId(u(mysC))), "a RESPONDER removes a member");
        soft.status(403, IncidentApi.addMember(u(kenC), id, u(kenC), "COMMANDER"), "a RESPONDER promotes themselves");
        soft.likeMissing(IncidentApi.addMember(u(gbrC), id, u(gbrC), "RESPONDER"), u(gbrC), "POST", "/incidents/{}/members",
                Json.createObjectBuilder().add("username", u(gbrC)).add("role", "RESPONDER").build(),
                "a non-member adds themselves to a MEMBERS incident");

        // The last commander.
        soft.status(409, IncidentApi.removeMember(u(cmd), id, IncidentApi.userId(u(cmd))), "the last commander leaves");
        soft.status(409, IncidentApi.addMember(u(cmd), id, u(cmd), "RESPONDER"), "the last commander demotes themselves");
        soft.check("COMMANDER".equals(IncidentApi.incident(u(cmd), id).getString("myRole", null)),
                "the last commander is still COMMANDER");

        // Self-leave.
        soft.status(204, IncidentApi.removeMember(u(kenC), id, IncidentApi.userId(u(kenC))), "a responder leaves");
        soft.likeMissing(IncidentApi.get(u(kenC), id), u(kenC), "GET", "/incidents/{}", null,
                "the leaver no longer reads the MEMBERS incident");
        soft.status(204, IncidentApi.removeMember(u(mysC), id, IncidentApi.userId(u(mysC))), "an observer leaves");

        // A second commander lets the first one go.
        soft.status(201, IncidentApi.addMember(u(cmd), id, u(kenS), "COMMANDER"), "a second commander");
        soft.status(204, IncidentApi.removeMember(u(cmd), id, IncidentApi.userId(u(cmd))), "the first commander leaves");
        soft.likeMissing(IncidentApi.get(u(cmd), id), u(cmd), "GET", "/incidents/{}", null, "the former commander");
        soft.status(409, IncidentApi.removeMember(u(kenS), id, IncidentApi.userId(u(kenS))), "now kenS is the last commander");
        soft.status(404, IncidentApi.removeMember(u(kenS), id, UUID.randomUUID().toString()), "removing a non-member");

        List<String> memberEntries = IncidentApi.timeline(u(kenS), id).stream()
                .filter(m -> "MEMBER".equals(m.getString("kind", null))).map(m -> m.getString("body", "")).toList();
        soft.check(memberEntries.size() >= 6, "membership changes are MEMBER timeline entries: " + memberEntries);
        soft.check(memberEntries.stream().anyMatch(b -> b.contains(u(kenC))), "entries name the member: " + memberEntries);
        soft.done();
    }

    @Test
    @Order(5)
    void aCandidateWhoFailsR1AndAnUnknownUserGetTheSameByteIdentical400() {
        IncidentApi.Soft soft = new IncidentApi.Soft("candidates");
        String id = IncidentApi.create(u(cmd), title("candidates"), "HIGH", C_GK, "MEMBERS").getString("id");
        Map<String, HttpResponse<String>> answers = new LinkedHashMap<>();
        answers.put("unknown user", IncidentApi.addMember(u(cmd), id, "nobody-" + RUN, "RESPONDER"));
        answers.put("unknown user 2", IncidentApi.addMember(u(cmd), id, "ia-ghost-" + UUID.randomUUID(), "RESPONDER"));
        answers.put("clearance too low (canU)", IncidentApi.addMember(u(cmd), id, u(canU), "RESPONDER"));
        answers.put("clearance too low (mysR)", IncidentApi.addMember(u(cmd), id, u(mysR), "RESPONDER"));
        answers.put("wrong country (mysC)", IncidentApi.addMember(u(cmd), id, u(mysC), "RESPONDER"));
        answers.put("wrong country, high clearance (indTS)", IncidentApi.addMember(u(cmd), id, u(indTS), "OBSERVER"));
        answers.put("a demo user who fails R1 (chen)", IncidentApi.addMember(u(cmd), id, "chen", "RESPONDER"));
        HttpResponse<String> reference = answers.get("unknown user");
        soft.fieldError(reference, "username", "an unknown user");
        if (reference.statusCode() == 400) {
            JsonObject error = json(reference).getJsonArray("errors").getJsonObject(0);
            soft.check("cannot be added to this incident".equals(error.getString("message", null)),
                    "the documented message: " + reference.body());
        }
        for (Map.Entry<String, HttpResponse<String>> e : answers.entrySet()) {
            soft.check(IncidentApi.sameAnswer(e.getValue(), reference), e.getKey() + " answers exactly like the unknown user: "
                    + ForumApi.describe(e.getValue()) + " " + IncidentApi.headersBut(e.getValue(), "date") + " vs "
                    + ForumApi.describe(reference) + " " + IncidentApi.headersBut(reference, "date"));
            soft.check(!e.getValue().body().toLowerCase(java.util.Locale.ROOT).contains("clearance")
                    && !e.getValue().body().contains("CONFIDENTIAL") && !e.getValue().body().contains("RESTRICTED"),
                    e.getKey() + ": nothing about the candidate's clearance: " + e.getValue().body());
        }
        // The same body whatever the role asked, and with a client-supplied clearance (PARAM-OVERRIDE).
        HttpResponse<String> claimed = ForumApi.post(u(cmd), "/incidents/" + id + "/members", Json.createObjectBuilder()
                .add("username", u(canU)).add("role", "RESPONDER").add("clearance", "TOP_SECRET").add("country", "GBR").build());
        soft.check(claimed.statusCode() == 400 && (IncidentApi.sameAnswer(claimed, reference)
                        || IncidentApi.errorFields(claimed).stream().noneMatch(f -> f.equals("username")) ),
                "a clearance claimed in the body does not let canU in: " + ForumApi.describe(claimed));
        HttpResponse<String> list = IncidentApi.members(u(cmd), id);
        soft.check(list.statusCode() == 200 && IncidentApi.items(list).size() == 1, "nobody was added: " + list.body());
        soft.done();
    }

    @Test
    @Order(6)
    void readersJoinACLEAREDIncidentAsRespondersAndNobodyJoinsAMEMBERSOne() {
        IncidentApi.Soft soft = new IncidentApi.Soft("join");
        String cleared = IncidentApi.create(u(cmd), title("cleared"), "LOW", C_GK, "CLEARED").getString("id");
        String members = IncidentApi.create(u(cmd), title("members-only"), "LOW", C, "MEMBERS").getString("id");
        IncidentApi.member(u(cmd), members, u(kenC), "OBSERVER");

        HttpResponse<String> joined = IncidentApi.join(u(kenC), cleared);
        soft.status(201, joined, "a reader joins a CLEARED incident");
        if (joined.statusCode() == 201) {
            soft.check("RESPONDER".equals(json(joined).getString("role", null))
                    && u(kenC).equals(json(joined).getJsonObject("user").getString("username", null)),
                    "joins as RESPONDER: " + joined.body());
        }
        soft.check("RESPONDER".equals(IncidentApi.incident(u(kenC), cleared).getString("myRole", null)),
                "myRole after joining");
        soft.status(201, IncidentApi.send(u(kenC), cleared, "joined and talking", IncidentApi.clientId(), null),
                "a joined responder posts");
        soft.likeMissing(IncidentApi.join(u(mysC), cleared), u(mysC), "POST", "/incidents/{}/join", null,
                "a reader of the wrong country joins a CLEARED incident");
        soft.likeMissing(IncidentApi.join(u(canU), cleared), u(canU), "POST", "/incidents/{}/join", null,
                "a reader below the clearance joins a CLEARED incident");
        soft.likeMissing(IncidentApi.join(u(gbrC), members), u(gbrC), "POST", "/incidents/{}/join", null,
                "a non-member (who passes R1) joins a MEMBERS incident (a 409 would tell it exists)");
        soft.status(409, IncidentApi.join(u(kenC), members), "a member calls join on a MEMBERS incident");
        soft.status(409, IncidentApi.join(u(cmd), members), "the commander calls join on a MEMBERS incident");
        HttpResponse<String> list = IncidentApi.members(u(cmd), members);
        soft.check(list.statusCode() == 200 && IncidentApi.items(list).size() == 2, "nobody joined the MEMBERS incident: "
                + list.body());
        soft.done();
    }

    // ---------------------------------------------------------------------------------------------
    // Messages
    // ---------------------------------------------------------------------------------------------

    @Test
    @Order(7)
    void messagesBelowTheRoomOrAboveTheAuthorAre400NamingTheLabelAndNothingIsWritten() {
        IncidentApi.Soft soft = new IncidentApi.Soft("w1-w2");
        String id = IncidentApi.create(u(cmd), title("w1w2"), "HIGH", C_GK, "MEMBERS").getString("id");
        IncidentApi.member(u(cmd), id, u(kenS), "RESPONDER");
        long before = latestSeq(cmd, id);
        Map<String, Object[]> refused = new LinkedHashMap<>();
        refused.put("W1 lower classification", new Object[] {cmd, R});
        refused.put("W1 unclassified, all", new Object[] {cmd, U});
        refused.put("W1 releasable to all", new Object[] {cmd, C});
        refused.put("W1 a wider list", new Object[] {cmd, OracleLabel.of("CONFIDENTIAL", "FRA", "GBR", "KEN")});
        refused.put("W1 lower, narrower", new Object[] {kenS, OracleLabel.of("RESTRICTED", "KEN")});
        refused.put("W2 above the author's clearance", new Object[] {cmd, OracleLabel.of("TOP_SECRET", "GBR")});
        refused.put("W2 a list without the author's country", new Object[] {cmd, OracleLabel.of("SECRET", "KEN")});
        refused.put("W2 above the Kenyan author", new Object[] {kenS, OracleLabel.of("TOP_SECRET", "GBR", "KEN")});
        for (Map.Entry<String, Object[]> e : refused.entrySet()) {
            Who author = (Who) e.getValue()[0];
            OracleLabel label = (OracleLabel) e.getValue()[1];
            soft.fieldError(IncidentApi.send(u(author), id, e.getKey(), IncidentApi.clientId(), label), "label",
                    e.getKey() + " (" + label + " by " + author + ")");
        }
        for (String bad : List.of("{\"classification\":\"ULTRA\",\"releasableTo\":[\"ALL\"]}",
                "{\"classification\":\"SECRET\",\"releasableTo\":[]}",
                "{\"classification\":\"SECRET\",\"releasableTo\":[\"ALL\",\"GBR\"]}",
                "{\"classification\":\"SECRET\",\"releasableTo\":[\"gb\"]}",
                "{\"classification\":\"SECRET\"}", "\"SECRET\"")) {
            String body = "{\"body\":\"bad label\",\"clientId\":\"" + IncidentApi.clientId() + "\",\"label\":" + bad + "}";
            soft.status(400, ForumApi.post(u(cmd), "/incidents/" + id + "/messages", body), "malformed label " + bad);
        }
        soft.check(latestSeq(cmd, id) == before, "nothing written by the refused messages");
        soft.check(IncidentApi.timeline(u(cmd), id).stream().noneMatch(m -> "MESSAGE".equals(m.getString("kind", null))),
                "no MESSAGE entry on the timeline");

        JsonObject high = IncidentApi.sendOk(u(cmd), id, "for GBR SECRET only", S_G);
        soft.check(S_G.marking().equals(high.getString("marking", null)), "an allowed higher label: " + high);
        JsonObject plain = IncidentApi.sendOk(u(kenS), id, "at the room's label", null);
        soft.check(C_GK.marking().equals(plain.getString("marking", null)), "the label defaults to the room's: " + plain);
        soft.check(IncidentApi.shapeViolations("message", plain, IncidentApi.MESSAGE_FIELDS).isEmpty(),
                "message fields: " + IncidentApi.shapeViolations("message", plain, IncidentApi.MESSAGE_FIELDS));
        List<String> seenByKen = IncidentApi.ids(IncidentApi.timeline(u(kenS), id));
        soft.check(!seenByKen.contains(high.getString("id")) && seenByKen.contains(plain.getString("id")),
                "the Kenyan member does not see the GBR-only message");
        soft.done();
    }

    @Test
    @Order(8)
    void theSameClientIdFromTheSameAuthorIsOneMessageFromAnotherAuthorItIsTwo() {
        IncidentApi.Soft soft = new IncidentApi.Soft("idempotency");
        String id = IncidentApi.create(u(cmd), title("idempotent"), "LOW", U, "MEMBERS").getString("id");
        IncidentApi.member(u(cmd), id, u(kenC), "RESPONDER");
        String clientId = "retry-" + RUN + ":1";
        HttpResponse<String> first = IncidentApi.send(u(cmd), id, "first text", clientId, null);
        soft.status(201, first, "first send");
        long latest = latestSeq(cmd, id);
        HttpResponse<String> again = IncidentApi.send(u(cmd), id, "second text", clientId, null);
        soft.status(200, again, "the same clientId again");
        if (first.statusCode() == 201 && again.statusCode() == 200) {
            soft.check(json(first).getString("id").equals(json(again).getString("id", null))
                            && json(first).getJsonNumber("seq").longValue() == json(again).getJsonNumber("seq").longValue()
                            && "first text".equals(json(again).getString("body", null)),
                    "the original comes back: " + first.body() + " / " + again.body());
        }
        HttpResponse<String> third = IncidentApi.send(u(cmd), id, "third text", clientId, S);
        soft.check(third.statusCode() == 200 && json(third).getString("id").equals(json(first).getString("id")),
                "the same clientId with another label still answers the original: " + ForumApi.describe(third));
        soft.check(latestSeq(cmd, id) == latest, "seq unchanged by the repeats");
        HttpResponse<String> other = IncidentApi.send(u(kenC), id, "same clientId, other author", clientId, null);
        soft.status(201, other, "another author with the same clientId");
        if (other.statusCode() == 201 && first.statusCode() == 201) {
            soft.check(!json(other).getString("id").equals(json(first).getString("id"))
                    && json(other).getJsonNumber("seq").longValue() == latest + 1, "a second message: " + other.body());
        }
        String elsewhere = IncidentApi.create(u(cmd), title("idempotent 2"), "LOW", U, "MEMBERS").getString("id");
        soft.status(201, IncidentApi.send(u(cmd), elsewhere, "another room", clientId, null),
                "the same clientId in another incident is a new message");
        long withId = IncidentApi.timeline(u(cmd), id).stream().filter(m -> clientId.equals(m.getString("clientId", null)))
                .count();
        soft.check(withId == 2, "two messages with that clientId in the room: " + withId);
        soft.done();
    }

    @Test
    @Order(9)
    void pagingWithAfterBeforeAndLimitShowsLowerReadersOnlyTheirEntriesWithHonestHasMore() {
        IncidentApi.Soft soft = new IncidentApi.Soft("paging");
        String id = IncidentApi.create(u(cmd), title("paging"), "LOW", U, "MEMBERS").getString("id");
        IncidentApi.member(u(cmd), id, u(mysR), "RESPONDER");
        IncidentApi.member(u(cmd), id, u(kenC), "OBSERVER");
        List<OracleLabel> cycle = List.of(U, S, R, S_G, C, OracleLabel.of("RESTRICTED", "GBR", "MYS"), U, S);
        for (int i = 0; i < 16; i++) {
            OracleLabel label = cycle.get(i % cycle.size());
            IncidentApi.sendOk(u(cmd), id, "page message " + i + " at " + label, label);
        }
        // The last entries are above mysR: a page that ends at mysR's last readable entry has nothing more.
        IncidentApi.sendOk(u(cmd), id, "tail 1", S);
        IncidentApi.sendOk(u(cmd), id, "tail 2", C);

        List<JsonObject> all = IncidentApi.timeline(u(cmd), id);
        List<Long> allSeqs = IncidentApi.seqs(all);
        for (int i = 0; i < allSeqs.size(); i++) {
            soft.check(allSeqs.get(i) == i + 1, "seq is gap-free for a reader of everything: " + allSeqs);
        }
        for (Who reader : List.of(mysR, kenC)) {
            List<JsonObject> expected = all.stream().filter(m -> reader.reads(OracleLabel.parse(m.getJsonObject("label"))))
                    .toList();
            List<String> expectedIds = IncidentApi.ids(expected);
            List<JsonObject> full = IncidentApi.timeline(u(reader), id);
            soft.check(IncidentApi.ids(full).equals(expectedIds), reader + " reads exactly the readable entries: expected "
                    + IncidentApi.seqs(expected) + ", got " + IncidentApi.seqs(full));
            for (JsonObject m : full) {
                soft.check(reader.reads(OracleLabel.parse(m.getJsonObject("label"))), "LEAK " + reader + " got entry "
                        + m.get("seq") + " at " + m.get("marking"));
            }
            // after + limit 3, page by page.
            List<String> paged = new ArrayList<>();
            long after = 0;
            for (int guard = 0; guard < 20; guard++) {
                HttpResponse<String> r = IncidentApi.messages(u(reader), id, "after=" + after + "&limit=3");
                soft.status(200, r, reader + " page after " + after);
                if (r.statusCode() != 200) {
                    break;
                }
                JsonObject page = json(r);
                soft.check(IncidentApi.undocumented("page", page, IncidentApi.MESSAGE_PAGE_FIELDS).isEmpty(),
                        "page fields: " + page.keySet());
                List<JsonObject> items = page.getJsonArray("items").getValuesAs(JsonObject.class);
                items.forEach(m -> paged.add(m.getString("id")));
                boolean more = expectedIds.size() > paged.size();
                soft.check(page.getBoolean("hasMore", !more) == more, (more ? "" : "LEAK ") + reader + " hasMore after "
                        + after + " is " + page.get("hasMore") + ", expected " + more + " (readable entries left: "
                        + (expectedIds.size() - paged.size()) + ")");
                if (items.isEmpty() || !more) {
                    break;
                }
                after = items.get(items.size() - 1).getJsonNumber("seq").longValue();
            }
            soft.check(paged.equals(expectedIds), reader + " pages of 3 add up to the readable entries");
            // Newest limit (no after): ascending, the last 4 readable ones.
            HttpResponse<String> newest = IncidentApi.messages(u(reader), id, "limit=4");
            if (soft.status(200, newest, "newest 4").statusCode() == 200) {
                List<String> got = IncidentApi.ids(IncidentApi.items(newest));
                soft.check(got.equals(expectedIds.subList(expectedIds.size() - 4, expectedIds.size())),
                        reader + " newest 4 ascending: " + IncidentApi.seqs(IncidentApi.items(newest)));
                soft.check(json(newest).getBoolean("hasMore", false), reader + " has older entries than the newest 4");
            }
            // before: the newest 3 below the 5th readable entry.
            long fifth = expected.get(4).getJsonNumber("seq").longValue();
            HttpResponse<String> before = IncidentApi.messages(u(reader), id, "before=" + fifth + "&limit=3");
            if (soft.status(200, before, "before").statusCode() == 200) {
                soft.check(IncidentApi.ids(IncidentApi.items(before)).equals(expectedIds.subList(1, 4)),
                        reader + " before=" + fifth + "&limit=3: " + IncidentApi.seqs(IncidentApi.items(before)));
                soft.check(json(before).getBoolean("hasMore", false), reader + " has one more readable entry below");
            }
            long second = expected.get(1).getJsonNumber("seq").longValue();
            HttpResponse<String> bottom = IncidentApi.messages(u(reader), id, "before=" + second + "&limit=3");
            if (soft.status(200, bottom, "before the second").statusCode() == 200) {
                soft.check(IncidentApi.items(bottom).size() == 1 && !json(bottom).getBoolean("hasMore", true),
                        reader + " before its second entry: one entry, nothing more: " + bottom.body());
            }
        }
        for (String bad : List.of("limit=0", "limit=501", "limit=-1", "limit=abc", "after=x1")) {
            HttpResponse<String> r = IncidentApi.messages(u(cmd), id, bad);
            soft.check(r.statusCode() == 400, "GET messages?" + bad + " → 400: " + ForumApi.describe(r));
        }
        soft.status(200, IncidentApi.messages(u(cmd), id, "limit=500"), "limit=500");
        soft.done();
    }

    @Test
    @Order(10)
    void clientSuppliedAuthorSeqTimesCountryAndClearanceAreNeverTrusted() {
        IncidentApi.Soft soft = new IncidentApi.Soft("param-override");
        String id = IncidentApi.create(u(cmd), title("override"), "LOW", C, "MEMBERS").getString("id");
        IncidentApi.member(u(cmd), id, u(kenC), "RESPONDER");
        String other = IncidentApi.create(u(mod), title("override other"), "LOW", U, "MEMBERS").getString("id");
        long latest = latestSeq(cmd, id);
        String fakeId = UUID.randomUUID().toString();
        JsonObject forged = Json.createObjectBuilder().add("body", "forged fields").add("clientId", IncidentApi.clientId())
                .add("author", Json.createObjectBuilder().add("username", u(mod)).add("id", IncidentApi.userId(u(mod))))
                .add("authorId", IncidentApi.userId(u(mod))).add("seq", 9999).add("createdAt", "2001-01-01T00:00:00Z")
                .add("country", "IND").add("clearance", "TOP_SECRET").add("id", fakeId).add("incidentId", other)
                .add("kind", "STATUS").add("html", "<script>alert(1)</script>").build();
        HttpResponse<String> r = ForumApi.post(u(kenC), "/incidents/" + id + "/messages", forged);
        soft.check(r.statusCode() == 201 || r.statusCode() == 400, "forged fields: ignored or 400: " + ForumApi.describe(r));
        if (r.statusCode() == 201) {
            JsonObject m = json(r);
            soft.check(u(kenC).equals(m.getJsonObject("author").getString("username", null)), "author is the caller: " + m);
            soft.check(m.getJsonNumber("seq").longValue() == latest + 1, "seq is the server's: " + m.get("seq"));
            soft.check(Instant.parse(m.getString("createdAt")).isAfter(Instant.now().minusSeconds(120)),
                    "createdAt is the server's: " + m.get("createdAt"));
            soft.check(!fakeId.equals(m.getString("id")) && id.equals(m.getString("incidentId", null))
                    && "MESSAGE".equals(m.getString("kind", null)) && !m.getString("html", "").contains("<script"),
                    "id, incident, kind and html are the server's: " + m);
            soft.check(C.marking().equals(m.getString("marking", null)), "the label is the room's: " + m.get("marking"));
        }
        soft.check(IncidentApi.timeline(u(mod), other).stream().noneMatch(m -> "forged fields".equals(m.getString("body", null))),
                "nothing landed in the other incident");
        JsonObject claimedClearance = Json.createObjectBuilder().add("body", "claiming TOP_SECRET")
                .add("clientId", IncidentApi.clientId()).add("label", TS.json()).add("clearance", "TOP_SECRET").build();
        soft.fieldError(ForumApi.post(u(kenC), "/incidents/" + id + "/messages", claimedClearance), "label",
                "a clearance claimed in the body does not allow a TOP_SECRET label");
        JsonObject claimedCountry = Json.createObjectBuilder().add("body", "claiming GBR")
                .add("clientId", IncidentApi.clientId()).add("label", OracleLabel.of("CONFIDENTIAL", "GBR").json())
                .add("country", "GBR").build();
        soft.fieldError(ForumApi.post(u(kenC), "/incidents/" + id + "/messages", claimedCountry), "label",
                "a country claimed in the body does not allow a GBR-only label");

        IncidentApi.sendOk(u(cmd), id, "secret line", S);
        List<String> plain = IncidentApi.ids(IncidentApi.timeline(u(kenC), id));
        HttpResponse<String> queried = IncidentApi.messages(u(kenC), id,
                "after=0&limit=500&clearance=TOP_SECRET&country=GBR&author=" + u(cmd) + "&label=SECRET");
        soft.check(queried.statusCode() == 400 || (queried.statusCode() == 200
                        && IncidentApi.ids(IncidentApi.items(queried)).equals(plain)),
                "query parameters claiming a clearance change nothing: " + ForumApi.describe(queried));

        JsonObject forgedIncident = Json.createObjectBuilder().add("title", title("forged incident")).add("summary", "s")
                .add("severity", "LOW").add("label", U.json()).add("status", "CLOSED").add("id", fakeId)
                .add("createdBy", Json.createObjectBuilder().add("username", u(mod))).add("latestSeq", 77)
                .add("myRole", "OBSERVER").add("memberCount", 42).add("createdAt", "2001-01-01T00:00:00Z").build();
        HttpResponse<String> created = ForumApi.post(u(kenC), "/incidents", forgedIncident);
        soft.check(created.statusCode() == 201 || created.statusCode() == 400, "forged incident fields: "
                + ForumApi.describe(created));
        if (created.statusCode() == 201) {
            JsonObject i = json(created);
            soft.check("OPEN".equals(i.getString("status")) && !fakeId.equals(i.getString("id"))
                            && u(kenC).equals(i.getJsonObject("createdBy").getString("username"))
                            && "COMMANDER".equals(i.getString("myRole")) && i.getInt("memberCount") == 1
                            && Instant.parse(i.getString("createdAt")).isAfter(Instant.now().minusSeconds(120)),
                    "the server's status, id, creator, role, count and time: " + i);
        }
        JsonObject tooHigh = Json.createObjectBuilder().add("title", title("above me")).add("severity", "LOW")
                .add("label", S.json()).add("clearance", "SECRET").build();
        soft.fieldError(ForumApi.post(u(kenC), "/incidents", tooHigh), "label", "W2 on create despite a claimed clearance");
        soft.done();
    }

    // ---------------------------------------------------------------------------------------------
    // Unreadable = missing
    // ---------------------------------------------------------------------------------------------

    @Test
    @Order(11)
    void anUnreadableIncidentAnswersExactlyLikeAMissingOneOnEveryEndpoint() {
        IncidentApi.Soft soft = new IncidentApi.Soft("unreadable-is-missing");
        String members = IncidentApi.create(u(cmd), title("hidden members"), "HIGH", C, "MEMBERS").getString("id");
        String cleared = IncidentApi.create(u(cmd), title("hidden cleared"), "HIGH", S_G, "CLEARED").getString("id");
        IncidentApi.member(u(cmd), members, u(kenC), "RESPONDER");
        IncidentApi.sendOk(u(cmd), members, "members line", null);
        IncidentApi.sendOk(u(cmd), cleared, "cleared line", null);
        long membersSeq = latestSeq(cmd, members);
        long clearedSeq = latestSeq(cmd, cleared);
        String cmdId = IncidentApi.userId(u(cmd));
        Map<String, List<String>> cases = new LinkedHashMap<>();
        cases.put(members, List.of(u(gbrC), u(canU), u(mod)));   // R1 yes but no member; R1 no; moderator, no bypass
        cases.put(cleared, List.of(u(gbrC), u(kenS), u(canU)));   // clearance too low; wrong country; both
        int compared = 0;
        for (Map.Entry<String, List<String>> c : cases.entrySet()) {
            String id = c.getKey();
            for (String user : c.getValue()) {
                JsonObject member = Json.createObjectBuilder().add("username", u(kenS)).add("role", "RESPONDER").build();
                JsonObject message = Json.createObjectBuilder().add("body", "probe").add("clientId", "probe-1").build();
                JsonObject status = Json.createObjectBuilder().add("status", "CONTAINED").build();
                JsonObject rename = Json.createObjectBuilder().add("title", "probe").build();
                Object[][] calls = {
                        {"GET", "/incidents/{}", null},
                        {"PATCH", "/incidents/{}", status},
                        {"PATCH", "/incidents/{}", rename},
                        {"GET", "/incidents/{}/members", null},
                        {"POST", "/incidents/{}/members", member},
                        {"DELETE", "/incidents/{}/members/" + cmdId, null},
                        {"POST", "/incidents/{}/join", null},
                        {"GET", "/incidents/{}/messages", null},
                        {"GET", "/incidents/{}/messages?after=0&limit=10", null},
                        {"GET", "/incidents/{}/messages?before=3", null},
                        {"POST", "/incidents/{}/messages", message},
                };
                for (Object[] call : calls) {
                    String method = (String) call[0];
                    String template = (String) call[1];
                    HttpResponse<String> actual = ForumApi.call(method, user, template.replace("{}", id), call[2]);
                    soft.likeMissing(actual, user, method, template, call[2], user + " " + method + " " + template);
                    compared++;
                }
            }
        }
        soft.check(latestSeq(cmd, members) == membersSeq && latestSeq(cmd, cleared) == clearedSeq,
                "nothing written by the probes");
        soft.check("OPEN".equals(IncidentApi.incident(u(cmd), members).getString("status"))
                && IncidentApi.incident(u(cmd), cleared).getInt("memberCount") == 1, "nothing changed by the probes");
        soft.status(404, IncidentApi.get(u(cmd), "not-a-uuid"), "a malformed id is simply not found");
        System.out.printf("[incident-api] %d unreadable answers compared with missing ones%n", compared);
        soft.done();
    }

    // ---------------------------------------------------------------------------------------------
    // Limits
    // ---------------------------------------------------------------------------------------------

    @Test
    @Order(12)
    void limitsOnTitlesBodiesAndClientIds() {
        IncidentApi.Soft soft = new IncidentApi.Soft("limits");
        soft.fieldError(ForumApi.post(u(cmd), "/incidents", IncidentApi.incidentBody("t".repeat(201), "LOW", U, null)),
                "title", "a 201-character title");
        soft.status(201, ForumApi.post(u(cmd), "/incidents", IncidentApi.incidentBody("t".repeat(199) + "!", "LOW", U, null)),
                "a 200-character title");
        soft.fieldError(ForumApi.post(u(cmd), "/incidents", IncidentApi.incidentBody("  ", "LOW", U, null)), "title",
                "a blank title");
        JsonObject longSummary = Json.createObjectBuilder().add("title", title("long summary")).add("summary", "s".repeat(4001))
                .add("severity", "LOW").add("label", U.json()).build();
        soft.fieldError(ForumApi.post(u(cmd), "/incidents", longSummary), "summary", "a 4,001-character summary");
        soft.fieldError(ForumApi.post(u(cmd), "/incidents", Json.createObjectBuilder().add("title", title("no severity"))
                .add("label", U.json()).build()), "severity", "no severity");
        soft.fieldError(ForumApi.post(u(cmd), "/incidents", IncidentApi.incidentBody(title("huge"), "HUGE", U, null)),
                "severity", "an unknown severity");
        soft.fieldError(ForumApi.post(u(cmd), "/incidents", Json.createObjectBuilder().add("title", title("no label"))
                .add("severity", "LOW").build()), "label", "no label");
        soft.fieldError(ForumApi.post(u(cmd), "/incidents", IncidentApi.incidentBody(title("public"), "LOW", U, "PUBLIC")),
                "access", "an unknown access");
        for (String malformed : List.of("{\"title\": ", "[1,2]", "not json")) {
            soft.status(400, ForumApi.post(u(cmd), "/incidents", malformed), "malformed JSON " + malformed);
        }

        String id = IncidentApi.create(u(cmd), title("limits"), "LOW", U, "MEMBERS").getString("id");
        long seq = latestSeq(cmd, id);
        String messages = "/incidents/" + id + "/messages";
        soft.status(413, ForumApi.onceOverHttp11("POST", u(cmd), messages,
                IncidentApi.messageBody("a".repeat(64 * 1024 + 1), IncidentApi.clientId(), null)), "a body of 64 KiB + 1");
        soft.status(413, ForumApi.onceOverHttp11("POST", u(cmd), messages,
                IncidentApi.messageBody("€".repeat(21_846), IncidentApi.clientId(), null)), "65,538 UTF-8 bytes");
        soft.status(413, ForumApi.onceOverHttp11("POST", u(cmd), messages,
                IncidentApi.messageBody("c".repeat(1_100_000), IncidentApi.clientId(), null)), "more than 1 MiB");
        soft.check(latestSeq(cmd, id) == seq, "nothing written by the oversized messages");
        soft.status(201, IncidentApi.send(u(cmd), id, "b".repeat(64 * 1024), IncidentApi.clientId(), null), "exactly 64 KiB");
        soft.fieldError(IncidentApi.send(u(cmd), id, "", IncidentApi.clientId(), null), "body", "an empty body");
        soft.fieldError(IncidentApi.send(u(cmd), id, " \n ", IncidentApi.clientId(), null), "body", "a blank body");
        seq = latestSeq(cmd, id);
        for (String bad : List.of("", "x".repeat(65), "has space", "ümlaut", "a/b", "<script>", "a\nb", "c-1;drop")) {
            soft.fieldError(IncidentApi.send(u(cmd), id, "bad clientId", bad, null), "clientId", "clientId '" + bad + "'");
        }
        soft.fieldError(ForumApi.post(u(cmd), messages, Json.createObjectBuilder().add("body", "no clientId").build()),
                "clientId", "no clientId");
        soft.check(latestSeq(cmd, id) == seq, "nothing written by the refused clientIds");
        soft.status(201, IncidentApi.send(u(cmd), id, "long clientId", "x".repeat(64), null), "a 64-character clientId");
        soft.status(201, IncidentApi.send(u(cmd), id, "all characters", "A.b_c:d-9", null), "clientId with . _ : -");
        IdentityIT.assertUnauthenticated(ForumApi.get(null, "/incidents"));
        IdentityIT.assertUnauthenticated(ForumApi.post(null, "/ws-tickets", null));
        IdentityIT.assertUnauthenticated(ForumApi.post(null, messages, IncidentApi.messageBody("anon", "anon-1", null)));
        soft.done();
    }

    // ---------------------------------------------------------------------------------------------
    // Mentions
    // ---------------------------------------------------------------------------------------------

    @Test
    @Order(13)
    void mentionsInChatNotifyOnlyMembersWhoMayReadTheMessage() {
        IncidentApi.Soft soft = new IncidentApi.Soft("mentions");
        // Fresh users so their notification counts start at zero.
        Who author = user("mn-cmd", "GBR", "SECRET");
        Who resp = user("mn-kenc", "KEN", "CONFIDENTIAL");
        Who obs = user("mn-mysc", "MYS", "CONFIDENTIAL");
        Who outsider = user("mn-inds", "IND", "SECRET");
        Who low = user("mn-canu", "CAN", "UNCLASSIFIED");
        List<Who> all = List.of(author, resp, obs, outsider, low);
        all.forEach(w -> IncidentApi.expect(200, ForumApi.get(u(w), "/me"), "provisioning " + w));
        String id = IncidentApi.create(u(author), title("mentions"), "HIGH", C, "MEMBERS").getString("id");
        IncidentApi.member(u(author), id, u(resp), "RESPONDER");
        IncidentApi.member(u(author), id, u(obs), "OBSERVER");
        String everyone = all.stream().map(w -> "@" + u(w)).collect(Collectors.joining(" "));

        IncidentApi.sendOk(u(author), id, "At the room's label: " + everyone, null);
        IncidentApi.sendOk(u(author), id, "GBR SECRET only: " + everyone, S_G);
        IncidentApi.sendOk(u(resp), id, "Kenya only: " + everyone, OracleLabel.of("CONFIDENTIAL", "KEN"));

        Map<Who, Long> expected = new LinkedHashMap<>();
        expected.put(author, 0L);   // their own mentions; the Kenyan message is not readable by GBR
        expected.put(resp, 1L);     // the first message only (the Kenyan one is their own)
        expected.put(obs, 1L);      // the first message only
        expected.put(outsider, 0L); // no member of a MEMBERS incident
        expected.put(low, 0L);      // reads nothing of it
        // Membership notifications may exist too (PRODUCT.md): only MENTION ones are counted.
        IncidentApi.await(() -> mentions(resp).size() >= 1 && mentions(obs).size() >= 1, Duration.ofSeconds(10));
        ForumApi.sleep(1_500); // anything wrong would have arrived by now
        for (Map.Entry<Who, Long> e : expected.entrySet()) {
            long count = mentions(e.getKey()).size();
            soft.check(count == e.getValue(), (count > e.getValue() ? "LEAK " : "") + e.getKey()
                    + " has " + count + " MENTION notifications, expected " + e.getValue());
            ForumApi.Listing listing = ForumApi.listAll(u(e.getKey()), "/notifications");
            soft.check(listing.status() == 200 && listing.total() == listing.items().size(),
                    e.getKey() + " notification total " + listing.total() + " = items " + listing.items().size());
            for (JsonObject n : listing.items()) {
                String text = n.toString();
                soft.check(!text.contains("GBR SECRET only") && !text.contains("Kenya only")
                        && !text.toLowerCase(java.util.Locale.ROOT).contains("clearance"),
                        "LEAK the notification shows nothing of an unreadable message: " + text);
            }
            for (JsonObject n : mentions(e.getKey())) {
                JsonObject ref = n.get("message") instanceof JsonObject m ? m : null;
                soft.check(n.isNull("post") && ref != null && id.equals(ref.getString("incidentId", null))
                                && title("mentions").equals(ref.getString("incidentTitle", null))
                                && Set.of("id", "incidentId", "incidentTitle", "seq").equals(ref.keySet())
                                && u(author).equals(n.getJsonObject("actor").getString("username", null)),
                        "a chat mention is listed with post null and message {id, incidentId, incidentTitle, seq}: " + n);
            }
        }
        soft.done();
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void everyIncidentErrorAnswerWasProblemJsonWithoutServerInternals() {
        List<String> violations = ForumApi.PROBLEM_VIOLATIONS.stream()
                .filter(v -> v.contains("/incidents") || v.contains("/ws-tickets")).toList();
        assertTrue(violations.isEmpty(), "error answers that are not clean problem+json:\n"
                + String.join("\n", violations.subList(0, Math.min(20, violations.size()))));
    }

    // ---------------------------------------------------------------------------------------------

    private static long latestSeq(Who who, String id) {
        HttpResponse<String> r = IncidentApi.messages(u(who), id, "limit=1");
        IncidentApi.expect(200, r, "latestSeq as " + who);
        return json(r).getJsonNumber("latestSeq").longValue();
    }

    private static List<JsonObject> mentions(Who who) {
        return ForumApi.listAll(u(who), "/notifications").items().stream()
                .filter(n -> "MENTION".equals(n.getString("kind", null))).toList();
    }
}
