package org.escape.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.escape.it.TestServers.BASE_URL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
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
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The search journey in headless Chromium, as the demo users: alice (SECRET, GBR) presses "/",
 * types in the header box and sees a suggestion, opens the results page, narrows it with the type
 * and date facets (shown as removable chips), moves through the hits with j/k and opens one with
 * Enter, and drops a filter from the "no results" state; chen (RESTRICTED) searches the same word
 * on a phone-sized screen and finds no trace of alice's SECRET thread — not a suggestion, hit,
 * count, facet value or tag. No Content-Security-Policy violation on the way.
 *
 * <p>Planted words mix letters and digits, so typo tolerance never links them to anything else.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@DisabledIfSystemProperty(named = "escape.tier", matches = "postgresql",
        disabledReason = "browser journeys run on H2 only (app-ear/pom.xml); -Dit.test overrides that exclusion")
class SearchBrowserIT {

    private static final Path SCREENSHOTS = Paths.get(System.getProperty("escape.screenshots", "target/screenshots"));
    private static final String RUN = UUID.randomUUID().toString().replace("-", "").substring(0, 6);
    /** In the title and body of every planted thread. */
    private static final String WORD = "zqs" + RUN;
    private static final String OPEN_TAG = "zqg" + RUN;
    private static final String SECRET_TITLE_WORD = "zqx" + RUN + "op";
    private static final String SECRET_TAG = "zqy" + RUN + "tag";
    private static final String SECRET_BODY_WORD = "zqz" + RUN + "canary";

