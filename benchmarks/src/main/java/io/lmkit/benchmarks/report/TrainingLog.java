package io.lmkit.benchmarks.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The log of a neural training run as {@code FixedWindowBrown} and {@code RecurrentBrown} print it: the
 * configuration line, a line per progress report ({@code step 500 epoch 1 tokens 64000  9061 tokens/s ...}), a
 * line per validation ({@code validation: 44.4 s  256000 tokens  perplexity 186.49}) and the closing lines.
 *
 * @param config      the settings of the {@code config: {...}} line, in its order
 * @param family      the word before {@code config:} ({@code lstm}, ...), or "" when the line has none
 * @param steps       the progress reports, in order
 * @param validations the validations, in order
 * @param lines       every line of the log
 * @param source      the log
 */
record TrainingLog(Map<String, String> config, String family, List<Step> steps, List<Validation> validations,
                   List<String> lines, Path source) {

    private static final Pattern CONFIG = Pattern.compile("^(?:(\\S+) )?config: \\{(.*)}$");
    private static final Pattern STEP = Pattern.compile("^step (\\d+) epoch (\\d+) tokens (\\d+)\\s+(\\d+) tokens/s");
    private static final Pattern VALIDATION =
            Pattern.compile("^validation: ([\\d.]+) s\\s+(\\d+) tokens\\s+perplexity ([\\d.]+)$");

    /**
     * One progress report.
     *
     * @param epoch     the epoch it falls in, from 1
     * @param tokens    training tokens seen so far
     * @param perSecond the training tokens per second it printed
     */
    record Step(int epoch, long tokens, long perSecond) {
    }

    /**
     * One validation.
     *
     * @param seconds    seconds of training so far
     * @param tokens     training tokens seen so far
     * @param perplexity the validation perplexity, as printed
     */
    record Validation(double seconds, long tokens, String perplexity) {
    }

    static TrainingLog read(Path log) {
        List<String> lines = RecordedFiles.lines(log);
        Map<String, String> config = new LinkedHashMap<>();
        String family = "";
        List<Step> steps = new ArrayList<>();
        List<Validation> validations = new ArrayList<>();
        String source = log.toString();
        for (String line : lines) {
            Matcher m = CONFIG.matcher(line.strip());
            if (m.matches() && config.isEmpty()) {
                family = m.group(1) == null ? "" : m.group(1);
                for (String pair : m.group(2).split(", ")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        config.put(pair.substring(0, eq), pair.substring(eq + 1));
                    }
                }
            }
            m = STEP.matcher(line.strip());
            if (m.find()) {
                steps.add(new Step(Integer.parseInt(m.group(2)), Long.parseLong(m.group(3)),
                        Long.parseLong(m.group(4))));
            }
            m = VALIDATION.matcher(line.strip());
            if (m.matches()) {
                validations.add(new Validation(Numbers.parse(m.group(1), "validation seconds", source),
                        Long.parseLong(m.group(2)), m.group(3)));
            }
        }
        if (validations.isEmpty()) {
            throw new TableSourceException(log + ": no 'validation: S s  N tokens  perplexity P' line; not the log"
                    + " of a FixedWindowBrown or RecurrentBrown run");
        }
        return new TrainingLog(Map.copyOf(config), family, List.copyOf(steps), List.copyOf(validations),
                List.copyOf(lines), log);
    }

    /** Training tokens of one epoch: those of the last validation before the first report of epoch 2, or 0. */
    long epochTokens() {
        long last = 0;
        int v = 0;
        for (Step step : steps) {
            if (step.epoch() > 1) {
                return last;
            }
            while (v < validations.size() && validations.get(v).tokens() <= step.tokens()) {
                v++;
            }
            last = v < validations.size() ? validations.get(v).tokens() : last;
        }
        return 0;
    }

    /** The epoch a validation closes (1, 2, ...), or 0 when it falls inside an epoch. */
    int epochClosed(Validation validation) {
        long epoch = epochTokens();
        return epoch > 0 && validation.tokens() % epoch == 0 ? (int) (validation.tokens() / epoch) : 0;
    }

    /** The median of the progress reports' tokens per second. */
    long medianTokensPerSecond() {
        if (steps.isEmpty()) {
            throw new TableSourceException(source + ": no 'step N epoch E tokens T  R tokens/s' line");
        }
        List<Long> rates = new ArrayList<>(steps.stream().map(Step::perSecond).toList());
        rates.sort(null);
        int n = rates.size();
        return n % 2 == 1 ? rates.get(n / 2) : Math.round((rates.get(n / 2 - 1) + rates.get(n / 2)) / 2.0);
    }

    /** The last line matching a pattern, or an error naming the log and what was looked for. */
    Matcher last(Pattern pattern, String what) {
        Matcher found = null;
        for (String line : lines) {
            Matcher m = pattern.matcher(line);
            if (m.find()) {
                found = m;
            }
        }
        if (found == null) {
            throw new TableSourceException(source + ": no " + what + "; the run did not finish, re-run it");
        }
        return found;
    }
}
