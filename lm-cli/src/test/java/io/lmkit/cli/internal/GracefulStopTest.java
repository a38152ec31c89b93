package io.lmkit.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the shutdown hook does after a signal: wait for the checkpoint or model, and end with the right status. */
class GracefulStopTest {

    @Test
    void aSignalDuringTheFinalWriteEndsWithStatusZeroOnceTheModelIsWritten() throws InterruptedException {
        List<Integer> halted = new ArrayList<>();
        GracefulStop stop = new GracefulStop(halted::add);
        Thread hook = new Thread(stop::onSignal);
        hook.start();
        while (!stop.requested()) {
            Thread.onSpinWait();
        }
        stop.modelWritten();
        stop.close();
        hook.join();
        assertEquals(List.of(0), halted, "exit 0: the model file is complete");
    }

    @Test
    void aSignalDuringTrainingLeavesTheSignalsStatus() throws InterruptedException {
        List<Integer> halted = new ArrayList<>();
        GracefulStop stop = new GracefulStop(halted::add);
        Thread hook = new Thread(stop::onSignal);
        hook.start();
        while (!stop.requested()) {
            Thread.onSpinWait();
        }
        stop.close(); // training stopped and wrote a checkpoint; no model
        hook.join();
        assertTrue(halted.isEmpty(), "the JVM exits with 143 (SIGTERM) or 130 (SIGINT)");
    }
}
