package io.eddy.client.internal;

import java.net.URI;
import java.net.URISyntaxException;

/** Parses the endpoints a client is built with. */
public final class EndpointAddress {
    private EndpointAddress() {
    }

    /**
     * Parses an endpoint: {@code host:port} (RSocket over TCP; an IPv6 host in brackets) becomes
     * {@code tcp://host:port}; {@code ws://host:port[/path]} (RSocket over WebSocket; the path
     * defaults to {@code /}) is returned as it is. Throws {@link IllegalArgumentException} when
     * malformed, for a port out of range, and for {@code wss://} (no TLS yet).
     */
    public static URI parse(String text) {
        if (text != null && text.regionMatches(true, 0, "wss://", 0, 6)) {
            throw new IllegalArgumentException("wss:// endpoints (WebSocket over TLS) are not supported yet: " + text);
        }
        if (text != null && text.regionMatches(true, 0, "ws://", 0, 5)) {
            return parseWebSocket(text);
        }
        int colon = text == null ? -1 : text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("endpoint must be host:port or ws://host:port[/path], not " + text);
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = port(text, text.substring(colon + 1));
        try {
            return new URI("tcp", null, host, port, null, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("endpoint must be host:port, not " + text, e);
        }
    }

    private static URI parseWebSocket(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("endpoint must be ws://host:port[/path], not " + text, e);
        }
        if (uri.getHost() == null || uri.getPort() == -1 || uri.getRawUserInfo() != null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("endpoint must be ws://host:port[/path], not " + text);
        }
        port(text, Integer.toString(uri.getPort()));
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return URI.create("ws://" + uri.getRawAuthority() + path);
    }

    private static int port(String text, String port) {
        try {
            int value = Integer.parseInt(port);
            if (value < 1 || value > 65535) {
                throw new IllegalArgumentException("port out of range in " + text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("endpoint must be host:port or ws://host:port[/path], not " + text, e);
        }
    }
}
