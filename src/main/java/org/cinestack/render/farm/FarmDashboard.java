package org.cinestack.render.farm;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.jobrunr.dashboard.JobRunrApiHandler;
import org.jobrunr.dashboard.JobRunrSseHandler;
import org.jobrunr.dashboard.JobRunrStaticFileHandler;
import org.jobrunr.dashboard.server.HttpExchangeHandler;
import org.jobrunr.dashboard.server.http.RedirectHttpHandler;
import org.jobrunr.storage.ThreadSafeStorageProvider;

/**
 * JobRunr's dashboard of the farm (its jobs, their states and histories, the servers), served on 127.0.0.1 only.
 * JobRunr's own dashboard server listens on every interface; this one puts the same handlers on a loopback server,
 * and answers 421 to a request whose {@code Host} is not this machine's loopback name (a page elsewhere reaching it
 * through DNS rebinding).
 */
public final class FarmDashboard implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<HttpExchangeHandler> handlers;

    private FarmDashboard(HttpServer server, List<HttpExchangeHandler> handlers) {
        this.server = server;
        this.handlers = handlers;
    }

    /**
     * @param farm the farm
     * @param port the port on 127.0.0.1, or 0 for any free one
     * @return the dashboard, serving
     * @throws IOException when the port cannot be listened on
     */
    public static FarmDashboard start(Farm farm, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        ThreadSafeStorageProvider storage = new ThreadSafeStorageProvider(farm.storage());
        List<HttpExchangeHandler> handlers = List.of(new RedirectHttpHandler("/", "/dashboard"),
            new JobRunrStaticFileHandler(), new JobRunrApiHandler(storage, farm.json(), false),
            new JobRunrSseHandler(storage, farm.json()));
        FarmDashboard d = new FarmDashboard(server, handlers);
        int bound = server.getAddress().getPort();
        Filter host = new Filter() {
            @Override
            public void doFilter(HttpExchange e, Chain chain) throws IOException {
                String h = String.valueOf(e.getRequestHeaders().getFirst("Host")).toLowerCase(Locale.ROOT);
                if (!h.equals("127.0.0.1:" + bound) && !h.equals("localhost:" + bound)) {
                    e.sendResponseHeaders(421, -1);
                    e.close();
                    return;
                }
                chain.doFilter(e);
            }

            @Override
            public String description() {
                return "only this machine's loopback names";
            }
        };
        for (HttpExchangeHandler h : handlers) server.createContext(h.getContextPath(), h).getFilters().add(host);
        server.setExecutor(d.threads);
        server.start();
        return d;
    }

    /** @return the address it listens on */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** @return the dashboard's address, {@code http://127.0.0.1:PORT/dashboard} */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/dashboard";
    }

    @Override
    public void close() {
        handlers.forEach(HttpExchangeHandler::close);
        server.stop(0);
        threads.shutdownNow();
    }
}