    private static Playwright playwright;
    private static Browser browser;

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
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @Test
    void aReaderSearchesWithSuggestionsFacetsAndKeysAndALowerReaderSeesNoTraceOfAHigherItem() {
        plant();
        List<String> cspViolations = new CopyOnWriteArrayList<>();
        long started = System.nanoTime();

        // ---- alice: "/" puts the cursor in the header box; typing shows suggestions ---------------
        BrowserContext aliceContext = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
        Page a = Chromium.page(aliceContext, cspViolations);
        a.navigate(BASE_URL + "/");
        Chromium.signInOnKeycloak(a, "alice");
        assertThat(Chromium.heading(a)).isVisible();
        Locator box = a.getByTestId("header-search-input");
        a.evaluate("document.activeElement && document.activeElement.blur()");
        a.keyboard().press("/");
        assertThat(box).isFocused();
        box.pressSequentially(WORD + " bea", new Locator.PressSequentiallyOptions().setDelay(30));
        Locator options = a.getByTestId("header-search-option");
        assertThat(options.filter(new Locator.FilterOptions().setHasText(WORD + " beacon alpha"))).hasCount(1);
        assertThat(options.filter(new Locator.FilterOptions().setHasText(SECRET_TITLE_WORD))).hasCount(1);
        a.keyboard().press("ArrowDown");
        assertThat(options.first()).hasAttribute("aria-selected", "true");
        a.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("search-suggestions.png")));
        a.keyboard().press("Escape");
        assertThat(box).hasAttribute("aria-expanded", "false");
        box.fill(WORD);
        a.keyboard().press("Enter");

        // ---- the results page: every hit marked, facets with counts -------------------------------
        a.waitForURL(Pattern.compile(".*/search\\?q=" + WORD + "$"));
        Locator hits = a.getByTestId("search-hit");
        assertThat(hits).hasCount(6);
        assertThat(a.getByTestId("search-total")).containsText("6 results");
        assertEquals(6, hits.locator("[data-testid='marking-chip']").count(), "a marking on every hit");
        assertThat(a.getByTestId("marking-banner").first()).hasText("SECRET//REL TO GBR");
        assertThat(count(a, "type-thread")).hasText("3");
        assertThat(count(a, "status-published")).hasText("6");
        assertThat(count(a, "date-day")).hasText("6");
        assertThat(count(a, "classification-SECRET")).hasText("2");
        assertThat(count(a, "tag-" + SECRET_TAG)).hasText("2");
        assertThat(a.locator("[data-testid='search-hit-snippet'] mark").first()).hasText(WORD);

        // ---- narrow it: type, then date; the filters show as chips ---------------------------------
        a.getByTestId("facet-type-thread").click();
        a.waitForURL(Pattern.compile(".*type=thread.*"));
        assertThat(hits).hasCount(3);
        a.getByTestId("facet-date-day").click();
        a.waitForURL(Pattern.compile(".*date=day.*"));
        assertThat(hits).hasCount(3);
        assertThat(a.getByTestId("search-chip")).hasCount(2);
        assertThat(a.getByTestId("search-chip").last()).containsText("Past day");
        a.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("search-results.png")).setFullPage(true));

        // ---- keys: j, j, k moves a visible selection; Enter opens the hit ---------------------------
        a.keyboard().press("j");
        a.keyboard().press("j");
        a.keyboard().press("k");
        assertThat(hits.first()).hasClass(Pattern.compile("search-hit--selected"));
        assertThat(hits.first().getByTestId("search-hit-link")).isFocused();
        a.keyboard().press("ArrowDown");
        assertThat(hits.nth(1)).hasClass(Pattern.compile("search-hit--selected"));
        String chosen = hits.nth(1).getByTestId("search-hit-link").textContent();
        a.keyboard().press("Enter");
        a.waitForURL(Pattern.compile(".*/threads/[0-9a-f-]{36}.*"));
        assertThat(Chromium.heading(a)).hasText(chosen);

        // ---- nothing found with a filter: the page offers to drop it ----------------------------------
        a.navigate(BASE_URL + "/search?q=" + WORD + "&type=article");
        assertThat(a.getByTestId("search-empty")).containsText("with these filters");
        a.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("search-no-results.png")).setFullPage(true));
        a.getByTestId("search-empty-remove-type-article").click();
        assertThat(hits).hasCount(6);

        // ---- chen (RESTRICTED), on a phone: no trace of the SECRET thread --------------------------
        BrowserContext chenContext = browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 844));
        Page c = Chromium.page(chenContext, cspViolations);
        c.navigate(BASE_URL + "/search?q=" + WORD);
        Chromium.signInOnKeycloak(c, "chen");
        Locator chenHits = c.getByTestId("search-hit");
        assertThat(chenHits).hasCount(4);
        assertThat(c.getByTestId("search-total")).containsText("4 results");
        c.getByTestId("search-facets-toggle").click();
        assertThat(count(c, "date-day")).hasText("4");
        assertThat(count(c, "classification-UNCLASSIFIED")).hasText("4");
        assertThat(c.getByTestId("facet-classification-SECRET")).hasCount(0);
        assertThat(count(c, "tag-" + OPEN_TAG)).hasText("4");
        assertThat(c.getByTestId("facet-tag-" + SECRET_TAG)).hasCount(0);
        assertNoTrace(c.content(), "chen's results");
        assertEquals(390, ((Number) c.evaluate("document.documentElement.scrollWidth")).intValue(), "the results fit a phone");
        c.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("search-results-narrow.png")).setFullPage(true));

        Locator chenBox = c.getByTestId("header-search-input");
        chenBox.fill("");
        chenBox.pressSequentially(WORD, new Locator.PressSequentiallyOptions().setDelay(30));
        Locator chenOptions = c.getByTestId("header-search-option");
        assertThat(chenOptions).hasCount(2);
        assertNoTrace(c.content(), "chen's suggestions");
        for (String probe : List.of(SECRET_TITLE_WORD, SECRET_TAG, SECRET_BODY_WORD)) {
            c.navigate(BASE_URL + "/search?q=" + probe);
            assertThat(c.getByTestId("search-empty")).containsText("Nothing you can read matches");
            assertThat(c.getByTestId("search-hit")).hasCount(0);
            assertThat(c.getByTestId("facet-type")).hasCount(0);
            chenBox.fill("");
            chenBox.pressSequentially(probe.substring(0, 8), new Locator.PressSequentiallyOptions().setDelay(30));
            c.waitForTimeout(600);
            assertThat(chenOptions).hasCount(0);
        }

        System.out.printf("[search-it] suggest, results, facets, keys, open, no-results, lower reader: %d ms%n",
                (System.nanoTime() - started) / 1_000_000);
        assertEquals(List.of(), cspViolations, "no Content-Security-Policy violations on the search pages");
        aliceContext.close();
        chenContext.close();
    }

    /** The count shown by one facet value, e.g. {@code type-thread}. */
    private static Locator count(Page page, String facetValue) {
        return page.getByTestId("facet-" + facetValue).locator(".search-facet__count");
    }

    private static void assertNoTrace(String html, String where) {
        for (String secret : List.of(SECRET_TITLE_WORD, SECRET_TAG, SECRET_BODY_WORD, "SECRET//REL TO GBR")) {
            assertFalse(html.contains(secret), where + " show " + secret);
        }
    }

    /** alice's forum (UNCLASSIFIED) with two open threads and one SECRET//REL TO GBR thread, all holding WORD. */
    private static void plant() {
        HttpResponse<String> forum = ForumApi.post("alice", "/forums", Json.createObjectBuilder()
                .add("name", "Search browser " + RUN).add("description", "planted by SearchBrowserIT")
                .add("label", OracleLabel.of("UNCLASSIFIED").json()).build());
        assertEquals(201, forum.statusCode(), forum.body());
        String forumId = ForumApi.json(forum).getString("id");
        thread(forumId, WORD + " beacon alpha", "First beacon seen, " + WORD + " on the proxy.", OPEN_TAG, null);
        thread(forumId, WORD + " beacon bravo", "Second beacon, " + WORD + " again.", OPEN_TAG, null);
        thread(forumId, WORD + " beacon " + SECRET_TITLE_WORD, "Source: " + SECRET_BODY_WORD + " with " + WORD + ".", SECRET_TAG,
                OracleLabel.of("SECRET", "GBR").json());
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (total("alice", WORD) < 6) {
            if (System.nanoTime() > deadline) {
                fail("alice cannot find her six planted items 10 s after writing them");
            }
            ForumApi.sleep(50);
        }
    }

    private static void thread(String forumId, String title, String body, String tag, JsonObject label) {
        var thread = Json.createObjectBuilder().add("title", title).add("body", body).add("tags", Json.createArrayBuilder().add(tag));
        if (label != null) {
            thread.add("label", label);
        }
        HttpResponse<String> created = ForumApi.post("alice", "/forums/" + forumId + "/threads", thread.build());
        assertEquals(201, created.statusCode(), created.body());
    }

    private static long total(String user, String q) {
        HttpResponse<String> response = ForumApi.get(user, "/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        assertTrue(response.statusCode() == 200, response.body());
        return ForumApi.json(response).getJsonNumber("total").longValue();
    }
}
