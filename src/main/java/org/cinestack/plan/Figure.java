package org.cinestack.plan;

/**
 * Something standing in the set: a person, a prop or a structure. Placed on the ground (or a table), facing the
 * camera.
 *
 * @param kind      what it is
 * @param castId    the cast id for a person, empty otherwise
 * @param xM        position x, metres
 * @param zM        position z, metres
 * @param baseYM    height of its base above the ground (a prop stands on a 0.75 m table)
 * @param heightM   its height
 * @param mainRgb   main colour as 0xRRGGBB (wardrobe of a person, body of a prop or structure)
 * @param secondRgb second colour (trousers; trim)
 * @param skinRgb   skin tone of a person
 * @param hairRgb   hair colour of a person
 */
public record Figure(Kind kind, String castId, double xM, double zM, double baseYM, double heightM, int mainRgb,
                     int secondRgb, int skinRgb, int hairRgb) {

    /** Kinds of figure; each has its own silhouette in previs. */
    public enum Kind {
        /** A mannequin: head, torso, arms, legs. */
        PERSON,
        /** A small object on a table, for inserts. */
        PROP,
        /** A tall structure (a tower, a lighthouse). */
        STRUCTURE
    }
}
