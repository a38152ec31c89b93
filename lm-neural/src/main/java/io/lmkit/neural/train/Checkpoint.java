package io.lmkit.neural.train;

import io.lmkit.core.LmkitException;
import io.lmkit.core.MemoryBudget;
import io.lmkit.core.files.AtomicFiles;
import io.lmkit.core.train.OptimizerState;
import io.lmkit.neural.optim.LearningRateSchedule;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Everything training needs to continue exactly where it stopped: position (epoch, next batch,
 * update count), parameters, what the model carries between batches (a recurrent hidden state),
 * the best parameters so far, optimiser and schedule state, and the learning curve. Written atomically, so a crash while writing leaves the previous checkpoint.
 *
 * <p>{@code run} describes what a resumed run must share with the one that wrote it (seed,
 * optimiser, schedule, clipping, data size); a resume with other settings is refused rather than
 * silently giving a model no uninterrupted run would give. Checkpoints of format 1 have none
 * (empty), and are resumed unchecked.
 */
public record Checkpoint(int epoch, int nextBatch, long step, long tokens, double elapsedSeconds,
                         Map<String, double[]> parameters, Map<String, double[]> carried, Map<String, double[]> best,
                         double bestValid,
                         int epochsWithoutImprovement, OptimizerState optimizer, LearningRateSchedule.State schedule,
                         List<TrainingResult.CurvePoint> curve, int rollbacks, String run) {

    private static final int MAGIC = 0x4C4D434B; // "LMCK"
    private static final int VERSION = 2;

    /** Writes the checkpoint to {@code file}, atomically (gzip-compressed binary). */
    public void write(Path file) {
        AtomicFiles.write(file, raw -> {
            GZIPOutputStream gz = new GZIPOutputStream(raw, 1 << 16);
            DataOutputStream out = new DataOutputStream(gz);
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(epoch);
            out.writeInt(nextBatch);
            out.writeLong(step);
            out.writeLong(tokens);
            out.writeDouble(elapsedSeconds);
            writeArrays(out, parameters);
            writeArrays(out, carried);
            writeArrays(out, best);
            out.writeDouble(bestValid);
            out.writeInt(epochsWithoutImprovement);
            out.writeUTF(optimizer.optimizer());
            out.writeLong(optimizer.steps());
            writeArrays(out, optimizer.buffers());
            out.writeDouble(schedule.rate());
            out.writeBoolean(schedule.halving());
            out.writeDouble(schedule.bestValid());
            out.writeInt(curve.size());
            for (TrainingResult.CurvePoint p : curve) {
                out.writeDouble(p.seconds());
                out.writeLong(p.tokens());
                out.writeDouble(p.validPerplexity());
            }
            out.writeInt(rollbacks);
            out.writeUTF(run);
            out.flush();
            gz.finish();
        });
    }

    /**
     * Reads a checkpoint written by {@link #write}.
     *
     * @throws LmkitException when the file is missing, truncated or not a checkpoint
     */
    public static Checkpoint read(Path file) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
             DataInputStream in = new DataInputStream(new GZIPInputStream(raw))) {
            long maxValues = MemoryBudget.times(Files.size(file), 1100) / Double.BYTES;
            if (in.readInt() != MAGIC) {
                throw new LmkitException(file + " is not an lmkit training checkpoint");
            }
            int version = in.readInt();
            if (version != VERSION && version != 1) {
                throw new LmkitException(file + " is a checkpoint of format " + version + "; this lmkit reads "
                        + VERSION + ". Start training afresh or use the lmkit that wrote it");
            }
            int epoch = in.readInt();
            int nextBatch = in.readInt();
            long step = in.readLong();
            long tokens = in.readLong();
            double elapsed = in.readDouble();
            Map<String, double[]> params = readArrays(in, maxValues);
            Map<String, double[]> carried = readArrays(in, maxValues);
            Map<String, double[]> best = readArrays(in, maxValues);
            double bestValid = in.readDouble();
            int without = in.readInt();
            OptimizerState opt = new OptimizerState(in.readUTF(), in.readLong(), readArrays(in, maxValues));
            LearningRateSchedule.State schedule = new LearningRateSchedule.State(in.readDouble(), in.readBoolean(),
                    in.readDouble());
            int points = in.readInt();
            List<TrainingResult.CurvePoint> curve = new ArrayList<>();
            for (int i = 0; i < points; i++) {
                curve.add(new TrainingResult.CurvePoint(in.readDouble(), in.readLong(), in.readDouble()));
            }
            int rollbacks = in.readInt();
            String run = version >= 2 ? in.readUTF() : "";
            // Reading to the end makes GZIPInputStream check its CRC-32 trailer: a flipped bit is caught here.
            if (in.read() != -1) {
                throw new IOException("data after the end of the checkpoint");
            }
            return new Checkpoint(epoch, nextBatch, step, tokens, elapsed, params, carried, best, bestValid, without, opt,
                    schedule, curve, rollbacks, run);
        } catch (NoSuchFileException e) {
            throw new LmkitException("checkpoint " + file + " does not exist", e);
        } catch (EOFException e) {
            throw new LmkitException("checkpoint " + file + " is truncated; delete it to start afresh", e);
        } catch (MemoryBudget.InsufficientMemoryException e) {
            throw new LmkitException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        } catch (IOException | IllegalArgumentException e) {
            throw new LmkitException("cannot read checkpoint " + file + ": " + e.getMessage()
                    + "; it is corrupt. Delete it to start afresh", e);
        }
    }

    private static void writeArrays(DataOutputStream out, Map<String, double[]> arrays) throws IOException {
        out.writeInt(arrays.size());
        for (Map.Entry<String, double[]> e : arrays.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeInt(e.getValue().length);
            for (double v : e.getValue()) {
                out.writeDouble(v);
            }
        }
    }

    private static Map<String, double[]> readArrays(DataInputStream in, long maxValues) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 1_000_000) {
            throw new IOException("corrupt checkpoint (" + n + " arrays)");
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            int len = in.readInt();
            if (len < 0) {
                throw new IOException("corrupt checkpoint (array '" + name + "' of length " + len + ")");
            }
            if (len > maxValues) {
                // Deflate expands at most about 1032:1, so a longer array cannot be in the file.
                throw new IOException("corrupt checkpoint (array '" + name + "' claims " + len + " values, more than"
                        + " the file can hold)");
            }
            MemoryBudget.require(MemoryBudget.times(len, Double.BYTES), "checkpoint array '" + name + "' of " + len
                    + " values", "a checkpoint that is not corrupt");
            double[] v = new double[len];
            for (int j = 0; j < len; j++) {
                v[j] = in.readDouble();
            }
            out.put(name, v);
        }
        return out;
    }
}
