package org.cinestack.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.cinestack.film.BadInputException;

/**
 * CMX 3600: our EDL reads back to the same cut; every EDL of the OpenTimelineIO cmx_3600 adapter's samples reads; the
 * screening example gives the clips of its OTIO twin (same names, source starts and lengths).
 */
class EdlTest {
    static final Path EDLS = Path.of(System.getProperty("cinestack.shared", "../shared"), "material", "otio",
        "cmx3600-edl");
    static final Path OTIO = EDLS.resolveSibling("core-sample_data").resolve("screening_example.otio");

    @Test
    void ourEdlRoundTripsThroughOurReader() {
        Timeline t = new Timeline("The Last Lamp", 24, List.of(new Track("V1", "Video", List.of(
            new Clip("s1-tower", Path.of("/p/.cinestack/takes/ab/1/take.mp4"), 0, 62, 62, "x"),
            new Clip("s2-walk", Path.of("/p/.cinestack/takes/cd/1/take.mp4"), 5, 90, 120, "y"),
            Clip.gap(12),
            new Clip("s3-mara", Path.of("/p/.cinestack/takes/ef/2/take.mp4"), 0, 3700, 3700, "z")))));
        String text = Edl.text(t);
        assertThat(text).startsWith("TITLE: The Last Lamp\r\nFCM: NON-DROP FRAME\r\n")
            .contains("002  AX       V     C        00:00:00:05 00:00:03:23 01:00:02:14 01:00:06:08\r\n");
        Edl.Imported back = Edl.parse(text, "ours.edl", 24, null);
        assertThat(back.title()).isEqualTo("The Last Lamp");
        assertThat(back.warnings()).isEmpty();
        List<Clip> clips = back.timeline().tracks().getFirst().clips();
        List<Clip> want = t.tracks().getFirst().clips();
        assertThat(clips).hasSize(want.size());
        for (int i = 0; i < want.size(); i++) {
            assertThat(clips.get(i).isGap()).isEqualTo(want.get(i).isGap());
            assertThat(clips.get(i).durationFrames()).isEqualTo(want.get(i).durationFrames());
            if (want.get(i).isGap()) continue;
            assertThat(clips.get(i).name()).isEqualTo(want.get(i).name());
            assertThat(clips.get(i).media()).isEqualTo(want.get(i).media());
            assertThat(clips.get(i).sourceStartFrame()).isEqualTo(want.get(i).sourceStartFrame());
        }
    }

    static Stream<Path> sharedEdls() throws IOException {
        if (!Files.isDirectory(EDLS)) return Stream.empty();
        try (Stream<Path> s = Files.list(EDLS)) {
            return s.filter(p -> p.toString().endsWith(".edl")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}", allowZeroInvocations = true) // none without shared/material
    @MethodSource("sharedEdls")
    void everySharedEdlReads(Path file) {
        Edl.Imported e;
        try {
            e = Edl.read(file, 24);
        } catch (BadInputException ex) { // a 25 fps list says so by its frame numbers
            assertThat(ex.problems().getFirst().message()).contains("pass --fps");
            e = Edl.read(file, 25);
        }
        assertThat(e.events()).isNotEmpty();
        Track v = e.timeline().tracks().getFirst();
        long videoEvents = e.events().stream().filter(Edl.Event::video).count();
        if (videoEvents > 0) assertThat(v.clips()).isNotEmpty();
        assertThat(v.clips()).allSatisfy(c -> assertThat(c.durationFrames()).isPositive());
    }

    @Test
    void theScreeningExampleGivesTheClipsOfItsOtioTwin() {
        assumeTrue(Files.exists(OTIO), "shared/material/otio is absent: skipping");
        Edl.Imported e = Edl.read(EDLS.resolve("screening_example.edl"), 24);
        JsonNode otio = JsonMapper.builder().build().readTree(OTIO.toFile());
        JsonNode kids = otio.at("/tracks/children/0/children");
        List<Clip> clips = e.timeline().tracks().getFirst().clips().stream().filter(c -> !c.isGap()).toList();
        assertThat(clips).hasSize(kids.size());
        for (int i = 0; i < kids.size(); i++) {
            JsonNode k = kids.get(i);
            assertThat(clips.get(i).name()).isEqualTo(k.path("name").asString());
            assertThat(clips.get(i).sourceStartFrame()).isEqualTo(k.at("/source_range/start_time/value").asInt());
            assertThat(clips.get(i).durationFrames()).isEqualTo(k.at("/source_range/duration/value").asInt());
        }
    }

    @Test
    void aBrokenEventNamesItsLine() {
        assertThatThrownBy(() -> Edl.parse("TITLE: x\n001  AX V C 01:00:00:00 01:00:01:00\n", "bad.edl", 24, null))
            .isInstanceOf(BadInputException.class).satisfies(ex -> {
                var p = ((BadInputException) ex).problems().getFirst();
                assertThat(p.line()).isEqualTo(2);
                assertThat(p.message()).contains("four timecodes");
            });
        assertThatThrownBy(() -> Edl.parse("001  AX V C 01:00:00:00 01:00:01:30 01:00:00:00 01:00:01:00\n", "r.edl",
            24, null)).isInstanceOf(BadInputException.class).hasMessageContaining("pass --fps");
    }
}
