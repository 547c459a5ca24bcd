package org.cinestack.finish;

/**
 * Work split in bands over the cores (the common fork-join pool): units {@code 0 .. n} (pixels, rows, pairs of rows)
 * cut into contiguous bands, each done by one thread, so a band can keep its own state (a grain row buffer).
 */
final class Bands {
    /** One band's work. */
    @FunctionalInterface
    interface Band {
        /**
         * @param from first unit of the band
         * @param to   one past its last unit
         */
        void run(int from, int to);
    }

    private Bands() {
    }

    /**
     * @param n       units of work, &gt;= 0
     * @param minimum the fewest units worth a band of their own
     * @param most    the most bands
     * @param band    the work of one band, run in parallel with the others
     */
    static void run(int n, int minimum, int most, Band band) {
        int bands = Math.max(1, Math.min(most, n / minimum));
        java.util.stream.IntStream.range(0, bands).parallel().forEach(b ->
            band.run((int) ((long) n * b / bands), (int) ((long) n * (b + 1) / bands)));
    }
}
