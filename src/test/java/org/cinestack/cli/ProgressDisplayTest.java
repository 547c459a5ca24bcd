package org.cinestack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import org.cinestack.render.RenderEvent;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The status line, the plain lines through a pipe, the JSON events and quiet. */
class ProgressDisplayTest {
    private static final RenderEvent SHOOTING = new RenderEvent("progress", "shoot", "s5-look", 5, 14, 48, 60, false,
        31.2, 40.0, 72.4);

    @Test
    void theStatusLineSaysStageShotFramesRateAndTimeLeft() {
        assertThat(ProgressDisplay.statusLine(SHOOTING)).isEqualTo("shoot 5/14 s5-look  48/60 frames  31 fps  ETA 1:12");
        assertThat(ProgressDisplay.statusLine(new RenderEvent("progress", "master", "", 0, 14, 480, 1020, false, 25,
            90, -1))).isEqualTo("master  480/1020 frames  25 fps");
        assertThat(ProgressDisplay.statusLine(new RenderEvent("stage", "mix", "", 0, 14, 0, 0, false, 0, 60, 95)))
            .isEqualTo("mix  ETA 1:35");
        assertThat(ProgressDisplay.clock(3725)).isEqualTo("1:02:05");
    }

    @Test
    void onATerminalOneLineIsRedrawnInPlaceAndClearedAtTheEnd() {
        StringWriter err = new StringWriter();
        ProgressDisplay d = new ProgressDisplay(ProgressDisplay.Mode.TERMINAL, new PrintWriter(err),
            new PrintWriter(new StringWriter()));
        d.event(SHOOTING);
        d.warning("careful");
        d.event(SHOOTING);
        d.event(new RenderEvent("done", "master", "", 0, 14, 1020, 1020, false, 25, 130, 0));
        assertThat(err.toString()).isEqualTo("\r\033[Kshoot 5/14 s5-look  48/60 frames  31 fps  ETA 1:12"
            + "\r\033[Kwarning: careful" + System.lineSeparator()
            + "\r\033[Kshoot 5/14 s5-look  48/60 frames  31 fps  ETA 1:12\r\033[K");
    }

    @Test
    void throughAPipeOneLinePerStep() {
        StringWriter err = new StringWriter();
        ProgressDisplay d = new ProgressDisplay(ProgressDisplay.Mode.LINES, new PrintWriter(err),
            new PrintWriter(new StringWriter()));
        d.event(new RenderEvent("shot", "shoot", "s1", 1, 2, 0, 60, false, 0, 0.5, -1));
        d.event(new RenderEvent("progress", "shoot", "s1", 1, 2, 30, 60, false, 30, 1, 4));
        d.event(new RenderEvent("shot", "shoot", "s2", 2, 2, 72, 72, true, 0, 2, 3));
        d.event(new RenderEvent("stage", "master", "", 0, 2, 0, 0, false, 0, 2.1, 3));
        d.event(new RenderEvent("progress", "master", "", 0, 2, 100, 132, false, 40, 4, 1));
        d.event(new RenderEvent("progress", "master", "", 0, 2, 132, 132, false, 40, 5, 0));
        d.event(new RenderEvent("progress", "master", "", 0, 2, 132, 132, false, 40, 5, 0)); // said once
        assertThat(err.toString().lines().toList()).containsExactly("shoot 1/2 s1: 60 frames", "shoot 2/2 s2: cached "
            + "(ETA 0:03)", "master (ETA 0:03)", "master: 132 frames encoded");
    }

    @Test
    void jsonIsOneObjectPerEventOnStandardOutput() {
        StringWriter out = new StringWriter(), err = new StringWriter();
        ProgressDisplay d = new ProgressDisplay(ProgressDisplay.Mode.JSON, new PrintWriter(err), new PrintWriter(out));
        d.event(SHOOTING);
        d.event(new RenderEvent("done", "master", "", 0, 14, 1020, 1020, false, 25, 130, 0));
        assertThat(err.toString()).isEmpty();
        var lines = out.toString().lines().toList();
        assertThat(lines).hasSize(2);
        JsonNode first = JsonMapper.builder().build().readTree(lines.getFirst());
        assertThat(first.get("stage").asString()).isEqualTo("shoot");
        assertThat(first.get("shot").asString()).isEqualTo("s5-look");
        assertThat(first.get("framesDone").asLong()).isEqualTo(48);
        assertThat(first.get("framesTotal").asLong()).isEqualTo(60);
        assertThat(first.get("elapsedSeconds").asDouble()).isEqualTo(40.0);
        assertThat(first.get("etaSeconds").asDouble()).isEqualTo(72.4);
    }

    @Test
    void quietShowsNoProgressButWarnings() {
        StringWriter out = new StringWriter(), err = new StringWriter();
        ProgressDisplay d = new ProgressDisplay(ProgressDisplay.Mode.QUIET, new PrintWriter(err), new PrintWriter(out));
        d.event(SHOOTING);
        d.warning("espeak-ng is not installed");
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().strip()).isEqualTo("warning: espeak-ng is not installed");
    }
}
