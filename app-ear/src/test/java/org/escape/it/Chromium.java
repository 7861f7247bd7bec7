package org.escape.it;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

/**
 * Debian's headless Chromium driven by Playwright — never a downloaded browser. The flags keep
 * Chromium from reaching for the network on its own (this machine has no internet).
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
}
