package io.lmkit.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * A Markdown table that a benchmark script wrote into its result folder itself (the {@code table.md} of
 * {@code benchmarks/kenlm-side-by-side.sh}, made from its raw {@code /usr/bin/time -v} files), taken as it is
 * once its shape is checked: the script is the renderer, this keeps BENCHMARKS.md equal to what it wrote.
 */
final class ScriptMarkdownTable {

    private ScriptMarkdownTable() {
    }

    static String render(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new TableSourceException(file + ": not found; run the benchmark script that writes it");
        } catch (IOException e) {
            throw new TableSourceException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        boolean shaped = lines.size() >= 3 && lines.stream().allMatch(l -> l.startsWith("|") && l.endsWith("|"))
                && lines.get(1).matches("\\|(\\s*:?-+:?\\s*\\|)+");
        if (!shaped) {
            throw new TableSourceException(file + ": not a Markdown table (a header line, a separator line and at"
                    + " least one row, each line between |)");
        }
        return String.join("\n", lines) + "\n";
    }
}
