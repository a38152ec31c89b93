package io.lmkit.cli.internal;

import io.lmkit.core.LmkitException;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.plugin.PluginRegistry;
import io.lmkit.core.text.TokenizerProvider;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.eval.Sampler;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.completer.StringsCompleter;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code lmkit repl}: an interactive prompt over one model for next-word prediction, scoring and
 * generation. On a terminal it is a JLine line editor with history and completion of the commands;
 * otherwise it reads one command a line from standard input, without a prompt, so it can be scripted.
 */
@Command(name = "repl", mixinStandardHelpOptions = true,
        description = {"Query a model interactively: next words, word scores and sampled continuations.",
            "Type the start of a sentence to see the next words, or :score TEXT, :predict TEXT, :generate [TEXT],"
                + " :help, :quit. Without a terminal, reads one command a line from standard input."})
final class ReplCommand implements Runnable {

    private static final String PROMPT = "lmkit> ";
    private static final String HELP = String.join(System.lineSeparator(),
            "TEXT            the most probable next words after TEXT (same as :predict TEXT)",
            ":predict TEXT   the most probable next words after TEXT",
            ":score TEXT     log10 probability of every word of TEXT and </s>, and the total",
            ":generate TEXT  continue TEXT by sampling (a new seed each time)",
            ":help           this list",
            ":quit           leave (also :exit or end of input)");

    @Option(names = "--model", required = true, paramLabel = "MODEL.zip", description = "Model file.")
    private Path model;

    @Option(names = "--top", defaultValue = NextWords.DEFAULT_TOP, paramLabel = "K",
            description = "How many next words :predict lists.")
    private int top;

    @Option(names = "--allow-unk", description = "Let :predict list and :generate sample <unk> (by default neither does).")
    private boolean allowUnk;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the first :generate; each next one adds 1.")
    private long seed;

    @Option(names = "--max-words", defaultValue = "40", description = "Longest :generate.")
    private int maxWords;

    @Spec
    private CommandSpec spec;

    private final PluginRegistry<ModelProvider<?>> models;
    private final PluginRegistry<TokenizerProvider> tokenizers;
    private final CliEnvironment environment;

    @Inject
    ReplCommand(PluginRegistry<ModelProvider<?>> models, PluginRegistry<TokenizerProvider> tokenizers,
                CliEnvironment environment) {
        this.models = models;
        this.tokenizers = tokenizers;
        this.environment = environment;
    }

    @Override
    public void run() {
        if (top < 1) {
            throw new ParameterException(spec.commandLine(), "--top must be at least 1, got " + top);
        }
        if (maxWords < 1) {
            throw new ParameterException(spec.commandLine(), "--max-words must be at least 1, got " + maxWords);
        }
        LoadedModel loaded = LoadedModel.load(model, models, tokenizers);
        if (environment.interactive()) {
            interactive(loaded);
        } else {
            scripted(loaded, spec.commandLine().getOut());
        }
    }

    private void interactive(LoadedModel loaded) {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("lmkit")
                    .completer(new StringsCompleter(":predict", ":score", ":generate", ":help", ":quit"))
                    .build();
            PrintWriter out = terminal.writer();
            out.println("lmkit repl on " + loaded.label() + "; :help lists the commands");
            Session session = new Session(loaded, out);
            while (true) {
                String line;
                try {
                    line = reader.readLine(PROMPT);
                } catch (UserInterruptException e) {
                    continue; // Ctrl-C clears the line, as in a shell
                } catch (EndOfFileException e) {
                    return;
                }
                if (!session.handle(line)) {
                    return;
                }
                out.flush();
            }
        } catch (IOException e) {
            throw new LmkitException("cannot open the terminal for the REPL: " + e.getMessage()
                    + "; pipe the commands to standard input instead", e);
        }
    }

    private void scripted(LoadedModel loaded, PrintWriter out) {
        Session session = new Session(loaded, out);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(environment.in(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null && session.handle(line)) {
                out.flush();
            }
        } catch (IOException e) {
            throw new LmkitException("cannot read standard input: " + e.getMessage(), e);
        }
    }

    /** The REPL's state between lines: the model, where answers go, and the next generation seed. */
    private final class Session {
        private final LoadedModel loaded;
        private final PrintWriter out;
        private long nextSeed = seed;

        Session(LoadedModel loaded, PrintWriter out) {
            this.loaded = loaded;
            this.out = out;
        }

        /** Answers one line; false when the user asked to leave. */
        boolean handle(String line) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                return true;
            }
            if (!trimmed.startsWith(":")) {
                predict(trimmed);
                return true;
            }
            int space = trimmed.indexOf(' ');
            String command = space < 0 ? trimmed : trimmed.substring(0, space);
            String text = space < 0 ? "" : trimmed.substring(space + 1).strip();
            switch (command) {
                case ":predict", ":p" -> predict(text);
                case ":score", ":s" -> score(text);
                case ":generate", ":g" -> generate(text);
                case ":help", ":h", ":?" -> out.println(HELP);
                case ":quit", ":q", ":exit" -> {
                    return false;
                }
                default -> out.println("unknown command '" + command + "'; :help lists the commands");
            }
            return true;
        }

        private void predict(String text) {
            List<NextWords.Candidate> next = NextWords.top(loaded.model(), loaded.words(text), top, allowUnk);
            out.print(PredictCommand.table(text, List.of(loaded), List.of(next)));
        }

        private void score(String text) {
            List<String> words = loaded.words(text);
            if (words.isEmpty()) {
                out.println(":score needs a sentence, e.g. :score the cat sat");
                return;
            }
            if (words.contains(Vocabulary.BOS)) {
                out.println(":score takes a sentence without <s>; lmkit adds the sentence start itself");
                return;
            }
            SentenceScore s = SentenceScore.of(loaded.model(), text, words);
            out.println(TextScoreOutput.line(s));
        }

        private void generate(String text) {
            List<String> words = loaded.words(text);
            Vocabulary v = loaded.model().vocabulary();
            int[] ids = words.stream().mapToInt(w -> v.contains(w) ? v.id(w) : v.unk()).toArray();
            Sampler.Settings settings = new Sampler.Settings(1.0, 0, 1.0, maxWords, false, nextSeed++, allowUnk);
            List<String> out = new ArrayList<>(words);
            for (int id : new Sampler(loaded.model()).generate(ids, settings)) {
                out.add(v.word(id));
            }
            this.out.println(String.join(" ", out));
        }
    }
}
