package io.lmkit.eval.probe;

import io.lmkit.eval.report.CsvTables;
import io.lmkit.eval.report.JsonOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * The results of a cloze suite for several models, as Markdown (for the comparison report), CSV
 * (one row per model and item, and one per model and category) and JSON.
 *
 * @param suite  the suite that was scored
 * @param models one result per model, in report order
 */
public record ClozeReport(ClozeSuite suite, List<ClozeModelResult> models) {

    /** Copies the results. */
    public ClozeReport {
        models = List.copyOf(models);
    }

    /**
     * A Markdown section: accuracy per category and model, a plain statement of how many items
     * each model fails, and the rank and margin of every item.
     */
    public String toMarkdown() {
        StringBuilder md = new StringBuilder();
        md.append("## Cloze probes (").append(suite.name()).append(", ").append(suite.items().size())
                .append(" items)\n\n");
        md.append("A model passes an item when the sentence with the right answer is strictly more probable than"
                + " with every distractor (whole sentence, `</s>` included). Cells: passed / items.\n\n");
        md.append("| category |");
        models.forEach(m -> md.append(' ').append(m.label()).append(" |"));
        md.append(" chance |\n|---|");
        models.forEach(m -> md.append("---:|"));
        md.append("---:|\n");
        List<String> categories = suite.categories();
        for (int c = 0; c <= categories.size(); c++) {
            boolean all = c == categories.size();
            md.append(all ? "| **all** |" : "| " + categories.get(c) + " |");
            ClozeCategorySummary chance = null;
            for (ClozeModelResult m : models) {
                ClozeCategorySummary s = all ? m.overall() : m.byCategory().get(c);
                chance = s;
                md.append(String.format(Locale.ROOT, " %d / %d (%.0f%%) |", s.correct(), s.items(),
                        100 * s.accuracy()));
            }
            md.append(chance == null ? " |" : String.format(Locale.ROOT, " %.0f%% |", 100 * chance.chanceAccuracy()))
                    .append('\n');
        }
        md.append('\n').append(verdict()).append("\n\n");
        md.append("Per item: rank of the right answer (1 is best) and margin in nats (ln p of the answer's sentence"
                + " minus that of the best distractor); † marks an item where some candidate is `<unk>` for the"
                + " model, so the model scored the class of rare words rather than the word.\n\n");
        md.append("| item | sentence | answer | distractors |");
        models.forEach(m -> md.append(' ').append(m.label()).append(" |"));
        md.append("\n|---|---|---|---|");
        models.forEach(m -> md.append("---:|"));
        md.append('\n');
        for (int i = 0; i < suite.items().size(); i++) {
            ClozeItem item = suite.items().get(i);
            md.append("| ").append(item.id()).append(" | ").append(cell(item.prompt())).append(" | ")
                    .append(cell(item.answer())).append(" | ").append(cell(String.join(", ", item.distractors())))
                    .append(" |");
            for (ClozeModelResult m : models) {
                ClozeItemResult r = m.items().get(i);
                md.append(String.format(Locale.ROOT, " %d, %s%s |", r.rank(), signed(r.margin()),
                        r.hasUnknownCandidate() ? " †" : ""));
            }
            md.append('\n');
        }
        return md.toString();
    }

    /** The honest summary: how many items each model fails, against chance, whatever the numbers are. */
    private String verdict() {
        StringJoiner each = new StringJoiner("; ");
        for (ClozeModelResult m : models) {
            ClozeCategorySummary s = m.overall();
            each.add(String.format(Locale.ROOT, "%s fails %d of %d (passes %.0f%%, chance %.0f%%, %d %s with an"
                    + " `<unk>` candidate)", m.label(), s.items() - s.correct(), s.items(), 100 * s.accuracy(),
                    100 * s.chanceAccuracy(), s.unknownCandidate(), s.unknownCandidate() == 1 ? "item" : "items"));
        }
        return "What the numbers say: " + each + ". A model trained only on a small corpus such as Brown's"
                + " 800,000 training words has seen few of these facts and constructions, so it fails many items:"
                + " that is the expected result, not a fault of the probe. Where it passes, the preference often"
                + " comes from how frequent the words and their neighbours are rather than from what the sentence"
                + " means.";
    }

