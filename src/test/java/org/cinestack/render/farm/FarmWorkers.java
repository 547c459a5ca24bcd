package org.cinestack.render.farm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Farm workers as their own JVMs ({@code cinestack worker}, on this test's class path), as a user starts them on
 * other machines; each writes its output to a log in a temporary folder. Closing kills every one still alive.
 */
final class FarmWorkers implements AutoCloseable {
    private final List<Process> processes = new ArrayList<>();
    private final List<Path> logs = new ArrayList<>();

    /**
     * @param url     the farm
     * @param count   workers to start
     * @param threads jobs each runs at once
     * @param env     more environment for them (a stand-in provider's URL and key)
     */
    FarmWorkers(String url, int count, int threads, Map<String, String> env) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        for (int i = 0; i < count; i++) {
            Path log = Files.createTempFile("cinestack-worker-", ".log");
            ProcessBuilder b = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"),
                "org.cinestack.cli.Main", "worker", "--farm", url, "--workers", String.valueOf(threads))
                .redirectErrorStream(true).redirectOutput(log.toFile());
            b.environment().putAll(env);
            processes.add(b.start());
            logs.add(log);
        }
    }

    /** @return the workers' processes, in the order started */
    List<Process> processes() {
        return processes;
    }

    /** @return what every worker has written so far */
    String logs() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Path l : logs) sb.append(l).append(":\n").append(Files.readString(l)).append('\n');
        return sb.toString();
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : processes) p.destroyForcibly();
        for (Process p : processes) p.waitFor(10, TimeUnit.SECONDS);
        for (Path l : logs) {
            try {
                Files.deleteIfExists(l);
            } catch (IOException e) {
                // left in the temporary folder
            }
        }
    }
}
