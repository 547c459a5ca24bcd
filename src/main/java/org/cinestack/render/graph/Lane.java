package org.cinestack.render.graph;

/**
 * What a job spends while it runs, which bounds how many of its kind run at once on one machine.
 */
public enum Lane {
    /** Spreads its own work over every core (previs, encoding): one at a time. */
    MACHINE,
    /** Mostly waits on another service (a hosted model's queue): many at once, up to {@link #WAITING_AT_ONCE}. */
    WAITING,
    /** Small work on one thread (the cut, interchange files, provenance): up to the number of cores at once. */
    LIGHT;

    /** Jobs that wait on other services at once: hosted providers bound their own concurrency below this. */
    public static final int WAITING_AT_ONCE = 64;
}
