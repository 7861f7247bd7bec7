package org.escape.knowledge;

import java.util.Locale;

/** What a user can do to an article, as the API's {@code actions} names it. */
public enum ArticleAction {
    EDIT("edit"), SUBMIT("submit"), WITHDRAW("withdraw"), SEND_BACK("sendBack"), PUBLISH("publish"), RETIRE("retire");

    private final String apiName;

    ArticleAction(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    /** For messages: "send back", "publish". */
    String words() {
        return name().replace('_', ' ').toLowerCase(Locale.ROOT);
    }
}
