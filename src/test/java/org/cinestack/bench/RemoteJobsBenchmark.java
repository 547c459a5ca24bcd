package org.cinestack.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;


import io.javalin.Javalin;

import org.cinestack.film.FilmReader;
import org.cinestack.plan.Planner;
import org.cinestack.plan.ShotSpec;
import org.cinestack.shoot.comfyui.FakeComfyUi;
import org.cinestack.shoot.hosted.HostedBackend;
import org.cinestack.shoot.hosted.HostedBackends;
import org.cinestack.shoot.hosted.KlingBackend;
import org.cinestack.shoot.remote.Budget;
import org.cinestack.shoot.remote.Http;
import org.cinestack.shoot.remote.Ledger;

/**
 * 1,000 generation jobs at once against a stand-in hosted server on loopback (Runway's shapes: submit, task status,
 * download) whose jobs take {@code latency} seconds each. Every job goes the whole way: journal, ledger, submit, poll,
 * download, decode check, conform to the take. Reports wall time, the peak heap in use (sampled every 20 ms, plus
 * the pools' own peak after the run), the peak number of platform threads, and the server's requests per second
 * (total and the busiest second), which the client's rate limit must bound. Run with
 * {@code bench/run RemoteJobsBenchmark}, which gives the JVM {@code -Xmx256m}: finishing at all proves the heap bound.
 * <p>
 * Arguments (all optional): jobs (1000), job latency in s (5), poll interval in s (2), client request limit per s
 * (200).
 */
public final class RemoteJobsBenchmark {
    private RemoteJobsBenchmark() {
    }

    /** The stand-in server (Jetty, through Javalin): jobs end {@code latencyMs} after their submission. */
    static final class Server implements AutoCloseable {
        final Javalin app;
        final Map<String, Long> ends = new ConcurrentHashMap<>();
        final AtomicInteger ids = new AtomicInteger();
        final AtomicInteger requests = new AtomicInteger();
        final AtomicIntegerArray perSecond = new AtomicIntegerArray(3600);
        final long t0 = System.nanoTime();

        Server(byte[] clip, long latencyMs) {
            app = Javalin.create(c -> {
                c.startup.showJavalinBanner = false;
                c.routes.before(ctx -> {
                    requests.incrementAndGet();
                    perSecond.incrementAndGet((int) Math.min(3599, (System.nanoTime() - t0) / 1_000_000_000L));
                });
                c.routes.post("/v1/text_to_video", ctx -> {
                    String id = "t" + ids.incrementAndGet();
                    ends.put(id, System.currentTimeMillis() + latencyMs);
                    ctx.contentType("application/json").result("{\"id\":\"" + id + "\"}");
                });
                c.routes.get("/v1/tasks/{id}", ctx -> {
                    String id = ctx.pathParam("id");
                    Long end = ends.get(id);
                    if (end == null) {
                        ctx.status(404).result("{\"error\":\"no such task\"}");
                    } else if (System.currentTimeMillis() < end) {
                        ctx.contentType("application/json").result("{\"id\":\"" + id + "\",\"status\":\"RUNNING\","
                            + "\"progress\":0.5}");
                    } else {
                        ctx.contentType("application/json").result("{\"id\":\"" + id + "\",\"status\":\"SUCCEEDED\","
                            + "\"output\":[\"" + url() + "/files/" + id + ".mp4\"]}");
                    }
                });
                c.routes.get("/files/{name}", ctx -> ctx.contentType("video/mp4").result(clip));
            }).start("127.0.0.1", 0);
        }

        String url() {
            return "http://127.0.0.1:" + app.port();
        }

        /** @return the most requests in any {@code seconds} consecutive one-second buckets, per second */
        double busiest(int seconds) {
            double max = 0;
            for (int i = 0; i + seconds <= perSecond.length(); i++) {
                int sum = 0;
                for (int k = 0; k < seconds; k++) sum += perSecond.get(i + k);
                max = Math.max(max, sum / (double) seconds);
            }
            return max;
        }

        @Override
        public void close() {
            app.stop();
        }
    }

    public static void main(String[] args) throws Exception {
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        double latency = args.length > 1 ? Double.parseDouble(args[1]) : 5;
        double poll = args.length > 2 ? Double.parseDouble(args[2]) : 2;
        double rate = args.length > 3 ? Double.parseDouble(args[3]) : 200;
        Path dir = Files.createTempDirectory("remote-jobs");
        Path clipFile = dir.resolve("clip.mp4");
        FakeComfyUi.clip(clipFile, 64, 36, 24, 24);
        ShotSpec spec = Planner.plan(FilmReader.parse("""
            title: Many
            format: {aspect: 1.78, width: 128, height: 72, fps: 24}
            scenes:
              - id: one
                heading: EXT. FIELD - DAY
                shots: [{id: a, size: ws, subject: a field of wheat, duration: 1}]
            """, "many.yaml")).specs().getFirst();

        long[] peakHeap = new long[1];
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            var mem = ManagementFactory.getMemoryMXBean();
            while (!Thread.currentThread().isInterrupted()) {
                peakHeap[0] = Math.max(peakHeap[0], mem.getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        try (Server server = new Server(Files.readAllBytes(clipFile), (long) (latency * 1000))) {
            Map<String, String> env = Map.of("RUNWAYML_API_SECRET", "bench-key", "RUNWAYML_BASE_URL", server.url());
            HostedBackends.Options o = new HostedBackends.Options("", Duration.ofMillis((long) (poll * 1000)),
                Duration.ofMinutes(30), Http.RetryPolicy.DEFAULT, jobs, KlingBackend.Settings.DEFAULT, rate);
            Path cache = dir.resolve(".cinestack");
            HostedBackend backend = HostedBackends.open("runway", env, cache, new Ledger(cache), Budget.unlimited(),
                o);
            long t0 = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            AtomicInteger failed = new AtomicInteger();
            try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < jobs; i++) {
                    int n = i;
                    done.add(threads.submit(() -> {
                        try {
                            Path folder = Files.createDirectories(dir.resolve("takes/" + n));
                            backend.shoot(spec.withSeed(n + 1L), folder, 1, (f, t) -> { });
                        } catch (Throwable e) {
                            if (failed.incrementAndGet() <= 3) {
                                System.err.println("job " + n + ": " + e);
                                e.printStackTrace();
                            }
                        }
                        return null;
                    }));
                }
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            sampler.interrupt();
            long poolPeak = 0;
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                if (p.getType() == MemoryType.HEAP) poolPeak += p.getPeakUsage().getUsed();
            }
            int platformPeak = ManagementFactory.getThreadMXBean().getPeakThreadCount();
            long takes;
            try (var s = Files.walk(dir.resolve("takes"))) {
                takes = s.filter(p -> p.getFileName().toString().equals("take.mp4")).count();
            }
            System.out.printf(Locale.ROOT, "jobs %d (latency %.1f s, poll %.1f s, client limit %.0f req/s): %d takes, "
                    + "%d failed, wall %.1f s%n", jobs, latency, poll, rate, takes, failed.get(), wall);
            System.out.printf(Locale.ROOT, "server: %d requests, %.1f req/s on average, busiest second %.0f, busiest "
                    + "5 s %.1f req/s%n", server.requests.get(), server.requests.get() / wall, server.busiest(1),
                server.busiest(5));
            System.out.printf(Locale.ROOT, "heap: max %d MB, peak in use %.1f MB (sampled), %.1f MB (pools' peaks "
                    + "summed); peak platform threads %d%n", Runtime.getRuntime().maxMemory() >> 20, peakHeap[0] / 1e6,
                poolPeak / 1e6, platformPeak);
        }
    }
}
