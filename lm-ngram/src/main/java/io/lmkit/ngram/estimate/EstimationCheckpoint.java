package io.lmkit.ngram.estimate;

import io.lmkit.core.LmkitException;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.ngram.spill.RunFile;
import io.lmkit.ngram.spill.SpillFolder;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * Where a bounded estimation ({@link SortedEstimation}) stands, kept in its checkpoint folder so that a run stopped
 * after hours (a crash, Ctrl-C, the machine's time running out) goes on from the last finished step instead of
 * from the start: once the adjusted counts and discounts are made, and after each order of probabilities. It
 * names the runs the rest of the estimation reads (which the folder then keeps, {@link SpillFolder#keep}) and
 * holds the small things in full: the word numbers, the discounts, the unigrams' probabilities and backoffs.
 *
 * <p>A checkpoint belongs to one estimation: the corpus (its SHA-256 fingerprint), the order, the variant, the
 * discount statistics and the pruning must all be the same to go on from it; {@code memory=} may differ, since
 * it changes how the runs are cut, not the model. It is written to a temporary file and renamed over the last
 * one, and ends with a CRC-32C of its bytes, so a checkpoint is whole or refused.
 */
final class EstimationCheckpoint {

    /** The checkpoint's file in its folder. */
    static final String FILE = SpillFolder.CHECKPOINT_FILE;

    private static final long MAGIC = 0x6c6d6b6974636b70L; // "lmkitckp"
    // 2: backoff runs count their context's followers; 3: backoffs sum their terms in trie order, so a model
    // resumed from a checkpoint of format 2 would mix two orders of summing and differ from a fresh one in last bits;
    // 4: the probability run kept for the next order holds vocabulary ids in suffix order, not counting's numbers;
    // 5: the last order's words in trie order are kept for the next, and the tables hold each n-gram's followers
    private static final int VERSION = 5;

    /** What an estimation must equal to go on from a checkpoint. */
    record Identity(String corpusFingerprint, long tokens, int order, KneserNey.Variant variant,
                    KneserNey.DiscountStatistics statistics, String pruning) {

        static Identity of(Corpus corpus, int order, KneserNey.Variant variant,
                           KneserNey.DiscountStatistics statistics, Pruning pruning) {
            return new Identity(corpus.fingerprint(), corpus.tokenCount(), order, variant, statistics,
                    pruning.toString());
        }

        String describe() {
            return "corpus " + corpusFingerprint.substring(0, Math.min(12, corpusFingerprint.length())) + " ("
                    + String.format("%,d", tokens) + " tokens), order " + order + ", " + variant + ", statistics "
                    + statistics + ", " + pruning;
        }
    }

    /**
     * An estimation as a checkpoint left it: {@code ordersDone} orders of probabilities done (0: none yet), the
     * last one's probabilities ({@code lower}) and stored n-grams in trie order ({@code lowerIds}, null for none or
     * the unigrams).
     */
    record Resumed(int ordersDone, SortedCounts counts, SortedDiscounts.Adjusted adjusted, RunFile lower,
                   RunFile lowerIds, SortedModelTables tables) {
    }

    private EstimationCheckpoint() {
    }

    /**
     * Writes the checkpoint of an estimation whose adjusted counts are made and whose first {@code ordersDone}
     * orders of probabilities are done ({@code lower}: the last one's probability run; {@code lowerIds}: its stored
     * n-grams in trie order), then tells the folder what to keep.
     */
    static void write(SpillFolder folder, Identity identity, int ordersDone, SortedCounts counts,
                      SortedDiscounts.Adjusted adjusted, RunFile lower, RunFile lowerIds, SortedModelTables tables) {
        try {
            tryWrite(folder, identity, ordersDone, counts, adjusted, lower, lowerIds, tables);
        } catch (IOException e) {
            throw new LmkitException("cannot write the estimation's checkpoint in " + folder.path() + " ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + "); free space"
                    + " there or give checkpointDir= a folder on a disk with room", e);
        }
    }

    private static void tryWrite(SpillFolder folder, Identity identity, int ordersDone, SortedCounts counts,
                                 SortedDiscounts.Adjusted adjusted, RunFile lower, RunFile lowerIds,
                                 SortedModelTables tables)
            throws IOException {
        List<RunFile> named = new ArrayList<>();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(bytes))) {
            out.writeLong(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(identity.corpusFingerprint());
            out.writeLong(identity.tokens());
            out.writeInt(identity.order());
            out.writeUTF(identity.variant().name());
            out.writeUTF(identity.statistics().name());
            out.writeUTF(identity.pruning());
            out.writeInt(ordersDone);
            int[] words = counts.wordsByRank();
            out.writeInt(words.length);
            for (int w : words) {
                out.writeInt(w);
            }
            for (int k = 1; k <= counts.order(); k++) {
                Discounts d = adjusted.discounts()[k];
                out.writeBoolean(d != null);
                if (d != null) {
                    out.writeDouble(d.d1());
                    out.writeDouble(d.d2());
                    out.writeDouble(d.d3());
                }
            }
            // The adjusted counts of the orders still to do; the others were read.
            for (int k = ordersDone + 1; k <= counts.order(); k++) {
                adjusted.adjusted()[k].writeTo(out);
                named.add(adjusted.adjusted()[k]);
            }
            out.writeBoolean(lower != null);
            if (lower != null) {
                lower.writeTo(out);
                named.add(lower);
            }
            out.writeBoolean(lowerIds != null);
            if (lowerIds != null) {
                lowerIds.writeTo(out);
                named.add(lowerIds);
            }
            if (ordersDone >= 1) {
                tables.writeTo(out, ordersDone);
                named.addAll(tables.runs(ordersDone));
            }
        }
        byte[] data = bytes.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(data);
        Path file = folder.path().resolve(FILE);
        Path temp = folder.path().resolve(FILE + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(data.length + 4);
            buffer.put(data).putInt((int) crc.getValue()).flip();
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true); // the runs it names were written before; a crash leaves the old one or this
        }
        Set<Path> keep = new HashSet<>();
        keep.add(file);
        for (RunFile r : named) {
            keep.add(r.path());
        }
        folder.commitCheckpoint(temp, file, keep);
    }

    /**
     * The estimation the folder's checkpoint left, or empty when there is none (the folder then keeps nothing:
     * the runs of an estimation stopped before its first checkpoint are deleted).
     *
     * @throws LmkitException when the checkpoint belongs to another estimation, is damaged, or a run it names is
     *                        missing, naming the folder and the fix
     */
    static Optional<Resumed> read(SpillFolder folder, Identity expected, Vocabulary vocabulary) {
        Path file = folder.path().resolve(FILE);
        try {
            if (!Files.exists(file)) {
                folder.keep(Set.of());
                folder.removeUnnamed();
                return Optional.empty();
            }
            byte[] all = Files.readAllBytes(file);
            CRC32C crc = new CRC32C();
            crc.update(all, 0, Math.max(0, all.length - 4));
            if (all.length < 12 || (int) crc.getValue() != java.nio.ByteBuffer.wrap(all, all.length - 4, 4).getInt()) {
                throw damaged(folder, "its checksum does not match");
            }
            DataInputStream in = new DataInputStream(new BufferedInputStream(
                    new ByteArrayInputStream(all, 0, all.length - 4)));
            if (in.readLong() != MAGIC) {
                throw damaged(folder, "it is not an lmkit checkpoint");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new LmkitException("the checkpoint in " + folder.path() + " was written by another lmkit"
                        + " (format " + version + ", this one reads " + VERSION + "); delete the folder to start"
                        + " the estimation over");
            }
            Identity found = new Identity(in.readUTF(), in.readLong(), in.readInt(),
                    KneserNey.Variant.valueOf(in.readUTF()), KneserNey.DiscountStatistics.valueOf(in.readUTF()),
                    in.readUTF());
            if (!found.equals(expected)) {
                throw new LmkitException("the checkpoint in " + folder.path() + " belongs to another estimation ("
                        + found.describe() + "), not this one (" + expected.describe() + "); give another"
                        + " checkpointDir=, or delete that folder to start over");
            }
            int ordersDone = in.readInt();
            int order = expected.order();
            if (ordersDone < 0 || ordersDone > order) {
                throw damaged(folder, ordersDone + " orders done of " + order);
            }
            int[] words = new int[in.readInt()];
            if (words.length < 3 || words.length > vocabulary.size() + 1) {
                throw damaged(folder, words.length + " word numbers for a vocabulary of " + vocabulary.size());
            }
            for (int i = 0; i < words.length; i++) {
                words[i] = in.readInt();
                if (i > 0 && (words[i] < 0 || words[i] >= vocabulary.size())) {
                    throw damaged(folder, "word id " + words[i]);
                }
            }
            SortedCounts counts = SortedCounts.afterReading(vocabulary, order, words);
            Discounts[] discounts = new Discounts[order + 1];
            for (int k = 1; k <= order; k++) {
                if (in.readBoolean()) {
                    discounts[k] = new Discounts(in.readDouble(), in.readDouble(), in.readDouble());
                }
            }
            RunFile[] adjustedRuns = new RunFile[order + 1];
            Set<Path> keep = new HashSet<>();
            keep.add(file);
            for (int k = ordersDone + 1; k <= order; k++) {
                adjustedRuns[k] = RunFile.readFrom(in, folder);
                keep.add(adjustedRuns[k].path());
            }
            RunFile lower = in.readBoolean() ? RunFile.readFrom(in, folder) : null;
            if (lower != null) {
                keep.add(lower.path());
            }
            RunFile lowerIds = in.readBoolean() ? RunFile.readFrom(in, folder) : null;
            if (lowerIds != null) {
                keep.add(lowerIds.path());
            }
            if ((lowerIds != null) != (lower != null && ordersDone >= 2)) {
                throw damaged(folder, "the words of order " + ordersDone + " are " + (lowerIds == null ? "missing"
                        : "named where no order needs them"));
            }
            SortedModelTables tables = ordersDone >= 1
                    ? SortedModelTables.readFrom(in, counts, folder, ordersDone)
                    : new SortedModelTables(counts, folder);
            if (ordersDone >= 1) {
                tables.runs(ordersDone).forEach(r -> keep.add(r.path()));
            }
            if (in.read() != -1) {
                throw damaged(folder, "it has bytes after its end");
            }
            folder.keep(keep);
            folder.removeUnnamed();
            return Optional.of(new Resumed(ordersDone, counts, new SortedDiscounts.Adjusted(discounts, adjustedRuns),
                    lower, lowerIds, tables));
        } catch (EOFException | IllegalArgumentException e) {
            throw damaged(folder, "it ends early or holds a value no estimation writes");
        } catch (IOException e) {
            throw new LmkitException("cannot read the checkpoint in " + folder.path() + ": " + e.getMessage()
                    + "; check the folder can be read, or delete it to start the estimation over", e);
        }
    }

    private static LmkitException damaged(SpillFolder folder, String why) {
        return new LmkitException("the checkpoint in " + folder.path() + " is damaged (" + why + "); delete the"
                + " folder to start the estimation over");
    }
}
