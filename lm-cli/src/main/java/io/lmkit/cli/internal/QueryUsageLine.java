package io.lmkit.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The resource line KenLM's {@code query} writes to standard error as it ends (its
 * {@code util::PrintUsage}): {@code Name:… VmPeak:… VmRSS:… RSSMax:… user:… sys:… CPU:… real:…},
 * tab-separated, read here from {@code /proc/self/status} and the process's CPU time. Its values
 * are this JVM's, so they never equal query's; {@code user} and {@code sys} are not told apart
 * (Java sees only their sum), so {@code user} holds the sum and {@code sys} 0. Where {@code /proc}
 * is missing only {@code real} is written.
 */
final class QueryUsageLine {

    private final PrintWriter err;

    QueryUsageLine(PrintWriter err) {
        this.err = err;
    }

    /** Writes the line and flushes. */
    void print() {
        StringBuilder b = new StringBuilder(160);
        String rssMax = null;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                int colon = line.indexOf(':');
                String key = colon < 0 ? "" : line.substring(0, colon + 1);
                if (List.of("Name:", "VmPeak:", "VmRSS:").contains(key)) {
                    b.append(key).append(line.substring(colon + 1).strip()).append('\t');
                } else if (key.equals("VmHWM:")) {
                    rssMax = line.substring(colon + 1).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            b.setLength(0); // No /proc (not Linux): query itself would write only what it can.
        }
        ProcessHandle.Info info = ProcessHandle.current().info();
        if (rssMax != null) {
            double cpu = info.totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
            b.append("RSSMax:").append(rssMax).append('\t')
                    .append("user:").append(general(cpu)).append("\tsys:0\t")
                    .append("CPU:").append(general(cpu)).append('\t');
        }
        double real = info.startInstant().map(s -> Duration.between(s, Instant.now()).toNanos() / 1e9).orElse(0.0);
        err.println(b.append("real:").append(general(real)));
        err.flush();
    }

    /** A number as C++'s {@code ostream} writes a double by default ({@code %g}, 6 significant digits). */
    static String general(double v) {
        if (v == 0) {
            return "0";
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(6, RoundingMode.HALF_EVEN)).stripTrailingZeros();
        int exponent = d.precision() - d.scale() - 1;
        if (exponent < -4 || exponent >= 6) {
            String digits = d.unscaledValue().abs().toString();
            String mantissa = digits.length() > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
            return (d.signum() < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+")
                    + String.format("%02d", Math.abs(exponent));
        }
        return d.toPlainString();
    }
}
