package io.lmkit.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lmkit.core.io.ModelFile;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.plugin.PluginRegistry;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 15.5: model files users already have keep loading and keep scoring exactly as they did. Each
 * file under {@code src/test/resources/models/format-N/} was written by the lmkit of format version
 * N and is scored here to golden numbers written down when it was made; a change to the file format,
 * a config record or a model's data entries that breaks such a file fails the build.
 *
 * <p>The files of format 1 were made on 2026-11-29 from {@code models/format-1/corpus.txt} (110
 * generated sentences) in that folder, with the {@code reference} backend (float64, so that the
 * numbers are the same on every machine):
 * <pre>
 * lmkit train --model modified-kneser-ney --set order=3 --train corpus.txt --out mkn3.zip
 * lmkit train --model fixed-window --set backend=reference --set threads=1 --set order=3 --set embedding=8 \
 *   --set hidden=16 --set epochs=3 --set batchSize=16 --set learningRate=0.02 --train corpus.txt --out fixed-window.zip
 * lmkit train --model lstm --set backend=reference --set threads=1 --set embedding=8 --set hidden=12 --set epochs=6 \
 *   --set learningRate=0.01 --set batchSize=4 --set bptt=8 --train corpus.txt --out lstm.zip
 * </pre>
 *
 * <p>When the format changes ({@code ModelFile.FORMAT_VERSION} goes to N + 1): keep every existing
 * folder, file and test method as they are (old files must still load, and a reader that cannot
 * read them any more must say so, which is then a decision to record here, not a silent
 * replacement); make a folder {@code models/format-(N+1)/} with the same corpus, train the three
 * files again with the new lmkit and the commands above, and add a test method per new file with
 * the numbers it prints (run {@link #main} on the new folder for them). Never re-train or replace
 * the files of an older format.
 */
class OldModelFilesTest {

    /** The sentences every file is scored on: seen in training, a new combination, and with unknown words. */
    static final List<String> SENTENCES = List.of(
            "the cat sat on the mat .",
            "a child painted the river again and the dog slept near a tree .",
            "the zebra looked at my unknown friend .");

    @SuppressWarnings({"unchecked", "rawtypes"})
    static ModelFile.Loaded load(String file) {
        PluginRegistry<ModelProvider<?>> models = PluginRegistry.discover((Class) ModelProvider.class,
                OldModelFilesTest.class.getClassLoader(), "model", "");
        return ModelFile.load(resource(file), models);
    }

    static Path resource(String file) {
        try {
            return Path.of(OldModelFilesTest.class.getResource("/" + file).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test resource " + file + " is missing", e);
        }
    }

    /** The natural-log probability of every word and {@code </s>} of each sentence. */
    static double[][] lnProbs(LanguageModel model) {
        return SENTENCES.stream().map(s -> model.scoreSentence(Arrays.stream(s.split(" "))
                .mapToInt(w -> model.vocabulary().id(w)).toArray())).toArray(double[][]::new);
    }

    static double perplexity(double[][] lnProbs) {
        double total = 0;
        int n = 0;
        for (double[] sentence : lnProbs) {
            for (double lnP : sentence) {
                total += lnP;
                n++;
            }
        }
        return Math.exp(-total / n);
    }

    static void assertScores(String file, String modelName, int formatVersion, double[][] expected,
                             double expectedPerplexity) {
        ModelFile.Loaded loaded = load(file);
        assertEquals(formatVersion, loaded.manifest().formatVersion(), "format of " + file);
        assertEquals(modelName, loaded.manifest().model(), "the plugin named in " + file);
        double[][] actual = lnProbs(loaded.model());
        for (int s = 0; s < expected.length; s++) {
            assertEquals(expected[s].length, actual[s].length, "tokens of sentence " + s + " of " + file);
            for (int i = 0; i < expected[s].length; i++) {
                assertEquals(expected[s][i], actual[s][i], 1e-9 * Math.abs(expected[s][i]),
                        "ln p of token " + i + " of sentence " + s + " by " + file);
            }
        }
        assertEquals(expectedPerplexity, perplexity(actual), 1e-9 * expectedPerplexity, "perplexity of " + file);
    }

    /** Prints the numbers for new files: {@code main models/format-N/mkn3.zip ...}. */
    public static void main(String[] files) {
        for (String file : files) {
            double[][] p = lnProbs(load(file).model());
            System.out.println(file);
            for (double[] sentence : p) {
                System.out.println("{" + String.join(", ", Arrays.stream(sentence).mapToObj(Double::toString).toList())
                        + "},");
            }
            System.out.println(perplexity(p));
        }
    }

    @Test
    void format1ModifiedKneserNeyOfOrder3() {
        assertScores("models/format-1/mkn3.zip", "modified-kneser-ney", 1, new double[][] {
            {
                -0.6825023035757901, -1.5312701913023068, -2.7316717974049416, -0.18387763890524705,
                -0.5333188892915959, -0.8220463316825377, -1.6251495917091219, -0.07203123446646546},
            {
                -1.4999580723073314, -1.0225769246025809, -2.71060445125259, -1.888580405940587, -3.0229996414711793,
                -2.631908027633023, -3.4430518699473462, -0.7853267688861613, -1.9398466260682081,
                -1.6830155536433729, -0.10016489333550477, -1.8892302071917644, -1.0266354582161121,
                -0.8583409160593446, -0.03536719361150009},
            {
                -0.6825023035757901, -8.410218765923437, -3.4676757676175534, -0.36742184165020214,
                -5.494000651539123, -5.723600954207622, -4.8366453450801385, -2.8733387627205764,
                -0.16693015762147106}}, 7.562346669744167);
    }

    @Test
    void format1FixedWindow() {
        assertScores("models/format-1/fixed-window.zip", "fixed-window", 1, new double[][] {
            {
                -0.7834926218335614, -0.6936025509730195, -2.5387274113811937, -0.051787550611825495,
                -0.23816448215936958, -1.8510806300544251, -0.44167674527462886, -0.008607973588224738},
            {
                -1.385017476034025, -0.4496955122524309, -3.1368683509930984, -0.206026596197324,
                -2.6349265132876045, -3.1624018656968973, -2.3122906719435417, -0.45477063001526297,
                -1.563418965704514, -1.5948524759937248, -0.0511194013257974, -2.0533952653055296,
                -0.45615756464611934, -0.7344653056549397, -0.00815828239775307},
            {
                -0.7834926218335614, -8.468255951319453, -4.845013488024579, -0.8833391929399639, -4.045833641966581,
                -6.655195170925613, -7.593599010011867, -7.203028920888004, -0.018101634241281417}}, 8.193409731515386);
    }

    @Test
    void format1Lstm() {
        assertScores("models/format-1/lstm.zip", "lstm", 1, new double[][] {
            {
                -1.050591178008018, -3.446771248669382, -3.57893015081151, -3.6026754964251966, -0.5309424632740001,
                -3.5091224774428174, -1.013789614808673, -0.2851172879330184},
            {
                -2.054654532771927, -3.548879401906737, -3.6187908107308657, -0.5388996419100538,
                -3.6107897575403136, -2.943991717502942, -2.707587661087973, -0.7728184558620592, -3.18006370496429,
                -3.6730541519049873, -3.5891502253769136, -1.8491549131376597, -3.5069265827105838,
                -0.818767002706192, -0.2682787670910791},
            {
                -1.050591178008018, -5.87228524162111, -5.60687963065782, -4.292169017947888, -3.235968501462146,
                -5.986881893899832, -4.705852024310059, -3.5116608617701277, -3.1024009391502156}}, 17.214699512704193);
    }
}
