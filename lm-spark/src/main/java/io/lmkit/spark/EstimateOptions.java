package io.lmkit.spark;

import io.lmkit.ngram.NgramOrder;
import io.lmkit.ngram.estimate.KneserNey;
import io.lmkit.ngram.estimate.Pruning;
import io.lmkit.ngram.estimate.StupidBackoff;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The command line of {@link Estimate}, validated: each bad option is a {@link UsageException} naming it.
 *
 * @param model              {@code modified-kneser-ney} or {@code stupid-backoff}
 * @param order              the n-gram order, 1..{@value NgramOrder#MAX}
 * @param input              text files or folders on any Hadoop file system (a glob or a comma-separated list)
 * @param vocabulary         the vocabulary file (one word a line, as {@code lmkit data split} writes it), on the
 *                           driver
 * @param out                the model file to write, on the driver
 * @param arpa               an ARPA file to write as well, on the driver
 * @param pruning            lmplz's {@code --prune} thresholds (modified Kneser-Ney only)
 * @param discountStatistics textbook or lmplz counts-of-counts (modified Kneser-Ney only)
 * @param alpha              stupid backoff's α
 * @param tokenizer          the tokenizer plugin's name
 * @param partitions         the partitions of each shuffle; 0 for one per 8 MiB of input (at least Spark's default
 *                           parallelism)
 * @param plan               how modified Kneser-Ney is laid out as jobs: {@link #BY_HISTORY} (one shuffle of the
 *                           n-grams, each partition estimated on its own), {@link #JOINS} (a shuffle per step, which
 *                           no frequent word can overload), or {@link #AUTO} (by-history above order 1)
 */
public record EstimateOptions(String model, int order, String input, Path vocabulary, Path out, Optional<Path> arpa,
                              Pruning pruning, KneserNey.DiscountStatistics discountStatistics, double alpha,
                              String tokenizer, int partitions, String plan) {

    /** The model names this entry point estimates. */
    public static final String MKN = "modified-kneser-ney";
    /** Stupid backoff's name. */
    public static final String STUPID_BACKOFF = "stupid-backoff";

    /** The plan that chooses: by-history, or joins for order 1. */
    public static final String AUTO = "auto";
    /** One shuffle of the n-grams, partitioned by their second-to-last word. */
    public static final String BY_HISTORY = "by-history";
    /** A shuffle per step (joins by context and by suffix). */
    public static final String JOINS = "joins";

    /** The usage text. */
    public static final String USAGE = "Usage: spark-submit --class io.lmkit.spark.Estimate lm-spark.jar"
            + " --model modified-kneser-ney|stupid-backoff --order N --input PATH --vocab FILE --out MODEL.zip"
            + " [--arpa FILE[.gz]] [--prune \"0 0 1\"] [--discount-statistics textbook|lmplz] [--alpha 0.4]"
            + " [--tokenizer whitespace] [--partitions N] [--plan auto|by-history|joins]";

    /** A bad command line; its message names the option and the fix. */
    public static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** A usage error saying {@code message}. */
        public UsageException(String message) {
            super(message);
        }
    }

    /** The pruning thresholds as lmplz writes them, one per order from the unigrams up ("" for none). */
    public String pruneText() {
        long[] t = pruning.thresholds();
        return t.length < 2 ? "" : java.util.Arrays.stream(t, 1, t.length).mapToObj(Long::toString)
                .collect(java.util.stream.Collectors.joining(" "));
    }

    /** Parses the arguments; throws {@link UsageException} naming the first bad or missing option. */
    public static EstimateOptions parse(String[] args) {
        String model = null;
        String order = null;
        String input = null;
        String vocab = null;
        String out = null;
        String arpa = null;
        String prune = "";
        String statistics = "textbook";
        String alpha = Double.toString(StupidBackoff.DEFAULT_ALPHA);
        String tokenizer = "whitespace";
        String partitions = "0";
        String plan = AUTO;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new UsageException(name.startsWith("--") ? "option " + name + " needs a value"
                        : "unexpected argument '" + name + "'");
            }
            String value = args[++i];
            switch (name) {
                case "--model" -> model = value;
                case "--order" -> order = value;
                case "--input" -> input = value;
                case "--vocab" -> vocab = value;
                case "--out" -> out = value;
                case "--arpa" -> arpa = value;
                case "--prune" -> prune = value;
                case "--discount-statistics" -> statistics = value;
                case "--alpha" -> alpha = value;
                case "--tokenizer" -> tokenizer = value;
                case "--partitions" -> partitions = value;
                case "--plan" -> plan = value;
                default -> throw new UsageException("unknown option '" + name + "'");
            }
        }
        if (model == null || order == null || input == null || vocab == null || out == null) {
            throw new UsageException("--model, --order, --input, --vocab and --out are required");
        }
        if (!model.equals(MKN) && !model.equals(STUPID_BACKOFF)) {
            throw new UsageException("--model must be " + MKN + " or " + STUPID_BACKOFF + ", got '" + model + "'");
        }
        int n = wholeNumber("--order", order);
        if (n < 1 || n > NgramOrder.MAX) {
            throw new UsageException("--order must be from 1 to " + NgramOrder.MAX + ", got " + order);
        }
        Pruning pruning;
        try {
            pruning = Pruning.parse(prune);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--prune: " + e.getMessage());
        }
        if (pruning.prunes() && !model.equals(MKN)) {
            throw new UsageException("--prune applies to " + MKN + " only, not to " + model);
        }
        KneserNey.DiscountStatistics stats = switch (statistics.toLowerCase(Locale.ROOT)) {
            case "textbook" -> KneserNey.DiscountStatistics.TEXTBOOK;
            case "lmplz" -> KneserNey.DiscountStatistics.LMPLZ;
            default -> throw new UsageException("--discount-statistics must be textbook or lmplz, got '" + statistics
                    + "'");
        };
        double a;
        try {
            a = Double.parseDouble(alpha);
        } catch (NumberFormatException e) {
            throw new UsageException("--alpha must be a number in (0, 1], got '" + alpha + "'");
        }
        if (!(a > 0 && a <= 1)) {
            throw new UsageException("--alpha must be a number in (0, 1], got '" + alpha + "'");
        }
        int p = wholeNumber("--partitions", partitions);
        if (p < 0) {
            throw new UsageException("--partitions must be 0 (one per 8 MiB of input) or more, got "
                    + partitions);
        }
        if (!plan.equals(AUTO) && !plan.equals(BY_HISTORY) && !plan.equals(JOINS)) {
            throw new UsageException("--plan must be " + AUTO + ", " + BY_HISTORY + " or " + JOINS + ", got '" + plan
                    + "'");
        }
        if (plan.equals(BY_HISTORY) && !model.equals(MKN)) {
            throw new UsageException("--plan " + BY_HISTORY + " estimates " + MKN + " only; use --plan " + JOINS
                    + " (or auto) for " + model);
        }
        return new EstimateOptions(model, n, input, Path.of(vocab), Path.of(out),
                Optional.ofNullable(arpa).map(Path::of), pruning, stats, a, tokenizer, p, plan);
    }

    /** Whether modified Kneser-Ney runs as {@link #BY_HISTORY}. */
    public boolean byHistory() {
        return model.equals(MKN) && (plan.equals(BY_HISTORY) || plan.equals(AUTO) && order > 1);
    }

    private static int wholeNumber(String option, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new UsageException(option + " must be a whole number, got '" + value + "'");
        }
    }
}
