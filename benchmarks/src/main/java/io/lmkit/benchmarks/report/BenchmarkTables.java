package io.lmkit.benchmarks.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Regenerates the tables of BENCHMARKS.md from the outputs recorded under {@code benchmarks/results/}.
 *
 * <p>A generated table sits between a comment naming its kind and its source and an end comment:
 * <pre>
 * &lt;!-- table: compare-results benchmarks/results/head-to-head/results.csv --&gt;
 * | model | ... |
 * &lt;!-- end table --&gt;
 * </pre>
 * Kinds: {@code compare-results CSV [columns=model,valid,test,bits,size,memory,train,speed]} (a comparison's
 * results.csv), {@code significance CSV} (its significance.csv), {@code time LABEL=FILE... [cpu=user+sys]}
 * (wall, CPU and peak RSS of runs from {@code /usr/bin/time -v} reports), {@code jmh JSON} (JMH's
 * {@code -rf json} results), {@code recorded RUN.json...} (a line per run of {@code benchmarks/run.sh}: date,
 * commit, load), {@code gemm LABEL=JSON[:CLASS]...} (GEMM GFLOP/s by shape, backend and threads),
 * {@code fma-ceiling JSON} (the machine's FMA ceiling), {@code ngram-order LOG} and {@code smoothing LOG} (the
 * tables {@code NgramOrderTable} and {@code SmoothingTable} print), {@code ngram-memory LABEL=LOG... [order=5]}
 * (one order's memory per collector from {@code NgramOrderTable} logs), {@code ngram-layouts LOG} and
 * {@code ngram-backoff LOG} ({@code lmkit ngram stats} and {@code eval --json} output), {@code model-load LOG}
 * ({@code ModelLoadTime}'s lines) and {@code arpa-import LOG TIME} (the ARPA import's size and
 * {@code /usr/bin/time -v} report) and {@code score-vs-train CSV} (ScoreVsTrain's measurements: training and
 * scoring tokens/s and their ratio against issue 18's target of 3), {@code script-markdown MD} (a table a
 * benchmark script wrote itself, e.g. kenlm-side-by-side's {@code table.md}; {@code LABEL=MD...} puts several runs'
 * tables together, {@code table=N} takes a report's n-th table), {@code training-speed ceiling=JSON LABEL=LOG...}
 * and {@code rnn-speed LOG ceiling=JSON} (training throughput and its share of the ceiling FmaCeiling recorded,
 * {@link MeasuredCeiling}), {@code learning-curve LOG}, {@code fixed-window-brown LOG} and
 * {@code recurrent-brown LOG... ngram=CSV:LABEL} (neural training logs), {@code synth-types LOG...}
 * ({@code lmkit data synth}'s logs), {@code timed-runs MANIFEST} (runs listed in a tab-separated manifest, each
 * with its {@code /usr/bin/time -v} report), {@code jmh-gc LABEL=LOG...} (JMH's text output with
 * {@code -prof gc}) and {@code kenlm-targets estimation=MD scoring=MD layouts=LOG} (issue 16's targets against
 * kenlm-side-by-side's tables and the ngram-layouts files). Paths are relative to the folder of the Markdown file.
 *
 * <p>{@code BenchmarkTables --check [FILE]} exits 1 naming each table that differs from what its recorded
 * output gives; {@code --write [FILE]} rewrites the file in place (atomically). FILE defaults to BENCHMARKS.md.
 */
public final class BenchmarkTables {

    private static final Pattern START = Pattern.compile("^<!-- table: (.+?) -->$");
    private static final String END = "<!-- end table -->";

    /**
     * A generated table whose text in the document differs from what its recorded output gives.
     *
     * @param line   the line of the table's comment, counted from 1
     * @param marker the comment's kind and arguments
     */
    public record Difference(int line, String marker) {
        /**
         * One line for the user: where the table is and how to bring it up to date.
         *
         * @param file the Markdown file
         * @return the line
         */
        public String describe(Path file) {
            return file + ":" + line + ": table '" + marker + "' differs from what its recorded output gives;"
                    + " run BenchmarkTables --write";
        }
    }

    /**
     * The document with every generated table rendered again, and the tables whose text changed.
     *
     * @param text        the new document
     * @param differences the tables whose text changed, in document order
     */
    public record Result(String text, List<Difference> differences) {
    }

    private BenchmarkTables() {
    }

    /**
     * Runs the command.
     *
     * @param args {@code --check} or {@code --write}, then optionally the Markdown file
     * @param out  where the summary goes
     * @param err  where each differing table and each error goes, one line each
     * @return 0 when every table is up to date (or was rewritten), 1 when a table differs or a source is
     *         missing, 2 on a usage error
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        if (args.length < 1 || args.length > 2 || !(args[0].equals("--check") || args[0].equals("--write"))) {
            err.println("usage: BenchmarkTables --check|--write [BENCHMARKS.md]");
            return 2;
        }
        Path file = Path.of(args.length == 2 ? args[1] : "BENCHMARKS.md");
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            Result result = render(text, file.toAbsolutePath().getParent());
            if (args[0].equals("--check")) {
                result.differences().forEach(d -> err.println("BenchmarkTables: " + d.describe(file)));
                if (result.differences().isEmpty()) {
                    out.println(file + ": every generated table matches its recorded output");
                    return 0;
                }
                return 1;
            }
            if (!result.differences().isEmpty()) {
                writeAtomically(file, result.text());
            }
            out.println(file + ": " + result.differences().size() + " table(s) rewritten");
            return 0;
        } catch (IOException e) {
            err.println("BenchmarkTables: " + file + ": " + e.getMessage());
            return 1;
        } catch (TableSourceException | IllegalArgumentException e) {
            err.println("BenchmarkTables: " + e.getMessage());
            return 1;
        }
    }

    /**
     * The command line entry point.
     *
     * @param args see {@link #run}
     */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, out, err));
    }

    /**
     * Renders every generated table of a document again.
     *
     * @param document the Markdown text
     * @param root     the folder the tables' source paths are relative to
     * @return the new text and the tables that changed
     * @throws TableSourceException when a source is missing or unreadable
     * @throws IllegalArgumentException when a table comment is malformed or has no end comment
     */
    public static Result render(String document, Path root) {
        List<String> lines = Arrays.asList(document.split("\n", -1));
        StringBuilder text = new StringBuilder();
        List<Difference> differences = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            append(text, line, i, lines.size());
            Matcher start = START.matcher(line.strip());
            i++;
            if (!start.matches()) {
                continue;
            }
            int end = i;
            while (end < lines.size() && !lines.get(end).strip().equals(END)) {
                if (START.matcher(lines.get(end).strip()).matches()) {
                    end = lines.size();
                    break;
                }
                end++;
            }
            if (end >= lines.size()) {
                throw new IllegalArgumentException("line " + i + ": table '" + start.group(1) + "' has no '" + END
                        + "' line before the next table or the end of the file");
            }
            String old = String.join("\n", lines.subList(i, end)) + "\n";
            String rendered = renderTable(start.group(1), root);
            if (!old.equals(rendered)) {
                differences.add(new Difference(i, start.group(1)));
            }
            text.append(rendered);
            i = end;
        }
        return new Result(text.toString(), List.copyOf(differences));
    }

    private static void append(StringBuilder text, String line, int index, int count) {
        text.append(line);
        if (index < count - 1) {
            text.append('\n');
        }
    }

    /** One table from its comment's kind and arguments. */
    static String renderTable(String marker, Path root) {
        return TableKinds.render(marker, root);
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | UncheckedIOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }
}
