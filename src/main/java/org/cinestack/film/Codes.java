package org.cinestack.film;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Parsing helpers shared by the film.yaml enumerations, which are written in lower-case kebab-case. */
final class Codes {
    private Codes() {
    }

    /** @return the kebab-case code of an enum constant: {@code LOW_KEY} becomes {@code low-key} */
    static String of(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @return the constant whose code is {@code code} (case-insensitive), or null */
    static <E extends Enum<E>> E parse(Class<E> type, String code) {
        String c = code.trim().toLowerCase(Locale.ROOT);
        for (E e : type.getEnumConstants()) if (of(e).equals(c)) return e;
        return null;
    }

    /** @return every code of an enum, in declaration order */
    static <E extends Enum<E>> List<String> all(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Codes::of).toList();
    }
}
