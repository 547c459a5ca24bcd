package org.cinestack.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.cinestack.TestFilms;
import org.cinestack.cli.Main;

/**
 * The dailies report opens in a real browser (Debian's chromium through Playwright) without the network: every shot
 * shows with its takes' stills decoded, its circled take marked A, and every cut's verdict.
 */
class DailiesReportBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final String FILM = TestFilms.withAna("Report & <Review>", 320, 180, "INT. HALL - NIGHT",
        "{id: a, size: ws, subject: ana, duration: 1}",
        "{id: b, size: cu, subject: ana, duration: 1, camera: {move: push-in}}",
        "{id: c, size: ms, subject: ana, duration: 1, camera: {move: pan-left}}");

    @Test
    void everyShotShowsWithItsStillsAndEveryCutItsVerdict(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "Debian's chromium is not installed ("
            + "'apt-get install chromium'; run-tests installs it)");
        Files.writeString(dir.resolve("film.yaml"), FILM);
        FilmRender.render(dir, new FilmRender.Options(null, 2, "previs", 2, new RenderListener() { }));
        Path page = dir.resolve("out/dailies/index.html");
        assertThat(page).isRegularFile();
        Files.delete(page);
        assertThat(Main.run("dailies", dir.toString())).as("the command writes it again from film.lock").isZero();
        assertThat(page).isRegularFile();

        JsonNode json = new JsonMapper().readTree(dir.resolve("out/dailies/dailies.json").toFile());
        assertThat(json.path("shots")).hasSize(3);
        assertThat(json.path("cuts")).hasSize(2);
        for (JsonNode s : json.path("shots")) {
            assertThat(s.path("takes")).hasSize(2);
            assertThat(s.path("status").asString()).isEqualTo("circled");
        }

        List<String> fetched = new ArrayList<>();
        try (Playwright pw = Playwright.create(new Playwright.CreateOptions()
                 .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
             Browser browser = pw.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
                 .setArgs(List.of("--no-sandbox")))) {
            Page p = browser.newPage();
            p.onRequest(r -> fetched.add(r.url()));
            p.navigate(page.toUri().toString());
            assertThat(p.title()).isEqualTo("Dailies: Report & <Review>");
            assertThat(p.locator("section.shot").count()).isEqualTo(3);
            for (String shot : List.of("a", "b", "c")) {
                var section = p.locator("#shot-" + shot);
                assertThat(section.locator("tr.take").count()).as(shot).isEqualTo(2);
                assertThat(section.locator(".A").count()).as(shot + " has its circled take").isEqualTo(1);
                assertThat(section.locator("img").count()).as(shot + ": three stills a take").isEqualTo(6);
            }
            Object decoded = p.evaluate("() => Array.from(document.images).every(i => i.complete && "
                + "i.naturalWidth > 0)");
            assertThat(decoded).as("every still decodes").isEqualTo(true);
            assertThat(p.locator("tr.cut").count()).isEqualTo(2);
            assertThat(p.locator("tr.cut").first().innerText()).contains("a", "b");
            assertThat(p.locator("#summary").innerText()).contains("3 shots, 6 takes");
        }
        assertThat(fetched).as("nothing but the page itself: stills are inlined")
            .allMatch(u -> u.startsWith("file:") || u.startsWith("data:"));
    }
}
