package io.lmkit.cli.internal;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * {@code lmkit score}'s own output: KenLM's layout with four decimals, {@code -} as the matched
 * order of a model without n-grams, then the perplexity over all tokens and without the
 * out-of-vocabulary ones, and the protocol the sentences were scored under.
 */
final class TextScoreOutput implements ScoreOutput {

    private final PrintWriter out;
    private final String refusal;
    private final String protocol;
    private double total;
    private double totalKnown;
    private long tokens;
    private long oov;

    /**
     * @param out     where to write
     * @param refusal the line that replaces the perplexity for a model that gives scores, not
     *                probabilities; null for a model of probabilities
     * @param protocol how the sentences were scored ({@code sentence}, {@code stream}, ...), the summary's last line
     */
    TextScoreOutput(PrintWriter out, String refusal, String protocol) {
        this.out = out;
        this.refusal = refusal;
        this.protocol = protocol;
    }

    @Override
    public void sentence(SentenceScore s) {
        for (SentenceScore.WordScore w : s.words()) {
            total += w.log10Prob();
            tokens++;
            if (w.oov()) {
                oov++;
            } else {
                totalKnown += w.log10Prob();
            }
        }
        out.println(line(s));
        out.flush();
    }

    @Override
    public void finish() {
        if (refusal != null) {
            // Stupid backoff and the like: the numbers are scores, so a perplexity of them would mislead.
            out.println(refusal);
        } else {
            out.printf(Locale.ROOT, "Perplexity including OOVs:\t%s%nPerplexity excluding OOVs:\t%s%n"
                    + "OOVs:\t%d%nTokens:\t%d%n", perplexity(total, tokens), perplexity(totalKnown, tokens - oov), oov,
                    tokens);
            out.printf("Protocol:\t%s%n", protocol);
        }
        out.flush();
    }

    /**
     * One sentence: {@code word=id matched log10prob} for every word and {@code </s>},
     * tab-separated, then {@code Total: T OOV: n}.
     */
    static String line(SentenceScore s) {
        StringBuilder b = new StringBuilder();
        for (SentenceScore.WordScore w : s.words()) {
            b.append(w.word()).append('=').append(w.id()).append(' ')
                    .append(w.matchedOrder() > 0 ? Integer.toString(w.matchedOrder()) : "-").append(' ')
                    .append(log10(w.log10Prob())).append('\t');
        }
        return b.append("Total: ").append(log10(s.log10Total())).append(" OOV: ").append(s.oovCount()).toString();
    }

    private static String perplexity(double log10Total, long tokens) {
        if (tokens == 0) {
            return "n/a";
        }
        double ppl = Math.pow(10, -log10Total / tokens);
        return Double.isFinite(ppl) ? String.format(Locale.ROOT, "%.4f", ppl) : "inf";
    }

    private static String log10(double v) {
        return v == Double.NEGATIVE_INFINITY ? "-inf" : String.format(Locale.ROOT, "%.4f", v);
    }
}
