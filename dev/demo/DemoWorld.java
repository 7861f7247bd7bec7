import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Seeds the demo world's forums through the public REST API, as the demo users themselves
 * (password grant of the development client {@code escape-cli}), so that signing in as alice and
 * then as chen shows the partition at once.
 *
 * <p>Then four incident rooms and seven knowledge-base articles in every workflow state (published,
 * revised, in review — one by alice, which only another moderator may publish — a draft, a retired
 * one), at labels from UNCLASSIFIED to TOP SECRET//REL TO IND.
 *
 * <p>Five forums at several labels (one releasable to GBR, IND and KEN only), hand-written CERT
 * threads and replies, posts labelled above their thread, {@code @mentions} (some of users who may
 * not read the post: they are not notified) and ATT&CK/CVE tags. Every label is checked here
 * against W1 (it dominates its container's) and W2 (its author may read it) before it is sent.
 *
 * <p>Idempotent: when alice already sees a forum, it does nothing and says so. Run by
 * {@code ./escape run} and {@code ./escape start} after the application is ready; by hand:
 * {@code java dev/demo/DemoWorld.java [baseUrl] [keycloakUrl]} (defaults :8080 and :8180, or the
 * system properties {@code escape.baseUrl} and {@code escape.keycloakUrl}). JDK 21+, no dependencies.
 * {@code -Ddemo.dryRun=true} checks the content (labels, replies) without a server.
 */
public final class DemoWorld {

    enum Level { UNCLASSIFIED, RESTRICTED, CONFIDENTIAL, SECRET, TOP_SECRET }

    record User(String name, String country, Level clearance) {}

    /** A label; an empty country set means releasable to ALL. */
    record Label(Level level, Set<String> countries) {
        static Label of(Level level, String... countries) {
            return new Label(level, new TreeSet<>(Arrays.asList(countries)));
        }

        boolean all() {
            return countries.isEmpty();
        }

        boolean dominates(Label other) {
            return level.compareTo(other.level) >= 0
                    && (other.all() || (!all() && other.countries.containsAll(countries)));
        }

        boolean readableBy(User user) {
            return user.clearance.compareTo(level) >= 0 && (all() || countries.contains(user.country));
        }

        String json() {
            List<String> rel = all() ? List.of("ALL") : List.copyOf(countries);
            return "{\"classification\":" + Json.quote(level.name()) + ",\"releasableTo\":["
                    + String.join(",", rel.stream().map(Json::quote).toList()) + "]}";
        }

        String marking() {
            return all() ? level.name() : level.name() + "//REL TO " + String.join(", ", countries);
        }
    }

    private static final Map<String, User> USERS = Map.of(
            "alice", new User("alice", "GBR", Level.SECRET),
            "bashir", new User("bashir", "KEN", Level.CONFIDENTIAL),
            "chen", new User("chen", "MYS", Level.RESTRICTED),
            "deepa", new User("deepa", "IND", Level.TOP_SECRET),
            "eve", new User("eve", "CAN", Level.UNCLASSIFIED),
            "audrey", new User("audrey", "CHE", Level.SECRET),
            "ops", new User("ops", "GBR", Level.CONFIDENTIAL));

    private static final Label U = Label.of(Level.UNCLASSIFIED);
    private static final Label R = Label.of(Level.RESTRICTED);
    private static final Label C = Label.of(Level.CONFIDENTIAL);
    private static final Label S = Label.of(Level.SECRET);
    private static final Label TS = Label.of(Level.TOP_SECRET);
    private static final Label C_TRI = Label.of(Level.CONFIDENTIAL, "GBR", "IND", "KEN");
    private static final Label S_GBR_IND = Label.of(Level.SECRET, "GBR", "IND");

    private static final boolean DRY_RUN = Boolean.getBoolean("demo.dryRun");

    private final String base;
    private final String keycloak;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> tokens = new HashMap<>();
    private final Map<String, Long> tokenTimes = new HashMap<>();
    private final Map<String, Label> postLabels = new HashMap<>();
    private int forums;
    private int threads;
    private int posts;

    private DemoWorld(String base, String keycloak) {
        this.base = base;
        this.keycloak = keycloak;
    }

    public static void main(String[] args) {
        String base = args.length > 0 ? args[0] : System.getProperty("escape.baseUrl", "http://localhost:8080");
        String keycloak = args.length > 1 ? args[1] : System.getProperty("escape.keycloakUrl", "http://localhost:8180");
        try {
            new DemoWorld(base, keycloak).seed();
        } catch (Exception e) {
            System.err.println("[demo] failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            System.exit(1);
        }
    }

    private void seed() throws Exception {
        seedForums();
        seedIncidents();
        seedArticles();
    }

    private void seedForums() throws Exception {
        Object existing = Json.parse(call("alice", "GET", "/api/v1/forums?size=1", null, 200));
        long total = ((Number) ((Map<?, ?>) existing).get("total")).longValue();
        if (total > 0) {
            System.out.printf("[demo] alice already sees %d forum(s) at %s: demo forums not seeded again.%n", total, base);
            return;
        }
        System.out.println("[demo] seeding the demo forums at " + base + " ...");
        general();
        malwareAnalysis();
        sectorFinance();
        trilateral();
        strategicIntelligence();
        System.out.printf("[demo] done: %d forums, %d threads, %d posts. Sign in as alice, then as chen, to see the partition.%n",
                forums, threads, posts);
    }

    // -----------------------------------------------------------------------------------------
    // The content
    // -----------------------------------------------------------------------------------------

    private void general() throws Exception {
        Forum forum = forum("General", "Open to every member: introductions, events, tooling and how the platform works.", U);

        Thread welcome = thread(forum, "ops", "Welcome to the ESCAPE forums: labels, markings and who sees what", U,
                List.of("welcome", "howto"), """
                Welcome, everyone. A few things worth knowing before you post:

                - **Every forum, thread and post carries a label**: a classification and, where needed, a \
                releasability list (`CONFIDENTIAL//REL TO GBR, KEN`). The marking is shown next to each item.
                - **You only ever see what your clearance and country allow.** Two colleagues opening the same \
                thread may see a different number of posts. That is by design: nothing tells you that something \
                above you exists.
                - A new thread or post may be labelled **higher** than its container, never lower, and never \
                higher than you can read yourself.
                - `@username` notifies a colleague, but only when they may read the post.

                Questions about the platform go here; questions about a specific incident go to its room.
                """);
        String eveHello = post(welcome, "eve", null, null, """
                Hello from the Canadian Centre for Cyber Security. I mostly work on vulnerability coordination \
                and public advisories, so expect me in the CVE threads.

                @ops quick question: if I reply to a post and someone later raises its label above my \
                clearance, what happens to my reply?
                """);
        post(welcome, "ops", null, eveHello, """
                @eve your reply stays yours, at its own label. If the post you replied to is raised above you, \
                it simply disappears from your view and the *in reply to* link on your post shows nothing: you \
                will not learn that it still exists.
                """);
        post(welcome, "chen", null, null, """
                Salam from MyCERT, Kuala Lumpur. I run our DNS sinkhole and the takedown desk. Happy to share \
                our RPZ feed with any national CERT that asks; see the sinkholing thread (RESTRICTED).
                """);

        Thread sinkhole = thread(forum, "chen", "DNS sinkholing a DGA botnet: six weeks of lessons", R,
                List.of("dns", "sinkhole", "dga", "t1568.002"), """
                We have been sinkholing the domains of a DGA-based botnet since early October. What worked and \
                what did not.

                **Set-up**

                - Seed and algorithm recovered from the sample (date-seeded, 12–16 characters, `.top`, `.xyz`, \
                `.info`); every morning we pre-register the next ten days' domains.
                - The resolvers of our three largest ISPs answer from an RPZ zone we publish every 6 hours:

                ```
                ; rpz.sinkhole.mycert (excerpt; names defanged for the forum)
                $TTL 300
                kq3vbz7tnh2wx[.]top   CNAME  sinkhole.mycert.example.
                p0d8ramw1qe5[.]xyz    CNAME  sinkhole.mycert.example.
                ```

                **Numbers**

                | week | unique infected IPs | ASNs | domains blocked |
                |---|---|---|---|
                | 1 | 18,412 | 41 | 2,870 |
                | 3 | 11,905 | 38 | 2,910 |
                | 6 | 4,266 | 22 | 2,884 |

                **Lessons**

                1. Pre-registration costs more than it looks: budget for about 3,000 domains a week.
                2. The ISPs' letters to customers mattered more than the sinkhole itself; infections dropped \
                fastest where the ISP phoned its customers.
                3. Log the full HTTP request at the sinkhole: the bot id in the `Cookie` header lets you count \
                victims behind carrier-grade NAT.
                """);
        String bashirAsks = post(sinkhole, "bashir", null, sinkhole.firstPostId, """
                @chen very useful, thank you. Did you give the sinkhole logs to the registrars as evidence, or \
                only to the ISPs? Our registry asked for a signed statement per domain, which did not scale.
                """);
        post(sinkhole, "chen", null, bashirAsks, """
                @bashir only to the ISPs, as counts per customer IP. For the registrars we signed one statement \
                per DGA day with the algorithm attached; two of three accepted it.
                """);
        post(sinkhole, "alice", C, null, """
                For colleagues cleared CONFIDENTIAL: the same DGA seed shows up in the campaign against banks \
                that we track with partners. Resolver list and victim counts per bank are in *Sector: finance*. \
                @deepa your team saw the first overlap; can you confirm the date there? @chen I will ask for a \
                RESTRICTED summary we can post in this thread.
                """);
        post(sinkhole, "deepa", null, null, """
                @chen we see the same DGA family in Indian resolver telemetry: about 1,900 distinct clients last \
                week. Happy to share our passive-DNS hits at RESTRICTED; I will post them here this week.
                """);

        Thread tabletop = thread(forum, "eve", "Tabletop exercise scenarios for small CSIRTs?", U,
                List.of("exercise", "training"), """
                We are running our first tabletop with provincial partners in January: two hours, about 15 \
                people, most of them not security specialists.

                Does anyone have a scenario they liked? I am looking for one that forces a decision about \
                **public communication** within the first hour, not only technical containment.
                """);
        String audreyScenario = post(tabletop, "audrey", null, tabletop.firstPostId, """
                @eve we use "ransomware at a regional hospital" with three injects:

                1. the helpdesk sees encrypted file shares;
                2. a journalist calls with a screenshot of the leak site;
                3. the attackers mail the hospital director directly.

                Inject 2 at minute 40 forces exactly the communication decision you describe. I can share the \
                inject cards (UNCLASSIFIED, in French and German).
                """);
        post(tabletop, "bashir", null, audreyScenario, """
                +1 to @audrey's scenario. One addition from our national exercise: give one participant a sealed \
                envelope with a fact that contradicts the official timeline, to be opened at minute 70. It tests \
                whether the group can correct a public statement.
                """);
        report(forum);
    }

    private void malwareAnalysis() throws Exception {
        Forum forum = forum("Malware analysis", "Reverse engineering notes, samples and detection content. RESTRICTED and above.", R);

        Thread loader = thread(forum, "bashir", "Emotet-style loader against East African telcos: unpacking notes", C,
                List.of("malware", "loader", "t1027", "t1059.001"), """
                Since 20 November we see a loader very close to the old Emotet modules in mail to telecom \
                operators in Kenya, Tanzania and Uganda. Notes from the first three samples.

                **Delivery.** ZIP → LNK → PowerShell (`-enc`) → DLL written to `%LOCALAPPDATA%\\Temp\\<random>.dll` \
                and run with `regsvr32 /s`.

                **Packing.** A custom crypter: the payload is RC4-encrypted in `.rsrc`, the key is the first 16 \
                bytes of the resource. The configuration (C2 list and RSA key) is XOR-ed with a 4-byte key stored \
                just before it.

                The decryptor we use:

                ```python
                import struct
                from Crypto.Cipher import ARC4

                def decrypt_resource(blob: bytes) -> bytes:
                    key, data = blob[:16], blob[16:]
                    return ARC4.new(key).decrypt(data)

                def parse_config(payload: bytes, offset: int) -> list[str]:
                    xor_key = payload[offset:offset + 4]
                    size = struct.unpack_from("<I", payload, offset + 4)[0] ^ struct.unpack("<I", xor_key)[0]
                    raw = bytes(b ^ xor_key[i % 4] for i, b in enumerate(payload[offset + 8:offset + 8 + size]))
                    c2s = []
                    for i in range(0, len(raw) - 5, 6):
                        ip = ".".join(str(b) for b in raw[i:i + 4])
                        port = struct.unpack_from(">H", raw, i + 4)[0]
                        c2s.append(f"{ip}:{port}")
                    return c2s
                ```

                **C2.** 64 IP:port pairs per configuration, HTTP POST with the body encoded in a cookie, as in \
                the old Epoch 5. Examples (defanged): `203.0.113[.]19:8080`, `198.51.100[.]44:443`.

                Hashes and the full C2 list are attached to our incident KE-2025-114; a YARA rule is in the \
                RESTRICTED thread next door.
                """);
        post(loader, "deepa", S, null, """
                @bashir the RC4-in-resource layout and the 4-byte XOR configuration match a loader that we and \
                partners attribute to a financially motivated group operating from outside the region; the same \
                RSA public key is in two samples from Indian ISPs in September. The attribution and its \
                confidence are SECRET: please do not repeat them at a lower label.
                """);
        post(loader, "alice", null, loader.firstPostId, """
                @bashir thanks, this saved us a day. Two of the C2s in your configuration were in UK telemetry on \
                22 November. @chen your YARA rule in the other thread fires on all three of Bashir's samples.
                """);

        Thread yara = thread(forum, "chen", "YARA rule sharing: loader stage 2", R,
                List.of("yara", "detection", "loader"), """
                A rule for the unpacked stage 2 of the loader discussed in this forum. Tested on 41 samples; no \
                hits on the 120,000 clean binaries of our goodware set.

                ```yara
                rule ESCAPE_Loader_Stage2_Config
                {
                    meta:
                        author = "MyCERT"
                        description = "Unpacked stage 2: XOR-ed configuration block and cookie-encoded C2 traffic"
                    strings:
                        $cfg = { 8B 45 ?? 33 45 ?? 89 45 ?? 8B 4D ?? 83 C1 06 }
                        $cookie = "Cookie: %s=%s" ascii
                        $ua = "Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 6.1; Trident/7.0" ascii
                        $mutex = "M%08X-%08X" wide
                    condition:
                        uint16(0) == 0x5A4D and filesize < 600KB and $cfg and 2 of ($cookie, $ua, $mutex)
                }
                ```

                Please report false positives here, with the hash.
                """);
        String bashirConfirms = post(yara, "bashir", null, yara.firstPostId, """
                @chen confirmed on our side: 3 of 3 samples, and no false positives on our mail gateway in 48 \
                hours. Suggest adding `$pdb = "loader_x64.pdb"` as an optional string: one variant still ships \
                with its PDB path.
                """);
        post(yara, "audrey", null, bashirConfirms, """
                One false positive for the record: a signed installer of a Swiss banking app (hash in our ticket \
                CH-77310) matches `$ua` and `$cookie`. The `$cfg` condition saves it, so the rule is fine as \
                written; just do not drop `$cfg` when tuning.
                """);

        Thread onenote = thread(forum, "deepa", "OneNote attachments as maldoc carriers: still seeing them?", R,
                List.of("phishing", "t1566.001", "onenote"), """
                Since more embedded file types are blocked in OneNote, our volume dropped by about 90 %, but a \
                trickle of `.one` files with an embedded `.hta` still reaches government mailboxes. Anyone else? \
                Please share the last date you saw one and the sender infrastructure, if you can.
                """);
        post(onenote, "chen", null, onenote.firstPostId, """
                @deepa the last one here on 3 November: invoice theme, in Malay, sent from a compromised \
                university mailbox. Embedded `.cmd`, not `.hta`. Our mail gateway now quarantines `.one` \
                attachments from outside the organisation, and nobody complained.
                """);
        report(forum);
    }

    private void sectorFinance() throws Exception {
        Forum forum = forum("Sector: finance", "Threats to banks, payment providers and mobile money. CONFIDENTIAL and above.", C);

        Thread phishing = thread(forum, "bashir", "Phishing and smishing against mobile-money customers: IOCs", C,
                List.of("phishing", "t1566", "smishing", "finance"), """
                Active since 25 November against customers of two mobile-money providers in Kenya and one bank \
                in Uganda. An SMS links to a kit that asks for the PIN and the one-time code, then relays both in \
                real time to the provider's app.

                **Indicators (defanged)**

                | type | value | first seen |
                |---|---|---|
                | domain | `mwallet-secure-verify[.]top` | 2025-11-25 |
                | domain | `mobile-wallet-kyc[.]xyz` | 2025-11-27 |
                | IP | `198.51.100[.]23` | 2025-11-25 |
                | sender id | `WALLET-INFO` (spoofed) | 2025-11-26 |
                | kit SHA-256 | `4f1c0a9e8b7d6c5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e` | 2025-11-27 |

                **ATT&CK:** T1566.002 (spearphishing link), T1111 (multi-factor authentication interception), \
                T1539 (steal web session cookie).

                Takedown requests are with both registrars; the providers block the relay's ASN for app logins.
                """);
        post(phishing, "ops", null, phishing.firstPostId, """
                @bashir both domains are suspended as of this morning (registrar tickets 88123 and 88140). The IP \
                still serves the kit on port 8443; we have asked the hosting provider.
                """);
        post(phishing, "alice", S, null, """
                For SECRET readers: the relay infrastructure overlaps with the DGA botnet of the sinkholing thread \
                in *General*, and partner reporting links both to the same operator; that is why we asked for \
                the victim counts per bank. @deepa can you check whether the relay's ASN appears in your \
                September data?
                """);

        Thread ransomware = thread(forum, "ops", "Ransomware negotiation: lessons from three cases this year", C,
                List.of("ransomware", "incident-response", "negotiation"), """
                Three cases this year in which a constituent engaged with the actors. We advise against paying, \
                but we help when they engage anyway. What we would tell the next victim:

                1. **Buy time first.** Ask for proof of decryption on two files *you* choose, one of them a large \
                database file.
                2. **One voice.** Only one person writes to the actors, from a script agreed with legal and the \
                board. In case 2 a board member mailed the actors directly and the demand doubled.
                3. **The leak site is the real deadline**, not the countdown in the note.
                4. **Check sanctions lists before any payment discussion**: in one case the wallet was linked to \
                a sanctioned entity, which ended the discussion.
                5. **Decryptors are slow and buggy.** Test on a copy; in case 3 the decryptor corrupted every file \
                larger than 4 GB.
                6. **Restore from backups in parallel**, whatever the negotiation does.

                Happy to share our scripts with CERTs that have a similar mandate.
                """);
        String deepaSanctions = post(ransomware, "deepa", null, ransomware.firstPostId, """
                @ops point 4 deserves more weight: we now require the sanctions check before the *first* reply to \
                the actors, not before payment. Two of our cases involved wallets flagged within weeks.
                """);
        post(ransomware, "alice", null, deepaSanctions, """
                Agreed with both of you. @ops could we turn this into a knowledge-base article? I would review it.
                """);
        report(forum);
    }

    private void trilateral() throws Exception {
        Forum forum = forum("Trilateral coordination",
                "Joint work of the British, Indian and Kenyan national CERTs. Releasable to GBR, IND and KEN only.", C_TRI);

        Thread panos = thread(forum, "alice", "CVE-2024-3400 (PAN-OS GlobalProtect): exposure and patch status", C_TRI,
                List.of("cve-2024-3400", "patching", "t1190"), """
                Unauthenticated OS command injection in the GlobalProtect feature of PAN-OS 10.2, 11.0 and 11.1 \
                (CVSS 10.0), exploited since March 2024 and still the way in for two of our current cases. Status \
                per constituency, from last week's scans:

                | country | exposed GlobalProtect portals | still vulnerable | signs of compromise |
                |---|---|---|---|
                | GBR | 1,204 | 37 | 4 |
                | IND | 2,318 | 212 | 19 |
                | KEN | 301 | 44 | 6 |

                Fixed in 10.2.9-h1, 11.0.4-h1, 11.1.2-h3 and later hotfixes. **Patching is not enough** on devices \
                exposed before the fix: look for the UPSTYLE backdoor, and follow the vendor's factory-reset \
                guidance where `gpsvc.log` shows lines like

                ```
                failed to unmarshal session(../../../../opt/panlogs/tmp/device_telemetry/minute/...)
                ```

                Proposal: each of us notifies the owners of the vulnerable devices by 12 December, and we compare \
                numbers on the 15th.
                """);
        post(panos, "bashir", null, panos.firstPostId, """
                @alice agreed for KEN. 44 is down from 61 last month; 9 of the remaining devices belong to two \
                county governments, and we are escalating through the ministry.
                """);
        post(panos, "deepa", S_GBR_IND, panos.firstPostId, """
                @alice for GBR and IND only: 11 of our 19 compromised devices served as relays for the intrusion \
                set in *Strategic threat intelligence*. We will share the device list bilaterally.
                """);
        post(panos, "ops", null, null, """
                A notification template for constituents is in the knowledge-base draft "PAN-OS GlobalProtect: \
                after the patch". @bashir feel free to translate it into Swahili.
                """);

        Thread takedown = thread(forum, "deepa", "Bulletproof hosting takedown: sequencing with law enforcement", S_GBR_IND,
                List.of("takedown", "infrastructure", "law-enforcement"), """
                Our police partner plans to seize the hosting provider's servers in the week of 15 December. Until \
                then we must not send anything that warns the operator. Proposed sequence:

                1. Until the seizure: no abuse reports to the provider or its upstreams for the 14 prefixes \
                listed in the incident.
                2. Day 0: the seizure; we publish the sinkhole for the C2 domains within the hour.
                3. Day 0 + 1: joint notification to ISPs in GBR and IND, with the victim lists.
                """);
        post(takedown, "alice", null, takedown.firstPostId, """
                @deepa agreed. On our side the abuse reports are on hold; our legal team asks for a one-line \
                confirmation from your police partner before day 0.
                """);
        report(forum);
    }

    private void strategicIntelligence() throws Exception {
        Forum forum = forum("Strategic threat intelligence",
                "Assessments of state-aligned and major criminal actors. SECRET and above.", S);

        Thread ot = thread(forum, "deepa", "Intrusion set targeting OT vendors in the energy sector", S,
                List.of("apt", "ics", "supply-chain", "t1195.002"), """
                Assessment (moderate confidence) of an intrusion set that compromised two engineering-software \
                vendors serving power utilities in South and South-East Asia.

                - **Initial access:** internet-facing VPN appliances (CVE-2024-3400 among them), then theft of \
                code-signing certificates.
                - **Objective:** trojanised updates of a substation configuration tool (T1195.002); no \
                destructive activity observed so far.
                - **Infrastructure:** compromised SOHO routers as relays, rotated every 10 to 14 days.

                Recommended now: verify the signatures *and* the hashes of engineering-tool updates against the \
                vendor's out-of-band list, and alert when the tool contacts anything but the vendor's update host.
                """);
        String audreyAsks = post(ot, "audrey", null, ot.firstPostId, """
                @deepa one of the two vendors has customers in Switzerland. May we pass the hash list to our \
                energy regulator at CONFIDENTIAL, without the attribution?
                """);
        post(ot, "deepa", null, audreyAsks, """
                @audrey yes: the hash list and the update host are fine at CONFIDENTIAL. Please keep the \
                attribution and the victims' names out.
                """);
        post(ot, "alice", null, null, """
                @deepa UK utilities are not customers of either vendor, but one UK integrator is; we are \
                contacting them today.
                """);

        thread(forum, "deepa", "Handling rules for source-protected reporting", TS, List.of("handling"), """
                Reminder for TOP SECRET readers: reporting from the sources discussed at the November meeting is \
                not to be paraphrased into lower-labelled threads, even without the source description. If you \
                need to act on it, ask me for a releasable version.
                """);
        report(forum);
    }

    // -----------------------------------------------------------------------------------------
    // Building blocks (each checks W1/W2 before it calls the API)
    // -----------------------------------------------------------------------------------------

    private static final class Forum {
        final String id;
        final String name;
        final Label label;
        int threads;
        int posts;

        Forum(String id, String name, Label label) {
            this.id = id;
            this.name = name;
            this.label = label;
        }
    }

    private record Thread(String id, Forum forum, Label label, String firstPostId) {}

    private Forum forum(String name, String description, Label label) throws Exception {
        require("alice", label, null, "forum '" + name + "'");
        String body = "{\"name\":" + Json.quote(name) + ",\"description\":" + Json.quote(description)
                + ",\"label\":" + label.json() + "}";
        Map<?, ?> created = (Map<?, ?>) Json.parse(call("alice", "POST", "/api/v1/forums", body, 201));
        forums++;
        return new Forum((String) created.get("id"), name, label);
    }

    private Thread thread(Forum forum, String author, String title, Label label, List<String> tags, String markdown)
            throws Exception {
        require(author, label, forum.label, "thread '" + title + "'");
        String body = "{\"title\":" + Json.quote(title) + ",\"body\":" + Json.quote(markdown.strip()) + ",\"label\":"
                + label.json() + ",\"tags\":[" + String.join(",", tags.stream().map(Json::quote).toList()) + "]}";
        Map<?, ?> created = (Map<?, ?>) Json.parse(call(author, "POST", "/api/v1/forums/" + forum.id + "/threads", body, 201));
        String firstPostId = (String) created.get("firstPostId");
        if (firstPostId == null) {
            throw new IllegalStateException("the new thread '" + title + "' came back without firstPostId");
        }
        postLabels.put(firstPostId, label);
        forum.threads++;
        forum.posts++;
        threads++;
        posts++;
        return new Thread((String) created.get("id"), forum, label, firstPostId);
    }

    /** A post at {@code label} (null: the thread's), replying to {@code replyTo} (may be null). */
    private String post(Thread thread, String author, Label label, String replyTo, String markdown) throws Exception {
        Label effective = label == null ? thread.label : label;
        require(author, effective, thread.label, "a post by " + author + " in '" + thread.forum.name + "'");
        if (replyTo != null && !postLabels.get(replyTo).readableBy(USERS.get(author))) {
            throw new IllegalStateException("demo content: " + author + " replies to a post they may not read");
        }
        StringBuilder body = new StringBuilder("{\"body\":").append(Json.quote(markdown.strip()));
        if (label != null) {
            body.append(",\"label\":").append(label.json());
        }
        if (replyTo != null) {
            body.append(",\"replyTo\":").append(Json.quote(replyTo));
        }
        body.append('}');
        Map<?, ?> created = (Map<?, ?>) Json.parse(call(author, "POST", "/api/v1/threads/" + thread.id + "/posts",
                body.toString(), 201));
        String id = (String) created.get("id");
        postLabels.put(id, effective);
        thread.forum.posts++;
        posts++;
        return id;
    }

    /** W2: the author may read the label; W1: it dominates the container's (when there is one). */
    private static void require(String author, Label label, Label container, String what) {
        if (!label.readableBy(USERS.get(author))) {
            throw new IllegalStateException("demo content breaks W2: " + author + " may not read " + label.marking()
                    + " (" + what + ")");
        }
        if (container != null && !label.dominates(container)) {
            throw new IllegalStateException("demo content breaks W1: " + label.marking() + " does not dominate "
                    + container.marking() + " (" + what + ")");
        }
    }

    private static void report(Forum forum) {
        System.out.printf("[demo] forum '%s' (%s): %d threads, %d posts%n", forum.name, forum.label.marking(),
                forum.threads, forum.posts);
    }

    // -----------------------------------------------------------------------------------------
    // Incidents
    // -----------------------------------------------------------------------------------------

    private int incidents;
    private int messages;

    private void seedIncidents() throws Exception {
        Object existing = Json.parse(call("alice", "GET", "/api/v1/incidents?size=1&mine=true", null, 200));
        long total = ((Number) ((Map<?, ?>) existing).get("total")).longValue();
        if (total > 0) {
            System.out.printf("[demo] alice already works %d incident(s): demo incidents not seeded again.%n", total);
            return;
        }
        System.out.println("[demo] seeding the demo incidents ...");

        String hospital = incident("alice", "Ransomware at a regional hospital group", """
                Encryption of file servers and the PACS archive at three hospitals since 02:10 UTC; emergency care on paper.
                Initial access suspected through an unpatched VPN appliance.""", "HIGH", C, "MEMBERS");
        member("alice", hospital, "bashir", "RESPONDER");
        member("alice", hospital, "deepa", "RESPONDER");
        member("alice", hospital, "audrey", "OBSERVER");
        say(hospital, "alice", null, "Bridge is open. @bashir please share the IOCs you pulled from the KE sensor grid; "
                + "@deepa can you check for the same loader in IN-CERT telemetry?");
        say(hospital, "bashir", null, """
                IOCs from the first two hosts:
                ```
                185.220.101.47:443   C2 (Cobalt Strike beacon, jitter 37%)
                sha256 9f2c…e41a     loader (DLL side-loaded via a signed updater)
                ```
                Blocklisted at the national resolver 04:05 UTC.""");
        say(hospital, "deepa", null, "Same loader seen at two Indian health providers last week; containment notes in the KB soon.");
        say(hospital, "deepa", S_GBR_IND, "Infrastructure overlaps with an actor tracked in our SECRET reporting; "
                + "sharing only at SECRET//REL TO GBR, IND. Do not forward.");
        say(hospital, "alice", null, "VPN appliances isolated, backups verified offline. Moving to CONTAINED.");
        status("alice", hospital, "CONTAINED");

        String phishing = incident("bashir", "Phishing campaign impersonating national tax authorities", """
                Lures in English and Swahili promising tax refunds; credential harvesting pages on fresh domains.
                Open to every cleared responder: join and add what you see in your constituency.""", "MEDIUM", U, "CLEARED");
        join("chen", phishing);
        join("eve", phishing);
        say(phishing, "bashir", null, "Kit fingerprint: `/wp-includes/js/refund/index.php`, Telegram exfiltration bot.");
        say(phishing, "chen", null, "Seeing the same kit in MY since Monday, different lure (customs refunds).");
        say(phishing, "eve", null, "Takedown requests filed for 14 domains with the registrar; @bashir list attached to the ticket.");

        String stuffing = incident("chen", "Credential stuffing against government e-service portals", """
                Spike of failed logins from residential proxies; rate limiting and MFA enforcement in progress.""",
                "LOW", R, "CLEARED");
        say(stuffing, "chen", null, "Peak 2,400 attempts/min, 0.3 % success on accounts without MFA; those are being reset.");
        status("chen", stuffing, "RESOLVED");

        String energy = incident("alice", "Suspected state actor in energy-sector OT networks", """
                Reconnaissance of HMI interfaces at two grid operators; no impact so far.""", "CRITICAL", S_GBR_IND, "MEMBERS");
        member("alice", energy, "deepa", "COMMANDER");
        say(energy, "deepa", null, "Engineering workstations imaged; the implant talks to the same VPS range as last year's campaign.");
        say(energy, "alice", null, "Coordinating with the operators' SOCs; next sync 09:00 UTC.");

        System.out.printf("[demo] done: %d incidents, %d chat messages. Sign in as alice and as bashir: bashir does not "
                + "see the SECRET incident or the SECRET message in the hospital room.%n", incidents, messages);
    }

    private String incident(String commander, String title, String summary, String severity, Label label, String access)
            throws Exception {
        require(commander, label, null, "incident '" + title + "'");
        String body = "{\"title\":" + Json.quote(title) + ",\"summary\":" + Json.quote(summary.strip()) + ",\"severity\":"
                + Json.quote(severity) + ",\"label\":" + label.json() + ",\"access\":" + Json.quote(access) + "}";
        Map<?, ?> created = (Map<?, ?>) Json.parse(call(commander, "POST", "/api/v1/incidents", body, 201));
        incidents++;
        return (String) created.get("id");
    }

    private void member(String commander, String incident, String user, String role) throws Exception {
        call(commander, "POST", "/api/v1/incidents/" + incident + "/members",
                "{\"username\":" + Json.quote(user) + ",\"role\":" + Json.quote(role) + "}", 201);
    }

    private void join(String user, String incident) throws Exception {
        call(user, "POST", "/api/v1/incidents/" + incident + "/join", null, 201);
    }

    private void status(String commander, String incident, String status) throws Exception {
        call(commander, "PATCH", "/api/v1/incidents/" + incident, "{\"status\":" + Json.quote(status) + "}", 200);
    }

    /** A chat message at {@code label} (null: the room's). */
    private void say(String incident, String author, Label label, String markdown) throws Exception {
        if (label != null && !label.readableBy(USERS.get(author))) {
            throw new IllegalStateException("demo content breaks W2: " + author + " may not read " + label.marking());
        }
        StringBuilder body = new StringBuilder("{\"body\":").append(Json.quote(markdown.strip()))
                .append(",\"clientId\":").append(Json.quote("demo-" + (messages + 1)));
        if (label != null) {
            body.append(",\"label\":").append(label.json());
        }
        body.append('}');
        call(author, "POST", "/api/v1/incidents/" + incident + "/messages", body.toString(), 201);
        messages++;
    }

    // -----------------------------------------------------------------------------------------
    // Knowledge base
    // -----------------------------------------------------------------------------------------

    private int articles;

    private void seedArticles() throws Exception {
        Object existing = Json.parse(call("deepa", "GET", "/api/v1/articles?mine=true&size=1", null, 200));
        long total = ((Number) ((Map<?, ?>) existing).get("total")).longValue();
        if (total > 0) {
            System.out.printf("[demo] deepa already wrote %d article(s): demo articles not seeded again.%n", total);
            return;
        }
        System.out.println("[demo] seeding the demo knowledge base ...");

        article("deepa", "Containing human-operated ransomware in hospital networks",
                "Isolate by segment, not by host; keep clinical systems on a clean island; verify backups offline before restoring.",
                List.of("ransomware", "healthcare", "t1486", "incident-response"), C_TRI, """
                ## When to use this

                Encryption has started on file servers or imaging archives (PACS) and the actor is still active.
                The goal of the first hour is to **stop the spread without stopping emergency care**.

                ## First hour

                1. Open a bridge and an incident room; name one commander.
                2. Cut the routes between the clinical VLANs and the corporate network at the core switches:

                   ```
                   conf t
                   interface vlan 120
                    ip access-group CLINICAL-ISOLATE in
                   ```
                3. Disable the accounts the actor used (look for new members of *Domain Admins* in the last 72 h):

                   ```powershell
                   Get-ADGroupMember "Domain Admins" | Get-ADUser -Properties whenChanged |
                     Where-Object whenChanged -gt (Get-Date).AddDays(-3)
                   ```
                4. Block the C2 addresses at the national resolver and at the perimeter.

                ## Before restoring

                - Verify the backups **offline**: mount read-only on an isolated host, scan, open a sample.
                - Rebuild domain controllers from known-good media, rotate `krbtgt` twice, 10 hours apart.

                ## What went wrong last time

                Restoring the PACS archive from a backup taken after initial access re-infected two sites.
                Check the loader's first-seen date against the backup date.""", "alice");

        article("bashir", "Taking down phishing kits: abuse requests that registrars act on",
                "Registrars act within hours on requests with evidence, the exact URL and the kit's fingerprint.",
                List.of("phishing", "takedown", "t1566"), U, """
                ## Evidence that works

                - The full URL **and** a screenshot with the timestamp.
                - The kit's fingerprint (path, e.g. `/wp-includes/js/refund/index.php`) and the exfiltration channel.
                - How the lure reached victims (headers of one e-mail, the SMS sender).

                ## Template

                ```
                Subject: Phishing on <domain> impersonating <authority> — request for suspension
                We are the national CERT of <country>. <url> collects credentials of our citizens since <date>.
                Evidence attached. Please suspend the domain and preserve registration data for law enforcement.
                ```

                ## Follow-up

                Re-check after 24 h; kits move to a fresh domain on the same hosting within a day, so file with
                the hosting provider as well.""", "alice");

        String vpn = article("eve", "Hardening public-facing VPN appliances",
                "Patch within 72 hours of an advisory, never expose the management interface, and log to a place the appliance cannot erase.",
                List.of("vpn", "initial-access", "t1190"), U, """
                ## Baseline

                1. Subscribe to the vendor's advisories; patch within 72 hours of a critical one.
                2. Management interface on an internal network only.
                3. Forward logs to a collector the appliance cannot erase.

                ## Checks

                ```sh
                nmap -Pn -p 443,4433,8443 --script ssl-cert <appliance>
                ```""", "alice");
        edit("alice", vpn, 1, "Hardening public-facing VPN appliances",
                "Patch within 72 hours of an advisory, never expose the management interface, require MFA, and log to a place the appliance cannot erase.",
                List.of("vpn", "initial-access", "t1190", "mfa"), U, """
                ## Baseline

                1. Subscribe to the vendor's advisories; patch within 72 hours of a critical one.
                2. Management interface on an internal network only.
                3. Require MFA for every VPN account, service accounts included.
                4. Forward logs to a collector the appliance cannot erase.

                ## Checks

                ```sh
                nmap -Pn -p 443,4433,8443 --script ssl-cert <appliance>
                ```

                After a compromise, assume the appliance's local accounts and certificates are known to the actor.""",
                "MFA step added after the hospital incident (the VPN account had none).");

        String macros = article("bashir", "Blocking macro-enabled Office documents from the internet",
                "Block macros in files from the internet by group policy.", List.of("macros", "t1204"), U, """
                Set *Block macros from running in Office files from the Internet* for Word, Excel and PowerPoint.""", "alice");
        call("alice", "POST", "/api/v1/articles/" + macros + "/retire",
                "{\"comment\":\"Superseded: Office blocks internet macros by default since 2022; keep for older estates.\"}", 200);

        String mfa = article("chen", "MFA rollout lessons from credential-stuffing waves",
                "Enforce MFA first on the accounts attackers actually reach; rate-limit by ASN, not only by IP.",
                List.of("credential-stuffing", "mfa", "t1110"), R, """
                ## Order of rollout

                1. Accounts that logged in from residential proxy ranges in the last 30 days.
                2. Accounts with access to payments or personal data.
                3. Everyone else.

                Rate limits per IP did little: the wave came from 40,000 residential addresses. Limits per ASN
                and per account held.""", null);
        call("chen", "POST", "/api/v1/articles/" + mfa + "/submit", "{}", 200);

        String ot = article("alice", "Hunting for reconnaissance on HMI interfaces",
                "Baseline who talks to HMIs; alert on new engineering-protocol clients.", List.of("ot", "ics", "t0846"), S_GBR_IND, """
                ## What to collect

                - Flows to HMI and PLC addresses (Modbus/TCP 502, S7 102, DNP3 20000) for 30 days.
                - The list of engineering workstations allowed to speak them.

                ## Alert on

                A new client speaking an engineering protocol, or a known one at an unusual hour.""", null);
        call("alice", "POST", "/api/v1/articles/" + ot + "/submit", "{}", 200);

        article("deepa", "Attribution notes: loader infrastructure reused across South Asian campaigns",
                "Working notes; not for release beyond IND.", List.of("attribution"), Label.of(Level.TOP_SECRET, "IND"), """
                Draft — infrastructure pivots from the hospital incident, to be reviewed.""", null);

        System.out.printf("[demo] done: %d articles (published, revised, retired, in review, draft). Sign in as alice: "
                + "the review queue holds chen's article and her own, which only another moderator may publish.%n", articles);
    }

    /** A new article; published by {@code publisher} (after submission by its author) when not null. */
    private String article(String author, String title, String summary, List<String> tags, Label label, String markdown,
                           String publisher) throws Exception {
        require(author, label, null, "article '" + title + "'");
        Map<?, ?> created = (Map<?, ?>) Json.parse(call(author, "POST", "/api/v1/articles",
                articleJson(title, summary, tags, label, markdown, null, null), 201));
        articles++;
        String id = (String) created.get("id");
        if (publisher != null) {
            call(author, "POST", "/api/v1/articles/" + id + "/submit", "{}", 200);
            call(publisher, "POST", "/api/v1/articles/" + id + "/publish", "{\"comment\":\"Reviewed.\"}", 200);
        }
        return id;
    }

    private void edit(String editor, String id, int baseRevision, String title, String summary, List<String> tags,
                      Label label, String markdown, String comment) throws Exception {
        call(editor, "PUT", "/api/v1/articles/" + id, articleJson(title, summary, tags, label, markdown, baseRevision, comment),
                200);
    }

    private static String articleJson(String title, String summary, List<String> tags, Label label, String markdown,
                                      Integer baseRevision, String comment) {
        return "{\"title\":" + Json.quote(title) + ",\"summary\":" + Json.quote(summary) + ",\"body\":"
                + Json.quote(markdown.strip()) + ",\"tags\":[" + String.join(",", tags.stream().map(Json::quote).toList())
                + "],\"references\":[],\"label\":" + label.json()
                + (baseRevision == null ? "" : ",\"baseRevision\":" + baseRevision)
                + (comment == null ? "" : ",\"comment\":" + Json.quote(comment)) + "}";
    }

    // -----------------------------------------------------------------------------------------
    // HTTP
    // -----------------------------------------------------------------------------------------

    /**
     * Calls the API as {@code user}; waits out a 429 (Retry-After) or a 503 (identity provider busy)
     * a few times, and fails on any other answer than {@code expected}.
     */
    private String call(String user, String method, String path, String json, int expected) throws Exception {
        if (DRY_RUN) { // checks the content (W1/W2, replies) without a server
            return method.equals("GET") ? "{\"total\":0}"
                    : "{\"id\":\"" + java.util.UUID.randomUUID() + "\",\"firstPostId\":\"" + java.util.UUID.randomUUID() + "\"}";
        }
        for (int attempt = 1; ; attempt++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token(user))
                    .header("Accept", "application/json");
            if (json == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            int status = response.statusCode();
            if (status == expected) {
                return response.body();
            }
            if ((status == 429 || status == 503) && attempt < 6) {
                long seconds = response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(2L);
                System.out.printf("[demo]   %d from %s %s as %s: waiting %d s%n", status, method, path, user, seconds);
                java.lang.Thread.sleep(Math.min(60, Math.max(1, seconds)) * 1000);
                continue;
            }
            throw new IllegalStateException(method + " " + path + " as " + user + " answered " + status
                    + " (expected " + expected + "): " + abbreviate(response.body()));
        }
    }

    private String token(String user) throws IOException, InterruptedException {
        Long at = tokenTimes.get(user);
        if (at != null && System.nanoTime() - at < Duration.ofMinutes(3).toNanos()) {
            return tokens.get(user);
        }
        String form = "grant_type=password&client_id=escape-cli&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(user, StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(keycloak + "/realms/escape/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        Object token = response.statusCode() == 200 ? ((Map<?, ?>) Json.parse(response.body())).get("access_token") : null;
        if (!(token instanceof String value)) {
            throw new IllegalStateException("no token for " + user + " from " + keycloak + " (" + response.statusCode()
                    + "): " + abbreviate(response.body()));
        }
        tokens.put(user, value);
        tokenTimes.put(user, System.nanoTime());
        return value;
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    /** Just enough JSON: quoting for requests, a small parser for answers (maps, lists, strings, numbers). */
    static final class Json {
        private final String text;
        private int at;

        private Json(String text) {
            this.text = text;
        }

        static String quote(String value) {
            StringBuilder out = new StringBuilder(value.length() + 16).append('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            return out.append('"').toString();
        }

        static Object parse(String text) {
            Json json = new Json(text);
            Object value = json.value();
            json.space();
            if (json.at != text.length()) {
                throw json.error("trailing characters");
            }
            return value;
        }

        private Object value() {
            space();
            if (at >= text.length()) {
                throw error("unexpected end");
            }
            char c = text.charAt(at);
            switch (c) {
                case '{' -> {
                    at++;
                    Map<String, Object> map = new LinkedHashMap<>();
                    space();
                    if (peek('}')) {
                        return map;
                    }
                    do {
                        space();
                        String key = string();
                        space();
                        expect(':');
                        map.put(key, value());
                        space();
                    } while (peek(','));
                    expect('}');
                    return map;
                }
                case '[' -> {
                    at++;
                    List<Object> list = new ArrayList<>();
                    space();
                    if (peek(']')) {
                        return list;
                    }
                    do {
                        list.add(value());
                        space();
                    } while (peek(','));
                    expect(']');
                    return list;
                }
                case '"' -> {
                    return string();
                }
                default -> {
                    if (text.startsWith("true", at)) {
                        at += 4;
                        return Boolean.TRUE;
                    }
                    if (text.startsWith("false", at)) {
                        at += 5;
                        return Boolean.FALSE;
                    }
                    if (text.startsWith("null", at)) {
                        at += 4;
                        return null;
                    }
                    int start = at;
                    while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
                        at++;
                    }
                    if (start == at) {
                        throw error("unexpected character");
                    }
                    String number = text.substring(start, at);
                    return number.matches("-?\\d+") ? (Object) Long.parseLong(number) : (Object) Double.parseDouble(number);
                }
            }
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                if (at >= text.length()) {
                    throw error("unterminated string");
                }
                char c = text.charAt(at++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = text.charAt(at++);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> out.append(e);
                }
            }
        }

        private void space() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        private boolean peek(char c) {
            if (at < text.length() && text.charAt(at) == c) {
                at++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw error("expected '" + c + "'");
            }
        }

        private IllegalArgumentException error(String message) {
            return new IllegalArgumentException("bad JSON at " + at + ": " + message);
        }
    }
}
