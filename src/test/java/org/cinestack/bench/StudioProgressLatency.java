package org.cinestack.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.cinestack.TestFilms;
import org.cinestack.studio.Studio;

/**
 * How late a render's progress reaches a page: a studio on loopback renders a small film while a client follows its
 * server-sent events (as the page does, with the JDK's HTTP client in this JVM, so one clock), and each event's lateness
 * is the time it arrived less the time of the render's progress event it carries ({@code at}). Not JMH: one render.
 * Usage: {@code bench/run StudioProgressLatency [shots]}.
 */
public final class StudioProgressLatency {
    private StudioProgressLatency() {
    }

    public static void main(String[] args) throws Exception {
        int shots = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        Path dir = Files.createTempDirectory("cinestack-latency-");
        Path film = Files.createDirectories(dir.resolve("latency"));
        String[] list = new String[shots];
        for (int i = 0; i < shots; i++) list[i] = "{id: s" + i + ", size: ms, subject: ana, duration: 2}";
        Files.writeString(film.resolve("film.yaml"), TestFilms.withAna("Latency", 640, 360, "INT. ROOM - DAY", list));
        JsonMapper json = JsonMapper.builder().build();
        List<Long> late = new ArrayList<>();
        try (Studio studio = Studio.start(dir, "127.0.0.1", 0, Optional.empty())) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(studio.url()
                + "/api/films/latency/render")).header("Content-Type", "application/json").header("Origin",
                studio.url()).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
            if (started.statusCode() != 202) throw new IllegalStateException("render: " + started.body());
            HttpResponse<java.io.InputStream> events = http.send(HttpRequest.newBuilder(URI.create(studio.url()
                + "/api/films/latency/render/events")).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader r = new BufferedReader(new InputStreamReader(events.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (!line.startsWith("data:")) continue;
                    long now = System.currentTimeMillis();
                    JsonNode e = json.readTree(line.substring(5).strip());
                    if (e.path("at").asLong() > 0 && e.path("state").asString().equals("running")) {
                        late.add(now - e.path("at").asLong());
                    }
                    if (!e.path("state").asString().equals("running")) break;
                }
            }
        }
        late.sort(Long::compare);
        System.out.printf(Locale.ROOT, "%d progress events of a %d-shot render reached the follower: median %d ms, "
            + "95th percentile %d ms, latest %d ms after the render's event%n", late.size(), shots,
            late.get(late.size() / 2), late.get((int) (late.size() * 0.95)), late.getLast());
        System.exit(0);
    }
}
