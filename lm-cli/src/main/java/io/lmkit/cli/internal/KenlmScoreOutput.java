package io.lmkit.cli.internal;

import io.lmkit.ngram.KenlmWordIds;
import java.io.PrintWriter;

/**
 * {@code lmkit score --format kenlm}: byte for byte what KenLM's {@code query} writes to standard
 * output for the same model and text (its {@code lm/ngram_query.hh}), so that scripts written for
 * {@code query} read lmkit's output unchanged.
 *
 * <p>Per word {@code word=id length log10p} and a tab; per line {@code Total: T OOV: n}; at the end
 * the perplexity including and excluding out-of-vocabulary words, their count and the token count.
 * As in query, each word's probability is a float, the line total a float sum of them, and the
 * corpus totals double sums of those floats; numbers are written in KenLM's shortest form
 * ({@link ShortestDecimal}). The id is KenLM's ({@link KenlmWordIds}); the length is 0 for a model
 * without n-grams.
 */
final class KenlmScoreOutput implements ScoreOutput {

    private final PrintWriter out;
    private final KenlmWordIds ids;
    private final String refusal;
    private final QueryUsageLine usage;
    private double corpusTotal;
    private double corpusTotalOovOnly;
    private long corpusOov;
    private long corpusTokens;

    /**
     * @param out     where to write
     * @param ids     KenLM's numbering of the model's words
     * @param refusal the line that replaces the perplexity for a model of scores; null for probabilities
     * @param usage   writes query's closing resource line to standard error
     */
    KenlmScoreOutput(PrintWriter out, KenlmWordIds ids, String refusal, QueryUsageLine usage) {
        this.out = out;
        this.ids = ids;
        this.refusal = refusal;
        this.usage = usage;
    }

    @Override
    public void sentence(SentenceScore s) {
        StringBuilder b = new StringBuilder(16 * s.words().size() + 24);
        float total = 0;
        long oov = 0;
        for (SentenceScore.WordScore w : s.words()) {
            float p = w.kenlmLog10Prob();
            if (w.oov()) {
                oov++;
                corpusTotalOovOnly += p;
            }
            total += p;
            corpusTokens++;
            b.append(w.word()).append('=').append(ids.of(w.id())).append(' ').append(w.matchedOrder()).append(' ')
                    .append(ShortestDecimal.of(p)).append('\t');
        }
        b.append("Total: ").append(ShortestDecimal.of(total)).append(" OOV: ").append(oov).append('\n');
        corpusTotal += total;
        corpusOov += oov;
        out.print(b);
        out.flush();
    }

    @Override
    public void finish() {
        if (refusal != null) {
            out.println(refusal);
        } else {
            double including = Math.pow(10.0, -(corpusTotal / corpusTokens));
            double excluding = Math.pow(10.0, -((corpusTotal - corpusTotalOovOnly) / (corpusTokens - corpusOov)));
            out.print("Perplexity including OOVs:\t" + ShortestDecimal.of(including) + "\n"
                    + "Perplexity excluding OOVs:\t" + ShortestDecimal.of(excluding) + "\n"
                    + "OOVs:\t" + corpusOov + "\n"
                    + "Tokens:\t" + corpusTokens + "\n");
        }
        out.flush();
        usage.print();
    }
}
