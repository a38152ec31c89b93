/**
 * Probes: what a language model can and cannot do, measured through the {@code LanguageModel}
 * API only, so that every family and a user's own plugin are probed alike.
 *
 * <h2>Cloze probes</h2>
 * A {@link io.lmkit.eval.probe.ClozeSuite} holds items: a sentence with one blank {@code ___}, the
 * right filler and distractors, in a category (the default suite has trivia, syntax,
 * coreference, sentiment, reasoning and plausibility). {@link io.lmkit.eval.probe.ClozeProbe}
 * scores the whole sentence with each candidate filled in (with its {@code </s>}), and reports the
 * rank of the right answer, its log-probability margin over the best distractor, accuracy per
 * category and overall, and which candidates are {@code <unk>} to the model.
 * {@link io.lmkit.eval.probe.ClozeProbe#run} takes a map of label to model and gives a
 * {@link io.lmkit.eval.probe.ClozeReport} with Markdown, CSV and JSON.
 *
 * <p>Suite files. The text format (the default suite, {@code default-cloze-suite.txt}, is
 * written in it):
 * <pre>
 * # comment
 * [trivia]
 * The capital of France is ___ . =&gt; Paris | London | Rome
 * </pre>
 * {@code [name]} starts a category; an item is {@code PROMPT => ANSWER | DISTRACTOR ...} on one
 * line. Words are separated by spaces and written as the model's training text has them (brown-v1
 * keeps case and splits punctuation off: {@code The}, {@code Paris .}). The JSON form, chosen by a
 * {@code .json} file name:
 * <pre>
 * {"name": "my probes", "items": [
 *   {"category": "trivia", "prompt": "The capital of France is ___ .", "answer": "Paris",
 *    "distractors": ["London", "Rome"], "id": "optional"}]}
 * </pre>
 * {@link io.lmkit.eval.probe.ClozeSuite#load} reads either; a mistake is a
 * {@link io.lmkit.eval.probe.ClozeSuiteException} naming the file, the line and the fix.
 *
 * <h2>Long-range dependency probe</h2>
 * {@link io.lmkit.eval.probe.LongRangeCorpus} generates, from a seed, sentences
 * {@code k_i f ... f v_i} where the value {@code v_i} is fixed by the key d words earlier and the
 * fillers carry no information about it. {@link io.lmkit.eval.probe.LongRangeProbe} trains model
 * families on it through their plugins and measures, at each d, the accuracy of ranking the right
 * value first and its log-loss; {@link io.lmkit.eval.probe.LongRangeReport} writes Markdown, CSV
 * and JSON.
 */
package io.lmkit.eval.probe;
