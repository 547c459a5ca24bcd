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

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.cinestack.media.VideoReader;
import org.cinestack.render.FilmRender;
import org.cinestack.render.RenderListener;

/**
 * The studio on the example film (examples/the-last-lamp, as written but rendered at 480x270 so the test is quick, and
 * with rain on the harbour: previs takes of one shot differ only in their weather),
 * in a real browser: the board shows its 14 shots as cards with their stills; a take plays; take B of a shot is
 * circled on its page and that shot alone is rendered, its progress reaching 100 %; the master then uses take B, seen
 * on its frames (the shot's part of the master is nearer take B's pictures than take A's); a lens the rules refuse is
 * shown beside its field, and a lens changed from 32 to 85 mm is rendered again and shown on the board. Screenshots of
 * the board, a shot's page and the master's page are written to {@code target/studio-*.png} (the README's are
 * copied from them).
 */
class StudioExampleBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theExampleIsReviewedCircledAndRenderedShotByShot(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "Debian's chromium is not installed ("
            + "'apt-get install chromium'; run-tests installs it)");
        Path film = Files.createDirectories(dir.resolve("the-last-lamp"));
        Files.writeString(film.resolve("film.yaml"), Files.readString(Path.of("examples/the-last-lamp/film.yaml"))
            .replace("  width: 1920\n  height: 1080\n", "  width: 480\n  height: 270\n")
            // previs takes differ only in their weather (rain falls where each take's seed puts it)
            .replace("    weather: clear\n", "    weather: rain\n"));
        FilmRender.render(film, new FilmRender.Options(null, 2, "previs", 2, new RenderListener() { })
            .withRetakes(0));
        try (Studio studio = Studio.start(dir, "127.0.0.1", 0, Optional.empty());
             Playwright pw = Playwright.create(new Playwright.CreateOptions()
                 .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
             Browser browser = pw.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
                 .setArgs(List.of("--no-sandbox")))) {
            Page p = browser.newPage(new Browser.NewPageOptions().setViewportSize(1280, 900));
            p.navigate(studio.loginUrl());
            p.locator("#films a").click();
            p.waitForSelector(".card");
            assertThat(p.title()).isEqualTo("The Last Lamp");
            assertThat(p.locator(".card").count()).isEqualTo(14);
            assertThat(p.locator(".card img").count()).isEqualTo(14);
            p.waitForFunction("() => Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)");
            p.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/studio-board.png")));

            // a take plays
            p.locator(".card[data-shot=s11-morning] a").click();
            p.waitForSelector(".take video");
            Object played = p.evaluate("async () => { const v = document.querySelector('.take video'); v.muted = true;"
                + " await v.play(); await new Promise(r => setTimeout(r, 600)); v.pause(); return v.currentTime; }");
            assertThat(((Number) played).doubleValue()).as("the take played, s").isGreaterThan(0.2);

            // circle take B and render this shot alone
            int a = Integer.parseInt(p.locator(".take:has(.A)").getAttribute("data-take"));
            int b = Integer.parseInt(p.locator(".take:has(.B)").getAttribute("data-take"));
            assertThat(b).isNotEqualTo(a);
            p.locator("button.circle[data-take=\"" + b + "\"]").click();
            p.waitForFunction("() => document.getElementById('status').textContent.includes('director')");
            p.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/studio-shot.png")).setFullPage(false));
            p.locator("#render-shot").click();
            p.waitForFunction("() => document.getElementById('progress').dataset.state === 'done'", null,
                new Page.WaitForFunctionOptions().setTimeout(180_000));
            assertThat(p.locator("#progress").innerText()).startsWith("done 100").contains("s11-morning");

            // the master uses take B: on its page, and on its frames
            p.navigate(studio.url() + "/films/the-last-lamp/master");
            assertThat(p.locator("#cut tr[data-shot=s11-morning] .take-used").innerText()).isEqualTo(String.valueOf(b));
            p.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/studio-master.png")));
            JsonNode master = JSON.readTree(p.request().get(studio.url() + "/api/films/the-last-lamp/master").text());
            JsonNode cut = null;
            int at = 0;
            for (JsonNode c : master.path("cut")) {
                if (c.path("shot").asString().equals("s11-morning")) {
                    cut = c;
                    break;
                }
                at += c.path("frames").asInt();
            }
            assertThat(cut).isNotNull();
            int frames = cut.path("frames").asInt();
            JsonNode board = JSON.readTree(p.request().get(studio.url() + "/api/films/the-last-lamp/board").text());
            JsonNode shot = null;
            for (JsonNode s : board.path("shots")) if (s.path("shot").asString().equals("s11-morning")) shot = s;
            Path takeA = null, takeB = null;
            for (JsonNode t : shot.path("takes")) {
                Path video = dir.resolve(t.path("video").asString().substring("/files/".length()));
                if (t.path("take").asInt() == a) takeA = video;
                if (t.path("take").asInt() == b) takeB = video;
            }
            int source = cut.path("sourceFrame").asInt() + frames / 2;
            double toB = 0, toA = 0;
            for (int k = -1; k <= 1; k++) { // three frames in the middle of the shot, each against the same of A and B
                double[] m = luma(film.resolve("out/the-last-lamp.mp4"), at + frames / 2 + k),
                    la = luma(takeA, source + k), lb = luma(takeB, source + k);
                toB += towards(m, la, lb) / 3;
                toA += towards(m, lb, la) / 3;
            }
            System.out.printf(java.util.Locale.ROOT, "s11-morning in the master: %.3f towards take B, %.3f towards "
                + "take A%n", toB, toA);
            // seen: 0.30 towards B, 0.00 towards A; by chance either would be within about 0.01 of 0
            assertThat(toB).as("the master's s11-morning is take B's picture (towards A: %.3f)", toA)
                .isGreaterThan(0.15);
            assertThat(toA).isLessThan(0.05);

            // a lens the rules refuse is shown beside its field; 32 -> 85 mm is saved and rendered
            p.navigate(studio.url() + "/films/the-last-lamp/shots/s6-stairs");
            StudioBrowserTest.changeLens(p, "32", "85", () -> assertThat(Files.readString(film.resolve("film.yaml")))
                .as("nothing written").contains("lens: 32,"));
            assertThat(Files.readString(film.resolve("film.yaml"))).contains("camera: {move: pedestal-up, lens: 85, "
                + "aperture: 4, angle: high, speed: 0.45}");
            p.locator("#render-shot").click();
            p.waitForFunction("() => document.getElementById('progress').dataset.state === 'done'", null,
                new Page.WaitForFunctionOptions().setTimeout(180_000));
            p.navigate(studio.url() + "/films/the-last-lamp");
            assertThat(p.locator(".card[data-shot=s6-stairs] small").first().innerText()).contains("85 mm");
            p.navigate(studio.url() + "/films/the-last-lamp/master");
            assertThat(p.locator("#cut tr[data-shot=s11-morning] .take-used").innerText()).as("still take B")
                .isEqualTo(String.valueOf(b));
        }
    }

    /** @return the luma of one frame on a 96 x 40 grid of block means, over the picture inside any letterbox */
    private static double[] luma(Path video, int frame) {
        try (VideoReader r = new VideoReader(video)) {
            byte[] bgr = new byte[r.width() * r.height() * 3];
            for (int i = 0; i <= frame; i++) assertThat(r.next(bgr)).as("frame %d of %s", frame, video).isTrue();
            int w = r.width(), h = r.height();
            int picture = Math.min(h, (int) Math.round(w / 2.39)), top = (h - picture) / 2;
            double[] grid = new double[96 * 40];
            int[] n = new int[grid.length];
            for (int y = top; y < top + picture; y++) {
                for (int x = 0; x < w; x++) {
                    int o = (y * w + x) * 3;
                    int cell = Math.min(39, (y - top) * 40 / picture) * 96 + Math.min(95, x * 96 / w);
                    grid[cell] += 0.114 * (bgr[o] & 0xff) + 0.587 * (bgr[o + 1] & 0xff) + 0.299 * (bgr[o + 2] & 0xff);
                    n[cell]++;
                }
            }
            for (int i = 0; i < grid.length; i++) grid[i] /= Math.max(1, n[i]);
            return grid;
        }
    }

    /**
     * @return the correlation between what the master has that take {@code from} does not (the master's blocks less
     *         the best affine fit of {@code from}'s: the grade and the finishing are near affine in luma) and where
     *         take {@code to} differs from {@code from}: near 1 when the master was made from {@code to}, near 0 when
     *         from {@code from}
     */
    private static double towards(double[] m, double[] from, double[] to) {
        int n = m.length;
        double sx = 0, sm = 0, sxx = 0, sxm = 0;
        for (int i = 0; i < n; i++) {
            sx += from[i];
            sm += m[i];
            sxx += from[i] * from[i];
            sxm += from[i] * m[i];
        }
        double g = (n * sxm - sx * sm) / (n * sxx - sx * sx), c = (sm - g * sx) / n;
        double[] r = new double[n], d = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = m[i] - g * from[i] - c;
            d[i] = to[i] - from[i];
        }
        return correlation(r, d);
    }

    private static double correlation(double[] x, double[] y) {
        double mx = java.util.Arrays.stream(x).average().orElse(0), my = java.util.Arrays.stream(y).average().orElse(0);
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
