package io.eddy.server.mvcc;

import io.eddy.server.config.EddySettings;
import io.eddy.server.config.Settings;

/** Request limits the store enforces (see {@link EddySettings} for the defaults). */
public record Limits(int maxKeyBytes, int maxValueBytes, int maxRequestBytes, int maxTxnOps) {
    public static final Limits DEFAULTS = from(Settings.defaults());

    public Limits {
        if (maxKeyBytes < 1 || maxValueBytes < 0 || maxRequestBytes < 1 || maxTxnOps < 1) {
            throw new IllegalArgumentException("limits must be positive: " + maxKeyBytes + ", " + maxValueBytes
                    + ", " + maxRequestBytes + ", " + maxTxnOps);
        }
    }

    public static Limits from(Settings settings) {
        return new Limits(settings.get(EddySettings.MAX_KEY_BYTES), settings.get(EddySettings.MAX_VALUE_BYTES),
                settings.get(EddySettings.MAX_REQUEST_BYTES), settings.get(EddySettings.MAX_TXN_OPS));
    }
}
