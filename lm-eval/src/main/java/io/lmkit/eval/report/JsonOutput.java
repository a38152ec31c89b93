package io.lmkit.eval.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * The one Jackson configuration behind every JSON lmkit writes: the command line's {@code --json}
 * output, the probes' reports and the comparison's {@code results.json}. Records are written
 * directly, their components in declaration order; a map's entries are sorted by key, so the same
 * result gives the same bytes whatever map held it; doubles are written as Java's shortest form
 * ({@link Double#toString}) and NaN and infinities as {@code null}, since JSON has no such numbers.
 */
public final class JsonOutput {

    /** The digits {@link #readable} keeps: below a double's 15.95, so binary noise in the 17th goes. */
    private static final MathContext SIGNIFICANT = new MathContext(15);

    private static final ObjectMapper MAPPER = configure(JsonMapper.builder().build(), nonFiniteAsNull());

    private JsonOutput() {
    }

    /**
     * The shared mapper; a copy, so a caller that changes it changes nothing for the others.
     *
     * @return a mapper with lmkit's JSON configuration
     */
    public static ObjectMapper mapper() {
        return MAPPER.copy();
    }

    /**
     * The shared configuration with every double rounded to 15 significant digits by
     * {@link #readable} (binary noise in the 17th digit dropped), for a report read by
     * people as much as by scripts ({@code results.json}).
     *
     * @return a mapper with lmkit's JSON configuration and readable numbers
     */
    public static ObjectMapper readableMapper() {
        return configure(JsonMapper.builder().build(), readableNumbers());
    }

    /**
     * {@code value} as one line of JSON, without a line end (the command line's {@code --json}).
     *
     * @param value a record, list, map, string or number
     * @return the JSON text
     */
    public static String line(Object value) {
        return write(MAPPER, value, false);
    }

    /**
     * {@code value} as indented JSON ending in a line end (a report file).
     *
     * @param value a record, list, map, string or number
     * @return the JSON text
     */
    public static String pretty(Object value) {
        return write(MAPPER, value, true) + "\n";
    }

    /**
     * {@code value} as indented JSON ending in a line end, written by {@code mapper} (one of this
     * class's mappers).
     *
     * @param mapper {@link #mapper()} or {@link #readableMapper()}
     * @param value  a record, list, map, string or number
     * @return the JSON text
     */
    public static String pretty(ObjectMapper mapper, Object value) {
        return write(mapper, value, true) + "\n";
    }

    private static String write(ObjectMapper mapper, Object value, boolean indent) {
        try {
            return indent ? mapper.writerWithDefaultPrettyPrinter().writeValueAsString(value)
                    : mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            // Only a value with a type Jackson cannot write gets here: a programming error, not bad input.
            throw new IllegalStateException("cannot write " + value.getClass().getName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    private static ObjectMapper configure(ObjectMapper mapper, SimpleModule numbers) {
        return mapper.registerModule(numbers).enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    }

    /** Doubles as {@link Double#toString} writes them; NaN and infinities as null. */
    private static SimpleModule nonFiniteAsNull() {
        StdSerializer<Double> finiteOrNull = new StdSerializer<>(Double.class) {
            @Override
            public void serialize(Double v, JsonGenerator g, SerializerProvider p) throws IOException {
                if (Double.isFinite(v)) {
                    g.writeNumber(v);
                } else {
                    g.writeNull();
                }
            }
        };
        return new SimpleModule("finite-numbers").addSerializer(Double.class, finiteOrNull)
                .addSerializer(double.class, finiteOrNull);
    }

    /**
     * {@code v} rounded to 15 significant digits, which a double holds exactly, so that it prints in
     * its shortest decimal form: a budget scaled to {@code 2.4000000000000004} minutes (6 × 0.4)
     * prints as {@code 2.4}, and {@code 0.1 + 0.2} as {@code 0.3}. NaN and infinities are returned
     * as they are.
     */
    public static double readable(double v) {
        if (!Double.isFinite(v) || v == 0) {
            return v;
        }
        return new BigDecimal(v).round(SIGNIFICANT).doubleValue();
    }

    /**
     * A Jackson module writing every {@code double} through {@link #readable}, for the config in a
     * report's provenance (YAML) and for {@code results.json}; NaN and infinities are written as null.
     */
    public static SimpleModule readableNumbers() {
        StdSerializer<Double> readableOrNull = new StdSerializer<>(Double.class) {
            @Override
            public void serialize(Double v, JsonGenerator g, SerializerProvider p) throws IOException {
                if (Double.isFinite(v)) {
                    g.writeNumber(readable(v));
                } else {
                    g.writeNull();
                }
            }
        };
        return new SimpleModule("readable-numbers").addSerializer(Double.class, readableOrNull)
                .addSerializer(double.class, readableOrNull);
    }
}
