package org.cinestack.render.farm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.cinestack.render.graph.Job;
import org.cinestack.render.graph.JobKind;
import org.cinestack.render.graph.Lane;
import org.junit.jupiter.api.Test;

/** JobRunr's dashboard of a farm, on loopback only and refusing another Host. */
class FarmDashboardTest {
    @Test
    void showsTheQueuedJobsOnLoopbackAndRefusesAnotherHost() throws Exception {
        String url = TestPostgres.freshDatabase();
        try (Farm farm = Farm.connect(url, 4); FarmDashboard d = FarmDashboard.start(farm, 0)) {
            assertThat(d.address().getAddress().isLoopbackAddress()).isTrue();
            Job shot = new Job("a".repeat(64), JobKind.SHOOT, "s1", List.of(), Lane.WAITING, c -> null);
            farm.table().plan(shot);
            farm.enqueue(new RenderRequest("/nowhere/film.yaml", null, 1, "previs", 2, "WEB", null, new String[0], 0,
                new String[0], null, new String[0], false, 1e308, 5000, "NORMAL", new String[0]), shot);
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(d.url())).build(),
                HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).containsIgnoringCase("<html");
            HttpResponse<String> jobs = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + d.address().getPort() + "/api/jobs?state=ENQUEUED")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(jobs.statusCode()).isEqualTo(200);
            assertThat(jobs.body()).contains("shoot s1");

            try (Socket s = new Socket("127.0.0.1", d.address().getPort())) {
                OutputStream out = s.getOutputStream();
                out.write(("GET /api/jobs?state=ENQUEUED HTTP/1.1\r\nHost: evil.example:" + d.address().getPort()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = s.getInputStream();
                String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
                assertThat(answer).startsWith("HTTP/1.1 421").doesNotContain("shoot s1");
            }
        }
    }
}
