package io.lmkit.rnn.cell;

import io.lmkit.neural.backend.Tensor;
import io.lmkit.neural.param.Parameter;

/**
 * One time step of a recurrent layer, with the same weights at every step. The input's share of
 * every step is computed beforehand, for all steps of a segment in one matrix multiply
 * ({@code projected = x·Wx + b}, of width {@link #gates()}·hidden); the cell adds the recurrent
 * share and applies its non-linearities. Shapes: B is the batch, H the hidden size.
 */
public interface RecurrentCell {

    /** How many H-wide blocks the input projection has: 1 (Elman), 4 (LSTM), 3 (GRU). */
    int gates();

    /** The hidden size H. */
    int hidden();

    /** Whether the cell has a memory c besides its output h (an LSTM). */
    boolean hasMemory();

    /** The input weight Wx [in, gates·H]. */
    Parameter inputWeight();

    /** The input bias b [1, gates·H]. */
    Parameter inputBias();

    /**
     * One step forward.
     *
     * @param projected this step's input projection [B, gates·H]
     * @param previous  the state before the step
     * @return the state after the step, with what the backward pass needs
     */
    Step forward(Tensor projected, State previous);

    /**
     * One step backward: adds the recurrent weights' gradients and returns what flows on.
     *
     * @param step the step's forward record
     * @param dh   d(loss)/d(h) of this step (from the output and from the next step)
     * @param dc   d(loss)/d(c) from the next step (null for cells without memory, or at the end)
     * @return d(loss)/d(projected) [B, gates·H] and the gradients for the previous state
     */
    Backward backward(Step step, Tensor dh, Tensor dc);

    /** A layer state: the output h [B, H] and, for an LSTM, the memory c [B, H] (else null). */
    record State(Tensor h, Tensor c) {
    }

    /**
     * What a forward step keeps for its backward step.
     *
     * @param previous the state before the step
     * @param next     the state after the step
     * @param saved    the cell's own intermediate values (gates), in the cell's order
     */
    record Step(State previous, State next, Tensor[] saved) {
    }

    /**
     * What a backward step returns.
     *
     * @param dProjected d(loss)/d(projected) [B, gates·H]
     * @param dhPrevious d(loss)/d(h of the previous step)
     * @param dcPrevious d(loss)/d(c of the previous step), or null
     */
    record Backward(Tensor dProjected, Tensor dhPrevious, Tensor dcPrevious) {
    }
}
