package io.lmkit.ngram;

import io.lmkit.core.io.ModelFileException;
import io.lmkit.core.model.MappedData;
import io.lmkit.core.model.ModelDataSink;
import io.lmkit.core.model.ModelDataSource;
import io.lmkit.core.model.ScoreKind;
import io.lmkit.ngram.internal.MappedProbingTable;
import io.lmkit.ngram.internal.NgramTable;
import io.lmkit.ngram.internal.OrderTable;
import io.lmkit.ngram.internal.TrieOrder;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The n-gram model's entries in a model file.
 *
 * <p>Data version 4 (this lmkit, for the trie layout; probing files keep writing version 3, which older lmkit
 * reads too) is version 3 with {@code TRI2} trie tables, whose values are packed by column; version 3's
 * {@code TRI1} tables (raw float32 probabilities, raw float64 backoffs) are still read.
 * Data version 3: {@code data/ngram.bin}, a small deflated header (big-endian, as
 * {@link DataOutputStream} writes: version, order, score kind, missing-context log10, suffix-closed,
 * unknown-word reset, vocabulary size, layout, and the n-gram count of each order from 2 up); then
 * mappable entries, stored uncompressed, aligned and little-endian: {@code data/ngram/unigrams.bin}
 * (log10 probability and backoff, two float64s a word) and {@code data/ngram/order-K.bin} for each
 * order K ≥ 2 ({@link MappedProbingTable} or {@link TrieOrder}). Loading maps the tables and copies only
 * the unigrams. Data version 2 (one deflated big-endian entry) is still read, into the heap. Either version
 * may have {@code data/kenlm-ids.txt} (deflated, two short lines: {@code <s> ID} and {@code </s> ID}), written
 * only when KenLM numbers the words otherwise than lmkit ({@link KenlmWordIds}).
 */
final class NgramModelFiles {

    static final String DATA_ENTRY = "ngram.bin";
    static final String UNIGRAMS = "ngram/unigrams.bin";
    /** Present only when KenLM numbers the words otherwise than lmkit (see {@link KenlmWordIds}). */
    static final String KENLM_IDS_ENTRY = "kenlm-ids.txt";
    private static final int DATA_VERSION = 4;
    /** The version of files with probing tables (and of trie files with TRI1 tables, still read). */
    private static final int PROBING_VERSION = 3;
    private static final int OLD_VERSION = 2;

    /** What a model file stores of an n-gram model (all but its vocabulary). */
    record Parts(int order, double[] unigramLog10Prob, double[] unigramLog10Backoff, OrderTable[] tables,
                 ScoreKind kind, float missingContextLog10, boolean suffixClosed, boolean unkResetsContext,
                 KenlmWordIds kenlmWordIds) {
    }

    private NgramModelFiles() {
    }

    /** The entry of the table of order {@code k} ≥ 2. */
    static String tableEntry(int k) {
        return "ngram/order-" + k + ".bin";
    }

