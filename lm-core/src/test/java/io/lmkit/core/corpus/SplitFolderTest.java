package io.lmkit.core.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.corpus.BrownSplits.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitFolderTest {

    @Test
    void aFolderOfSplitsNamesItsFilesTrainValidTestAndVocab(@TempDir Path dir) throws IOException {
        for (String name : new String[] {"train.txt", "valid.txt", "test.txt", "vocab.txt"}) {
            Files.writeString(dir.resolve(name), "a\n");
        }
        assertEquals(dir.resolve("train.txt"), SplitFolder.file(dir, Split.TRAIN));
        assertEquals(dir.resolve("test.txt"), SplitFolder.file(dir, Split.TEST));
        assertEquals(dir.resolve("vocab.txt"), SplitFolder.vocabulary(dir));
        assertTrue(SplitFolder.isComplete(dir));
    }

    @Test
    void aFolderWrittenWithBrownV1NamesIsReadAsItIs(@TempDir Path dir) throws IOException {
        for (String name : new String[] {"brown.train.txt", "brown.valid.txt", "brown.test.txt", "vocab.txt"}) {
            Files.writeString(dir.resolve(name), "a\n");
        }
        assertEquals(dir.resolve("brown.valid.txt"), SplitFolder.file(dir, Split.VALID));
        assertTrue(SplitFolder.isComplete(dir));
    }

    @Test
    void aMissingSplitIsNamedByTheCurrentLayout(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("train.txt"), "a\n");
        Files.writeString(dir.resolve("vocab.txt"), "a\n");
        assertEquals(dir.resolve("test.txt"), SplitFolder.file(dir, Split.TEST));
        assertFalse(SplitFolder.isComplete(dir));
    }
}
