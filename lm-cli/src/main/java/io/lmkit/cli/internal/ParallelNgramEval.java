package io.lmkit.cli.internal;

import io.lmkit.cli.internal.progress.ProgressTask;
import io.lmkit.core.files.InvalidUtf8;
import io.lmkit.core.files.TextFiles;
import io.lmkit.core.files.TextLines;
import io.lmkit.core.text.Tokenizer;
import io.lmkit.eval.PerplexityResult;
import io.lmkit.ngram.NgramModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The perplexity of an n-gram model on a text file under the sentence protocol, computed on every core:
 * the file is cut into chunks of whole lines, each chunk read and scored by a {@link ByteChunkScorer} on
 * a worker thread, and the chunks' scores summed on this thread in the order of the file, token by token
 * as {@link io.lmkit.eval.PerplexityEvaluator} sums them. Sentences are independent, and every sum runs
 * in the same order as on one thread, so the result is bit for bit the evaluator's. At most one chunk
 * more than there are cores is in flight, and their arrays are reused, so memory stays bounded whatever
 * the file's length (lines up to {@link TextLines#MAX_LINE_BYTES}).
 */
final class ParallelNgramEval {

    /** Bytes read for a chunk ({@link LineChunks#CHUNK_BYTES}). */
    static final int CHUNK_BYTES = LineChunks.CHUNK_BYTES;

    private final NgramModel model;
    private final Utf8WordIds ids;
    private final Tokenizer whitespace;
    private final InvalidUtf8 invalid;
    private final ProgressTask task;
    private final int threads;
    /** Arrays of chunks already summed, for the next ones (this thread's alone). */
    private final ArrayDeque<ByteChunkScorer.Scored> freeScores = new ArrayDeque<>();

    /**
     * An evaluation of {@code model} on {@code threads} threads (with 1, on this thread alone), showing how far
     * it is on {@code task}.
     */
    ParallelNgramEval(NgramModel model, Tokenizer whitespace, InvalidUtf8 invalid, ProgressTask task, int threads) {
        this.model = model;
        this.threads = threads;
        this.ids = new Utf8WordIds(model.vocabulary());
        this.whitespace = whitespace;
        this.invalid = invalid;
        this.task = task;
    }

    /**
     * Evaluates the model on {@code file}: the evaluator's result, or empty when the general path must
     * handle the file (it then reports why): invalid UTF-8 under {@link InvalidUtf8#FAIL}, a reserved word,
     * a line over {@link TextLines#MAX_LINE_BYTES}, no sentences, a probability that is not one.
     */
    Optional<PerplexityResult> evaluate(Path file) throws IOException {
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "lmkit-eval");
            t.setDaemon(true);
            return t;
        }) : null;
        Sums sums = new Sums(model.vocabulary().unk());
        ArrayDeque<Future<ByteChunkScorer.Scored>> pending = new ArrayDeque<>();
        ArrayDeque<byte[]> texts = new ArrayDeque<>();
        long size = TextFiles.textBytes(file); // 0, unknown, for a compressed file
        LineChunks chunksRead = null;
        try (InputStream in = TextFiles.open(file)) {
            LineChunks chunks = new LineChunks(in);
            chunksRead = chunks;
            boolean first = true;
            for (boolean end = false; !end; first = false) {
                LineChunks.Chunk chunk = chunks.next();
                if (chunk == null) {
                    return Optional.empty(); // a line over the limit: the general path names it
                }
                end = chunk.last();
                boolean firstOfFile = first;
                ByteChunkScorer.Scored recycled = freeScores.poll();
                if (pool == null) {
                    sum(new ByteChunkScorer(model, ids, whitespace, invalid)
                            .score(chunk.text(), chunk.length(), firstOfFile, recycled), chunk.text(), sums, chunks);
                } else {
                    pending.add(pool.submit(() -> new ByteChunkScorer(model, ids, whitespace, invalid)
                            .score(chunk.text(), chunk.length(), firstOfFile, recycled)));
                    texts.add(chunk.text());
                    while (pending.size() >= threads + 1 || (end && !pending.isEmpty())) {
                        sum(pending.poll().get(), texts.poll(), sums, chunks);
                    }
                }
                task.update(size > 0 ? Math.min(chunks.read(), size) : chunks.read(), String.format(Locale.ROOT, "%,d sentences", sums.sentences));
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        long textRead = chunksRead == null ? 0 : chunksRead.read();
        task.update(size > 0 ? size : textRead, String.format(Locale.ROOT, "%,d sentences", sums.sentences));
        return sums.result();
    }

    /** Adds a chunk's scores to the sums, then puts its arrays back for the next chunks. */
    private void sum(ByteChunkScorer.Scored scored, byte[] text, Sums sums, LineChunks chunks) {
        sums.add(scored);
        freeScores.add(scored);
        chunks.recycle(text);
    }

    /** The running sums of {@link io.lmkit.eval.PerplexityEvaluator}, in the same order. */
    private static final class Sums {
        private final int unk;
        /** Each chunk's sentence ln-probabilities, joined once at the end (growing one array would copy it). */
        private final List<double[]> perSentence = new ArrayList<>();
        private int sentences;
        private long words;
        private long unknownWords;
        private double total;
        private long zero;
        private long unkTokens;
        private double othersLnProb;
        private boolean otherIsImpossible;
        private boolean broken;

        Sums(int unk) {
            this.unk = unk;
        }

        void add(ByteChunkScorer.Scored chunk) {
            unknownWords += chunk.unknownWords();
            words += chunk.tokens() - chunk.sentences();
            double[] lnProbs = chunk.lnProbs();
            int[] tokenIds = chunk.tokenIds();
            int t = 0;
            double[] sentenceLnProbs = new double[chunk.sentences()];
            perSentence.add(sentenceLnProbs);
            for (int s = 0; s < chunk.sentences(); s++) {
                int end = chunk.sentenceEnds()[s];
                double sum = 0;
                boolean impossible = false;
                for (; t < end; t++) {
                    double lp = lnProbs[t];
                    if (Double.isNaN(lp) || lp > 1e-9) {
                        broken = true; // the evaluator's message names the token
                    }
                    if (tokenIds[t] == unk) {
                        unkTokens++;
                    } else if (lp == Double.NEGATIVE_INFINITY) {
                        otherIsImpossible = true;
                    } else {
                        othersLnProb += lp;
                    }
                    if (lp == Double.NEGATIVE_INFINITY) {
                        zero++;
                        impossible = true;
                    } else {
                        sum += lp;
                    }
                }
                sentenceLnProbs[s] = impossible ? Double.NEGATIVE_INFINITY : sum;
                sentences++;
                total += sum;
            }
        }

        Optional<PerplexityResult> result() {
            if (broken || sentences == 0 || words > Integer.MAX_VALUE - 8) {
                return Optional.empty();
            }
            long tokens = words + sentences;
            double nats = zero > 0 ? Double.POSITIVE_INFINITY : -total / tokens;
            long others = tokens - unkTokens;
            double excludingUnk = others == 0 ? Double.NaN
                    : otherIsImpossible ? Double.POSITIVE_INFINITY : Math.exp(-othersLnProb / others);
            double[] joined = new double[sentences];
            int at = 0;
            for (double[] block : perSentence) {
                System.arraycopy(block, 0, joined, at, block.length);
                at += block.length;
            }
            return Optional.of(new PerplexityResult(Math.exp(nats), nats / Math.log(2), tokens, words, sentences,
                    unknownWords, zero, joined, unkTokens, excludingUnk));
        }
    }
}
