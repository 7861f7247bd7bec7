package org.escape.web.api;

import java.util.List;
import org.escape.access.Label;

/**
 * A label as the API writes and reads it: {@code {"classification":"SECRET","releasableTo":["GBR"]}}
 * ({@code ["ALL"]} for everyone).
 */
public record LabelView(String classification, List<String> releasableTo) {

    public static LabelView of(Label label) {
        return new LabelView(label.classification().name(), label.releasableTo().asList());
    }

    /**
     * The label this view describes.
     *
     * @throws org.escape.access.InvalidLabelException (400 naming the field) when it is not a valid label
     */
    public Label toLabel() {
        return Label.parse(classification, releasableTo);
    }

    /** {@link #toLabel()} of an optional label: null stays null. */
    public static Label toLabel(LabelView view) {
        return view == null ? null : view.toLabel();
    }
}
