package org.escape.it;

import static org.escape.it.TestServers.BASE_URL;
import static org.escape.it.TestServers.KEYCLOAK_URL;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

/**
 * Debian's headless Chromium driven by Playwright — never a downloaded browser. The flags keep
 * Chromium from reaching for the network on its own (this machine has no internet). Also the steps
 * every browser test shares: a page that collects Content-Security-Policy violations, the sign-in
 * on Keycloak's real page, the page's main heading.
 */
final class Chromium {

    static final Path EXECUTABLE = Paths.get(System.getProperty("escape.chromium",
            System.getenv().getOrDefault("ESCAPE_CHROMIUM", "/usr/bin/chromium")));

    private Chromium() {
    }

    static Playwright playwright() {
        if (!Files.isExecutable(EXECUTABLE)) {
            throw new IllegalStateException("The browser tests need Debian's chromium at " + EXECUTABLE
                    + " (apt-get install chromium), or ESCAPE_CHROMIUM pointing at a Chromium binary.");
        }
        return Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    static Browser launch(Playwright playwright) {
        return playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(EXECUTABLE)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-dev-shm-usage")));
    }

    /** A new page of {@code context} (30-s default timeout) whose CSP violations on ESCAPE's pages go to {@code cspViolations}. */
    static Page page(BrowserContext context, List<String> cspViolations) {
        Page page = context.newPage();
        page.setDefaultTimeout(30_000);
        page.onConsoleMessage(message -> {
            if (page.url().startsWith(BASE_URL) && message.text().contains("Content Security Policy")) {
                cspViolations.add(message.text());
            }
        });
        return page;
    }

    /** Signs in on Keycloak's page, where the SPA sent the browser (demo and test users' password is their name). */
    static void signInOnKeycloak(Page page, String username) {
        page.locator("#username").waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE));
        assertTrue(page.url().startsWith(KEYCLOAK_URL + "/realms/escape/"), "sent to Keycloak: " + page.url());
        page.locator("#username").fill(username);
        page.locator("#password").fill(username);
        page.locator("#kc-login").click();
        page.waitForURL(url -> url.startsWith(BASE_URL));
    }

    /** The page's main heading (h1). */
    static Locator heading(Page page) {
        return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1));
    }
}
