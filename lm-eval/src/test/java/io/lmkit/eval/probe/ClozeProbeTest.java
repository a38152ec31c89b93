package io.lmkit.eval.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lmkit.core.reference.UnigramModel;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.eval.report.GoldenFiles;
import java.io.BufferedReader;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Scoring on a unigram model whose probabilities are known by hand, so every sentence
 * log-probability, rank and margin below is exact: with add-one counts over 8 predicted symbols
 * and 16 training tokens, p = (count + 1) / 24: the 8/24, cat 4/24, dog 2/24, sat 2/24, a 2/24,
 * mat 1/24, {@code <unk>} 1/24, {@code </s>} 4/24.
 */
class ClozeProbeTest {

    private static final Vocabulary V = Vocabulary.ofWords(
            List.of("<unk>", "<s>", "</s>", "the", "cat", "dog", "sat", "a", "mat"));
    private static final UnigramModel MODEL = new UnigramModel(V, new long[] {0, 0, 3, 7, 3, 1, 1, 1, 0}, 1);
    private static final double EPS = 1e-12;

    private static double ln(double twentyFourths) {
        return Math.log(twentyFourths / 24);
    }

    private static ClozeSuite suite() throws Exception {
        return ClozeTextFormat.read("tiny.txt", new BufferedReader(new StringReader("""
                [x]
                the ___ sat => cat | dog | zebra
                the ___ sat => dog | cat
                [y]
                a ___ => mat | zebra
                ___ sat => the cat | cat
                """)));
    }

    @Test
    void eachCandidateGetsTheLogProbabilityOfItsWholeSentence() throws Exception {
        ClozeItemResult r = new ClozeProbe().score(MODEL, suite().items().get(0));
        double rest = ln(8) + ln(2) + ln(4); // the, sat, </s>
        assertEquals(rest + ln(4), r.candidates().get(0).lnProb(), EPS);
        assertEquals(rest + ln(2), r.candidates().get(1).lnProb(), EPS);
        assertEquals(rest + ln(1), r.candidates().get(2).lnProb(), EPS);
        assertEquals(1, r.rank());
        assertTrue(r.correct());
        assertEquals("dog", r.bestDistractor().candidate());
        assertEquals(Math.log(2), r.margin(), EPS);
    }

    @Test
    void aCandidateOutsideTheVocabularyIsMarkedUnknown() throws Exception {
        ClozeItemResult r = new ClozeProbe().score(MODEL, suite().items().get(0));
        assertEquals(List.of(), r.candidates().get(0).unknownWords());
        assertEquals(List.of("zebra"), r.candidates().get(2).unknownWords());
        assertTrue(r.hasUnknownCandidate());
        assertEquals(List.of(), r.promptUnknownWords());
    }

    @Test
    void aWrongPreferenceGivesRankTwoAndANegativeMargin() throws Exception {
        ClozeItemResult r = new ClozeProbe().score(MODEL, suite().items().get(1));
        assertEquals(2, r.rank());
        assertFalse(r.correct());
        assertEquals(-Math.log(2), r.margin(), EPS);
        assertFalse(r.hasUnknownCandidate());
    }

    @Test
    void aTieWithAnUnknownWordIsNotAPass() throws Exception {
        // mat and <unk> both have probability 1/24: the model cannot tell them apart.
        ClozeItemResult r = new ClozeProbe().score(MODEL, suite().items().get(2));
        assertEquals(0, r.margin(), EPS);
        assertEquals(2, r.rank());
        assertFalse(r.correct());
    }

    @Test
    void aLongerCandidatePaysForEachOfItsWords() throws Exception {
        ClozeItemResult r = new ClozeProbe().score(MODEL, suite().items().get(3));
        assertEquals(ln(8), r.margin(), EPS); // "the cat" costs p(the) = 8/24 more than "cat"
        assertEquals(2, r.rank());
    }

    @Test
    void totalsPerCategoryAndOverall() throws Exception {
        ClozeModelResult m = new ClozeProbe().score("unigram", MODEL, suite());
        ClozeCategorySummary x = m.byCategory().get(0);
        assertEquals("x", x.category());
        assertEquals(2, x.items());
        assertEquals(1, x.correct());
        assertEquals(0.5, x.accuracy(), EPS);
        assertEquals((1.0 / 3 + 1.0 / 2) / 2, x.chanceAccuracy(), EPS);
        assertEquals(1.5, x.meanRank(), EPS);
        assertEquals(0, x.meanMargin(), EPS);
        assertEquals(1, x.unknownCandidate());
        ClozeCategorySummary all = m.overall();
        assertEquals(4, all.items());
        assertEquals(1, all.correct());
        assertEquals((Math.log(2) - Math.log(2) + 0 + ln(8)) / 4, all.meanMargin(), EPS);
        assertEquals(2, all.unknownCandidate());
    }

    @Test
    void theReportHasTheSummaryTableCsvRowsAndValidJson() throws Exception {
        Map<String, UnigramModel> models = new LinkedHashMap<>();
        models.put("uni", MODEL);
        ClozeReport report = new ClozeProbe().run(models, suite());
        String md = report.toMarkdown();
        assertTrue(md.contains("| category | uni | chance |"), md);
        assertTrue(md.contains("| x | 1 / 2 (50%) | 42% |"), md);
        assertTrue(md.contains("| **all** | 1 / 4 (25%) | 46% |"), md);
        assertTrue(md.contains("uni fails 3 of 4 (passes 25%, chance 46%, 2 items with an `<unk>` candidate)"), md);
        assertTrue(md.contains("| x-1 | the ___ sat | cat | dog, zebra | 1, +0.69 † |"), md);
        assertTrue(md.contains("| y-1 | a ___ | mat | zebra | 2, +0.00 † |"), md);
        List<String> csv = report.toCsv().lines().toList();
        assertEquals(5, csv.size());
        assertEquals("uni,x-2,x,dog,-7.86019,cat,-7.16704,-0.693147,2,2,false,,", csv.get(2));
        assertEquals("uni,x-1,x,cat,-7.16704,dog,-7.86019,0.693147,1,3,true,zebra,", csv.get(1));
        List<String> summary = report.toSummaryCsv().lines().toList();
        assertEquals("uni,all,4,1,0.250000,0.458333,1.75000,-0.274653,2", summary.get(3));
        JsonNode json = new ObjectMapper().readTree(report.toJson());
        JsonNode item = json.get("models").get(0).get("items").get(0);
        assertEquals("x-1", item.get("id").asText());
        assertEquals(Math.log(2), item.get("marginNats").asDouble(), 1e-12);
        assertEquals("zebra", item.get("candidates").get(2).get("unknownWords").get(0).asText());
        assertEquals(0.25, json.get("models").get(0).get("overall").get("accuracy").asDouble(), EPS);
        GoldenFiles.assertMatches("cloze-report.json", report.toJson());
        GoldenFiles.assertMatches("cloze-report.csv", report.toCsv());
    }

    @Test
    void theSuiteWrittenAsJsonReadsBackToTheSameItems() throws Exception {
        ClozeSuite suite = suite();
        String json = suite.toJson();
        GoldenFiles.assertMatches("cloze-suite.json", json);
        ClozeSuite back = ClozeJsonFormat.read("tiny.json", new StringReader(json));
        assertEquals(suite.name(), back.name());
        assertEquals(suite.items().stream().map(ClozeItem::id).toList(), back.items().stream().map(ClozeItem::id).toList());
        assertEquals(suite.items().get(0).distractors(), back.items().get(0).distractors());
    }
}
