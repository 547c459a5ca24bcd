package org.cinestack.studio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.cinestack.TestFilms;
import org.cinestack.render.FilmRender;
import org.cinestack.render.RenderListener;

/**
 * The studio in a real browser (Debian's chromium through Playwright), entered by its one-time link: the board shows
 * every shot as a card with its still decoded; a shot's page plays its takes; circling the other take there writes
 * film.lock, and the board then shows the shot circled by the director with that take; a render started from the
 * board shows its progress, pushed by the server, up to 100 %, and the master then cuts that take (its provenance).
 */
class StudioBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @Test
    void theBoardShowsEveryShotAndATakeIsCircledFromItsPage(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "Debian's chromium is not installed ("
            + "'apt-get install chromium'; run-tests installs it)");
        Path film = Files.createDirectories(dir.resolve("lamp"));
        Files.writeString(film.resolve("film.yaml"), TestFilms.withAna("The <Lamp>", 320, 180, "INT. TOWER - NIGHT",
            "{id: a, size: ws, subject: ana, duration: 1}", "{id: b, size: cu, subject: ana, duration: 1}",
            "{id: c, size: ms, subject: ana, duration: 1, camera: {move: pan-left, lens: 35}}"));
        FilmRender.render(film, new FilmRender.Options(null, 2, "previs", 2, new RenderListener() { })
            .withRetakes(0));
        String other;
        try (Studio studio = Studio.start(dir, "127.0.0.1", 0, Optional.of("browser-token-1"));
             Playwright pw = Playwright.create(new Playwright.CreateOptions()
                 .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
             Browser browser = pw.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
                 .setArgs(List.of("--no-sandbox")))) {
            Page p = browser.newPage();
            p.navigate(studio.loginUrl());
            assertThat(p.locator("#films a").innerText()).isEqualTo("lamp");
            p.locator("#films a").click();
            p.waitForSelector(".card");
            assertThat(p.title()).isEqualTo("The <Lamp>");
            assertThat(p.locator(".card").count()).isEqualTo(3);
            assertThat(p.locator(".card img").count()).isEqualTo(3);
            Object decoded = p.evaluate("() => Array.from(document.images).every(i => i.complete && "
                + "i.naturalWidth > 0)");
            assertThat(decoded).as("every still decodes").isEqualTo(true);

            p.locator(".card[data-shot=b] a").click();
            p.waitForSelector("video");
            assertThat(p.locator(".take video").count()).isEqualTo(2);
            Object playable = p.evaluate("async () => { const v = document.querySelector('video'); "
                + "if (v.readyState < 1) await new Promise(r => v.onloadedmetadata = r); return v.duration; }");
            assertThat(((Number) playable).doubleValue()).as("the take plays: its length").isGreaterThan(0.5);
            // A and B side by side and as a wipe, held to A's time
            assertThat(p.locator("#ab video").count()).isEqualTo(4);
            p.locator("#ab-play").click();
            p.waitForFunction("() => document.getElementById('ab-a').currentTime > 0.3", null,
                new Page.WaitForFunctionOptions().setTimeout(20_000));
            Object apart = p.evaluate("() => Math.max(...['ab-b', 'wipe-a', 'wipe-b'].map(i => Math.abs("
                + "document.getElementById(i).currentTime - document.getElementById('ab-a').currentTime)))");
            assertThat(((Number) apart).doubleValue()).as("B and the wipe follow A, s").isLessThan(0.2);
            p.locator("#ab-wipe").fill("20");
            assertThat(p.evaluate("() => document.getElementById('wipe-b').style.clipPath"))
                .isEqualTo("inset(0px 0px 0px 20%)");
            // a note on take 1, kept in the project
            p.locator("textarea.note[data-take='1']").fill("the light comes up late");
            p.locator("button.keep-note[data-take='1']").click();
            p.waitForFunction("() => document.querySelector(\".note-status[data-take='1']\").textContent === 'kept'");
            assertThat(Files.readString(film.resolve("notes.json"))).contains("the light comes up late");
            String circled = p.locator(".take:has(.A)").getAttribute("data-take");
            other = circled.equals("1") ? "2" : "1";
            p.locator("button.circle[data-take=\"" + other + "\"]").click();
            p.waitForFunction("() => document.getElementById('status').textContent.includes('director')");
            assertThat(Files.readString(film.resolve("film.lock"))).containsPattern("b: \\{.*take: " + other
                + ",.*by: director");
            p.navigate(studio.url() + "/films/lamp");
            assertThat(p.locator(".card[data-shot=b] .status").innerText()).isEqualTo("circled (take " + other + ")");

            // render from the board and watch its progress, pushed by the server, reach 100 %
            p.locator("#render").click();
            p.waitForFunction("() => document.getElementById('progress').dataset.state === 'done'", null,
                new Page.WaitForFunctionOptions().setTimeout(120_000));
            assertThat(p.locator("#progress").innerText()).startsWith("done 100");

            // change shot c's lens from 35 to 85 mm in its form, see a bad value refused inline, render again
            p.navigate(studio.url() + "/films/lamp/shots/c");
            changeLens(p, "35", "85", () -> assertThat(Files.readString(film.resolve("film.yaml")))
                .as("nothing written").contains("lens: 35}"));
            assertThat(Files.readString(film.resolve("film.yaml"))).contains("camera: {move: pan-left, lens: 85}");
            p.navigate(studio.url() + "/films/lamp");
            p.locator("#render").click();
            p.waitForFunction("() => document.getElementById('progress').dataset.state === 'done'", null,
                new Page.WaitForFunctionOptions().setTimeout(120_000));
            p.reload();
            assertThat(p.locator(".card[data-shot=c] small").first().innerText()).contains("85 mm");
            assertThat(p.locator(".card[data-shot=c] .status").innerText()).startsWith("circled");
        }
        Path provenance;
        try (var files = Files.list(film.resolve("out"))) {
            provenance = files.filter(f -> f.getFileName().toString().endsWith(".provenance.json")).findFirst()
                .orElseThrow();
        }
        var ingredient = new tools.jackson.databind.json.JsonMapper().readTree(provenance.toFile())
            .path("ingredients").get(1);
        assertThat(ingredient.path("take").asInt()).as("the master now cuts the take circled in the studio")
            .isEqualTo(Integer.parseInt(other));
    }

    /**
     * On a shot's page: the lens field shows {@code from}; 5000 mm is refused beside the field; {@code to} is saved.
     *
     * @param refused checked after the refusal
     */
    static void changeLens(Page p, String from, String to, ThrowingRunnable refused) throws Exception {
        p.waitForSelector("input[name='camera.lens']");
        assertThat(p.locator("input[name='camera.lens']").inputValue()).isEqualTo(from);
        p.locator("input[name='camera.lens']").fill("5000");
        p.locator("#edit button").click();
        p.waitForFunction("() => document.querySelector(\".problem[data-field='camera.lens']\").textContent"
            + ".length > 0");
        assertThat(p.locator(".problem[data-field='camera.lens']").innerText()).contains("'lens'");
        refused.run();
        p.locator("input[name='camera.lens']").fill(to);
        p.locator("#edit button").click();
        p.waitForFunction("() => document.getElementById('edit-result').textContent === 'saved'");
    }

    /** A check that may throw. */
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
