package org.escape.web.search;

import java.util.List;

/** {@code {"suggestions":[…]}}: titles and tags of readable items. */
public record SuggestionsView(List<String> suggestions) {
}
