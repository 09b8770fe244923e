package io.eddy.server.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.server.config.EddySettings;
import io.eddy.server.config.Settings;
import java.nio.file.Path;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.junit.jupiter.api.Test;

/** The Ratis properties Eddy's settings turn into. */
class RaftSetupTest {
    private final Settings settings = Settings.defaults();
    private final RaftProperties properties = RaftSetup.properties(settings, Path.of("raft"), "127.0.0.1", 7380);

    @Test
    void heartbeatsTravelBehindTheEntriesSentBeforeThem() {
        // On a channel of their own they overtake in-flight entries: INCONSISTENCY and resends.
        assertThat(GrpcConfigKeys.Server.heartbeatChannel(properties)).isFalse();
    }

    @Test
    void electionTimeoutsAndSnapshotsComeFromTheSettings() {
        assertThat(RaftServerConfigKeys.Rpc.timeoutMin(properties).toLong(java.util.concurrent.TimeUnit.MILLISECONDS))
                .isEqualTo(settings.get(EddySettings.ELECTION_TIMEOUT_MIN));
        assertThat(RaftServerConfigKeys.Rpc.timeoutMax(properties).toLong(java.util.concurrent.TimeUnit.MILLISECONDS))
                .isEqualTo(settings.get(EddySettings.ELECTION_TIMEOUT_MAX));
        assertThat(RaftServerConfigKeys.Snapshot.autoTriggerThreshold(properties))
                .isEqualTo(settings.get(EddySettings.SNAPSHOT_EVERY_ENTRIES));
    }
}
