package io.lmkit.core;

/** Something found on the classpath by name: a model, a tokenizer, a compute backend. */
public interface NamedPlugin {

    /** The unique name users type, lower case with hyphens, e.g. {@code modified-kneser-ney}. */
    String name();

    /** One line saying what the plugin is, for listings such as {@code lmkit models}. */
    String description();
}
