package org.cinestack.render.farm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.cinestack.TestFilms;
import org.cinestack.render.FilmRender;
import org.cinestack.render.RenderListener;
import org.cinestack.render.graph.JobEvent;
import org.cinestack.render.graph.JobKind;

/**
 * A render of one shot on a farm ({@code render --shot b --farm}): the request carries the shot, so the worker stages
 * the same graph: only b's shoot and dailies jobs are queued, b's takes alone are made, and the render says the master
 * waits for the other shots.
 */
class FarmShotTest {
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void oneShotIsRenderedOnTheFarm(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("film.yaml"), TestFilms.withAna("Parts", 320, 180, "INT. ROOM - DAY",
            "{id: a, size: ws, subject: ana, duration: 1}", "{id: b, size: cu, subject: ana, duration: 1}",
            "{id: c, size: ms, subject: ana, duration: 1}"));
        String url = TestPostgres.freshDatabase();
        List<JobEvent> events = new CopyOnWriteArrayList<>();
        try (FarmWorkers workers = new FarmWorkers(url, 1, 1, Map.of()); Farm farm = Farm.connect(url, 4)) {
            FilmRender.Options o = new FilmRender.Options(null, 1, null, 2, new RenderListener() {
                @Override
                public void job(JobEvent event) {
                    events.add(event);
                }
            }).withShots(List.of("b"));
            FarmJobRunner runner = new FarmJobRunner(farm, RenderRequest.of(dir.resolve("film.yaml"), o));
            FilmRender.Result r = FilmRender.render(dir, o, runner);
            assertThat(r.waitingFor()).as(workers.logs()).containsExactly("a", "c");
            assertThat(runner.lastGraphSize()).as("b's shoot and dailies").isEqualTo(2);
            assertThat(events).filteredOn(e -> e instanceof JobEvent.Done).extracting(e -> e.job().kind() + " "
                + e.job().subject()).containsExactlyInAnyOrder("SHOOT b", "DAILIES b");
            assertThat(events).filteredOn(e -> e instanceof JobEvent.Done).allMatch(e -> e.job().kind()
                == JobKind.SHOOT || e.job().kind() == JobKind.DAILIES);
            try (Stream<Path> s = Files.walk(dir.resolve(".cinestack/takes"))) {
                assertThat(s.filter(p -> p.getFileName().toString().equals("take.json")).count()).isEqualTo(1);
            }
            assertThat(Files.readString(dir.resolve("film.lock"))).contains("b:").doesNotContain("a:");
        }
    }
}
