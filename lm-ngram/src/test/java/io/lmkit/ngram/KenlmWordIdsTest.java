package io.lmkit.ngram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lmkit.core.io.ModelFile;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.plugin.PluginRegistry;
import io.lmkit.ngram.arpa.ArpaReader;
import io.lmkit.ngram.arpa.UnknownWord;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** KenLM numbers an ARPA file's words in file order, {@code <unk>} 0; lmkit fixes {@code <s>} 1 and {@code </s>} 2. */
class KenlmWordIdsTest {

    @Test
    void kenlmsTestFileListsPunctuationAndMarkersBeforeUnk() {
        // KenLM's test.arpa: , . </s> <s> <unk> a also ... (query prints ,=1 .=2 </s>=3 <s>=4 a=5).
        KenlmWordIds ids = KenlmWordIds.ofArpaUnigrams(List.of(",", ".", "</s>", "<s>", "<unk>", "a", "also"));
        assertEquals(new KenlmWordIds(4, 3), ids);
        // lmkit's ids: <unk> 0, <s> 1, </s> 2, then , . a also as 3 4 5 6.
        assertEquals(List.of(0, 4, 3, 1, 2, 5, 6), List.of(ids.of(0), ids.of(1), ids.of(2), ids.of(3), ids.of(4),
                ids.of(5), ids.of(6)));
    }

    @Test
    void filesListingTheMarkersFirstKeepLmkitsIds() {
        KenlmWordIds ids = KenlmWordIds.ofArpaUnigrams(List.of("<unk>", "<s>", "</s>", "the", "cat"));
        assertEquals(KenlmWordIds.SAME_AS_LMKIT, ids);
        for (int id = 0; id < 10; id++) {
            assertEquals(id, ids.of(id));
        }
    }

    @Test
    void wordsBetweenTheMarkersSkipBothIds() {
        // a <s> b </s> c: KenLM gives a=1 <s>=2 b=3 </s>=4 c=5; lmkit gives a=3 b=4 c=5.
        KenlmWordIds ids = KenlmWordIds.ofArpaUnigrams(List.of("a", "<s>", "b", "</s>", "c"));
        assertEquals(List.of(2, 4, 1, 3, 5), List.of(ids.of(1), ids.of(2), ids.of(3), ids.of(4), ids.of(5)));
    }

    @Test
    void theMarkersMustBeDistinctPositiveIds() {
        assertThrows(IllegalArgumentException.class, () -> new KenlmWordIds(0, 2));
        assertThrows(IllegalArgumentException.class, () -> new KenlmWordIds(3, 3));
    }

    @Test
    void anArpaModelKeepsItsKenlmIds() throws Exception {
        String arpa = "\\data\\\nngram 1=5\n\n\\1-grams:\n-1\t,\n-1\t</s>\n-99\t<s>\n-2\t<unk>\n-1\ta\n\n\\end\\\n";
        NgramModel model = ArpaReader.read("t.arpa", new ByteArrayInputStream(arpa.getBytes(StandardCharsets.UTF_8)),
                UnknownWord.ORDINARY_WORD);
        assertEquals(new KenlmWordIds(3, 2), model.kenlmWordIds());
        assertEquals(4, model.kenlmWordIds().of(model.vocabulary().id("a")));
    }

    @Test
    void kenlmIdsSurviveTheTrieLayoutAndTheModelFileInASmallDeflatedEntry(@TempDir Path dir) throws Exception {
        String arpa = "\\data\\\nngram 1=5\nngram 2=1\n\n\\1-grams:\n-1\t,\n-1\t</s>\n-99\t<s>\t-0.5\n-2\t<unk>\n"
                + "-1\ta\n\n\\2-grams:\n-0.25\t<s> a\n\n\\end\\\n";
        NgramModel trie = ArpaReader.read("t.arpa", new ByteArrayInputStream(arpa.getBytes(StandardCharsets.UTF_8)),
                UnknownWord.ORDINARY_WORD).withLayout(NgramLayout.TRIE);
        assertEquals(new KenlmWordIds(3, 2), trie.kenlmWordIds());
        Path file = dir.resolve("t.zip");
        ModelFile.save(file, trie, "arpa", new io.lmkit.ngram.plugin.ArpaProvider().defaultConfig(), 0, "whitespace",
                "test");
        @SuppressWarnings({"unchecked", "rawtypes"})
        PluginRegistry<ModelProvider<?>> models = PluginRegistry.discover((Class) ModelProvider.class,
                KenlmWordIdsTest.class.getClassLoader(), "model", "");
        NgramModel loaded = (NgramModel) ModelFile.load(file, models).model();
        assertEquals(new KenlmWordIds(3, 2), loaded.kenlmWordIds());
        assertEquals(NgramLayout.TRIE, loaded.layout());
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry ids = zip.getEntry("data/kenlm-ids.txt");
            assertEquals(ZipEntry.DEFLATED, ids.getMethod());
            assertEquals("<s> 3\n</s> 2\n", new String(zip.getInputStream(ids).readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
