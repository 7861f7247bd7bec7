package org.escape.searchindex;

import static org.escape.searchindex.Docs.doc;
import static org.escape.searchindex.Docs.reader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tuned ranking of {@link RankingConfig#DEFAULT} on a small knowledge base shaped like imported
 * ATT&amp;CK mitigations (title, a description, one Markdown heading per technique): what
 * {@code ./escape bench relevance} measures at scale, pinned on cases small enough to reason about.
 * Every document carries the same recency and status, so only text decides.
 */
class RankingTest {

    private static final ReaderProfile READER = reader("UNCLASSIFIED", null);

    private final SecureIndex index = SecureIndex.inMemory(RankingConfig.DEFAULT,
            Clock.fixed(Docs.T0.plus(Duration.ofDays(1)), ZoneOffset.UTC));

    @BeforeEach
    void knowledgeBase() {
        article("training", "User Training", "Train users to recognise phishing and to report suspicious files.\n\n"
                + "## T1566 Phishing\n\nUsers can be trained to identify social engineering techniques and spearphishing e-mails.");
        article("permissions", "Restrict File and Directory Permissions", "Restrict access by setting directory and file "
                + "permissions that are not specific to users or privileged accounts.\n\n"
                + "## T1070.004 Indicator Removal: File Deletion\n\nProtect generated event files and logs from being deleted "
                + "by adversaries; only administrators should be able to remove them.");
        article("credentials", "Credential Access Protection", "Use capabilities to prevent successful credential access.\n\n"
                + "## T1003.001 OS Credential Dumping: LSASS Memory\n\nEnable protected process light for the local security "
                + "authority subsystem so that memory of the process cannot be read.");
        article("audit", "Audit", "Review accounts, permissions, files and logs regularly; a user or group that should not have "
                + "access to a credential, a dump of memory or a file share is a finding.\n\n"
                + "## T1098 Account Manipulation\n\nReview user accounts and group memberships.");
        article("software", "Update Software", "Patch the software of hosts and servers so that known exploits fail.\n\n"
                + "## T1190 Exploit Public-Facing Application\n\nUpdate software regularly.");
        index.refresh();
    }

    @AfterEach
    void close() throws Exception {
        index.close();
    }

    private void article(String id, String title, String body) {
        index.upsert(doc(id).type(ItemType.ARTICLE).status("PUBLISHED").title(title).body(body).build());
    }

    private List<String> ids(String text) {
        return index.search(SearchRequest.of(text).withTypes(java.util.Set.of(ItemType.ARTICLE)), READER).hits().stream()
                .map(SearchResult.Hit::id).toList();
    }

    @Test
    void aPastedProcedureFindsItsMitigationFirstThoughNotEveryWordMatches() {
        List<String> found = ids("Aquatic Panda used a batch script to delete its malicious executables and files from "
                + "compromised hosts after the operation");
        assertEquals("permissions", found.get(0), found.toString());
        found = ids("Indrik Spider used Cobalt Strike to carry out credential dumping using ProcDump against LSASS memory");
        assertEquals("credentials", found.get(0), found.toString());
    }

    @Test
    void headingMatchesOutweighTheSameWordsInProse() {
        // The prose says the words twice, the heading once; the prose one is indexed first, so it would win a tie.
        index.upsert(doc("prose").type(ItemType.ARTICLE).status("PUBLISHED").title("Notes")
                .body("Sniffing and dumping: credential dumping from memory is a finding; review who may dump credential memory.")
                .build());
        index.upsert(doc("heading").type(ItemType.ARTICLE).status("PUBLISHED").title("Notes")
                .body("## Credential Dumping from Memory\n\nReview who may read the process of the local authority, and when.")
                .build());
        index.refresh();
        List<String> found = ids("credential dumping memory");
        assertTrue(found.contains("prose") && found.indexOf("heading") >= 0 && found.indexOf("heading") < found.indexOf("prose"),
                found.toString());
    }

    @Test
    void neighbouringWordsOfALongQueryRankTheirPhraseFirst() {
        // The same words in bodies of the same length, only their order differs; on a tie the first indexed would win.
        index.upsert(doc("far").type(ItemType.ARTICLE).status("PUBLISHED").title("Notes")
                .body("Lateral: isolate the workstation, keep the evidence and the hosts. Movement was seen.").build());
        index.upsert(doc("near").type(ItemType.ARTICLE).status("PUBLISHED").title("Notes")
                .body("Isolate the workstation. Lateral movement was seen. Keep the evidence and the hosts.").build());
        index.refresh();
        List<String> found = ids("the actor performed lateral movement between hosts over SMB shares");
        assertTrue(found.indexOf("near") >= 0 && found.indexOf("near") < found.indexOf("far"), found.toString());
    }

    @Test
    void shortQueriesStillNeedEveryWordAndTitlesWin() {
        assertEquals(List.of(), ids("phishing deletion"));
        assertEquals(List.of("software"), ids("update software"));
        assertEquals("training", ids("user training").get(0));
    }

    @Test
    void explicitRequirementsHoldInALongQuery() {
        List<String> found = ids("adversaries deleted files and dumped credential memory from hosts +lsass");
        assertEquals(List.of("credentials"), found);
        found = ids("adversaries deleted files and dumped credential memory from hosts -lsass");
        assertTrue(!found.contains("credentials") && found.contains("permissions"), found.toString());
    }
}
