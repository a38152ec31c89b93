package io.lmkit.rnn.model;

import io.lmkit.neural.backend.ComputeBackend;
import io.lmkit.neural.backend.Tensor;
import io.lmkit.neural.backend.Workspace;
import io.lmkit.neural.block.Linear;
import io.lmkit.neural.param.Parameter;
import io.lmkit.neural.param.ParameterStore;

/**
 * The softmax layer of a recurrent model: logits [rows, K] from the top layer's outputs
 * [rows, H], either with its own weight or with the input embeddings tied to it (Press &amp; Wolf
 * 2017; Inan et al. 2017), in which case the logit of a word is its embedding's dot product with h.
 */
interface OutputLayer {

    /** logits = top·W + b. */
    void forward(Tensor top, Tensor logits);

    /**
     * logits = top·W, the bias left out, for scoring: the float64 log-softmax adds {@link #bias()} as it
     * reads each row, to the same float32 values as {@link #forward} holds, without a pass of its own.
     * Every element of {@code logits} is written.
     */
    void forwardUnbiased(Tensor top, Tensor logits);

    /** The bias b [1, K]. */
    Tensor bias();

    /** Declares the weight constant to the backend for {@link #forwardUnbiased} until the handle closes. */
    ComputeBackend.ConstantOperand holdForScoring();

    /** Adds the weights' gradients and sets dTop = dLogits·Wᵀ. */
    void backward(Tensor top, Tensor dLogits, Tensor dTop);

    /** dTop = dLogits·Wᵀ without touching any gradient (for diagnostics). */
    void inputGradient(Tensor dLogits, Tensor dTop);

    /** An output layer with its own weight [H, K] and bias. */
    static OutputLayer untied(ParameterStore store, int hidden, int classes, double scale, long seed) {
        Linear linear = new Linear(store, "output", hidden, classes, true, scale, seed);
        ComputeBackend backend = store.backend();
        Parameter bias = store.get("output.bias");
        return new OutputLayer() {
            @Override
            public void forward(Tensor top, Tensor logits) {
                linear.forward(top, logits, false);
            }

            @Override
            public void forwardUnbiased(Tensor top, Tensor logits) {
                backend.gemm(false, false, 1, top, linear.weight().value(), 0, logits);
            }

            @Override
            public ComputeBackend.ConstantOperand holdForScoring() {
                return backend.holdConstant(linear.weight().value(), false);
            }

            @Override
            public Tensor bias() {
                return bias.value();
            }

            @Override
            public void backward(Tensor top, Tensor dLogits, Tensor dTop) {
                linear.backward(top, dLogits, dTop, false);
            }

            @Override
            public void inputGradient(Tensor dLogits, Tensor dTop) {
                backend.gemm(false, true, 1, dLogits, linear.weight().value(), 0, dTop);
            }
        };
    }

    /**
     * An output layer whose weight is the embedding table E [V, H] (H must equal the embedding
     * width), restricted to the class words: every id but {@code <s>} (id 1), so the logits over all
     * ids lose their column 1. Its scratch tensors come from {@code workspace}.
     */
    static OutputLayer tied(ParameterStore store, Workspace workspace, Parameter embedding, int classes, int bos) {
        ComputeBackend backend = store.backend();
        Parameter bias = store.zeros("output.bias", 1, classes);
        int vocabulary = embedding.value().rows();
        return new OutputLayer() {
            /** Logits over all ids [rows, V] into logits over the classes [rows, K]. */
            private void dropBos(Tensor all, Tensor logits) {
                Tensor head = workspace.zeros(all.rows(), bos);
                backend.addColumns(all, 0, head);
                Tensor tail = workspace.zeros(all.rows(), vocabulary - bos - 1);
                backend.addColumns(all, bos + 1, tail);
                backend.copyColumns(head, logits, 0);
                backend.copyColumns(tail, logits, bos);
            }

            /** Gradients over the classes back to all ids, with 0 for {@code <s>}. */
            private Tensor addBos(Tensor dLogits) {
                Tensor head = workspace.zeros(dLogits.rows(), bos);
                backend.addColumns(dLogits, 0, head);
                Tensor tail = workspace.zeros(dLogits.rows(), vocabulary - bos - 1);
                backend.addColumns(dLogits, bos, tail);
                Tensor all = workspace.zeros(dLogits.rows(), vocabulary);
                backend.copyColumns(head, all, 0);
                backend.copyColumns(tail, all, bos + 1);
                return all;
            }

            @Override
            public void forward(Tensor top, Tensor logits) {
                forwardUnbiased(top, logits);
                backend.addRowVector(logits, bias.value());
            }

            @Override
            public void forwardUnbiased(Tensor top, Tensor logits) {
                Tensor all = workspace.overwritten(top.rows(), vocabulary);         // [rows, V] = top·Eᵀ
                backend.gemm(false, true, 1, top, embedding.value(), 0, all);
                dropBos(all, logits);
            }

            @Override
            public ComputeBackend.ConstantOperand holdForScoring() {
                return backend.holdConstant(embedding.value(), true);
            }

            @Override
            public Tensor bias() {
                return bias.value();
            }

            @Override
            public void backward(Tensor top, Tensor dLogits, Tensor dTop) {
                backend.columnSums(dLogits, 1, bias.gradient());
                Tensor all = addBos(dLogits);
                backend.gemm(true, false, 1, all, top, 1, embedding.gradient());   // dE += dAllᵀ·top
                backend.gemm(false, false, 1, all, embedding.value(), 0, dTop);    // dTop = dAll·E
            }

            @Override
            public void inputGradient(Tensor dLogits, Tensor dTop) {
                backend.gemm(false, false, 1, addBos(dLogits), embedding.value(), 0, dTop);
            }
        };
    }
}
