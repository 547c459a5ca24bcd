package org.cinestack.shoot.previs;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.cinestack.plan.Environment;

/**
 * A flat piece of scenery standing in the set (a tree, a post, a house, a rock, a cabinet), facing the set's centre.
 * Laid out from the location's seed, so every shot in one location sees the same set.
 */
record SetPiece(Kind kind, double xM, double zM, double widthM, double heightM, double normalX, double normalZ,
                int rgb, boolean emissive) {

    enum Kind { TREE, POST, HOUSE, ROCK, CABINET, LAMP }

    static List<SetPiece> layout(Environment env) {
        List<SetPiece> out = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(env.setSeed());
        if (env.interior()) {
            int wood = 0x5A3E2B;
            out.add(facing(Kind.CABINET, -env.roomHalfWidthM() + 0.8, env.roomFrontZM() - 0.6, 1.3, 1.9, wood, false));
            out.add(facing(Kind.LAMP, env.roomHalfWidthM() - 1.2, env.roomFrontZM() - 0.8, 0.45, 1.65, 0xFFD9A0,
                true));
            out.add(facing(Kind.CABINET, env.roomHalfWidthM() - 0.6, 0.5, 0.9, 1.1, 0x4A3424, false));
            return out;
        }
        String t = env.terrain();
        int n = 16;
        for (int i = 0; i < n; i++) {
            double angle = Math.toRadians(-150 + 300.0 * (i + rnd.nextDouble(0.8)) / n);
            double r = 10 + rnd.nextDouble() * 60;
            double x = r * Math.sin(angle), z = r * Math.cos(angle);
            double pick = rnd.nextDouble();
            switch (t) {
                case "stone" -> {
                    if (pick < 0.6) out.add(facing(Kind.ROCK, x, z, 2 + rnd.nextDouble(5), 1 + rnd.nextDouble(3),
                        0x6E6A64 + (rnd.nextInt(3) * 0x050505), false));
                    else out.add(facing(Kind.POST, x, z, 0.25, 2 + rnd.nextDouble(2), 0x4B3A2C, false));
                }
                case "asphalt" -> {
                    if (pick < 0.55) out.add(facing(Kind.HOUSE, x, z, 6 + rnd.nextDouble(8), 6 + rnd.nextDouble(14),
                        pal(env, i, 0x8A7F72), false));
                    else out.add(facing(Kind.POST, x, z, 0.2, 4.5, 0x3C3F44, false));
                }
                case "sand" -> {
                    if (pick < 0.7) out.add(facing(Kind.POST, x, z, 0.2, 1 + rnd.nextDouble(1.5), 0x6B5540, false));
                    else out.add(facing(Kind.ROCK, x, z, 2 + rnd.nextDouble(3), 0.8 + rnd.nextDouble(1.5), 0x7D7468,
                        false));
                }
                default -> {
                    if (pick < 0.6) out.add(facing(Kind.TREE, x, z, 3 + rnd.nextDouble(3), 5 + rnd.nextDouble(7),
                        0x2F5A2E + rnd.nextInt(4) * 0x020502, false));
                    else if (pick < 0.85) out.add(facing(Kind.HOUSE, x, z, 6 + rnd.nextDouble(5),
                        4 + rnd.nextDouble(3), pal(env, i, 0xB8A58A), false));
                    else out.add(facing(Kind.POST, x, z, 0.2, 1.6, 0x5A4632, false));
                }
            }
        }
        return out;
    }

    private static int pal(Environment env, int i, int fallback) {
        return env.palette().isEmpty() ? fallback : env.palette().get(i % env.palette().size());
    }

    private static SetPiece facing(Kind kind, double x, double z, double w, double h, int rgb, boolean emissive) {
        double len = Math.hypot(x, z);
        double nx = len < 1e-6 ? 0 : -x / len, nz = len < 1e-6 ? -1 : -z / len;
        return new SetPiece(kind, x, z, w, h, nx, nz, rgb, emissive);
    }

    /**
     * Shape test in card coordinates.
     *
     * @param u metres right of the centre line (as seen from the front)
     * @param v metres above the ground
     * @return brightness factor of the piece's colour at that point (0 = transparent, &gt;1 = lit window)
     */
    float shade(float u, float v, boolean night) {
        float wd = (float) widthM, ht = (float) heightM, hw = wd / 2, au = Math.abs(u);
        switch (kind) {
            case TREE -> {
                if (v < ht * 0.35f) return au < wd * 0.07f ? -1 : 0; // trunk (negative: bark colour)
                float cv = (v - ht * 0.35f) / (ht * 0.65f); // 0..1 through the canopy
                float s = Math.min(1, cv * 1.1f);
                float half = hw * 4 * s * (1 - s) * (1.05f - 0.3f * cv); // a parabola for the canopy's outline
                return au < half && cv <= 1 ? 0.8f + 0.3f * (1 - au / hw) : 0;
            }
            case POST -> {
                return au < hw && v < ht ? 1 : 0;
            }
            case HOUSE -> {
                float wall = ht * 0.7f;
                if (v < wall) {
                    if (au >= hw) return 0;
                    float wu = (u + hw) - 2.2f * PrevisRenderer.floor((u + hw) / 2.2f);
                    float wv = v - 2.8f * PrevisRenderer.floor(v / 2.8f);
                    boolean window = wu > 0.7f && wu < 1.5f && wv > 1.0f && wv < 2.1f && v > 0.9f;
                    if (window) return night ? 2.5f : 0.35f;
                    return 1;
                }
                float roof = (v - wall) / (ht - wall);
                return roof <= 1 && au < hw * 1.05f * (1 - roof) ? 0.55f : 0;
            }
            case ROCK -> {
                float e = (u / hw) * (u / hw) + (v / ht) * (v / ht);
                return e <= 1 ? 0.75f + 0.35f * (v / ht) : 0;
            }
            case CABINET -> {
                if (au >= hw || v >= ht) return 0;
                boolean line = au < 0.01f || Math.abs(v - ht * 0.5f) < 0.01f;
                return line ? 0.5f : 1;
            }
            case LAMP -> {
                if (v > ht * 0.75f && v < ht && au < hw * (1 - 0.5f * (v - ht * 0.75f) / (ht * 0.25f))) return 3;
                return v <= ht * 0.75f && au < 0.02f ? 0.3f : 0;
            }
        }
        return 0;
    }
}
