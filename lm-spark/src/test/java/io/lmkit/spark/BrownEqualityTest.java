package io.lmkit.spark;

import io.lmkit.core.corpus.BrownSplits;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.corpus.PlainTextSentences;
import io.lmkit.core.testkit.SharedData;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.ngram.estimate.KneserNey;
import io.lmkit.ngram.estimate.NgramCounts;
import io.lmkit.ngram.plugin.ModifiedKneserNeyProvider;
import io.lmkit.spark.internal.SparkSentences;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof on a real corpus: modified Kneser-Ney of orders 3 and 5 on the Brown training split (brown-v1, 800,000
 * words), estimated by Spark in local mode, has the single-machine model's tables byte for byte. Skipped, with a
 * message, when {@code ../shared/data/brown} is absent. Tagged {@code spark-brown}: it takes minutes on two busy
 * cores, so the default build leaves it out and {@code mvn -pl lm-spark -am test -Dgroups=spark-brown} runs it
 * (BENCHMARKS.md records its time).
 */
@Tag("spark-brown")
class BrownEqualityTest {

    @TempDir
    Path dir;

    @Test
    void modifiedKneserNeyOfOrders3And5OnBrownEqualsTheSingleMachineModel() throws IOException {
        BrownSplits brown = BrownSplits.prepare(SharedData.require("brown"));
        brown.write(dir);
        Path train = dir.resolve(BrownSplits.Split.TRAIN.fileName());
        Path vocab = dir.resolve(BrownSplits.VOCABULARY_FILE);
        Corpus corpus = Corpus.read(train, new PlainTextSentences(SparkSentences.tokenizer("whitespace")),
                Vocabulary.load(vocab));
        for (int order : new int[] {3, 5}) {
            Path out = dir.resolve("brown-" + order + ".zip");
            SingleMachineEqualityTest.run("--model", "modified-kneser-ney", "--order", Integer.toString(order),
                    "--input", train.toString(), "--vocab", vocab.toString(), "--out", out.toString());
            SingleMachineEqualityTest.assertSameModel(KneserNey.estimate(NgramCounts.count(corpus, order),
                    KneserNey.Variant.MODIFIED), out, new ModifiedKneserNeyProvider(), "Brown order " + order);
        }
    }
}
