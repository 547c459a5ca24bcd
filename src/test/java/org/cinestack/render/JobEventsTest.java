package org.cinestack.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.cinestack.TestFilms;
import org.cinestack.render.graph.JobEvent;
import org.cinestack.render.graph.JobKind;

/**
 * A render is a graph of jobs and says so: every shot's shoot and dailies, the cut, mix, master, each deliverable,
 * the interchange files and the provenance start and end as events; a second render with nothing changed finds each in the cache.
 */
class JobEventsTest {
    private static final String FILM = TestFilms.withAna("Jobs", 320, 180, "INT. HALL - NIGHT",
        "{id: a, size: ws, subject: ana, duration: 1}",
        "{id: b, size: cu, subject: ana, duration: 1, camera: {move: zoom-in}}").replaceFirst("\ncast:",
        "\ndeliver: [web]\ncast:");

    private static List<JobEvent> render(Path dir) {
        List<JobEvent> events = Collections.synchronizedList(new ArrayList<>());
        FilmRender.render(dir, new FilmRender.Options(null, 1, "previs", 2, new RenderListener() {
            @Override
            public void job(JobEvent event) {
                events.add(event);
            }
        }));
        return events;
    }

    /** @return per job label, the names of its events in order */
    private static Map<String, List<String>> byJob(List<JobEvent> events) {
        return events.stream().collect(Collectors.groupingBy(e -> e.job().label(), java.util.LinkedHashMap::new,
            Collectors.mapping(e -> e.getClass().getSimpleName(), Collectors.toList())));
    }

    @Test
    void everyJobStartsAndEndsAndASecondRenderFindsThemMade(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("film.yaml"), FILM);
        Map<String, List<String>> first = byJob(render(dir));
        assertThat(first.keySet()).containsExactly("shoot a", "shoot b", "dailies a", "dailies b", "cut jobs",
            "mix jobs", "master jobs", "deliverable web", "interchange jobs", "provenance jobs", "report jobs");
        first.forEach((job, said) -> assertThat(said).as(job).startsWith("Queued", "Started").endsWith("Done"));

        List<JobEvent> second = render(dir);
        Map<String, List<String>> again = byJob(second);
        for (String job : List.of("shoot a", "shoot b", "dailies a", "dailies b", "mix jobs", "master jobs",
            "deliverable web")) {
            assertThat(again.get(job)).as(job).containsExactly("Queued", "Started", "Cached");
        }
        assertThat(second.stream().filter(e -> e.job().kind() == JobKind.SHOOT).map(e -> e.job().id()).distinct())
            .as("a shot's job is named by its inputs: the same both times").hasSize(2);
    }
}
