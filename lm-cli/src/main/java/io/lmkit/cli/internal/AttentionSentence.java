package io.lmkit.cli.internal;

import io.lmkit.core.vocab.Vocabulary;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A sentence as an attention model reads it: the vocabulary ids of its words (a word the
 * vocabulary does not know becomes {@code <unk>}, as when scoring) and the labels of the positions
 * a heat map shows, {@code <s>} first.
 *
 * @param ids       the words' ids, without {@code <s>}
 * @param positions the positions' labels: {@code <s>}, then each word as the model sees it
 * @param unknown   the words that became {@code <unk>}, each once, in order of appearance
 */
record AttentionSentence(int[] ids, List<String> positions, List<String> unknown) {

    /** Copies the lists. */
    AttentionSentence {
        ids = ids.clone();
        positions = List.copyOf(positions);
        unknown = List.copyOf(unknown);
    }

    @Override
    public int[] ids() {
        return ids.clone();
    }

    /** The words (as the tokenizer split them) looked up in {@code vocabulary}. */
    static AttentionSentence of(List<String> words, Vocabulary vocabulary) {
        int[] ids = new int[words.size()];
        List<String> positions = new ArrayList<>(List.of(Vocabulary.BOS));
        Set<String> unknown = new LinkedHashSet<>();
        for (int i = 0; i < ids.length; i++) {
            String w = words.get(i);
            ids[i] = vocabulary.id(w);
            if (!vocabulary.contains(w)) {
                unknown.add(w);
            }
            positions.add(vocabulary.word(ids[i]));
        }
        return new AttentionSentence(ids, positions, new ArrayList<>(unknown));
    }

    /** How many words (positions after {@code <s>}). */
    int words() {
        return ids.length;
    }
}
