package dev.confab.client.trust;

import dev.confab.protocol.Limits;
import java.util.Locale;

/**
 * Where a chat server listens. Host names are case-insensitive, so they are kept in lower case:
 * {@code Example.org} and {@code example.org} are one server with one line in known_servers.
 */
public record ServerAddress(String host, int port) {

    public ServerAddress {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("server host is empty");
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || "[]/@#".indexOf(c) >= 0) {
                throw new IllegalArgumentException("server host '" + host + "' contains '" + c + "'");
            }
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("server port " + port + " is not between 1 and 65535");
        }
        host = host.toLowerCase(Locale.ROOT);
    }

    /**
     * Reads {@code host}, {@code host:port}, {@code [ipv6]} or {@code [ipv6]:port}; the port
     * defaults to {@link Limits#DEFAULT_PORT}.
     *
     * @throws IllegalArgumentException saying what is wrong with {@code text}
     */
    public static ServerAddress parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("server address is empty (expected host or host:port)");
        }
        String trimmed = text.strip();
        if (trimmed.startsWith("[")) {
            return parseBracketed(trimmed);
        }
        int colon = trimmed.indexOf(':');
        if (colon < 0) {
            return new ServerAddress(trimmed, Limits.DEFAULT_PORT);
        }
        if (trimmed.indexOf(':', colon + 1) >= 0) {
            throw new IllegalArgumentException("server address '" + trimmed
                    + "' has more than one ':'; write an IPv6 address in brackets, like [::1]:" + Limits.DEFAULT_PORT);
        }
        return new ServerAddress(trimmed.substring(0, colon), parsePort(trimmed, trimmed.substring(colon + 1)));
    }

    private static ServerAddress parseBracketed(String text) {
        int close = text.indexOf(']');
        if (close < 0) {
            throw new IllegalArgumentException("server address '" + text + "' opens '[' but never closes it");
        }
        String host = text.substring(1, close);
        if (host.indexOf(':') < 0) {
            throw new IllegalArgumentException("server address '" + text + "': brackets are only for IPv6 addresses");
        }
        String rest = text.substring(close + 1);
        if (rest.isEmpty()) {
            return new ServerAddress(host, Limits.DEFAULT_PORT);
        }
        if (!rest.startsWith(":")) {
            throw new IllegalArgumentException("server address '" + text + "': expected ':port' after ']'");
        }
        return new ServerAddress(host, parsePort(text, rest.substring(1)));
    }

    private static int parsePort(String address, String port) {
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("server address '" + address + "': port '" + port
                    + "' is not a number between 1 and 65535");
        }
        return Integer.parseInt(port);
    }

    /** {@code host:port}, with an IPv6 host in brackets, so the text parses back to this address. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
