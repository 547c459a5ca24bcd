package org.cinestack.shoot.remote;

/**
 * A spending limit for one run, in US dollars: each submission reserves its estimate first, and one that would go over
 * is refused before anything is sent. Thread-safe.
 */
public final class Budget {
    private final double limitUsd;
    private double reservedUsd;

    /** @param limitUsd the most this run may spend; {@code Double.POSITIVE_INFINITY} for no limit */
    public Budget(double limitUsd) {
        this.limitUsd = limitUsd;
    }

    /** No limit. */
    public static Budget unlimited() {
        return new Budget(Double.POSITIVE_INFINITY);
    }

    /**
     * @param usd an estimate
     * @return true when it fits and is now reserved
     */
    public synchronized boolean reserve(double usd) {
        if (reservedUsd + usd > limitUsd + 1e-9) return false;
        reservedUsd += usd;
        return true;
    }

    /** @return what is left, US dollars */
    public synchronized double leftUsd() {
        return limitUsd - reservedUsd;
    }

    /** @return the limit, US dollars */
    public double limitUsd() {
        return limitUsd;
    }
}
