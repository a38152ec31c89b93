package io.lmkit.ngram.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.LmkitException;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.ngram.NgramLayout;
import io.lmkit.ngram.NgramModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bounded estimation with a checkpoint folder, stopped after any of its steps, goes on from its checkpoint when
 * run again and makes the model a run straight through makes, bit for bit; a checkpoint that is not its own is
 * refused and left as it is.
 */
class EstimationCheckpointTest {

    private static final Corpus CORPUS = SortedDiscountsTest.skewedCorpus();
    private static final long MEMORY = SortedEstimation.corpusBytes(CORPUS) + 4 * SortedCounts.minimumBytes(4);

    @TempDir
    Path temp;

    /**
     * Stops the estimation once {@code ordersDone} orders of probabilities are done (0: before the first; one more
     * than the order: once the model's tables are written, their runs read and deleted).
     */
    private static final class StopAfter implements EstimationProgress {
        private final int ordersDone;
        private String pass = "";

        StopAfter(int ordersDone) {
            this.ordersDone = ordersDone;
        }

        @Override
        public void passStarted(String pass, long total, String unit) {
            this.pass = pass;
            if (pass.equals("probabilities and backoffs") && ordersDone == 0) {
                throw new LmkitException("stopped by the test");
            }
        }

        @Override
        public void progressed(long done) {
            if (pass.equals("probabilities and backoffs") && done == ordersDone
                    || pass.equals("writing the model's tables") && ordersDone == 5) {
                throw new LmkitException("stopped by the test");
            }
        }
    }

