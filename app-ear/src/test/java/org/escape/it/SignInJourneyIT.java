package org.escape.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.escape.it.TestServers.BASE_URL;
import static org.escape.it.TestServers.KEYCLOAK_URL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The browser tier: a person opens ESCAPE, is sent to Keycloak's real sign-in page, lands in the
 * shell with their country and clearance, moves around, and signs out — which ends the Keycloak
 * session for real.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SignInJourneyIT {

    private static final Path SCREENSHOTS = Paths.get(System.getProperty("escape.screenshots", "target/screenshots"));

    private static Playwright playwright;
    private static Browser browser;

    private BrowserContext context;
    private Page page;
    private final List<String> cspViolations = new CopyOnWriteArrayList<>();

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

    @BeforeEach
    void openPage() {
        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800));
        page = context.newPage();
        page.setDefaultTimeout(30_000);
        page.onConsoleMessage(message -> {
            if (page.url().startsWith(BASE_URL) && message.text().contains("Content Security Policy")) {
                cspViolations.add(message.text());
            }
        });
    }

    @AfterEach
    void closePage(TestInfo test) {
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SCREENSHOTS.resolve(test.getTestMethod().orElseThrow().getName() + "-end.png")));
        context.close();
    }

    @Test
    void aliceSignsInSeesHerProfileMovesAroundAndSignsOut() {
        // Other tests sign alice in through the password grant: count relative to what exists now.
        int sessionsBefore = KeycloakSessions.count("alice");
        page.navigate(BASE_URL + "/");
        signInOnKeycloak("alice");

        assertThat(page.getByTestId("user-summary")).hasText("GBR · SECRET");
        assertThat(page.getByTestId("welcome")).isVisible();
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("shell-alice.png")));

        // Every area of the navigation shows its page (none is a placeholder any more).
        for (String area : List.of("Forums", "Incidents", "Knowledge base", "Search", "Notifications")) {
            page.getByRole(com.microsoft.playwright.options.AriaRole.NAVIGATION)
                    .getByRole(com.microsoft.playwright.options.AriaRole.LINK,
                            // the name starts with the area's ("Notifications" may carry "3 unread" after it);
                            // plain words, as Playwright hands the pattern to JavaScript (no \\Q…\\E)
                            new com.microsoft.playwright.Locator.GetByRoleOptions()
                                    .setName(java.util.regex.Pattern.compile("^" + area + "\\b")))
                    .click();
            assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.HEADING,
                    new com.microsoft.playwright.Page.GetByRoleOptions().setLevel(1))).containsText(area);
            assertThat(page.getByTestId("area-placeholder")).hasCount(0);
        }

        page.getByTestId("user-menu-button").click();
        assertThat(page.getByTestId("user-display-name")).hasText("Alice Hartley");
        assertThat(page.getByTestId("user-roles")).containsText("moderator");
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("shell-alice-menu.png")));
        assertEquals(sessionsBefore + 1, KeycloakSessions.count("alice"), "signing in opens one Keycloak session");

        page.getByTestId("sign-out").click();
        page.locator("#username").waitFor();
        assertTrue(page.url().startsWith(KEYCLOAK_URL), page.url());
        assertEquals(sessionsBefore, KeycloakSessions.count("alice"), "signing out ends that Keycloak session");

        // Coming back needs a new sign-in: nothing of the old session survives.
        page.navigate(BASE_URL + "/");
        page.locator("#username").waitFor();
        assertTrue(page.url().startsWith(KEYCLOAK_URL), page.url());
        assertEquals(List.of(), cspViolations, "no Content-Security-Policy violations in the app");
    }

    @Test
    void aDeepLinkSurvivesTheSignInAndAnotherUserSeesTheirOwnProfile() {
        page.navigate(BASE_URL + "/kb");
        signInOnKeycloak("chen");

        assertThat(page).hasURL(BASE_URL + "/kb");
        assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.HEADING,
                new com.microsoft.playwright.Page.GetByRoleOptions().setLevel(1))).hasText("Knowledge base");
        assertThat(page.getByTestId("user-summary")).hasText("MYS · RESTRICTED");
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("shell-chen-kb.png")));
        assertEquals(List.of(), cspViolations, "no Content-Security-Policy violations in the app");
    }

    @Test
    void anAuditorBrowsesTheTrailAndVerifiesTheChain() {
        page.navigate(BASE_URL + "/");
        signInOnKeycloak("audrey");

        page.getByTestId("nav-audit").click();
        assertThat(page.getByTestId("audit-table")).isVisible();
        assertThat(page.getByTestId("audit-row").first()).isVisible();
        page.getByTestId("audit-verify").click();
        assertThat(page.getByTestId("audit-verify-result")).containsText("Chain intact");
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("audit-audrey.png")));

        page.getByTestId("user-menu-button").click();
        page.getByTestId("user-menu-profile").click();
        assertThat(page.getByTestId("profile-country")).containsText("CHE");
        assertThat(page.getByTestId("profile-clearance")).containsText("SECRET");
        assertEquals(List.of(), cspViolations, "no Content-Security-Policy violations in the app");
    }

    @Test
    void aMemberSeesNoAuditTrail() {
        page.navigate(BASE_URL + "/audit");
        signInOnKeycloak("bashir");

        assertThat(page.getByTestId("nav-audit")).hasCount(0);
        assertThat(page.getByTestId("audit-forbidden")).isVisible();
    }

    @Test
    void aWrongPasswordStaysOnKeycloakWithAnError() {
        page.navigate(BASE_URL + "/");
        page.locator("#username").fill("eve");
        page.locator("#password").fill("not-her-password");
        page.locator("#kc-login").click();

        assertThat(page.locator("#input-error, .kc-feedback-text, [id*=error]").first()).isVisible();
        assertTrue(page.url().startsWith(KEYCLOAK_URL), page.url());
    }

    private void signInOnKeycloak(String username) {
        page.locator("#username").waitFor();
        assertTrue(page.url().startsWith(KEYCLOAK_URL + "/realms/escape/"), "sent to Keycloak: " + page.url());
        page.locator("#username").fill(username);
        page.locator("#password").fill(username);
        page.locator("#kc-login").click();
        page.waitForURL(url -> url.startsWith(BASE_URL));
    }
}
