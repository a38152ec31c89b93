package io.lmkit.ngram;

import io.lmkit.core.vocab.Vocabulary;
import java.util.List;

/**
 * The vocabulary ids KenLM gives the words of an n-gram model, so that output meant to match
 * KenLM's {@code query} prints the same {@code word=id}.
 *
 * <p>KenLM numbers an ARPA file's unigrams in the order the file lists them, {@code <unk>} always
 * 0 and every other word from 1 up (its probing vocabulary). lmkit's vocabulary keeps the same
 * order for ordinary words but fixes {@code <s>} at 1 and {@code </s>} at 2, so the two numberings
 * differ only by where {@code <s>} and {@code </s>} stood in the file; that is all this records.
 * Files that list {@code <unk>}, {@code <s>}, {@code </s>} first (lmplz's and lmkit's own) give
 * the same ids in both. (KenLM also takes {@code <UNK>} for its unknown word; lmkit does not, so a
 * file that spells it so is numbered from that word on as if it were an ordinary one.)
 *
 * @param bos KenLM's id of {@code <s>} (at least 1)
 * @param eos KenLM's id of {@code </s>} (at least 1, not {@code bos})
 */
public record KenlmWordIds(int bos, int eos) {

    /** The numbering of a file that lists {@code <unk>}, {@code <s>}, {@code </s>} first: lmkit's own ids. */
    public static final KenlmWordIds SAME_AS_LMKIT = new KenlmWordIds(1, 2);

    /** Validates the ids. */
    public KenlmWordIds {
        if (bos < 1 || eos < 1 || bos == eos) {
            throw new IllegalArgumentException("KenLM ids of <s> and </s> must be distinct and at least 1, got "
                    + bos + " and " + eos);
        }
    }

    /**
     * The numbering KenLM gives an ARPA file whose unigrams are {@code unigramsInFileOrder}. A file
     * without {@code <s>} or {@code </s>} gets them after its last word.
     */
    public static KenlmWordIds ofArpaUnigrams(List<String> unigramsInFileOrder) {
        int next = 1;
        int bos = -1;
        int eos = -1;
        for (String w : unigramsInFileOrder) {
            if (w.equals(Vocabulary.UNK)) {
                continue;
            }
            if (w.equals(Vocabulary.BOS)) {
                bos = next;
            } else if (w.equals(Vocabulary.EOS)) {
                eos = next;
            }
            next++;
        }
        if (bos < 0) {
            bos = next++;
        }
        if (eos < 0) {
            eos = next;
        }
        return new KenlmWordIds(bos, eos);
    }

    /** KenLM's id of the word lmkit numbers {@code lmkitId} (0 for {@code <unk>}). */
    public int of(int lmkitId) {
        if (lmkitId <= 0) {
            return 0;
        }
        if (lmkitId == 1) {
            return bos;
        }
        if (lmkitId == 2) {
            return eos;
        }
        // The (lmkitId − 2)-th ordinary word takes the next id that <s> and </s> do not hold.
        int id = lmkitId - 2;
        int low = Math.min(bos, eos);
        int high = Math.max(bos, eos);
        if (id >= low) {
            id++;
        }
        if (id >= high) {
            id++;
        }
        return id;
    }
}
