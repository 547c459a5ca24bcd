package org.cinestack.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A render's progress calls with the time of each, as text lines ({@code nanos call args...}), and their replay into
 * a {@link RenderClock} on the recorded clock: the time left can then be judged against the recorded end as often as
 * its rules change.
 */
final class ProgressRecording implements RenderListener {
    private final List<String> lines = new ArrayList<>();
    private final RenderListener next;

    ProgressRecording(RenderListener next) {
        this.next = next;
    }

    private synchronized void add(String call) {
        lines.add(System.nanoTime() + " " + call);
    }

    @Override
    public void planned(RenderWork work) {
        StringBuilder sb = new StringBuilder("planned " + work.shootFrames() + " " + work.mix());
        for (RenderWork.Encode e : work.encodes()) sb.append(' ').append(e.stage()).append('=').append(e.frames());
        add(sb.toString());
        next.planned(work);
    }

    @Override
    public void stage(String stage) {
        add("stage " + stage);
        next.stage(stage);
    }

    @Override
    public void shot(int index, int shots, String shotId, int frames, int generate) {
        add(String.format(Locale.ROOT, "shot %d %d %s %d %d", index, shots, shotId, frames, generate));
        next.shot(index, shots, shotId, frames, generate);
    }

    @Override
    public void frames(int done, int total) {
        add("frames " + done + " " + total);
        next.frames(done, total);
    }

    @Override
    public void master(int done, int total) {
        add("master " + done + " " + total);
        next.master(done, total);
    }

    /** Marks the end of the render. */
    void end() {
        add("end");
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /**
     * Replays recorded calls into a clock that reads the recorded times.
     *
     * @param lines  a recording
     * @param events receives the clock's events
     * @return the recorded end, seconds after the first call
     */
    static double replay(List<String> lines, List<RenderEvent> events) {
        long[] now = {Long.parseLong(lines.getFirst().split(" ", 2)[0])};
        long first = now[0];
        RenderClock clock = new RenderClock(events::add, w -> { }, () -> now[0]);
        double end = 0;
        for (String line : lines) {
            String[] f = line.split(" ");
            now[0] = Long.parseLong(f[0]);
            switch (f[1]) {
                case "planned" -> {
                    List<RenderWork.Encode> encodes = new ArrayList<>();
                    for (int i = 4; i < f.length; i++) {
                        String[] kv = f[i].split("=");
                        encodes.add(new RenderWork.Encode(kv[0], Long.parseLong(kv[1])));
                    }
                    clock.planned(new RenderWork(Long.parseLong(f[2]), Boolean.parseBoolean(f[3]), encodes));
                }
                case "stage" -> clock.stage(f[2]);
                case "shot" -> clock.shot(Integer.parseInt(f[2]), Integer.parseInt(f[3]), f[4], Integer.parseInt(f[5]),
                    Integer.parseInt(f[6]));
                case "frames" -> clock.frames(Integer.parseInt(f[2]), Integer.parseInt(f[3]));
                case "master" -> clock.master(Integer.parseInt(f[2]), Integer.parseInt(f[3]));
                case "end" -> end = (now[0] - first) / 1e9;
                default -> throw new IllegalArgumentException("unknown call: " + line);
            }
        }
        return end;
    }

    /**
     * Judges the time left: from a third of the render on, within 25 % of the time in fact left (or 2 s in the last
     * seconds, where a quarter is less than the events' own spacing).
     *
     * @return the events that were further off, as text
     */
    static List<String> offByMoreThanAQuarter(List<RenderEvent> events, double total) {
        return offByMoreThan(0.25, events, total);
    }

    /**
     * @param fraction how far off the time left may be, as a fraction of the time in fact left (or 2 s at the end)
     * @return the events from a third of the render on that were further off, as text
     */
    static List<String> offByMoreThan(double fraction, List<RenderEvent> events, double total) {
        List<String> off = new ArrayList<>();
        for (RenderEvent e : events) {
            if (e.elapsedSeconds() < total / 3 || e.etaSeconds() < 0) continue;
            double truth = total - e.elapsedSeconds();
            if (Math.abs(e.etaSeconds() - truth) > Math.max(fraction * truth, 2.0)) {
                off.add(String.format(Locale.ROOT, "%.1f s: %s ETA %.1f s, left %.1f s", e.elapsedSeconds(), e.stage(),
                    e.etaSeconds(), truth));
            }
        }
        return off;
    }
}
