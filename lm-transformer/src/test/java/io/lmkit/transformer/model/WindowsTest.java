package io.lmkit.transformer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The windows a long sequence is read in, checked by hand for a context of 6 (a hop of 3). */
class WindowsTest {

    @Test
    void fourteenPositionsInWindowsOfSixEachScoringItsLastThreeAfterTheFirst() {
        assertEquals(List.of(new Windows.Window(0, 0, 6, 0), new Windows.Window(0, 3, 6, 3),
                new Windows.Window(0, 6, 6, 3), new Windows.Window(0, 9, 5, 3)), Windows.of(0, 14, 6));
        assertEquals(List.of(new Windows.Window(2, 0, 4, 0)), Windows.of(2, 4, 6), "a short sequence: one window");
    }

    @Test
    void theWindowStartOfEveryPositionIsTheOneThatScoresIt() {
        int[] starts = new int[14];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = Windows.start(i, 6);
        }
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0, 3, 3, 3, 6, 6, 6, 9, 9}, starts);
    }

    @Test
    void aBatchPadsToItsLongestWindowAndScoresOnlyEachWindowsOwnPositions() {
        List<int[]> inputs = List.of(new int[] {1, 5, 6, 7, 8, 9, 10, 11});
        List<int[]> targets = List.of(new int[] {5, 6, 7, 8, 9, 10, 11, 2});
        List<Windows.Window> windows = Windows.of(0, 8, 6);       // (0, 6, 0) and (3, 5, 3)
        TransformerNetwork.Batch b = Windows.batch(windows, inputs, targets);
        assertEquals(6, b.time());
        assertArrayEquals(new int[] {1, 5, 6, 7, 8, 9, 7, 8, 9, 10, 11, 0}, b.inputs());
        assertArrayEquals(new int[] {5, 6, 7, 8, 9, 10, -1, -1, -1, 11, 2, -1}, b.targets());
    }
}
