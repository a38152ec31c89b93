package io.lmkit.cli.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A command line read by hand for a fast path ({@link NgramEvalFastPath}, {@link NgramScoreFastPath}), in
 * the forms picocli reads the same way: {@code --quiet} anywhere, then the command, then its options
 * ({@code --name value} or {@code --name=value}, each once) and, where the command takes them, words.
 * Anything else (another option, an option twice, {@code --help}, {@code --}, picocli's {@code @file}
 * arguments, a value that looks like an option) is not read here: the general path reads it.
 *
 * @param values      each option given with its value
 * @param flags       each option given without a value ({@code --quiet} among them)
 * @param positionals the words that are not options, in order
 */
record FastPathArgs(Map<String, String> values, Set<String> flags, List<String> positionals) {

    /**
     * Reads {@code args} as {@code command} with the given options.
     *
     * @param flagNames   options without a value the command takes (besides {@code --quiet})
     * @param valueNames  options with a value
     * @param positionals whether the command takes words
     */
    static Optional<FastPathArgs> parse(String[] args, String command, Set<String> flagNames, Set<String> valueNames,
                                        boolean positionals) {
        Map<String, String> values = new HashMap<>();
        Set<String> flags = new HashSet<>();
        List<String> words = new ArrayList<>();
        boolean seen = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("@") || a.equals("--")) {
                return Optional.empty();
            }
            if (!seen && a.equals(command)) {
                seen = true;
                continue;
            }
            int eq = a.startsWith("--") ? a.indexOf('=') : -1;
            String name = eq > 0 ? a.substring(0, eq) : a;
            boolean flag = name.equals("--quiet") || seen && flagNames.contains(name);
            if (flag && eq < 0) {
                if (!flags.add(name)) {
                    return Optional.empty();
                }
                continue;
            }
            if (!seen || flag) {
                return Optional.empty();
            }
            if (valueNames.contains(name)) {
                String value = eq > 0 ? a.substring(eq + 1) : i + 1 < args.length ? args[++i] : null;
                if (value == null || value.isEmpty() || value.startsWith("-") || value.startsWith("@")
                        || values.putIfAbsent(name, value) != null) {
                    return Optional.empty();
                }
                continue;
            }
            if (a.startsWith("-") || !positionals) {
                return Optional.empty();
            }
            words.add(a);
        }
        return seen ? Optional.of(new FastPathArgs(values, flags, words)) : Optional.empty();
    }
}
