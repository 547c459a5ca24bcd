package org.cinestack.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.cinestack.fuzz.Fuzz;

/**
 * The render lock's owner file, damaged or hostile, names a holder in at most a line of plain text or says it is
 * unknown; it never fails, never echoes control characters (a terminal's escape sequences) and never shows more.
 */
class OwnerFuzzTest {
    @Test
    void anOwnerFileOfAnyShapeGivesOneLineOfPlainText(@TempDir Path dir) throws Exception {
        Path owner = dir.resolve("render.owner");
        Files.writeString(owner, "4242 on studio-1 since 2026-12-06T06:00:00.123Z\n");
        assertThat(RenderLock.holder(owner)).isEqualTo("process 4242 on studio-1 since 2026-12-06T06:00:00.123Z");
        Files.writeString(owner, "\u001b]0;pwned\u0007 root:x:0:0\n");
        assertThat(RenderLock.holder(owner)).isEqualTo("holder unknown");
        byte[] seed = "4242 on studio-1 since 2026-12-06T06:00:00.123Z\n".getBytes(StandardCharsets.UTF_8);
        int tried = Fuzz.run("render-owner", List.of(seed), input -> {
            Files.write(owner, input);
            String said = RenderLock.holder(owner);
            assertThat(said).hasSizeLessThan(320).doesNotContainPattern("\\p{Cntrl}");
        }, 20261206L, 2000, 4);
        assertThat(tried).isGreaterThan(50);
    }
}
