package io.eddy.server.node;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deliberate faults for the robustness suite's self-test: <strong>test only, never in
 * production</strong>. A member reads the system property {@value #PROPERTY} once, when it
 * starts; there is no setting, flag or environment variable for it. Values (comma-separated):
 *
 * <ul>
 *   <li>{@code stale-reads}: linearizable reads skip the ReadIndex barrier and read this
 *       member's state at once, as serializable reads do, so a member cut off from the
 *       cluster keeps answering with old data. The robustness suite must catch it.</li>
 * </ul>
 *
 * <p>An unknown value fails the member's start; a known one is logged at WARN by every member
 * that starts with it.
 */
record TestFaults(boolean staleReads) {
    /** The system property (read at member start). */
    static final String PROPERTY = "eddy.test.faults";
    static final TestFaults NONE = new TestFaults(false);
    private static final Logger LOG = LoggerFactory.getLogger(TestFaults.class);
    private static final Set<String> KNOWN = Set.of("stale-reads");

    /** The faults the property asks for (none when unset); throws IllegalArgumentException on an unknown one. */
    static TestFaults fromSystemProperty(String member) {
        String value = System.getProperty(PROPERTY, "").trim();
        if (value.isEmpty()) {
            return NONE;
        }
        Set<String> asked = Arrays.stream(value.split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        for (String fault : asked) {
            if (!KNOWN.contains(fault)) {
                throw new IllegalArgumentException(PROPERTY + ": unknown fault '" + fault + "' (known: " + KNOWN + ")");
            }
        }
        TestFaults faults = new TestFaults(asked.contains("stale-reads"));
        LOG.warn("!!! member {} runs with TEST FAULTS {}={}: linearizable reads are NOT linearizable. "
                + "Test use only; never run a real cluster like this. !!!", member, PROPERTY, value);
        return faults;
    }
}