    /** One row per model and item: {@code model,item,category,rank,correct,margin_nats,...}. */
    public String toCsv() {
        List<List<String>> rows = new ArrayList<>();
        for (ClozeModelResult m : models) {
            for (ClozeItemResult r : m.items()) {
                rows.add(List.of(m.label(), r.item().id(), r.item().category(), r.item().answer(),
                        num(r.answer().lnProb()), r.bestDistractor().candidate(), num(r.bestDistractor().lnProb()),
                        num(r.margin()), Integer.toString(r.rank()), Integer.toString(r.candidates().size()),
                        Boolean.toString(r.correct()), String.join(" ", r.candidates().stream()
                                .filter(CandidateScore::isUnknown).map(CandidateScore::candidate).toList()),
                        String.join(" ", r.promptUnknownWords())));
            }
        }
        return CsvTables.write(List.of("model", "item", "category", "answer", "answer_ln_prob", "best_distractor",
                "best_distractor_ln_prob", "margin_nats", "rank", "candidates", "correct", "unknown_candidates",
                "unknown_prompt_words"), rows, CsvTables.Quoting.AS_NEEDED);
    }

    /** One row per model and category, then the model's overall row (category {@code all}). */
    public String toSummaryCsv() {
        List<List<String>> rows = new ArrayList<>();
        for (ClozeModelResult m : models) {
            List<ClozeCategorySummary> summaries = new ArrayList<>(m.byCategory());
            summaries.add(m.overall());
            for (ClozeCategorySummary s : summaries) {
                rows.add(List.of(m.label(), s.category(), Integer.toString(s.items()), Integer.toString(s.correct()),
                        num(s.accuracy()), num(s.chanceAccuracy()), num(s.meanRank()), num(s.meanMargin()),
                        Integer.toString(s.unknownCandidate())));
            }
        }
        return CsvTables.write(List.of("model", "category", "items", "correct", "accuracy", "chance_accuracy",
                "mean_rank", "mean_margin_nats", "items_with_unknown_candidate"), rows, CsvTables.Quoting.AS_NEEDED);
    }

    /** Everything, per model: totals by category and every candidate's score of every item. */
    public String toJson() {
        return JsonOutput.pretty(new JsonReport(suite.name(), models.stream().map(m -> new JsonModel(m.label(),
                JsonSummary.of(m.overall()), m.byCategory().stream().map(JsonSummary::of).toList(),
                m.items().stream().map(JsonItem::of).toList())).toList()));
    }

    /** The JSON document: its field names are what scripts read, so they stay as they are. */
    private record JsonReport(String suite, List<JsonModel> models) {
    }

    private record JsonModel(String label, JsonSummary overall, List<JsonSummary> categories, List<JsonItem> items) {
    }

    private record JsonSummary(String category, int items, int correct, double accuracy, double chanceAccuracy,
                               double meanRank, double meanMarginNats, int itemsWithUnknownCandidate) {

        static JsonSummary of(ClozeCategorySummary s) {
            return new JsonSummary(s.category(), s.items(), s.correct(), s.accuracy(), s.chanceAccuracy(),
                    s.meanRank(), s.meanMargin(), s.unknownCandidate());
        }
    }

    private record JsonItem(String id, String category, String prompt, int rank, boolean correct, double marginNats,
                            List<String> unknownPromptWords, List<JsonCandidate> candidates) {

        static JsonItem of(ClozeItemResult r) {
            List<JsonCandidate> candidates = new ArrayList<>();
            for (int c = 0; c < r.candidates().size(); c++) {
                CandidateScore s = r.candidates().get(c);
                candidates.add(new JsonCandidate(s.candidate(), c == 0, s.lnProb(), s.unknownWords()));
            }
            return new JsonItem(r.item().id(), r.item().category(), r.item().prompt(), r.rank(), r.correct(),
                    r.margin(), r.promptUnknownWords(), candidates);
        }
    }

    private record JsonCandidate(String text, boolean answer, double lnProb, List<String> unknownWords) {
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    private static String signed(double margin) {
        if (Double.isNaN(margin)) {
            return "n/a";
        }
        if (Double.isInfinite(margin)) {
            return margin > 0 ? "+∞" : "−∞";
        }
        return String.format(Locale.ROOT, "%+.2f", margin);
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : v > 0 ? "inf" : "-inf";
    }
}
