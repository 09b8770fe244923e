package io.eddy.server.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.joran.util.ConfigurationWatchListUtil;
import ch.qos.logback.core.spi.FilterReply;
import ch.qos.logback.core.status.Status;
import java.net.URL;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The launcher's logback.xml, its Ratis filter, and that server tests do not use it. */
class LauncherLoggingTest {
    @Test
    void launcherConfigurationLoadsWithTheIntendedLevels() throws JoranException {
        URL config = Launcher.class.getResource("/logback.xml");
        assertThat(config).isNotNull();
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(config);

        assertThat(context.getStatusManager().getCopyOfStatusList())
                .noneMatch(status -> status.getLevel() >= Status.WARN);
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("io.eddy").getEffectiveLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("org.apache.ratis.server.impl.RaftServerImpl").getEffectiveLevel())
                .isEqualTo(Level.WARN);
        assertThat(context.getLogger(RaftRoleFilter.DIVISION_LOGGER).getEffectiveLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("jetbrains.exodus.env").getEffectiveLevel()).isEqualTo(Level.WARN);
        context.stop();
    }

    @Test
    void serverTestsLogThroughLogbackTestXml() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

        assertThat(ConfigurationWatchListUtil.getMainWatchURL(context)).asString().endsWith("/logback-test.xml");
    }

    @Test
    void raftFilterKeepsRoleChangesAndWarningsOnly() {
        RaftRoleFilter filter = new RaftRoleFilter();

        assertThat(decide(filter, RaftRoleFilter.DIVISION_LOGGER, Level.INFO,
                "{}: changes role from {} to {} at term {} for {}")).isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide(filter, RaftRoleFilter.DIVISION_LOGGER, Level.INFO,
                "{}: change Leader from {} to {} at term {} for {}{}")).isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide(filter, RaftRoleFilter.DIVISION_LOGGER, Level.INFO,
                "{}: receive requestVote({}, {}, {}, {}, {})")).isEqualTo(FilterReply.DENY);
        assertThat(decide(filter, RaftRoleFilter.DIVISION_LOGGER, Level.WARN, "{}: anything"))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide(filter, "io.eddy.server.node.EddyNode", Level.INFO, "member {} started"))
                .isEqualTo(FilterReply.NEUTRAL);
    }

    private static FilterReply decide(RaftRoleFilter filter, String logger, Level level, String template) {
        LoggerContext context = new LoggerContext();
        LoggingEvent event = new LoggingEvent(LauncherLoggingTest.class.getName(), context.getLogger(logger), level,
                template, null, new Object[] {"n1"});
        return filter.decide(event);
    }
}
