package io.lmkit.benchmarks.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 16's targets against KenLM and where lmkit stands
 * ({@code kenlm-targets estimation=MD scoring=MD layouts=LOG}): the estimation and scoring rows of
 * {@code kenlm-side-by-side.sh}'s {@code table.md} files (medians of {@code /usr/bin/time -v}, the ratios as the
 * script printed them) and the trie files of {@code benchmarks/run.sh ngram-layouts}, each against its target,
 * with how far over or under it is. The targets are the issue's; every measured figure comes from those files.
 */
final class KenlmTargetsTable {

    private static final Pattern RUN = Pattern.compile("([\\d.]+) s wall, ([\\d.]+) s CPU, (\\d+) MB");
    /** KenLM's trie of the same model, and the 8-bit target: bytes and the test perplexity allowed. */
    private static final double KENLM_TRIE_MB = 23.2;
    private static final double Q8_MB = 12.1;
    private static final double Q8_PERPLEXITY = 147.35;

    /** One job of a side-by-side table: KenLM's and lmkit's wall seconds and MB, and the printed ratios. */
    private record Job(double kenlmWall, double kenlmMb, double lmkitWall, double lmkitMb, String wall, String cpu,
                       String rss) {
    }

    private KenlmTargetsTable() {
    }

    static String render(Path estimation, Path scoring, Path layouts) {
        Job o3 = job(estimation, "estimate order-3");
        Job o5 = job(estimation, "estimate order-5");
        Job probing = job(scoring, "load order 5 (probing)");
        Job trie = job(scoring, "load order 5 (trie)");
        MarkdownTable table = new MarkdownTable(List.of("target", "now", "met?"), List.of(false, false, false));
        table.add(List.of("estimation ≤ 1.0× `lmplz` wall", o3.wall() + " (order 3) and " + o5.wall()
                        + " (order 5) wall, " + o3.cpu() + " and " + o5.cpu() + " CPU",
                verdict(List.of(over(o3.lmkitWall(), o3.kenlmWall()), over(o5.lmkitWall(), o5.kenlmWall())), " s",
                        " (order 3 and order 5)")));
        table.add(List.of("load + score ≤ 1.5× `query` on its probing binary", probing.wall() + " wall, "
                + probing.cpu() + " CPU", verdict(List.of(over(probing.lmkitWall(), 1.5 * probing.kenlmWall())), " s",
                " (" + Numbers.fixed(probing.lmkitWall(), 2) + " s against " + Numbers.fixed(1.5 * probing.kenlmWall(), 2)
                        + " s allowed)")));
        table.add(List.of("load + score with the trie ≤ 1.0× `query` on KenLM's trie", trie.wall() + " wall, "
                + trie.cpu() + " CPU", verdict(List.of(over(trie.lmkitWall(), trie.kenlmWall())), " s", "")));
        table.add(List.of("peak RSS when scoring ≤ 2× `query`'s", probing.rss() + " probing ("
                        + Math.round(probing.lmkitMb()) + " MB against " + Math.round(probing.kenlmMb()) + " MB), "
                        + trie.rss() + " trie (" + Math.round(trie.lmkitMb()) + " MB against "
                        + Math.round(trie.kenlmMb()) + " MB)",
                verdict(List.of(Math.round(probing.lmkitMb() - 2 * probing.kenlmMb()),
                        Math.round(trie.lmkitMb() - 2 * trie.kenlmMb())), " MB", " (probing and trie)")));
        addTrieRows(table, layouts);
        return table.text();
    }

