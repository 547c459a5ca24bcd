package org.cinestack.studio;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Who may use the studio, decided per request. The studio listens on 127.0.0.1 by default; any other address needs a
 * token, and a given token is always asked for. Every request's {@code Host} must name the studio itself (a page on
 * another site cannot reach it through a name that resolves to 127.0.0.1: DNS rebinding), and a request that changes
 * anything must come from the studio's own pages ({@code Origin}, else {@code Sec-Fetch-Site}: cross-site request
 * forgery). The token comes as {@code Authorization: Bearer <token>} (the API) or as the cookie {@value #COOKIE},
 * set by the one-time link {@code /login?token=...} (the browser); tokens are compared in constant time. Rules from the
 * OWASP cheat sheets on CSRF and on DNS rebinding (Host validation).
 *
 * @param host  the address the studio listens on
 * @param port  its port
 * @param token the token every request must carry, or empty when none is needed (loopback without one given)
 */
public record Access(String host, int port, Optional<String> token) {
    /** The cookie that carries the token in a browser. */
    public static final String COOKIE = "cinestack_studio";

    /** What a request may do. */
    public enum Verdict {
        /** go on */
        ALLOWED,
        /** the Host header names something else: 421 */
        WRONG_HOST,
        /** no token, or the wrong one: 401 */
        NO_TOKEN,
        /** a change from another site's page: 403 */
        CROSS_SITE
    }

    /**
     * The access for a studio about to listen.
     *
     * @param host  the address to listen on
     * @param port  the port
     * @param given a token given by the user, or empty
     * @return the access: a token generated (32 random bytes, hex) when the address is not loopback and none was given
     */
    public static Access of(String host, int port, Optional<String> given) {
        Optional<String> token = given.filter(t -> !t.isBlank());
        if (token.isEmpty() && !loopback(host)) {
            byte[] b = new byte[32];
            new SecureRandom().nextBytes(b);
            token = Optional.of(HexFormat.of().formatHex(b));
        }
        return new Access(host, port, token);
    }

    /** @return true when the address is this machine's own (127.0.0.0/8, ::1, localhost) */
    static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** @return the names a request's Host header may give, with the port */
    Set<String> hosts() {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        Set<String> out = new java.util.HashSet<>();
        out.add(h.toLowerCase(Locale.ROOT) + ":" + port);
        if (loopback(host)) out.addAll(List.of("127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port));
        return out;
    }

    /**
     * Decides a request.
     *
     * @param method        the HTTP method
     * @param hostHeader    its Host header, or null
     * @param origin        its Origin header, or null
     * @param fetchSite     its Sec-Fetch-Site header, or null
     * @param authorization its Authorization header, or null
     * @param cookie        the value of its {@value #COOKIE} cookie, or null
     * @return the verdict
     */
    public Verdict check(String method, String hostHeader, String origin, String fetchSite, String authorization,
                         String cookie) {
        if (hostHeader == null || !hosts().contains(hostHeader.toLowerCase(Locale.ROOT))) return Verdict.WRONG_HOST;
        if (token.isPresent()) {
            String bearer = authorization != null && authorization.startsWith("Bearer ")
                ? authorization.substring(7).strip() : null;
            if (!same(bearer, token.get()) && !same(cookie, token.get())) return Verdict.NO_TOKEN;
        }
        boolean changes = !(method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS"));
        if (changes) {
            if (origin != null && !origin.equalsIgnoreCase("http://" + hostHeader)) return Verdict.CROSS_SITE;
            if (origin == null && fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none")) {
                return Verdict.CROSS_SITE;
            }
        }
        return Verdict.ALLOWED;
    }

    /**
     * @param offered a token offered by a request, or null
     * @return true when it is the studio's token
     */
    public boolean tokenMatches(String offered) {
        return token.isPresent() && same(offered, token.get());
    }

    private static boolean same(String a, String b) {
        if (a == null || b == null) return false;
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "Access[" + host + ":" + port + (token.isPresent() ? ", token ***]" : "]");
    }
}