    static void write(Parts p, ModelDataSink sink) throws IOException {
        String layout = p.order() < 2 ? MappedProbingTable.LAYOUT : p.tables()[2].layout();
        if (!p.kenlmWordIds().equals(KenlmWordIds.SAME_AS_LMKIT)) {
            try (OutputStream o = sink.entry(KENLM_IDS_ENTRY)) {
                o.write(("<s> " + p.kenlmWordIds().bos() + "\n</s> " + p.kenlmWordIds().eos() + "\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        long[] sizes = new long[p.order() + 1];
        for (int k = 2; k <= p.order(); k++) {
            sizes[k] = p.tables()[k].size();
        }
        writeHeader(sink, p.order(), p.kind(), p.missingContextLog10(), p.suffixClosed(), p.unkResetsContext(),
                p.unigramLog10Prob().length, layout, sizes);
        writeUnigrams(sink, p.unigramLog10Prob(), p.unigramLog10Backoff());
        for (int k = 2; k <= p.order(); k++) {
            p.tables()[k].writeMappable(sink, tableEntry(k));
        }
    }

    /** The header entry: data version, order, score kind, flags, vocabulary size, layout, n-grams per order. */
    static void writeHeader(ModelDataSink sink, int order, ScoreKind kind, float missingContextLog10,
                            boolean suffixClosed, boolean unkResetsContext, int vocabularySize, String layout,
                            long[] sizes) throws IOException {
        try (OutputStream o = sink.entry(DATA_ENTRY)) {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(o));
            // Probing tables did not change with version 4: such files stay readable by an older lmkit.
            out.writeInt(layout.equals(TrieOrder.LAYOUT) ? DATA_VERSION : PROBING_VERSION);
            out.writeInt(order);
            out.writeUTF(kind.name());
            out.writeFloat(missingContextLog10);
            out.writeBoolean(suffixClosed);
            out.writeBoolean(unkResetsContext);
            out.writeInt(vocabularySize);
            out.writeUTF(layout);
            for (int k = 2; k <= order; k++) {
                out.writeLong(sizes[k]);
            }
            out.flush();
        }
    }

    /** The mappable unigram entry: log10 probability and backoff of each word, float64 little-endian. */
    static void writeUnigrams(ModelDataSink sink, double[] log10Prob, double[] log10Backoff) throws IOException {
        try (OutputStream o = sink.mappableEntry(UNIGRAMS)) {
            OutputStream out = new BufferedOutputStream(o, 1 << 16);
            ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            for (int w = 0; w < log10Prob.length; w++) {
                b.clear();
                out.write(b.putDouble(log10Prob[w]).putDouble(log10Backoff[w]).array());
            }
            out.flush();
        }
    }

    static Parts read(ModelDataSource source, int vocabularySize) throws IOException {
        KenlmWordIds ids = source.has(KENLM_IDS_ENTRY) ? readKenlmWordIds(source) : KenlmWordIds.SAME_AS_LMKIT;
        long entryBytes = source.length(DATA_ENTRY);
        try (InputStream in = source.entry(DATA_ENTRY)) {
            DataInputStream data = new DataInputStream(new java.io.BufferedInputStream(in, 1 << 16));
            int version = data.readInt();
            if (version < OLD_VERSION || version > DATA_VERSION) {
                throw new ModelFileException("n-gram data version " + version + " is not supported (this lmkit reads "
                        + OLD_VERSION + " to " + DATA_VERSION + ")");
            }
            int order = data.readInt();
            String kindName = data.readUTF();
            ScoreKind kind = scoreKind(kindName);
            float missing = data.readFloat();
            boolean closed = data.readBoolean();
            boolean unkResets = data.readBoolean();
            int v = data.readInt();
            if (v != vocabularySize || order < 1 || order > NgramOrder.MAX) {
                throw new ModelFileException("n-gram data of order " + order + " over " + v
                        + " words does not match the vocabulary of " + vocabularySize + " words in the same file;"
                        + " the file is inconsistent");
            }
            if (version == OLD_VERSION) {
                return readVersion2(data, order, v, entryBytes, kind, missing, closed, unkResets, ids);
            }
            String layout = data.readUTF();
            long[] counts = new long[order + 1];
            for (int k = 2; k <= order; k++) {
                counts[k] = data.readLong();
            }
            double[] prob = new double[v];
            double[] backoff = new double[v];
            readUnigrams(source, prob, backoff);
            OrderTable[] tables = new OrderTable[order + 1];
            for (int k = 2; k <= order; k++) {
                tables[k] = openTable(source, k, order, layout, counts[k]);
            }
            return new Parts(order, prob, backoff, tables, kind, missing, closed, unkResets, ids);
        }
    }

    private static KenlmWordIds readKenlmWordIds(ModelDataSource source) throws IOException {
        if (source.length(KENLM_IDS_ENTRY) > 64) {
            throw new ModelFileException(KENLM_IDS_ENTRY + " is longer than two ids; the file is corrupt");
        }
        String text;
        try (InputStream in = source.entry(KENLM_IDS_ENTRY)) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<s> (\\d{1,9})\n</s> (\\d{1,9})\n").matcher(text);
        if (!m.matches()) {
            throw new ModelFileException(KENLM_IDS_ENTRY + " does not hold '<s> ID' and '</s> ID' lines; the file is"
                    + " corrupt");
        }
        try {
            return new KenlmWordIds(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(KENLM_IDS_ENTRY + ": " + e.getMessage() + "; the file is corrupt");
        }
    }

    private static ScoreKind scoreKind(String name) {
        for (ScoreKind k : ScoreKind.values()) {
            if (k.name().equals(name)) {
                return k;
            }
        }
        throw new ModelFileException("n-gram data names an unknown score kind '" + name + "' (known: "
                + Arrays.toString(ScoreKind.values()) + "); the file is corrupt or was written by another lmkit");
    }

    private static void readUnigrams(ModelDataSource source, double[] prob, double[] backoff) throws IOException {
        MappedData u = source.map(UNIGRAMS);
        if (u.size() != 16L * prob.length) {
            throw new IOException("the unigram entry " + UNIGRAMS + " holds " + u.size() + " bytes, not the "
                    + 16L * prob.length + " of " + prob.length + " words");
        }
        for (int w = 0; w < prob.length; w++) {
            prob[w] = u.getDouble(16L * w);
            backoff[w] = u.getDouble(16L * w + 8);
        }
    }

    private static OrderTable openTable(ModelDataSource source, int k, int order, String layout, long count)
            throws IOException {
        MappedData entry = source.map(tableEntry(k));
        OrderTable t = switch (layout) {
            case MappedProbingTable.LAYOUT -> MappedProbingTable.open(entry, k < order);
            case TrieOrder.LAYOUT -> TrieOrder.open(entry, k < order);
            default -> throw new ModelFileException("n-gram data names an unknown layout '" + layout
                    + "' (known: [probing, trie]); the file is corrupt or was written by a newer lmkit");
        };
        if (t.size() != count) {
            throw new IOException("the table of order " + k + " holds " + t.size() + " n-grams but the header "
                    + DATA_ENTRY + " says " + count);
        }
        return t;
    }

    private static Parts readVersion2(DataInputStream data, int order, int v, long entryBytes, ScoreKind kind,
                                      float missing, boolean closed, boolean unkResets, KenlmWordIds ids)
            throws IOException {
        double[] prob = new double[v];
        double[] backoff = new double[v];
        for (int w = 0; w < v; w++) {
            prob[w] = data.readDouble();
            backoff[w] = data.readDouble();
        }
        NgramTable[] tables = new NgramTable[order + 1];
        for (int k = 2; k <= order; k++) {
            tables[k] = NgramTable.readFrom(data, entryBytes);
        }
        return new Parts(order, prob, backoff, tables, kind, missing, closed, unkResets, ids);
    }
}
