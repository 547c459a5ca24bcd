package org.cinestack.cli;

import java.io.PrintWriter;
import java.util.Locale;

import org.cinestack.render.RenderEvent;

import tools.jackson.databind.json.JsonMapper;

/**
 * Shows a render's {@link RenderEvent}s, as FFmpeg shows its status:
 * <ul>
 *   <li>{@link Mode#TERMINAL}: one line on standard error redrawn in place,
 *       {@code shoot 5/14 s5-look  48/60 frames  31 fps  ETA 1:12}, cleared at the end;</li>
 *   <li>{@link Mode#LINES} (standard error is not a terminal: a pipe, a CI log): one plain line per step (a shot, the
 *       mix, each picture encoded);</li>
 *   <li>{@link Mode#JSON} ({@code --progress-json}): every event as one JSON object a line on standard output, for
 *       scripts and the studio;</li>
 *   <li>{@link Mode#QUIET} ({@code --quiet}): no progress; warnings still go to standard error.</li>
 * </ul>
 */
final class ProgressDisplay {
    /** How progress is shown. */
    enum Mode { TERMINAL, LINES, JSON, QUIET }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Mode mode;
    private final PrintWriter err, out;
    private boolean drawn;
    private boolean farm;
    private String lastLine;

    /**
     * @param mode how to show progress
     * @param err  standard error (the status line, plain lines, warnings)
     * @param out  standard output (JSON events)
     */
    ProgressDisplay(Mode mode, PrintWriter err, PrintWriter out) {
        this.mode = mode;
        this.err = err;
        this.out = out;
    }

    /** @return TERMINAL when standard error (where the status line goes) is a terminal, else LINES */
    static Mode detect() {
        return stderrIsTerminal() ? Mode.TERMINAL : Mode.LINES;
    }

    /**
     * @return true when file descriptor 2 is a terminal, by POSIX {@code isatty(2)} through the foreign function API
     *     ({@link java.io.Console} looks at standard input and output, so {@code render 2>log} would redraw into a file)
     */
    static boolean stderrIsTerminal() {
        try {
            java.lang.foreign.Linker linker = java.lang.foreign.Linker.nativeLinker();
            java.lang.invoke.MethodHandle isatty = linker.downcallHandle(linker.defaultLookup().find("isatty")
                .orElseThrow(), java.lang.foreign.FunctionDescriptor.of(java.lang.foreign.ValueLayout.JAVA_INT,
                java.lang.foreign.ValueLayout.JAVA_INT));
            return (int) isatty.invokeExact(2) == 1;
        } catch (Throwable e) { // no native access: fall back on the console, which sees standard input and output
            java.io.Console c = System.console();
            return c != null && c.isTerminal();
        }
    }

    /**
     * Shows an error as the last thing the display says: the status line cleared first, and in JSON one object
     * {@code {"event":"error","message":...}} so a script reading the events sees the end.
     *
     * @param message what went wrong, as the user will read it
     */
    synchronized void failed(String message) {
        clear();
        if (mode == Mode.JSON) {
            out.println(JSON.writeValueAsString(java.util.Map.of("event", "error", "message", message)));
            out.flush();
        }
    }

    /**
     * Shows a job's event: in JSON, one object a line ({@code {"event":"job","state":"started","kind":"shoot",
     * "subject":"s1-tower","job":"<digest>"}}; a queued job lists the jobs it needs, a done one its seconds, a failed one
     * its reason); the other modes show the render's own progress instead.
     *
     * @param e the event
     */
    synchronized void job(org.cinestack.render.graph.JobEvent e) {
        if (farm && mode != Mode.JSON && mode != Mode.QUIET) {
            farmLine(e);
            return;
        }
        if (mode != Mode.JSON || e instanceof org.cinestack.render.graph.JobEvent.Progress) return;
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("event", "job");
        m.put("state", switch (e) {
            case org.cinestack.render.graph.JobEvent.Queued q -> "queued";
            case org.cinestack.render.graph.JobEvent.Started s -> "started";
            case org.cinestack.render.graph.JobEvent.Progress p -> "progress";
            case org.cinestack.render.graph.JobEvent.Done d -> "done";
            case org.cinestack.render.graph.JobEvent.Cached c -> "cached";
            case org.cinestack.render.graph.JobEvent.Failed f -> "failed";
        });
        m.put("kind", e.job().kind().word());
        m.put("subject", e.job().subject());
        m.put("job", e.job().id());
        if (e instanceof org.cinestack.render.graph.JobEvent.Queued) m.put("needs", e.job().needs());
        if (e instanceof org.cinestack.render.graph.JobEvent.Done d) m.put("seconds", Math.round(d.seconds() * 1000)
            / 1000.0);
        if (e instanceof org.cinestack.render.graph.JobEvent.Failed f) m.put("reason", f.reason());
        out.println(JSON.writeValueAsString(m));
        out.flush();
    }

