package org.escape.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.escape.it.TestServers.BASE_URL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
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
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The publication cycle in real browsers, each user in their own context signed in through
 * Keycloak's page: a writer (CONFIDENTIAL, KEN) writes a CONFIDENTIAL article in the editor, revises
 * it, and submits it; the writer cannot publish it; a moderator (SECRET, GBR) finds it in the review
 * queue and publishes it; the writer reads it (banners top and bottom, copyable code); the moderator
 * sees the revision diff side by side and inline; a reader cleared RESTRICTED finds it nowhere.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ArticleBrowserIT {

    private static final Path SCREENSHOTS = Paths.get(System.getProperty("escape.screenshots", "target/screenshots"));
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final RealmUsers REALM = new RealmUsers();

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
    static void stopBrowserAndCleanUp() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        REALM.deleteAll();
    }

    @Test
    void aWriterAndASecondPersonPublishAnArticle() {
        String writer = "kb-writer-" + RUN;
        String reviewer = "kb-mod-" + RUN;
        String low = "kb-low-" + RUN;
        REALM.create(writer, "Wanjiru", "Writer", "KEN", "CONFIDENTIAL", List.of("member"));
        REALM.create(reviewer, "Morgan", "Moderator", "GBR", "SECRET", List.of("member", "moderator"));
        REALM.create(low, "Lim", "Reader", "MYS", "RESTRICTED", List.of("member"));
        for (String user : List.of(writer, reviewer, low)) {
            assertEquals(200, ForumApi.get(user, "/me").statusCode(), user);
        }
        List<String> cspViolations = new CopyOnWriteArrayList<>();
        String title = "Isolating SMB during ransomware " + RUN;
        String step = "Block inbound 445 at the branch routers " + RUN;
        String revised = "Block inbound 139 and 445 at the branch routers " + RUN;
        long started = System.nanoTime();

        // ---- The writer writes a draft in the editor -----------------------------------------------
        BrowserContext writerContext = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
        Page w = Chromium.page(writerContext, cspViolations);
        w.navigate(BASE_URL + "/kb");
        Chromium.signInOnKeycloak(w, writer);
        assertThat(Chromium.heading(w)).hasText("Knowledge base");
        w.getByTestId("new-article-button").click();
        w.getByTestId("editor-title").fill(title);
        w.getByTestId("editor-summary").fill("Stop lateral movement over SMB within the first hour.");
        w.getByTestId("editor-body").fill("## Steps\n\n1. " + step + "\n2. Snapshot the file servers\n\n```\nnetsh advfirewall firewall"
                + " add rule name=block445 dir=in action=block protocol=TCP localport=445\n```\n");
        w.getByTestId("tag-input-field").fill("ransomware");
        w.getByTestId("tag-input-field").press("Enter");
        w.getByTestId("tag-input-field").fill("smb");
        w.getByTestId("tag-input-field").press("Enter");
        assertThat(w.getByTestId("tag-chip")).hasCount(2);
        w.getByTestId("article-editor").getByTestId("label-classification").selectOption("CONFIDENTIAL");
        w.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("article-editor.png")).setFullPage(true));
        w.getByTestId("editor-save").click();
        w.waitForURL(Pattern.compile(".*/kb/[0-9a-f-]{36}$"), new Page.WaitForURLOptions().setTimeout(15_000));
        String articleUrl = w.url();
        assertThat(Chromium.heading(w)).hasText(title);
        assertThat(w.getByTestId("article-status")).containsText("Draft");

        // ---- ...revises it, and submits it; publishing is not offered to the writer ----------------
        w.getByTestId("action-edit").click();
        w.getByTestId("editor-body").fill("## Steps\n\n1. " + revised + "\n2. Snapshot the file servers\n3. Reset local admin"
                + " passwords\n\n```\nnetsh advfirewall firewall add rule name=block445 dir=in action=block protocol=TCP"
                + " localport=445\n```\n");
        w.getByTestId("editor-comment").fill("Port 139 too");
        w.getByTestId("editor-save").click();
        w.waitForURL(articleUrl);
        w.getByTestId("action-submit").click();
        w.getByTestId("step-confirm").click();
        assertThat(w.getByTestId("article-status")).containsText("review");
        assertThat(w.getByTestId("action-publish")).hasCount(0);
        assertThat(w.getByTestId("action-withdraw")).hasCount(1);

        // ---- The moderator finds it in the review queue and publishes it ----------------------------
        BrowserContext modContext = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
        Page m = Chromium.page(modContext, cspViolations);
        m.navigate(BASE_URL + "/kb");
        Chromium.signInOnKeycloak(m, reviewer);
        m.getByTestId("kb-tab-review").click();
        Locator row = m.getByTestId("article-row").filter(new Locator.FilterOptions().setHasText(title));
        assertThat(row).hasCount(1);
        m.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("article-review-queue.png")));
        row.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(title)).click();
        assertThat(Chromium.heading(m)).hasText(title);
        m.getByTestId("action-publish").click();
        m.getByTestId("step-confirm").click();
        assertThat(m.getByTestId("article-status")).containsText("Published");
        assertThat(m.getByTestId("article-credits")).containsText("Morgan");

        // ---- The writer reads the published article: banners, code with a copy button ---------------
        w.reload();
        assertThat(w.getByTestId("article-status")).containsText("Published");
        Locator banners = w.getByTestId("marking-banner");
        assertThat(banners).hasCount(2);
        assertThat(banners.first()).hasText("CONFIDENTIAL");
        assertThat(banners.last()).hasText("CONFIDENTIAL");
        assertThat(w.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("Copy")))).hasCount(1);
        assertTrue(w.locator("pre code").first().textContent().contains("localport=445"));
        w.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("article-reading.png")).setFullPage(true));

        // ---- The moderator sees what changed between the revisions ----------------------------------
        m.getByTestId("article-history-link").click();
        assertThat(m.getByTestId("revision-row")).hasCount(2);
        m.getByTestId("revision-changes-2").click();
        m.waitForURL(Pattern.compile(".*/diff\\?.*"));
        Locator changed = m.getByTestId("diff-row").filter(new Locator.FilterOptions().setHasText(revised));
        assertThat(changed).hasCount(1);
        assertThat(changed).containsText(step);
        m.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("article-diff.png")).setFullPage(true));
        m.getByTestId("diff-view-inline").click();
        assertThat(m.getByTestId("diff-inline-row").filter(new Locator.FilterOptions().setHasText(revised))).hasCount(1);

        // ---- A reader cleared RESTRICTED finds it nowhere ----------------------------------------------
        BrowserContext lowContext = browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 844));
        Page l = Chromium.page(lowContext, cspViolations);
        l.navigate(articleUrl);
        Chromium.signInOnKeycloak(l, low);
        assertThat(Chromium.heading(l)).not().hasText(title);
        assertFalse(l.content().contains(title), "the article's title is nowhere in the RESTRICTED reader's page");
        l.navigate(BASE_URL + "/kb?tag=smb");
        assertThat(Chromium.heading(l)).hasText("Knowledge base");
        assertThat(l.getByTestId("article-row").filter(new Locator.FilterOptions().setHasText(title))).hasCount(0);
        assertEquals(390, ((Number) l.evaluate("document.documentElement.scrollWidth")).intValue(),
                "the knowledge base fits a phone's width");
        l.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("article-list-narrow.png")));

        System.out.printf("[article-it] write, revise, submit, publish by a second person, read, diff: %d ms%n",
                (System.nanoTime() - started) / 1_000_000);
        assertEquals(List.of(), cspViolations, "no Content-Security-Policy violations in the knowledge base pages");
        writerContext.close();
        modContext.close();
        lowContext.close();
    }

}
