package io.lmkit.cli.internal;

import io.lmkit.core.files.InvalidUtf8;
import io.lmkit.core.files.TextLines;
import io.lmkit.core.model.ModelState;
import io.lmkit.core.model.ScoreKind;
import io.lmkit.eval.ScoringProtocol;
import io.lmkit.ngram.KenlmWordIds;
import io.lmkit.ngram.NgramModel;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code lmkit score} does once its options are read and its model loaded, for {@link ScoreCommand}
 * and for {@link NgramScoreFastPath} alike: each line is scored, written and flushed before the next is
 * read, and only running totals are kept.
 */
final class ScoreRun {

    /**
     * What to score and how.
     *
     * @param model    the model file, as named on the command line
     * @param format   the output format
     * @param protocol sentence or stream
     * @param invalid  what to do with invalid UTF-8
     * @param text     the sentence given as arguments, or empty
     * @param input    the file of sentences, or null (then standard input, unless {@code text} is given)
     */
    record Request(Path model, ScoreCommand.Format format, ScoringProtocol protocol, InvalidUtf8 invalid,
                   List<String> text, Path input) {
        /** Copies the list. */
        Request {
            text = List.copyOf(text);
        }
    }

    private ScoreRun() {
    }

    /** Scores what {@code request} names with {@code loaded}, reading standard input from {@code in}. */
    static void run(Request request, LoadedModel loaded, InputStream in, PrintWriter out, PrintWriter err) {
        String label = request.protocol().label(loaded.model());
        ScoreOutput output = output(request, loaded, label, out, err);
        Scorer scorer = new Scorer(loaded, output, request.format() == ScoreCommand.Format.kenlm,
                request.protocol() == ScoringProtocol.STREAM, out);
        try {
            if (!request.text().isEmpty()) {
                String sentence = String.join(" ", request.text());
                scorer.line(sentence, loaded.words(sentence), "the arguments", 1);
            } else if (request.input() != null) {
                TextLines.forEach(request.input(), "corpus file", request.invalid(), (line, number) -> {
                    List<String> words = loaded.words(line);
                    scorer.line(String.join(" ", words), words, request.input().toString(), number);
                });
            } else {
                // The corpus readers' rules: strict UTF-8 and a bounded line, so a stream with no newline
                // (`< /dev/zero`) ends in an error naming the limit instead of filling the heap.
                TextLines.forEach(in, "standard input", request.invalid(),
                        (line, number) -> scorer.line(line.strip(), loaded.words(line), "standard input", number));
            }
        } catch (OutputFailed e) {
            return; // Standard output failed (a full disk): Main reports it; the rest would be lost too.
        }
        output.finish();
    }

    private static ScoreOutput output(Request request, LoadedModel loaded, String protocol, PrintWriter out,
                                      PrintWriter err) {
        String refusal = loaded.model().scoreKind() == ScoreKind.SCORE
                ? loaded.manifest().model() + " gives scores, not probabilities: no perplexity" : null;
        return switch (request.format()) {
            case text -> new TextScoreOutput(out, refusal, protocol);
            case kenlm -> kenlm(loaded, refusal, protocol, out, err);
            case json -> new JsonScoreOutput(out, request.model().toString(), loaded.manifest().model(),
                    refusal == null, protocol);
        };
    }

    /**
     * KenLM's layout, byte for byte on standard output; the protocol, which query's output has no place for,
     * goes to standard error when it is not the sentence protocol.
     */
    private static ScoreOutput kenlm(LoadedModel loaded, String refusal, String protocol, PrintWriter out,
                                     PrintWriter err) {
        if (!protocol.equals("sentence")) {
            err.println("lmkit: protocol " + protocol + " (the scores below are of the text as one stream)");
        }
        return new KenlmScoreOutput(out, loaded.model() instanceof NgramModel ngram
                ? ngram.kenlmWordIds() : KenlmWordIds.SAME_AS_LMKIT, refusal, new QueryUsageLine(err));
    }

    /** Scores one line at a time into the output. */
    private static final class Scorer {
        private final LoadedModel loaded;
        private final ScoreOutput output;
        private final boolean scoreEmptyLines;
        private final boolean stream;
        private final PrintWriter out;
        /** Where the next sentence starts: begin(), or under the stream protocol what the last one left. */
        private ModelState start;

        Scorer(LoadedModel loaded, ScoreOutput output, boolean scoreEmptyLines, boolean stream, PrintWriter out) {
            this.loaded = loaded;
            this.output = output;
            this.scoreEmptyLines = scoreEmptyLines;
            this.stream = stream;
            this.out = out;
            this.start = loaded.model().begin();
        }

        void line(String sentence, List<String> words, String source, long number) {
            if (words.isEmpty() && !scoreEmptyLines) {
                return;
            }
            SentenceScore.refuseSentenceStart(words, source + ":" + number);
            SentenceScore.Continued scored = SentenceScore.continued(loaded.model(), start, sentence, words);
            output.sentence(scored.score());
            start = stream ? scored.next() : loaded.model().begin();
            if (out.checkError()) {
                throw new OutputFailed();
            }
        }
    }

    /** Standard output failed; scoring stops and Main reports the failure. */
    private static final class OutputFailed extends RuntimeException {
        OutputFailed() {
            super(null, null, false, false);
        }
    }
}
