package io.lmkit.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.LmkitException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigBinderTest {

    enum Activation { TANH, RELU }

    record Config(int order, double discount, boolean interpolate, Activation activation, String name) {
        Config {
            if (order < 1) {
                throw new IllegalArgumentException("order must be at least 1, got " + order);
            }
        }
    }

    private static final Config DEFAULTS = new Config(3, 0.75, true, Activation.TANH, "x");

    @Test
    void settingsReplaceDefaultsByComponentName() {
        Config c = ConfigBinder.bind(Config.class, DEFAULTS,
                Map.of("order", "5", "activation", "relu", "interpolate", "false"), "model 'test'");
        assertEquals(new Config(5, 0.75, false, Activation.RELU, "x"), c);
        assertEquals(DEFAULTS, ConfigBinder.bind(Config.class, DEFAULTS, Map.of(), "model 'test'"));
    }

    @Test
    void settingsRoundTripThroughText() {
        Config c = new Config(4, 0.5, false, Activation.RELU, "a b");
        Map<String, String> text = ConfigBinder.toSettings(c);
        assertEquals(new LinkedHashMap<>(Map.of("order", "4", "discount", "0.5", "interpolate", "false",
                "activation", "relu", "name", "a b")), new LinkedHashMap<>(text));
        assertEquals(c, ConfigBinder.bind(Config.class, DEFAULTS, text, "model 'test'"));
    }

    @Test
    void anUnknownKeyIsAnErrorListingTheKnownKeys() {
        String m = assertThrows(LmkitException.class,
                () -> ConfigBinder.bind(Config.class, DEFAULTS, Map.of("ordr", "5"), "model 'test'")).getMessage();
        assertEquals("unknown setting 'ordr' for model 'test'; known settings: [order, discount, interpolate,"
                + " activation, name]", m);
    }

    @Test
    void badValuesNameTheKeyAndTheExpectedType() {
        String m = assertThrows(LmkitException.class,
                () -> ConfigBinder.bind(Config.class, DEFAULTS, Map.of("order", "three"), "model 'test'")).getMessage();
        assertEquals("setting 'order' of model 'test' must be an integer, got 'three'", m);
        m = assertThrows(LmkitException.class,
                () -> ConfigBinder.bind(Config.class, DEFAULTS, Map.of("interpolate", "yes"), "model 'test'"))
                .getMessage();
        assertTrue(m.contains("true or false"), m);
        m = assertThrows(LmkitException.class,
                () -> ConfigBinder.bind(Config.class, DEFAULTS, Map.of("activation", "gelu"), "model 'test'"))
                .getMessage();
        assertTrue(m.contains("[tanh, relu]"), m);
    }

    @Test
    void theRecordsOwnValidationIsReported() {
        String m = assertThrows(LmkitException.class,
                () -> ConfigBinder.bind(Config.class, DEFAULTS, Map.of("order", "0"), "model 'test'")).getMessage();
        assertEquals("invalid settings for model 'test': order must be at least 1, got 0", m);
    }

    @Test
    void nanAndInfinityAreRefusedForEverySettingEvenWhereTheRecordWouldAcceptThem() {
        // The record checks only the order; its discount takes any double.
        for (String bad : new String[] {"NaN", "Infinity", "-Infinity", "1e309"}) {
            String m = assertThrows(LmkitException.class,
                    () -> ConfigBinder.bind(Config.class, DEFAULTS, Map.of("discount", bad), "model 'test'"))
                    .getMessage();
            assertEquals("setting 'discount' of model 'test' must be a finite number, got '" + bad + "'", m);
        }
    }
}
