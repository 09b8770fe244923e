package io.eddy.server.launcher;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Logback filter (named in {@code logback.xml}) for Ratis' per-member logger
 * {@code RaftServer$Division}, which writes a dozen INFO lines per election (vote requests,
 * configuration dumps, start-up steps). Of its INFO lines only role changes ("changes role
 * from CANDIDATE to LEADER at term 3") and leader changes ("change Leader from null to n3")
 * pass; its warnings and errors, and every other logger's events, are left alone.
 */
public final class RaftRoleFilter extends Filter<ILoggingEvent> {
    static final String DIVISION_LOGGER = "org.apache.ratis.server.RaftServer$Division";

    @Override
    public FilterReply decide(ILoggingEvent event) {
        if (!DIVISION_LOGGER.equals(event.getLoggerName()) || event.getLevel().isGreaterOrEqual(Level.WARN)) {
            return FilterReply.NEUTRAL;
        }
        String template = event.getMessage();
        boolean roleChange = template != null
                && (template.contains("changes role from") || template.contains("change Leader from"));
        return roleChange ? FilterReply.NEUTRAL : FilterReply.DENY;
    }
}
