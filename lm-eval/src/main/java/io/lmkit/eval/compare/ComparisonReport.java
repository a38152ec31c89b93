package io.lmkit.eval.compare;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.lmkit.core.LmkitException;
import io.lmkit.core.files.AtomicFiles;
import io.lmkit.eval.report.CsvTables;
import io.lmkit.eval.report.JsonOutput;
import io.lmkit.eval.report.ReportSection;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * A comparison written out: a Markdown report and a self-contained HTML page (the same report with
 * the plots embedded) for people, CSV and JSON for scripts, and the plots as PNG files. Every part
 * is a function of the result, the provenance and the extra sections, so given fixed inputs the
 * Markdown and CSV are byte for byte the same.
 */
public final class ComparisonReport {

    /** The folder of the PNG plots inside the report folder. */
    public static final String PLOTS = "plots";

    /** The folder of the kept model files inside the report folder (the output format {@code models}). */
    public static final String MODELS = "models";

    private final ComparisonResult result;
    private final Provenance provenance;
    private final List<ReportSection> extra;
    private final List<ComparisonPlots.Plot> plots;
    /** The kept model files as the report lists them, sized now: the files move into the report folder. */
    private final List<ModelFileJson> modelFiles;

    /**
     * A report.
     *
     * @param extra sections appended after the inspectors' sections (probe results, notes)
     * @param plots the plots, as {@link ComparisonPlots#of} draws them
     */
    public ComparisonReport(ComparisonResult result, Provenance provenance, List<ReportSection> extra,
                            List<ComparisonPlots.Plot> plots) {
        this.result = result;
        this.provenance = provenance;
        this.extra = List.copyOf(extra);
        this.plots = List.copyOf(plots);
        this.modelFiles = result.models().stream().map(ComparisonReport::listed).toList();
    }

