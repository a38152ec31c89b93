package io.lmkit.neural.window;

import io.lmkit.core.io.ModelDataSink;
import io.lmkit.core.io.ModelFileException;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.model.ModelState;
import io.lmkit.core.model.Score;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.neural.param.Parameter;
import io.lmkit.neural.param.ParameterStore;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fixed-window neural language model of Bengio et al. (2003) as a {@link LanguageModel}: its
 * state is the window of the n−1 previous words ({@code <s>} before the sentence start), and a
 * whole sentence is scored in one batch. Calls are serialised, since a compute backend serves one
 * thread at a time.
 */
public final class FixedWindowModel implements LanguageModel {

    static final String DATA_ENTRY = "fixed-window.bin";

    private final Vocabulary vocabulary;
    private final FixedWindowNetwork network;
    private final int context;

    FixedWindowModel(Vocabulary vocabulary, FixedWindowNetwork network, int context) {
        this.vocabulary = vocabulary;
        this.network = network;
        this.context = context;
    }

    /** The trainable values, for diagnostics. */
    public ParameterStore parameters() {
        return network.parameters();
    }

    @Override
    public Vocabulary vocabulary() {
        return vocabulary;
    }

    @Override
    public ModelState begin() {
        int[] w = new int[context];
        Arrays.fill(w, vocabulary.bos());
        return new WindowState(w);
    }

    private static WindowState check(ModelState state) {
        if (!(state instanceof WindowState s)) {
            throw new IllegalArgumentException("not a state of a fixed-window model: " + state);
        }
        return s;
    }

    private int[][] byPosition(int[] window) {
        int[][] ids = new int[context][1];
        for (int j = 0; j < context; j++) {
            ids[j][0] = window[j];
        }
        return ids;
    }

    @Override
    public synchronized Score score(ModelState state, int word) {
        WindowState s = check(state);
        int cls = Classes.of(vocabulary, word);
        double lnP = network.lnProbsExact(byPosition(s.window), new int[] {cls})[0];
        return new Score(lnP, s.then(word));
    }

    @Override
    public synchronized void nextLnProbs(ModelState state, double[] lnProbs) {
        double[] classes = network.logSoftmax(byPosition(check(state).window));
        for (int c = 0; c < classes.length; c++) {
            lnProbs[Classes.id(vocabulary, c)] = classes[c];
        }
        lnProbs[vocabulary.bos()] = Double.NEGATIVE_INFINITY;
    }

    @Override
    public synchronized double[] scoreSentence(int[] words) {
        int n = words.length + 1;
        int[][] windows = new int[context][n];
        int[] targets = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < context; j++) {
                int p = i - context + j;
                windows[j][i] = p < 0 ? vocabulary.bos() : words[p];
            }
            targets[i] = Classes.of(vocabulary, i < words.length ? words[i] : vocabulary.eos());
        }
        return network.lnProbsExact(windows, targets);
    }

    @Override
    public void writeData(ModelDataSink sink) throws IOException {
        try (OutputStream o = sink.entry(DATA_ENTRY)) {
            writeParameters(network.parameters(), o);
        }
    }

    /** Writes every parameter as name, shape and float32 values. */
    static void writeParameters(ParameterStore store, OutputStream o) throws IOException {
        DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(o, 1 << 16));
        out.writeInt(store.all().size());
        for (Parameter p : store.all()) {
            out.writeUTF(p.name());
            out.writeInt(p.value().rows());
            out.writeInt(p.value().cols());
            for (float v : p.value().toFloatArray()) {
                out.writeFloat(v);
            }
        }
        out.flush();
    }

    /** Reads parameters written by {@link #writeParameters} into {@code store}, checking the shapes. */
    static void readParameters(InputStream in, ParameterStore store) throws IOException {
        DataInputStream data = new DataInputStream(new java.io.BufferedInputStream(in, 1 << 16));
        int n = data.readInt();
        Map<String, double[]> values = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String name = data.readUTF();
            int rows = data.readInt();
            int cols = data.readInt();
            Parameter p = store.get(name);
            if (p.value().rows() != rows || p.value().cols() != cols) {
                throw new ModelFileException("parameter '" + name + "' is " + rows + " x " + cols + " in the model file"
                        + " but " + p.value().rows() + " x " + p.value().cols() + " in its config; the file is"
                        + " inconsistent");
            }
            double[] v = new double[rows * cols];
            for (int j = 0; j < v.length; j++) {
                v[j] = data.readFloat();
            }
            values.put(name, v);
        }
        store.restore(values);
    }
}
