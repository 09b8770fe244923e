package io.eddy.samples;

import java.util.Arrays;

/**
 * Where the samples connect: {@code --endpoints a,b,c} on the command line, else the
 * {@code EDDY_ENDPOINTS} variable, else the cluster that {@code ./eddy up} starts.
 */
final class Endpoints {
    /** The client ports of {@code ./eddy up}'s members n1, n2 and n3. */
    static final String LOCAL = "127.0.0.1:7379,127.0.0.1:7479,127.0.0.1:7579";

    private Endpoints() {
    }

    /**
     * The endpoints to connect to, and {@code args} without the {@code --endpoints} option.
     *
     * @throws IllegalArgumentException when {@code --endpoints} has no value
     *
     * @param args the program's arguments
     * @return the endpoints and the other arguments
     */
    static Parsed parse(String[] args) {
        String endpoints = System.getenv().getOrDefault("EDDY_ENDPOINTS", LOCAL);
        int at = Arrays.asList(args).indexOf("--endpoints");
        if (at >= 0) {
            if (at + 1 >= args.length) {
                throw new IllegalArgumentException("--endpoints needs a value: host:port[,host:port...]");
            }
            endpoints = args[at + 1];
            String[] rest = new String[args.length - 2];
            System.arraycopy(args, 0, rest, 0, at);
            System.arraycopy(args, at + 2, rest, at, args.length - at - 2);
            args = rest;
        }
        return new Parsed(endpoints.split(","), args);
    }

    /**
     * A parsed command line.
     *
     * @param endpoints the members' client addresses
     * @param args      the other arguments, in order
     */
    record Parsed(String[] endpoints, String[] args) {
        /** The argument at {@code index}, or {@code fallback} when there are fewer arguments. */
        String arg(int index, String fallback) {
            return index < args.length ? args[index] : fallback;
        }
    }
}
