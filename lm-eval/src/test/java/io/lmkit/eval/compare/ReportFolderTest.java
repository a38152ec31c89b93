package io.lmkit.eval.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.LmkitException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report folder is replaced as a whole: after a run it holds that run's files only, a run that
 * fails while writing leaves the previous report whole, and a folder of other files is never
 * replaced.
 */
class ReportFolderTest {

    @TempDir
    Path dir;

    private static ReportFolder.Writer files(String... namesAndContents) {
        return staging -> {
            try {
                for (int i = 0; i < namesAndContents.length; i += 2) {
                    Path f = staging.resolve(namesAndContents[i]);
                    Files.createDirectories(f.getParent());
                    Files.writeString(f, namesAndContents[i + 1]);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return List.of();
        };
    }

    private List<String> listing(Path folder) throws IOException {
        try (Stream<Path> all = Files.walk(folder)) {
            return all.filter(Files::isRegularFile).map(p -> folder.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void aNewRunLeavesOnlyItsOwnFilesNotThoseOfAnEarlierRunWithMoreFormats() throws IOException {
        Path out = dir.resolve("report");
        ComparisonReport.checkReportFolder(out);
        ReportFolder.replace(out, files("report.md", "old", "report.html", "old", "plots/a.png", "old"));
        ReportFolder.replace(out, files("report.md", "new", "results.json", "{}"));
        assertEquals(List.of("report.md", "results.json"), listing(out));
        assertEquals("new", Files.readString(out.resolve("report.md")));
        assertEquals(List.of("report"), Files.list(dir).map(p -> p.getFileName().toString()).toList(),
                "no staging or old folder is left beside it");
    }

    @Test
    void aRunThatFailsWhileWritingLeavesThePreviousReportWholeAndTheNextRunTidiesUp() throws IOException {
        Path out = dir.resolve("report");
        ReportFolder.replace(out, files("report.md", "old", "results.csv", "old"));
        ReportFolder.Writer failing = staging -> {
            files("report.md", "half").write(staging);
            throw new LmkitException("disk full");
        };
        assertThrows(LmkitException.class, () -> ReportFolder.replace(out, failing));
        assertEquals(List.of("report.md", "results.csv"), listing(out));
        assertEquals("old", Files.readString(out.resolve("report.md")));

        ReportFolder.replace(out, files("report.md", "new"));
        assertEquals(List.of("report"), Files.list(dir).map(p -> p.getFileName().toString()).toList(),
                "the failed run's staging folder is deleted by the next run");
        assertEquals(List.of("report.md"), listing(out));
    }

    @Test
    void aFolderHoldingOtherFilesIsRefusedAndLeftAsItWas() throws IOException {
        Path out = Files.createDirectory(dir.resolve("mine"));
        Files.writeString(out.resolve("thesis.tex"), "precious");
        LmkitException early = assertThrows(LmkitException.class, () -> ComparisonReport.checkReportFolder(out));
        LmkitException e = assertThrows(LmkitException.class, () -> ReportFolder.replace(out, files("report.md", "x")));
        assertEquals(e.getMessage(), early.getMessage(), "checked before training too");
        assertEquals("cannot write the report to " + out + ": it holds " + out.resolve("thesis.tex") + ", which is not"
                + " part of a comparison report, and the report replaces the whole folder; choose an empty or new"
                + " --out folder", e.getMessage());
        assertEquals(List.of("thesis.tex"), listing(out));
        assertEquals(1, Files.list(dir).count());
    }

    @Test
    void writtenPathsAreUnderTheReportFolderAndPlotsAreEncodedWithoutImageIosDiskCache() throws IOException {
        Path out = dir.resolve("report");
        ImageIO.setUseCache(true);
        ComparisonResult result = new ComparisonResult(List.of(new ComparisonRow("mkn-2", "modified-kneser-ney",
                java.util.Map.of("order", "2"), 250.5, 240.25, 7.9, 100, "n-grams", 1000, 1.5, 150_000, ""),
                new ComparisonRow("mkn-3", "modified-kneser-ney", java.util.Map.of("order", "3"), 210, 200, 7.6, 300,
                        "n-grams", 3000, 2.5, 120_000, "")),
                List.of(), List.of(), List.of());
        ComparisonReport report = new ComparisonReport(result, io.lmkit.eval.compare.Provenance.capture(
                ComparisonConfig.of(List.of()), java.time.Clock.systemUTC()), List.of(),
                io.lmkit.eval.compare.ComparisonPlots.of(result, List.of()));
        List<Path> written = report.write(out, ComparisonConfig.Outputs.DEFAULT);
        assertTrue(written.contains(out.resolve("report.md")), written.toString());
        for (Path p : written) {
            assertTrue(Files.isRegularFile(p), p.toString());
        }
        assertTrue(written.stream().anyMatch(p -> p.toString().endsWith(".png")), written.toString());
        assertFalse(ImageIO.getUseCache(), "ImageIO would put an imageio*.tmp file in the temporary folder");
    }
}
