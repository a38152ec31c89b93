package io.lmkit.eval.compare;

import java.util.Locale;
import java.util.Map;

/**
 * The budget a model trained under and what it used of it, for the report: a work budget in
 * training tokens ends at the same update on any machine; a wall-clock budget in minutes ends after
 * as many updates as fit, so its numbers depend on the machine's speed.
 *
 * @param kind    {@code tokens}, {@code minutes}, {@code tokens and minutes} (whichever ran out
 *                first), {@code epochs} (neither: the epochs setting and early stopping end it) or
 *                {@code one pass} (a model trained without updates, such as an n-gram model)
 * @param limit   the budget as set, e.g. {@code 1,000,000 tokens}; empty for epochs and one pass
 * @param tokens  training tokens processed (0 for one pass)
 * @param epochs  the tokens in epochs of the training split (0 for one pass)
 * @param seconds wall time of training
 */
public record TrainingBudget(String kind, String limit, long tokens, double epochs, double seconds) {

    /** What a row built without budget information says (a mixture's row, or an older caller's). */
    public static final TrainingBudget UNKNOWN = new TrainingBudget("", "", 0, 0, 0);

    /** Checks the values. */
    public TrainingBudget {
        if (kind == null || limit == null || tokens < 0 || !(epochs >= 0)) {
            throw new IllegalArgumentException("a training budget needs a kind, a limit and no negative use");
        }
    }

    /**
     * The budget of a model trained with {@code settings} (its bound config as text), which
     * processed {@code tokens} training tokens of a split of {@code tokensPerEpoch} in
     * {@code seconds}; no tokens means it trained in one pass.
     */
    public static TrainingBudget of(Map<String, String> settings, long tokens, long tokensPerEpoch, double seconds) {
        if (tokens == 0) {
            return new TrainingBudget("one pass", "", 0, 0, seconds);
        }
        double minutes = number(settings.get("maxMinutes"));
        double maxTokens = number(settings.get("maxTokens"));
        String tokenLimit = String.format(Locale.ROOT, "%,d tokens", (long) maxTokens);
        String minuteLimit = String.format(Locale.ROOT, "%.2f minutes", minutes);
        String kind = maxTokens > 0 && minutes > 0 ? "tokens and minutes" : maxTokens > 0 ? "tokens"
                : minutes > 0 ? "minutes" : "epochs";
        String limit = switch (kind) {
            case "tokens and minutes" -> tokenLimit + " or " + minuteLimit;
            case "tokens" -> tokenLimit;
            case "minutes" -> minuteLimit;
            default -> settings.containsKey("epochs") ? settings.get("epochs") + " epochs" : "";
        };
        return new TrainingBudget(kind, limit, tokens, tokensPerEpoch > 0 ? tokens / (double) tokensPerEpoch : 0,
                seconds);
    }

    private static double number(String value) {
        try {
            return value == null ? 0 : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
