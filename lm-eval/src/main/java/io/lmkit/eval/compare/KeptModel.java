package io.lmkit.eval.compare;

import java.nio.file.Path;

/**
 * The model file a comparison keeps of one entry for the report folder's {@code models/}: a trained
 * entry's file as the comparison evaluated it, waiting in the work folder until the report is
 * written; a pre-built entry keeps none, and the report names the file it was loaded from instead.
 *
 * @param label    the entry's label
 * @param source   the model file: in the work folder for a trained entry, the user's file for a
 *                 pre-built one
 * @param prebuilt whether the entry was loaded from {@code source} rather than trained
 */
public record KeptModel(String label, Path source, boolean prebuilt) {

    /** The file's name inside {@code models/}: the label made file-system safe, as the work folder names entries. */
    public String fileName() {
        return ComparisonWork.folderName(label) + ".lmkit";
    }
}
