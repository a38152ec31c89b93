package io.lmkit.spark.internal;

import io.lmkit.core.LmkitException;
import io.lmkit.core.text.Tokenizer;
import io.lmkit.core.text.TokenizerProvider;
import io.lmkit.core.vocab.Vocabulary;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceLoader;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/**
 * Reads a corpus through Spark as lmkit reads a plain-text corpus: one sentence a line, tokenised, words mapped
 * to vocabulary ids (unknown words to {@code <unk>}), blank lines skipped. Each sentence keeps the index of its
 * line in the whole input (files in the order Hadoop lists them), which orders the sentences as one machine
 * would read them.
 */
public final class SparkSentences {

    private SparkSentences() {
    }

    /**
     * The sentences of {@code input} (a file, a folder, a glob or a comma-separated list, on any Hadoop file
     * system), keyed by line index.
     *
     * @param partitions the least number of input partitions (Spark may make more)
     */
    public static JavaPairRDD<Long, int[]> read(JavaSparkContext sc, String input, Broadcast<List<String>> words,
                                                String tokenizer, int partitions) {
        return sc.textFile(input, partitions).zipWithIndex().mapPartitionsToPair(lines -> {
            Vocabulary v = Vocabulary.ofWords(words.value());
            Tokenizer t = tokenizer(tokenizer);
            List<Tuple2<Long, int[]>> out = new ArrayList<>();
            while (lines.hasNext()) {
                Tuple2<String, Long> line = lines.next();
                String text = line._1();
                List<String> tokens = t.tokenize(text.isEmpty() || text.charAt(0) != '\uFEFF' ? text : text.substring(1));
                if (!tokens.isEmpty()) {
                    out.add(new Tuple2<>(line._2(), ids(tokens, v, line._2())));
                }
            }
            return out.iterator();
        });
    }

    private static int[] ids(List<String> tokens, Vocabulary v, long line) {
        int[] ids = new int[tokens.size()];
        for (int i = 0; i < ids.length; i++) {
            String w = tokens.get(i);
            if (w.equals(Vocabulary.BOS) || w.equals(Vocabulary.EOS)) {
                throw new LmkitException("input line " + (line + 1) + " (counting the lines of every input file in"
                        + " order) contains the reserved symbol " + w + "; lmkit adds sentence boundaries itself,"
                        + " so remove it from the text");
            }
            ids[i] = v.id(w);
        }
        return ids;
    }

    /** The tokenizer plugin called {@code name}, found as lmkit finds plugins. */
    public static Tokenizer tokenizer(String name) {
        List<String> names = new ArrayList<>();
        for (Iterator<TokenizerProvider> it = ServiceLoader.load(TokenizerProvider.class).iterator(); it.hasNext(); ) {
            TokenizerProvider p = it.next();
            if (p.name().equals(name)) {
                return p.create();
            }
            names.add(p.name());
        }
        throw new LmkitException("No tokenizer '" + name + "'; available: " + names);
    }
}
