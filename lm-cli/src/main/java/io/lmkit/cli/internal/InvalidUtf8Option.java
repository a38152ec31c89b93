package io.lmkit.cli.internal;

import io.lmkit.core.files.InvalidUtf8;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The {@code --invalid-utf8} option of every command that reads text files (a picocli mixin), so that
 * train, eval, score, data split and ngram stats treat a file with bad bytes the same way.
 */
final class InvalidUtf8Option {

    @Option(names = "--invalid-utf8", paramLabel = "fail|replace", defaultValue = "fail",
            converter = PolicyConverter.class,
            description = "Bytes that are not UTF-8 in the text files: fail (an error naming the line and byte offset)"
                    + " or replace (with U+FFFD).")
    private InvalidUtf8 policy = InvalidUtf8.FAIL;

    /** What to do with invalid UTF-8, as the user chose. */
    InvalidUtf8 policy() {
        return policy;
    }

    /** Reads "fail" or "replace"; anything else is a usage error naming the two values. */
    static final class PolicyConverter implements ITypeConverter<InvalidUtf8> {
        @Override
        public InvalidUtf8 convert(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "fail" -> InvalidUtf8.FAIL;
                case "replace" -> InvalidUtf8.REPLACE;
                default -> throw new TypeConversionException("--invalid-utf8 must be 'fail' or 'replace', got '"
                        + value + "'");
            };
        }
    }
}
