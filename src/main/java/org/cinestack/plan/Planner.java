package org.cinestack.plan;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.cinestack.film.CameraMove;
import org.cinestack.film.CastMember;
import org.cinestack.film.Coverage;
import org.cinestack.film.DialogueLine;
import org.cinestack.film.Film;
import org.cinestack.film.Format;
import org.cinestack.film.LightSetup;
import org.cinestack.film.Scene;
import org.cinestack.film.Shot;
import org.cinestack.film.ShotSize;
import org.cinestack.film.TimeOfDay;
import org.cinestack.film.Weather;

/**
 * Resolves a {@link Film} into a {@link Plan}: one {@link ShotSpec} per shot.
 *
 * <p>Framing is computed: the subject stands at the origin; the shot size gives the world height the picture must show
 * at the subject ({@link Framing}); the lens and the picture area on a Super 35 sensor give the distance
 * ({@link Optics#distanceForFrameHeightM}). The angle places the camera on a sphere of that radius around the framing
 * centre. Moves then run from a start to an end pose, their size set by the motion strength k (0..1):
 * <ul>
 *   <li>pan and tilt: {@code 0.35 k} of the horizontal (vertical) angle of view per second at full speed, so the
 *       picture moves at the same rate on every lens: about {@code 0.35 k} picture widths per second;</li>
 *   <li>dolly and zoom: distance or focal length changes by a factor {@code 1 + 1.2 k}, arriving at (dolly-in,
 *       zoom-in) or leaving from (dolly-out, zoom-out) the named framing;</li>
 *   <li>truck and pedestal: {@code 0.5 k} of the picture width or height at the subject;</li>
 *   <li>crane: a rise of {@code max(1.6 k} picture heights, {@code 2.5 k} m), aimed at the subject;</li>
 *   <li>orbit: {@code 20 k} degrees per second around the subject;</li>
 *   <li>hand-held: shake of {@code 1.6 k} degrees pan, {@code 1.1 k} tilt, {@code 0.9 k} roll, {@code 2.5 k} cm.</li>
 * </ul>
 * Moves ease in and out over the first and last 20% of the shot; rotational and lateral moves are centred on the
 * named framing half-way through.
 */
public final class Planner {
    /** Pan and tilt speed at motion strength 1, in angles of view per second of constant-speed travel. */
    public static final double PAN_FOV_PER_SECOND = 0.35;
    /** Orbit speed at motion strength 1. */
    public static final double ORBIT_DEGREES_PER_SECOND = 20;
    /** Ease-in and ease-out share of a moving shot. */
    public static final double RAMP = 0.2;

    private Planner() {
    }

    /**
     * @param film a validated film
     * @return the plan, shots in cutting order
     */
    public static Plan plan(Film film) {
        List<ShotSpec> specs = new ArrayList<>();
        for (Scene scene : film.scenes()) {
            for (Shot shot : scene.shots()) specs.add(spec(film, scene, shot));
        }
        return new Plan(film, List.copyOf(specs));
    }

