package io.eddy.server.watch;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of a {@link WatchHub}.
 *
 * @param progressInterval how long a watcher that asked for progress notifications may go
 *                         without an element before it gets one
 * @param pageEvents       events per change-log read (a read ends after the revision that reaches it)
 * @param maxElementBytes  serialized events per stream element, unless one revision alone is larger
 */
public record WatchSettings(Duration progressInterval, int pageEvents, long maxElementBytes) {
    /** 10 s progress interval, 1,000-event log pages, 1 MiB elements. */
    public static final WatchSettings DEFAULTS = new WatchSettings(Duration.ofSeconds(10), 1000, 1 << 20);

    /** Checks the fields. */
    public WatchSettings {
        Objects.requireNonNull(progressInterval, "progressInterval");
        if (progressInterval.isNegative() || progressInterval.isZero() || pageEvents < 1 || maxElementBytes < 1) {
            throw new IllegalArgumentException("watch settings must be positive");
        }
    }

    /** A copy with {@link #progressInterval()} set. */
    public WatchSettings withProgressInterval(Duration progressInterval) {
        return new WatchSettings(progressInterval, pageEvents, maxElementBytes);
    }
}
