package org.cinestack.finish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** CIEDE2000 against the 34 pairs of Sharma, Wu and Dalal (2005), Table 1 (shared/material/colour-vectors). */
class ColourDifferenceTest {
    static final Path PAIRS = Path.of(System.getProperty("cinestack.shared", "../shared"), "material",
        "colour-vectors", "ciede2000_sharma2005.csv");

    static Stream<String> pairs() throws IOException {
        if (!Files.exists(PAIRS)) return Stream.empty();
        List<String> lines = Files.readAllLines(PAIRS);
        return lines.subList(1, lines.size()).stream().filter(l -> !l.isBlank());
    }

    @Test
    void allThirtyFourPairsAreThere() throws IOException {
        assumeTrue(Files.exists(PAIRS), PAIRS + " is absent: skipping the CIEDE2000 conformance test");
        assertThat(pairs().count()).isEqualTo(34);
    }

    @ParameterizedTest(name = "pair {0}", allowZeroInvocations = true) // none without shared/material
    @MethodSource("pairs")
    void reproducesThePublishedDifference(String row) {
        String[] f = row.split(",");
        double[] v = new double[8];
        for (int i = 0; i < 8; i++) v[i] = Double.parseDouble(f[i]);
        assertThat(ColourDifference.ciede2000(v[1], v[2], v[3], v[4], v[5], v[6])).isCloseTo(v[7], within(1e-4));
        assertThat(ColourDifference.ciede2000(v[4], v[5], v[6], v[1], v[2], v[3])).as("symmetric")
            .isCloseTo(v[7], within(1e-4));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void isZeroForEqualColoursAndPositiveOtherwise(long seed) {
        Random rnd = new Random(seed);
        for (int i = 0; i < 500; i++) {
            double l = rnd.nextDouble() * 100, a = rnd.nextDouble() * 200 - 100, b = rnd.nextDouble() * 200 - 100;
            assertThat(ColourDifference.ciede2000(l, a, b, l, a, b)).isZero();
            assertThat(ColourDifference.ciede2000(l, a, b, l + 1, a, b)).isPositive();
        }
    }
}
