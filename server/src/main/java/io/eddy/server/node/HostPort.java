package io.eddy.server.node;

/** A {@code host:port} address. */
public record HostPort(String host, int port) {
    public HostPort {
        if (host.isBlank() || port < 0 || port > 65535) {
            throw new IllegalArgumentException("bad address " + host + ":" + port);
        }
    }

    /** Parses {@code host:port}; the message names {@code setting} when it is not one. */
    public static HostPort parse(String setting, String text) {
        String trimmed = text.trim();
        int colon = trimmed.lastIndexOf(':');
        try {
            if (colon <= 0) {
                throw new NumberFormatException();
            }
            int port = Integer.parseInt(trimmed.substring(colon + 1));
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return new HostPort(trimmed.substring(0, colon), port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(setting + ": '" + text + "' is not host:port");
        }
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
