package io.lmkit.eval.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.LmkitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The work folder of a resumable comparison: identities, finished results, curves, clearing. */
class ComparisonWorkTest {

    @TempDir
    Path dir;

    private static ComparisonWork.Identity lstm(String hidden, long seed, String trainFingerprint) {
        return new ComparisonWork.Identity("lstm", "lstm", Map.of("hidden", hidden, "epochs", "3"), seed,
                Map.of("training", trainFingerprint, "validation", "v1", "test", "t1"));
    }

    @Test
    void aResumedEntryWithOtherSettingsSeedOrDataIsRefusedNamingEachChange() {
        Path work = dir.resolve("out.work");
        ComparisonWork.fresh(work).entry(lstm("24", 1, "aaaaaaaaaaaaaaaa"));
        ComparisonWork resumed = ComparisonWork.resume(work);
        assertEquals(work.resolve(ComparisonWork.folderName("lstm")), resumed.entry(lstm("24", 1, "aaaaaaaaaaaaaaaa")),
                "the same identity resumes");
        LmkitException e = assertThrows(LmkitException.class, () -> resumed.entry(lstm("32", 2, "bbbbbbbbbbbbbbbb")));
        assertEquals("--resume: model 'lstm' is not the one the interrupted comparison trained: setting hidden was 24,"
                + " now 32; seed was 1, now 2; the training data changed (fingerprint aaaaaaaaaaaa is now"
                + " bbbbbbbbbbbb). Restore the config, or run without --resume to start afresh", e.getMessage());
    }

    @Test
    void aFinishedResultAndACurveSoFarReadBackExactly() {
        Path work = dir.resolve("out.work");
        ComparisonWork fresh = ComparisonWork.fresh(work);
        Path entry = fresh.entry(lstm("24", 1, "a"));
        ComparisonRow row = new ComparisonRow("lstm", "lstm", Map.of("hidden", "24"), 13.25, 14.0937, 3.8171, 3737,
                "parameters", 300_000, 3.2, 133_335, "");
        LearningCurve curve = new LearningCurve("lstm", List.of(new LearningCurve.Point(1128, 0.5, 15.690001)));
        double[] scores = {-1.0 / 3, Double.NEGATIVE_INFINITY, -2.5e-300};
        fresh.finish(entry, new ComparisonWork.Finished(row, curve, scores));
        fresh.saveCurve(entry, curve);
        assertTrue(fresh.finished(entry).isEmpty(), "a fresh run never reuses");

        ComparisonWork resumed = ComparisonWork.resume(work);
        ComparisonWork.Finished back = resumed.finished(entry).orElseThrow();
        assertEquals(row, back.row());
        assertEquals(curve, back.curve());
        assertEquals(List.of(-1.0 / 3, Double.NEGATIVE_INFINITY, -2.5e-300),
                java.util.Arrays.stream(back.testSentenceLnProbs()).boxed().toList());
        assertEquals(curve.points(), resumed.curveSoFar(entry));
    }

    @Test
    void aFreshRunEmptiesTheFolderButRefusesToDeleteFilesItDidNotWrite() throws IOException {
        Path work = dir.resolve("out.work");
        Path entry = ComparisonWork.fresh(work).entry(lstm("24", 1, "a"));
        assertTrue(Files.isRegularFile(entry.resolve(ComparisonWork.ENTRY)));
        ComparisonWork.fresh(work);
        assertFalse(Files.exists(entry));

        Path mine = Files.writeString(work.resolve("notes.txt"), "mine");
        LmkitException e = assertThrows(LmkitException.class, () -> ComparisonWork.fresh(work));
        assertEquals("the comparison work folder " + work + " holds " + mine + ", which a comparison did not write;"
                + " move it away (the work folder is lmkit's own) or choose another --out", e.getMessage());
        assertTrue(Files.exists(mine));
    }

    @Test
    void resumingWithoutAWorkFolderSaysThereIsNothingToContinue() {
        Path work = dir.resolve("never.work");
        LmkitException e = assertThrows(LmkitException.class, () -> ComparisonWork.resume(work));
        assertEquals("--resume: there is no interrupted comparison to continue: its work folder " + work
                + " does not exist; run without --resume to start one", e.getMessage());
    }

    @Test
    void entryFolderNamesAreSafeAndDistinct() {
        assertTrue(ComparisonWork.folderName("lstm").startsWith("lstm-"));
        assertTrue(ComparisonWork.folderName("a/b c").startsWith("a_b_c-"));
        assertFalse(ComparisonWork.folderName("a/b").equals(ComparisonWork.folderName("a_b")));
    }
}
