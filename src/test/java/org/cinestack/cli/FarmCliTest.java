package org.cinestack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.cinestack.TestFilms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The farm's commands when the database is not there or not named: one clear line naming the database without its
 * password, no stack trace, and nothing of the film made.
 */
class FarmCliTest {
    /** @return a loopback port nothing listens on */
    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void aFarmThatIsDownIsOneLineNamingItWithoutItsPassword(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("film.yaml"), TestFilms.withAna("Down", 320, 180, "INT. ROOM - DAY",
            "{id: a, size: ws, subject: ana, duration: 1}"));
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort() + "/farm?user=cinestack&password=hunter2";
        for (String[] args : new String[][] {{"render", dir.toString(), "--farm", url}, {"worker", "--farm", url},
            {"farm", "status", "--farm", url}}) {
            CliRun o = CliRun.of(args);
            assertThat(o.code()).as(o.err()).isEqualTo(1);
            assertThat(o.err()).contains("cannot reach the farm's database at jdbc:postgresql://127.0.0.1:")
                .contains("/farm?user=cinestack").contains("start PostgreSQL there")
                .doesNotContain("hunter2").doesNotContain("Exception").doesNotContain("\tat ");
        }
        assertThat(dir.resolve(".cinestack/takes")).doesNotExist();
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void aFarmURLThatIsNotPostgresOrMissingIsBadInput() {
        CliRun o = CliRun.of("farm", "status", "--farm", "mysql://db/x");
        assertThat(o.code()).isEqualTo(1);
        assertThat(o.err()).contains("must be a PostgreSQL JDBC URL");
        if (System.getenv("CINESTACK_FARM") == null) {
            CliRun none = CliRun.of("worker");
            assertThat(none.code()).isEqualTo(Main.BAD_INPUT);
            assertThat(none.err()).contains("--farm").contains("CINESTACK_FARM");
        }
    }
}
