package io.lmkit.cli.internal;

import io.lmkit.eval.report.JsonOutput;
import java.io.PrintWriter;
import java.util.List;

/**
 * {@code lmkit score --json}: one JSON object, written as it goes. The opening fields come first,
 * each sentence is written (and flushed) as soon as it is scored, and the totals close the
 * object, so the document is the one a whole-input serialisation gives while memory holds one
 * sentence at a time. Its field names are what scripts read, so they stay as they are.
 */
final class JsonScoreOutput implements ScoreOutput {

    private final PrintWriter out;
    private final boolean probabilities;
    private final String protocol;
    private boolean first = true;
    private long tokens;
    private long oov;
    private double total;

    /**
     * @param out           where to write
     * @param model         the model file as given
     * @param modelName     the plugin that made it
     * @param probabilities whether the model gives probabilities (a perplexity), not scores
     * @param protocol      how the sentences were scored: {@code sentence}, {@code stream}, ... (the last field)
     */
    JsonScoreOutput(PrintWriter out, String model, String modelName, boolean probabilities, String protocol) {
        this.out = out;
        this.probabilities = probabilities;
        this.protocol = protocol;
        String head = JsonOutput.line(new Head(model, modelName));
        out.print(head.substring(0, head.length() - 1) + ",\"sentences\":[");
    }

    @Override
    public void sentence(SentenceScore s) {
        if (!first) {
            out.print(',');
        }
        first = false;
        out.print(JsonOutput.line(new SentenceJson(s.text(), s.words().stream().map(WordJson::of).toList(),
                s.log10Total(), s.oovCount())));
        out.flush();
        tokens += s.words().size();
        oov += s.oovCount();
        total += s.log10Total();
    }

    @Override
    public void finish() {
        double ppl = tokens == 0 || !probabilities ? Double.NaN : Math.pow(10, -total / tokens);
        String tail = JsonOutput.line(new Tail(tokens, oov, total, ppl, protocol));
        out.println("]," + tail.substring(1));
        out.flush();
    }

    private record Head(String model, String modelName) {
    }

    private record Tail(long tokens, long oov, double log10Total, double perplexity, String protocol) {
    }

    private record SentenceJson(String text, List<WordJson> words, double log10Total, long oov) {
    }

    /** One word; {@code matchedOrder} is null for a model that has no n-gram order to report. */
    private record WordJson(String word, int id, boolean oov, double log10Prob, Integer matchedOrder) {

        static WordJson of(SentenceScore.WordScore w) {
            return new WordJson(w.word(), w.id(), w.oov(), w.log10Prob(),
                    w.matchedOrder() > 0 ? w.matchedOrder() : null);
        }
    }
}
