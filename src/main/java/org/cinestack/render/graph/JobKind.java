package org.cinestack.render.graph;

/**
 * What a job makes. Per shot: {@link #SHOOT} its takes, {@link #DAILIES} their verdicts, {@link #SEGMENT} its graded
 * pictures; per film: {@link #CUT}, {@link #MIX}, {@link #MASTER}, each {@link #DELIVERABLE}, the {@link #INTERCHANGE}
 * files, the {@link #PROVENANCE} and the dailies {@link #REPORT}.
 */
public enum JobKind {
    /** The takes of one shot, from its backend (previs here, or a hosted model). */
    SHOOT,
    /** Measuring a shot's takes against what it asked for. */
    DAILIES,
    /** One shot's finished pictures (grade, letterbox, grain), encoded on their own. */
    SEGMENT,
    /** The timeline: the takes in order, or an edit made elsewhere. */
    CUT,
    /** The soundtrack: dialogue, ambience, effects, music, at the delivery's loudness. */
    MIX,
    /** The master: the segments joined with the sound. */
    MASTER,
    /** One version for delivery (web, ProRes, vertical, square). */
    DELIVERABLE,
    /** The cut as OTIO, EDL, FCPXML and MLT, and everything copied to {@code out/}. */
    INTERCHANGE,
    /** The record of what the film was made of (C2PA-shaped). */
    PROVENANCE,
    /** The dailies report: every take's stills, metrics and verdict, and every cut's five elements. */
    REPORT;

    /** @return the kind as said in progress and summaries, lower case */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
