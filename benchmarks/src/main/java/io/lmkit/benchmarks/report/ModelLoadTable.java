package io.lmkit.benchmarks.report;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load times of model files in fresh JVMs, from the lines {@code ModelLoadTime} prints (one a run): per file the
 * wall and main-thread CPU time of {@code ModelFile.load}, of finding the plugins before it, and of the first
 * score after it.
 */
final class ModelLoadTable {

    private static final Pattern LINE = Pattern.compile("^(.+): plugins ([0-9.]+) ms \\(cpu ([0-9.]+)\\),"
            + " load ([0-9.]+) ms \\(cpu ([0-9.]+)\\), first score ([0-9.]+) ms \\(cpu ([0-9.]+);.*$");

    private ModelLoadTable() {
    }

    static String render(Path log) {
        MarkdownTable table = new MarkdownTable(List.of("file", "load, wall", "load, CPU",
                "finding the plugins (before the load)", "first score"), List.of(false, true, true, true, true));
        for (String line : RecordedFiles.lines(log)) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                String file = m.group(1).substring(m.group(1).lastIndexOf('/') + 1);
                table.add(List.of("`" + file + "`", m.group(4) + " ms", m.group(5) + " ms",
                        m.group(2) + " ms wall, " + m.group(3) + " ms CPU", m.group(6) + " ms wall, " + m.group(7)
                                + " ms CPU"));
            }
        }
        String text = table.text();
        if (text.lines().count() == 2) {
            throw new TableSourceException(log + ": no line of ModelLoadTime ('FILE: plugins … ms (cpu …),"
                    + " load …'); re-run benchmarks/run.sh model-load-time");
        }
        return text;
    }
}