    /**
     * One kept model file as the report lists it.
     *
     * @param label    the entry's label
     * @param file     its path in the report folder ({@code models/NAME.lmkit}); absent for a pre-built entry
     * @param bytes    the file's size; absent for a pre-built entry
     * @param prebuilt the model file a pre-built entry was loaded from, which the report does not copy
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record ModelFileJson(String label, String file, Long bytes, String prebuilt) {
    }

    private static ModelFileJson listed(KeptModel m) {
        if (m.prebuilt()) {
            return new ModelFileJson(m.label(), null, null, m.source().toString());
        }
        try {
            return new ModelFileJson(m.label(), MODELS + "/" + m.fileName(), Files.size(m.source()), null);
        } catch (IOException e) {
            throw new LmkitException("cannot read the model file " + m.source() + " of '" + m.label() + "': "
                    + e.getMessage() + "; run the comparison again", e);
        }
    }

    /**
     * The main table: one line per model and mixture, each with the protocol its perplexities were
     * measured under (sentence, stream, or stream (per sentence) for a model that restarts at each
     * sentence), so that numbers of the two protocols never share a column unlabelled.
     */
    public static String table(List<ComparisonRow> rows) {
        StringBuilder b = new StringBuilder("| model | protocol | valid perplexity | test perplexity | bits/token | size"
                + " | memory | training s | scoring tokens/s | note |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (ComparisonRow r : rows) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %.1f | %,.0f | %s |%n",
                    cell(r.label()), cell(r.protocol()), number(r.validPerplexity()), number(r.testPerplexity()), number(r.bitsPerToken()),
                    r.size() < 0 ? "" : String.format(Locale.ROOT, "%,d %s", r.size(), r.sizeUnit()),
                    megabytes(r.memoryBytes()), r.trainSeconds(), r.scoringTokensPerSecond(), cell(r.note())));
        }
        return b.toString();
    }

    /** The whole Markdown report. */
    public String markdown() {
        Provenance p = provenance;
        StringBuilder b = new StringBuilder("# ").append(p.config().title()).append("\n\n");
        if (p.uncommittedChanges()) {
            b.append("**").append(Provenance.UNCOMMITTED_NOTE).append("**: the working copy of commit ")
                    .append(p.gitCommit(), 0, p.gitCommit().length() - Provenance.CHANGES_SUFFIX.length())
                    .append(" had changes to tracked files when this ran.\n\n");
        }
        b.append(String.format(Locale.ROOT, "Every model was trained on the same training split with the same"
                + " vocabulary and seed (%d) and evaluated on the same splits; perplexity is per token (words and"
                + " `</s>`). Memory is the bytes of an n-gram model's tables, or else the heap a model retains after"
                + " training (measured after a full garbage collection; unknown when the heap did not grow). The protocol column says how each"
                + " perplexity was measured: `sentence`, every sentence from `<s>`; `stream`, the split as one"
                + " stream, the context carried across sentences; `stream (per sentence)`, a model that restarts at"
                + " every sentence under the stream protocol (n-gram models, as KenLM and SRILM do).%n%n", p.seed()));
        b.append("## Results\n\n").append(table(result.rows())).append('\n');
        b.append(budgets());
        if (!result.differences().isEmpty()) {
            b.append(significance());
        }
        if (!result.curves().isEmpty()) {
            b.append(curves());
        }
        if (!plots.isEmpty()) {
            b.append("## Plots\n\n");
            for (ComparisonPlots.Plot plot : plots) {
                b.append("![").append(plot.title()).append("](").append(PLOTS).append('/').append(plot.fileName())
                        .append(")\n\n");
            }
        }
        if (!modelFiles.isEmpty()) {
            b.append(modelFilesSection());
        }
        List<ReportSection> sections = new ArrayList<>(result.sections());
        sections.addAll(extra);
        for (ReportSection s : sections) {
            b.append("## ").append(s.title()).append("\n\n").append(s.markdown().strip()).append("\n\n");
        }
        b.append(provenanceSection());
        return b.toString();
    }

    /** Whether the comparison scored its splits under the stream protocol. */
    private boolean stream() {
        return provenance.config().scoringProtocol() == io.lmkit.eval.ScoringProtocol.STREAM;
    }

    private String significance() {
        int resamples = result.differences().get(0).resamples();
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "## Paired bootstrap over test sentences%n%n"
                + "Test sentences drawn with replacement %,d times (seed %d); on every draw both models' perplexities"
                + " are recomputed on the same sentences. The interval is the 2.5th to 97.5th percentile of"
                + " PPL(first) − PPL(second); it excludes 0 when the difference is significant at the 5%% level.%n%n"
                + "| first | second | PPL first | PPL second | difference | 95%% interval | first better in | significant |%n"
                + "|---|---|---:|---:|---:|---:|---:|---|%n", resamples, provenance.seed()));
        if (stream()) {
            b.insert(b.indexOf("| first |"), "Each model's sentences are scored under its protocol (the results table's"
                    + " protocol column): as parts of one stream, or each on its own.\n\n");
        }
        for (PairedDifference d : result.differences()) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f | %+.2f | [%+.2f, %+.2f] | %.1f%% | %s |%n",
                    cell(d.first()), cell(d.second()), d.firstPerplexity(), d.secondPerplexity(), d.difference(), d.lower(),
                    d.upper(), 100 * d.firstBetterShare(), d.significant() ? "yes" : "no"));
        }
        return b.append('\n').toString();
    }

    /** What budget each trained model had and what it used; empty when no row says (rows of older callers). */
    private String budgets() {
        List<ComparisonRow> trained = result.rows().stream().filter(r -> !r.budget().kind().isEmpty()).toList();
        if (trained.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("## Training budgets\n\nA work budget (training tokens) ends training"
                + " after the update at which the tokens seen reach it, so it gives the same model on any machine,"
                + " only sooner or later; a wall-clock budget (minutes) ends it after as many updates as fit, which"
                + " depends on the machine and on what else runs on it.\n\n| model | budget | limit | tokens used |"
                + " epochs | training s |\n|---|---|---:|---:|---:|---:|\n");
        for (ComparisonRow r : trained) {
            TrainingBudget t = r.budget();
            boolean updates = t.tokens() > 0;
            b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %.1f |%n", cell(r.label()), t.kind(),
                    t.limit(), updates ? String.format(Locale.ROOT, "%,d", t.tokens()) : "",
                    updates ? String.format(Locale.ROOT, "%.2f", t.epochs()) : "", t.seconds()));
        }
        return b.append('\n').toString();
    }

    private String modelFilesSection() {
        StringBuilder b = new StringBuilder("## Model files\n\nEvery trained model as the comparison evaluated it, a"
                + " model file that `lmkit eval`, `gradients` and `attention` load, and that a later comparison scores"
                + " without training (`{model: file, path: ...}`).\n\n| model | file | size |\n|---|---|---:|\n");
        for (ModelFileJson f : modelFiles) {
            b.append(f.prebuilt() != null
                    ? String.format(Locale.ROOT, "| %s | pre-built: %s | |%n", cell(f.label()), cell(f.prebuilt()))
                    : String.format(Locale.ROOT, "| %s | %s | %s |%n", cell(f.label()), f.file(), fileSize(f.bytes())));
        }
        return b.append('\n').toString();
    }

    private String curves() {
        StringBuilder b = new StringBuilder("## Learning curves\n\nValidation passes during training, as each trainer"
                + " measures validation perplexity (every pass is in learning-curves.csv and the plots). The built-in"
                + " neural trainers score every validation sentence on its own, as the results table does (a"
                + " recurrent model from a zero state), and with a token budget validate every eighth of it."
                + (provenance.config().validationTokens() > 0 ? String.format(Locale.ROOT, " They validate on a sample"
                + " of the validation split, every k-th sentence for about %,d tokens (`validationTokens`), which picks"
                + " the kept parameters; the results table scores the whole split, so its validation column can differ"
                + " from the best point here.", provenance.config().validationTokens()) : "")
                + (stream() ? " These passes score each sentence on its own; the results table, under the stream"
                + " protocol, scores the splits as one stream, so its validation column differs from them." : "")
                + "\n\n| model | passes |"
                + " tokens seen | wall s |"
                + " last valid perplexity | best valid perplexity |\n|---|---:|---:|---:|---:|---:|\n");
        for (LearningCurve c : result.curves()) {
            LearningCurve.Point last = c.points().get(c.points().size() - 1);
            double best = c.points().stream().mapToDouble(LearningCurve.Point::validPerplexity).min().orElseThrow();
            b.append(String.format(Locale.ROOT, "| %s | %d | %,d | %.1f | %s | %s |%n", cell(c.label()), c.points().size(),
                    last.tokensSeen(), last.seconds(), number(last.validPerplexity()), number(best)));
        }
        return b.append('\n').toString();
    }

    private String provenanceSection() {
        Provenance p = provenance;
        return String.format(Locale.ROOT, "## Provenance%n%n"
                        + "- date: %s%n- lmkit %s, git commit %s%n- machine: %d cores, %.1f GiB memory, %s%n"
                        + "- JVM: %s, max heap %.1f GiB%n- backend: %s%n- seed: %d%n%n"
                        + "The full config (rerun it with `lmkit compare --config FILE`):%n%n```yaml%n%s```%n",
                p.date(), p.lmkitVersion(), p.gitCommit(), p.cores(), p.memoryBytes() / (double) (1L << 30), p.os(),
                p.jvm(), p.maxHeapBytes() / (double) (1L << 30), p.backend(), p.seed(),
                ComparisonConfigFile.toYaml(p.config()));
    }

    /** The HTML page: the Markdown report rendered, with every plot embedded as a base64 PNG. */
    public String html() {
        String md = markdown();
        for (ComparisonPlots.Plot plot : plots) {
            md = md.replace("](" + PLOTS + "/" + plot.fileName() + ")",
                    "](data:image/png;base64," + Base64.getEncoder().encodeToString(plot.png()) + ")");
        }
        List<org.commonmark.Extension> extensions = List.of(TablesExtension.create());
        String body = HtmlRenderer.builder().extensions(extensions).build()
                .render(Parser.builder().extensions(extensions).build().parse(md));
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>"
                + escape(provenance.config().title()) + "</title>\n<style>\n"
                + "body{font-family:sans-serif;max-width:70em;margin:2em auto;padding:0 1em;line-height:1.4}\n"
                + "table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #bbb;padding:.25em .6em}\n"
                + "th{background:#eee}td{font-variant-numeric:tabular-nums}img{max-width:100%}\n"
                + "pre{background:#f6f6f6;padding:1em;overflow:auto}\n</style>\n</head>\n<body>\n" + body
                + "</body>\n</html>\n";
    }

    /** results.csv: one line per model and mixture, with a header. */
    public String resultsCsv() {
        return CsvTables.write(List.of("label", "model", "valid_perplexity", "test_perplexity", "bits_per_token",
                "size", "size_unit", "memory_bytes", "train_seconds", "scoring_tokens_per_second", "note",
                "budget_kind", "budget_limit", "tokens_used", "epochs_used", "protocol"),
                result.rows().stream().map(r -> List.<Object>of(r.label(), r.model(), r.validPerplexity(),
                        r.testPerplexity(), r.bitsPerToken(), r.size(), r.sizeUnit(), r.memoryBytes(), r.trainSeconds(),
                        r.scoringTokensPerSecond(), r.note(), r.budget().kind(), r.budget().limit(),
                        r.budget().tokens(), r.budget().epochs(), r.protocol())).toList(), CsvTables.Quoting.STRINGS);
    }

    /** significance.csv: the paired bootstrap of every pair. */
    public String significanceCsv() {
        return CsvTables.write(List.of("first", "second", "first_perplexity", "second_perplexity", "difference",
                "lower_95", "upper_95", "first_better_share", "resamples"),
                result.differences().stream().map(d -> List.of(d.first(), d.second(), d.firstPerplexity(),
                        d.secondPerplexity(), d.difference(), d.lower(), d.upper(), d.firstBetterShare(),
                        d.resamples())).toList(), CsvTables.Quoting.STRINGS);
    }

    /** learning-curves.csv: every validation pass of every model. */
    public String curvesCsv() {
        List<List<Object>> rows = new ArrayList<>();
        for (LearningCurve c : result.curves()) {
            for (LearningCurve.Point p : c.points()) {
                rows.add(List.of(c.label(), p.tokensSeen(), p.seconds(), p.validPerplexity()));
            }
        }
        return CsvTables.write(List.of("label", "tokens_seen", "seconds", "valid_perplexity"), rows,
                CsvTables.Quoting.STRINGS);
    }

    /** results.json: the provenance (with the full config), every row, curve, difference and section. */
    public String json() {
        List<ReportSection> sections = new ArrayList<>(result.sections());
        sections.addAll(extra);
        return JsonOutput.pretty(JsonOutput.readableMapper(), new ResultsJson(provenance, result.rows(),
                result.differences(), result.curves(), sections, modelFiles));
    }

    /**
     * The document of results.json, in the order scripts have always found its parts; {@code models},
     * the kept model files, only when the comparison kept them.
     */
    private record ResultsJson(Provenance provenance, List<ComparisonRow> rows, List<PairedDifference> differences,
                               List<LearningCurve> curves, List<ReportSection> sections,
                               @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ModelFileJson> models) {
    }

    /**
     * Writes the formats {@code outputs} asks for as the folder {@code dir}: report.md, report.html,
     * results.csv, significance.csv, learning-curves.csv, results.json, plots/*.png and models/*.lmkit
     * (the kept model files, put there without copying them). The files go
     * into a staging folder beside {@code dir} that then replaces it, so {@code dir} always holds one
     * run's complete report, even when the run is killed while writing.
     *
     * @return the files written
     * @throws io.lmkit.core.LmkitException when {@code dir} holds files that are not a report's
     */
    public List<Path> write(Path dir, ComparisonConfig.Outputs outputs) {
        return ReportFolder.replace(dir, staging -> writeInto(staging, outputs));
    }

    /**
     * Checks, before a comparison trains anything, that {@link #write} will be able to replace
     * {@code dir}: it does not exist yet or holds only a report's files.
     *
     * @throws io.lmkit.core.LmkitException naming a file in {@code dir} that is not a report's
     */
    public static void checkReportFolder(Path dir) {
        ReportFolder.checkReplaceable(dir);
    }

    private List<Path> writeInto(Path dir, ComparisonConfig.Outputs outputs) {
        List<Path> written = new ArrayList<>();
        if (outputs.has("markdown")) {
            written.add(text(dir.resolve("report.md"), markdown()));
        }
        if (outputs.has("html")) {
            written.add(text(dir.resolve("report.html"), html()));
        }
        if (outputs.has("csv")) {
            written.add(text(dir.resolve("results.csv"), resultsCsv()));
            written.add(text(dir.resolve("significance.csv"), significanceCsv()));
            written.add(text(dir.resolve("learning-curves.csv"), curvesCsv()));
        }
        if (outputs.has("json")) {
            written.add(text(dir.resolve("results.json"), json()));
        }
        if (outputs.has("plots")) {
            for (ComparisonPlots.Plot plot : plots) {
                Path file = dir.resolve(PLOTS).resolve(plot.fileName());
                byte[] png = plot.png();
                AtomicFiles.write(file, o -> o.write(png));
                written.add(file);
            }
        }
        if (outputs.has(MODELS)) {
            for (KeptModel m : result.models()) {
                if (!m.prebuilt()) {
                    written.add(keep(m, dir.resolve(MODELS).resolve(m.fileName())));
                }
            }
        }
        return written;
    }

    /**
     * Puts a kept model file into the staging folder without copying its bytes: a hard link where the
     * file system has them (the work folder stays whole until the report is in place, for --resume),
     * else a move (the work folder is deleted once the report is written).
     */
    private static Path keep(KeptModel m, Path target) {
        try {
            Files.createDirectories(target.getParent());
            try {
                Files.createLink(target, m.source());
            } catch (IOException | UnsupportedOperationException e) {
                Files.move(m.source(), target);
            }
            return target;
        } catch (IOException e) {
            throw new LmkitException("cannot put the model file " + m.source() + " of '" + m.label() + "' into the"
                    + " report folder: " + e.getMessage() + "; choose an --out on a writable file system", e);
        }
    }

    private static Path text(Path file, String content) {
        AtomicFiles.write(file, o -> o.write(content.getBytes(StandardCharsets.UTF_8)));
        return file;
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "n/a" : Double.isInfinite(v) ? "∞" : String.format(Locale.ROOT, "%.2f", v);
    }

    /** A Markdown table cell: a '|' in a label (mixture candidates, "a|b+c") must not end the cell. */
    private static String cell(String s) {
        return s.replace("|", "\\|");
    }

    /** A file's size: in MB, or in bytes under 1 MB, where MB would read 0.0. */
    private static String fileSize(long bytes) {
        return bytes < 1_000_000 ? String.format(Locale.ROOT, "%,d bytes", bytes) : megabytes(bytes);
    }

    private static String megabytes(long bytes) {
        return bytes < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
