package io.lmkit.cli.internal.progress;

import io.lmkit.core.train.TrainingEvent;
import io.lmkit.core.train.TrainingListener;
import java.util.Locale;

/**
 * Shows one training run on a {@link ProgressDisplay}: a bar per phase the trainer announces
 * (counting, estimation, each epoch), advanced by its progress and update events, with the
 * training loss, throughput and the latest validation perplexity beside it.
 *
 * <p>Usable by any command that trains ({@code train}, {@code compare}): give it the run's label
 * and pass it as the trainer's listener; close it when training returns or fails.
 */
public final class TrainingProgress implements TrainingListener, AutoCloseable {

    private final ProgressDisplay display;
    private final String label;
    private ProgressTask task = ProgressTask.NONE;
    private long stepsBeforePhase;
    private long lastStep;
    private long done;
    private boolean validatedSinceUpdate;
    private double loss = Double.NaN;
    private double tokensPerSecond = Double.NaN;
    private double validPerplexity = Double.NaN;

    /**
     * Shows the run labelled {@code label} (e.g. the model name) on {@code display}.
     */
    public TrainingProgress(ProgressDisplay display, String label) {
        this.display = display;
        this.label = label;
    }

    @Override
    public void onEvent(TrainingEvent event) {
        // Java 17 has no pattern matching in switch, hence the instanceof chain over the sealed events.
        if (event instanceof TrainingEvent.PhaseStarted s) {
            task.close();
            stepsBeforePhase = lastStep;
            done = 0;
            validatedSinceUpdate = false;
            // "lstm epoch 3", but not "kneser-ney estimating kneser-ney" when the phase names the model already.
            String name = s.phase().contains(label) ? s.phase() : label + " " + s.phase();
            task = display.start(name, s.totalWork(), s.unit());
        } else if (event instanceof TrainingEvent.Progress p) {
            done = p.done();
            if (!Double.isNaN(p.loss())) {
                loss = p.loss();
            }
            task.update(done, figures());
        } else if (event instanceof TrainingEvent.Step s) {
            lastStep = s.step();
            // A phase counts its own updates; the step number counts from the start of training, also before a
            // resume, so the epoch's position is taken from the trainer where it reports one.
            done = s.batchInEpoch() > 0 ? s.batchInEpoch() : s.step() - stepsBeforePhase;
            loss = s.loss();
            validatedSinceUpdate = false;
            tokensPerSecond = s.tokensPerSecond();
            task.update(done, figures());
        } else if (event instanceof TrainingEvent.Validated v) {
            validPerplexity = v.validPerplexity();
            validatedSinceUpdate = true;
            task.note(String.format(Locale.ROOT, "validation perplexity %.2f after %,d training tokens",
                    v.validPerplexity(), v.tokensSeen()));
            task.update(done, figures());
        } else if (event instanceof TrainingEvent.RolledBack r) {
            task.note(String.format(Locale.ROOT, "rolled back at update %d (%s); learning rate now %.3g",
                    r.step(), r.reason(), r.newLearningRate()));
        } else if (event instanceof TrainingEvent.PhaseFinished) {
            task.close();
            task = ProgressTask.NONE;
        }
    }

    /** The current figures: loss, tokens/s, validation perplexity, whichever are known. */
    private String figures() {
        StringBuilder b = new StringBuilder();
        if (!Double.isNaN(loss)) {
            b.append(String.format(Locale.ROOT, "loss %.4f", loss));
        }
        if (!Double.isNaN(tokensPerSecond)) {
            b.append(b.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%,.0f tokens/s", tokensPerSecond));
        }
        if (!Double.isNaN(validPerplexity)) {
            b.append(b.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "valid ppl %.2f", validPerplexity));
        }
        return b.toString();
    }

    /**
     * Ends the phase still shown, if the trainer stopped without finishing it, as stopped after the
     * work that ran (never as complete). A trainer whose time budget runs out validates where it
     * stops and returns, so a phase left open after a validation is shown as stopped by the budget;
     * otherwise (an error, Ctrl-C) just as stopped.
     */
    @Override
    public void close() {
        task.stop(validatedSinceUpdate && done > 0 ? "stopped by the budget" : "stopped");
        task = ProgressTask.NONE;
    }
}
