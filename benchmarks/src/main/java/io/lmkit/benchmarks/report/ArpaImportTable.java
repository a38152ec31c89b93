package io.lmkit.benchmarks.report;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reading a large ARPA file, from the log of {@code benchmarks/run.sh arpa-import} and the import's own
 * {@code /usr/bin/time -v} report: the ARPA text's bytes (its {@code ls -l} line), the n-grams the import
 * wrote, and the import's wall time, CPU time (user + system) and peak resident set.
 */
final class ArpaImportTable {

    private static final Pattern LS = Pattern.compile("^\\S+\\s+\\d+\\s+\\S+\\s+\\S+\\s+(\\d+)\\s+.*\\.arpa$");
    private static final Pattern WROTE =
            Pattern.compile("^wrote .*\\.zip: order (\\d+), n-grams per order \\[([0-9, ]+)\\]$");

    private ArpaImportTable() {
    }

    static String render(Path log, Path time) {
        Long arpaBytes = null;
        String order = null;
        long ngrams = 0;
        for (String line : RecordedFiles.lines(log)) {
            Matcher ls = LS.matcher(line.strip());
            Matcher wrote = WROTE.matcher(line.strip());
            if (ls.matches()) {
                arpaBytes = Long.parseLong(ls.group(1));
            } else if (wrote.matches()) {
                order = wrote.group(1);
                ngrams = 0;
                for (String count : wrote.group(2).split(",\\s*")) {
                    ngrams += Long.parseLong(count.strip());
                }
            }
        }
        if (arpaBytes == null || order == null) {
            throw new TableSourceException(log + ": no 'ls -l' line of the .arpa file or no 'wrote ….zip: order …'"
                    + " line; re-run benchmarks/run.sh arpa-import");
        }
        TimeTable.Run run = TimeTable.read(time);
        MarkdownTable table = new MarkdownTable(List.of("ARPA text (bytes)", "order", "n-grams", "wall",
                "CPU (user + sys)", "peak RSS"), List.of(true, true, true, true, true, true));
        table.add(List.of(Numbers.grouped(arpaBytes), order, Numbers.grouped(ngrams),
                Numbers.fixed(run.wallSeconds(), 1) + " s",
                Numbers.fixed(run.userSeconds() + run.systemSeconds(), 1) + " s",
                Numbers.fixed(run.peakRssBytes() / 1e6, 0) + " MB"));
        return table.text();
    }
}
