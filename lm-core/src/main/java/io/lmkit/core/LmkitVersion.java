package io.lmkit.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of lmkit on the classpath, as recorded in every model file it writes. */
public final class LmkitVersion {

    private static final String VERSION = load();

    private LmkitVersion() {
    }

    /** The Maven project version of lm-core, for example {@code 0.1.0-SNAPSHOT}. */
    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = LmkitVersion.class.getResourceAsStream("/META-INF/lmkit/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read lmkit's own version resource", e);
        }
    }
}
