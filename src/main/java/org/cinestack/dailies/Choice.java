package org.cinestack.dailies;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The choice of one shot's takes: the circled take (A) the cut uses, a second choice (B), the takes rejected, and
 * whether the director must look ({@code needs-director}: every take has a major defect after the retakes allowed).
 *
 * @param circled       the take the cut uses (A)
 * @param b             the second choice, or 0 when the shot has one take (or none other worth keeping)
 * @param rejected      the takes with a major defect, ascending
 * @param needsDirector true when the circled take itself has a major defect (chosen by rule)
 * @param by            who chose the circled take
 */
public record Choice(int circled, int b, List<Integer> rejected, boolean needsDirector, FilmLock.By by) {
    /** @return the status said on the board and in the report: {@code circled} or {@code needs-director} */
    public String status() {
        return needsDirector ? "needs-director" : "circled";
    }

    /**
     * Ranks takes as {@link Rules} says: the highest score first, then the sharpest, then the lowest number.
     *
     * @param verdicts per take number, its verdict
     * @return the take numbers, best first
     */
    public static List<Integer> ranked(Map<Integer, Dailies.Verdict> verdicts) {
        List<Integer> order = new ArrayList<>(verdicts.keySet());
        order.sort(Comparator.<Integer>comparingInt(n -> -verdicts.get(n).score())
            .thenComparingDouble(n -> -verdicts.get(n).sharpness()).thenComparingInt(n -> n));
        return order;
    }

    /**
     * The rules' choice: the best-ranked take circled, the next best as B (when it is not rejected, or when every
     * take is).
     *
     * @param verdicts per take number, its verdict; at least one
     * @return the choice
     * @throws IllegalArgumentException when there are no takes
     */
    public static Choice byRule(Map<Integer, Dailies.Verdict> verdicts) {
        if (verdicts.isEmpty()) throw new IllegalArgumentException("a shot without takes has no choice");
        List<Integer> order = ranked(verdicts);
        int a = order.getFirst();
        boolean aRejected = verdicts.get(a).rejected();
        int b = order.size() > 1 && (aRejected || !verdicts.get(order.get(1)).rejected()) ? order.get(1) : 0;
        return new Choice(a, b, rejected(verdicts), aRejected, FilmLock.By.RULE);
    }

    /**
     * The director's choice: the take they circled, the best-ranked other take as B.
     *
     * @param take     the take circled; one of {@code verdicts}' keys
     * @param verdicts per take number, its verdict
     * @return the choice (never {@code needs-director}: the director has looked)
     * @throws IllegalArgumentException when the take is not among them
     */
    public static Choice byDirector(int take, Map<Integer, Dailies.Verdict> verdicts) {
        if (!verdicts.containsKey(take)) throw new IllegalArgumentException("take " + take + " was not shot");
        int b = ranked(verdicts).stream().filter(n -> n != take).findFirst().orElse(0);
        return new Choice(take, b, rejected(verdicts), false, FilmLock.By.DIRECTOR);
    }

    private static List<Integer> rejected(Map<Integer, Dailies.Verdict> verdicts) {
        return verdicts.entrySet().stream().filter(e -> e.getValue().rejected()).map(Map.Entry::getKey).sorted()
            .toList();
    }
}
