package io.lmkit.eval.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.eval.report.CsvTables;
import io.lmkit.eval.report.GoldenFiles;
import io.lmkit.eval.report.ReportSection;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's Markdown, CSV and JSON parts against golden files, from fixed rows, timings and
 * provenance. To change the format on purpose, run the test with
 * {@code -Dlmkit.golden.write=DIR} (DIR = this module's src/test/resources/golden), which writes the
 * new output there, and review the diff.
 */
class ComparisonReportTest {

    private static final ComparisonConfig CONFIG = ComparisonConfig.of(List.of(
                    new ComparisonConfig.ModelEntry("modified-kneser-ney", "mkn-2", Map.of("order", "2"), null),
                    new ComparisonConfig.ModelEntry("modified-kneser-ney", "mkn-3", Map.of("order", "3"), null),
                    new ComparisonConfig.ModelEntry("lstm", null, Map.of("hidden", "32"), 0.5)))
            .withMixtures(List.of(MixtureSpec.parse("lstm + mkn-3")))
            .withSeed(5);

    private static final ComparisonResult RESULT = new ComparisonResult(List.of(
            new ComparisonRow("mkn-2", "modified-kneser-ney", Map.of("order", "2"), 250.5, 240.25, 7.908, 120_000,
                    "n-grams", 2_400_000, 1.5, 150_000, ""),
            new ComparisonRow("mkn-3", "modified-kneser-ney", Map.of("order", "3"), 210.0, 200.125, 7.645, 300_000,
                    "n-grams", 6_000_000, 2.25, 120_000, ""),
            new ComparisonRow("lstm", "lstm", Map.of("hidden", "32"), 260.0, 255.5, 7.997, 50_000, "parameters",
                    -1, 30.0, 4_000, ""),
            new ComparisonRow("lstm+mkn-3", "mixture", Map.of("first", "lstm", "second", "mkn-3", "weight", "0.25"),
                    190.0, 185.75, 7.537, -1, "", 6_000_000, 0.75, 3_500, "λ = 0.2500 on lstm (tuned on validation)")),
            List.of(new LearningCurve("lstm", List.of(new LearningCurve.Point(1000, 10.0, 400.0),
                    new LearningCurve.Point(2000, 20.0, 260.0)))),
            List.of(new PairedDifference("mkn-2", "mkn-3", 240.25, 200.125, 40.125, 35.5, 44.75, 0.0, 1000),
                    new PairedDifference("mkn-3", "lstm+mkn-3", 200.125, 185.75, 14.375, -1.25, 30.0, 0.125, 1000)),
            List.of(new ReportSection("n-gram storage and sparsity: mkn-3", "| order | n-grams |\n|---:|---:|\n| 1 | 10 |")));

    private static final Provenance PROVENANCE = new Provenance("2026-01-02T03:04:05Z", "0.1.0-TEST", "abc123",
            "simd", 5, 2, 8L << 30, 2L << 30, "Linux 6.1 amd64", "Eclipse Adoptium OpenJDK 64-Bit Server VM 17.0.9", CONFIG);

    private static final List<ReportSection> EXTRA = List.of(new ReportSection("Probes", "All probes *passed*."));

    private static String golden(String name, String actual) throws IOException {
        String writeTo = System.getProperty("lmkit.golden.write");
        if (writeTo != null) {
            Files.writeString(Path.of(writeTo).resolve(name), actual);
        }
        try (InputStream in = ComparisonReportTest.class.getResourceAsStream("/golden/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static ComparisonReport report() {
        return new ComparisonReport(RESULT, PROVENANCE, EXTRA, ComparisonPlots.of(RESULT, List.of()));
    }

    @Test
    void markdownMatchesTheGoldenFile() throws IOException {
        assertEquals(golden("report.md", report().markdown()), report().markdown());
    }

    @Test
    void aRunFromAWorkingCopyWithUncommittedChangesIsMarkedAtTheTop() {
        Provenance dirty = new Provenance(PROVENANCE.date(), PROVENANCE.lmkitVersion(), "e4ac493+changes",
                PROVENANCE.backend(), 5, 2, 8L << 30, 2L << 30, PROVENANCE.os(), PROVENANCE.jvm(), CONFIG);
        String md = new ComparisonReport(RESULT, dirty, EXTRA, List.of()).markdown();
        String firstSection = md.substring(0, md.indexOf("\n## "));
        assertTrue(firstSection.contains("**uncommitted changes: results not reproducible from a commit**: the working"
                + " copy of commit e4ac493 had changes to tracked files when this ran."), firstSection);
        assertTrue(dirty.uncommittedChanges());
        assertFalse(PROVENANCE.uncommittedChanges());
        assertFalse(report().markdown().contains("uncommitted"), "a clean run is not marked");
    }

    @Test
    void csvMatchesTheGoldenFiles() throws IOException {
        assertEquals(golden("results.csv", report().resultsCsv()), report().resultsCsv());
        assertEquals(golden("significance.csv", report().significanceCsv()), report().significanceCsv());
        assertEquals("label,tokens_seen,seconds,valid_perplexity\n\"lstm\",1000,10.0,400.0\n\"lstm\",2000,20.0,260.0\n",
                report().curvesCsv());
    }

    @Test
    void htmlIsOnePageWithTheTablesAndPlotsInside() {
        String html = report().html();
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<td>mkn-3</td>"), "tables rendered");
        assertTrue(html.contains("<em>passed</em>"), "extra sections rendered from Markdown");
        assertTrue(html.contains("src=\"data:image/png;base64,iVBOR"), "plots embedded as PNG");
        assertTrue(!html.contains("src=\"plots/"), "no file outside the page");
    }

    @Test
    void jsonHoldsProvenanceRowsAndIntervalsWithNullForMissingNumbers() {
        String json = report().json();
        assertTrue(json.contains("\"gitCommit\" : \"abc123\""), json);
        assertTrue(json.contains("\"memoryBytes\" : null"), "unknown memory: " + json);
        assertTrue(json.contains("\"lower\" : -1.25"), json);
        assertTrue(json.contains("\"mixtures\" : [ \"lstm + mkn-3 @ lstm+mkn-3\" ]"), json);
        String nan = new ComparisonReport(new ComparisonResult(List.of(new ComparisonRow("s", "stupid-backoff",
                Map.of(), Double.NaN, Double.NaN, Double.NaN, 1, "n-grams", 1, 0, 0, "a score")), List.of(), List.of(),
                List.of()), PROVENANCE, List.of(), List.of()).json();
        assertTrue(nan.contains("\"testPerplexity\" : null"), nan);
    }

    @Test
    void jsonMatchesTheGoldenFile() {
        GoldenFiles.assertMatches("results.json", report().json());
    }

    @Test
    void aLabelWithACommaAQuoteAndANewlineSurvivesResultsCsv() throws IOException {
        String label = "lstm, \"big\"\nv2";
        ComparisonRow row = new ComparisonRow(label, "lstm", Map.of(), 1, 2, 1, -1, "", -1, 0, 0, "a, b");
        String csv = new ComparisonReport(new ComparisonResult(List.of(row), List.of(), List.of(), List.of()),
                PROVENANCE, List.of(), List.of()).resultsCsv();
        List<List<String>> read = CsvTables.read(new StringReader(csv));
        assertEquals(2, read.size(), csv);
        assertEquals(label, read.get(1).get(0));
        assertEquals("a, b", read.get(1).get(10));
    }

    @Test
    void aBarInALabelDoesNotBreakTheTable() {
        ComparisonRow row = new ComparisonRow("rnn|lstm+mkn-5", "mixture", Map.of(), 1, 2, 1, -1, "", -1, 0, 0, "");
        assertTrue(ComparisonReport.table(List.of(row)).contains("| rnn\\|lstm+mkn-5 | sentence | 1.00 | 2.00 |"),
                ComparisonReport.table(List.of(row)));
    }

    @Test
    void everyRowSaysWhichProtocolItsNumbersUsedAndAMismatchedTrainingIsNoted() throws IOException {
        ComparisonRow lstm = new ComparisonRow("lstm", "lstm", Map.of(), 90, 100, 6.6, -1, "", -1, 0, 0, "", null,
                "stream");
        ComparisonRow kn = new ComparisonRow("mkn-5", "modified-kneser-ney", Map.of(), 140, 150, 7.2, -1, "", -1, 0, 0,
                "", null, "stream (per sentence)");
        String table = ComparisonReport.table(List.of(lstm, kn));
        assertTrue(table.contains("| lstm | stream | 90.00 | 100.00 |"), table);
        assertTrue(table.contains("| mkn-5 | stream (per sentence) | 140.00 | 150.00 |"), table);
        ComparisonResult result = new ComparisonResult(List.of(lstm, kn), List.of(), List.of(), List.of());
        ComparisonReport report = new ComparisonReport(result, PROVENANCE, List.of(), List.of());
        List<List<String>> csv = CsvTables.read(new StringReader(report.resultsCsv()));
        int column = csv.get(0).indexOf("protocol");
        assertEquals("stream", csv.get(1).get(column));
        assertEquals("stream (per sentence)", csv.get(2).get(column));
        assertTrue(report.json().contains("\"protocol\" : \"stream\"") || report.json().contains("\"protocol\":\"stream\""),
                report.json());

        assertEquals(java.util.Optional.empty(), ProtocolNote.of(Map.of("sentenceReset", "false"), "stream"));
        assertEquals(java.util.Optional.empty(), ProtocolNote.of(Map.of("order", "5"), "stream (per sentence)"));
        assertTrue(ProtocolNote.of(Map.of("sentenceReset", "true"), "stream").orElseThrow()
                .contains("sentenceReset=false trains for the stream protocol"));
        assertTrue(ProtocolNote.of(Map.of("sentenceReset", "false"), "sentence").orElseThrow()
                .contains("sentenceReset=true trains for this protocol"));
    }

    @Test
    void gradientFlowCsvFilesBecomeAPlotAndABadLineIsNamed(@TempDir Path dir) throws IOException {
        Path csv = Files.writeString(dir.resolve("gradients.csv"),
                "distance,norm,factor\n0,1.000000e+00,0.000000\n1,5.000000e-01,0.500000\n2,2.500000e-01,0.500000\n");
        ComparisonPlots.GradientSeries g = ComparisonPlots.GradientSeries.read("lstm", csv);
        assertEquals(List.of(1.0, 0.5, 0.25), java.util.Arrays.stream(g.norms()).boxed().toList());
        List<ComparisonPlots.Plot> plots = ComparisonPlots.of(RESULT, List.of(g));
        assertEquals("gradient-norm.png", plots.get(plots.size() - 1).fileName());
        Path bad = Files.writeString(dir.resolve("bad.csv"), "distance,norm,factor\n0,1.0,0\n1,lots,0\n");
        io.lmkit.core.LmkitException e = org.junit.jupiter.api.Assertions.assertThrows(
                io.lmkit.core.LmkitException.class, () -> ComparisonPlots.GradientSeries.read("x", bad));
        assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("1,lots,0"), e.getMessage());
    }

    @Test
    void writesEveryFormatAndThePlots(@TempDir Path dir) throws IOException {
        List<Path> files = report().write(dir, ComparisonConfig.Outputs.DEFAULT);
        assertEquals(List.of("report.md", "report.html", "results.csv", "significance.csv", "learning-curves.csv",
                        "results.json", "learning-curve-time.png", "learning-curve-tokens.png",
                        "perplexity-by-order.png", "memory-by-order.png"),
                files.stream().map(p -> p.getFileName().toString()).toList());
        byte[] png = Files.readAllBytes(dir.resolve("plots/perplexity-by-order.png"));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
    }
}
