package io.lmkit.neural.optim;

import io.lmkit.core.LmkitException;
import io.lmkit.core.train.Optimizer;
import io.lmkit.core.train.OptimizerState;
import io.lmkit.neural.backend.ComputeBackend;
import io.lmkit.neural.backend.Tensor;
import io.lmkit.neural.param.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SGD (with momentum and Nesterov), Adagrad, RMSProp, Adam and AdamW, each step one fused backend
 * operation per parameter. The per-parameter buffers (velocity, accumulators, moments) live on the
 * parameters' backend and are part of the {@link OptimizerState} a checkpoint keeps.
 */
final class BackendOptimizer implements Optimizer<Parameter> {

    private final OptimizerConfig config;
    private final Map<String, Tensor[]> buffers = new LinkedHashMap<>();
    private long steps;

    BackendOptimizer(OptimizerConfig config) {
        this.config = config;
    }

    private int buffersPerParameter() {
        return switch (config.kind()) {
            case SGD -> config.momentum() > 0 ? 1 : 0;
            case ADAGRAD, RMSPROP -> 1;
            case ADAM, ADAMW -> 2;
        };
    }

    @Override
    public void init(List<Parameter> parameters) {
        buffers.clear();
        steps = 0;
        for (Parameter p : parameters) {
            Tensor[] b = new Tensor[buffersPerParameter()];
            for (int i = 0; i < b.length; i++) {
                b[i] = p.value().backend().zeros(p.value().rows(), p.value().cols());
            }
            buffers.put(p.name(), b);
        }
    }

    @Override
    public void step(List<Parameter> parameters, double learningRate) {
        steps++;
        for (Parameter p : parameters) {
            Tensor[] b = buffers.get(p.name());
            if (b == null) {
                throw new IllegalStateException("optimizer was not initialised with parameter '" + p.name() + "'");
            }
            ComputeBackend be = p.value().backend();
            switch (config.kind()) {
                case SGD -> be.sgdUpdate(p.value(), p.gradient(), b.length == 0 ? null : b[0], learningRate,
                        config.momentum(), config.nesterov());
                case ADAGRAD -> be.adagradUpdate(p.value(), p.gradient(), b[0], learningRate, config.epsilon());
                case RMSPROP -> be.rmspropUpdate(p.value(), p.gradient(), b[0], learningRate, config.beta2(),
                        config.epsilon());
                case ADAM, ADAMW -> be.adamUpdate(p.value(), p.gradient(), b[0], b[1], learningRate, config.beta1(),
                        config.beta2(), config.epsilon(), config.kind() == OptimizerConfig.Kind.ADAMW
                                ? config.weightDecay() : 0, steps);
            }
        }
    }

    @Override
    public OptimizerState state() {
        Map<String, double[]> out = new LinkedHashMap<>();
        buffers.forEach((name, b) -> {
            for (int i = 0; i < b.length; i++) {
                out.put(i + "/" + name, b[i].toDoubleArray());
            }
        });
        return new OptimizerState(config.kind().name().toLowerCase(java.util.Locale.ROOT), steps, out);
    }

    @Override
    public void restore(OptimizerState state) {
        String expected = config.kind().name().toLowerCase(java.util.Locale.ROOT);
        if (!state.optimizer().equals(expected)) {
            throw new LmkitException("the checkpoint holds " + state.optimizer() + " state, but training uses "
                    + expected + "; resume with the optimizer the checkpoint was made with");
        }
        List<String> names = new ArrayList<>(buffers.keySet());
        for (String name : names) {
            Tensor[] b = buffers.get(name);
            for (int i = 0; i < b.length; i++) {
                double[] v = state.buffers().get(i + "/" + name);
                if (v == null || v.length != b[i].size()) {
                    throw new LmkitException("the checkpoint's optimizer state does not fit parameter '" + name
                            + "'; it belongs to another model configuration");
                }
                b[i].set(v);
            }
        }
        steps = state.steps();
    }

    @Override
    public Optimizer<Parameter> copy() {
        return new BackendOptimizer(config);
    }
}
