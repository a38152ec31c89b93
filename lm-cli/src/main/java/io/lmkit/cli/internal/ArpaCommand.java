package io.lmkit.cli.internal;

import io.lmkit.core.LmkitException;
import io.lmkit.core.io.ModelFile;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.plugin.PluginRegistry;
import io.lmkit.ngram.NgramModel;
import io.lmkit.ngram.arpa.ArpaReader;
import io.lmkit.ngram.arpa.ArpaWriter;
import io.lmkit.ngram.arpa.UnknownWord;
import io.lmkit.ngram.plugin.ArpaProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lmkit arpa}: moves n-gram models between lmkit's model files and ARPA files (KenLM, SRILM). */
@Command(name = "arpa", mixinStandardHelpOptions = true,
        description = "Convert n-gram models between lmkit model files and ARPA files.",
        subcommands = {ArpaCommand.Export.class, ArpaCommand.Import.class})
final class ArpaCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "choose export or import");
    }

    /** {@code lmkit arpa export}: writes an n-gram model as ARPA, for KenLM or SRILM. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write an n-gram model as an ARPA file (gzip when the name ends in .gz).")
    static final class Export implements Runnable {

        @Option(names = "--model", required = true, paramLabel = "MODEL.zip", description = "An n-gram model file.")
        private Path model;

        @Option(names = "--out", required = true, paramLabel = "FILE.arpa[.gz]", description = "ARPA file to write.")
        private Path out;

        @Spec
        private CommandSpec spec;

        private final PluginRegistry<ModelProvider<?>> models;

        @Inject
        Export(PluginRegistry<ModelProvider<?>> models) {
            this.models = models;
        }

        @Override
        public void run() {
            new OutputPaths().input("--model", model).output("--out", out).refuseConflicts(spec.commandLine());
            ModelFile.Loaded loaded = ModelFile.load(model, models);
            if (!(loaded.model() instanceof NgramModel ngram)) {
                throw new LmkitException(model + " holds a '" + loaded.manifest().model() + "' model, which has no"
                        + " ARPA form; ARPA export needs an n-gram model in backoff form (modified-kneser-ney,"
                        + " kneser-ney, witten-bell, absolute-discounting, katz, stupid-backoff, arpa or static-mixture)"
                        + (loaded.manifest().model().equals("mixture") ? "; merge n-gram models into one with 'lmkit"
                        + " mix --static' to export them" : ""));
            }
            ArpaWriter.write(ngram, out);
            spec.commandLine().getOut().printf("wrote %s: order %d, n-grams per order %s%n",
                    OutputPaths.written(out), ngram.order(), Arrays.toString(ngram.ngramCounts()));
        }
    }

    /** {@code lmkit arpa import}: reads an ARPA file into an lmkit model file. */
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Read an ARPA file (plain or gzip) into an lmkit model file.")
    static final class Import implements Runnable {

        @Option(names = "--arpa", required = true, paramLabel = "FILE.arpa[.gz]", description = "ARPA file to read.")
        private Path arpa;

        @Option(names = "--out", required = true, paramLabel = "MODEL.zip", description = "Model file to write.")
        private Path out;

        @Option(names = "--unk", defaultValue = "ordinary", paramLabel = "ordinary|forget-context",
                description = "<unk> as an ordinary word that stays in the context of the next word (default; what"
                        + " KenLM's query does), or 'forget-context': the next word starts from an empty context"
                        + " ('reset' is an older name for it).")
        private String unk;

        @Option(names = "--oov-log10", paramLabel = "LOG10P",
                description = "The log10 probability of unknown words when the file has no <unk> unigram, e.g. -100"
                        + " as KenLM's query substitutes (default: probability 0, so perplexity is infinite).")
        private Double oovLog10;

        @Spec
        private CommandSpec spec;

        @Override
        public void run() {
            UnknownWord unknownWord = switch (unk) {
                case "ordinary" -> UnknownWord.ORDINARY_WORD;
                case "forget-context", "reset" -> UnknownWord.RESETS_CONTEXT;
                default -> throw new ParameterException(spec.commandLine(), "--unk must be 'ordinary' or"
                        + " 'forget-context', got '" + unk + "'");
            };
            if (oovLog10 != null && !(oovLog10 <= 0)) {
                throw new ParameterException(spec.commandLine(), "--oov-log10 must be a log10 probability, at most 0"
                        + " (KenLM uses -100), got " + oovLog10);
            }
            new OutputPaths().input("--arpa", arpa).output("--out", out).refuseConflicts(spec.commandLine());
            NgramModel model = ArpaReader.read(arpa, unknownWord,
                    oovLog10 == null ? Double.NEGATIVE_INFINITY : oovLog10);
            ModelFile.save(out, model, "arpa", new ArpaProvider.Config(arpa.toAbsolutePath().toString(), unknownWord),
                    0, "whitespace", sha256(arpa));
            spec.commandLine().getOut().printf("wrote %s: order %d, n-grams per order %s%n",
                    OutputPaths.written(out), model.order(), Arrays.toString(model.ngramCounts()));
        }
    }

    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new LmkitException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
