package io.lmkit.ngram.spill;

/**
 * A child JVM for {@link SpillFolderInterruptTest}: spills runs into a {@link SpillFolder} in the
 * folder {@code args[0]}, prints the spill folder's path, then waits to be stopped by a signal.
 */
public final class SpillFolderChild {

    private SpillFolderChild() {
    }

    /** Spills, reports the folder, and sleeps. */
    public static void main(String[] args) throws InterruptedException {
        SpillFolder folder = new SpillFolder(java.nio.file.Path.of(args[0]));
        SortedRecords sorter = new SortedRecords("order-2", 2, RecordOrder.SUFFIX, SortedRecords.minimumBytes(2),
                folder);
        for (int i = 0; i < 10_000; i++) {
            sorter.add(new int[] {i % 97, i % 89}, 1);
        }
        System.out.println(folder.path() + " " + sorter.spilledRuns());
        System.out.flush();
        Thread.sleep(120_000);
    }
}
