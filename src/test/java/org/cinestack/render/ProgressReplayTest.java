package org.cinestack.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The time left against real renders of the example (with its vertical version) on 2 cores, replayed on their
 * recorded clocks: from a third of the render on, within 25 % of the time that was in fact left.
 */
class ProgressReplayTest {

    @ParameterizedTest
    @ValueSource(strings = {"example-render-progress-1.txt", "example-render-progress-2.txt"})
    void theTimeLeftHoldsOnRecordedRenders(String name) throws IOException {
        List<String> lines;
        try (InputStream in = ProgressReplayTest.class.getResourceAsStream(name)) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        List<RenderEvent> events = new ArrayList<>();
        double total = ProgressRecording.replay(lines, events);
        assertThat(total).isGreaterThan(60);
        double worst = events.stream().filter(e -> e.elapsedSeconds() >= total / 3 && e.etaSeconds() >= 0
            && total - e.elapsedSeconds() > 8).mapToDouble(e -> Math.abs(e.etaSeconds() - (total - e.elapsedSeconds()))
            / (total - e.elapsedSeconds())).max().orElse(0);
        System.out.printf(java.util.Locale.ROOT, "%s: %.1f s render, time left at worst %.0f %% off%n", name, total,
            100 * worst);
        assertThat(events.stream().filter(e -> e.elapsedSeconds() >= total / 3 && e.etaSeconds() >= 0).count())
            .isGreaterThan(100);
        assertThat(ProgressRecording.offByMoreThanAQuarter(events, total)).isEmpty();
    }
}
