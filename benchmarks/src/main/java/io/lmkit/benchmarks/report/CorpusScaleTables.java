package io.lmkit.benchmarks.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The corpus-scale tables (issue 17), from the logs of the runs: {@code synth-types LOG...} (the distinct words at
 * each size of {@code lmkit data synth}'s corpus, from the "types at" lines of the last run in the last log, with the
 * sentences of every run whose size it lists) and {@code timed-runs MANIFEST} (a row per run a tab-separated
 * manifest lists: label, its {@code /usr/bin/time -v} report and optionally the file with its held-out perplexity,
 * paths relative to the manifest's folder).
 */
final class CorpusScaleTables {

    private static final Pattern WROTE = Pattern.compile("^wrote \\S+: ([\\d,]+) words in ([\\d,]+) sentences");
    private static final Pattern TYPES_AT = Pattern.compile("^\\s*types at\\s+([\\d,]+) words:\\s+([\\d,]+)$");
    private static final Pattern JSON_PERPLEXITY = Pattern.compile("\"perplexity\":([\\d.]+)");
    private static final Pattern TEXT_PERPLEXITY = Pattern.compile("^perplexity\\s+([\\d.]+) ");
    /** KenLM's {@code query -v summary}: its perplexity with the OOVs, which lmkit's "perplexity" counts too. */
    private static final Pattern QUERY_PERPLEXITY = Pattern.compile("^Perplexity including OOVs:\\s+([\\d.]+)$");

    private CorpusScaleTables() {
    }

    static String synthTypes(List<Path> logs) {
        Map<String, String> sentences = new HashMap<>();
        List<String[]> types = new ArrayList<>();
        for (Path log : logs) {
            for (String line : RecordedFiles.lines(log)) {
                Matcher wrote = WROTE.matcher(line);
                if (wrote.find()) {
                    sentences.put(wrote.group(1), wrote.group(2));
                    types.clear();
                }
                Matcher at = TYPES_AT.matcher(line);
                if (at.matches()) {
                    types.add(new String[] {at.group(1), at.group(2)});
                }
            }
        }
        if (types.isEmpty()) {
            throw new TableSourceException(logs.get(logs.size() - 1) + ": no 'types at N words: T' lines after its"
                    + " last 'wrote' line; re-run lmkit data synth");
        }
        MarkdownTable table = new MarkdownTable(List.of("words", "types (distinct words)", "sentences"),
                List.of(true, true, true));
        for (String[] row : types) {
            table.add(List.of(row[0], row[1], sentences.getOrDefault(row[0], "")));
        }
        return table.text();
    }

    static String timedRuns(Path manifest) {
        MarkdownTable table = new MarkdownTable(List.of("run", "wall", "CPU user + sys", "peak RSS",
                "held-out perplexity"), List.of(false, true, true, true, true));
        Path dir = manifest.getParent();
        int number = 0;
        for (String line : RecordedFiles.lines(manifest)) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t");
            if (fields.length < 2 || fields.length > 3) {
                throw new TableSourceException(manifest + ":" + number + ": not 'LABEL<tab>TIME-REPORT[<tab>"
                        + "PERPLEXITY-FILE]'");
            }
            Path timeFile = dir.resolve(fields[1]);
            TimeTable.Run run = TimeTable.read(timeFile);
            String cpu = Numbers.fixed(run.userSeconds(), 1) + " + " + Numbers.fixed(run.systemSeconds(), 1) + " s";
            String rss = Numbers.grouped(Math.round(run.peakRssBytes() / 1e6)) + " MB";
            String perplexity = fields.length == 3 ? perplexity(dir.resolve(fields[2])) : "";
            table.add(List.of(fields[0], clock(run.wallSeconds()), cpu, rss, perplexity));
        }
        return table.text();
    }

    /** Seconds as /usr/bin/time writes them, "m:ss.s" (or "h:mm:ss.s"), to a tenth of a second. */
    static String clock(double seconds) {
        long tenths = Math.round(seconds * 10);
        long hours = tenths / 36000;
        long minutes = tenths % 36000 / 600;
        String rest = String.format(Locale.ROOT, "%04.1f", tenths % 600 / 10.0);
        return hours > 0 ? String.format(Locale.ROOT, "%d:%02d:%s", hours, minutes, rest)
                : minutes + ":" + rest;
    }

    /**
     * The last perplexity in a file: {@code eval --json}'s "perplexity" field, {@code eval}'s "perplexity" line or
     * KenLM {@code query}'s "Perplexity including OOVs" line.
     */
    private static String perplexity(Path file) {
        String found = null;
        for (String line : RecordedFiles.lines(file)) {
            Matcher json = JSON_PERPLEXITY.matcher(line);
            Matcher text = TEXT_PERPLEXITY.matcher(line);
            Matcher query = QUERY_PERPLEXITY.matcher(line);
            if (json.find()) {
                found = json.group(1);
            } else if (text.find()) {
                found = text.group(1);
            } else if (query.find()) {
                found = query.group(1);
            }
        }
        if (found == null) {
            throw new TableSourceException(file + ": no perplexity (eval's 'perplexity' line, eval --json's"
                    + " \"perplexity\" field or query's 'Perplexity including OOVs' line)");
        }
        return found;
    }
}
