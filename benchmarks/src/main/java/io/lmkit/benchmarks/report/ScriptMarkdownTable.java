package io.lmkit.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Markdown table that a benchmark script wrote into its result folder itself (the {@code table.md} of
 * {@code benchmarks/kenlm-side-by-side.sh}, made from its raw {@code /usr/bin/time -v} files), taken as it is
 * once its shape is checked: the script is the renderer, this keeps BENCHMARKS.md equal to what it wrote.
 * Several runs' tables with the same header can be put together as one, each row's first cell then starting with
 * its run's label ({@code LABEL=FILE} pairs).
 */
final class ScriptMarkdownTable {

    private ScriptMarkdownTable() {
    }

    static String render(Path file) {
        return String.join("\n", table(file)) + "\n";
    }

    /**
     * The n-th table (from 1) of a Markdown report a benchmark wrote, such as a comparison's {@code report.md}: the
     * n-th run of lines that start with {@code |}, shape-checked like a whole-file table.
     */
    static String render(Path file, int n) {
        List<List<String>> tables = new ArrayList<>();
        List<String> current = null;
        for (String line : RecordedFiles.lines(file)) {
            if (line.startsWith("|")) {
                if (current == null) {
                    current = new ArrayList<>();
                    tables.add(current);
                }
                current.add(line.strip());
            } else {
                current = null;
            }
        }
        if (n < 1 || n > tables.size()) {
            throw new TableSourceException(file + ": has " + tables.size() + " Markdown table(s), not a table " + n
                    + "; fix table= in the table's comment");
        }
        List<String> lines = tables.get(n - 1);
        check(lines, file);
        return String.join("\n", lines) + "\n";
    }

    /** The tables of several runs as one: one header, then each run's rows with "LABEL: " before the first cell. */
    static String render(Map<String, Path> runs) {
        List<String> out = new ArrayList<>();
        runs.forEach((label, file) -> {
            List<String> lines = table(file);
            if (out.isEmpty()) {
                out.addAll(lines.subList(0, 2));
            } else if (!out.get(0).equals(lines.get(0))) {
                throw new TableSourceException(file + ": its header '" + lines.get(0) + "' is not the first table's '"
                        + out.get(0) + "'; put tables with other columns in a table of their own");
            }
            for (String row : lines.subList(2, lines.size())) {
                out.add("| " + label + ": " + row.substring(1).strip());
            }
        });
        return String.join("\n", out) + "\n";
    }

    private static List<String> table(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new TableSourceException(file + ": not found; run the benchmark script that writes it");
        } catch (IOException e) {
            throw new TableSourceException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        check(lines, file);
        return lines;
    }

    private static void check(List<String> lines, Path file) {
        boolean shaped = lines.size() >= 3 && lines.stream().allMatch(l -> l.startsWith("|") && l.endsWith("|"))
                && lines.get(1).matches("\\|(\\s*:?-+:?\\s*\\|)+");
        if (!shaped) {
            throw new TableSourceException(file + ": not a Markdown table (a header line, a separator line and at"
                    + " least one row, each line between |)");
        }
    }
}
