package org.cinestack.dailies;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.cinestack.media.FaceLikeness;

/**
 * Whether each take shows the cast member its shot asked for, by the faces in it. The first take (in the film's
 * order) in which a cast member's face is seen establishes it, as their first appearance does for an audience; every
 * later take's faces are compared with the established faces of the whole cast ({@link FaceLikeness}, LBPH), and each
 * face votes for the cast member it looks most like. A take whose faces vote for another cast member, at least
 * {@value #MAJORITY} of at least {@value #LEAST_FACES} faces, shows the wrong person (a face swapped or drifted between
 * shots): a major defect.
 *
 * <p>Measured on Megamind.avi (two animated faces, warm light): between takes of a similar size and light the faces
 * go to the right person (the second half of his close-up, established by its first half: 12 of 12 faces; her in
 * another shot: 17 of 17); between a tight close-up and a medium close-up of the same man only 0 to 4 of 17 do. So
 * the check holds for the takes of one shot and for coverage of similar size; across a large change of size it can
 * miss a swap.
 *
 * <p>It needs two or more cast members with faces seen: with one, there is no one else a face could look like, and a
 * distance alone does not tell a person from their other expressions (on the same footage, one face against its own
 * other frames measured 69-142, against the other face 122-153).
 */
public final class Identity {
    /** Faces a take must show to be judged. */
    static final int LEAST_FACES = 3;
    /** The share of a take's faces that must look like another cast member. */
    static final double MAJORITY = 0.6;

    private Identity() {
    }

    /**
     * The faces of one take.
     *
     * @param key    what the take is called in the defects: its shot's id
     * @param castId the cast member its shot asked for
     * @param crops  its face crops ({@link FaceLikeness#crop})
     */
    public record Faces(String key, String castId, List<byte[]> crops) {
    }

    /**
     * @param takes the takes to compare (each shot's circled take)
     * @return per take key, its identity defect, for the takes that show someone else
     */
    public static Map<String, Defect> judge(List<Faces> takes) {
        Map<String, Defect> out = new LinkedHashMap<>();
        Map<String, Faces> established = new LinkedHashMap<>(); // per cast member, in order of first appearance
        for (Faces t : takes) {
            if (t.crops().size() >= LEAST_FACES) established.putIfAbsent(t.castId(), t);
        }
        if (established.size() < 2) return out;
        List<String> cast = List.copyOf(established.keySet());
        List<byte[]> crops = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int i = 0; i < cast.size(); i++) {
            for (byte[] c : established.get(cast.get(i)).crops()) {
                crops.add(c);
                labels.add(i);
            }
        }
        try (FaceLikeness likeness = new FaceLikeness(crops, labels)) {
            for (Faces t : takes) {
                if (t.crops().size() < LEAST_FACES || established.containsValue(t)) continue;
                int own = cast.indexOf(t.castId());
                if (own < 0) continue;
                int[] votes = new int[cast.size()];
                for (byte[] c : t.crops()) votes[(int) likeness.nearest(c)[0]]++;
                int best = 0;
                for (int i = 1; i < votes.length; i++) if (votes[i] > votes[best]) best = i;
                if (best != own && votes[best] >= MAJORITY * t.crops().size()) {
                    out.put(t.key(), new Defect("identity", Defect.Severity.MAJOR, String.format(Locale.ROOT,
                        "the face looks like %s in %d of its %d faces, not %s as the shot asks (as established in "
                            + "shot %s)", cast.get(best), votes[best], t.crops().size(), t.castId(),
                        established.get(t.castId()).key())));
                }
            }
        }
        return out;
    }
}
