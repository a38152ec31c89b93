package io.lmkit.eval.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two suite formats: what a good file gives, and the line and fix each mistake is reported with. */
class ClozeSuiteParserTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void aGoodTextFileGivesItsItemsInOrderWithIdsPerCategory() throws IOException {
        Path f = write("mine.txt", """
                # my probes
                [trivia]
                The capital of France is ___ . => Paris | London | Rome

                [syntax]
                He bought ___ apple . => an | a
                The dogs ___ here .=>were|was
                """);
        ClozeSuite suite = ClozeSuite.load(f);
        assertEquals(f.toString(), suite.name());
        assertEquals(List.of("trivia", "syntax"), suite.categories());
        assertEquals(List.of("trivia-1", "syntax-1", "syntax-2"), suite.items().stream().map(ClozeItem::id).toList());
        ClozeItem first = suite.items().get(0);
        assertEquals("The capital of France is ___ .", first.prompt());
        assertEquals("Paris", first.answer());
        assertEquals(List.of("London", "Rome"), first.distractors());
        assertEquals(f + ":3", first.source());
        assertEquals(List.of("The", "capital", "of", "France", "is", "Rome", "."), first.filled("Rome"));
        ClozeItem spaced = suite.items().get(2);
        assertEquals("The dogs ___ here .", spaced.prompt());
        assertEquals(List.of("were", "was"), spaced.candidates());
    }

    @Test
    void aCandidateMayBeSeveralWords() throws IOException {
        ClozeSuite suite = ClozeSuite.load(write("multi.txt",
                "[syntax]\nShe put ___ on the table . => the  fork | fork\n"));
        assertEquals("the fork", suite.items().get(0).answer());
        assertEquals(List.of("She", "put", "the", "fork", "on", "the", "table", "."),
                suite.items().get(0).filled("the fork"));
    }

    @Test
    void theDefaultSuiteHasSixCategoriesOfEightToFifteenItems() {
        ClozeSuite suite = ClozeSuite.defaultSuite();
        assertEquals(List.of("trivia", "syntax", "coreference", "sentiment", "reasoning", "plausibility"),
                suite.categories());
        for (String c : suite.categories()) {
            long n = suite.items().stream().filter(i -> i.category().equals(c)).count();
            assertTrue(n >= 8 && n <= 15, c + " has " + n + " items");
        }
        ClozeItem students = suite.items().stream().filter(i -> i.prompt().startsWith("The students opened"))
                .findFirst().orElseThrow();
        assertEquals("books", students.answer());
        assertTrue(students.distractors().contains("bananas"));
    }

    @Test
    void aGoodJsonFileGivesTheSameItemsAsText() throws IOException {
        Path f = write("mine.json", """
                {"name": "json probes",
                 "items": [
                   {"category": "trivia", "prompt": "The capital of France is ___ .",
                    "answer": "Paris", "distractors": ["London", "Rome"]},
                   {"id": "apple", "category": "syntax", "prompt": "He bought ___ apple .",
                    "answer": "an", "distractors": ["a"]}
                 ]}
                """);
        ClozeSuite suite = ClozeSuite.load(f);
        assertEquals("json probes", suite.name());
        assertEquals(List.of("trivia-1", "apple"), suite.items().stream().map(ClozeItem::id).toList());
        assertEquals(List.of("Paris", "London", "Rome"), suite.items().get(0).candidates());
        assertEquals(f + ":3", suite.items().get(0).source());
        assertEquals(f + ":5", suite.items().get(1).source());
    }

    private ClozeSuiteException bad(String name, String text) throws IOException {
        Path f = write(name, text);
        ClozeSuiteException e = assertThrows(ClozeSuiteException.class, () -> ClozeSuite.load(f));
        assertEquals(f.toString(), e.file());
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        return e;
    }

    private void badText(int line, String fix, String text) throws IOException {
        ClozeSuiteException e = bad("bad.txt", text);
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().startsWith(e.file() + ":" + line + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(fix), e.getMessage());
    }

    @Test
    void aLineWithoutTheArrowIsNamedWithTheFormat() throws IOException {
        badText(3, "PROMPT => ANSWER | DISTRACTOR", "[trivia]\n# ok\nThe capital of France is ___ . Paris | Rome\n");
    }

    @Test
    void anItemBeforeAnyHeaderAsksForOne() throws IOException {
        badText(2, "add a line such as [trivia] above it", "# probes\nThe sky is ___ . => blue | green\n");
    }

    @Test
    void aPromptWithoutABlankSaysHowToWriteIt() throws IOException {
        badText(2, "three underscores", "[trivia]\nThe sky is blue . => blue | green\n");
        badText(2, "no blank", "[trivia]\nThe sky is ___. => blue | green\n");
    }

    @Test
    void twoBlanksAreRefused() throws IOException {
        badText(4, "exactly one ___", "[trivia]\n\n\nThe ___ is ___ . => sky | sea\n");
    }

    @Test
    void anItemWithoutDistractorsAsksForThem() throws IOException {
        badText(2, "no distractor", "[trivia]\nThe sky is ___ . => blue\n");
    }

    @Test
    void anEmptyCandidateIsNamed() throws IOException {
        badText(2, "distractor 2 is empty", "[trivia]\nThe sky is ___ . => blue | green | \n");
        badText(2, "the answer is empty", "[trivia]\nThe sky is ___ . =>  | green\n");
    }

    @Test
    void aRepeatedCandidateIsNamed() throws IOException {
        badText(2, "'blue' is given twice (as the answer and as a distractor)",
                "[trivia]\nThe sky is ___ . => blue | green | blue\n");
    }

    @Test
    void aBadHeaderIsNamed() throws IOException {
        badText(1, "write it as [name]", "[trivia\nThe sky is ___ . => blue | green\n");
        badText(1, "only letters, digits", "[simple reasoning]\nThe sky is ___ . => blue | green\n");
    }

    @Test
    void twoArrowsAreRefused() throws IOException {
        badText(2, "more than one '=>'", "[trivia]\nThe sky is ___ . => blue => green | red\n");
    }

    @Test
    void aFileWithoutItemsSaysWhatToWrite() throws IOException {
        ClozeSuiteException e = bad("empty.txt", "# nothing yet\n[trivia]\n");
        assertEquals(0, e.line());
        assertTrue(e.getMessage().contains("the suite has no items"), e.getMessage());
    }

    @Test
    void aMissingFileIsNamed() {
        Path f = dir.resolve("absent.txt");
        ClozeSuiteException e = assertThrows(ClozeSuiteException.class, () -> ClozeSuite.load(f));
        assertEquals(f + ": the cloze suite file does not exist; check the path", e.getMessage());
    }

    @Test
    void jsonWithAnUnknownKeyNamesItsLine() throws IOException {
        ClozeSuiteException e = bad("bad.json", """
                {"items": [
                  {"category": "trivia", "prompt": "The sky is ___ .",
                   "answr": "blue", "distractors": ["green"]}
                ]}
                """);
        assertEquals(3, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("answr"), e.getMessage());
    }

    @Test
    void jsonItemsFollowTheSameRulesAndNameTheItemsLine() throws IOException {
        ClozeSuiteException e = bad("bad.json", """
                {"items": [
                  {"category": "trivia", "prompt": "The sky is ___ .", "answer": "blue", "distractors": ["green"]},
                  {"category": "trivia", "prompt": "The sea is blue .", "answer": "blue", "distractors": ["red"]}
                ]}
                """);
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("has no blank"), e.getMessage());
        ClozeSuiteException noDistractors = bad("bad2.json",
                "{\"items\": [\n{\"category\": \"x\", \"prompt\": \"a ___\", \"answer\": \"b\"}]}");
        assertEquals(2, noDistractors.line());
        assertTrue(noDistractors.getMessage().contains("no distractor"), noDistractors.getMessage());
    }

    @Test
    void brokenJsonNamesTheLineOfTheSyntaxError() throws IOException {
        ClozeSuiteException e = bad("broken.json",
                "{\"items\": [\n  {\"category\": \"x\",\n  \"prompt\" \"a ___\"}\n]}");
        assertEquals(3, e.line(), e.getMessage());
        ClozeSuiteException topKey = bad("top.json", "{\"name\": \"x\",\n \"item\": []}");
        assertEquals(2, topKey.line());
        assertTrue(topKey.getMessage().contains("unknown key 'item'"), topKey.getMessage());
    }

    @Test
    void duplicateIdsInJsonNameBothLines() throws IOException {
        Path f = write("dup.json", """
                {"items": [
                  {"id": "a", "category": "x", "prompt": "p ___", "answer": "b", "distractors": ["c"]},
                  {"id": "a", "category": "x", "prompt": "q ___", "answer": "b", "distractors": ["c"]}
                ]}
                """);
        var e = assertThrows(io.lmkit.core.LmkitException.class, () -> ClozeSuite.load(f));
        assertTrue(e.getMessage().startsWith(f + ":3: item id 'a' is already used at " + f + ":2"), e.getMessage());
    }

    private static List<String> content(ClozeSuite suite) {
        return suite.items().stream().map(i -> String.join(" / ", i.id(), i.category(), i.prompt(), i.answer(),
                String.join(", ", i.distractors()))).toList();
    }

    @Test
    void theShippedJsonFormOfTheDefaultSuiteHasTheSameItems() throws IOException {
        try (var in = ClozeSuite.class.getResourceAsStream("default-cloze-suite.json")) {
            ClozeSuite json = ClozeJsonFormat.read("default-cloze-suite.json",
                    new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            assertEquals(content(ClozeSuite.defaultSuite()), content(json));
        }
    }

    @Test
    void aSuiteWrittenAsJsonReadsBackToTheSameItems() throws IOException {
        ClozeSuite suite = ClozeSuite.load(write("mine.txt",
                "[a]\nx \"y\" ___ . => p q | r\n[b]\n___ z => s | t | u\n"));
        ClozeSuite back = ClozeSuite.load(write("mine.json", suite.toJson()));
        assertEquals(content(suite), content(back));
        assertEquals(suite.name(), back.name());
    }
}
