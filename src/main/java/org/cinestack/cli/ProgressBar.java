package org.cinestack.cli;

import java.io.PrintWriter;
import java.util.Locale;

import org.cinestack.render.RenderListener;

/**
 * A progress bar on standard error: shots and frames of the current take, then the master's frames. On a terminal it
 * redraws one line; elsewhere (CI logs) it prints a line per shot.
 */
final class ProgressBar implements RenderListener {
    private final PrintWriter err;
    private final boolean tty = System.console() != null;
    private String label = "";
    private long lastDraw;

    ProgressBar(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void shot(int index, int shots, String shotId, int frames, int generate) {
        label = String.format(Locale.ROOT, "shot %d/%d %s", index + 1, shots, shotId);
        if (!tty) {
            err.println(label + (generate == 0 ? " (cached)" : " (rendering " + generate + " take(s), " + frames
                + " frames each)"));
            err.flush();
        } else {
            draw(generate == 0 ? 1 : 0, 1, generate == 0 ? " cached" : "");
        }
    }

    @Override
    public void frames(int done, int total) {
        if (tty) draw(done, total, "");
    }

    @Override
    public void master(int done, int total) {
        label = "master";
        if (tty) {
            draw(done, total, "");
        } else if (done == total) {
            err.println("master: " + total + " frames encoded");
            err.flush();
        }
    }

    @Override
    public void warning(String text) {
        if (tty) err.print("\r\033[K");
        err.println("warning: " + text);
        err.flush();
    }

    private void draw(int done, int total, String suffix) {
        long now = System.nanoTime();
        if (done != total && now - lastDraw < 100_000_000L) return;
        lastDraw = now;
        int width = 30, filled = total == 0 ? width : done * width / total;
        err.print("\r\033[K[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + label + " frame " + done + "/"
            + total + suffix);
        err.flush();
    }

    void done() {
        if (tty) {
            err.print("\r\033[K");
            err.flush();
        }
    }
}
