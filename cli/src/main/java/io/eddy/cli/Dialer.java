package io.eddy.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The dial step of a command (etcdctl's {@code --dial-timeout}): a TCP connection to every
 * endpoint at once, closed at once, so that a command against endpoints that are all down fails
 * within the dial timeout with the reason of each, instead of waiting for the command timeout.
 */
final class Dialer {
    private Dialer() {
    }

    /**
     * {@code endpoints} with those that accepted a connection first (in the order given), the
     * others after them; waits until one accepts, all have failed, or {@code timeout} passed.
     *
     * @throws CommandFailedException when none accepted a connection within {@code timeout}
     */
    static List<String> reachableFirst(List<String> endpoints, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, CompletableFuture<Void>> dials = new LinkedHashMap<>();
        for (String endpoint : endpoints) {
            dials.put(endpoint, CompletableFuture.runAsync(() -> dial(endpoint, timeout), runnable -> {
                Thread thread = new Thread(runnable, "eddyctl-dial");
                thread.setDaemon(true);
                thread.start();
            }));
        }
        waitForSuccessOrAllFailed(dials, deadline);
        List<String> reachable = new ArrayList<>();
        List<String> others = new ArrayList<>();
        dials.forEach((endpoint, dial) -> (succeeded(dial) ? reachable : others).add(endpoint));
        if (reachable.isEmpty()) {
            List<String> reasons = new ArrayList<>();
            dials.forEach((endpoint, dial) -> reasons.add(endpoint + " (" + reason(dial) + ")"));
            throw new CommandFailedException("no endpoint reachable within the dial timeout "
                    + Durations.format(timeout) + ": " + String.join(", ", reasons));
        }
        reachable.addAll(others);
        return reachable;
    }

    private static void waitForSuccessOrAllFailed(Map<String, CompletableFuture<Void>> dials, long deadline) {
        while (true) {
            boolean allDone = true;
            for (CompletableFuture<Void> dial : dials.values()) {
                if (succeeded(dial)) {
                    return;
                }
                allDone &= dial.isDone();
            }
            long left = deadline - System.nanoTime();
            if (allDone || left <= 0) {
                return;
            }
            try {
                CompletableFuture.anyOf(dials.values().stream().filter(d -> !d.isDone())
                        .toArray(CompletableFuture[]::new)).get(left, TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // a dial failed or the time is up: look again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static boolean succeeded(CompletableFuture<Void> dial) {
        return dial.isDone() && !dial.isCompletedExceptionally();
    }

    private static String reason(CompletableFuture<Void> dial) {
        if (!dial.isDone()) {
            return "no answer";
        }
        try {
            dial.join();
            return "ok";
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        }
    }

    private static void dial(String endpoint, Duration timeout) {
        InetSocketAddress address = address(endpoint);
        try (Socket socket = new Socket()) {
            socket.connect(address, (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
        }
    }

    /** The socket address of {@code host:port} or {@code ws://host:port[/path]}. */
    static InetSocketAddress address(String endpoint) {
        if (endpoint.contains("://")) {
            URI uri = URI.create(endpoint);
            return new InetSocketAddress(uri.getHost(), uri.getPort());
        }
        int colon = endpoint.lastIndexOf(':');
        return new InetSocketAddress(endpoint.substring(0, colon), Integer.parseInt(endpoint.substring(colon + 1)));
    }
}
