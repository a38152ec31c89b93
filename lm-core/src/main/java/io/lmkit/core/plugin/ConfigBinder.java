package io.lmkit.core.plugin;

import io.lmkit.core.LmkitException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns {@code key=value} settings into a config record and back, by the record's component
 * names. Keys the record does not have are errors (a typo must never fall back to a default);
 * values are parsed by the component's type; the record's own constructor then validates them. A
 * NaN or infinite number is refused for every setting, also where the record's own checks (written
 * as {@code x < 0}) would let it through.
 *
 * <p>Supported component types: {@code int}, {@code long}, {@code double}, {@code float},
 * {@code boolean}, {@code String} and enums (by constant name, case-insensitive).
 *
 * <p>Why not Jackson's {@code convertValue} (defaults and settings merged into a map, with a
 * {@code DeserializationProblemHandler} for the messages): compared on a typo ({@code ordr=4}), a
 * wrong type ({@code order=four}) and a missing value ({@code order=}), a handler can reword the
 * first two to match these messages, but an empty value becomes {@code null}, then 0 for an
 * {@code int} (or, with {@code FAIL_ON_NULL_FOR_PRIMITIVES}, "Cannot coerce `null` to `int`
 * value", which no handler hook sees), and {@code NaN} is accepted for a {@code double}. Its
 * record errors read "Cannot construct instance of `...`, problem: ...". And jackson-databind,
 * -core and -annotations (2.4 MB) would take lm-ngram's runtime classpath (4.3 MiB) over its
 * 6 MiB cap. The full comparison is in docs/API.md.
 */
public final class ConfigBinder {

    private ConfigBinder() {
    }

    /**
     * A config equal to {@code defaults} with the given settings replaced.
     *
     * @param what names the config in messages, e.g. {@code "model 'unigram'"}
     * @throws LmkitException for an unknown key, an unparsable value or a value the record rejects
     */
    public static <C extends Record> C bind(Class<C> type, C defaults, Map<String, String> settings, String what) {
        RecordComponent[] components = type.getRecordComponents();
        List<String> names = new java.util.ArrayList<>(); // a loop: model loading runs this in a fresh JVM
        for (RecordComponent c : components) {
            names.add(c.getName());
        }
        for (String key : settings.keySet()) {
            if (!names.contains(key)) {
                throw new LmkitException("unknown setting '" + key + "' for " + what + "; known settings: "
                        + (names.isEmpty() ? "none" : names));
            }
        }
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        String nonFinite = null;
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            types[i] = c.getType();
            String value = settings.get(c.getName());
            args[i] = value == null ? read(c, defaults) : parse(c, value, what);
            if (nonFinite == null && value != null && args[i] instanceof Number n && !Double.isFinite(n.doubleValue())) {
                nonFinite = "setting '" + c.getName() + "' of " + what + " must be a finite number, got '" + value + "'";
            }
        }
        try {
            Constructor<C> ctor = type.getDeclaredConstructor(types);
            ctor.setAccessible(true);
            // The record is asked first, so that its message can name the setting's range.
            C config = ctor.newInstance(args);
            if (nonFinite != null) {
                throw new LmkitException(nonFinite);
            }
            return config;
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new LmkitException("invalid settings for " + what + ": " + cause.getMessage(), cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("config record " + type.getName() + " cannot be constructed", e);
        }
    }

    /** The settings of a config record as {@code component name → value text}, in declaration order. */
    public static Map<String, String> toSettings(Record config) {
        Map<String, String> out = new LinkedHashMap<>();
        for (RecordComponent c : config.getClass().getRecordComponents()) {
            Object v = read(c, config);
            out.put(c.getName(), v instanceof Enum<?> e ? e.name().toLowerCase(Locale.ROOT) : String.valueOf(v));
        }
        return out;
    }

    private static Object read(RecordComponent c, Record record) {
        try {
            c.getAccessor().setAccessible(true);
            return c.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + c.getName() + " of " + record.getClass().getName(), e);
        }
    }

    private static Object parse(RecordComponent c, String value, String what) {
        Class<?> t = c.getType();
        String v = value.strip();
        try {
            if (t == int.class || t == Integer.class) {
                return Integer.parseInt(v);
            } else if (t == long.class || t == Long.class) {
                return Long.parseLong(v);
            } else if (t == double.class || t == Double.class) {
                return Double.parseDouble(v);
            } else if (t == float.class || t == Float.class) {
                return Float.parseFloat(v);
            } else if (t == boolean.class || t == Boolean.class) {
                if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                    throw new NumberFormatException();
                }
                return Boolean.parseBoolean(v);
            } else if (t == String.class) {
                return value;
            } else if (t.isEnum()) {
                for (Object constant : t.getEnumConstants()) {
                    if (((Enum<?>) constant).name().equalsIgnoreCase(v.replace('-', '_'))) {
                        return constant;
                    }
                }
                throw new LmkitException("setting '" + c.getName() + "' of " + what + " must be one of "
                        + Arrays.stream(t.getEnumConstants()).map(e -> ((Enum<?>) e).name().toLowerCase(Locale.ROOT))
                        .toList() + ", got '" + value + "'");
            }
        } catch (NumberFormatException e) {
            throw new LmkitException("setting '" + c.getName() + "' of " + what + " must be "
                    + article(t) + ", got '" + value + "'", e);
        }
        throw new IllegalStateException("config component " + c.getName() + " has unsupported type " + t.getName());
    }

    private static String article(Class<?> t) {
        if (t == int.class || t == long.class || t == Integer.class || t == Long.class) {
            return "an integer";
        }
        if (t == boolean.class || t == Boolean.class) {
            return "true or false";
        }
        return "a number";
    }
}
