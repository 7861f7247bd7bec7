package org.escape.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.escape.it.ForumApi.json;
import static org.escape.it.TestServers.BASE_URL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Frame;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The forum pages in headless Chromium.
 *
 * <p>XSS-CORPUS: every vector of the shared corpus ({@code xss-corpus.txt} of the content tests)
 * becomes a post body; payloads also go into thread titles, tags (refused or stored as text) and a
 * Keycloak display name (as far as Keycloak's user profile lets them in). The pages are opened with
 * a hook installed before any page script: {@code alert}, {@code confirm}, {@code prompt} and
 * {@code window.__xss.push} report to the test through a binding that works in every frame, dialogs
 * are counted, and inline handlers are provoked by synthetic events. This runs twice: once under the
 * real Content-Security-Policy, and once with CSP bypassed, so that the sanitizer and the app's
 * rendering are tested on their own and not only behind CSP. The sanitized HTML (in the page and
 * from the API) is also checked against the allowlist of docs/api-forums.md.
 *
 * <p>A journey: alice writes a Markdown thread in the UI, sees it rendered, edits it; chen
 * (RESTRICTED) does not see a SECRET thread of the same forum.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ForumBrowserIT {

    private static final Path SCREENSHOTS = Paths.get(System.getProperty("escape.screenshots", "target/screenshots"));
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final RealmUsers REALM = new RealmUsers();
    private static final int POSTS_PER_THREAD = 10;

    private static final String HOOK = """
            (() => {
              const report = (kind, value) => {
                try { Array.prototype.push.call(window.__xss, kind + ':' + String(value)); } catch (e) {}
                try { window.__xssReport(kind + ':' + String(value) + ' @ ' + location.href); } catch (e) {}
              };
              const sink = [];
              sink.push = (...values) => { values.forEach(v => report('push', v)); return sink.length; };
              Object.defineProperty(window, '__xss', { value: sink, writable: false, configurable: false });
              window.alert = (m) => report('alert', m);
              window.confirm = (m) => { report('confirm', m); return false; };
              window.prompt = (m) => { report('prompt', m); return null; };
              window.print = () => report('print', '');
            })();
            """;

    /** Runs in the page: what in a sanitized fragment the allowlist of api-forums.md forbids. */
    private static final String ALLOWLIST_CHECK = """
            (root) => {
              const forbiddenTags = new Set(['SCRIPT','IFRAME','OBJECT','EMBED','SVG','MATH','STYLE','LINK','META','BASE',
                'FORM','INPUT','BUTTON','IMG','VIDEO','AUDIO','SOURCE','DETAILS','TEMPLATE','NOSCRIPT','FRAME','FRAMESET',
                'TEXTAREA','SELECT','MARQUEE','APPLET','PICTURE','CANVAS','AREA','MAP','TRACK','PORTAL']);
              const problems = [];
              for (const el of root.querySelectorAll('*')) {
                const tag = el.tagName.toUpperCase();
                if (forbiddenTags.has(tag)) problems.push('tag ' + tag);
                for (const attr of Array.from(el.attributes)) {
                  const name = attr.name.toLowerCase();
                  if (name.startsWith('on') || ['style','srcdoc','formaction','src','srcset','xlink:href','action',
                      'background','poster','dynsrc','lowsrc','ping'].includes(name)) problems.push(tag + '@' + name);
                  if (name === 'class' && !attr.value.split(/\\s+/).every(c => c === '' || c.startsWith('language-')))
                    problems.push(tag + '.class=' + attr.value);
                }
                if (tag === 'A' && el.hasAttribute('href')) {
                  const href = el.getAttribute('href');
                  let protocol;
                  try { protocol = new URL(href, 'https://base.invalid/').protocol; } catch (e) { protocol = 'invalid:'; }
                  if (!['http:','https:','mailto:'].includes(protocol)) problems.push('href ' + href);
                  const rel = (el.getAttribute('rel') || '').split(/\\s+/);
                  if (!['nofollow','noopener','noreferrer'].every(r => rel.includes(r))) problems.push('rel ' + rel.join(' '));
                }
              }
              return problems;
            }
            """;

    private static Playwright playwright;
    private static Browser browser;

    /** A corpus entry: the vector, and the text that must stay visible (may be null). */
    record Vector(int line, String payload, String visible) {
    }

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return TestServers.ear();
    }

    @BeforeAll
    static void startBrowser() {
        playwright = Chromium.playwright();
        browser = Chromium.launch(playwright);
    }

    @AfterAll
    static void stopBrowserAndCleanUp() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        REALM.deleteAll();
    }

    // ---------------------------------------------------------------------------------------------
    // XSS corpus
    // ---------------------------------------------------------------------------------------------

    @Test
    void noVectorOfTheCorpusExecutesInTheForumPages() throws IOException {
        List<Vector> vectors = corpus();
        String viewer = "fb-viewer-" + RUN;
        REALM.create(viewer, "Viewer", "Browser", "GBR", "SECRET", List.of("member", "moderator"));
        String author = payloadAuthor();
        for (String user : List.of(viewer, author)) {
            assertEquals(200, ForumApi.get(user, "/me").statusCode(), user);
        }

        JsonObject forumBody = Json.createObjectBuilder().add("name", "XSS corpus " + RUN)
                .add("description", "<img src=x onerror=alert('forum description')> **desc**")
                .add("label", OracleLabel.of("UNCLASSIFIED").json()).build();
        HttpResponse<String> forumCreated = ForumApi.post(viewer, "/forums", forumBody);
        assertEquals(201, forumCreated.statusCode(), forumCreated.body());
        String forum = json(forumCreated).getString("id");

        // Tags: refused, or stored as plain text.
        JsonObject taggedBody = Json.createObjectBuilder().add("title", "Tags " + RUN).add("body", "tags")
                .add("tags", Json.createArrayBuilder().add("<script>alert('tag')</script>")
                        .add("\"><img src=x onerror=alert('tag')>")).build();
        HttpResponse<String> tagged = ForumApi.post(author, "/forums/" + forum + "/threads", taggedBody);
        System.out.printf("[xss] payload tags: %d%n", tagged.statusCode());
        assertTrue(tagged.statusCode() == 400 || tagged.statusCode() == 201, tagged.body());

        List<String> threads = new ArrayList<>();
        List<String> allHtml = new ArrayList<>();
        int refused = 0;
        for (int start = 0; start < vectors.size(); start += POSTS_PER_THREAD - 1) {
            List<Vector> chunk = vectors.subList(start, Math.min(vectors.size(), start + POSTS_PER_THREAD - 1));
            String title = ("XSS " + RUN + " " + start + " " + chunk.get(0).payload().replaceAll("\\p{Cntrl}", " ")).strip();
            title = title.length() > 200 ? title.substring(0, 200) : title;
            JsonObject threadBody = Json.createObjectBuilder().add("title", title)
                    .add("body", "Vectors from line " + chunk.get(0).line() + " @" + viewer).build();
            HttpResponse<String> thread = ForumApi.post(author, "/forums/" + forum + "/threads", threadBody);
            assertEquals(201, thread.statusCode(), thread.body());
            String threadId = json(thread).getString("id");
            threads.add(threadId);
            for (Vector vector : chunk) {
                HttpResponse<String> post = ForumApi.post(author, "/threads/" + threadId + "/posts",
                        Json.createObjectBuilder().add("body", vector.payload()).build());
                if (post.statusCode() == 201) {
                    allHtml.add(json(post).getString("html"));
                } else {
                    assertEquals(400, post.statusCode(), "line " + vector.line() + ": " + post.body());
                    refused++;
                }
            }
        }

        List<String> executed = new CopyOnWriteArrayList<>();
        List<String> domProblems = new CopyOnWriteArrayList<>();
        List<String> remote = new CopyOnWriteArrayList<>();
        int notVisible = 0;
        for (boolean bypassCsp : List.of(false, true)) {
            String mode = bypassCsp ? "csp-bypassed" : "csp";
            BrowserContext context = hookedContext(bypassCsp, mode, executed, remote);
            Page page = context.newPage();
            page.setDefaultTimeout(30_000);
            page.onDialog(dialog -> {
                executed.add(mode + " dialog " + dialog.type() + ": " + dialog.message());
                dialog.dismiss();
            });

            // 1. The sanitized HTML from the API, rendered the way the app renders it (innerHTML) in a
            //    document of the app's origin (with the app's CSP unless bypassed): no SPA needed.
            assertCsp(page.navigate(BASE_URL + "/api/v1/client-config"));
            page.evaluate("""
                    (htmls) => {
                      document.body.replaceChildren();
                      for (const h of htmls) {
                        const d = document.createElement('div');
                        d.setAttribute('data-testid', 'post-html');
                        d.innerHTML = h;
                        document.body.appendChild(d);
                      }
                    }
                    """, allHtml);
            provokeAndCollect(page, executed, mode + " raw");
            positiveControls(page, bypassCsp, executed, mode);
            if (!bypassCsp) {
                // The same HTML parsed inertly (DOMParser runs nothing) against the allowlist.
                @SuppressWarnings("unchecked")
                List<Object> apiProblems = (List<Object>) page.evaluate("(htmls) => htmls.flatMap(h => (" + ALLOWLIST_CHECK
                        + ")(new DOMParser().parseFromString(h, 'text/html').body))", allHtml);
                apiProblems.forEach(p -> domProblems.add("api html: " + p));
                notVisible = countNotVisible(page, vectors, threads, viewer);
            }

            // 2. The app's own pages: forum list, thread list, every thread page, notifications.
            page.navigate(BASE_URL + "/forums/" + forum);
            Chromium.signInOnKeycloak(page, viewer);
            assertCsp(page.navigate(BASE_URL + "/forums"));
            waitForTestId(page, "forum-row");
            provokeAndCollect(page, executed, mode);
            assertCsp(page.navigate(BASE_URL + "/forums/" + forum));
            waitForTestId(page, "thread-row");
            provokeAndCollect(page, executed, mode);
            for (int i = 0; i < threads.size(); i++) {
                String thread = threads.get(i);
                int expected = (int) ForumApi.listAll(viewer, "/threads/" + thread + "/posts").total();
                for (int pageNo = 0; pageNo * 20 < expected; pageNo++) {
                    assertCsp(page.navigate(BASE_URL + "/threads/" + thread + (pageNo == 0 ? "" : "?page=" + pageNo)));
                    int onPage = Math.min(20, expected - pageNo * 20);
                    assertThat(page.locator("[data-testid=post]")).hasCount(onPage);
                    provokeAndCollect(page, executed, mode);
                    for (Object problem : (List<?>) page.evaluate("() => Array.from(document.querySelectorAll("
                            + "'[data-testid=post-html]')).flatMap(el => (" + ALLOWLIST_CHECK + ")(el))")) {
                        domProblems.add(mode + " thread " + i + ": " + problem);
                    }
                    if (!bypassCsp) {
                        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                                .setPath(SCREENSHOTS.resolve("xss-thread-" + i + ".png")));
                    }
                }
            }
            assertCsp(page.navigate(BASE_URL + "/notifications"));
            waitForTestId(page, "notification-row");
            provokeAndCollect(page, executed, mode);
            if (!bypassCsp) {
                page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(SCREENSHOTS.resolve("xss-notifications.png")));
            }
            context.close();
        }

        String summary = String.format("XSS CORPUS: vectors=%d, executed=%d", vectors.size(), executed.size());
        System.out.println(summary);
        System.out.printf("[xss] refused by the API: %d, sanitizer allowlist problems: %d, remote requests: %d, "
                + "neutralised text not visible: %d%n", refused, domProblems.size(), remote.size(), notVisible);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "xss-corpus.txt"), summary + "\n" + String.join("\n", executed) + "\n"
                + String.join("\n", domProblems) + "\n" + String.join("\n", remote) + "\n");
        assertEquals(List.of(), executed, "scripts executed");
        assertEquals(List.of(), domProblems, "sanitized HTML outside the allowlist");
        assertEquals(List.of(), remote, "requests to other origins (remote images, scripts)");
    }

    /**
     * The hook must see what does run: a script the test itself evaluates always reports; an inline
     * handler reports only when CSP is bypassed (under the app's CSP it must be blocked). The
     * controls' own reports are then removed from {@code executed}.
     */
    private static void positiveControls(Page page, boolean bypassCsp, List<String> executed, String mode) {
        page.evaluate("() => alert('canary-evaluate')");
        page.evaluate("""
                () => {
                  const d = document.createElement('div');
                  d.innerHTML = '<img src="canary-missing.png" onerror="alert(\\'canary-inline\\')">'
                      + '<b onmouseover="window.__xss.push(\\'canary-hover\\')">x</b>';
                  document.body.appendChild(d);
                  d.querySelector('b').dispatchEvent(new Event('mouseover'));
                }
                """);
        page.waitForTimeout(1_000);
        List<String> seen = executed.stream().filter(e -> e.contains("canary")).toList();
        assertTrue(seen.stream().anyMatch(e -> e.contains("alert:canary-evaluate")), mode + ": the hook reports alert(): " + seen);
        boolean inline = seen.stream().anyMatch(e -> e.contains("canary-inline"));
        boolean hover = seen.stream().anyMatch(e -> e.contains("push:canary-hover"));
        if (bypassCsp) {
            assertTrue(inline && hover, mode + ": without CSP the hook sees inline handlers run: " + seen);
        } else {
            assertTrue(!inline && !hover, mode + ": the app's CSP blocks inline handlers: " + seen);
        }
        System.out.printf("[xss] %s positive controls: %s%n", mode, seen);
        executed.removeIf(e -> e.contains("canary"));
    }

    private static BrowserContext hookedContext(boolean bypassCsp, String mode, List<String> executed, List<String> remote) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900)
                .setBypassCSP(bypassCsp));
        context.exposeBinding("__xssReport", (source, args) -> {
            executed.add(mode + " " + args[0]);
            return null;
        });
        context.addInitScript(HOOK);
        context.onRequest(request -> {
            String url = request.url();
            if (url.startsWith("http") && !isLocal(url)) {
                remote.add(mode + " " + url);
            }
        });
        return context;
    }

    private static void waitForTestId(Page page, String testId) {
        try {
            page.getByTestId(testId).first().waitFor(new Locator.WaitForOptions().setTimeout(20_000));
        } catch (com.microsoft.playwright.TimeoutError e) {
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("xss-missing-" + testId + ".png")));
            throw new AssertionError("The app shows no [data-testid=" + testId + "] at " + page.url()
                    + " within 20 s (are the forum pages of the SPA deployed?)", e);
        }
    }

    /** Scrolls, provokes inline handlers with synthetic events, then collects every frame's sink. */
    private static void provokeAndCollect(Page page, List<String> executed, String mode) {
        page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)");
        page.evaluate("""
                () => {
                  const scope = ['post-html', 'thread-row', 'notification-row', 'post', 'forum-row']
                      .map(id => '[data-testid=' + id + '] *').join(', ');
                  for (const el of document.querySelectorAll(scope)) {
                    for (const type of ['mouseover', 'mouseenter', 'focus', 'toggle', 'animationstart', 'load', 'error']) {
                      try { el.dispatchEvent(new Event(type)); } catch (e) {}
                    }
                  }
                }
                """);
        page.waitForTimeout(300);
        for (Frame frame : page.frames()) {
            try {
                Object count = frame.evaluate("() => (window.__xss || []).length");
                if (count instanceof Number n && n.intValue() > 0 && executed.stream().noneMatch(e -> e.startsWith(mode))) {
                    executed.add(mode + " sink of " + frame.url() + " holds " + n);
                }
            } catch (RuntimeException e) {
                // a frame that went away meanwhile
            }
        }
    }

    private static int countNotVisible(Page page, List<Vector> vectors, List<String> threads, String viewer) {
        StringBuilder text = new StringBuilder();
        for (String thread : threads) {
            for (JsonObject post : ForumApi.listAll(viewer, "/threads/" + thread + "/posts").items()) {
                text.append(page.evaluate("(h) => new DOMParser().parseFromString(h, 'text/html').body.textContent",
                        post.getString("html"))).append('\n');
            }
        }
        int missing = 0;
        for (Vector vector : vectors) {
            if (vector.visible() != null && !text.toString().contains(vector.visible())) {
                missing++;
                System.out.printf("[xss] line %d: '%s' not visible after rendering%n", vector.line(), vector.visible());
            }
        }
        return missing;
    }

    /**
     * The author of the corpus posts: a user whose display name carries a payload, as far as
     * Keycloak's user profile (person-name validator) lets one in; it says which ones it refused.
     */
    private static String payloadAuthor() {
        List<String> names = List.of("<img src=x onerror=alert('name')>", "\"><svg onload=alert('name')>",
                "<script>alert('name')</script>", "Ann' autofocus onfocus='alert`name`",
                "O'Brien `alert` javascript:alert");
        int attempt = 0;
        for (String name : names) {
            String username = "fb-author" + (attempt++) + "-" + RUN;
            HttpResponse<String> created = REALM.tryCreate(username, name, "Xss", "GBR", "SECRET");
            System.out.printf("[xss] Keycloak %s the display name %s%n",
                    created.statusCode() == 201 ? "accepted" : "refused (" + created.statusCode() + ")", name);
            if (created.statusCode() == 201) {
                return username;
            }
        }
        throw new IllegalStateException("Keycloak refused every display name");
    }

    private static List<Vector> corpus() throws IOException {
        for (Path candidate : List.of(Path.of("../ejb-module/src/test/resources/org/escape/content/xss-corpus.txt"),
                Path.of("ejb-module/src/test/resources/org/escape/content/xss-corpus.txt"))) {
            if (Files.isRegularFile(candidate)) {
                List<Vector> vectors = new ArrayList<>();
                List<String> lines = Files.readAllLines(candidate, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    if (line.isBlank() || line.startsWith("#")) {
                        continue;
                    }
                    int arrow = line.indexOf(" ==> ");
                    String payload = arrow < 0 ? line : line.substring(0, arrow);
                    String visible = arrow < 0 ? null : unescape(line.substring(arrow + 5));
                    vectors.add(new Vector(i + 1, unescape(payload), visible));
                }
                System.out.printf("[xss] %d vectors from %s%n", vectors.size(), candidate.toAbsolutePath().normalize());
                return vectors;
            }
        }
        System.out.println("[xss] xss-corpus.txt not found: using the embedded fallback list");
        List<Vector> vectors = new ArrayList<>();
        for (String v : FALLBACK) {
            vectors.add(new Vector(0, v, null));
        }
        return vectors;
    }

    /** The corpus escapes: \n \r \t \0 \\; any other backslash stays. */
    static String unescape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(i + 1);
                String replacement = switch (next) {
                    case 'n' -> "\n";
                    case 'r' -> "\r";
                    case 't' -> "\t";
                    case '0' -> "\0";
                    case '\\' -> "\\";
                    default -> null;
                };
                if (replacement != null) {
                    out.append(replacement);
                    i++;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    private static final List<String> FALLBACK = List.of(
            "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>",
            "<svg><script>alert(1)</script></svg>", "<iframe src=\"javascript:alert(1)\"></iframe>",
            "<a href=\"javascript:alert(1)\">x</a>", "[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))",
            "[x](&#106;avascript:alert(1))", "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "![x](javascript:alert(1))", "![x\" onerror=\"alert(1)](https://example.org/a.png)",
            "<body onload=alert(1)>", "<details open ontoggle=alert(1)>",
            "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
            "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", "<object data=\"javascript:alert(1)\">",
            "<embed src=\"javascript:alert(1)\">", "<input autofocus onfocus=alert(1)>", "<video><source onerror=alert(1)>",
            "<form><button formaction=javascript:alert(1)>x</button></form>", "<base href=\"javascript:alert(1)//\">",
            "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
            "<div style=\"background:url(javascript:alert(1))\">x</div>",
            "<a href=\"&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)\">x</a>",
            "<scr<script>ipt>alert(1)</scr</script>ipt>", "\"><script>alert(1)</script>", "'><img src=x onerror=alert(1)>",
            "<a href=\"jav&#x09;ascript:alert(1)\">x</a>", "<IMG SRC=`javascript:alert(1)`>",
            "<svg><a xlink:href=\"javascript:alert(1)\"><text x=\"20\" y=\"20\">x</text></a></svg>",
            "<marquee onstart=alert(1)>x</marquee>", "`<img src=x onerror=alert(1)>`", "```\n<script>alert(1)</script>\n```",
            "[x](https://example.org \"t\\\" onmouseover=\\\"alert(1)\")", "<https://example.org/\"onmouseover=\"alert(1)>",
            "<img src=\"x:gif\" onerror=\"window.__xss.push('img')\">", "<template><img src=x onerror=alert(1)></template>");

    private static void assertCsp(Response response) {
        assertNotNull(response, "a document response");
        Map<String, String> headers = response.allHeaders();
        String csp = headers.getOrDefault("content-security-policy", "");
        assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), "CSP on " + response.url() + ": " + csp);
    }

    private static boolean isLocal(String url) {
        String host = URI.create(url).getHost();
        return "localhost".equals(host) || "127.0.0.1".equals(host);
    }

    // ---------------------------------------------------------------------------------------------
    // Journey
    // ---------------------------------------------------------------------------------------------

    @Test
    void aliceWritesAMarkdownThreadAndEditsItAndChenDoesNotSeeTheSecretThread() {
        JsonObject forumBody = Json.createObjectBuilder().add("name", "Journey " + RUN).add("description", "browser journey")
                .add("label", OracleLabel.of("UNCLASSIFIED").json()).build();
        HttpResponse<String> forumCreated = ForumApi.post("alice", "/forums", forumBody);
        assertEquals(201, forumCreated.statusCode(), forumCreated.body());
        String forum = json(forumCreated).getString("id");
        String secretTitle = "Secret journey " + RUN;
        HttpResponse<String> secret = ForumApi.post("alice", "/forums/" + forum + "/threads", Json.createObjectBuilder()
                .add("title", secretTitle).add("body", "for SECRET eyes").add("label", OracleLabel.of("SECRET").json()).build());
        assertEquals(201, secret.statusCode(), secret.body());

        String title = "Containment notes " + RUN;
        String markdown = """
                Containment step **bold** for the journey.

                ```
                iptables -A INPUT -s 203.0.113.0/24 -j DROP
                ```

                See [the advisory](https://example.org/advisory).
                """;
        List<String> cspViolations = new CopyOnWriteArrayList<>();
        BrowserContext aliceContext = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
        Page page = aliceContext.newPage();
        page.setDefaultTimeout(30_000);
        page.onConsoleMessage(message -> {
            if (message.text().contains("Content Security Policy")) {
                cspViolations.add(message.text());
            }
        });
        page.navigate(BASE_URL + "/forums/" + forum);
        Chromium.signInOnKeycloak(page, "alice");
        assertThat(page.getByTestId("thread-row").filter(new Locator.FilterOptions().setHasText(secretTitle))).hasCount(1);
        page.getByTestId("new-thread-button").click();
        page.getByTestId("composer-title").fill(title);
        page.getByTestId("composer-body").fill(markdown);
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("forum-journey-composer.png")));
        page.getByTestId("composer-submit").click();
        page.waitForURL(Pattern.compile(".*/threads/.*"), new Page.WaitForURLOptions().setTimeout(15_000));

        Locator html = page.getByTestId("post-html").first();
        assertThat(html.locator("strong")).hasText("bold");
        assertThat(html.locator("pre code")).containsText("iptables -A INPUT");
        Locator link = html.locator("a[rel~=nofollow]");
        assertThat(link).hasAttribute("href", "https://example.org/advisory");
        assertThat(link).hasAttribute("rel", Pattern.compile("(?=.*noopener)(?=.*noreferrer)"));
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("forum-journey-rendered.png")));

        Locator post = page.getByTestId("post").first();
        post.getByTestId("post-edit").click();
        Locator editor = post.locator("[data-testid=post-edit-body], [data-testid=composer-body]").first();
        editor.fill(markdown.replace("**bold**", "**bolder**"));
        post.locator("[data-testid=post-edit-save], [data-testid=composer-submit]").first().click();
        assertThat(post.getByTestId("post-html").locator("strong")).hasText("bolder");
        Locator marker = post.locator("[data-testid=post-edited]");
        if (marker.count() == 0) {
            marker = post.getByText(Pattern.compile("edited", Pattern.CASE_INSENSITIVE));
        }
        assertThat(marker.first()).isVisible();
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("forum-journey-edited.png")));

        JsonObject written = ForumApi.listAll("alice", "/forums/" + forum + "/threads").items().stream()
                .filter(t -> t.getString("title").equals(title)).findFirst().orElseThrow();
        JsonObject firstPost = json(ForumApi.get("alice", "/posts/" + written.getString("firstPostId")));
        assertEquals(2, firstPost.getInt("revision"), firstPost.toString());
        assertTrue(firstPost.getString("body").contains("**bolder**"));
        assertEquals(List.of(), cspViolations, "no CSP violations in alice's pages");
        aliceContext.close();

        BrowserContext chenContext = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
        Page chen = chenContext.newPage();
        chen.setDefaultTimeout(30_000);
        chen.navigate(BASE_URL + "/forums/" + forum);
        Chromium.signInOnKeycloak(chen, "chen");
        assertThat(chen.getByTestId("thread-row").filter(new Locator.FilterOptions().setHasText(title))).hasCount(1);
        assertThat(chen.getByTestId("thread-row").filter(new Locator.FilterOptions().setHasText(secretTitle))).hasCount(0);
        assertThat(chen.getByTestId("thread-row")).hasCount(1);
        assertTrue(!chen.content().contains(secretTitle), "the secret title is nowhere in chen's page");
        chen.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("forum-journey-chen.png")));
        chenContext.close();
    }
}
