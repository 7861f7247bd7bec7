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
 * An incident room in two browsers at once: a commander cleared SECRET and a responder cleared
 * CONFIDENTIAL, each in their own browser context, signed in through Keycloak's real page.
 *
 * <p>The commander opens the incident (CONFIDENTIAL, members only) in the UI, adds the responder
 * by username, and writes in the room: one message at the room's label, one labelled SECRET, one
 * more at the room's label. The responder's open room receives the first and the third live,
 * without a reload, in order, and never the SECRET one (not in the timeline, not anywhere in the
 * page). The responder answers and the commander sees it live; typing and presence cross over;
 * a status change made by the commander shows in both timelines and in both headers.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class IncidentBrowserIT {

    private static final Path SCREENSHOTS = Paths.get(System.getProperty("escape.screenshots", "target/screenshots"));
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final RealmUsers REALM = new RealmUsers();
    /** How long a live delivery may take before the test calls it missing. */
    private static final double LIVE_TIMEOUT_MS = 10_000;

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
    void aCommanderAndALowerClearedResponderWorkAnIncidentLive() {
        String commander = "ib-cmd-" + RUN;
        String responder = "ib-resp-" + RUN;
        REALM.create(commander, "Cora", "Commander", "GBR", "SECRET", List.of("member"));
        REALM.create(responder, "Ravi", "Responder", "KEN", "CONFIDENTIAL", List.of("member"));
        for (String user : List.of(commander, responder)) {
            assertEquals(200, ForumApi.get(user, "/me").statusCode(), user); // known to the platform
        }
        List<String> cspViolations = new CopyOnWriteArrayList<>();
        String title = "Ransomware at GovCERT-" + RUN;

        // ---- The commander opens the room in the UI --------------------------------------------
        long started = System.nanoTime();
        BrowserContext cmdContext = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
        Page cmd = Chromium.page(cmdContext, cspViolations);
        cmd.navigate(BASE_URL + "/incidents");
        Chromium.signInOnKeycloak(cmd, commander);
        assertThat(Chromium.heading(cmd)).hasText("Incidents");
        cmd.getByTestId("new-incident-button").click();
        cmd.getByTestId("incident-title").fill(title);
        cmd.getByTestId("incident-summary").fill("File servers encrypted overnight; ransom note mentions a leak site.");
        cmd.getByTestId("incident-severity").selectOption("HIGH");
        cmd.getByTestId("new-incident-form").getByTestId("label-classification").selectOption("CONFIDENTIAL");
        cmd.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("incident-new-form.png")).setFullPage(true));
        cmd.getByTestId("composer-submit").click();
        cmd.waitForURL(Pattern.compile(".*/incidents/[0-9a-f-]{36}$"), new Page.WaitForURLOptions().setTimeout(15_000));
        String roomUrl = cmd.url();
        assertThat(Chromium.heading(cmd)).hasText(title);
        assertThat(cmd.getByTestId("incident-marking")).hasText("CONFIDENTIAL");
        assertThat(cmd.getByTestId("connection-status")).hasAttribute("data-state", "connected");
        assertThat(cmd.getByTestId("timeline-event").first()).containsText("opened the incident");

        cmd.getByTestId("add-member-username").fill(responder);
        cmd.getByTestId("add-member-role").selectOption("RESPONDER");
        cmd.getByTestId("add-member-submit").click();
        assertThat(member(cmd, responder)).hasCount(1);
        System.out.printf("[incident-it] room opened and responder added in %d ms%n", millisSince(started));

        // ---- The responder opens the same room ------------------------------------------------
        BrowserContext respContext = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
        Page resp = Chromium.page(respContext, cspViolations);
        resp.navigate(roomUrl);
        Chromium.signInOnKeycloak(resp, responder);
        assertThat(Chromium.heading(resp)).hasText(title);
        assertThat(resp.getByTestId("connection-status")).hasAttribute("data-state", "connected");
        assertThat(resp.getByTestId("composer-body")).isVisible();
        // Presence: the commander sees the responder come online.
        assertThat(member(cmd, responder).locator(".presence-dot--online")).hasCount(1);

        // ---- Messages: at the room's label, above it (SECRET), and at the room's label again ---
        String visible = "Isolate the file servers " + RUN;
        String secret = "SECRET attribution note " + RUN;
        String after = "Rotate the domain admin credentials " + RUN;

        long sent = System.nanoTime();
        send(cmd, visible);
        live(resp, visible);
        long firstDelivery = millisSince(sent);

        cmd.getByTestId("composer-label-toggle").click();
        cmd.getByTestId("chat-composer").getByTestId("label-classification").selectOption("SECRET");
        assertThat(cmd.getByTestId("composer-marking")).hasText("SECRET");
        send(cmd, secret);
        Locator secretOnCmd = message(cmd, secret);
        assertThat(secretOnCmd).hasCount(1);
        assertThat(secretOnCmd.getByTestId("message-marking")).hasText("SECRET");
        assertThat(cmd.getByTestId("marking-banner").first()).hasText("SECRET");
        assertThat(cmd.getByTestId("composer-marking")).hasText("CONFIDENTIAL"); // back to the room's label
        send(cmd, after);
        live(resp, after);

        // The responder got the first and the third, in order, and nothing of the second.
        assertThat(message(resp, secret)).hasCount(0);
        assertFalse(resp.content().contains(secret), "the SECRET message is nowhere in the responder's page");
        List<String> respTexts = resp.getByTestId("message-html").allTextContents();
        int first = indexContaining(respTexts, visible);
        assertTrue(first >= 0 && first < indexContaining(respTexts, after), respTexts.toString());
        assertThat(resp.getByTestId("marking-banner").first()).hasText("CONFIDENTIAL");
        assertThat(resp.getByTestId("timeline-pending")).hasCount(0);
        assertThat(cmd.getByTestId("timeline-pending")).hasCount(0);

        // ---- Typing and the reply ---------------------------------------------------------------
        String reply = "Done: shares offline, snapshots intact " + RUN;
        resp.getByTestId("composer-body").fill(reply);
        assertThat(cmd.getByTestId("typing")).containsText("Ravi");
        sent = System.nanoTime();
        resp.getByTestId("composer-body").press("Enter");
        live(cmd, reply);
        long replyDelivery = millisSince(sent);
        assertThat(message(resp, reply)).hasCount(1);

        // ---- A status change shows in both timelines ---------------------------------------------
        resp.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("incident-room-responder.png")));
        assertThat(resp.locator(".room-header__moves")).hasCount(0); // a responder may not manage it
        sent = System.nanoTime();
        cmd.getByTestId("status-move-CONTAINED").click();
        for (Page p : List.of(cmd, resp)) {
            Locator status = p.locator("[data-testid=timeline-event][data-kind=STATUS]");
            assertThat(status).hasCount(1, new com.microsoft.playwright.assertions.LocatorAssertions.HasCountOptions()
                    .setTimeout(LIVE_TIMEOUT_MS));
            assertThat(status).containsText("CONTAINED");
            assertThat(p.locator(".room-header [data-testid=status-badge]")).containsText("Contained");
        }
        long statusDelivery = millisSince(sent);
        assertThat(cmd.getByTestId("status-move-RESOLVED")).isVisible();
        cmd.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("incident-room-commander.png")));

        // ---- Screens: the list, and the room at a phone's width ---------------------------------
        resp.setViewportSize(390, 844);
        resp.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("incident-room-narrow.png")));
        resp.setViewportSize(1280, 900);
        cmd.getByTestId("nav-incidents").click();
        Locator row = cmd.getByTestId("incident-row").filter(new Locator.FilterOptions().setHasText(title));
        assertThat(row).hasCount(1);
        assertThat(row.getByTestId("status-badge")).containsText("Contained");
        assertThat(row.getByTestId("marking-chip")).hasText("CONFIDENTIAL");
        cmd.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("incident-list.png")));
        cmd.navigate(BASE_URL + "/incidents?status=CLOSED");
        assertThat(cmd.getByTestId("incident-row").filter(new Locator.FilterOptions().setHasText(title))).hasCount(0);

        System.out.printf("[incident-it] live delivery: message %d ms, reply %d ms, status %d ms; whole journey %d ms%n",
                firstDelivery, replyDelivery, statusDelivery, millisSince(started));
        assertEquals(List.of(), cspViolations, "no Content-Security-Policy violations in the incident pages");
        cmdContext.close();
        respContext.close();
    }

    private static Locator member(Page page, String username) {
        return page.locator("[data-testid=member][data-username='" + username + "']");
    }

    private static Locator message(Page page, String text) {
        return page.getByTestId("timeline-message").filter(new Locator.FilterOptions().setHasText(text));
    }

    /** Types into the composer and sends with Enter; the message must be confirmed (no longer pending). */
    private static void send(Page page, String text) {
        page.getByTestId("composer-body").fill(text);
        page.getByTestId("composer-body").press("Enter");
        assertThat(message(page, text)).hasCount(1);
    }

    /** The message arrives in an open page by itself: no reload, no navigation. */
    private static void live(Page page, String text) {
        String before = page.url();
        assertThat(message(page, text)).hasCount(1, new com.microsoft.playwright.assertions.LocatorAssertions.HasCountOptions()
                .setTimeout(LIVE_TIMEOUT_MS));
        assertEquals(before, page.url());
    }

    private static int indexContaining(List<String> texts, String text) {
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