    private NgramModel estimate(int order, Pruning pruning, Path checkpoints, EstimationProgress progress) {
        return SortedEstimation.estimate(CORPUS, order, KneserNey.Variant.MODIFIED, KneserNey.DiscountStatistics.LMPLZ,
                pruning, MEMORY, temp.resolve("tmp"), checkpoints, progress);
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void stoppedAfterAnyStepTheSameCallGoesOnFromItsCheckpointToTheModelOfARunStraightThrough() throws IOException {
        for (Pruning pruning : new Pruning[] {Pruning.NONE, Pruning.parse("0 0 1")}) {
            NgramModel straight = KneserNey.estimate(NgramCounts.count(CORPUS, 4), KneserNey.Variant.MODIFIED,
                    KneserNey.DiscountStatistics.LMPLZ, pruning).withLayout(NgramLayout.TRIE);
            for (int k = 0; k <= 5; k++) {
                int stopAfter = k;
                Path dir = temp.resolve("checkpoint-" + stopAfter + pruning.prunes());
                LmkitException stopped = assertThrows(LmkitException.class,
                        () -> estimate(4, pruning, dir, new StopAfter(stopAfter)));
                assertTrue(stopped.getMessage().startsWith("stopped by the test; the estimation's finished steps are"
                        + " kept in " + dir + ": run the same command again"), stopped.getMessage());
                assertTrue(files(dir).contains(EstimationCheckpoint.FILE), files(dir).toString());
                assertTrue(files(dir).stream().allMatch(f -> f.equals(EstimationCheckpoint.FILE) || f.endsWith(".run")
                        || f.equals("estimation.lock")), "only the checkpoint and the runs it names stay: " + files(dir));

                List<String> passes = new ArrayList<>();
                NgramModel resumed = estimate(4, pruning, dir, EstimationProgress.of(passes::add));
                // Stopped after its tables were read and deleted, it goes on from the last checkpoint, which named them.
                assertEquals("going on from the checkpoint in " + dir + " (counts, discounts and "
                        + Math.min(4, stopAfter) + " of 4 orders of probabilities were done)", passes.get(0));
                assertFalse(passes.contains("counting in sorted runs"), passes.toString());
                SortedEstimationTest.assertSameData(straight, resumed);
                assertEquals(List.of(), files(dir), "the folder is emptied once the model is made");
            }
        }
    }

    @Test
    void runsOfAnEstimationKilledBeforeItsFirstCheckpointAreDeletedAndItStartsOver() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("killed"));
        Files.writeString(dir.resolve("order-4-17.run"), "half a run");
        Files.writeString(dir.resolve(EstimationCheckpoint.FILE + ".tmp"), "half a checkpoint");
        List<String> passes = new ArrayList<>();
        NgramModel model = estimate(3, Pruning.NONE, dir, EstimationProgress.of(passes::add));
        assertEquals("counting in sorted runs", passes.get(0));
        SortedEstimationTest.assertSameData(KneserNey.estimate(NgramCounts.count(CORPUS, 3),
                KneserNey.Variant.MODIFIED, KneserNey.DiscountStatistics.LMPLZ).withLayout(NgramLayout.TRIE), model);
        assertEquals(List.of(), files(dir));
    }

    @Test
    void aCheckpointOfAnotherEstimationIsRefusedNamingBothAndKept() throws IOException {
        Path dir = temp.resolve("other");
        assertThrows(LmkitException.class, () -> estimate(4, Pruning.NONE, dir, new StopAfter(2)));
        List<String> kept = files(dir);
        LmkitException refused = assertThrows(LmkitException.class,
                () -> estimate(3, Pruning.NONE, dir, EstimationProgress.NONE));
        assertTrue(refused.getMessage().contains("belongs to another estimation") && refused.getMessage()
                .contains("order 4,") && refused.getMessage().contains("not this one (corpus ")
                && refused.getMessage().contains("order 3,"), refused.getMessage());
        assertEquals(kept, files(dir), "nothing of the other estimation is deleted");
        // Its own estimation still goes on from it.
        List<String> passes = new ArrayList<>();
        estimate(4, Pruning.NONE, dir, EstimationProgress.of(passes::add));
        assertTrue(passes.get(0).startsWith("going on from the checkpoint"), passes.toString());
    }

    @Test
    void aFolderHoldingFilesNoEstimationWroteIsRefusedAndLeftAlone() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("home"));
        Files.writeString(dir.resolve("notes.txt"), "mine");
        LmkitException refused = assertThrows(LmkitException.class,
                () -> estimate(3, Pruning.NONE, dir, EstimationProgress.NONE));
        assertTrue(refused.getMessage().contains("holds notes.txt") && refused.getMessage().contains(
                "give an empty or new folder"), refused.getMessage());
        assertEquals("mine", Files.readString(dir.resolve("notes.txt")));
    }

    @Test
    void aDamagedCheckpointOrAMissingRunIsRefusedWithTheFix() throws IOException {
        Path dir = temp.resolve("damaged");
        assertThrows(LmkitException.class, () -> estimate(3, Pruning.NONE, dir, new StopAfter(1)));
        Path checkpoint = dir.resolve(EstimationCheckpoint.FILE);
        byte[] good = Files.readAllBytes(checkpoint);
        byte[] bad = good.clone();
        bad[bad.length / 2] ^= 1;
        Files.write(checkpoint, bad);
        LmkitException damaged = assertThrows(LmkitException.class,
                () -> estimate(3, Pruning.NONE, dir, EstimationProgress.NONE));
        assertEquals("the checkpoint in " + dir + " is damaged (its checksum does not match); delete the folder to"
                + " start the estimation over", damaged.getMessage());
        Files.write(checkpoint, good);
        String run = files(dir).stream().filter(f -> f.endsWith(".run")).findFirst().orElseThrow();
        Files.delete(dir.resolve(run));
        LmkitException missing = assertThrows(LmkitException.class,
                () -> estimate(3, Pruning.NONE, dir, EstimationProgress.NONE));
        assertTrue(missing.getMessage().contains("needs the run " + run) && missing.getMessage().contains(
                "it is missing; the folder was changed: delete it to start the estimation over"), missing.getMessage());
        assertTrue(Files.exists(checkpoint), "a refused checkpoint is not deleted");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {2, 3, 4})
    void aCheckpointOfAnEarlierFormatIsRefusedWithTheFixAndKept(int format) throws IOException {
        // Format 2 summed backoff terms by word rank: going on from it would give a model that differs from a
        // fresh run's in its backoffs' last bits. Format 3 kept the next order's probabilities by counting's word
        // numbers, which format 4 no longer reads. Format 4 kept each order's tables with the n-grams' words and
        // no follower counts, which format 5's writer no longer joins. All are refused.
        Path dir = temp.resolve("format-" + format);
        assertThrows(LmkitException.class, () -> estimate(3, Pruning.NONE, dir, new StopAfter(1)));
        Path checkpoint = dir.resolve(EstimationCheckpoint.FILE);
        byte[] bytes = Files.readAllBytes(checkpoint);
        java.nio.ByteBuffer.wrap(bytes).putInt(8, format);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        java.nio.ByteBuffer.wrap(bytes).putInt(bytes.length - 4, (int) crc.getValue());
        Files.write(checkpoint, bytes);
        List<String> kept = files(dir);
        LmkitException refused = assertThrows(LmkitException.class,
                () -> estimate(3, Pruning.NONE, dir, EstimationProgress.NONE));
        assertEquals("the checkpoint in " + dir + " was written by another lmkit (format " + format + ", this one reads 5);"
                + " delete the folder to start the estimation over", refused.getMessage());
        assertEquals(kept, files(dir), "a refused checkpoint is kept");
    }
}
