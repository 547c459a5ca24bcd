package org.cinestack.mix;

import java.util.List;
import java.util.Locale;

/**
 * Loudness targets a master is normalised to, with the true-peak ceiling its limiter holds.
 *
 * @see LoudnessMeter
 */
public enum Delivery {
    /** Streaming platforms: -14 LUFS, -1 dBTP (the common web and streaming normalisation level). */
    WEB(-14, -1),
    /** EBU R 128 broadcast: -23 LUFS, -1 dBTP. */
    BROADCAST(-23, -1),
    /** ATSC A/85 (US television): -24 LKFS, -2 dBTP. */
    ATSC(-24, -2);

    private final double integratedLufs, truePeakDbtp;

    Delivery(double integratedLufs, double truePeakDbtp) {
        this.integratedLufs = integratedLufs;
        this.truePeakDbtp = truePeakDbtp;
    }

    /** @return the integrated loudness target, LUFS */
    public double integratedLufs() {
        return integratedLufs;
    }

    /** @return the true-peak ceiling, dBTP */
    public double truePeakDbtp() {
        return truePeakDbtp;
    }

    /** @return the command-line name, for example {@code broadcast} */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the delivery for a name, or null */
    public static Delivery parse(String code) {
        for (Delivery d : values()) if (d.code().equalsIgnoreCase(code.strip())) return d;
        return null;
    }

    /** @return every name */
    public static List<String> codes() {
        return java.util.Arrays.stream(values()).map(Delivery::code).toList();
    }
}
