package io.lmkit.eval.probe;

import java.util.ArrayList;
import java.util.List;

/**
 * One model's results on a whole cloze suite: every item, and totals per category and overall.
 *
 * @param label the model's name in reports
 * @param items one result per item of the suite, in suite order
 */
public record ClozeModelResult(String label, List<ClozeItemResult> items) {

    /** Copies the item results. */
    public ClozeModelResult {
        items = List.copyOf(items);
    }

    /** The totals of each category, in the order the categories first appear in the suite. */
    public List<ClozeCategorySummary> byCategory() {
        List<String> order = new ArrayList<>();
        for (ClozeItemResult r : items) {
            if (!order.contains(r.item().category())) {
                order.add(r.item().category());
            }
        }
        List<ClozeCategorySummary> out = new ArrayList<>();
        for (String c : order) {
            out.add(ClozeCategorySummary.of(c, items.stream().filter(r -> r.item().category().equals(c)).toList()));
        }
        return out;
    }

    /** The totals over the whole suite. */
    public ClozeCategorySummary overall() {
        return ClozeCategorySummary.of(ClozeCategorySummary.ALL, items);
    }
}
