package org.escape.platform;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import org.escape.access.Label;
import org.escape.access.LabelPredicate;
import org.escape.access.StoredLabel;

/**
 * A label as an entity stores it: the two columns of {@link StoredLabel}, so that the JPQL and SQL
 * forms of R1 ({@link LabelPredicate}) apply to every labelled table alike. The attribute names
 * are the ones {@link LabelPredicate#RANK_ATTRIBUTE} and {@link LabelPredicate#RELEASABLE_TO_ATTRIBUTE}
 * expect.
 *
 * <p>Immutable once built; an entity replaces its label rather than editing it.
 */
@Embeddable
public class PersistentLabel {

    @Column(name = StoredLabel.CLASSIFICATION_RANK_COLUMN, nullable = false)
    private int classificationRank;

    @Column(name = StoredLabel.RELEASABLE_TO_COLUMN, nullable = false, length = StoredLabel.RELEASABLE_TO_MAX_LENGTH)
    private String releasableTo;

    protected PersistentLabel() {
        // for JPA
    }

    private PersistentLabel(StoredLabel stored) {
        this.classificationRank = stored.classificationRank();
        this.releasableTo = stored.releasableTo();
    }

    public static PersistentLabel of(Label label) {
        return new PersistentLabel(StoredLabel.from(label));
    }

    public Label label() {
        return new StoredLabel(classificationRank, releasableTo).toLabel();
    }
}