    private static void addTrieRows(MarkdownTable table, Path layouts) {
        NgramStatsLog.Model probing = model(layouts, "kn5.zip");
        NgramStatsLog.Model trie = model(layouts, "kn5-trie.zip");
        NgramStatsLog.Model q8 = model(layouts, "kn5-q8.zip");
        double trieMb = trie.fileBytes() / 1e6;
        boolean same = perplexity(trie, layouts).equals(perplexity(probing, layouts));
        table.add(List.of("trie ≤ " + KENLM_TRIE_MB + " MB (KenLM's trie) with exactly the probing perplexity",
                Numbers.fixed(trieMb, 2) + " MB file, " + Numbers.fixed(trie.tableBytes() / 1e6, 2)
                        + " MB of tables; test perplexity " + perplexity(trie, layouts) + (same ? ", the same digits as"
                        : ", not the digits of") + " probing's",
                (trieMb <= KENLM_TRIE_MB && same ? "yes: " : "no: ") + Numbers.fixed(Math.abs(KENLM_TRIE_MB - trieMb), 2)
                        + " MB " + (trieMb <= KENLM_TRIE_MB ? "under" : "over")));
        double q8Mb = q8.fileBytes() / 1e6;
        double q8Perplexity = Numbers.parse(perplexity(q8, layouts), "test perplexity", layouts.toString());
        table.add(List.of("trie 8/8 ≤ " + Q8_MB + " MB with test perplexity ≤ " + Q8_PERPLEXITY,
                Numbers.fixed(q8Mb, 2) + " MB, " + Numbers.fixed(q8Perplexity, 4),
                q8Mb <= Q8_MB && q8Perplexity <= Q8_PERPLEXITY ? "yes" : "no"));
    }

    /** lmkit's excess over what the target allows, rounded to the hundredth the table prints. */
    private static double over(double lmkit, double allowed) {
        return Math.round((lmkit - allowed) * 100) / 100.0;
    }

    /** "yes" when nothing is over its allowance, else "no: 0.29 s and 0.40 s over" with the detail. */
    private static String verdict(List<? extends Number> excess, String unit, String detail) {
        if (excess.stream().allMatch(e -> e.doubleValue() <= 0)) {
            return "yes";
        }
        boolean allOver = excess.stream().allMatch(e -> e.doubleValue() > 0);
        List<String> amounts = new ArrayList<>();
        for (Number e : excess) {
            String amount = (e instanceof Long ? Long.toString(Math.abs(e.longValue()))
                    : Numbers.fixed(Math.abs(e.doubleValue()), 2)) + unit;
            amounts.add(allOver ? amount : amount + (e.doubleValue() > 0 ? " over" : " under"));
        }
        return "no: " + String.join(" and ", amounts) + (allOver ? " over" : "") + detail;
    }

    private static Job job(Path table, String prefix) {
        for (String line : RecordedFiles.lines(table)) {
            if (!line.startsWith("| " + prefix)) {
                continue;
            }
            String[] cells = line.substring(1, line.length() - 1).split("\\|");
            if (cells.length != 6) {
                throw new TableSourceException(table + ": the row '" + prefix + "' has " + cells.length
                        + " cells, not 6 (job, KenLM, lmkit, wall, CPU, peak RSS)");
            }
            Matcher kenlm = RUN.matcher(cells[1]);
            Matcher lmkit = RUN.matcher(cells[2]);
            if (!kenlm.find() || !lmkit.find()) {
                throw new TableSourceException(table + ": the row '" + prefix + "' has no 'S s wall, C s CPU, M MB'"
                        + " for KenLM and lmkit; re-run benchmarks/kenlm-side-by-side.sh");
            }
            return new Job(Double.parseDouble(kenlm.group(1)), Double.parseDouble(kenlm.group(3)),
                    Double.parseDouble(lmkit.group(1)), Double.parseDouble(lmkit.group(3)), cells[3].strip(),
                    cells[4].strip(), cells[5].strip());
        }
        throw new TableSourceException(table + ": no row for the job '" + prefix + "'; run benchmarks/kenlm-side-by-side.sh"
                + " with that job");
    }

    private static NgramStatsLog.Model model(Path log, String file) {
        return NgramStatsLog.read(log).stream().filter(m -> m.file().equals(file)).findFirst()
                .orElseThrow(() -> new TableSourceException(log + ": no model " + file
                        + "; re-run benchmarks/run.sh ngram-layouts"));
    }

    private static String perplexity(NgramStatsLog.Model model, Path log) {
        return model.perplexity().orElseThrow(() -> new TableSourceException(log + ": no 'eval --json' line for "
                + model.file() + "; re-run benchmarks/run.sh ngram-layouts"));
    }
}
