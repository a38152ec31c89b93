package io.lmkit.cli.internal;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.impl.Log4jContextFactory;

/**
 * Sets the root log level of a run without starting Log4j for it: a command that never logs (scoring
 * and evaluating an n-gram model) then never configures Log4j-core, which costs a fresh JVM about a
 * third of a second (its configuration, an XML parser, and the Jackson classes its JSON factory probes
 * for). The level goes into the system property {@value #PROPERTY}, which {@code log4j2.xml} reads when
 * Log4j configures itself; a configuration already started (an earlier in-process run, or a class with a
 * logger loaded before the command ran) gets the level directly.
 */
final class LogLevel {

    /** The system property log4j2.xml takes the root level from. */
    static final String PROPERTY = "lmkit.logLevel";

    private LogLevel() {
    }

    static void apply(Level level) {
        System.setProperty(PROPERTY, level.name());
        if (LogManager.getFactory() instanceof Log4jContextFactory factory
                && !factory.hasContext(LogLevel.class.getName(), LogLevel.class.getClassLoader(), false)) {
            return; // Log4j reads the property when it starts, if it ever does
        }
        Configurator.setRootLevel(level);
    }

    /**
     * Whether a message at {@code level} would be logged, answered from the level {@link #apply} set without
     * starting Log4j (so that {@code train}, which reports every phase at INFO, starts it only when that is
     * shown). When no level was set, or a configuration file of the user's own is named (whose levels only
     * Log4j knows), the answer is yes and Log4j decides.
     */
    static boolean enabled(Level level) {
        String set = System.getProperty(PROPERTY);
        if (set == null || System.getProperty("log4j2.configurationFile") != null
                || System.getProperty("log4j.configurationFile") != null) {
            return true;
        }
        return level.isMoreSpecificThan(Level.toLevel(set, Level.ALL));
    }
}
