package io.lmkit.benchmarks.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GFLOP/s of matrix products by shape (rows) and by backend and thread count (columns), from the JMH JSON of
 * {@code GemmBenchmark} and {@code Nd4jGemmBenchmark}: GFLOP/s = 2·m·n·k · ops/s / 1e9, each cell with JMH's
 * error scaled the same way. A source is {@code LABEL=FILE} or {@code LABEL=FILE:CLASS}, CLASS keeping only
 * that benchmark class's results (a run may hold others). The shape parameter is {@code MxKxN} with an
 * optional {@code :NN}, {@code :TN} (aᵀ·b) or {@code :NT} (a·bᵀ); the thread count is the {@code threads}
 * parameter (the backend's threads; JMH runs the benchmark on one).
 */
final class GemmTable {

    /** One column group: a backend's label, its JMH file and the benchmark class to keep (null: all). */
    record Source(String label, Path file, String benchmarkClass) {
    }

    private GemmTable() {
    }

    static String render(List<Source> sources) {
        Map<String, Map<String, String>> cells = new LinkedHashMap<>();
        Set<String> columns = new LinkedHashSet<>();
        for (Source source : sources) {
            for (JmhResults.Result r : JmhResults.read(source.file())) {
                if (source.benchmarkClass() != null && !r.className().equals(source.benchmarkClass())) {
                    continue;
                }
                String shape = r.param("shape", source.file());
                String threads = r.param("threads", source.file());
                double flops = 2.0 * product(shape, source.file());
                String column = source.label() + ", " + threads + (threads.equals("1") ? " thread" : " threads");
                columns.add(column);
                String cell = Numbers.fixed(flops * r.score("ops/s", source.file()) / 1e9, 1)
                        + (Double.isNaN(r.error()) ? "" : " ± " + Numbers.fixed(flops * r.error() / 1e9, 1));
                cells.computeIfAbsent(rowLabel(shape, source.file()), k -> new LinkedHashMap<>()).put(column, cell);
            }
        }
        if (cells.isEmpty()) {
            throw new TableSourceException(sources.get(0).file() + ": no GEMM results"
                    + (sources.get(0).benchmarkClass() == null ? "" : " of " + sources.get(0).benchmarkClass()));
        }
        List<String> header = new ArrayList<>(List.of("shape (m×k · k×n)"));
        List<Boolean> right = new ArrayList<>(List.of(false));
        for (String column : columns) {
            header.add(column);
            right.add(true);
        }
        MarkdownTable table = new MarkdownTable(header, right);
        cells.forEach((shape, row) -> {
            List<String> line = new ArrayList<>(List.of(shape));
            columns.forEach(column -> line.add(row.getOrDefault(column, "")));
            table.add(line);
        });
        return table.text();
    }

    /** m·k·n of a shape parameter. */
    private static double product(String shape, Path file) {
        int[] mkn = dims(shape, file);
        return (double) mkn[0] * mkn[1] * mkn[2];
    }

    /** "64×512 · 512×512", with "aᵀ·b" or "a·bᵀ" after a transposed operand. */
    private static String rowLabel(String shape, Path file) {
        int[] mkn = dims(shape, file);
        String dims = mkn[0] + "×" + mkn[1] + " · " + mkn[1] + "×" + mkn[2];
        String ops = shape.contains(":") ? shape.substring(shape.indexOf(':') + 1) : "NN";
        return switch (ops) {
            case "NN" -> dims;
            case "TN" -> dims + ", aᵀ·b";
            case "NT" -> dims + ", a·bᵀ";
            default -> throw new TableSourceException(file + ": shape '" + shape + "' has transpositions '" + ops
                    + "', not NN, TN or NT");
        };
    }

    private static int[] dims(String shape, Path file) {
        String[] parts = (shape.contains(":") ? shape.substring(0, shape.indexOf(':')) : shape).split("x");
        if (parts.length != 3) {
            throw new TableSourceException(file + ": shape '" + shape + "' is not MxKxN");
        }
        int[] mkn = new int[3];
        for (int i = 0; i < 3; i++) {
            mkn[i] = (int) Numbers.parse(parts[i], "shape", file.toString());
        }
        return mkn;
    }
}
