package org.escape.knowledge;

import java.util.List;
import org.escape.access.Label;

/** A request to promote an incident to a draft; every field may be null. */
public record PromotionRequest(String title, String summary, List<Long> messages, Label label) {
}