    /**
     * @param on true when the render runs on a farm: its jobs run on other machines, so the terminal shows each job
     *           as it starts and ends (on its own line) rather than this process's frames
     */
    synchronized void farm(boolean on) {
        farm = on;
    }

    private void farmLine(org.cinestack.render.graph.JobEvent e) {
        String what = switch (e) {
            case org.cinestack.render.graph.JobEvent.Started s -> "started";
            case org.cinestack.render.graph.JobEvent.Done d -> String.format(java.util.Locale.ROOT, "done in %.1f s",
                d.seconds());
            case org.cinestack.render.graph.JobEvent.Cached c -> "done before (cached)";
            case org.cinestack.render.graph.JobEvent.Failed f -> "failed: " + f.reason();
            default -> null;
        };
        if (what == null) return;
        if (drawn) clear();
        err.println("farm: " + e.job().label() + " " + what);
        err.flush();
    }

    /**
     * Shows one event as the mode wants it.
     *
     * @param e the event
     */
    synchronized void event(RenderEvent e) {
        switch (mode) {
            case QUIET -> { }
            case JSON -> {
                out.println(JSON.writeValueAsString(e));
                out.flush();
            }
            case TERMINAL -> {
                if (e.event().equals("done")) {
                    clear();
                } else {
                    err.print("\r\033[K" + statusLine(e));
                    err.flush();
                    drawn = true;
                }
            }
            case LINES -> {
                String line = plainLine(e);
                if (line != null && !line.equals(lastLine)) {
                    lastLine = line;
                    err.println(line);
                    err.flush();
                }
            }
        }
    }

    /** @param text a warning, on its own line on standard error in every mode */
    synchronized void warning(String text) {
        clear();
        err.println("warning: " + text);
        err.flush();
    }

    /** Clears the status line, if one is drawn. */
    synchronized void clear() {
        if (drawn) {
            err.print("\r\033[K");
            err.flush();
            drawn = false;
        }
    }

    /**
     * @param e an event
     * @return the status line: stage, shot, frames, frames a second and the time left, as far as they are known
     */
    static String statusLine(RenderEvent e) {
        StringBuilder sb = new StringBuilder(e.stage());
        if (e.stage().equals("shoot") && e.shotIndex() > 0) {
            sb.append(' ').append(e.shotIndex()).append('/').append(e.shots()).append(' ').append(e.shot());
        }
        if (e.framesTotal() > 0) {
            sb.append("  ").append(e.framesDone()).append('/').append(e.framesTotal()).append(" frames");
            if (e.cached()) sb.append(" (cached)");
        }
        if (e.framesPerSecond() > 0) sb.append(String.format(Locale.ROOT, "  %.0f fps", e.framesPerSecond()));
        if (e.etaSeconds() >= 0) sb.append("  ETA ").append(clock(e.etaSeconds()));
        return sb.toString();
    }

    /** @return the line for a pipe: one per shot and per stage, and one when a picture is done; else null */
    static String plainLine(RenderEvent e) {
        String eta = e.etaSeconds() >= 0 ? " (ETA " + clock(e.etaSeconds()) + ")" : "";
        return switch (e.event()) {
            case "take" -> "take " + e.shotIndex() + "/" + e.shots() + " " + e.shot() + ": arrived" + eta;
            case "shot" -> "shoot " + e.shotIndex() + "/" + e.shots() + " " + e.shot() + ": " + (e.cached() ? "cached"
                : e.framesTotal() + " frames") + eta;
            case "stage" -> e.stage().equals("shoot") ? null : e.stage() + eta;
            case "progress" -> !e.stage().equals("shoot") && !e.stage().equals("mix") && e.framesTotal() > 0
                && e.framesDone() == e.framesTotal() ? e.stage() + ": " + e.framesTotal() + " frames encoded" : null;
            default -> null;
        };
    }

    /** @return seconds as m:ss, or h:mm:ss from an hour */
    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
            : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
