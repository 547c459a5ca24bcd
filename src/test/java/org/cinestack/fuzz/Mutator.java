package org.cinestack.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded mutation of a valid input into a hostile one, the way coverage-guided fuzzers (libFuzzer, Jazzer) mutate
 * without the coverage feedback: flipped bytes, tokens of the format inserted, ranges deleted, repeated or swapped, the
 * end cut off. The same seed gives the same input, so a finding is replayed by its seed.
 */
public final class Mutator {
    /** Bytes a mutated input may grow to. */
    static final int MAX_BYTES = 4 << 20;
    private static final List<String> TOKENS = List.of("\n", "\r\n", ":", ": ", "- ", "  ", "\t", "{", "}", "[", "]",
        "\"", "'", ",", "#", "&", "&amp;", "<", ">", "</", "<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\">]>", "\\", "\u0000",
        "\uFFFF", "\uD800", "é", "🎬", "-1", "0", "1e309", "-0", "NaN", "9223372036854775808", "1.7976931348623157E308",
        "null", "true", "[]", "{}", "INT. ", "EXT. ", "CUT TO:", "@", "~", "!", "=", ".", "*", "**", "_", "[[", "]]",
        "/*", "*/", "\"OTIO_SCHEMA\": \"Clip.1\"", "\"OTIO_SCHEMA\": \"Timeline.1\"", "LUT_3D_SIZE 2\n",
        "LUT_3D_SIZE 256\n", "LUT_1D_SIZE 65536\n", "DOMAIN_MIN -1e30 0 0\n", "001  AX       V     C        ",
        "00:00:00:00 ", "99:99:99:99 ", "* FROM CLIP NAME: ", "&x;", "<![CDATA[", "]]>", "*anchor", "&anchor ",
        "!!binary ", "<<: ", "|\n", ">\n", "---\n", "...\n", "%YAML 1.2\n");

    private Mutator() {
    }

    /**
     * @param seed the input, valid
     * @param rnd  the randomness (seeded)
     * @return the input with one to four mutations
     */
    public static byte[] mutate(byte[] seed, SplittableRandom rnd) {
        byte[] b = seed.length == 0 ? new byte[] {'a'} : seed.clone();
        int n = 1 + rnd.nextInt(4);
        for (int i = 0; i < n; i++) b = once(b, rnd);
        return b.length > MAX_BYTES ? Arrays.copyOf(b, MAX_BYTES) : b;
    }

    private static byte[] once(byte[] b, SplittableRandom rnd) {
        if (b.length == 0) return new byte[] {(byte) rnd.nextInt(256)};
        int at = rnd.nextInt(b.length), len = 1 + rnd.nextInt(Math.max(1, Math.min(b.length - at, 64)));
        switch (rnd.nextInt(8)) {
            case 0 -> { // flip bits
                for (int k = 0; k < 1 + rnd.nextInt(8); k++) b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
                return b;
            }
            case 1 -> { // a random byte
                b[at] = (byte) rnd.nextInt(256);
                return b;
            }
            case 2 -> { // a token of some format
                return insert(b, at, TOKENS.get(rnd.nextInt(TOKENS.size())).getBytes(StandardCharsets.UTF_8));
            }
            case 3 -> { // delete a range
                byte[] out = new byte[b.length - len];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(b, at + len, out, at, b.length - at - len);
                return out;
            }
            case 4 -> { // repeat a range, up to thousands of times: long lines, deep nesting, many entries
                int times = 1 + (rnd.nextInt(4) == 0 ? rnd.nextInt(20_000) : rnd.nextInt(8));
                byte[] piece = Arrays.copyOfRange(b, at, at + len);
                ByteArrayOutputStream rep = new ByteArrayOutputStream();
                for (int k = 0; k < times && rep.size() < MAX_BYTES / 2; k++) rep.writeBytes(piece);
                return insert(b, at, rep.toByteArray());
            }
            case 5 -> { // cut the end off
                return Arrays.copyOf(b, at);
            }
            case 6 -> { // swap two ranges of lines' worth
                int other = rnd.nextInt(b.length), l2 = Math.min(len, Math.min(b.length - other, b.length - at));
                for (int k = 0; k < l2; k++) {
                    byte t = b[at + k];
                    b[at + k] = b[other + k];
                    b[other + k] = t;
                }
                return b;
            }
            default -> { // a copy of another part here
                int from = rnd.nextInt(b.length);
                return insert(b, at, Arrays.copyOfRange(b, from, Math.min(b.length, from + len)));
            }
        }
    }

    private static byte[] insert(byte[] b, int at, byte[] piece) {
        byte[] out = new byte[b.length + piece.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(piece, 0, out, at, piece.length);
        System.arraycopy(b, at, out, at + piece.length, b.length - at);
        return out;
    }
}
