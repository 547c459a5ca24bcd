package org.cinestack.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cinestack.film.Film;
import org.cinestack.film.Scene;
import org.cinestack.film.Shot;
import org.cinestack.film.ShootPlan;
import org.cinestack.film.ShotSize;

/**
 * Which backend makes each shot: the kind of the shot, then film.yaml's {@code shoot:} routes and fallback chain
 * ({@link ShootPlan}), or one backend for everything when the command line names it.
 * <p>
 * Kinds, in order of precedence:
 * <ol>
 *   <li>the kind or backend {@code shoot.shots} names for the shot;</li>
 *   <li>{@code insert}: an insert, or a close-up or extreme close-up of something that is not a cast member;</li>
 *   <li>{@code character}: a cast member as subject, medium shot or closer (where the face must hold);</li>
 *   <li>{@code establishing}: an extreme wide, wide or full shot of no cast member, or a scene's first shot when
 *       it is extreme wide or wide;</li>
 *   <li>{@code default}: everything else.</li>
 * </ol>
 * A shot's chain is its kind's backend (else the default route, else previs), then {@code shoot.fallback} in order,
 * without repeats.
 */
public final class Routing {
    /**
     * A shot's route.
     *
     * @param shotId the shot
     * @param kind   its kind ({@link ShootPlan#KINDS})
     * @param chain  backends to try in order, at least one
     */
    public record Route(String shotId, String kind, List<String> chain) {
    }

    private Routing() {
    }

    /**
     * @param film     the film
     * @param override the backend the command line names, or blank to follow film.yaml
     * @return every shot's route, by shot id, in film order
     */
    public static Map<String, Route> routes(Film film, String override) {
        Map<String, Route> out = new LinkedHashMap<>();
        ShootPlan plan = film.shoot();
        for (Scene scene : film.scenes()) {
            for (int i = 0; i < scene.shots().size(); i++) {
                Shot shot = scene.shots().get(i);
                String kind = kind(film, scene, i);
                if (override != null && !override.isBlank()) {
                    out.put(shot.id(), new Route(shot.id(), kind, List.of(override)));
                    continue;
                }
                List<String> chain = new ArrayList<>();
                String named = plan.shots().get(shot.id());
                if (named != null && ShootPlan.BACKENDS.contains(named)) chain.add(named);
                chain.add(plan.routes().getOrDefault(kind, plan.routes().getOrDefault("default", "previs")));
                for (String f : plan.fallback()) if (!chain.contains(f)) chain.add(f);
                out.put(shot.id(), new Route(shot.id(), kind, List.copyOf(chain.stream().distinct().toList())));
            }
        }
        return out;
    }

    /**
     * @param film  the film
     * @param scene the shot's scene
     * @param index the shot's place in the scene, from 0
     * @return the shot's kind
     */
    public static String kind(Film film, Scene scene, int index) {
        Shot shot = scene.shots().get(index);
        String named = film.shoot().shots().get(shot.id());
        if (named != null && ShootPlan.KINDS.contains(named)) return named;
        boolean cast = film.castMember(shot.subject()).isPresent();
        ShotSize s = shot.size();
        boolean close = s == ShotSize.CLOSE_UP || s == ShotSize.EXTREME_CLOSE_UP;
        if (s == ShotSize.INSERT || (close && !cast)) return "insert";
        if (cast && s.ordinal() >= ShotSize.MEDIUM.ordinal()) return "character";
        boolean wide = s == ShotSize.EXTREME_WIDE || s == ShotSize.WIDE;
        if (!cast && (wide || s == ShotSize.FULL)) return "establishing";
        if (index == 0 && wide) return "establishing";
        return "default";
    }
}