    /** @return the shot's seed: the explicit one, else FNV-1a of film seed and shot id, in 0..2^31-1 */
    public static long seedOf(Film film, Shot shot) {
        if (shot.seed().isPresent()) return shot.seed().get();
        long h = 0xcbf29ce484222325L;
        for (byte b : (film.seed().orElse(0L) + "/" + shot.id()).getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h & 0x7fffffffL;
    }

    /**
     * Picture area inside the delivery frame: the largest rectangle of the film's aspect, even dimensions.
     *
     * @return {width, height}
     */
    public static int[] pictureArea(Format f) {
        double frameAspect = (double) f.width() / f.height();
        if (Math.abs(f.aspect() - frameAspect) < 0.01) return new int[] {f.width(), f.height()};
        if (f.aspect() > frameAspect) {
            return new int[] {f.width(), Math.min(f.height(), 2 * (int) Math.round(f.width() / f.aspect() / 2))};
        }
        return new int[] {Math.min(f.width(), 2 * (int) Math.round(f.height() * f.aspect() / 2)), f.height()};
    }

    static ShotSpec spec(Film film, Scene scene, Shot shot) {
        Format format = film.format();
        int[] pic = pictureArea(format);
        int frames = Math.max(1, (int) Math.round(shot.durationSeconds() * format.fps()));
        long seed = seedOf(film, shot);
        double sensorW = Optics.SUPER35_WIDTH_MM;
        double sensorH = sensorW * pic[1] / pic[0];
        List<Integer> palette = film.look().palette().stream().map(Colors::hex).toList();

        List<Figure> figures = figures(film, scene, shot, palette);
        Figure subject = figures.getFirst();
        Framing framing = subject.kind() == Figure.Kind.PERSON ? Framing.of(shot.size(), subject.heightM())
            : propFraming(shot.size(), subject.heightM());
        double f = shot.camera().focalLengthMm();
        double d = Math.max(0.3, Optics.distanceForFrameHeightM(framing.frameHeightM(), f, sensorH));
        double ty = subject.baseYM() + framing.centerYM();

        // base pose from the angle
        double pitch = 0, roll = 0;
        switch (shot.camera().angle()) {
            case EYE -> pitch = 0;
            case HIGH -> pitch = -25;
            case LOW -> pitch = 20;
            case OVERHEAD -> pitch = -65;
            case GROUND -> pitch = Math.toDegrees(StrictMath.asin(Math.clamp((ty - 0.25) / d, -0.85, 0.85)));
            case DUTCH -> roll = 15;
        }
        double cy = ty - d * StrictMath.sin(Math.toRadians(pitch));
        if (cy < 0.25) { // a low camera cannot go below the floor: keep the distance, lift it, re-aim
            cy = 0.25;
            pitch = Math.toDegrees(StrictMath.asin(Math.clamp((ty - cy) / d, -0.95, 0.95)));
        }
        double cz = subject.zM() - d * StrictMath.cos(Math.toRadians(pitch));
        // a subject kept to one side of the frame sits on the third line: the camera moves over, its aim stays parallel
        double third = d * Math.tan(Math.toRadians(Optics.horizontalFovDegrees(f, sensorW) / 2)) / 3;
        double tx = subject.xM() + switch (shot.screen()) {
            case LEFT -> third;
            case RIGHT -> -third;
            case CENTER -> 0;
        };
        CameraPose base = new CameraPose(tx, cy, cz, 0, pitch, roll, f, d);
        CameraPath path = path(shot, base, d, sensorW, sensorH, tx, ty, subject.zM(), seed);

        double maxDistance = Math.max(Math.abs(path.start().zM()), Math.abs(path.end().zM())) + d;
        Environment env = environment(scene, palette, maxDistance);
        Lighting light = lighting(scene, shot);
        ShotPrompt prompt = PromptCompiler.compile(film, scene, shot, light.keyKelvin());
        return new ShotSpec(scene.id(), shot.id(), shot.size(), shot.camera().move().code(), shot.camera().speed(),
            shot.camera().angle().code(), format.width(), format.height(), pic[0], pic[1], format.fps(),
            shot.durationSeconds(), frames, seed, sensorW, shot.camera().aperture(), path, figures, env, light,
            prompt);
    }

    private static Framing propFraming(ShotSize size, double heightM) {
        // a prop or structure: the tight sizes fill the frame with the object, the wide ones follow the person rules
        return switch (size) {
            case INSERT, EXTREME_CLOSE_UP, CLOSE_UP -> new Framing(heightM / 0.75, heightM * 0.5);
            case MEDIUM_CLOSE_UP, MEDIUM -> new Framing(heightM / 0.9, heightM * 0.5);
            case EXTREME_WIDE -> new Framing(heightM / 0.3, heightM * 0.6); // a landmark in its landscape
            case WIDE -> new Framing(heightM / 0.6, heightM * 0.5);
            default -> Framing.of(size, heightM);
        };
    }

    static CameraPath path(Shot shot, CameraPose b, double d, double sensorW, double sensorH, double tx, double ty,
                           double tz, long seed) {
        double k = shot.camera().speed();
        double dur = shot.durationSeconds();
        double travel = dur * (1 - RAMP); // seconds of constant-speed-equivalent travel
        double f = b.focalLengthMm();
        double growth = 1 + 1.2 * k;
        CameraPose start = b, end = b;
        double ramp = RAMP, orbit = 0;
        boolean aim = false;
        Shake shake = Shake.NONE;
        switch (shot.camera().move()) {
            case CameraMove.Static s -> ramp = 0;
            case CameraMove.Pan p -> {
                double fov = Optics.horizontalFovDegrees(f, sensorW);
                double total = sign(p.side()) * k * PAN_FOV_PER_SECOND * fov * travel;
                start = withPanTilt(b, -total / 2, b.tiltDegrees());
                end = withPanTilt(b, total / 2, b.tiltDegrees());
            }
            case CameraMove.Tilt t -> {
                double fov = Optics.horizontalFovDegrees(f, sensorH);
                double total = (t.direction() == CameraMove.Vertical.UP ? 1 : -1) * k * PAN_FOV_PER_SECOND * fov * travel;
                start = withPanTilt(b, 0, b.tiltDegrees() - total / 2);
                end = withPanTilt(b, 0, b.tiltDegrees() + total / 2);
            }
            case CameraMove.Dolly dolly -> {
                CameraPose far = atDistance(b, tx, ty, tz, d * growth, f);
                start = dolly.direction() == CameraMove.Axial.IN ? far : b;
                end = dolly.direction() == CameraMove.Axial.IN ? b : far;
            }
            case CameraMove.Truck t -> {
                double width = d * sensorW / f;
                double l = sign(t.side()) * 0.5 * k * width;
                start = offset(b, -l / 2, 0);
                end = offset(b, l / 2, 0);
            }
            case CameraMove.Pedestal p -> {
                double height = d * sensorH / f;
                double v = (p.direction() == CameraMove.Vertical.UP ? 1 : -1) * 0.5 * k * height;
                start = offset(b, 0, -v / 2);
                end = offset(b, 0, v / 2);
            }
            case CameraMove.Crane c -> {
                double rise = Math.max(1.6 * k * d * sensorH / f, 2.5 * k);
                double low = Math.max(0.2 - b.yM(), -rise / 2);
                CameraPose lo = offset(b, 0, low), hi = offset(b, 0, low + rise);
                start = c.direction() == CameraMove.Vertical.UP ? lo : hi;
                end = c.direction() == CameraMove.Vertical.UP ? hi : lo;
                aim = true;
            }
            case CameraMove.Zoom z -> {
                CameraPose wide = withFocal(b, f / growth);
                start = z.direction() == CameraMove.Axial.IN ? wide : b;
                end = z.direction() == CameraMove.Axial.IN ? b : wide;
            }
            case CameraMove.DollyZoom dz -> {
                start = atDistance(b, tx, ty, tz, d * growth, f * growth);
                end = b;
            }
            case CameraMove.Orbit o -> {
                orbit = sign(o.side()) * k * ORBIT_DEGREES_PER_SECOND * travel;
                aim = true;
            }
            case CameraMove.Handheld h -> {
                ramp = 0;
                shake = new Shake(1.6 * k, 1.1 * k, 0.9 * k, 0.025 * k, seed);
            }
        }
        return new CameraPath(start, end, ramp, orbit, tx, tz, aim, tx, ty, tz, shake);
    }

    private static double sign(CameraMove.Side side) {
        return side == CameraMove.Side.RIGHT ? 1 : -1;
    }

    private static CameraPose withPanTilt(CameraPose p, double pan, double tilt) {
        return new CameraPose(p.xM(), p.yM(), p.zM(), pan, tilt, p.rollDegrees(), p.focalLengthMm(),
            p.focusDistanceM());
    }

    private static CameraPose withFocal(CameraPose p, double f) {
        return new CameraPose(p.xM(), p.yM(), p.zM(), p.panDegrees(), p.tiltDegrees(), p.rollDegrees(), f,
            p.focusDistanceM());
    }

    private static CameraPose offset(CameraPose p, double dx, double dy) {
        return new CameraPose(p.xM() + dx, p.yM() + dy, p.zM(), p.panDegrees(), p.tiltDegrees(), p.rollDegrees(),
            p.focalLengthMm(), p.focusDistanceM());
    }

    /** The same direction of view, moved along it to a new distance from the target; focus follows. */
    private static CameraPose atDistance(CameraPose p, double tx, double ty, double tz, double distance, double f) {
        double pitch = Math.toRadians(p.tiltDegrees());
        double y = Math.max(0.15, ty - distance * StrictMath.sin(pitch));
        double z = tz - distance * StrictMath.cos(pitch);
        return new CameraPose(tx, y, z, p.panDegrees(), p.tiltDegrees(), p.rollDegrees(), f, distance);
    }

    // ---- figures ---------------------------------------------------------------------------------------------------

    private static final int[] SKIN = {0xE0B899, 0xC68E6C, 0x8D5A3B, 0xF1C6A8, 0x6B4226, 0xD9A07A};
    private static final int[] HAIR = {0x2B1D14, 0x4A3222, 0x8B6B3D, 0x1A1A1A, 0x9A9A9A, 0xB5562A};

    static List<Figure> figures(Film film, Scene scene, Shot shot, List<Integer> palette) {
        List<Figure> out = new ArrayList<>();
        Optional<CastMember> subjectCast = film.castMember(shot.subject());
        if (subjectCast.isEmpty() && shot.subject().isBlank() && !shot.dialogue().isEmpty()) {
            subjectCast = film.castMember(shot.dialogue().getFirst().character());
        }
        if (subjectCast.isPresent()) {
            out.add(person(film, subjectCast.get(), 0, 0, palette));
        } else {
            boolean small = switch (shot.size()) {
                case INSERT, EXTREME_CLOSE_UP, CLOSE_UP -> true;
                default -> false;
            };
            int main = palette.isEmpty() ? hashColor(shot.subject()) : palette.get(palette.size() > 1 ? 1 : 0);
            int c = Colors.firstColorWord(shot.subject());
            if (c >= 0) main = c;
            out.add(small ? new Figure(Figure.Kind.PROP, "", 0, 0, 0.75, 0.25, main, 0x5A4030, 0, 0)
                : new Figure(Figure.Kind.STRUCTURE, "", 0, 0, 0, 9.0, main == 0 ? 0xD8D2C4 : main, 0xA03A2E, 0, 0));
        }
        // the side the others stand on: opposite the subject's side of the frame (+x is screen right)
        double away = switch (shot.screen()) {
            case LEFT -> 1;
            case RIGHT -> -1;
            case CENTER -> 1;
        };
        Optional<CastMember> over = film.castMember(shot.over());
        if (shot.coverage() == Coverage.OTS && over.isPresent()) { // the listener's shoulder, near the lens
            out.add(person(film, over.get(), away * 0.45, -1.2, palette));
        }
        // others in the shot: speakers of this shot, and for wide sizes and two-shots everyone who speaks in the scene
        Set<String> others = new LinkedHashSet<>();
        for (DialogueLine l : shot.dialogue()) others.add(l.character());
        boolean wide = switch (shot.size()) {
            case EXTREME_WIDE, WIDE, FULL, MEDIUM_LONG -> true;
            default -> false;
        };
        boolean together = shot.coverage() == Coverage.TWO_SHOT || shot.coverage() == Coverage.GROUP
            || shot.coverage() == Coverage.MASTER;
        if (wide || together) for (Shot s : scene.shots()) for (DialogueLine l : s.dialogue()) others.add(l.character());
        if (shot.coverage() == Coverage.TWO_SHOT && over.isPresent()) others.add(over.get().id());
        subjectCast.ifPresent(c -> others.remove(c.id()));
        if (shot.coverage() == Coverage.OTS) over.ifPresent(c -> others.remove(c.id()));
        int i = 0;
        for (String id : others) {
            CastMember c = film.castMember(id).orElse(null);
            if (c == null) continue;
            double side = i % 2 == 0 ? away : -away;
            out.add(person(film, c, side * (1.1 + 0.5 * (i / 2)), 1.0 + 0.4 * (i / 2), palette));
            i++;
        }
        return out;
    }

    private static Figure person(Film film, CastMember c, double x, double z, List<Integer> palette) {
        int index = film.cast().indexOf(c);
        int h = c.id().hashCode() & 0x7fffffff;
        int wardrobe = Colors.firstColorWord(c.wardrobe());
        if (wardrobe < 0) wardrobe = Colors.firstColorWord(c.description());
        if (wardrobe < 0) wardrobe = palette.isEmpty() ? hashColor(c.id()) : palette.get(index % palette.size());
        int trousers = 0x2E3138 + (h % 3) * 0x080808;
        return new Figure(Figure.Kind.PERSON, c.id(), x, z, 0, c.heightM(), wardrobe, trousers,
            SKIN[h % SKIN.length], HAIR[(h / 7) % HAIR.length]);
    }

    private static int hashColor(String s) {
        float hue = ((s.hashCode() & 0xffff) / 65536f);
        return java.awt.Color.HSBtoRGB(hue, 0.45f, 0.65f) & 0xffffff;
    }

    // ---- set and light ---------------------------------------------------------------------------------------------

    static Environment environment(Scene scene, List<Integer> palette, double maxDistance) {
        String loc = scene.parsed().location();
        String u = loc.toUpperCase(Locale.ROOT);
        String terrain = containsAny(u, "BEACH", "SHORE", "DUNE", "DESERT", "COAST", "SAND") ? "sand"
            : containsAny(u, "CLIFF", "LIGHTHOUSE", "ROCK", "QUARRY", "HARBOUR", "HARBOR", "PIER", "DOCK", "CASTLE",
                "JETTY", "GALLERY") ? "stone"
            : containsAny(u, "STREET", "ROAD", "CITY", "PARKING", "ALLEY", "HIGHWAY", "ROOFTOP", "TOWN") ? "asphalt"
            : "grass";
        long setSeed = 0;
        for (byte b : u.getBytes(StandardCharsets.UTF_8)) setSeed = setSeed * 31 + b;
        return new Environment(scene.parsed().interior(), loc, terrain, scene.parsed().timeOfDay(), scene.weather(),
            setSeed, palette, 5.0, -(maxDistance + 3), 3.5);
    }

    private static boolean containsAny(String s, String... words) {
        for (String w : words) if (s.contains(w)) return true;
        return false;
    }

    static Lighting lighting(Scene scene, Shot shot) {
        boolean interior = scene.parsed().interior();
        TimeOfDay tod = scene.parsed().timeOfDay();
        LightSetup setup = shot.light().setup();
        // azimuth from the camera axis (degrees), elevation, fill ratio, rim, background brightness
        double az, el, fill, rim, bg;
        switch (setup) {
            case LOOP -> { az = 30; el = 25; fill = 0.35; rim = 0.15; bg = 1.0; }
            case REMBRANDT -> { az = 45; el = 40; fill = 0.2; rim = 0.15; bg = 0.9; }
            case SPLIT -> { az = 90; el = 5; fill = 0.06; rim = 0.1; bg = 0.8; }
            case BUTTERFLY -> { az = 0; el = 45; fill = 0.4; rim = 0.1; bg = 1.0; }
            case RIM -> { az = 150; el = 20; fill = 0.25; rim = 1.0; bg = 0.7; }
            case LOW_KEY -> { az = 60; el = 30; fill = 0.08; rim = 0.4; bg = 0.35; }
            case HIGH_KEY -> { az = 15; el = 30; fill = 0.7; rim = 0.2; bg = 1.3; }
            case SILHOUETTE -> { az = 180; el = 10; fill = 0.0; rim = 0.6; bg = 1.6; }
            default -> throw new IllegalStateException();
        }
        String key = shot.light().key().toLowerCase(Locale.ROOT);
        double side = key.contains("right") ? 1 : -1;
        if (key.contains("behind") || key.contains("back")) az = Math.max(az, 160);
        if (key.contains("front") || (key.contains("from camera") && !key.contains("left") && !key.contains("right"))) {
            az = 0;
        }
        if (key.contains("side")) az = 90;
        if (key.contains("overhead") || key.contains("above") || key.contains("top")) el = 75;
        if (key.contains("below") || key.contains("under") || key.contains("low")) el = -15;
        double a = Math.toRadians(az), e = Math.toRadians(el);
        double kx = side * StrictMath.sin(a) * StrictMath.cos(e), ky = StrictMath.sin(e);
        double kz = -StrictMath.cos(a) * StrictMath.cos(e);

        double intensity, ambient;
        if (interior) {
            intensity = 0.95;
            ambient = 0.16;
        } else {
            switch (tod) {
                case DAY -> { intensity = 1.1; ambient = 0.32; }
                case GOLDEN_HOUR -> { intensity = 1.0; ambient = 0.22; }
                case DAWN -> { intensity = 0.75; ambient = 0.2; }
                case DUSK -> { intensity = 0.6; ambient = 0.15; }
                case NIGHT -> { intensity = 0.55; ambient = 0.05; }
                default -> throw new IllegalStateException();
            }
            Weather w = scene.weather();
            if (w != Weather.CLEAR) {
                intensity *= w == Weather.STORM ? 0.35 : 0.5;
                ambient *= 1.4;
            }
        }
        double kelvin = shot.light().temperatureKelvin();
        if (kelvin <= 0) {
            kelvin = interior ? 3200 : switch (tod) {
                case DAWN -> 6000;
                case DAY -> 5600;
                case GOLDEN_HOUR -> 3400;
                case DUSK -> 7000;
                case NIGHT -> 7500;
            };
        }
        double balance = interior ? 4300 : 5600;
        return new Lighting(kx, ky, kz, intensity, kelvin, balance, fill, ambient, rim, bg, setup.code());
    }
}
