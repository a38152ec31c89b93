package io.lmkit.core.reference;

import io.lmkit.core.model.ModelState;

/** The one state of a model that ignores context (uniform, unigram). */
enum SingletonState implements ModelState {
    INSTANCE
}
