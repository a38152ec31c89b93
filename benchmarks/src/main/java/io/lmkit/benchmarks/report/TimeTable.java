package io.lmkit.benchmarks.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Wall time, CPU time and peak resident set of one or more runs, from the report of GNU
 * {@code /usr/bin/time -v} (a {@code time.txt}, or a log the report was appended to: its last report counts).
 * CPU is user time, or user plus system time with the option {@code cpu=user+sys}.
 */
final class TimeTable {

    private static final Pattern WALL = Pattern.compile("Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\): (\\S+)");
    private static final Pattern USER = Pattern.compile("User time \\(seconds\\): (\\S+)");
    private static final Pattern SYSTEM = Pattern.compile("System time \\(seconds\\): (\\S+)");
    private static final Pattern PEAK = Pattern.compile("Maximum resident set size \\(kbytes\\): (\\S+)");

    /** One run's figures: seconds, seconds, seconds and bytes. */
    record Run(double wallSeconds, double userSeconds, double systemSeconds, long peakRssBytes) {
    }

    private TimeTable() {
    }

    /**
     * The table.
     *
     * @param runs          the label of each run and the file holding its report, in the order of the rows
     * @param userPlusSystem whether the CPU column adds system time to user time
     */
    static String render(Map<String, Path> runs, boolean userPlusSystem) {
        MarkdownTable table = new MarkdownTable(
                List.of("run", "wall", userPlusSystem ? "CPU (user + sys)" : "CPU (user)", "peak RSS"),
                List.of(false, true, true, true));
        runs.forEach((label, file) -> {
            Run run = read(file);
            double cpu = run.userSeconds() + (userPlusSystem ? run.systemSeconds() : 0);
            table.add(List.of(label, Numbers.duration(run.wallSeconds()), Numbers.duration(cpu),
                    Numbers.fixed(run.peakRssBytes() / 1e9, 1) + " GB"));
        });
        return table.text();
    }

    /** The last {@code /usr/bin/time -v} report in a file. */
    static Run read(Path file) {
        String wall = null;
        String user = null;
        String system = null;
        String peak = null;
        for (String line : RecordedFiles.lines(file)) {
            wall = last(WALL, line, wall);
            user = last(USER, line, user);
            system = last(SYSTEM, line, system);
            peak = last(PEAK, line, peak);
        }
        if (wall == null || user == null || system == null || peak == null) {
            throw new TableSourceException(file + ": no complete '/usr/bin/time -v' report (wall, user, system time"
                    + " and maximum resident set size); re-run the benchmark under benchmarks/run.sh");
        }
        String source = file.toString();
        // GNU time's "kbytes" are KiB.
        long peakBytes = Math.round(Numbers.parse(peak, "Maximum resident set size", source)) * 1024;
        return new Run(clockSeconds(wall, source), Numbers.parse(user, "User time", source),
                Numbers.parse(system, "System time", source), peakBytes);
    }

    private static String last(Pattern pattern, String line, String previous) {
        Matcher matcher = pattern.matcher(line);
        return matcher.find() ? matcher.group(1) : previous;
    }

    /** "h:mm:ss" or "m:ss.ss" as seconds. */
    private static double clockSeconds(String clock, String source) {
        String[] parts = clock.split(":");
        double seconds = 0;
        for (String part : parts) {
            seconds = seconds * 60 + Numbers.parse(part, "Elapsed (wall clock) time", source);
        }
        return seconds;
    }
}
